"""The referral's house style: the bundled DejaVu Sans family, colours, paragraph styles, the
A4 page geometry and the few words every part of the referral prints the same way."""

from __future__ import annotations

import functools
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from officer_app import paths
from officer_app.referral.errors import ReferralError

NOT_RECORDED = "Not recorded"
DRAFT_TEXT = "DRAFT – not submitted"
DEMO_TEXT = "DEMO DATA – not real people; never send this referral"
DEMO_WATERMARK = "DEMO DATA"

# ---------------------------------------------------------------- fonts

FONT, FONT_BOLD, FONT_ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}


def register_fonts() -> None:
    """Register DejaVu Sans regular/bold/oblique as one family (once per process)."""
    known = set(pdfmetrics.getRegisteredFontNames())
    for name, file_name in _FONT_FILES.items():
        if name in known:
            continue
        path = paths.font_path(file_name)
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as exc:  # reportlab raises TTFError or OSError
            raise ReferralError(
                f"Cannot write the referral: the font {path} cannot be loaded ({exc})."
            ) from exc
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


# ---------------------------------------------------------------- page geometry

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 25 * mm, 22 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
INDENT = 7 * mm  # per level of a repeat inside an entry (officers, relationships)
LABEL_WIDTH = 60 * mm

# ---------------------------------------------------------------- colours

NAVY = colors.HexColor("#1F3A5F")
GREY = colors.HexColor("#555555")
LIGHT_GREY = colors.HexColor("#8A8A8A")
RULE = colors.HexColor("#C5CDD8")
BAND = colors.HexColor("#E4EAF2")
QUOTE_BG = colors.HexColor("#EEF3FA")
GAP_BG = colors.HexColor("#FCE6C9")
GAP_TEXT = colors.HexColor("#8A1C1C")
STRONG_BG = colors.HexColor("#F8DCDC")
RED = colors.HexColor("#B00020")
AMBER = colors.HexColor("#FFC400")  # the demo strip: black on amber, clear in grey print too
GRADE_COLOURS = {"high": RED, "medium": colors.HexColor("#A65300"), "standard": NAVY}

# ---------------------------------------------------------------- paragraph styles


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """Every paragraph style of the referral, all in DejaVu Sans."""
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=2)

    def make(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)

    band = {"borderPadding": (3, 4, 3, 4), "spaceBefore": 12, "spaceAfter": 8}
    cell = {"fontSize": 8.5, "leading": 10.5, "spaceAfter": 0}
    return {
        "body": body,
        "title": make("title", fontName=FONT_BOLD, fontSize=17, leading=21, textColor=NAVY),
        "subtitle": make("subtitle", fontSize=11, leading=14, textColor=GREY, spaceAfter=8),
        "draft": make(
            "draft",
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            textColor=RED,
            borderColor=RED,
            borderWidth=1.2,
            borderPadding=5,
            alignment=TA_CENTER,
            spaceBefore=4,
            spaceAfter=12,
        ),
        "h1": make(
            "h1",
            fontName=FONT_BOLD,
            fontSize=13,
            leading=16,
            textColor=NAVY,
            backColor=BAND,
            **band,
        ),
        "h2": make(
            "h2",
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=14,
            textColor=colors.white,
            backColor=NAVY,
            **band,
        ),
        "h3": make(
            "h3",
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            textColor=NAVY,
            spaceBefore=7,
            spaceAfter=3,
        ),
        "group": make(
            "group",
            fontName=FONT_BOLD,
            fontSize=9,
            leading=12,
            textColor=NAVY,
            spaceBefore=8,
            spaceAfter=2,
        ),
        "label": make(
            "label",
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=11,
            textColor=GREY,
            spaceBefore=5,
            spaceAfter=1,
        ),
        "opinion": make("opinion", fontName=FONT_ITALIC),
        "gap": make("gap", fontName=FONT_BOLD, textColor=GAP_TEXT),
        "quote_label": make(
            "quote_label", fontName=FONT_BOLD, textColor=NAVY, spaceBefore=7, spaceAfter=4
        ),
        "quote": make(
            "quote",
            fontSize=10.5,
            leading=14.5,
            leftIndent=4 * mm,
            rightIndent=2 * mm,
            backColor=QUOTE_BG,
            borderPadding=(3, 4, 4, 4),
            spaceAfter=8,
        ),
        "grade": make("grade", fontName=FONT_BOLD, fontSize=14, leading=18, spaceAfter=3),
        "note": make("note", fontSize=8.5, leading=11, textColor=GREY),
        "cell": make("cell", **cell),
        "cell_bold": make("cell_bold", fontName=FONT_BOLD, **cell),
        "cell_head": make("cell_head", fontName=FONT_BOLD, textColor=colors.white, **cell),
        "cell_label": make("cell_label", textColor=GREY, **cell),
        "cell_gap": make("cell_gap", fontName=FONT_BOLD, textColor=GAP_TEXT, **cell),
        "cell_na": make("cell_na", textColor=LIGHT_GREY, **cell),
        # not done, its reason recorded: plain text in italics, never the look of "done"
        "cell_explained": make("cell_explained", fontName=FONT_ITALIC, **cell),
        "cell_value": make("cell_value", fontSize=9.5, leading=12, spaceAfter=0),
        "cell_value_gap": make(
            "cell_value_gap",
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=12,
            textColor=GAP_TEXT,
            spaceAfter=0,
        ),
        "cell_value_opinion": make(
            "cell_value_opinion", fontName=FONT_ITALIC, fontSize=9.5, leading=12, spaceAfter=0
        ),
    }
