"""The request wizard: six pages from a jurisdiction to a saved, tracked letter."""

from __future__ import annotations

import html
import json
from collections.abc import Generator
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QWidget, QWizard

from foia_assist.domain.request import Requester, RequestSpec, SpecError
from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_text
from foia_assist.gui import messages
from foia_assist.gui.progress import run_with_progress
from foia_assist.gui.screen_fit import fit_to_screen
from foia_assist.gui.wizard.agency_page import AgencyPage
from foia_assist.gui.wizard.draft_banner import draft_subject
from foia_assist.gui.wizard.finish_page import FinishPage
from foia_assist.gui.wizard.host import Review, WizardDeps
from foia_assist.gui.wizard.jurisdiction_page import JurisdictionPage
from foia_assist.gui.wizard.records_page import RecordsPage
from foia_assist.gui.wizard.requester_page import RequesterPage
from foia_assist.gui.wizard.review_page import ReviewPage

if TYPE_CHECKING:
    from foia_assist.domain.jurisdictions import Jurisdiction

__all__ = ["RequestWizard", "Review", "WizardDeps", "draft_saved_at", "load_draft"]


class RequestWizard(QWizard):
    request_added = Signal(int)  # the new tracked request's id
    letters_saved = Signal(list)  # the paths written

    PAGE_IDS = ("jurisdiction", "agency", "records", "requester", "review", "finish")
    # Its size where the screen allows it (1440×900): step 2 (the agency's details) and
    # step 3's two lists then show everything without scrolling.
    PREFERRED = QSize(1180, 860)

    def __init__(self, deps: WizardDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        self.setWindowTitle("New request — FOIA Assist")
        self.setAccessibleName("New request wizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, "Save &draft")
        self.customButtonClicked.connect(lambda _: self.save_draft())
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Finish")
        self.jurisdiction_page = JurisdictionPage(self)
        self.agency_page = AgencyPage(self)
        self.records_page = RecordsPage(self)
        self.requester_page = RequesterPage(self)
        self.review_page = ReviewPage(self)
        self.finish_page = FinishPage(self)
        for page in (
            self.jurisdiction_page,
            self.agency_page,
            self.records_page,
            self.requester_page,
            self.review_page,
            self.finish_page,
        ):
            self.addPage(page)
        self.resize(1000, 680)
        self.setMinimumSize(720, 520)
        # Larger where the screen has room (1440×900): step 2 then shows all its rows
        # without scrolling; a 1024×640 screen keeps it inside the screen.
        fit_to_screen(self, preferred=self.PREFERRED)
        self.job: Any = None
        self._closing = False
        # A kept draft offered on step 1 (not yet resumed), and whether the draft file is
        # this wizard's own (resumed or saved here): only then does finishing remove it.
        self._offered: dict[str, Any] | None = None
        self._draft_is_ours = False
        banner = self.jurisdiction_page.draft_banner
        banner.resume_requested.connect(self.resume_offered_draft)
        banner.afresh_requested.connect(self.start_afresh)
        banner.discard_requested.connect(self.discard_offered_draft)

    # -- the request ----------------------------------------------------------------------

    def spec(self) -> RequestSpec:
        """The request as entered, validated by the domain (raises SpecError naming a field)."""
        j = self.jurisdiction_page.jurisdiction()
        code = j.code if j else ""
        spec = RequestSpec(
            agency=self.agency_page.agency(code),
            requester=self.requester_page.requester(),
            records=self.records_page.records.records(),
            options=self.requester_page.options(),
        )
        return RequestSpec.from_dict(spec.to_dict())

    def chosen_jurisdiction(self) -> Jurisdiction | None:
        return self.jurisdiction_page.jurisdiction()

    def agency_name(self) -> str:
        return self.agency_page.name.text().strip()

    def chosen_level(self) -> str | None:
        level = self.agency_page.level_value()
        return level.value if level is not None else None

    def select_jurisdiction(self, code: str) -> None:
        """Page 1 follows an agency picked on page 2 from the directory."""
        self.jurisdiction_page.select(code)

    def review(self) -> Review:
        from foia_assist.gui.wizard.law_behind import grounds_html
        from foia_assist.services.letter_preview import preview_letter
        from foia_assist.services.letters.convert import docx_to_html

        j = self.chosen_jurisdiction()
        if j is None:
            return Review(error="Choose a jurisdiction first.")
        from foia_assist.services.letters.field_names import WIZARD_NAMES

        try:
            preview = preview_letter(
                self.deps.letters, "request", self.spec(), self.deps.today(), names=WIZARD_NAMES
            )
        except SpecError as exc:  # named as the window shows it (trial K6)
            problem = WIZARD_NAMES.problem(exc.field, exc.problem)
            return Review(error=f"The letter can't be made yet: {problem}")
        except UserError as exc:
            return Review(error=f"The letter can't be made yet: {exc}")
        deadline = preview.deadline
        if deadline is not None and deadline.due is not None:
            summary = html.escape(j.response.summary.strip().rstrip(".;"))
            head = (
                f"<b>If the agency receives it today</b>, by <b>{deadline.due.isoformat()}</b> "
                f"it must {summary}."
            )
        else:
            wording = html.escape(j.response.wording)
            # Quotation marks only for words a fact's quote holds (the law's own words).
            head = (
                f"<b>No fixed deadline</b>: the {html.escape(j.law_name)} says “{wording}”."
                if j.quoting(j.response.wording) is not None
                else f"<b>No fixed deadline</b>: the {html.escape(j.law_name)} sets no number "
                f"of days (in short: {wording})."
            )
        explanation = "<br>".join(deadline.explanation().splitlines()) if deadline else ""
        return Review(
            letter_html=docx_to_html(preview.docx),
            deadline_text=f"{head}<br><small>{explanation}</small>",
            warnings=preview.warnings,
            law_html=grounds_html(preview.grounds),
        )

    def email_text(self) -> str:
        try:
            return self.deps.letters.letter_text("request", self.spec(), self.deps.today())
        except (SpecError, UserError) as exc:
            messages.show_error(self, "Copy email text", str(exc))
            return ""

    def email_subject(self) -> str:
        """The request letter's subject line ('' if the letter cannot be made yet: the
        review step has said why)."""
        try:
            draft = self.deps.letters.draft("request", self.spec(), self.deps.today())
        except (SpecError, UserError):
            return ""
        return str(draft.context.get("subject", ""))

    def suggested_stem(self) -> str:
        from foia_assist.services.bulk.filenames import safe_stem

        agency = self.agency_page.name.text().strip() or "agency"
        return safe_stem(f"{self.deps.today().isoformat()} request {agency}")

    # -- saving letters -------------------------------------------------------------------

    def letter_paths(self) -> list[Path]:
        folder = Path(self.finish_page.folder.text().strip() or self.deps.output_dir())
        stem = self.finish_page.stem.text().strip() or self.suggested_stem()
        from foia_assist.services.bulk.filenames import safe_stem

        return [folder / f"{safe_stem(stem)}{suffix}" for suffix in self.finish_page.formats()]

    def save_letters(self) -> None:
        paths = self.letter_paths()
        if not paths:
            messages.show_error(self, "Save letter", "Tick at least one format.")
            return
        try:
            spec = self.spec()
        except SpecError as exc:
            messages.show_error(self, "Save letter", str(exc))
            return
        existing = [p for p in paths if p.exists()]
        if existing and not messages.ask_yes_no(
            self, "Replace?", f"{', '.join(p.name for p in existing)} already exists. Replace it?"
        ):
            return
        letters, today = self.deps.letters, self.deps.today()

        def job() -> Generator[tuple[int, int, str], None, list[Path]]:
            done: list[Path] = []
            for i, path in enumerate(paths):
                yield (i, len(paths), f"Writing {path.name}…")
                done.append(letters.make_letter("request", spec, path, today))
            return done

        self.finish_page.save_button.setEnabled(False)
        self.job = run_with_progress(
            self.deps.runner,
            job,
            "Saving the letter",
            self,
            finished=self._saved,
            failed=self._save_failed,
            cancelled=lambda: self.finish_page.save_button.setEnabled(True),
        )

    def _saved(self, paths: list[Path]) -> None:
        self.finish_page.save_button.setEnabled(True)
        self.finish_page.show_saved(paths)
        self.letters_saved.emit(paths)

    def _save_failed(self, exc: BaseException) -> None:
        self.finish_page.save_button.setEnabled(True)
        if isinstance(exc, UserError | OSError):
            messages.show_error(self, "Save letter", f"The letter was not saved: {exc}")
        else:
            raise exc

    # -- finishing ------------------------------------------------------------------------

    def accept(self) -> None:
        try:
            rid = self.finish()
        except (UserError, SpecError) as exc:
            messages.show_error(self, "Add to tracker", str(exc))
            return
        super().accept()
        if rid is not None:
            self.request_added.emit(rid)

    def _ask(self, title: str, question: str) -> bool:
        return messages.ask_yes_no(self, title, question)

    def finish(self) -> int | None:
        from foia_assist.services.tracked_letters import letter_record

        spec = self.spec()
        today = self.deps.today()
        if self.requester_page.remember.isChecked():
            self.deps.save_settings(self.deps.settings().with_requester(spec.requester))
        if self.agency_page.save_to_book.isChecked():
            picker = self.agency_page.directory
            if picker is None or not picker.save(spec.agency, self._ask):
                self.deps.tracker.agencies.save(spec.agency)
        if self._draft_is_ours:
            self.discard_draft()
        if not self.finish_page.track.isChecked():
            return None
        sent = self.finish_page.as_sent.isChecked()
        records = [letter_record("request", p, today) for p in self.finish_page.saved_paths]
        return self.deps.tracker.add_request(
            spec,
            today=today,
            sent=today if sent else None,
            method=self.finish_page.method.currentData() if sent else None,
            letters=records,
        )

    # -- drafts ---------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        j = self.jurisdiction_page.jurisdiction()
        rp = self.requester_page
        return {
            "version": 1,
            "page": max(self.currentId(), 0),
            "jurisdiction": j.code if j else "",
            "agency": self.agency_page.state(),
            "records": self.records_page.records.state(),
            "requester": asdict(rp.requester()),
            "options": {
                k: (str(v) if v is not None and not isinstance(v, bool | str) else v)
                for k, v in asdict(rp.options()).items()
            },
        }

    def offer_draft(self, draft: dict[str, Any], saved: datetime | None) -> None:
        """Offer a kept draft on step 1 (Resume / Start afresh / Discard it), instead of a
        question before the wizard opens: keys typed at once go to step 1's search."""
        self._offered = draft
        subject = draft_subject(draft, self.deps.jurisdictions)
        self.jurisdiction_page.draft_banner.offer(subject, saved)

    def resume_offered_draft(self) -> None:
        draft, self._offered = self._offered, None
        self.jurisdiction_page.draft_banner.hide()
        if draft is not None:
            self._draft_is_ours = True
            self.restore(draft)

    def start_afresh(self) -> None:
        """Put the offer away; the draft file stays until it is replaced or discarded."""
        self.jurisdiction_page.draft_banner.hide()
        self.jurisdiction_page.filter.setFocus()

    def discard_offered_draft(self) -> None:
        if self._offered is None or not messages.ask_yes_no(
            self,
            "Discard the draft?",
            f"Delete the unfinished request for "
            f"{draft_subject(self._offered, self.deps.jurisdictions)}? It cannot be brought back.",
        ):
            return
        self._offered = None
        self.discard_draft()
        self.start_afresh()

    def restore(self, state: dict[str, Any]) -> None:
        self.jurisdiction_page.select(str(state.get("jurisdiction", "")))
        self.agency_page.restore(state.get("agency") or {})
        self.records_page.records.restore(state.get("records") or {})
        req = state.get("requester") or {}
        fields = {k: req[k] for k in Requester.__dataclass_fields__ if k in req}
        if fields.get("name") is not None:
            self.requester_page.fill(Requester(**fields))
        self.requester_page.options_form.restore(state.get("options") or {})
        page = int(state.get("page", 0))
        if self.currentId() < 0:
            self.restart()
        while self.currentId() < page and self.currentPage().isComplete():
            self.next()

    def save_draft(self, *, quiet: bool = False) -> Path | None:
        path = self.deps.draft_path
        try:
            atomic_write_text(path, json.dumps(self.state(), indent=1, ensure_ascii=False))
        except OSError as exc:
            messages.show_error(self, "Save draft", f"The draft was not saved: {exc}")
            return None
        self._draft_is_ours = True
        if self._offered is not None:  # the one draft kept is now this one
            self._offered = None
            self.jurisdiction_page.draft_banner.hide()
        if not quiet:
            messages.show_info(
                self, "Draft saved", "Your draft is saved. Start a new request to resume it."
            )
        return path

    def has_answers(self) -> bool:
        """Whether closing would lose anything typed or chosen."""
        return self.currentId() > 0 or bool(self.agency_page.name.text().strip())

    def reject(self) -> None:
        """Cancel or Escape: ask first, and keep what was entered as a draft."""
        if self._closing or not self.has_answers():
            super().reject()
            return
        replaces = (
            f" It replaces the unfinished request for "
            f"{draft_subject(self._offered, self.deps.jurisdictions)}."
            if self._offered is not None
            else ""
        )
        if not messages.ask_yes_no(
            self,
            "Close the new request?",
            "Close the wizard? What you entered is kept as a draft: start a new request to "
            f"pick up where you left off.{replaces}",
        ):
            return
        if self.save_draft(quiet=True) is None:
            return
        self._closing = True
        super().reject()

    def discard_draft(self) -> None:
        try:
            self.deps.draft_path.unlink(missing_ok=True)
        except OSError:
            pass


def load_draft(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == 1 else None


def draft_saved_at(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None
