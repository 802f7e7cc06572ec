"""The window's case-file actions: the panel in the detail pane, confirming the events a
reply announces, and searching every attachment (View › Search attachments…)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from foia_assist.gui import messages
from foia_assist.gui.casefile_panel import CaseFilePanel
from foia_assist.gui.workers import JobRunner

if TYPE_CHECKING:
    from foia_assist.app import AppContext
    from foia_assist.gui.search_dialog import SearchDialog
    from foia_assist.services.casefile.reply_reader import Suggestion


class CaseFileActions:
    def __init__(
        self,
        ctx: AppContext,
        window: QWidget,
        runner: JobRunner,
        today: Callable[[], date],
        reload: Callable[[int], None],
        select_request: Callable[[int], bool],
    ) -> None:
        self.ctx, self.window, self.today = ctx, window, today
        self._reload, self._select = reload, select_request
        self.panel = CaseFilePanel(lambda: ctx.casefile, runner, today, window)
        self.panel.changed.connect(self._reload)
        self.panel.proposals.connect(self.confirm_proposals)
        self.search_dialog: SearchDialog | None = None

    def show_request(self, request_id: int | None) -> None:
        self.panel.show_request(request_id)

    def confirm_proposals(self, request_id: int, proposals: list[tuple[str, Suggestion]]) -> None:
        from foia_assist.gui.proposals_dialog import ProposalsDialog
        from foia_assist.services.casefile.confirm import log_suggestion

        dialog = ProposalsDialog(proposals, self.today(), self.window)
        if not messages.run_dialog(dialog):
            return
        tracker = self.ctx.tracker
        problems = dialog.log_all(lambda src, s: log_suggestion(tracker, request_id, s, src))
        self._reload(request_id)
        if problems:
            messages.show_error(self.window, "Some events were not logged", "\n".join(problems))

    def open_search(self) -> None:
        from foia_assist.gui.search_dialog import SearchDialog

        if self.search_dialog is None:
            self.search_dialog = SearchDialog(
                lambda: self.ctx.casefile,
                self.window,
                agency_of=lambda rid: self.ctx.tracker.get(rid).agency,
            )
            self.search_dialog.show_request.connect(self._select)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query.setFocus()
