"""Render the case file (a request with replies and released records) and the attachment
search offscreen to docs/screenshots/casefile.png and casefile-search.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_casefile.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screenshots import ROOT, TODAY, _spec  # noqa: E402

from foia_assist.app import AppContext  # noqa: E402
from foia_assist.paths import AppPaths  # noqa: E402
from foia_assist.storage.secrets import MemorySecretStore  # noqa: E402

REPLY = (
    "From: Records Unit <records@lapd.example.gov>\nSubject: RE: PRR-26-4411\n"
    "Date: Tue, 06 Oct 2026 10:15:00 -0700\nContent-Type: text/plain\n\n"
    "This email acknowledges receipt of your public records request, reference number "
    "PRR-26-4411. Due to the volume of records we expect to respond by November 20, 2026.\n"
)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from foia_assist.gui.main import ensure_application
    from foia_assist.gui.main_window import MainWindow

    app = ensure_application([sys.argv[0]])
    out = ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        ctx = AppContext(paths=AppPaths.under(Path(tmp) / "data").ensure())
        ctx.secrets = MemorySecretStore()  # type: ignore[misc]
        rid = ctx.tracker.add_request(
            _spec("Los Angeles Police Department", "CA", "records@lapd.example.gov"),
            today=date(2026, 10, 1),
            sent=date(2026, 10, 1),
            method="email",
        )
        files = Path(tmp) / "files"
        files.mkdir()
        (files / "reply.eml").write_text(REPLY, encoding="utf-8")
        with zipfile.ZipFile(files / "release-1.zip", "w") as z:
            z.writestr("contracts/clearview-msa.txt", "Clearview AI master services agreement")
            z.writestr("logs/face-search-audit-2025.csv", "search_id,officer,probe\n1,44,burglary")
            z.writestr("../escape.txt", "a hostile name")
        list(ctx.casefile.attach(rid, [files / "reply.eml", files / "release-1.zip"], today=TODAY))
        window = MainWindow(ctx, today=lambda: TODAY)
        window.resize(1440, 900)
        window.show()
        window.load()
        for _ in range(200):
            app.processEvents()
            if window.select_request(rid):
                break
        window.casefile_actions.panel.status.setText(
            "Attached 3 file(s). Not attached: release-1.zip: ../escape.txt (skipped: its name "
            "points outside the archive (a path-traversal name))"
        )
        app.processEvents()
        from PySide6.QtWidgets import QScrollArea

        scroll = window.detail.findChild(QScrollArea)
        scroll.ensureWidgetVisible(window.casefile_actions.panel)
        app.processEvents()
        window.grab().save(str(out / "casefile.png"))
        window.casefile_actions.open_search()
        dialog = window.casefile_actions.search_dialog
        assert dialog is not None
        dialog.query.setText("clearview agreement")
        dialog.run_search()
        app.processEvents()
        dialog.grab().save(str(out / "casefile-search.png"))
        window.close()
        ctx.close()
    QApplication.processEvents()
    print(out / "casefile.png", out / "casefile-search.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
