"""The bulk export dialog: one module per tab, the dialog, its state, and how it is opened."""

from foia_assist.gui.bulk.dialog import BulkExportDialog
from foia_assist.gui.bulk.launcher import BulkServices, open_bulk_dialog
from foia_assist.gui.bulk.state import ExportState

__all__ = ["BulkExportDialog", "BulkServices", "ExportState", "open_bulk_dialog"]
