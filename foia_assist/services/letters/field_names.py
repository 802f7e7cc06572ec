"""How a message names a field of the request: in the words of the place the user gave it.

The bulk log, rejected-rows.csv and "Check before sending" spoke in the JSON spec's field
names ("field 'requester.basis': …", "choose it (requester.basis, or 'Who may ask' in the
window)") to people who had typed into the window or a CSV (window trial 2026-12-03b, K6).
A letter's checks now take a `FieldNames`: the spec's names for the CLI with a JSON spec
(unchanged), the window's labels for the wizard, and for bulk export the CSV's own column
headers for the agency and the bulk dialog's labels (or the spec's names) for the rest.
Only how a field is *named* changes here; no statement of law is worded here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

_INDEX = re.compile(r"\[\d+\]$")


@dataclass(frozen=True)
class FieldNames:
    """`names("requester.basis")` -> how to point the user at that field, e.g.
    "“Who may ask” on step 4"; a field not listed keeps its spec name."""

    places: Mapping[str, str] = field(default_factory=dict)
    reads_spec: bool = False  # the user wrote the JSON spec: a refusal names its field

    def __call__(self, name: str) -> str:
        return self.places.get(name) or self.places.get(_INDEX.sub("", name)) or name

    def problem(self, name: str, problem: str) -> str:
        """A refused field's message: "“Who may ask” on step 4: …", or as the spec reader
        says it ("field 'requester.basis': …") where the field has no other name."""
        named = self(name)
        if self.reads_spec or named == name:
            return f"field '{name}': {problem}"
        return f"{named}: {problem}"

    def with_places(self, places: Mapping[str, str]) -> FieldNames:
        return FieldNames({**self.places, **places}, self.reads_spec)


# The JSON spec (the CLI's `letter`, `bulk --spec`): its own dotted names, and the option
# that gives the agency's level on the command line.
SPEC_NAMES = FieldNames({"agency.level": "agency.level, --level"}, reads_spec=True)


def _on(where: str, labels: Mapping[str, str]) -> dict[str, str]:
    return {name: f"{label} {where}" for name, label in labels.items()}


# The same requester and option rows in the wizard (step 4), the bulk dialog (tab 3) and the
# settings: gui/widgets/requester_form.py and options_form.py.
_REQUESTER_LABELS = {
    "requester.name": "“Name”",
    "requester.organisation": "“Organisation”",
    "requester.address": "“Address”",
    "requester.email": "“Email”",
    "requester.phone": "“Phone”",
    "requester.residence": "“State you live in”",
    "requester.news_media": "“I ask as a member of the news media”",
    "options.fee_waiver_justification": "“Why” (fee waiver)",
    "options.fee_cap": "“Ask before fees exceed”",
    "options.expedited_justification": "“Why urgent”",
}
# gui/widgets/records_form.py: step 3 of the wizard, tab 2 of the bulk dialog.
_RECORDS_LABELS = {
    "records.categories": "the record categories",
    "records.vendors": "“Vendors to name”",
    "records.date_from": "“From”",
    "records.date_to": "“To”",
    "records.custom_items": "“Own items”",
    "records.search_terms": "“Search terms”",
}

# The new-request wizard (gui/wizard/*_page.py).
WIZARD_NAMES = FieldNames(
    {
        "agency.jurisdiction": "the law chosen on step 1",
        **_on(
            "on step 2",
            {
                "agency.name": "“Agency name”",
                "agency.records_officer": "“Attention”",
                "agency.address": "“Postal address”",
                "agency.email": "“Email”",
                "agency.portal_url": "“Web portal”",
                "agency.level": "“Kind of agency”",
            },
        ),
        **_on("on step 3", _RECORDS_LABELS),
        **_on("on step 4", {**_REQUESTER_LABELS, "requester.basis": "“Who may ask”"}),
    }
)

# The bulk dialog's own tabs; its requester has no "Who may ask" (a basis is one law's
# term, and bulk letters go to many laws), so the user is sent to the wizard for it.
BULK_WINDOW_NAMES = FieldNames(
    {
        **_on("on tab 2", _RECORDS_LABELS),
        **_on("on tab 3", _REQUESTER_LABELS),
        "requester.basis": "“Who may ask” in a new request of its own (File › New request; "
        "bulk letters state no basis)",
    }
)

# The agency list's columns (services/bulk/agencies_csv.py) for each agency field.
_AGENCY_COLUMNS = {
    "agency.name": "agency_name",
    "agency.jurisdiction": "jurisdiction",
    "agency.email": "email",
    "agency.address": "address",
    "agency.portal_url": "portal_url",
    "agency.records_officer": "attention",
    "agency.level": "level",
}


def csv_names(header: Mapping[str, str], rest: FieldNames) -> FieldNames:
    """For letters made from an agency list: each agency field by the CSV's own header cell
    for its column (`header`: our column name -> the file's spelling, e.g. "level" ->
    "Agency Level"), or as a column to add; the other fields as `rest` names them."""
    places = {}
    for name, column in _AGENCY_COLUMNS.items():
        cell = header.get(column)
        places[name] = f"the CSV's “{cell}” column" if cell else f"a “{column}” column in the CSV"
    return rest.with_places(MappingProxyType(places))
