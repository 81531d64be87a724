"""A demo database says so in every window and on every page of a referral written from the
window; a real database never does."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtWidgets import QLabel

from officer_app.demo import add_demo_checklists
from officer_app.settings import load_settings
from tests.conftest import approve


def _demo_banners(widget) -> list[QLabel]:
    return [w for w in widget.findChildren(QLabel, "demoBanner") if w.isVisibleTo(widget)]


def _export(qtbot, window, store, checklist_id, out):
    with qtbot.waitSignal(window.export_finished, timeout=20000):
        window.write_referral(store.load(checklist_id), out)
    qtbot.waitUntil(lambda: not window.jobs.running, timeout=5000)
    return [page.extract_text() for page in PdfReader(out).pages]


def test_a_demo_database_shows_its_banner_and_its_referrals_say_demo(
    qtbot, store, library, tmp_path
):
    from ui.main_window import MainWindow

    ids = add_demo_checklists(store, library, load_settings(), 6)
    window = MainWindow(store, library, load_settings())
    window.open_exported = False
    qtbot.addWidget(window)
    window.show()
    assert _demo_banners(window) and "DEMO" in _demo_banners(window)[0].text()
    assert window.windowTitle().startswith("DEMO DATA")
    submitted = next(i for i in ids if store.load(i).state == "approved")
    pages = _export(qtbot, window, store, submitted, tmp_path / "demo <Łuczak> & co.pdf")
    assert pages and all("DEMO" in text for text in pages)
    opened = window.open_checklist(submitted)
    qtbot.addWidget(opened)
    assert _demo_banners(opened) and opened.windowTitle().startswith("DEMO DATA")
    new = window.new_checklist()  # a checklist started in a demo database is demo data too
    qtbot.addWidget(new)
    assert _demo_banners(new)


def test_a_real_database_has_no_demo_banner_and_no_demo_mark(
    qtbot, main_window, store, valid_checklist, tmp_path, library
):
    valid_checklist.state = "submitted"
    store.save(valid_checklist)
    approve(store, valid_checklist, library)
    assert not _demo_banners(main_window)
    assert "DEMO" not in main_window.windowTitle()
    opened = main_window.open_checklist(valid_checklist.id)
    qtbot.addWidget(opened)
    assert not _demo_banners(opened) and "DEMO" not in opened.windowTitle()
    pages = _export(qtbot, main_window, store, valid_checklist.id, tmp_path / "Krężołek.pdf")
    assert not any("DEMO" in text for text in pages)
