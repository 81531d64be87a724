"""The entry points: write_referral writes atomically, refuses what it cannot do in one
sentence, embeds the font."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from officer_app.referral import ReferralError, pages, write_referral
from tests.referral.pdf import render


def test_the_font_is_embedded_dejavu_not_helvetica(valid_checklist, definition, tool, tmp_path):
    out = tmp_path / "r.pdf"
    render(valid_checklist, definition, tool, out)
    names = set()
    for page in PdfReader(out).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"]  # the TrueType subset is embedded
    assert names and all("DejaVuSans" in name for name in names), names
    assert not any("Helvetica" in name for name in names)


def test_a_definition_other_than_the_checklists_is_refused(
    valid_checklist, definition, tool, tmp_path
):
    valid_checklist.definition_version = 7
    with pytest.raises(ReferralError, match="version 7"):
        write_referral(valid_checklist, definition, tool, tmp_path / "r.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_does_not_exist_is_refused(valid_checklist, definition, tool, tmp_path):
    out = tmp_path / "missing" / "referral.pdf"
    with pytest.raises(ReferralError, match=r"the folder .*missing does not exist"):
        write_referral(valid_checklist, definition, tool, out)
    assert list(tmp_path.iterdir()) == []


def test_writing_again_replaces_the_file_and_leaves_no_temporary_file(
    valid_checklist, definition, tool, tmp_path
):
    out = tmp_path / "referral.pdf"
    out.write_bytes(b"an older referral")
    render(valid_checklist, definition, tool, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["referral.pdf"]


def _fail_on_page_two(canv, furniture, number, total):
    if number == 2:
        raise RuntimeError("simulated failure while drawing page 2")
    return ORIGINAL_FURNITURE(canv, furniture, number, total)


ORIGINAL_FURNITURE = pages.draw_furniture


def _write_partly_then_fail(canvas):
    Path(canvas._filename).write_bytes(b"%PDF-1.4 half a referral")
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    ("target", "name", "replacement", "message"),
    [
        (pages, "draw_furniture", _fail_on_page_two, "simulated failure"),
        (Canvas, "save", _write_partly_then_fail, "No space left on device"),
    ],
    ids=["fails-midway", "disk-full-while-saving"],
)
def test_a_failure_during_the_build_leaves_the_old_file_and_no_temporary_file(
    valid_checklist, definition, tool, tmp_path, monkeypatch, target, name, replacement, message
):
    out = tmp_path / "referral.pdf"
    out.write_bytes(b"the referral sent yesterday")
    monkeypatch.setattr(target, name, replacement)
    with pytest.raises(ReferralError, match=re.escape(message)) as caught:
        write_referral(valid_checklist, definition, tool, out)
    assert str(caught.value).startswith("Cannot write the referral")
    assert out.read_bytes() == b"the referral sent yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["referral.pdf"]
