"""The summary page as an officer and a screen reader meet it: an outcome line that agrees
with the problems, the risk questions as one line, the score beside the grade, the children
as a real table, and no sideways scrolling."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFontMetrics
from PySide6.QtTest import QTest

from officer_app import interchange
from tests.conftest import EXAMPLES
from tests.ui.conftest import record_announcements as recorded
from tests.ui.driver import FormDriver, press_space

OWN_WORDS = "Tata krzyczał & mama płakała <bardzo>."


def to_summary(form):
    form.go_to_section(form.sections.count() - 1)
    return form.summary


def list_texts(summary) -> list[str]:
    return [summary.problem_list.item(i).text() for i in range(summary.problem_list.count())]


def record_announcements(monkeypatch) -> list[tuple[str, bool]]:
    import ui.summary_page

    return recorded(monkeypatch, ui.summary_page)


def test_after_a_refusal_the_outcome_follows_the_problems_put_right(
    qtbot, valid_checklist, open_draft, monkeypatch
):
    said = record_announcements(monkeypatch)
    valid_checklist.data["children"][0]["own_words"] = ""
    form = open_draft(valid_checklist).form
    summary = to_summary(form)
    qtbot.mouseClick(summary.submit_button, Qt.MouseButton.LeftButton)

    assert summary.outcome.isVisible()
    assert summary.outcome.text().startswith("Not submitted: 1 problem must be put right")
    assert said and said[-1][1] is True and said[-1][0].startswith("Not submitted")
    assert form.window().focusWidget() is summary.problem_list

    FormDriver(qtbot, form).set("children[0].own_words", OWN_WORDS)
    to_summary(form)
    assert "Not submitted" not in summary.outcome.text()
    assert summary.outcome.text().startswith("✓ Nothing left")
    assert not any("Nothing left" in text for text in list_texts(summary))
    assert form.checklist.state == "draft"


def test_unanswered_risk_questions_are_one_line_that_goes_to_the_first(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    summary = to_summary(form)
    risk_lines = [t for t in list_texts(summary) if t.startswith("✗ Risk") and "question" in t]
    assert risk_lines == ["✗ Risk: 27 questions not answered yet (the first is question 1)"]
    form.submit()  # refused: the count is of the list's lines, the 27 questions one of them
    error_lines = [t for t in list_texts(summary) if t.startswith("✗")]
    assert summary.outcome.text().startswith(f"Not submitted: {len(error_lines)} problems")

    editor = form.editors["risk.answers"]
    first = form.tool.questions[0]
    press_space(editor.rows[first.id][0].button(0))  # question 1: Yes
    qtbot.waitUntil(lambda: any("26 questions" in t for t in list_texts(summary)), timeout=2000)
    to_summary(form)
    row = next(i for i, t in enumerate(list_texts(summary)) if "26 questions" in t)
    item = summary.problem_list.item(row)
    assert item.text().endswith("(the first is question 2)")
    summary.problem_list.setCurrentItem(item)
    QTest.keyClick(summary.problem_list, Qt.Key.Key_Return)
    second = editor.rows[form.tool.questions[1].id][0].buttons()
    assert form.window().focusWidget() in second and second[0].isVisible()


def test_the_score_is_not_given_before_an_answer_and_sits_beside_the_grade(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    summary = to_summary(form)
    editor = form.editors["risk.answers"]
    assert "not scored yet" in summary.risk_label.text().lower()
    assert "Standard" not in summary.risk_label.text()
    assert "not scored yet" in editor.score.text().lower()

    press_space(editor.rows[form.tool.questions[0].id][0].button(0))
    qtbot.waitUntil(lambda: "not scored" not in editor.score.text(), timeout=2000)
    assert editor.score.text().startswith("Score: 1 Yes of 27 questions gives Standard")
    first_line = summary.risk_label.text().split("<br>")[0]
    assert "Score: 1 Yes" in first_line and "Officer's grade: not chosen yet" in first_line

    # the score is the last line of the risk questions, right above the officer's grade
    form.go_to("risk.officer_grade")
    grade_row = form.rows["risk.officer_grade"]
    page = grade_row.parentWidget()
    score_bottom = editor.score.mapTo(page, editor.score.rect().bottomLeft()).y()
    assert editor.score.isVisible() and 0 <= grade_row.y() - score_bottom < 40
    visible_between = [
        w
        for w in page.findChildren(type(editor.score))
        if w.isVisible()
        and w.text()
        and score_bottom < w.mapTo(page, w.rect().topLeft()).y() < grade_row.y()
    ]
    assert visible_between == []


def test_every_child_is_a_row_of_a_read_only_table_before_the_submit_button(
    qtbot, store, library, open_draft
):
    checklist = interchange.read_file(EXAMPLES / "invalid-several-rules.json", library)
    form = open_draft(checklist).form
    summary = to_summary(form)
    table = summary.children_table
    table_ui = QAccessible.queryAccessibleInterface(table)
    assert table_ui.role() == QAccessible.Role.Table
    cells = [table_ui.child(i) for i in range(table_ui.childCount())]
    names = {c.role(): [] for c in cells}
    for cell in cells:
        names[cell.role()].append(cell.text(QAccessible.Text.Name))
    assert names[QAccessible.Role.ColumnHeader][:3] == ["Seen", "Spoken to alone", "Own words"]
    assert names[QAccessible.Role.RowHeader] == [
        "Kacper Łuczak, aged 7",
        "Amelia Krężołek, aged 4",
    ]
    assert (
        "Spoken to alone: ✗ missing. Not alone; reason not recorded"
        in (names[QAccessible.Role.Cell])
    )
    assert "Seen: ✓ done. Seen at 23:12" in names[QAccessible.Role.Cell]
    assert not any(c.state().editable for c in cells if c.role() == QAccessible.Role.Cell)
    header = table_ui.child(names_index(cells, "Spoken to alone: ✗ missing."))
    assert [
        h.text(QAccessible.Text.Name) for h in header.tableCellInterface().rowHeaderCells()
    ] == ["Kacper Łuczak, aged 7"]

    # read, and reached with Tab, before the Submit button
    page_ui = QAccessible.queryAccessibleInterface(summary)
    order = [page_ui.child(i).object() for i in range(page_ui.childCount())]
    assert order.index(table) < order.index(summary.submit_button)
    chain, widget = [], table
    while widget is not summary.submit_button and len(chain) < 50:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert widget is summary.submit_button


def names_index(cells, start: str) -> int:
    return next(i for i, c in enumerate(cells) if c.text(QAccessible.Text.Name).startswith(start))


def drawn_in(table, item) -> QFontMetrics:
    own = item.data(Qt.ItemDataRole.FontRole)
    return QFontMetrics(own if own is not None else table.font())


def widest_piece(metrics: QFontMetrics, text: str) -> int:
    """The widest run of text a line cannot break (Qt breaks at spaces, after a hyphen, and
    at a zero-width space)."""
    return max(metrics.horizontalAdvance(p) for p in re.split(r"[ \n\u200b]+|(?<=-)", text))


@pytest.mark.parametrize("width", [683, 900, 1024, 1366])  # 683: 1024x768 at 150%
@pytest.mark.parametrize("example", ["invalid-several-rules.json", "valid-two-children.json"])
def test_no_sideways_scrollbar_and_nothing_cut_off_on_the_summary(
    qtbot, library, open_draft, width, example
):
    checklist = interchange.read_file(EXAMPLES / example, library)
    checklist.data["children"][1]["name"] = "Amelia-Zofia Krężołek-Wróblewska <&>"
    window = open_draft(checklist)
    window.resize(width, 768 if width >= 900 else 512)
    form = window.form
    summary = to_summary(form)
    if example.startswith("invalid"):
        qtbot.mouseClick(summary.submit_button, Qt.MouseButton.LeftButton)  # refused
    area = form.pages.currentWidget()
    qtbot.waitUntil(lambda: area.viewport().width() > 0, timeout=1000)
    assert area.widget().minimumSizeHint().width() <= area.viewport().width()
    assert not area.horizontalScrollBar().isVisible()
    assert summary.problem_list.horizontalScrollBar().maximum() == 0
    table = summary.children_table
    qtbot.waitUntil(lambda: table.width() > 0, timeout=1000)
    columns = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert columns <= table.viewport().width()
    side = table.verticalHeader()
    for r in range(table.rowCount()):
        name = table.verticalHeaderItem(r).text()
        assert widest_piece(side.fontMetrics(), name) < side.width(), name
        for c in range(table.columnCount()):
            item = table.item(r, c)
            assert widest_piece(drawn_in(table, item), item.text()) < table.columnWidth(c)
            if width >= 900:
                assert "\u200b" not in item.text() + name  # no word broken from 900 up
        assert table.rowHeight(r) >= table.sizeHintForRow(r)  # no line cut off below


def test_the_outcome_is_the_only_verdict_on_the_page(qtbot, valid_checklist, open_draft):
    form = open_draft(valid_checklist).form
    summary = to_summary(form)
    assert summary.outcome.text() == "✓ Nothing left: the checklist can be submitted."
    assert summary.problem_list.count() == 0 and not summary.problem_list.isVisible()
    FormDriver(qtbot, form).set("children[0].own_words", "")
    to_summary(form)
    assert not summary.outcome.isVisible()  # no verdict before a try; the list says it
    assert any("Łuczak" in text for text in list_texts(summary))
    json.dumps(list_texts(summary))  # plain text, no markup
