"""Text that comes in from outside (a typed field, an imported file): what is refused and how
line endings are made one.

Pure and Qt-free. Two kinds of character are refused, each named by its code point so the
officer can find it:

- a lone surrogate (U+D800 to U+DFFF): half of a character that cannot be stored, printed or
  put in a PDF. JSON escapes such as "\\ud800" decode to one;
- an invisible control character (U+0000 to U+001F and U+007F to U+009F) other than a line
  break ("\\n") or a tab ("\\t"). Carriage returns are not refused: `normalise_text` turns
  "\\r\\n" and a lone "\\r" into "\\n" first.

Everything else (accents, Polish letters, right-to-left text, emoji, "<" and "&") is text.
The walkers never recurse, so a value nested 100,000 levels deep cannot exhaust the stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from officer_app.field_path import Part, build_path

# Control characters except \t (U+0009) and \n (U+000A); \r is allowed here only because the
# checks below run on normalised text, where no \r is left.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SURROGATE = "\ud800-\udfff"
_REFUSED = re.compile(f"[{_CONTROL}\r{_SURROGATE}]")


def normalise_text(s: str) -> str:
    """Line endings made one: "\\r\\n" and "\\r" become "\\n". Nothing else changes."""
    if "\r" not in s:
        return s
    return s.replace("\r\n", "\n").replace("\r", "\n")


def text_problem(s: str) -> str | None:
    """What is wrong with this text in plain words (naming the first offending code point), or
    None. Call it on normalised text: a carriage return counts as a control character."""
    found = _REFUSED.search(s)
    if found is None:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"contains a character that is not valid text ({code})"
    return f"contains an invisible control character ({code})"


def key_problem(problem: str) -> str:
    """A `text_problem` said of a field name rather than of a value."""
    return f"has a field name that {problem}"


# A path is kept as a chain (parent, part) while walking and built only when a problem is
# found, so walking costs the same however deep the value is.
_Chain = tuple[Any, Part] | None


def _path(chain: _Chain, prefix: str) -> str:
    parts: list[Part] = []
    while chain is not None:
        chain, part = chain
        parts.append(part)
    path = build_path(parts[::-1])
    if not prefix:
        return path
    if not path:
        return prefix
    return prefix + path if path.startswith("[") else f"{prefix}.{path}"


class _KeyProblem:
    """A field name's problem, waiting on the stack for its turn in document order."""

    __slots__ = ("problem",)

    def __init__(self, problem: str):
        self.problem = problem


def text_problems_in(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, problem) for every string in a JSON value, object keys included, that
    `text_problem` refuses once normalised; in document order. A key's problem is given at the
    path of the object that holds it ("has a field name that contains ..."). Values that are
    not strings, lists or dicts are ignored."""
    stack: list[tuple[Any, _Chain]] = [(value, None)]
    while stack:
        item, chain = stack.pop()
        if isinstance(item, str):
            problem = text_problem(normalise_text(item))
            if problem:
                yield _path(chain, path), problem
        elif isinstance(item, _KeyProblem):
            yield _path(chain, path), item.problem
        elif isinstance(item, dict):
            children: list[tuple[Any, _Chain]] = []
            for key, child in item.items():
                if isinstance(key, str):
                    problem = text_problem(normalise_text(key))
                    if problem:
                        children.append((_KeyProblem(key_problem(problem)), chain))
                        continue
                children.append((child, (chain, key)))
            stack.extend(reversed(children))
        elif isinstance(item, list):
            stack.extend((child, (chain, i)) for i, child in reversed(list(enumerate(item))))


def normalised_json(value: Any) -> Any:
    """A copy of a JSON value with every string, object keys included, passed through
    `normalise_text`. Lists and dicts are copied; other values are kept as they are. The value
    must be a tree (as json.loads returns): a list that contains itself never ends."""
    result: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(value, result, 0)]
    while stack:
        item, target, slot = stack.pop()
        if isinstance(item, str):
            target[slot] = normalise_text(item)
        elif isinstance(item, dict):
            copy: dict[Any, Any] = {}
            target[slot] = copy
            children = []
            for key, child in item.items():
                key = normalise_text(key) if isinstance(key, str) else key
                copy[key] = None
                children.append((child, copy, key))
            stack.extend(reversed(children))  # in document order: a later twin key wins
        elif isinstance(item, list):
            copied: list[Any] = [None] * len(item)
            target[slot] = copied
            stack.extend((child, copied, i) for i, child in enumerate(item))
        else:
            target[slot] = item
    return result[0]
