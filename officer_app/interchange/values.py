"""Values from outside, before any definition is consulted: the limits a reader holds a
document to (size, depth, numbers, text), and one pass that copies a parsed document with its
line endings made one while collecting every value no definition allows, each with its path.
No recursion: a document nested 100,000 levels deep costs a loop, not the stack."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from officer_app.field_path import Part, build_path
from officer_app.text_input import key_problem, normalise_text, text_problem

# Limits on what a reader accepts. A real checklist is a few tens of kilobytes, six
# levels deep, and its numbers are ages and counts.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 64  # lists and objects inside one another, the document itself counting as one
MAX_INTEGER_DIGITS = 15  # below 2**53: every reader of JSON keeps such an integer exact
MAX_PROBLEMS = 1000  # listed; beyond this one line says how many more there are

_INTEGER_LIMIT = 10**MAX_INTEGER_DIGITS
_TOO_DEEP = f"is nested too deeply (more than {MAX_DEPTH} levels of lists and objects)"
_TOO_LONG = f"is a number with more than {MAX_INTEGER_DIGITS} digits"
_NOT_WHOLE = "is a number with a fraction or an exponent (only whole numbers are accepted)"
_NOT_A_NUMBER = "is NaN or Infinity, which JSON does not allow"
_KEY_NOT_TEXT = "has a field name that is not text"


class _Refused:
    """Stands in for a value that is refused (a number json.loads was not allowed to convert,
    a field name) until its turn comes to be reported with its path."""

    __slots__ = ("problem",)

    def __init__(self, problem: str):
        self.problem = problem


class _Twins(dict):
    """A JSON object that gave the same name more than once (json.loads keeps the last)."""

    twins: list[str]


def _parse_int(digits: str) -> int | _Refused:
    if len(digits) - digits.startswith("-") > MAX_INTEGER_DIGITS:
        return _Refused(_TOO_LONG)  # never int(): Python refuses strings over 4,300 digits
    return int(digits)


def _parse_float(_text: str) -> _Refused:
    return _Refused(_NOT_WHOLE)


def _parse_constant(_name: str) -> _Refused:
    return _Refused(_NOT_A_NUMBER)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    twins = _Twins(obj)
    twins.twins = sorted(name for name, n in Counter(k for k, _ in pairs).items() if n > 1)
    return twins


_Chain = tuple[Any, Part] | None


def _document_path(chain: _Chain) -> str:
    """The path of a place in the document as problems name it: the answers without the
    leading 'data.' ("children[0].name"), the envelope by its key ("uid")."""
    parts: list[Part] = []
    while chain is not None:
        chain, part = chain
        parts.append(part)
    parts.reverse()
    if len(parts) > 1 and parts[0] == "data":
        parts = parts[1:]
    return build_path(parts)


def _clean_copy(raw: Any) -> tuple[Any, list[tuple[str, str]]]:
    """A copy of a document with its line endings made one, and the problems of its values
    that no definition allows: text that cannot be stored, numbers out of bounds, nesting too
    deep, names given twice, values that are not JSON. One pass, no recursion."""
    found: list[tuple[_Chain, str]] = []
    result: list[Any] = [None]
    # (value, where its copy goes, the slot there, its path as a chain, containers around it)
    stack: list[tuple[Any, Any, Any, _Chain, int]] = [(raw, result, 0, None, 0)]
    while stack:
        value, target, slot, chain, depth = stack.pop()
        if isinstance(value, str):
            value = normalise_text(value)
            problem = text_problem(value)
            if problem:
                found.append((chain, problem))
            target[slot] = value
        elif value is None or isinstance(value, bool):
            target[slot] = value
        elif isinstance(value, int):
            if not -_INTEGER_LIMIT < value < _INTEGER_LIMIT:
                found.append((chain, _TOO_LONG))
            target[slot] = value
        elif isinstance(value, float):
            found.append((chain, _NOT_WHOLE if math.isfinite(value) else _NOT_A_NUMBER))
        elif isinstance(value, _Refused):
            found.append((chain, value.problem))
        elif isinstance(value, dict | list) and depth >= MAX_DEPTH:
            found.append((chain, _TOO_DEEP))
        elif isinstance(value, dict):
            copy: dict[str, Any] = {}
            target[slot] = copy
            for name in getattr(value, "twins", ()):
                if text_problem(normalise_text(name)) is None:
                    found.append((chain, f"gives the field '{name}' more than once"))
            children: list[tuple[Any, Any, Any, _Chain, int]] = []
            for key, child in value.items():
                if not isinstance(key, str):
                    children.append((_Refused(_KEY_NOT_TEXT), None, None, chain, depth))
                    continue
                key = normalise_text(key)
                problem = text_problem(key)
                if problem:  # reported in its turn, as the values around it are
                    children.append((_Refused(key_problem(problem)), None, None, chain, depth))
                    continue
                copy[key] = None
                children.append((child, copy, key, (chain, key), depth + 1))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            copied: list[Any] = [None] * len(value)
            target[slot] = copied
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], copied, i, (chain, i), depth + 1))
        else:
            found.append((chain, f"is not a JSON value ({type(value).__name__})"))
    return result[0], [(_document_path(chain), problem) for chain, problem in found]
