"""The DEMO DATA banner a window shows for a demo database: its own look, named for screen
readers, styled on the label itself."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from ui.notices import demo_banner, marking_banner  # noqa: E402


def test_the_demo_banner_is_named_styled_and_unlike_the_marking_banner():
    app = QApplication.instance() or QApplication([])
    banner = demo_banner()
    assert isinstance(banner, QLabel) and banner.objectName() == "demoBanner"
    assert banner.text().startswith("DEMO DATA") and "never send" in banner.text()
    assert "demo data" in banner.accessibleName().lower()
    style = banner.styleSheet()
    assert "#demoBanner" in style and "background" in style
    marking = marking_banner("OFFICIAL-SENSITIVE")
    assert marking.objectName() != banner.objectName() and marking.styleSheet() != style
    banner.resize(500, 40)
    image = banner.grab().toImage()
    background = image.pixelColor(image.width() // 2, image.height() // 2 - 12)
    assert background.red() > 200 and background.green() > 150 and background.blue() < 80
    assert app is not None
