"""What an officer types into a date, time or number box, turned into a stored value and back.

British forms are accepted (14/03/2019, 14.03.2019, 2019-03-14; 23:05 or 2305). Text that
cannot be read is kept as typed, so nothing is lost: the format rule then names the field and
says what is wrong.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

_DATE_FORMATS = ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d")
_TIME = re.compile(r"^\s*(\d{1,2})[:.]?(\d{2})\s*$")


def parse_typed(field_type: str, text: str) -> Any:
    """The value to store for what was typed: ISO text or an int when readable, else the text."""
    stripped = text.strip()
    if not stripped:
        return None
    reader = _READERS.get(field_type)
    if reader is None:
        return text
    value = reader(stripped)
    return text if value is None else value


def show_typed(field_type: str, value: Any) -> str:
    """A stored value as the officer reads and edits it."""
    if value is None:
        return ""
    if field_type == "date":
        parsed = _try(lambda: datetime.strptime(value, "%Y-%m-%d"))
        return parsed.strftime("%d/%m/%Y") if parsed else str(value)
    if field_type == "datetime":
        parsed = _try(lambda: datetime.strptime(value, "%Y-%m-%dT%H:%M"))
        return parsed.strftime("%d/%m/%Y %H:%M") if parsed else str(value)
    return str(value)


def _try(make):
    try:
        return make()
    except (ValueError, TypeError):
        return None


def _read_date(text: str) -> str | None:
    for fmt in _DATE_FORMATS:
        parsed = _try(lambda fmt=fmt: datetime.strptime(text, fmt))
        if parsed and parsed.year >= 1900:
            return parsed.strftime("%Y-%m-%d")
    return None


def _read_time(text: str) -> str | None:
    match = _TIME.match(text)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def _read_datetime(text: str) -> str | None:
    parts = text.replace("T", " ").split()
    if len(parts) != 2:
        return None
    day, clock = _read_date(parts[0]), _read_time(parts[1])
    return f"{day}T{clock}" if day and clock else None


def _read_integer(text: str) -> int | None:
    return int(text) if re.fullmatch(r"[+-]?\d{1,6}", text) else None


_READERS = {
    "date": _read_date,
    "time": _read_time,
    "datetime": _read_datetime,
    "integer": _read_integer,
}
