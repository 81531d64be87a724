"""Whatever is typed (or found in old data), the referral renders, reads back, and carries
the marking on every page."""

from __future__ import annotations

import copy
import operator

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from officer_app.referral import write_referral
from tests.referral.pdf import MARKING, WHEN, squeezed

ANY_CHARACTER = st.characters(exclude_categories=("Cs",))  # every category but surrogates
AWKWARD = ["\r", "\r\n", "\n", "\t", "<", ">", "&", "&amp;", "<b>", "</para>", "\x00", "\u202e"]
PIECES = st.one_of(
    st.text(ANY_CHARACTER, max_size=30),
    st.sampled_from(AWKWARD),
    st.builds(operator.mul, ANY_CHARACTER, st.integers(50, 1500)),  # a long unbroken run
    st.builds(operator.mul, st.sampled_from(["\r", "a\r", "\r\n"]), st.integers(1, 80)),
)
TEXT = st.lists(PIECES, max_size=6).map("".join)
FIELDS = ("incident.reference", "children[0].name", "children[0].school", "children[1].own_words")


@settings(
    max_examples=12,
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.generate, Phase.shrink),  # no tracing 'explain' phase
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.fixed_dictionaries({path: TEXT for path in FIELDS}))
@example(values=dict.fromkeys(FIELDS, "0" + "\r" * 45))  # once split into blank-only parts
@example(values=dict.fromkeys(FIELDS, "مرحبا שלום 😀 漢字 e\u0301 \uffff \u200b\u202e ﬆ <&>\x00"))
def test_any_text_renders_to_a_readable_pdf_marked_on_every_page(
    valid_checklist, definition, tool, tmp_path_factory, values
):
    checklist = copy.deepcopy(valid_checklist)
    for path, value in values.items():
        checklist.set(path, value)
    checklist.set("children[0].own_words", values["children[1].own_words"] + " ENDŁ")
    out = tmp_path_factory.mktemp("any") / "r.pdf"
    write_referral(checklist, definition, tool, out, generated_at=WHEN)
    pages = [page.extract_text() for page in PdfReader(out).pages]
    for number, text in enumerate(pages, start=1):
        assert text.count(MARKING) >= 2, f"page {number} lacks the marking"
        assert f"Page {number} of {len(pages)}" in text
    assert "ENDŁ”" in squeezed("".join(pages))
