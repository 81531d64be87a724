"""Corpora of realistic officer-written texts for the wording checks (officer_app.wording),
and the runner that measures each check's rates: python -m tests.corpus.rates."""
