"""Reading a referral back the way a hub reader would: the text of each page (pypdf), where
the marking is drawn, which font a piece of text is set in."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pypdf import PdfReader

from officer_app.checklist import Checklist
from officer_app.referral import write_referral
from officer_app.referral.style import MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT

MARKING = "OFFICIAL-SENSITIVE"
REFERENCE = "CV-0412-221126"
WHEN = datetime(2026, 11, 22, 9, 15)


def render(checklist: Checklist, definition, tool, out: Path, **options) -> list[str]:
    """Write the referral and return the extracted text of each page."""
    options.setdefault("generated_at", WHEN)
    options.setdefault("force_name", "Example Constabulary")
    result = write_referral(checklist, definition, tool, out, **options)
    assert result == out
    return [page.extract_text() for page in PdfReader(out).pages]


def flat(text: str) -> str:
    """Text with every run of whitespace (line ends from wrapping) as one space."""
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Text with all whitespace removed (for comparing text that was wrapped anywhere)."""
    return "".join(text.split())


def assert_every_page_marked_and_numbered(
    pages: list[str], marking: str = MARKING, reference: str | None = REFERENCE
) -> None:
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert text.count(marking) >= 2, f"page {number} lacks the marking top and bottom"
        if reference is not None:
            assert reference in text, f"page {number} lacks the incident reference"
        assert f"Page {number} of {total}" in text, f"page {number} lacks its page number"


def marking_heights(path: Path, marking: str = MARKING) -> list[list[float]]:
    """For each page, the heights (points from the bottom) at which the marking is drawn."""
    heights: list[list[float]] = []
    for page in PdfReader(path).pages:
        found: list[float] = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip() == marking:
                found.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        heights.append(found)
    return heights


def body_text(path: Path) -> str:
    """The text inside the frame of every page, without the page furniture (marking,
    reference, page numbers), so text that runs across a page break reads as one."""
    pieces: list[str] = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if MARGIN_BOTTOM - 1 <= y <= PAGE_HEIGHT - MARGIN_TOP + 1:
            pieces.append(text)

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return "".join(pieces)


def fonts_of(path: Path, page_index: int, needle: str) -> set[str]:
    """The base fonts of the text pieces on a page that contain `needle`."""
    found: set[str] = set()

    def visit(text, cm, tm, font, size):
        if needle in text and font is not None:
            found.add(str(font["/BaseFont"]))

    PdfReader(path).pages[page_index].extract_text(visitor_text=visit)
    return found


def lengthen(entry: dict, key: str, tag: str, words: int = 1500) -> list[str]:
    """Fill entry[key] with numbered sentences (with line breaks) and return their markers."""
    markers = [f"mk{tag}{key[:3]}n{i:03d}" for i in range(words // 10)]
    lines = [f"Sentence {m} says the child was frightened and hungry that night." for m in markers]
    entry[key] = "\n".join(" ".join(lines[i : i + 8]) for i in range(0, len(lines), 8))
    return markers
