"""The risk questions as a screen reader gets them (QAccessible, in process): every control
names its question, the drop-downs and comment boxes through a linked label, a question's
problem on each of its buttons; and the running score."""

from __future__ import annotations

from PySide6.QtGui import QAccessible

from tests.ui.conftest import type_text
from tests.ui.driver import FormDriver, press_space

NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description
LABEL, LABELLED = QAccessible.RelationFlag.Label, QAccessible.RelationFlag.Labelled


def reader(widget):
    return QAccessible.queryAccessibleInterface(widget)


def labels_of(widget) -> list[str]:
    """The names of the labels a screen reader finds linked to `widget`."""
    return [other.text(NAME) for other, flag in reader(widget).relations(LABEL) if flag & LABEL]


def new_risk_editor(qtbot, main_window):
    window = main_window.new_checklist()
    qtbot.addWidget(window)
    form = window.form
    form.go_to("risk.answers")
    return form, form.editors["risk.answers"]


def test_every_answer_button_names_its_question_and_the_question_is_linked(qtbot, main_window):
    form, editor = new_risk_editor(qtbot, main_window)
    for question in form.tool.questions:
        group = editor.rows[question.id][0]
        spoken = [reader(b).text(NAME) for b in group.buttons()]
        assert spoken == [
            f"{question.number}. {question.text} {a.label}" for a in form.tool.answers
        ]
        first = group.buttons()[0]
        assert labels_of(first) == [f"{question.number}. {question.text}"]
        linked = [o.object() for o, f in reader(editor.labels[question.id]).relations(LABELLED)]
        assert linked == [first]
    third = form.tool.questions[2]
    assert reader(editor.rows[third.id][0].buttons()[0]).text(NAME).startswith("3. Is the victim")


def test_source_and_comment_are_named_by_a_linked_label_whatever_the_value(qtbot, main_window):
    form, editor = new_risk_editor(qtbot, main_window)
    question = form.tool.questions[2]
    _, source, comment, _ = editor.rows[question.id]
    assert labels_of(source) == [f"Question {question.number}, source of the answer"]
    assert labels_of(comment) == [f"Question {question.number}, comment"]
    assert reader(comment).text(NAME) == f"Question {question.number}, comment"

    FormDriver(qtbot, form).answer_risk(
        {question.id: {"answer": "yes", "source": "victim", "comment": ""}}
    )
    type_text(comment, "Boi się, że wróci w nocy & <znów> ją uderzy")
    assert source.currentText() == "Victim"  # what Linux reads as the drop-down's own name
    assert labels_of(source) == [f"Question {question.number}, source of the answer"]
    answers = form.checklist.get("risk.answers")[question.id]
    assert answers["source"] == "victim" and answers["comment"].endswith("<znów> ją uderzy")


def test_answer_needed_reaches_every_button_of_the_question(qtbot, main_window):
    form, editor = new_risk_editor(qtbot, main_window)
    question = form.tool.questions[4]
    group = editor.rows[question.id][0]
    form.go_to_section(len(form.definition.sections))  # leaving the section shows its problems
    qtbot.waitUntil(lambda: editor.rows[question.id][3].text() == "Answer needed", timeout=2000)
    assert [reader(b).text(DESCRIPTION) for b in group.buttons()] == ["Answer needed"] * 3

    form.go_to(f"risk.answers.{question.id}")
    press_space(group.button(1))  # No
    qtbot.waitUntil(lambda: editor.rows[question.id][3].text() == "", timeout=2000)
    assert [reader(b).text(DESCRIPTION) for b in group.buttons()] == [""] * 3
    assert reader(group.button(1)).state().checked
    other = editor.rows[form.tool.questions[5].id][0]
    assert reader(other.buttons()[2]).text(DESCRIPTION) == "Answer needed"


def test_the_running_score_waits_for_the_first_answer(qtbot, main_window):
    form, editor = new_risk_editor(qtbot, main_window)
    assert reader(editor.score).text(NAME).startswith("Score: not scored yet")
    driver = FormDriver(qtbot, form)
    driver.answer_risk(
        {
            q.id: {"answer": "yes", "source": "victim"}
            for q in form.tool.questions[:10]  # ten Yes: Medium on the DASH thresholds
        }
    )
    qtbot.waitUntil(lambda: "not scored" not in editor.score.text(), timeout=2000)
    assert editor.score.text() == (
        "Score: 10 Yes of 27 questions gives Medium so far (10 of 27 answered)"
    )


def test_a_new_checklist_is_not_a_wall_of_answer_needed(qtbot, main_window):
    """Like a required field, an unanswered question waits until the officer leaves the risk
    section (or tries to submit): 27 red lines on arrival help nobody."""
    form, editor = new_risk_editor(qtbot, main_window)
    form.refresh()
    assert not [q for q, row in editor.rows.items() if row[3].text()]
    form.go_to_section(len(form.definition.sections))
    qtbot.waitUntil(
        lambda: sum(1 for row in editor.rows.values() if row[3].text() == "Answer needed") == 27,
        timeout=2000,
    )
