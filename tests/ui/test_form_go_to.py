"""Every path a rule can report leads to a control the officer can use: shown, focused, on
screen, and the field's own control, or the nearest one that is shown."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from officer_app import interchange
from tests.conftest import EXAMPLES

# Paths no rule of the example reports, but rules can: a whole repeat, an entry, a nested
# entry, the risk answers, and fields hidden now (each with the field whose answer shows it).
MORE = {
    "children": "children",  # the shown entry's first field
    "children[1]": "children[1].status",
    "adults[1].relationships": "adults[1].relationships",
    "adults[0].relationships[1]": "adults[0].relationships[1].child",
    "risk.answers": "risk.answers",
    "incident.bwv_not_recorded_reason": "incident.bwv",  # body-worn video was recorded
    "children[0].not_seen_reason": "children[0].seen",  # Kacper was seen
    "children[1].welfare_how": "children[1].location",  # Amelia was at home
    "adults[0].not_arrested_reason": "adults[0].role",  # only a suspect is arrested
    "incident.intel_checks[3].system": "incident.intel_checks",  # no such check
}


def usable(widget: QWidget, window) -> bool:
    tab = widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
    return bool(tab) and widget.isVisibleTo(window) and widget.isEnabled()


def on_screen(form, widget: QWidget) -> bool:
    viewport = form.pages.currentWidget().viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def test_every_problem_and_every_kind_of_path_leads_to_a_shown_control(qtbot, library, open_draft):
    checklist = interchange.read_file(EXAMPLES / "invalid-several-rules.json", library)
    window = open_draft(checklist)
    window.resize(1366, 768)
    with qtbot.waitActive(window):
        window.activateWindow()
    form = window.form
    problems = {p.path: p.path for p in form.problems}
    assert len(problems) >= 10
    assert {"incident.intel_checks", "risk.answers.weapons", "children[1].seen"} <= set(problems)
    for path, owner in {**problems, **MORE}.items():
        target = form.go_to(path)
        assert target is not None, path
        assert usable(target, window), path
        assert QApplication.focusWidget() is target, path
        assert on_screen(form, target), path
        if owner.startswith("risk.answers."):
            group = form.editors["risk.answers"].rows[owner.rsplit(".", 1)[1]][0]
            assert target in group.buttons(), path
        else:
            assert form.rows[owner].isAncestorOf(target), (path, owner)
