"""What the main window shows and offers for the signed-in user's role.

- officer: their own checklists; New; opening one opens the form (ui/checklist_window.py);
  Amend… reopens one of their approved checklists for an amendment.
- supervisor: a "Review queue" tab (ui/review_queue.py) beside every checklist; opening one
  opens the reading view with the decision (ui/review_window.py); Amend… too.
- administrator: approved and sent checklists; Export referral…; Accounts…, Audit log…,
  Retention… (checklists past their retention period, erased on their choice:
  ui/retention_dialog.py), Back up… (ui/backup_dialog.py) and Restore… (ui/restore_dialog.py)
- everyone: Lock (Ctrl+L) and who is signed in, in the title.

The core refuses what a role may not do (officer_app.permissions): what is hidden here is only
what would be refused anyway.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMainWindow, QTabWidget, QWidget

from officer_app import permissions, review, states
from officer_app.permissions import ADMINISTRATOR, OFFICER, SUPERVISOR, User
from officer_app.store import StoreError
from ui.notices import show_warning


def role_of(user: User | None) -> str | None:
    return user.role if user is not None else None


def title_suffix(user: User | None) -> str:
    return f" — signed in as {user.label}" if user is not None else ""


def opens_reading_view(user: User | None) -> bool:
    """Supervisors and administrators read checklists in the review window, not the form."""
    return role_of(user) in (SUPERVISOR, ADMINISTRATOR)


def central_part(window, checklists: QWidget) -> QWidget:
    """For a supervisor, the queue and the list as two tabs; the list alone otherwise."""
    if role_of(window.store.user) != SUPERVISOR:
        return checklists
    from ui.review_queue import ReviewQueue

    tabs = QTabWidget()
    tabs.setObjectName("mainTabs")
    window.queue = ReviewQueue(window.store, window.library, window.settings)
    window.queue.open_requested.connect(window.open_checklist)
    tabs.addTab(window.queue, "Review &queue")
    tabs.addTab(checklists, "All &checklists")
    window.tabs = tabs
    return tabs


def _action(window: QMainWindow, text: str, shortcut: str, handler, tip: str) -> QAction:
    made = QAction(text, window)
    if shortcut:
        made.setShortcut(QKeySequence(shortcut))
        made.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})")
    made.setStatusTip(tip)
    made.triggered.connect(handler)
    return made


def add_role_actions(window) -> None:
    """The role's own menu entries, and which of the common ones it sees."""
    user = window.store.user
    role = role_of(user)
    window.new_action.setVisible(permissions.may(user, "submit"))  # officers start checklists
    window.export_action.setVisible(permissions.may(user, "export"))
    window.amend_action = _action(
        window,
        "A&mend…",
        "",
        window.amend_selected,
        "Reopen the selected approved checklist for an amendment (it is reviewed again)",
    )
    window.amend_action.setVisible(role in (OFFICER, SUPERVISOR, None))
    window.file_menu.insertAction(window.file_separator, window.amend_action)
    window.lock_action = _action(
        window, "&Lock", "Ctrl+L", lock_now, "Hide everything until your password is entered"
    )
    # from every window of the app, not only the list: a checklist is what needs hiding
    window.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.file_menu.insertAction(window.file_separator, window.lock_action)
    if role in (ADMINISTRATOR, None):
        menu = window.menuBar().addMenu("&Administration")
        window.accounts_action = _action(
            window, "&Accounts…", "", lambda: open_accounts(window), "Add, reset, disable accounts"
        )
        window.audit_action = _action(
            window, "Audit &log…", "", lambda: open_audit(window), "View and verify the audit log"
        )
        window.retention_action = _action(
            window,
            "&Retention…",
            "",
            lambda: open_retention(window),
            "Checklists past their retention period; erase the ones you choose",
        )
        menu.addAction(window.accounts_action)
        menu.addAction(window.audit_action)
        menu.addAction(window.retention_action)
        window.backup_action = _action(
            window,
            "&Back up…",
            "",
            lambda: back_up(window),
            "Write an encrypted, checked copy of the database (two files: keep them together)",
        )
        window.restore_action = _action(
            window,
            "Re&store…",
            "",
            lambda: restore(window),
            "Replace the database with a backup; officer-app closes afterwards",
        )
        menu.addSeparator()
        menu.addAction(window.backup_action)
        menu.addAction(window.restore_action)


def lock_now() -> None:
    from ui.idle_lock import installed_lock

    lock = installed_lock()
    if lock is not None:
        lock.lock_now()


def open_accounts(window) -> None:
    from ui.accounts_dialog import open_accounts as show

    show(window, window.store)


def open_audit(window) -> None:
    from ui.audit_dialog import open_audit_log

    open_audit_log(window, window.store)


def open_retention(window):
    """The retention dialog; after an erasure the list is read again (the erased are gone)."""
    from ui.retention_dialog import open_retention as show

    dialog = show(window, window.store, window.settings)
    if dialog is not None:
        dialog.erased.connect(lambda _ids: window.reload())
    return dialog


def back_up(window):
    from ui.backup_dialog import back_up as write

    return write(window)


def restore(window):
    from ui.restore_dialog import restore_database

    return restore_database(window)


def may_amend(user: User | None, row) -> bool:
    if row is None or not states.is_approved(row.state):
        return False
    if role_of(user) == OFFICER:
        return row.owner.casefold() == user.name.casefold()  # type: ignore[union-attr]
    return permissions.may(user, "amend")


def amend(window, checklist_id: int) -> bool:
    """Ask why, then reopen an approved checklist as a draft; True when it was reopened."""
    reason, ok = QInputDialog.getMultiLineText(
        window,
        "Amend an approved checklist",
        "What is to be changed, and why? The approved version is kept, and the checklist "
        "goes to a supervisor again when it is submitted.",
    )
    if not ok:
        return False
    try:
        checklist = window.store.load(checklist_id)
        review.amend(window.store, checklist, reason)
    except review.ReviewRefused as exc:
        show_warning(window, "Not amended", " ".join(exc.problems))
        return False
    except (StoreError, permissions.PermissionDenied) as exc:
        show_warning(window, "Not amended", str(exc))
        return False
    return True
