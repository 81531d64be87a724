"""Each entry's fields and buttons say whose they are, and say it again after a rename."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import type_text
from tests.ui.driver import FormDriver


def test_an_entrys_fields_and_buttons_name_their_person_after_every_rename(
    qtbot, valid_checklist, open_draft
):
    form = open_draft(valid_checklist).form
    driver = FormDriver(qtbot, form)
    children = form.repeats["children"]
    third = driver.add("children")
    name = form.editors[f"children[{third}].name"].line
    remove = children.entry_button(third, "Remove")
    assert children.entry_button(third - 1, "Later").isEnabled()  # no longer the last
    assert not children.entry_button(third, "Later").isEnabled()
    assert remove.accessibleName() == "Remove this child: Child 3"
    assert name.accessibleName() == "Child 3: Full name, required"

    form.go_to(f"children[{third}].name")
    type_text(name, "Zofia Łuczak")
    qtbot.waitUntil(lambda: "Zofia" in children.body.tabText(third), timeout=2000)
    assert name.accessibleName() == "Child 3, Zofia Łuczak: Full name, required"
    assert remove.accessibleName() == "Remove this child: Child 3, Zofia Łuczak"
    assert children.entry_button(third, "Earlier").accessibleName() == (
        "Move earlier: Child 3, Zofia Łuczak"
    )

    name.selectAll()
    type_text(name, "Zofia Krężołek <& co>")
    qtbot.waitUntil(lambda: "Krężołek" in remove.accessibleName(), timeout=2000)
    assert remove.accessibleName() == "Remove this child: Child 3, Zofia Krężołek <& co>"
    assert remove.toolTip() == remove.accessibleName()
    status = form.editors[f"children[{third}].status"].group.button(0)
    assert status.accessibleName().startswith("Child 3, Zofia Krężołek <& co>: Child: ")

    # a relationship says whose adult and which child it is
    child = form.editors["adults[0].relationships[0].child"].combo
    assert child.accessibleName() == (
        "Adult 1, Anna Łuczak, Relationship 1, Kacper Łuczak: Child, required"
    )
    qtbot.mouseClick(form.repeats["children"].entry_button(0, "Later"), Qt.MouseButton.LeftButton)
    assert form.editors["children[0].name"].line.accessibleName() == (
        "Child 1, Amelia Krężołek: Full name, required"
    )
