"""Render screenshots of the real officer-app windows, offscreen, at 1366x768 (a common
patrol laptop).

Run from the project folder:

    .venv/bin/python docs/screenshots/render.py

Writes 01-main-list.png ... 18-encrypt-dialog.png into docs/screenshots/, then runs itself
again with QT_SCALE_FACTOR=1.5 to write 01-main-list@150.png and 03-children@150.png.
Everything happens in a temporary folder (database, QSettings, per-user data): the user's
real data is never read or touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
TMP = tempfile.TemporaryDirectory(prefix="officer-app-shots-")
os.environ["XDG_DATA_HOME"] = os.environ["XDG_CONFIG_HOME"] = TMP.name  # platformdirs, recovery

OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(OUT.parents[1]))  # the project root: officer_app and ui

from PySide6.QtCore import QEvent, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from officer_app import interchange  # noqa: E402
from officer_app.demo import (  # noqa: E402
    DEMO_ADMIN,
    DEMO_OFFICER,
    DEMO_SUPERVISOR,
    add_demo_accounts,
    add_demo_checklists,
)
from officer_app.library import default_library  # noqa: E402
from officer_app.settings import load_settings  # noqa: E402
from officer_app.store import Store  # noqa: E402
from officer_app.store.keyslots import new_key  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

VALID = OUT.parents[1] / "resources" / "examples" / "valid-two-children.json"
SIZE = (1366, 768)
SMALL = (911, 512)
SECTION_SHOTS = {  # section id -> file name; "summary" is the page after the sections
    "incident": "02-incident",
    "children": "03-children",
    "adults": "04-adults",
    "risk": "05-risk",
    "actions": "06-actions",
    "officer": "07-officer",
    "summary": "08-summary",
}


def shoot(window, name: str) -> None:
    # @150: a 1366x768 screen at 150% scaling is 911x512 logical pixels
    window.resize(*(SMALL if name.endswith("@150") else SIZE))
    QApplication.processEvents()
    # deleteLater() only runs in an event loop; there is none here, so run it ourselves
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    window.grab().save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def main(suffix: str = "") -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, TMP.name)
    make_application([])
    library, settings = default_library(), load_settings()
    with Store(Path(TMP.name) / "shots.sqlite", key=new_key()) as store:
        add_demo_accounts(store, "demo-password")
        ids = add_demo_checklists(store, library, settings, 30)
        drafts = [i for i in ids if store.load(i).state == "draft"]
        store.sign_in(DEMO_OFFICER)
        main_window = MainWindow(store, library, settings)
        main_window.show()
        main_window.table.selectRow(0)
        shoot(main_window, "01-main-list" + suffix)

        window = main_window.open_checklist(drafts[0])
        form = window.form
        section_ids = [s.id for s in form.definition.sections] + ["summary"]
        for section_id, name in SECTION_SHOTS.items():
            if suffix and section_id != "children":
                continue
            form.go_to_section(section_ids.index(section_id))
            shoot(window, name + suffix)
        if suffix:
            for opened in list(main_window.windows):
                opened.close()
            main_window.close()
            review_shots(store, library, settings, suffix)
            return

        form = main_window.open_checklist(drafts[1]).form
        form.on_edited("children[0].spoken_alone", "no")
        form.show_values()  # on_edited stands in for a click: show the "No" as ticked
        form.refresh()
        QApplication.processEvents()
        form.go_to("children[0].spoken_alone_reason")
        shoot(form.window(), "09-problem-inline")

        form = main_window.open_checklist(drafts[2]).form
        form.go_to_section(form.sections.count() - 1)
        form.submit()
        shoot(form.window(), "10-summary-refused")

        ready = interchange.read_file(VALID, library)  # complete: Submit asks the question
        ready.state, ready.submitted_at = "draft", ""
        store.save(ready)
        form = main_window.open_checklist(ready.id).form
        form.go_to_section(form.sections.count() - 1)
        form.window().resize(*SIZE)
        form.summary.request_submit()
        QApplication.processEvents()
        question = form.summary.confirmation
        question.adjustSize()
        QApplication.processEvents()
        question.grab().save(str(OUT / "11-submit-question.png"))
        print("wrote", OUT / "11-submit-question.png")
        question.reject()
        returned = next(i for i in ids if store.load(i).state == "returned")
        window = main_window.open_checklist(returned)
        shoot(window, "15-returned-checklist")
        for opened in list(main_window.windows):
            opened.close()
        main_window.close()
        review_shots(store, library, settings, suffix)
        admin_shots(store, library, settings)


def review_shots(store, library, settings, suffix: str) -> None:
    """The supervisor's queue and the review screen of the most urgent checklist."""
    from ui.review_window import ReviewWindow

    store.sign_in(DEMO_SUPERVISOR)
    main_window = MainWindow(store, library, settings)
    main_window.show()
    main_window.queue.table.selectRow(0)
    shoot(main_window, "12-review-queue" + suffix)
    first = main_window.queue.model.items[0].row.id
    window = ReviewWindow(store, library, settings, first)
    window.show()
    shoot(window, "13-review-screen" + suffix)
    window.made_decision = True  # nothing typed: close without asking
    window.close()
    main_window.close()


def admin_shots(store, library, settings) -> None:
    from ui.audit_dialog import open_audit_log
    from ui.sign_in import SignInDialog

    store.sign_in(None)
    dialog = SignInDialog(store.path)
    dialog.show()
    QApplication.processEvents()
    dialog.grab().save(str(OUT / "16-sign-in.png"))
    print("wrote", OUT / "16-sign-in.png")
    dialog.reject()
    store.sign_in(DEMO_ADMIN)
    main_window = MainWindow(store, library, settings)
    main_window.show()
    log = open_audit_log(main_window, store)
    shoot(log, "17-audit-log")
    log.close()
    main_window.close()
    encrypt_shot(store)


def encrypt_shot(store) -> None:
    """The dialog an unencrypted database of an earlier version opens with: the demo database
    decrypted into a plain SQLite file, as an earlier officer-app left its files."""
    from officer_app.store.driver import sqlite
    from ui.encrypt_dialog import EncryptDialog

    old = Path(TMP.name) / "officer-app.sqlite"
    conn = sqlite.connect(str(store.path))
    conn.execute(f"PRAGMA key = \"x'{store.key.hex()}'\"")
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", [str(old)])
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute(f"PRAGMA plain.user_version = {conn.execute('PRAGMA user_version').fetchone()[0]}")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    dialog = EncryptDialog(old)
    dialog.show()
    QApplication.processEvents()
    dialog.grab().save(str(OUT / "18-encrypt-dialog.png"))
    print("wrote", OUT / "18-encrypt-dialog.png")
    dialog.reject()


if __name__ == "__main__":
    if "--at-150" in sys.argv:
        main("@150")
    else:
        main()
        env = dict(os.environ, QT_SCALE_FACTOR="1.5")
        subprocess.run([sys.executable, __file__, "--at-150"], env=env, check=True)
