"""Typed text as the referral sets it: escaped, one kind of line ending, no raw control
characters, overlong runs wrappable, and no table cell taller than a page."""

from __future__ import annotations

import copy
import time

from pypdf import PdfReader
from reportlab.platypus import Paragraph

from officer_app.checklist import new_uid
from officer_app.referral import blocks, write_referral
from officer_app.referral.blocks import (
    LONG_RUN,
    SHORT_LINES,
    SHORT_TEXT,
    cell_text,
    clean,
    clip,
    fits_in_cell,
    markup,
    text_block,
)
from officer_app.referral.style import CONTENT_WIDTH, FRAME_HEIGHT, register_fonts, styles
from tests.referral.pdf import (
    MARKING,
    assert_every_page_marked_and_numbered,
    body_text,
    flat,
    lengthen,
    render,
    squeezed,
)

# ---------------------------------------------------------------- markup (no PDF)


def test_markup_escapes_and_keeps_line_breaks_of_every_kind():
    assert markup("Smith & <Dawes>") == "Smith &amp; &lt;Dawes&gt;"
    assert markup("a\r\nb\rc\nd") == "a<br/>b<br/>c<br/>d"
    assert clean("a\r\r\nb") == "a\n\nb"


def test_control_characters_are_shown_as_replacement_characters():
    assert (
        clean("a\x00b\x07c\x1bd\x7fe\x85f\ud800g\th")
        == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\th"
    )
    assert "\x00" not in markup("x\x00y") and "\ufffd" in markup("x\x00y")


def test_normal_words_are_untouched_and_an_overlong_run_is_broken_keeping_every_character():
    normal = "Kacper Łuczak said “Daddy pushed mama” — ﬁne, office, stalking & <more>"
    assert markup(normal) == markup(normal.replace("\n", ""))  # no breaks added
    assert "<br/>" not in markup("x" * LONG_RUN)
    run = "ab&<" * 50  # 200 characters, no space
    shown = markup(run)
    assert shown.count("<br/>") == 3
    assert shown.replace("<br/>", "") == markup(run).replace("<br/>", "")
    assert shown.replace("<br/>", "").replace("&amp;", "&").replace("&lt;", "<") == run
    assert "<br/>" in markup("é\u00a0" * 40)  # a no-break space does not break a run


def test_cells_are_clipped_by_lines_and_characters():
    assert cell_text("short") == "short"
    many_lines = "\r".join(f"line {i}" for i in range(60))
    assert cell_text(many_lines).count("\n") == SHORT_LINES - 1
    assert cell_text(many_lines).endswith(" …")
    assert len(cell_text("y" * 5000)) == SHORT_TEXT + 2
    assert not fits_in_cell("a\r" * 60)  # \r alone counts as a line end
    assert not fits_in_cell("y" * (SHORT_TEXT + 1))
    assert fits_in_cell("four\r\nshort\rlines\nhere")
    assert clip("one\rtwo\r\nthree", 100) == "one two three"


def test_a_long_block_is_set_in_short_paragraphs_that_look_like_one():
    register_fonts()
    text = "\n".join(f"line {i}" for i in range(1000))
    flows = text_block(text, styles()["body"])
    assert len(flows) > 1 and all(isinstance(f, Paragraph) for f in flows)
    heights = [f.wrap(CONTENT_WIDTH, FRAME_HEIGHT)[1] for f in flows]
    assert all(h < FRAME_HEIGHT for h in heights)
    one = Paragraph(markup(text), styles()["body"])
    assert abs(sum(heights) - one.wrap(CONTENT_WIDTH, 10**6)[1]) < 1  # no gaps between parts
    assert flows[0].style.spaceBefore == styles()["body"].spaceBefore
    assert flows[-1].style.spaceAfter == styles()["body"].spaceAfter
    assert len(text_block("a short answer", styles()["body"])) == 1


def test_blank_lines_in_a_block_are_kept_and_never_empty_for_reportlab():
    register_fonts()
    flows = text_block("0" + "\r" * 45 + "\u200b\n \t\nend\xa0", styles()["body"])
    texts = [line for f in flows for line in f.text.split("<br/>")]
    assert texts[0] == "0" and texts[-1] == "end\xa0" and len(texts) == 48
    assert all(line == "\xa0" for line in texts[1:-1])


def test_a_long_line_with_spaces_is_cut_between_words():
    text = "word " * 5000
    parts = blocks._pieces(text)
    assert len(parts) > 1 and all(len(p) <= blocks.CHUNK_CHARS for p in parts)
    assert squeezed("".join(parts)) == squeezed(text)


# ---------------------------------------------------------------- in the PDF


