"""Text as the referral sets it: what a person typed made safe for reportlab, paragraphs,
headings, tables and the clipping that keeps every table cell shorter than a page.

Everything a person typed goes through `clean` (one kind of line ending; control characters
shown as U+FFFD) and `markup` (escaped, and any unbroken run longer than LONG_RUN characters
broken every LONG_RUN characters so reportlab can wrap it in linear time; the characters are
all kept). Long text is set as `text_block`: full width, in paragraphs of at most
CHUNK_LINES lines so that splitting it across hundreds of pages stays fast.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.geomutils import normalizeTRBL
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from officer_app.referral.style import (
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    LABEL_WIDTH,
    NAVY,
    RULE,
    styles,
)

SHORT_TEXT = 300  # longer values are full-width blocks, never a table cell
SHORT_LINES = 5  # so are values of more lines than this
LABEL_CLIP = 200  # a definition's label in the label column
SUMMARY_CLIP = 160  # names and summary cells; the full text is in the detail sections
LONG_RUN = 60  # an unbroken run longer than this is broken every LONG_RUN characters
CHUNK_LINES = 40  # a long block is set as paragraphs of at most this many lines ...
CHUNK_CHARS = 8000  # ... and this many characters (a longer line is cut between words)
ELLIPSIS = " …"

# Control characters other than \t and \n (after line endings are made \n), and lone
# surrogates (json.loads accepts "\ud800"): never handed to reportlab raw.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# A run reportlab cannot break: no whitespace, where a no-break space does not break.
_RUN = re.compile(r"(?:[^\s]|\xa0){" + str(LONG_RUN + 1) + ",}")
# Where a long line may be cut into paragraphs: whitespace that is not a no-break space.
_BREAK = re.compile(r"[^\S\xa0]")
# A line with nothing reportlab counts as a word (it splits at U+200B too once a text holds
# a no-break space). Splitting a paragraph where one part is only such lines fails inside
# reportlab (IndexError in _split_blParaProcessed), so in a block each is set as one
# no-break space: the same blank line on the page.
_BLANK = re.compile(r"(?:[^\S\xa0]|\u200b)*")


# ---------------------------------------------------------------- typed text


def clean(text: object) -> str:
    """Text with every line ending as '\\n' and other control characters as U+FFFD."""
    normal = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("\ufffd", normal)


def _break_runs(text: str) -> str:
    """Each run longer than LONG_RUN broken into lines of LONG_RUN characters."""

    def cut(match: re.Match[str]) -> str:
        run = match.group()
        return "\n".join(run[i : i + LONG_RUN] for i in range(0, len(run), LONG_RUN))

    return _RUN.sub(cut, text)


def _lines(text: object) -> list[str]:
    return _break_runs(clean(text)).split("\n")


def markup(text: object) -> str:
    """User text made safe for a Paragraph: '<' and '&' print as typed, line breaks kept."""
    return "<br/>".join(escape(line) for line in _lines(text))


def line_count(text: object) -> int:
    return clean(text).count("\n") + 1


def fits_in_cell(text: object) -> bool:
    """Short enough (characters and lines) to be a table cell rather than a block."""
    normal = clean(text)
    return len(normal) <= SHORT_TEXT and normal.count("\n") < SHORT_LINES


def clip(text: object, limit: int) -> str:
    """Text on one line cut at a word boundary to about `limit` characters, '…' if cut."""
    text = " ".join(clean(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + ELLIPSIS


def cell_text(text: object, chars: int = SHORT_TEXT, lines: int = SHORT_LINES) -> str:
    """Text kept to `lines` lines and `chars` characters (its line breaks kept), '…' if cut:
    whatever is put in a table cell, so no cell can be taller than a page."""
    kept = clean(text).split("\n")
    cut = len(kept) > lines
    shown = "\n".join(kept[:lines])
    if len(shown) > chars:
        shown, cut = shown[:chars].rstrip(), True
    return shown + ELLIPSIS if cut else shown


# ---------------------------------------------------------------- paragraphs


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """One paragraph of typed text (short: a cell, a heading, a line of the summary)."""
    return Paragraph(markup(text), style)


def heading(text: str, style: ParagraphStyle, room: float = 25 * mm) -> list[Flowable]:
    """A heading that starts a new page when less than `room` is left below it. (Not
    keepWithNext: that would push a heading and a long table or text to the next page whole.)"""
    return [CondPageBreak(room), para(text, style)]


class QuoteParagraph(Paragraph):
    """A block quote: the tinted box of its style and a bar down the left (kept when split)."""

    def draw(self) -> None:
        super().draw()
        top, _, bottom, left = normalizeTRBL(self.style.borderPadding)
        x = self.style.leftIndent - left
        self.canv.saveState()
        self.canv.setStrokeColor(NAVY)
        self.canv.setLineWidth(3)
        self.canv.line(x, -bottom, x, self.height + top)
        self.canv.restoreState()


def _pieces(text: object) -> list[str]:
    """The lines of a text, a line longer than CHUNK_CHARS cut at whitespace (after
    _break_runs there is whitespace or a line end at least every LONG_RUN + 1 characters),
    a blank line as a no-break space."""
    pieces: list[str] = []
    for line in _lines(text):
        if _BLANK.fullmatch(line):
            pieces.append("\xa0")
            continue
        while len(line) > CHUNK_CHARS:
            cuts = [
                m.start() for m in _BREAK.finditer(line, CHUNK_CHARS - 2 * LONG_RUN, CHUNK_CHARS)
            ]
            at = cuts[-1] if cuts else CHUNK_CHARS
            pieces.append(line[:at])
            line = line[at + 1 :] if cuts else line[at:]
        pieces.append(line)
    return pieces


def _chunks(pieces: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    size = 0
    for piece in pieces:
        if chunks[-1] and (len(chunks[-1]) >= CHUNK_LINES or size + len(piece) > CHUNK_CHARS):
            chunks.append([])
            size = 0
        chunks[-1].append(piece)
        size += len(piece) + 1
    return chunks


def text_block(
    text: object,
    style: ParagraphStyle,
    opening: str = "",
    closing: str = "",
    kind: type[Paragraph] = Paragraph,
) -> list[Flowable]:
    """Typed text of any length, full width, splitting across pages. A text of more than
    CHUNK_LINES lines is set as consecutive paragraphs with no space between them, which
    looks the same as one paragraph but keeps reportlab's splitting linear."""
    chunks = _chunks(_pieces(text))
    last = len(chunks) - 1
    flows: list[Flowable] = []
    for i, lines in enumerate(chunks):
        body = "<br/>".join(escape(line) for line in lines)
        body = (opening if i == 0 else "") + body + (closing if i == last else "")
        flows.append(kind(body, _chunk_style(style, first=i == 0, last=i == last)))
    return flows


