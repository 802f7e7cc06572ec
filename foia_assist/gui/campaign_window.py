"""Open the campaign dialog from the main window, wired to its bulk export dialog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from foia_assist.gui.campaign_dialog import CampaignDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from foia_assist.app import AppContext


def open_campaign_dialog(parent: QWidget | None, ctx: AppContext) -> CampaignDialog:
    """Show the campaign dialog (not blocking); "Start bulk export" writes the selection to
    campaign.csv in the output folder and opens the bulk dialog with it loaded."""
    from foia_assist.gui.bulk import open_bulk_dialog

    output_dir: Any = getattr(parent, "output_dir", None)
    folder = output_dir() if callable(output_dir) else Path.home()

    def start_bulk(path: Path) -> None:
        dialog = open_bulk_dialog(parent, ctx)
        dialog.load_csv(path)

    dialog = CampaignDialog(ctx.contact_book, start_bulk=start_bulk, save_dir=folder,
                            parent=parent)  # fmt: skip
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
