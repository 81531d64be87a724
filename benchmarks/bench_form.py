"""What the form does while an officer types, and what an export costs, against baselines
measured in the same run.

After each pause in typing the form re-runs every rule (rules.check) and re-evaluates every
condition (checklist.walk); the baseline is serialising the same checklist to JSON (what the
autosave writes anyway). An export writes the PDF referral of the two-child example; the
baseline is a one-page reportlab document with the same embedded font. It prints medians and
ratios; there are no pass/fail thresholds.

    python benchmarks/bench_form.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from officer_app import interchange, referral, rules  # noqa: E402
from officer_app.checklist import walk  # noqa: E402
from officer_app.library import default_library  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "resources/examples/valid-two-children.json"


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    repeat = parser.parse_args().repeat
    library = default_library()
    checklist = interchange.read_file(EXAMPLE, library)
    definition, tool = library.for_checklist(checklist)
    baseline = median_ms(lambda: json.dumps(checklist.data, ensure_ascii=False), repeat)
    checks = median_ms(lambda: rules.check(checklist, definition, tool), repeat)
    conditions = median_ms(lambda: list(walk(checklist, definition, False)), repeat)
    print(f"JSON of the checklist (baseline)   {baseline:8.3f} ms")
    print(f"rules.check (every rule)           {checks:8.3f} ms  x{checks / baseline:6.1f}")
    print(f"walk (every condition)             {conditions:8.3f} ms  x{conditions / baseline:6.1f}")

    referral.register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        one_page = Path(folder) / "one.pdf"
        style = ParagraphStyle("b", fontName="DejaVuSans", fontSize=10)

        def baseline_pdf() -> None:
            SimpleDocTemplate(str(one_page), pagesize=A4).build(
                [Paragraph("Kacper Łuczak, Amelia Krężołek: one page", style)]
            )

        def export() -> None:
            referral.write_referral(checklist, definition, tool, Path(folder) / "r.pdf")

        pdf_repeat = max(5, repeat // 20)
        base_pdf = median_ms(baseline_pdf, pdf_repeat)
        full = median_ms(export, pdf_repeat)
        pages = (Path(folder) / "r.pdf").read_bytes().count(b"/Type /Page\n")
        print(f"one-page PDF, same font (baseline) {base_pdf:8.2f} ms")
        print(f"referral of the example            {full:8.2f} ms  x{full / base_pdf:6.1f}")
        if pages:
            print(f"  ({pages} pages: x{full / base_pdf / pages:.1f} the baseline per page)")


if __name__ == "__main__":
    main()
