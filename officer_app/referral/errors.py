"""ReferralError and the one-sentence messages a person reads when a referral cannot be made."""

from __future__ import annotations

from pathlib import Path

from officer_app.files import WriteError


class ReferralError(Exception):
    """The referral could not be written; the message is one sentence a person can act on."""


def failure_message(out: Path, exc: Exception) -> str:
    """One sentence for what went wrong while building or writing."""
    if isinstance(exc, WriteError):  # the folder vanished or refuses the temporary file
        return f"Cannot write the referral: {exc}."
    if isinstance(exc, PermissionError):
        return (
            f"Cannot write the referral: {out} cannot be written (permission denied; "
            "is it open in another program?)."
        )
    if isinstance(exc, OSError):
        return f"Cannot write the referral to {out}: {exc.strerror or exc}."
    return f"Cannot write the referral to {out}: {type(exc).__name__}: {exc}."
