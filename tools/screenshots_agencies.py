"""Render the wizard's agency search and the campaign selection to docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_agencies.py [--out DIR]

Uses a temporary data folder with two recorded contacts (example addresses, not real ones)
and a fixed "today". Nothing touches your real data or keyring.
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
from foia_assist.domain.request import Requester  # noqa: E402
from foia_assist.paths import AppPaths  # noqa: E402
from foia_assist.services.agency_contacts import Contact  # noqa: E402
from foia_assist.storage.secrets import MemorySecretStore  # noqa: E402

TODAY = date(2026, 11, 26)
ROOT = Path(__file__).resolve().parent.parent
ME = Requester(name="Ana Díaz", email="ana@example.org", address="12 Elm Street\nDetroit, MI")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from foia_assist.gui.campaign_dialog import CampaignDialog
    from foia_assist.gui.main import ensure_application
    from foia_assist.gui.main_window import MainWindow

    ensure_application(["screenshots"])

    def settle(condition: object = None) -> None:
        for _ in range(200):
            QApplication.processEvents()
            if condition is None or condition():  # type: ignore[operator]
                break

    def shot(widget: object, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        print(f"wrote {path}")

    with tempfile.TemporaryDirectory(prefix="foia-shots-") as tmp:
        ctx = AppContext(paths=AppPaths.under(Path(tmp) / "data").ensure())
        ctx.secrets = MemorySecretStore()  # type: ignore[misc]
        book = ctx.contact_book
        book.directory.index  # noqa: B018 - build it now, not behind the first keystroke
        book.set_contact("MI8218200", Contact(email="foia@waynecounty.example.gov",
                         source="county website", checked="2026-11-20"))  # fmt: skip
        book.set_contact("MI3313300", Contact(address="630 N Cedar St\nMason, MI 48854",
                         source="letterhead", checked="2026-11-18"))  # fmt: skip
        window = MainWindow(ctx, today=lambda: TODAY)
        window.settings = window.settings.with_requester(ME)

        wizard = window.new_request()
        wizard.resize(1000, 760)
        wizard.jurisdiction_page.select("MI")
        wizard.next()
        picker = wizard.agency_page.directory
        picker.box.query.setText("sheriff wayne county")
        settle(lambda: picker.box.results.count() > 0)
        picker.box.run_search()
        picker.box.use.click()
        shot(wizard, "agency-search")
        wizard.close()

        dialog = CampaignDialog(book, start_bulk=lambda path: None, save_dir=Path(tmp))
        dialog.resize(1000, 640)
        dialog.state.setCurrentIndex(dialog.state.findData("MI"))
        dialog.type.setCurrentIndex(dialog.type.findData("county"))
        dialog.apply_filters()
        dialog.show()
        shot(dialog, "campaign-selection")
        dialog.close()
        window.close()
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
