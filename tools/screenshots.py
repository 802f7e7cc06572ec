"""Render the window, each wizard page and the settings dialog offscreen to docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [--out docs/screenshots]

Uses a temporary data folder with a few sample requests (some overdue) and a fixed "today",
so the pictures are the same on every run. Nothing touches your real data or keyring.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from foia_assist.app import AppContext  # noqa: E402
from foia_assist.domain.request import Agency, Records, Requester, RequestSpec  # noqa: E402
from foia_assist.paths import AppPaths  # noqa: E402
from foia_assist.storage.secrets import MemorySecretStore  # noqa: E402

TODAY = date(2026, 11, 26)
ROOT = Path(__file__).resolve().parent.parent
ME = Requester(
    name="Ana Díaz",
    organisation="Springfield Civil Liberties Clinic",
    address="12 Elm Street\nSpringfield, IL 62701",
    email="ana@example.org",
)


def _spec(name: str, code: str, email: str = "") -> RequestSpec:
    return RequestSpec(
        agency=Agency(name=name, jurisdiction=code, email=email),
        requester=ME,
        records=Records(categories=("contracts", "policies", "audit-logs"), vendors=("clearview",)),
    )


def add_samples(ctx: AppContext) -> None:
    """Seven requests in different states; dates chosen so some are overdue on TODAY."""
    t = ctx.tracker
    d = date
    rid = t.add_request(
        _spec("Los Angeles Police Department", "CA", "records@lapd.example.gov"),
        today=d(2026, 10, 1),
        sent=d(2026, 10, 1),
        method="email",
    )
    t.set_tracking_number(rid, "PRR-26-4411")
    t.add_request(
        _spec("Federal Bureau of Investigation", "US", "foiparequest@fbi.example.gov"),
        today=d(2026, 11, 2),
        sent=d(2026, 11, 2),
        method="portal",
    )
    rid = t.add_request(
        _spec("New York City Police Department", "NY"),
        today=d(2026, 11, 13),
        sent=d(2026, 11, 13),
        method="email",
    )
    t.add_request(_spec("Seattle Police Department", "WA"), today=d(2026, 11, 25))
    rid = t.add_request(
        _spec("Houston Police Department", "TX"),
        today=d(2026, 10, 20),
        sent=d(2026, 10, 20),
        method="mail",
    )
    t.log_event(rid, "denied", d(2026, 11, 10), note="Claimed the contract is confidential")
    rid = t.add_request(
        _spec("Chicago Police Department", "IL"),
        today=d(2026, 9, 1),
        sent=d(2026, 9, 1),
        method="email",
    )
    t.log_event(rid, "records_released", d(2026, 9, 20))
    # Alabama: acknowledged, so the later clock (substantive response) is the one running;
    # a reminder fell due while the app was closed.
    rid = t.add_request(
        _spec("Mobile Police Department", "AL"),
        today=d(2026, 10, 26),
        sent=d(2026, 10, 26),
        method="email",
    )
    t.log_event(rid, "acknowledged", d(2026, 10, 29))
    t.remind(rid, d(2026, 11, 20), today=d(2026, 10, 29), note="call the records clerk")


BULK_CSV = """agency_name,jurisdiction,email,address
Oakland Police Department,CA,records@oakland.example.gov,"455 7th Street, Oakland, CA"
Seattle Police Department,WA,publicrecords@seattle.example.gov,
Houston Police Department,Texas,,"1200 Travis Street, Houston, TX"
Mobile Police Department,AL,records@mobile.example.gov,
Atlantis Police,ZZ,records@atlantis.example,
Springfield Police,IL,not-an-email,
"""


def pdf_pages(ctx: AppContext, out: Path, written: list[Path], tmp: str) -> None:
    """Render PDFs with the built-in renderer, then PNG pages with pdftoppm (poppler-utils)."""
    import shutil
    import subprocess
    from datetime import datetime

    from foia_assist.services.request_record import record_docx

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: letter pictures skipped (apt install poppler-utils)")
        return
    letter = Path(tmp) / "letter.pdf"
    ctx.letters.make_letter("request", _spec("Oakland Police Department", "CA",
                            "records@oakland.example.gov"), letter, TODAY)  # fmt: skip
    record = Path(tmp) / "record.pdf"
    view = ctx.tracker.view(7, TODAY)  # Mobile, AL: a later clock overdue
    ctx.letters.write_docx_as(record_docx(view, datetime(2026, 11, 26, 9, 0)), record)
    for pdf, first, last, name in (
        (letter, 1, 2, "letter-request"),
        (record, 1, 1, "request-record"),
    ):
        prefix = Path(tmp) / name
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-f", str(first), "-l", str(last), pdf, prefix],
            check=True,
        )
        for page, png in enumerate(sorted(Path(tmp).glob(f"{name}-*.png")), start=1):
            target = out / (f"{name}.png" if page == 1 else f"{name}-{page}.png")
            shutil.move(png, target)
            written.append(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from foia_assist.gui.main import ensure_application, install_pdf_renderer
    from foia_assist.gui.main_window import MainWindow
    from foia_assist.gui.settings_dialog import SettingsDialog

    app = ensure_application(["screenshots"])
    written: list[Path] = []

    def shot(widget: object, name: str) -> None:
        for _ in range(3):
            QApplication.processEvents()
        path = out / f"{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        written.append(path)

    with tempfile.TemporaryDirectory(prefix="foia-shots-") as tmp:
        # 1. First run: the welcome page.
        empty = AppContext(paths=AppPaths.under(Path(tmp) / "empty").ensure())
        empty.secrets = MemorySecretStore()  # type: ignore[misc]
        install_pdf_renderer(empty)
        window = MainWindow(empty, today=lambda: TODAY)
        window.resize(1180, 720)
        window.show()
        shot(window, "welcome")
        window.close()

        # 2. The tracker with sample requests.
        ctx = AppContext(paths=AppPaths.under(Path(tmp) / "data").ensure())
        ctx.secrets = MemorySecretStore()  # type: ignore[misc]
        install_pdf_renderer(ctx)
        add_samples(ctx)
        window = MainWindow(ctx, today=lambda: TODAY)
        window.resize(1280, 760)
        window.show()
        window.select_request(1)
        shot(window, "main-window")
        window.select_request(5)  # Houston: denied, so the appeal clock shows
        shot(window, "main-window-denied")
        window.select_request(7)  # Mobile, AL: a later clock, and a missed reminder
        shot(window, "main-window-later-clock")
        # Common screen sizes: nothing needed may be cut off (issue 12).
        window.select_request(1)
        for width, height in ((1024, 640), (1440, 900)):
            window.resize(width, height)
            shot(window, f"main-window-{width}x{height}")
        window.resize(1280, 760)

        # 3. The wizard, page by page (jurisdiction CA, an agency, defaults elsewhere).
        window.settings = window.settings.with_requester(ME)
        wizard = window.new_request()
        wizard.resize(1000, 680)
        wizard.jurisdiction_page.select("CA")
        names = ["jurisdiction", "agency", "records", "requester", "review", "finish"]
        for i, name in enumerate(names):
            if name == "agency":
                wizard.agency_page.name.setText("Oakland Police Department")
                wizard.agency_page.officer.setText("Public Records Unit")
                wizard.agency_page.email.setText("records@oakland.example.gov")
                wizard.agency_page.address.setPlainText("455 7th Street\nOakland, CA 94607")
            shot(wizard, f"wizard-{i + 1}-{name}")
            if name in ("jurisdiction", "review"):
                for width, height in ((1024, 640), (1440, 900)):
                    wizard.resize(width, height)
                    shot(wizard, f"wizard-{i + 1}-{name}-{width}x{height}")
                wizard.resize(1000, 680)
            if i < len(names) - 1:
                wizard.next()
        wizard.discard_draft()
        wizard._closing = True  # close without the "keep a draft?" question
        wizard.reject()

        # 4. Settings, with a secure keyring and without one.
        dialog = SettingsDialog(window.settings, ctx.secrets, ctx.paths, window)
        dialog.show()
        shot(dialog, "settings")
        dialog.close()
        dialog = SettingsDialog(window.settings, MemorySecretStore(secure=False), ctx.paths, window)
        dialog.show()
        shot(dialog, "settings-no-keyring")
        dialog.close()

        # 5. Bulk export with a CSV holding two bad rows.
        sample = Path(tmp) / "agencies.csv"
        sample.write_text(BULK_CSV, encoding="utf-8")
        bulk = window.open_bulk_export()
        bulk.resize(1100, 720)
        bulk.load_csv(sample)
        shot(bulk, "bulk-dialog")
        bulk.reject()
        window.close()

        # 6. Documents as the agency (or an appeal body) receives them, through the built-in
        # PDF renderer: a request letter's first two pages, and a request's record.
        pdf_pages(ctx, out, written, tmp)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
