"""Tab 2: the records asked of every agency (the same checklist as the wizard's step 3)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from foia_assist.gui.widgets.records_form import RecordsWidget

if TYPE_CHECKING:
    from foia_assist.domain.catalogue import Catalogue
    from foia_assist.domain.request import RequestSpec


class RecordsTab(QWidget):
    def __init__(self, catalogue: Catalogue, today: Callable[[], date]) -> None:
        super().__init__()
        self.today = today
        layout = QVBoxLayout(self)
        intro = QLabel("The same records are asked of every agency, each under its own law.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.records = RecordsWidget(catalogue)
        layout.addWidget(self.records, 1)
        self.records.set_jurisdiction("", today())
        # Bulk letters go to many states: the box applies wherever the state has an FRT law.
        self.records.state_law.setText(
            "Also ask for the records a state's facial recognition law requires "
            "(only in letters to states that have one)"
        )
        self.records.state_law.setVisible(True)

    def apply(self, spec: RequestSpec) -> None:
        """Fill the checklist from a spec; it stays editable."""
        r = spec.records
        self.records.restore(
            {
                "categories": list(r.categories),
                "vendors": list(r.vendors),
                "use_dates": r.date_from is not None or r.date_to is not None,
                "date_from": (r.date_from or date(2018, 1, 1)).isoformat(),
                "date_to": (r.date_to or self.today()).isoformat(),
                "custom": "\n".join(r.custom_items),
                "terms": ", ".join(r.search_terms),
                "state_law": r.include_state_frt_law,
            }
        )
