"""RequestSpec: validation names the field; from_dict and to_dict are exact inverses."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from foia_assist.domain.request import History, RequestSpec, SpecError

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "request-spec.json"


def _example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _minimal() -> dict[str, Any]:
    return {
        "agency": {"name": "Police", "jurisdiction": "CA"},
        "requester": {"name": "Alex"},
        "records": {"categories": ["contracts"]},
    }


def test_example_round_trips_exactly() -> None:
    data = _example()
    spec = RequestSpec.from_dict(data)
    assert spec.to_dict() == data
    assert RequestSpec.from_dict(spec.to_dict()) == spec
    assert spec.history == History(
        received=date(2026, 10, 1),
        tracking_number="2026-FOIA-0042",
        denied_on=date(2026, 11, 2),
        denial_summary=data["history"]["denial_summary"],
        exemptions_cited=("investigative records", "trade secret"),
    )
    assert spec.options.fee_cap == Decimal("50.00")


def test_minimal_spec_round_trips_and_has_no_history() -> None:
    spec = RequestSpec.from_dict(_minimal())
    assert spec.history is None
    assert spec.to_dict()["history"] is None
    assert RequestSpec.from_dict(spec.to_dict()) == spec


def test_old_snapshot_without_new_keys_still_loads() -> None:
    """Specs saved before `history` and `requester.residence` existed must still parse."""
    data = _example()
    del data["history"]
    del data["requester"]["residence"]
    spec = RequestSpec.from_dict(data)
    assert spec.history is None and spec.requester.residence == ""


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("history", "received"), "2026-13-01", "history.received"),
        (("history", "received"), "2026-12-01", "history.received"),  # after the letter date
        (("history", "denied_on"), "2026-09-01", "history.denied_on"),  # before received
        (("history", "exemptions_cited"), "trade secret", "history.exemptions_cited"),
        (("history", "exemptions_cited"), [3], "history.exemptions_cited[0]"),
        (("history", "tracking"), "x", "history.tracking"),
        (("history",), [], "history"),
        (("requester", "residence"), 5, "requester.residence"),
        (("agency", "email"), "not-an-email", "agency.email"),
        (("records", "categories"), [], "records.categories"),
        (("options", "fee_cap"), "-1", "options.fee_cap"),
    ],
)
def test_errors_name_the_field(path: tuple[str, ...], value: Any, field: str) -> None:
    data = _example()
    data["letter_date"] = "2026-11-26"
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SpecError) as info:
        RequestSpec.from_dict(data)
    assert info.value.field == field
    assert f"field '{field}'" in str(info.value)


def test_denial_after_letter_date_is_refused() -> None:
    data = _example()
    data["letter_date"] = "2026-11-01"
    data["history"]["received"] = "2026-10-01"
    data["history"]["denied_on"] = "2026-11-02"
    with pytest.raises(SpecError) as info:
        RequestSpec.from_dict(data)
    assert info.value.field == "history.denied_on"


def test_null_history_is_none() -> None:
    data = _minimal()
    data["history"] = None
    assert RequestSpec.from_dict(data).history is None


def test_to_dict_is_json_and_not_shared() -> None:
    spec = RequestSpec.from_dict(_example())
    first = spec.to_dict()
    json.dumps(first)
    first["records"]["categories"].append("x")
    assert "x" not in spec.to_dict()["records"]["categories"]
    assert copy.deepcopy(spec) == spec


@pytest.mark.parametrize("value", [1e308, 10**400, "1e999999", "99999999999999999999999999999"])
def test_an_absurd_fee_cap_is_refused_not_a_crash(value: Any) -> None:
    data = _minimal()
    data["options"] = {"fee_cap": value}
    with pytest.raises(SpecError) as info:
        RequestSpec.from_dict(data)
    assert info.value.field == "options.fee_cap"


@pytest.mark.parametrize(
    ("key", "value"),
    [("letter_date", "0001-01-03"), ("letter_date", "9999-12-31"), ("letter_date", "20261126")],
)
def test_dates_outside_the_counted_years_or_not_yyyy_mm_dd_are_refused(
    key: str, value: str
) -> None:
    data = _minimal()
    data[key] = value
    with pytest.raises(SpecError) as info:
        RequestSpec.from_dict(data)
    assert info.value.field == key


def test_history_in_year_one_is_refused_not_a_crash() -> None:
    data = _example()
    data["letter_date"] = "0001-01-03"
    data["history"]["received"] = "0001-01-01"
    data["history"]["denied_on"] = "0001-01-02"
    with pytest.raises(SpecError):
        RequestSpec.from_dict(data)
