"""The idle lock: after `idle_lock_minutes` without a key or a mouse event, or on request
(`lock_now`), every window stops showing personal details until the signed-in person types
their password again.

Station PCs are shared and officers get called away mid-checklist. Locking must hide the
children's and adults' names and answers from every top-level window (the main window, open
checklists, open dialogs) and give each back exactly as it was: same place and size, same
focused field, nothing typed lost. So no window is hidden or closed (hiding a QDialog in
exec() ends its event loop, and the question it asks would be answered for the officer).
Instead each window's own child widgets are hidden - so no widget that shows a name is
visible, the check the tests make - and an opaque cover with a neutral sentence lies over
the window, whose title (a reference, an address) becomes "officer-app — locked". While
locked, the window's layout is held still (its LayoutRequest events wait), so a dialog that
fits its contents keeps its size and every window its geometry; the focus stays with the
hidden field (nothing else in the window can take it) and is there again when the window is
active again; a title set meanwhile (an autosave retitles its checklist window) is kept for
later and the neutral one put back; a window that opens while locked is covered too.

The lock screen (ui.sign_in.LockScreen) is a separate application-modal window (shown, not
exec'd) that asks for the password (`store.check_password`, which logs "unlock" or the
failure and counts towards the account's lockout) and offers Quit, which closes every window
the usual way (open checklists save as they close). Locking logs "lock" with why ("idle 5
min", "on request").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QToolTip,
    QWidget,
)

from officer_app.permissions import User
from officer_app.store import Store, StoreError
from officer_app.store.users import LoginError
from ui.screen_fit import available
from ui.sign_in import LockScreen

LOCKED_TITLE = "officer-app — locked"
COVER_TEXT = (
    "officer-app is locked.\n\nPersonal details are hidden until the person signed in types "
    "their password in the lock window."
)
COVER_STYLE = (
    "QLabel#lockCover { background: #1d3557; color: white; font-size: 13pt; padding: 24px; }"
)
Type = QEvent.Type
ACTIVITY_NAMES = (
    "KeyPress KeyRelease MouseButtonPress MouseButtonRelease MouseButtonDblClick MouseMove Wheel"
    " TouchBegin TouchUpdate TabletPress TabletMove"
)
ACTIVITY = frozenset(getattr(Type, name) for name in ACTIVITY_NAMES.split())
WT = Qt.WindowType
DIRECT_CHILDREN = Qt.FindChildOption.FindDirectChildrenOnly
COVERED_KINDS = frozenset({WT.Window, WT.Dialog, WT.Sheet, WT.Drawer, WT.Tool})


def alive(obj: QObject | None) -> bool:
    return obj is not None and shiboken6.isValid(obj)


@dataclass
class Covered:
    """One window while locked: what to give back."""

    window: QWidget
    title: str
    hidden: list[QWidget] = field(default_factory=list)
    cover: QLabel | None = None


def cover(window: QWidget) -> Covered:
    """Hide what the window shows under an opaque cover, with a neutral title."""
    record = Covered(window, window.windowTitle())
    record.hidden = [
        child
        for child in window.findChildren(QWidget, options=DIRECT_CHILDREN)
        if not child.isWindow() and not child.isHidden()
    ]
    for child in record.hidden:
        child.hide()
    shield = QLabel(COVER_TEXT, window)
    shield.setObjectName("lockCover")
    shield.setWordWrap(True)
    shield.setAlignment(Qt.AlignmentFlag.AlignCenter)
    shield.setAutoFillBackground(True)
    shield.setStyleSheet(COVER_STYLE)
    shield.setAccessibleName("Locked")
    shield.setGeometry(window.rect())
    shield.show()
    shield.raise_()
    record.cover = shield
    window.setWindowTitle(LOCKED_TITLE)
    return record


def uncover(record: Covered, keep_cover: bool = False) -> None:
    """Show the window's contents again as they were. With `keep_cover` the contents come
    back (so closing saves the window's true state) but stay under the cover and the neutral
    title."""
    window = record.window
    if not alive(window):
        return
    for child in record.hidden:
        if alive(child):
            child.show()
    if keep_cover:
        if alive(record.cover):
            record.cover.raise_()
        return
    if alive(record.cover):
        record.cover.hide()
        record.cover.deleteLater()
    window.setWindowTitle(record.title)


def shown_windows(*besides: QWidget | None) -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowType() in COVERED_KINDS and w not in besides
    ]


class IdleLock(QObject):
    """Locks every window after `minutes` without a key or mouse event (an application event
    filter restarts the timer on each), or on `lock_now()`; `locked_changed` tells when."""

    locked_changed = Signal(bool)

    def __init__(self, app: QApplication, store: Store, minutes: float):
        super().__init__(app)
        self.app, self.store, self.minutes = app, store, minutes
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, round(minutes * 60_000)))
        self.timer.timeout.connect(self._idle)
        self.screen: LockScreen | None = None
        self.covered: dict[QWidget, Covered] = {}
        self.locked = False
        self._quitting = False
        self._active: QWidget | None = None
        app.installEventFilter(self)
        self.timer.start()

    def uninstall(self) -> None:
        """Stop watching (the window has closed)."""
        global _INSTALLED
        self.timer.stop()
        self.app.removeEventFilter(self)
        if _INSTALLED is self:
            _INSTALLED = None

    # ------------------------------------------------------------ watching

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if not self.locked:
            if kind in ACTIVITY:
                self.timer.start()
            return False
        record = self.covered.get(watched) if isinstance(watched, QWidget) else None
        if record is not None:
            if kind == Type.LayoutRequest:
                return True  # held still: a dialog fitted to its contents keeps its size
            if kind == Type.Resize and alive(record.cover):
                record.cover.setGeometry(watched.rect())
            elif kind == Type.WindowTitleChange and watched.windowTitle() != LOCKED_TITLE:
                record.title = watched.windowTitle()  # e.g. retitled by an autosave
                watched.setWindowTitle(LOCKED_TITLE)
        elif kind == Type.Show and self._opens_while_locked(watched):
            self.covered[watched] = cover(watched)
            QTimer.singleShot(0, self._screen_on_top)
        return False

    def _opens_while_locked(self, watched: QObject) -> bool:
        return (
            isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.windowType() in COVERED_KINDS
            and watched is not self.screen
            and not self._quitting
        )

    def _screen_on_top(self) -> None:
        """A modal window that opened while locked would take the input from the lock
        screen: show the lock screen again so that it is the latest modal window."""
        screen = self.screen
        if screen is not None and alive(screen) and QApplication.activeModalWidget() is not screen:
            screen.hide()
            screen.show()
            screen.activateWindow()
            screen.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _idle(self) -> None:
        self.lock_now(f"idle {self.minutes:g} min")

    # ------------------------------------------------------------ locking

    def lock_now(self, reason: str = "on request") -> bool:
        """Lock every window now (also what Ctrl+L does). False when nobody is signed in,
        since nobody could unlock it."""
        if self.locked:
            return True
        user = self.store.user
        if user is None:
            return False
        self._close_popups()
        self._active = QApplication.activeWindow()
        self.timer.stop()
        self.locked = True
        for window in shown_windows():
            self.covered[window] = cover(window)
        note = ""
        try:
            self.store.record("lock", None, reason)
        except StoreError as exc:
            note = f"The lock could not be written to the audit log: {exc}"
        minutes = f"{self.minutes:g} minute{'' if self.minutes == 1 else 's'}"
        idle = reason != "on request"
        why = f"Locked after {minutes} without use" if idle else "Locked on request"
        self._show_screen(user, why, note)
        self.locked_changed.emit(True)
        return True

    @staticmethod
    def _close_popups() -> None:
        """Open drop-down lists and menus close; tooltips go."""
        QToolTip.hideText()
        for _ in range(10):
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()

    def _show_screen(self, user: User, why: str, note: str) -> None:
        screen = LockScreen(user, why, note)
        screen.unlock_requested.connect(self.try_unlock)
        screen.reject_button.clicked.connect(self.quit)
        screen.adjustSize()
        area = available(self._active if alive(self._active) else screen)
        frame = screen.frameGeometry()
        frame.moveCenter(area.center())
        screen.move(frame.topLeft())
        self.screen = screen
        screen.show()
        screen.raise_()
        screen.activateWindow()
        screen.password.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------ unlocking

    def try_unlock(self, password: str) -> bool:
        """Unlock when `password` is the signed-in user's; otherwise say why on the lock
        screen (a wrong password with the tries left, the account now locked)."""
        screen, user = self.screen, self.store.user
        if not self.locked or screen is None or user is None:
            return False
        if not password:
            screen.refuse("Type your password to unlock.")
            return False
        try:
            self.store.check_password(user.name, password)
        except LoginError as exc:
            # the lock screen asks only for the password: say so, not "the name or ..."
            said = str(exc).replace("The name or the password is wrong", "The password is wrong")
            screen.refuse(f"Still locked. {said}")
            return False
        except StoreError as exc:
            screen.refuse(f"Still locked: the password could not be checked ({exc}).")
            return False
        self._end_lock()
        return True

    def _end_lock(self) -> None:
        if self.screen is not None and alive(self.screen):
            self.screen.close_for_good()
        self.screen = None
        self.locked = False
        for record in self.covered.values():
            uncover(record)
        self.covered.clear()
        if alive(self._active) and self._active.isVisible():
            self._active.raise_()
            self._active.activateWindow()
        self._active = None
        self.timer.start()
        self.locked_changed.emit(False)

    # ------------------------------------------------------------ quitting

    def quit(self) -> bool:
        """Close every window as closing does (checklists save first); the dialogs open at
        lock time are cancelled. If a window refuses to close (its checklist could not be
        saved and the officer keeps it), everything stays locked."""
        if not self.locked:
            return False
        self._quitting = True
        try:
            for window in shown_windows(self.screen):
                if isinstance(window, QDialog):
                    window.reject()  # a question open at lock time: answered "no"
            for record in self.covered.values():
                uncover(record, keep_cover=True)  # closing saves the true layout
            closed = True
            for window in shown_windows(self.screen):
                if alive(window) and window.isVisible() and not window.close():
                    closed = False  # a main window closes its checklists before itself
                    break
        finally:
            self._quitting = False
        if not closed:
            self._cover_again()
            if self.screen is not None:
                self.screen.refuse("Not every window could close, so officer-app is still open.")
            return False
        self.locked = False
        self.covered.clear()
        if self.screen is not None:
            self.screen.close_for_good()
        self.screen = None
        self.locked_changed.emit(False)
        return True

    def _cover_again(self) -> None:
        """After a refused quit: the windows still open are covered again as they are."""
        old, self.covered = self.covered, {}
        for window, record in old.items():
            if alive(window) and window.isVisible():
                uncover(record)  # its true title, to be kept again
                self.covered[window] = cover(window)


_INSTALLED: IdleLock | None = None


def install_idle_lock(app: QApplication, store: Store, minutes: float) -> IdleLock:
    """Watch the whole application for idleness (one lock at a time); the lock is kept by
    this module and by the application (its parent). `installed_lock().lock_now()` locks on
    request."""
    global _INSTALLED
    if _INSTALLED is not None and alive(_INSTALLED):
        _INSTALLED.uninstall()
    _INSTALLED = IdleLock(app, store, minutes)
    return _INSTALLED


def installed_lock() -> IdleLock | None:
    return _INSTALLED if _INSTALLED is not None and alive(_INSTALLED) else None
