"""Make letters: pick the jurisdiction and template, build the context, render, write atomically.

`LetterService.make_letter(kind, spec, out_path, today)` writes a .docx, .pdf or .txt file
(chosen by the extension); `letter_text` gives the plain text for an email body. Every problem
the user can fix (unknown jurisdiction, missing history date, unknown category, a broken or
unsafe user template, an unsupported extension) is a `UserError` with one line naming it.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from foia_assist.domain.calendars import CalendarCache, CalendarRangeError
from foia_assist.domain.catalogue import Catalogue
from foia_assist.domain.jurisdictions import (
    Jurisdiction,
    JurisdictionSet,
    UnknownJurisdictionError,
)
from foia_assist.domain.request import RequestSpec, SpecError
from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_bytes, atomic_write_text
from foia_assist.services.letters.context import (
    KINDS,
    LetterDraft,
    UnknownKindError,
    context_keys,
    draft_letter,
)
from foia_assist.services.letters.field_names import SPEC_NAMES, FieldNames
from foia_assist.services.letters.pdf_conversion import PdfBackend as PdfBackend
from foia_assist.services.letters.pdf_conversion import PdfMaker
from foia_assist.services.letters.render import LetterTemplate

FORMATS = (".docx", ".pdf", ".txt")


class LetterService:
    def __init__(
        self,
        jurisdictions: JurisdictionSet,
        catalogue: Catalogue,
        calendars: CalendarCache,
        templates_dir: Path,
        pdf_backend: PdfBackend | None = None,
        user_templates_dir: Path | None = None,
        pdf_renderer: str = "auto",
    ) -> None:
        self.jurisdictions = jurisdictions
        self.catalogue = catalogue
        self.calendars = calendars
        self.templates_dir = Path(templates_dir)
        # The user's own `<kind>.docx` here replaces the bundled one (checked before use).
        self.user_templates_dir = Path(user_templates_dir) if user_templates_dir else None
        # How PDFs are made, shared with bulk export (PdfMaker: the user's setting).
        self.pdf = PdfMaker(pdf_backend, pdf_renderer)
        self._templates: dict[tuple[str, Path], tuple[int, LetterTemplate]] = {}
        self._lock = threading.Lock()

    # -- inputs ---------------------------------------------------------------------------------

    def jurisdiction_for(self, spec: RequestSpec) -> Jurisdiction:
        try:
            return self.jurisdictions.get(spec.agency.jurisdiction)
        except UnknownJurisdictionError as exc:
            raise UserError(f"agency.jurisdiction: {exc}") from None

    def draft(
        self, kind: str, spec: RequestSpec, today: date, names: FieldNames = SPEC_NAMES
    ) -> LetterDraft:
        """The context and the warnings the requester should read before sending; `names`
        says how the warnings and a refusal name the user's fields (the spec's names, the
        window's labels, a CSV's columns)."""
        jurisdiction = self.jurisdiction_for(spec)
        calendar = self.calendars.for_jurisdiction(jurisdiction)
        try:
            return draft_letter(
                kind, spec, jurisdiction, self.catalogue, calendar, today, names=names
            )
        except SpecError as exc:
            raise UserError(names.problem(exc.field, exc.problem)) from None
        except (UnknownKindError, CalendarRangeError) as exc:
            raise UserError(str(exc)) from None

    def template_path(self, kind: str) -> Path:
        """The user's own template for `kind` if there is one, else the bundled one."""
        if self.user_templates_dir is not None:
            own = self.user_templates_dir / f"{kind}.docx"
            if own.is_file():
                return own
        return self.templates_dir / f"{kind}.docx"

    def template(self, kind: str, template_path: Path | None = None) -> LetterTemplate:
        """The bundled template for `kind`, or a user's, checked against `kind`'s variables.

        Loaded templates are cached and reloaded when the file changes.
        """
        if kind not in KINDS:
            raise UserError(str(UnknownKindError(kind)))
        path = Path(template_path) if template_path else self.template_path(kind)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError as exc:
            raise UserError(
                f"Letter template '{path.name}': cannot be read ({exc.strerror})"
            ) from None
        key = (kind, path.resolve())
        with self._lock:
            cached = self._templates.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        template = LetterTemplate.load(path)
        template.check({name: None for name in context_keys(kind)})
        with self._lock:
            self._templates[key] = (stamp, template)
        return template

    # -- outputs --------------------------------------------------------------------------------

    def render_docx(
        self, kind: str, spec: RequestSpec, today: date, template_path: Path | None = None
    ) -> bytes:
        template = self.template(kind, template_path)  # check the template before the inputs
        return template.render_docx(self.draft(kind, spec, today).context)

    def make_letter(
        self,
        kind: str,
        spec: RequestSpec,
        out_path: Path,
        today: date,
        template_path: Path | None = None,
    ) -> Path:
        check_format(Path(out_path))
        return self.write_docx_as(self.render_docx(kind, spec, today, template_path), out_path)

    def write_docx_as(self, docx: bytes, out_path: Path) -> Path:
        """Write a document as DOCX, PDF or plain text, by the file name's suffix (atomically)."""
        out = Path(out_path)
        suffix = check_format(out)
        if suffix == ".docx":
            return atomic_write_bytes(out, docx)
        if suffix == ".txt":
            return atomic_write_text(out, _to_text(docx).rstrip("\n") + "\n")
        # The user's choice of renderer (LibreOffice or built-in), as bulk uses it.
        return Path(self.pdf.write(docx, out))

    def letter_text(
        self, kind: str, spec: RequestSpec, today: date, template_path: Path | None = None
    ) -> str:
        """The letter as plain text (an email body)."""
        return _to_text(self.render_docx(kind, spec, today, template_path))


def check_format(out: Path) -> str:
    """The file's suffix if it is one we write (.docx, .pdf, .txt), else a clear refusal."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(
            f"cannot write {out.name!r}: the file name must end in {', '.join(FORMATS)}"
        )
    return suffix


def _to_text(docx: bytes) -> str:
    from foia_assist.services.letters.convert import docx_to_text

    return docx_to_text(docx)
