"""officer-app core: the checklist definition, safeguarding rules, local store, interchange
and PDF referral. Nothing in this package imports Qt."""

__version__ = "0.1.0"
