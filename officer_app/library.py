"""The installed checklist definitions and risk tools, by id and version.

Every definition is checked against the rules when it is loaded: a definition that names a
rule this version does not know, or lacks a field one of its rules reads, fails to load with
the file, the rule and the field named (officer_app.rules.check_definition).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from officer_app import coverage, paths
from officer_app.definition import (
    Definition,
    DefinitionError,
    RiskTool,
    read_definition_file,
    read_risk_tool_file,
)
from officer_app.rules import check_definition


class Library:
    """Every checklist definition and risk tool found in the given folders, by id and version."""

    def __init__(self, definition_dirs: list[Path], risk_tool_dirs: list[Path]):
        self.definitions: dict[tuple[str, int], Definition] = {}
        self.risk_tools: dict[tuple[str, int], RiskTool] = {}
        for path in _json_files(definition_dirs):
            d = read_definition_file(path)
            check_definition(d)
            coverage.check_definition(d)
            self._add(self.definitions, (d.id, d.version), d, path)
        for path in _json_files(risk_tool_dirs):
            t = read_risk_tool_file(path)
            self._add(self.risk_tools, (t.id, t.version), t, path)
        if not self.definitions:
            raise DefinitionError("no checklist definitions found in " + _names(definition_dirs))

    @staticmethod
    def _add(target: dict, key: tuple, item: Any, path: Path) -> None:
        if key in target:
            raise DefinitionError(f"{path.name}: {key[0]} version {key[1]} is defined twice")
        target[key] = item

    def definition(self, definition_id: str, version: int | None = None) -> Definition:
        if version is None:
            versions = [v for (i, v) in self.definitions if i == definition_id]
            if not versions:
                raise DefinitionError(f"no checklist definition called '{definition_id}'")
            version = max(versions)
        try:
            return self.definitions[(definition_id, version)]
        except KeyError:
            raise DefinitionError(
                f"checklist definition '{definition_id}' version {version} is not installed"
            ) from None

    def for_checklist(self, checklist) -> tuple[Definition, RiskTool]:
        """The definition and risk tool a checklist was filled with (never the newest)."""
        return (
            self.definition(checklist.definition_id, checklist.definition_version),
            self.risk_tool(checklist.risk_tool_id, checklist.risk_tool_version),
        )

    def latest_definition(self) -> Definition:
        """The newest version of the first definition id (the one new checklists use)."""
        first_id = sorted(self.definitions)[0][0]
        return self.definition(first_id)

    def risk_tool(self, tool_id: str, version: int | None = None) -> RiskTool:
        if version is None:
            versions = [v for (i, v) in self.risk_tools if i == tool_id]
            if not versions:
                raise DefinitionError(f"no risk tool called '{tool_id}'")
            version = max(versions)
        try:
            return self.risk_tools[(tool_id, version)]
        except KeyError:
            raise DefinitionError(
                f"risk tool '{tool_id}' version {version} is not installed"
            ) from None


def _json_files(dirs: list[Path]) -> list[Path]:
    return [p for d in dirs if d.is_dir() for p in sorted(d.glob("*.json"))]


def _names(dirs: list[Path]) -> str:
    return ", ".join(str(d) for d in dirs)


_default_library: Library | None = None


def default_library() -> Library:
    """The library of the bundled and user-installed definitions (loaded once)."""
    global _default_library
    if _default_library is None:
        _default_library = Library(paths.checklist_definition_dirs(), paths.risk_tool_dirs())
    return _default_library
