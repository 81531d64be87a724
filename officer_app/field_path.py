"""Field paths: the name of one answer in a checklist.

"incident.reference", "children[1].spoken_alone_reason", "adults[0].relationships[2].child".
A path is a chain of field ids and repeat indexes. This module knows only the syntax, so the
definition (which resolves a path to a field) and the checklist (which resolves it to a value)
can both use it without importing each other.
"""

from __future__ import annotations

import re

Part = str | int

_PATH_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def parse_path(path: str) -> list[Part]:
    """'children[1].name' -> ['children', 1, 'name']; ValueError for anything else."""
    parts: list[Part] = []
    for piece in path.split("."):
        matches = list(_PATH_PART.finditer(piece))
        if not matches or "".join(m.group(0) for m in matches) != piece:
            raise ValueError(f"'{path}' is not a field path")
        for m in matches:
            parts.append(m.group(1) if m.group(1) else int(m.group(2)))
    return parts


def join_path(parent: str, name: Part) -> str:
    """'children' + 1 -> 'children[1]'; 'children[1]' + 'name' -> 'children[1].name'."""
    if isinstance(name, int):
        return f"{parent}[{name}]"
    return f"{parent}.{name}" if parent else name


def build_path(parts: list[Part]) -> str:
    """The inverse of parse_path."""
    path = ""
    for part in parts:
        path = join_path(path, part)
    return path


def field_ids(path: str) -> list[str]:
    """The field ids of a path without its indexes: 'children[1].name' -> ['children', 'name']."""
    return [part for part in parse_path(path) if isinstance(part, str)]
