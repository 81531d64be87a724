"""A supervisor's review of one checklist: a reading view, never the officer's form.

Top: the reference, address, officer, when it was submitted and its state. Left: what there
is to read (ui.review_reading: the children first, the flags, the risk, the reviews so far,
what changed since the last return, the whole checklist, the kept versions). Right, only for
a submitted checklist and a user who may decide: the supervisor's checklist and the decision
(ui.review_decision); refusals are shown beside the buttons and nothing typed is lost.

Opening records a "view" in the audit log (and so does viewing a kept version); a user who
may not read the checklist gets the reason in the window instead of a crash. After a decision
the status line confirms it, `decided(id)` is emitted and the window stays open, read-only,
showing the checklist in its new state with the review just made. Esc (or Close) closes,
asking first when something was typed and no decision made.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from officer_app import permissions, review, states
from officer_app.checklist import Checklist
from officer_app.definition import GRADE_LABELS, DefinitionError
from officer_app.demo_mark import is_demo
from officer_app.library import Library
from officer_app.review.changes import changes
from officer_app.settings import Settings
from officer_app.store import ConflictError, PermissionDenied, Review, Store, StoreError
from ui.autosave import app_settings
from ui.focus_order import chain, tab_stops
from ui.notices import announce, demo_banner, marking_banner, repolish, show_warning
from ui.review_decision import DecisionPanel
from ui.review_reading import ReadingView, VersionViewer, reading_label
from ui.review_text import field_choices, local_time
from ui.screen_fit import clamp_to_screen, fit_to_screen

PREFERRED = QSize(1280, 760)
VIEWER_SIZE = QSize(900, 700)
CLOSE_TITLE = "Close without a decision?"


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # a window exists only inside a QApplication
    return app


class ReviewWindow(QMainWindow):
    """`decided(id)` after an approval or a return; `closed` once it has closed."""

    decided = Signal(int)
    closed = Signal()

    def __init__(
        self,
        store: Store,
        library: Library,
        settings: Settings,
        checklist_id: int,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.store, self.library, self.settings = store, library, settings
        self.checklist_id = checklist_id
        self.checklist: Checklist | None = None
        self.reading: ReadingView | None = None
        self.panel: DecisionPanel | None = None
        self.reading_scroll: QScrollArea | None = None
        self.made_decision = False
        self.giving_up = False  # the supervisor chose to close and lose what they typed
        self.confirm: QMessageBox | None = None
        self._build_frame()
        self._open()
        self._place_on_screen()
        _app().focusChanged.connect(self._keep_in_view)

    # ---------------------------------------------------------------- the frame

    def _build_frame(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(marking_banner(self.settings.marking))
        try:
            self.demo = is_demo(self.store)
        except StoreError:
            self.demo = False
        if self.demo:
            outer.addWidget(demo_banner())
        self.title = reading_label("")
        self.title.setObjectName("formTitle")
        self.details = reading_label("")
        outer.addWidget(self.title)
        outer.addWidget(self.details)
        self.body = QWidget()
        self.body_layout = QHBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body, 1)
        bottom = QHBoxLayout()
        self.status = reading_label("")
        self.status.setObjectName("outcome")
        self.status.hide()
        bottom.addWidget(self.status, 1)
        self.close_button = QPushButton("C&lose")
        self.close_button.setAutoDefault(True)
        self.close_button.clicked.connect(self.close)
        bottom.addStretch(0)
        bottom.addWidget(
            self.close_button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
        )
        outer.addLayout(bottom)
        outer.addWidget(marking_banner(self.settings.marking))
        self.setCentralWidget(central)
        # a window shortcut waits while a drop-down's list or a dialog is open: Esc closes those
        QShortcut(QKeySequence("Esc"), self, self.close)
        close = QShortcut(self)
        close.setKeys([QKeySequence("Ctrl+W"), QKeySequence("Ctrl+F4")])
        close.activated.connect(self.close)

    def _place_on_screen(self) -> None:
        geometry = app_settings().value("review/geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            clamp_to_screen(self)
        else:
            fit_to_screen(self, PREFERRED)

    # ---------------------------------------------------------------- opening

    def _open(self) -> None:
        try:
            checklist = self.store.load(self.checklist_id)
            self.definition, self.tool = self.library.for_checklist(checklist)
            self.store.record("view", self.checklist_id, "review")
        except PermissionDenied as exc:
            self._cannot_open(f"You cannot open checklist {self.checklist_id}: {exc}")
            return
        except (StoreError, DefinitionError) as exc:
            self._cannot_open(f"Checklist {self.checklist_id} cannot be shown: {exc}")
            return
        self.checklist = checklist
        self._build()
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)  # the reading starts at the top

    def _cannot_open(self, message: str) -> None:
        self.setWindowTitle(f"Checklist {self.checklist_id} — officer-app")
        self.title.setText(f"Checklist {self.checklist_id} is not shown")
        self._say(message, problem=True)
        self.status.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def deciding(self) -> bool:
        """A decision is to be made here: submitted, and the user may approve or return."""
        return (
            self.checklist is not None
            and self.checklist.state == states.SUBMITTED
            and permissions.may(self.store.user, "approve")
        )

    def _build(self) -> None:
        """The header and the body for the checklist as it now is (again after a decision)."""
        checklist = self.checklist
        assert checklist is not None and checklist.id is not None
        try:
            reviews = self.store.reviews(checklist.id)
            versions = self.store.versions(checklist.id)
            changed = self._changed(reviews)
        except (StoreError, PermissionDenied) as exc:
            self._say(f"The reviews and versions cannot be read: {exc}", problem=True)
            reviews, versions, changed = [], [], None
        self._header(checklist)
        while self.body_layout.count():
            old = self.body_layout.takeAt(0).widget()
            if old is not None:
                old.hide()
                old.deleteLater()
        self.reading = ReadingView(
            checklist, self.definition, self.tool, reviews, versions, changed
        )
        self.reading.version_requested.connect(self.show_version)
        self.reading_scroll = QScrollArea()
        self.reading_scroll.setObjectName("reviewReadingArea")
        self.reading_scroll.setWidgetResizable(True)
        self.reading_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its texts take the focus
        self.reading_scroll.setWidget(self.reading)
        self.body_layout.addWidget(self.reading_scroll, 3)
        self.panel = None
        if self.deciding:
            grade = checklist.get("risk.officer_grade") or ""
            choices = field_choices(checklist, self.definition, self.tool)
            self.panel = DecisionPanel(choices, grade)
            self.panel.approve_clicked.connect(self.approve)
            self.panel.return_clicked.connect(self.return_to_officer)
            self.panel.rows_changed.connect(self.update_tab_order)
            self.body_layout.addWidget(self.panel, 2)
        self.update_tab_order()

    def _header(self, checklist: Checklist) -> None:
        reference = checklist.get("incident.reference") or "(no reference)"
        address = " ".join(str(checklist.get("incident.address") or "").split())
        postcode = checklist.get("incident.postcode") or ""
        where = ", ".join(part for part in (address, postcode) if part) or "no address"
        self.title.setText(f"{reference} — {where}")
        name, collar = (str(checklist.get(f"officer.{f}") or "") for f in ("name", "collar_number"))
        named = f"{name}, collar {collar}" if name and collar else name or collar
        officer = f"{named} (account {checklist.owner})" if named else checklist.owner
        submitted = local_time(checklist.submitted_at) or "not submitted"
        state = states.label(checklist.state)
        if self.deciding:
            mode = "Waiting for your review: read on the left, decide on the right."
        elif checklist.state == states.SUBMITTED:
            mode = "Read only: only a supervisor reviews a checklist."
        else:
            mode = f"Read only: this checklist is {state.lower()}; there is no decision to make."
        self.details.setText(
            f"Officer: {officer or 'not recorded'} · Submitted: {submitted} · State: {state}\n"
            f"{mode}"
        )
        demo = "DEMO DATA — " if self.demo else ""
        self.setWindowTitle(f"{demo}Review: {reference} — officer-app")

    def _changed(self, reviews: list[Review]):
        """The last return and what changed since the version it returned, if it has moved
        on since (a resubmission)."""
        returns = [r for r in reviews if r.decision == "return"]
        checklist = self.checklist
        if not returns or checklist is None or checklist.id is None:
            return None
        last = returns[-1]
        if checklist.version <= last.checklist_version:
            return None
        before = self.store.load_version(checklist.id, last.checklist_version)
        return last, changes(before, checklist, self.definition, self.tool)

    def update_tab_order(self) -> None:
        """Tab goes through the window as it is drawn, again after a reason is added."""
        chain(tab_stops(self.centralWidget()))

    # ---------------------------------------------------------------- deciding

    def approve(self) -> None:
        panel, checklist = self.panel, self.checklist
        if panel is None or checklist is None:
            return
        panel.clear_refusal()
        try:
            review.approve(
                self.store,
                checklist,
                self.library,
                agreed_grade=panel.agreed_grade(),
                grade_rationale=panel.rationale_text(),
                items=panel.items(),
                note=panel.note_text(),
            )
        except review.ReviewRefused as exc:
            panel.show_refusal(exc.problems)
            return
        except (PermissionDenied, StoreError) as exc:
            panel.show_refusal([self._failure(exc)])
            return
        grade = GRADE_LABELS.get(panel.agreed_grade(), panel.agreed_grade())
        self._after_decision(f"Approved: agreed risk grade {grade}. The checklist is locked.")

    def return_to_officer(self) -> None:
        panel, checklist = self.panel, self.checklist
        if panel is None or checklist is None:
            return
        panel.clear_refusal()
        local = panel.reason_problems()
        if local:
            panel.show_refusal(local)
            return
        try:
            made = review.return_for_changes(
                self.store, checklist, panel.reasons(), items=panel.items(), note=panel.note_text()
            )
        except review.ReviewRefused as exc:
            panel.show_refusal(exc.problems)
            return
        except (PermissionDenied, StoreError) as exc:
            panel.show_refusal([self._failure(exc)])
            return
        count = len(made.reasons)
        self._after_decision(
            f"Returned to {checklist.owner or 'the officer'} with {count} "
            f"reason{'s' if count != 1 else ''}; they see each beside its field."
        )

    def _failure(self, exc: Exception) -> str:
        if isinstance(exc, ConflictError):
            return (
                f"{exc} Someone else may have decided already: close this review and open it "
                "again from the queue."
            )
        return f"Nothing was recorded: {exc}"

    def _after_decision(self, text: str) -> None:
        self.made_decision = True  # the checklist object holds the new state and version
        when = local_time(self.checklist.updated_at) if self.checklist else ""
        self._build()
        self._say(f"{text} Recorded by {self.store.actor} at {when}.")
        self.status.setFocus(Qt.FocusReason.OtherFocusReason)
        self.decided.emit(self.checklist_id)

    def _say(self, text: str, problem: bool = False) -> None:
        self.status.setObjectName("fieldProblem" if problem else "outcome")
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.status.show()
        repolish(self.status)
        announce(self.status, text, assertive=problem)

    # ---------------------------------------------------------------- versions

    def show_version(self, version: int) -> VersionViewer | None:
        """A kept version, read-only, in its own window; the view is recorded first."""
        try:
            kept = self.store.load_version(self.checklist_id, version)
            definition, tool = self.library.for_checklist(kept)
            self.store.record("view", self.checklist_id, f"review: version {version}")
        except (PermissionDenied, StoreError, DefinitionError) as exc:
            show_warning(self, "Version not shown", f"Version {version} cannot be shown: {exc}")
            return None
        reference = kept.get("incident.reference") or f"Checklist {self.checklist_id}"
        title = f"{reference} — version {version} ({states.label(kept.state).lower()}), read-only"
        viewer = VersionViewer(title, kept, definition, tool, self.settings.marking, self)
        fit_to_screen(viewer, VIEWER_SIZE)
        viewer.show()
        return viewer

    # ---------------------------------------------------------------- focus and closing

    def _keep_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new.window() is not self:
            return
        areas = [self.reading_scroll]
        if self.panel is not None:
            areas += [self.panel.items_area, self.panel.refusal_box]
        for area in areas:
            if area is not None and area.widget() is not None and area.widget().isAncestorOf(new):
                area.ensureWidgetVisible(new, 10, 10)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self._unsaved_work():
            event.ignore()
            self._ask_before_closing()
            return
        _app().focusChanged.disconnect(self._keep_in_view)
        for viewer in self.findChildren(VersionViewer):
            viewer.close()
        app_settings().setValue("review/geometry", self.saveGeometry())
        self.closed.emit()
        super().closeEvent(event)

    def _unsaved_work(self) -> bool:
        """Something typed or chosen for a decision not made (and not yet given up)."""
        panel = self.panel
        return panel is not None and panel.dirty and not self.made_decision and not self.giving_up

    def _ask_before_closing(self) -> None:
        """A window-modal question, opened rather than exec'd (nothing waits on it): going
        back to the review is the default and Esc; closing takes a deliberate choice."""
        if self.confirm is not None:
            self.confirm.raise_()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            CLOSE_TITLE,
            "You have started this review and made no decision. If you close it now, what "
            "you typed and chose here is lost.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Close and lose it")
        box.button(QMessageBox.StandardButton.No).setText("Go back to the review")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(self._answered)  # no lambda holding the box: it is deleted
        self.confirm = box
        box.open()

    def _answered(self, button) -> None:
        box, self.confirm = self.confirm, None
        if box is not None and box.buttonRole(button) == QMessageBox.ButtonRole.YesRole:
            self.giving_up = True
            self.close()
        else:
            self.activateWindow()  # back where the supervisor was, with all they typed
