"""The right-hand pane: one tracked request's clocks, timeline, letters and actions."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from foia_assist.domain.lifecycle import Status
from foia_assist.gui.event_dialog import LOGGABLE, MENU_LABELS
from foia_assist.services.tracked_letters import follow_up_problem

if TYPE_CHECKING:
    from foia_assist.domain.clock_readings import ClockReading
    from foia_assist.services.tracker import RequestView

# ClockState values, compared as text so this module does not load the deadline engine.
_COUNTING = ("running", "paused")

PathRole = Qt.ItemDataRole.UserRole


def clock_html(c: ClockReading) -> str:
    """One clock: name, state, due date and days left in words, then its explanation."""
    head = f"<b>{html.escape(c.name)}</b>: {html.escape(c.state_text)}"
    if c.due is not None:
        head += f", due {c.due.isoformat()}"
    if c.days_left is not None and c.state.value in _COUNTING:
        if c.days_left < 0:
            head += f" — <b>OVERDUE by {-c.days_left} days</b>"
        elif c.days_left == 0:
            head += " — <b>due today</b>"
        else:
            head += f" — {c.days_left} days left"
    body = "<br>".join(html.escape(line) for line in c.explanation.splitlines())
    return f"<p>{head}</p><p style='margin-left:12px'>{body}</p>"


class DetailPane(QWidget):
    """Emits what the user asked for; the main window does it and calls `show_view` again."""

    log_event = Signal(object)  # EventKind
    draft_letter = Signal(str)  # "follow-up" or "appeal"
    set_reminder = Signal()
    reminders_done = Signal()
    export_record = Signal()
    remove_event = Signal(int)  # event id
    send_letter = Signal()
    open_letter = Signal(str)
    show_letter_folder = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: RequestView | None = None
        # Read-only boxes show where the keyboard is, like the editable ones do.
        self.setStyleSheet(
            "QTextBrowser:focus, QListWidget:focus { border: 2px solid palette(highlight); }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setAccessibleName("Request details")
        scroll.setWidgetResizable(True)
        # Everything wraps to the pane's width: it scrolls down, never sideways.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tab went to the scroll area itself, drawn nowhere, between the list and Log event;
        # it still scrolls to whichever control inside it has the keyboard.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area = scroll
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        self.title = QLabel("Select a request to see its deadlines and history.")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setAccessibleName("Request summary")
        layout.addWidget(self.title)
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        self.next_step.setAccessibleName("Suggested next step")
        self.next_step.setStyleSheet(
            "QLabel { background: #fff3cd; color: #1a1a1a; padding: 6px; border-radius: 3px; }"
        )
        self.next_step.hide()
        layout.addWidget(self.next_step)

        actions = QGridLayout()
        self.log_button = QPushButton("&Log event")
        self.log_button.setAccessibleName("Log an event")
        menu = QMenu(self.log_button)
        self.log_menu = menu
        for kind, label, hint in LOGGABLE:
            action = menu.addAction(MENU_LABELS.get(kind, label))
            action.setToolTip(hint)
            action.triggered.connect(lambda _=False, k=kind: self.log_event.emit(k))
        self.log_button.setMenu(menu)
        self.follow_up_button = QPushButton("Draft follo&w-up")
        self.follow_up_button.setAccessibleName("Draft a follow-up letter")
        self.follow_up_button.clicked.connect(lambda: self.draft_letter.emit("follow-up"))
        self.appeal_button = QPushButton("Draft &appeal")
        self.appeal_button.setAccessibleName("Draft an appeal letter")
        self.appeal_button.clicked.connect(lambda: self.draft_letter.emit("appeal"))
        self.remind_button = QPushButton("&Remind me")
        self.remind_button.setAccessibleName("Set a reminder")
        self.remind_button.clicked.connect(self.set_reminder.emit)
        self.send_button = QPushButton("Send by e&mail")
        self.send_button.setAccessibleName("Send the letter by email")
        self.send_button.clicked.connect(self.send_letter.emit)
        buttons = (
            self.log_button,
            self.follow_up_button,
            self.appeal_button,
            self.remind_button,
            self.send_button,
        )
        # Two buttons a row: the pane stays narrow enough for a 1024-pixel-wide window.
        for i, b in enumerate(buttons):
            actions.addWidget(b, i // 2, i % 2)
        layout.addLayout(actions)

        clocks_box = QGroupBox("Deadlines")
        clocks_layout = QVBoxLayout(clocks_box)
        self.clocks = QTextBrowser()
        self.clocks.setAccessibleName("Deadlines and how they were worked out")
        self.clocks.setMinimumHeight(220)
        clocks_layout.addWidget(self.clocks)
        layout.addWidget(clocks_box, 2)

        timeline_box = QGroupBox("Timeline")
        tl = QVBoxLayout(timeline_box)
        self.timeline = QListWidget()
        self.timeline.setAccessibleName("Timeline of events")
        self.timeline.setMinimumHeight(90)
        tl.addWidget(self.timeline)
        self.remove_event_button = QPushButton("Remove &event…")
        self.remove_event_button.setAccessibleName("Remove the selected event")
        self.remove_event_button.setToolTip(
            "Take back an event logged by mistake (a wrong date or kind); the clocks recompute."
        )
        self.remove_event_button.setEnabled(False)
        self.remove_event_button.clicked.connect(self._remove_current_event)
        self.timeline.currentRowChanged.connect(
            lambda row: self.remove_event_button.setEnabled(row >= 0)
        )
        tl.addWidget(self.remove_event_button, 0, Qt.AlignmentFlag.AlignRight)
        reminder_row = QHBoxLayout()
        self.reminders = QLabel()
        self.reminders.setWordWrap(True)
        self.reminders.setAccessibleName("Pending reminders")
        self.reminders_done_button = QPushButton("Reminder &done")
        self.reminders_done_button.setAccessibleName("Mark the reminders due today or earlier done")
        self.reminders_done_button.setToolTip(
            "A reminder stays here, and in the start summary, until you mark it done."
        )
        self.reminders_done_button.clicked.connect(self.reminders_done.emit)
        reminder_row.addWidget(self.reminders, 1)
        reminder_row.addWidget(self.reminders_done_button)
        tl.addLayout(reminder_row)
        layout.addWidget(timeline_box, 2)

        letters_box = QGroupBox("Letters")
        ll = QVBoxLayout(letters_box)
        self.letters = QListWidget()
        self.letters.setAccessibleName("Letters made for this request")
        self.letters.setMinimumHeight(60)
        self.letters.itemActivated.connect(self._open_current)
        ll.addWidget(self.letters)
        row = QGridLayout()
        self.open_button = QPushButton("&Open letter")
        self.open_button.setAccessibleName("Open the selected letter")
        self.open_button.clicked.connect(self._open_current)
        self.folder_button = QPushButton("&Show in folder")
        self.folder_button.setAccessibleName("Show the selected letter in its folder")
        self.folder_button.clicked.connect(self._show_folder)
        self.record_button = QPushButton("E&xport record…")
        self.record_button.setAccessibleName("Export the request's record")
        self.record_button.setToolTip(
            "Deadlines with every step worked out, the timeline, and each letter's SHA-256 "
            "fingerprint, as DOCX, PDF or text: an exhibit for an appeal or a story."
        )
        self.record_button.clicked.connect(self.export_record.emit)
        row.addWidget(self.open_button, 0, 0)
        row.addWidget(self.folder_button, 0, 1)
        row.addWidget(self.record_button, 1, 0)
        ll.addLayout(row)
        layout.addWidget(letters_box, 1)
        self._body_layout = layout
        self.show_view(None)

    def add_box(self, title: str, widget: QWidget, stretch: int = 1) -> None:
        """Another section under the letters (the case file)."""
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        self._body_layout.addWidget(box, stretch)

    def show_view(
        self, view: RequestView | None, *, send_problem: str | None = None, waiting: bool = False
    ) -> None:
        """Show one request; `send_problem` says why it cannot be emailed (None: it can).
        None with `waiting`: a request is selected but the rules are still being read."""
        self.view = view
        enabled = view is not None
        for w in (
            self.log_button,
            self.remind_button,
            self.open_button,
            self.folder_button,
            self.record_button,
        ):
            w.setEnabled(enabled)
        self.timeline.clear()
        self.letters.clear()
        if view is None:
            self.title.setText(
                "Reading the rules to work out this request's deadlines…"
                if waiting
                else "Select a request to see its deadlines and history."
            )
            self.clocks.setHtml("")
            self.next_step.hide()
            self.reminders.setText("")
            self.reminders_done_button.hide()
            for b in (self.follow_up_button, self.appeal_button, self.send_button):
                b.setEnabled(False)
                b.setToolTip("Select a request in the list first.")
            # Not the last request's filing ("Draft complaint" with no request shown).
            self.appeal_button.setText("Draft &appeal")
            self.appeal_button.setAccessibleName("Draft an appeal letter")
            return
        r, j, f = view.request, view.jurisdiction, view.facts
        ref = f" · agency reference {html.escape(r.tracking_number)}" if r.tracking_number else ""
        self.title.setText(
            f"<h3 style='margin:0'>{html.escape(r.agency)}</h3>"
            f"{html.escape(j.name)} — {html.escape(j.law_name)} ({html.escape(j.citation)})<br>"
            f"Status: <b>{html.escape(f.status.value)}</b>{ref}"
        )
        if view.follow_up:
            self.next_step.setText(f"Next step: {view.follow_up}")
            self.next_step.show()
        else:
            self.next_step.hide()
        self.clocks.setHtml("".join(clock_html(c) for c in view.clocks))
        for e in view.timeline:
            item = QListWidgetItem(e.attributed())
            item.setData(PathRole, e.id)
            self.timeline.addItem(item)
        self.reminders.setText(reminders_text(view))
        self.reminders_done_button.setVisible(bool(view.reminders_due))
        for letter in r.letters:
            path = Path(letter.path)
            item = QListWidgetItem(f"{letter.made_on.isoformat()}  {letter.kind}: {path.name}")
            item.setData(PathRole, letter.path)
            item.setToolTip(f"{letter.path}\nSHA-256 {letter.sha256}")
            self.letters.addItem(item)
        if self.letters.count():
            self.letters.setCurrentRow(self.letters.count() - 1)
        problem = follow_up_problem(view)
        self.follow_up_button.setEnabled(problem is None)
        self.follow_up_button.setToolTip(
            "" if problem is None else problem[0].upper() + problem[1:] + "."
        )
        can_appeal = f.denied is not None or f.status is Status.DENIED
        self.appeal_button.setEnabled(can_appeal)
        # Named for what the letter is (trial J7): where the law has no administrative
        # appeal, the letter asks the agency to reconsider.
        filing = view.appeal_filing
        if filing == "appeal":
            self.appeal_button.setText("Draft &appeal")
        else:  # short: two buttons a row must fit a 1024-pixel window's pane
            self.appeal_button.setText(f"Dr&aft {filing.removesuffix(' request')}")
        self.appeal_button.setAccessibleName(f"Draft {_article(filing)} {filing} letter")
        reconsider = filing == "reconsideration request"
        self.appeal_button.setToolTip(
            (
                f"The {j.law_name} has no administrative appeal for this request: draft a "
                "letter asking the agency to reconsider its denial."
                if reconsider
                else f"Draft {_article(filing)} {filing} of the denial"
                + (f" to {view.appeal_body}." if view.appeal_body else ".")
            )
            if can_appeal
            else f"Log the agency's denial first (Log event › Denied): {_article(filing)} "
            f"{filing} answers it."
        )
        self.send_button.setEnabled(send_problem is None)
        self.send_button.setToolTip(send_problem or "Email the newest PDF or Word letter.")

    def _remove_current_event(self) -> None:
        item = self.timeline.currentItem()
        event_id = item.data(PathRole) if item is not None else None
        if event_id is not None:
            self.remove_event.emit(int(event_id))

    def _current_path(self) -> str | None:
        item = self.letters.currentItem()
        return str(item.data(PathRole)) if item is not None else None

    def _open_current(self) -> None:
        path = self._current_path()
        if path:
            self.open_letter.emit(path)

    def _show_folder(self) -> None:
        path = self._current_path()
        if path:
            self.show_letter_folder.emit(str(Path(path).parent))


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def reminders_text(view: RequestView) -> str:
    """Pending reminders in words; those whose day has come say so (never colour alone)."""
    if not view.reminders:
        return "No reminders set."
    items = []
    for m in view.reminders:
        if m.due < view.today:
            when = f"{m.due.isoformat()} (past, not marked done)"
        elif m.due == view.today:
            when = f"{m.due.isoformat()} (due today)"
        else:
            when = m.due.isoformat()
        items.append(f"{when}{' — ' + m.note if m.note else ''}")
    return "Reminders: " + "; ".join(items)
