"""Every page: the protective marking top and bottom, the reference and 'Page X of Y'; and
DEMO on every page of demo data."""

from __future__ import annotations

from pypdf import PdfReader

from officer_app.referral.blocks import LONG_RUN
from officer_app.referral.style import DEMO_TEXT, DEMO_WATERMARK, MARGIN_TOP, PAGE_HEIGHT
from tests.referral.pdf import (
    MARKING,
    assert_every_page_marked_and_numbered,
    flat,
    marking_heights,
    render,
)


def test_every_page_is_marked_top_and_bottom_and_numbered(
    valid_checklist, definition, tool, tmp_path
):
    out = tmp_path / "referral.pdf"
    pages = render(valid_checklist, definition, tool, out)
    assert len(pages) >= 2
    assert_every_page_marked_and_numbered(pages)
    for heights in marking_heights(out):
        assert max(heights) > 800 and min(heights) < 40  # A4 is 842 points high


def test_a_custom_marking_is_on_every_page(valid_checklist, definition, tool, tmp_path):
    marking = "OFFICIAL – SENSITIVE: PERSONAL"
    out = tmp_path / "r.pdf"
    pages = render(valid_checklist, definition, tool, out, marking=marking)
    assert_every_page_marked_and_numbered(pages, marking)
    assert all(MARKING not in page for page in pages)
    assert all(len(heights) >= 2 for heights in marking_heights(out, marking))


def test_a_draft_is_marked_as_draft_on_every_page(valid_checklist, definition, tool, tmp_path):
    valid_checklist.state = "draft"
    pages = render(valid_checklist, definition, tool, tmp_path / "r.pdf")
    assert "DRAFT – not submitted" in flat(pages[0])
    assert all("DRAFT – not submitted" in page for page in pages)


def test_an_odd_reference_is_cleaned_and_clipped_in_the_furniture(
    valid_checklist, definition, tool, tmp_path
):
    valid_checklist.set("incident.reference", "CV\x00-Łódź\r\n" + "9" * 500)
    pages = render(valid_checklist, definition, tool, tmp_path / "r.pdf")
    assert_every_page_marked_and_numbered(pages, reference="Ref CV\ufffd-Łódź …")  # cut at a space
    for page in pages:
        furniture = next(line for line in page.splitlines() if line.startswith("MASH referral ·"))
        assert len(furniture) < 100 and furniture.endswith("…")
    assert "9" * LONG_RUN in "".join(pages[1].split())  # in full in the incident section


def test_demo_data_says_demo_on_every_page(valid_checklist, definition, tool, tmp_path):
    valid_checklist.set("incident.address", "Flat <2>, Łąkowa Court & Smith Road")
    out = tmp_path / "demo <&>.pdf"
    pages = render(valid_checklist, definition, tool, out, demo=True)
    assert len(pages) >= 2
    assert_every_page_marked_and_numbered(pages)  # the marking is still there
    for heights in demo_heights(out):
        strip = [y for text, y in heights if text == DEMO_TEXT]
        watermark = [y for text, y in heights if text == DEMO_WATERMARK]
        assert len(strip) == 1 and PAGE_HEIGHT - MARGIN_TOP < strip[0] < PAGE_HEIGHT - 50
        assert len(watermark) == 1
    assert PdfReader(out).metadata.title.startswith("DEMO DATA – MASH referral")


def test_real_data_and_a_demo_draft(valid_checklist, definition, tool, tmp_path):
    pages = render(valid_checklist, definition, tool, tmp_path / "real.pdf")
    assert all("DEMO" not in page for page in pages)
    valid_checklist.state = "draft"
    pages = render(valid_checklist, definition, tool, tmp_path / "d.pdf", demo=True)
    assert all(DEMO_TEXT in page and "DRAFT – not submitted" in page for page in pages)


def demo_heights(path) -> list[list[tuple[str, float]]]:
    """For each page, the DEMO pieces of text and the heights they are drawn at."""
    found_pages = []
    for page in PdfReader(path).pages:
        found: list[tuple[str, float]] = []

        def visit(text, cm, tm, font, size, found=found):
            if "DEMO" in text:
                found.append((text.strip(), tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

        page.extract_text(visitor_text=visit)
        found_pages.append(found)
    return found_pages