def test_carriage_returns_in_a_short_field_render_and_read(
    valid_checklist, definition, tool, tmp_path
):
    valid_checklist.set("children[0].school", "St Mary’s\r" * 60)  # 60 lines, no \n at all
    valid_checklist.set("children[1].school", "Łąka Primary\r\nYear 2\r\n" * 30)
    pages = render(valid_checklist, definition, tool, tmp_path / "r.pdf")
    assert_every_page_marked_and_numbered(pages)
    text = "\n".join(pages)
    assert text.count("St Mary’s") == 60
    assert text.count("Łąka Primary") == 30


def test_every_character_of_an_overlong_word_is_in_the_pdf(
    valid_checklist, definition, tool, tmp_path
):
    word = "".join("Łuczak&<Krężołek>0123456789"[i % 27] for i in range(5000))
    valid_checklist.set("children[0].own_words", word)
    valid_checklist.set("children[1].school", word[:300])  # fits a cell by length
    out = tmp_path / "r.pdf"
    pages = render(valid_checklist, definition, tool, out)
    assert_every_page_marked_and_numbered(pages)
    text = squeezed(body_text(out))  # the quote runs across pages: leave out the furniture
    assert "“" + word + "”" in text
    assert word[:300] in text
    assert "Kacper Łuczak" in flat(pages[0])  # normal words are untouched


def test_control_characters_in_old_data_do_not_crash(valid_checklist, definition, tool, tmp_path):
    children = valid_checklist.data["children"]
    children[0]["school"] = "St\x00 Mary\x07s\x1b[31m"
    children[0]["own_words"] = "I was\x0bscared\x0cof\x85him\x7f"
    children[1]["name"] = "Amelia\x01 Krężołek"
    valid_checklist.data["incident"]["address"] = "Flat 2\x1e, Łąkowa Court"
    pages = render(valid_checklist, definition, tool, tmp_path / "r.pdf")
    assert_every_page_marked_and_numbered(pages)
    text = "\n".join(pages)
    assert "St\ufffd Mary\ufffds\ufffd[31m" in text
    assert "Amelia\ufffd Krężołek" in flat(pages[0])
    assert "\x00" not in text and "\x07" not in text


def test_a_long_referral_flows_across_pages_with_nothing_cut_off(
    valid_checklist, definition, tool, tmp_path
):
    children = valid_checklist.data["children"]
    for i in range(4):
        extra = copy.deepcopy(children[i % 2])
        extra.update(uid=new_uid(), name=f"Zofia Żółć-{i} Ślęzak")
        children.append(extra)
    markers = []
    for n, child in enumerate(children):
        markers += lengthen(child, "own_words", f"c{n}")
        markers += lengthen(child, "demeanour", f"c{n}")
        markers += lengthen(child, "officer_view", f"c{n}", 400)
        markers += lengthen(child, "school", f"c{n}", 300)  # a one-line text field typed long
    risk = valid_checklist.data["risk"]["answers"]["stalking"]
    markers += lengthen(risk, "comment", "risk", 1200)  # longer than a table cell may hold
    pages = render(valid_checklist, definition, tool, tmp_path / "long.pdf")

    assert len(pages) > 20
    assert_every_page_marked_and_numbered(pages)
    text = "\n".join(pages)
    missing = [m for m in markers if m not in text]
    assert not missing, f"{len(missing)} sentences missing, e.g. {missing[:3]}"
    opening = flat(pages[0] + pages[1])
    mash = definition.field_for_path("actions.mash_referral").label
    summary = opening[: opening.index(f"{mash}:")]  # the summary may run onto page 2
    names = ["Kacper Łuczak", "Amelia Krężołek"] + [f"Zofia Żółć-{i} Ślęzak" for i in range(4)]
    assert all(name in summary for name in names)


def test_huge_values_render_in_seconds_with_every_line_kept(
    valid_checklist, definition, tool, tmp_path
):
    """A 1,000,000-character word took minutes: reportlab's time grows with the square of
    an unbroken word's length and of a paragraph split across many pages."""
    valid_checklist.set("children[0].school", "x" * 1_000_000)
    valid_checklist.set("children[0].own_words", "Ż" * 200_000)
    out = tmp_path / "huge.pdf"
    started = time.perf_counter()
    write_referral(valid_checklist, definition, tool, out)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, f"{elapsed:.1f} s"
    pages = PdfReader(out).pages
    assert len(pages) > 1_200_000 // (LONG_RUN * 60)  # every 60-character line is there
    for number in (1, len(pages) // 2, len(pages)):  # (reading all pages back takes long)
        text = pages[number - 1].extract_text()
        assert text.count(MARKING) >= 2 and f"Page {number} of {len(pages)}" in text