def _chunk_style(style: ParagraphStyle, first: bool, last: bool) -> ParagraphStyle:
    if first and last:
        return style
    # Only the first part keeps the style's space before and the rule against leaving its
    # first line alone at the foot of a page; only the last keeps the space after.
    return ParagraphStyle(
        f"{style.name}-part",
        parent=style,
        spaceBefore=style.spaceBefore if first else 0,
        spaceAfter=style.spaceAfter if last else 0,
        allowOrphans=style.allowOrphans if first else 1,
    )


# ---------------------------------------------------------------- tables


def table(rows: list[list], widths: list[float], commands: list[tuple], head: bool) -> Table:
    """A table that splits between rows (cells hold only clipped text) in DejaVu Sans."""
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if head:
        style += [("BACKGROUND", (0, 0), (-1, 0), NAVY), ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD)]
    result = Table(rows, colWidths=widths, repeatRows=1 if head else 0, splitByRow=1, hAlign="LEFT")
    result.setStyle(TableStyle(style + commands))
    return result


VALUE_STYLES = {"": "cell_value", "gap": "cell_value_gap", "opinion": "cell_value_opinion"}


def label_value_table(rows: list[tuple[str, str, str]], indent: float = 0) -> Table:
    """Label | value rows; kind is '', 'gap' (a missing answer) or 'opinion'. The label
    column narrows with the indent so values line up down the page. Values are clipped
    (callers put longer ones in a text_block)."""
    s = styles()
    cells = [
        [
            para(cell_text(label, LABEL_CLIP), s["cell_label"]),
            para(cell_text(value), s[VALUE_STYLES[kind]]),
        ]
        for label, value, kind in rows
    ]
    widths = [LABEL_WIDTH - indent, CONTENT_WIDTH - LABEL_WIDTH]
    return table(cells, widths, [("LEFTPADDING", (0, 0), (0, -1), 0)], False)
