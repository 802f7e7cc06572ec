"""The agency search box and the campaign dialog: as-you-type results, picking, choosing by
state/type/county or ticking, agencies with no contact listed, CSV and the bulk dialog."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from foia_assist.app import AppContext
from foia_assist.gui.agency_search import CREDIT, AgencySearchBox
from foia_assist.gui.campaign_dialog import CampaignDialog
from foia_assist.services.agency_contacts import AgencyEntry, Contact

WAYNE = "MI8218200"


def test_search_as_you_type_and_pick(qtbot: Any, gui_ctx: AppContext) -> None:
    box = AgencySearchBox(gui_ctx.contact_book)
    qtbot.addWidget(box)
    box.show()
    box.set_state("MI")
    box.query.setText("sheriff wayne county")
    qtbot.waitUntil(lambda: box.results.count() > 0, timeout=15_000)
    assert box.results.item(0).text().startswith("Wayne County Sheriff's Office — county")
    assert "law: MI" in box.results.item(0).text()
    with qtbot.waitSignal(box.picked) as picked:
        box.use.click()
    entry = picked.args[0]
    assert isinstance(entry, AgencyEntry) and entry.id == WAYNE
    # a typo, and another state when "Only MI" is unticked
    box.only_state.setChecked(False)
    box.query.setText("detriot police")
    qtbot.waitUntil(lambda: "Detroit Police Department" in box.results.item(0).text()
                    if box.results.count() else False, timeout=5_000)  # fmt: skip
    assert box.credit.text() == CREDIT
    assert "FBI Crime Data Explorer" in CREDIT and "2018" in CREDIT


def test_federal_agencies_for_the_us_jurisdiction(qtbot: Any, gui_ctx: AppContext) -> None:
    box = AgencySearchBox(gui_ctx.contact_book)
    qtbot.addWidget(box)
    box.show()
    box.set_state("US")
    box.query.setText("immigration")
    qtbot.waitUntil(lambda: box.results.count() > 0, timeout=15_000)
    texts = [box.results.item(i).text() for i in range(box.results.count())]
    assert texts[0].startswith("U.S. Immigration and Customs Enforcement")
    assert all("law: US" in t for t in texts)


def test_campaign_choose_tick_export_and_start_bulk(
    qtbot: Any, gui_ctx: AppContext, tmp_path: Path
) -> None:
    book = gui_ctx.contact_book
    book.set_contact(WAYNE, Contact(email="foia@wayne.example"))
    started: list[Path] = []
    dialog = CampaignDialog(book, start_bulk=started.append, save_dir=tmp_path)
    qtbot.addWidget(dialog)
    dialog.state.setCurrentIndex(dialog.state.findData("MI"))
    dialog.type.setCurrentIndex(dialog.type.findData("county"))
    dialog.apply_filters()
    assert dialog.table.rowCount() == 83
    assert "83 of 83 agencies ticked; 1 with a contact" in dialog.summary.text()
    assert "No contact yet for 82: Alcona County Sheriff's Office (MI)" in dialog.missing.text()
    # only those with a contact (trial 3 T14), then every one again
    dialog.tick_contacts.click()
    assert "1 of 83 agencies ticked; 1 with a contact" in dialog.summary.text()
    assert [e.id for e in dialog.selected()] == [WAYNE]
    assert dialog.missing.text() == ""
    for row in range(dialog.table.rowCount()):
        dialog.table.item(row, 0).setCheckState(Qt.CheckState.Checked)
    assert "83 of 83 agencies ticked" in dialog.summary.text()
    # untick one: it leaves the selection
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert "82 of 83 agencies ticked" in dialog.summary.text()
    # add one by searching
    dialog.add_entry(book.entry("US-ICE"))
    assert dialog.table.rowCount() == 84
    out = tmp_path / "sheriffs.csv"
    missing = dialog.write_csv(out)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 83 and len(missing) == 81
    assert {r["agency_id"] for r in rows} >= {WAYNE, "US-ICE"}
    dialog.start_bulk_export()
    assert started == [tmp_path / "campaign.csv"]
    # county filter and an empty choice
    dialog.type.setCurrentIndex(0)
    dialog.county.setText("Wayne")
    dialog.apply_filters()
    assert dialog.table.rowCount() > 10
    dialog.state.setCurrentIndex(0)
    dialog.county.setText("")
    dialog.apply_filters()
    assert "Choose a state, a type or a county first." in dialog.summary.text()


def test_campaign_from_the_main_window_opens_bulk_with_contact_book_rows(
    qtbot: Any, make_window: Any, gui_ctx: AppContext
) -> None:
    gui_ctx.contact_book.set_contact(WAYNE, Contact(email="foia@wayne.example"))
    window = make_window()
    window.output_dir = lambda: gui_ctx.paths.data_dir  # type: ignore[method-assign]
    dialog = window.open_campaign()
    dialog.state.setCurrentIndex(dialog.state.findData("MI"))
    dialog.county.setText("Wayne")
    dialog.type.setCurrentIndex(dialog.type.findData("county"))
    dialog.apply_filters()
    assert dialog.table.rowCount() == 1
    dialog.start_bulk_export()
    from foia_assist.gui.bulk import BulkExportDialog

    bulk = next(w for w in window.findChildren(BulkExportDialog))
    assert bulk.agencies is not None
    (row,) = bulk.agencies.rows
    assert (row.agency_id, row.email) == (WAYNE, "foia@wayne.example")  # filled by the export
    # rows giving only an agency_id would be filled from the contact book
    assert bulk.contacts is not None
    looked_up = bulk.contacts(WAYNE)
    assert looked_up is not None and looked_up.email == "foia@wayne.example"
    bulk.close()
    dialog.close()


def test_wizard_agency_page_picks_from_the_directory(
    qtbot: Any, make_window: Any, gui_ctx: AppContext, modals: Any
) -> None:
    from foia_assist.domain.request import Agency

    gui_ctx.contact_book.set_contact(WAYNE, Contact(email="foia@wayne.example", source="web"))
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    wizard.jurisdiction_page.select("CA")
    wizard.next()
    page = wizard.agency_page
    picker = page.directory
    assert picker is not None
    picker.box.only_state.setChecked(False)  # search every state
    picker.box.query.setText("sheriff wayne county")
    qtbot.waitUntil(lambda: picker.box.results.count() > 0, timeout=15_000)
    michigan = next(
        picker.box.results.item(i) for i in range(picker.box.results.count())
        if "— county, Wayne Co., MI" in picker.box.results.item(i).text()
    )  # fmt: skip
    picker.box.results.setCurrentItem(michigan)
    picker.box.use.click()
    # name, law (page 1 follows), level and contacts are filled
    assert page.name.text() == "Wayne County Sheriff's Office"
    assert page.email.text() == "foia@wayne.example"
    assert wizard.jurisdiction_page.jurisdiction().code == "MI"
    assert "local level" in picker.info.text() and "law that applies: MI" in picker.info.text()
    assert page.level.currentData() == "local"
    assert page.state()["directory_id"] == WAYNE
    # a tribal agency shows the warning
    picker.fill(gui_ctx.contact_book.search("navajo", type=None)[0])
    assert "may not reach it" in picker.info.text()
    picker.fill(gui_ctx.contact_book.entry(WAYNE))
    # finishing records the page's contacts for the agency; a different one is asked about
    page.portal.setText("https://wayne.example/records")
    assert picker.save(page.agency("MI"), lambda t, q: False)
    assert gui_ctx.contact_book.entry(WAYNE).portal_url == "https://wayne.example/records"
    asked: list[str] = []
    changed = Agency("Wayne County Sheriff's Office", "MI", email="new@wayne.example")
    picker.save(changed, lambda t, q: asked.append(q) or False)
    assert "already has other contacts" in asked[0]
    assert gui_ctx.contact_book.entry(WAYNE).email == "foia@wayne.example"  # kept: said no
    picker.save(changed, lambda t, q: True)
    assert gui_ctx.contact_book.entry(WAYNE).email == "new@wayne.example"
    # typing another name drops the pick: nothing is recorded against Wayne County then
    page.name.setFocus()
    qtbot.keyClicks(page.name, " annex")
    assert picker.picked_id() == ""
