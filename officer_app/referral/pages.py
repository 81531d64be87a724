"""The page furniture and the document: every page carries the protective marking at top and
bottom, the incident reference and "Page X of Y" (a canvas that defers its pages until the
total is known), and, for demo data, an amber DEMO strip under the header and a faint
diagonal DEMO watermark; `render` lays the story out on A4 pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from officer_app.referral.style import (
    AMBER,
    CONTENT_WIDTH,
    DEMO_TEXT,
    DEMO_WATERMARK,
    DRAFT_TEXT,
    FONT,
    FONT_BOLD,
    FRAME_HEIGHT,
    GREY,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RED,
    RULE,
)

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class Furniture:
    """What every page carries besides the story (plain text, already cleaned and clipped)."""

    marking: str
    reference: str
    footer: str
    draft: bool
    demo: bool = False


class ReferralCanvas(Canvas):
    """Defers every page until save() so each can say 'Page X of Y'. A subclass made per
    document sets `furniture`."""

    furniture = Furniture(DEFAULT_MARKING, "", "", False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._deferred_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._deferred_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._deferred_pages)
        for number, state in enumerate(self._deferred_pages, start=1):
            self.__dict__.update(state)
            draw_furniture(self, self.furniture, number, total)
            super().showPage()
        super().save()


def draw_furniture(canv: Canvas, furniture: Furniture, number: int, total: int) -> None:
    """Marking at top and bottom (centred, bold); reference and 'Page X of Y'."""
    page = f"Page {number} of {total}"
    right = PAGE_WIDTH - MARGIN_X
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.setFont(FONT_BOLD, 10)
    canv.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 10 * mm, furniture.marking)
    canv.drawCentredString(PAGE_WIDTH / 2, 8 * mm, furniture.marking)
    canv.setFillColor(GREY)
    canv.setFont(FONT, 8)
    canv.drawString(MARGIN_X, PAGE_HEIGHT - 16 * mm, f"MASH referral · Ref {furniture.reference}")
    canv.drawRightString(right, PAGE_HEIGHT - 16 * mm, page)
    canv.drawString(MARGIN_X, 14 * mm, furniture.footer)
    canv.drawRightString(right, 14 * mm, f"Ref {furniture.reference} · {page}")
    if furniture.draft:
        canv.setFillColor(RED)
        canv.setFont(FONT_BOLD, 9)
        canv.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 16 * mm, DRAFT_TEXT)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.6)
    canv.line(MARGIN_X, PAGE_HEIGHT - 18 * mm, right, PAGE_HEIGHT - 18 * mm)
    canv.line(MARGIN_X, 17.5 * mm, right, 17.5 * mm)
    canv.restoreState()
    if furniture.demo:
        draw_demo_marks(canv)


def draw_demo_marks(canv: Canvas) -> None:
    """Demo data: an amber strip with black text between the header rule and the body, and a
    faint diagonal watermark across the page (drawn over the text, light enough to read it)."""
    canv.saveState()
    top, bottom = PAGE_HEIGHT - 18.8 * mm, PAGE_HEIGHT - 24 * mm
    canv.setFillColor(AMBER)
    canv.setStrokeColor(colors.black)
    canv.setLineWidth(0.8)
    canv.rect(MARGIN_X, bottom, CONTENT_WIDTH, top - bottom, stroke=1, fill=1)
    canv.setFillColor(colors.black)
    canv.setFont(FONT_BOLD, 9)
    canv.drawCentredString(PAGE_WIDTH / 2, bottom + (top - bottom - 6.5) / 2, DEMO_TEXT)
    size = 0.6 * (PAGE_WIDTH**2 + PAGE_HEIGHT**2) ** 0.5 / stringWidth(DEMO_WATERMARK, FONT_BOLD, 1)
    canv.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canv.rotate(54.7)  # along the A4 diagonal
    canv.setFillColor(colors.black)
    canv.setFillAlpha(0.09)
    canv.setFont(FONT_BOLD, size)
    canv.drawCentredString(0, -size * 0.35, DEMO_WATERMARK)
    canv.restoreState()


def render(path: Path, story: list[Flowable], furniture: Furniture, meta: dict[str, str]) -> None:
    """Lay the story out on A4 pages with the furniture and write the PDF to `path`."""
    doc = BaseDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        initialFontName=FONT,
        creator="officer-app",
        lang="en-GB",
        **meta,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        FRAME_HEIGHT,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvas_class = type("ReferralCanvas", (ReferralCanvas,), {"furniture": furniture})
    doc.build(story, canvasmaker=canvas_class)
