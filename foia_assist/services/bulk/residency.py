"""Before a bulk export: which letters go to states where only residents may ask.

Said in plain words before anything is written (it used to appear only after the export,
in the log, as a field name), so a clinic can find a local requester or drop those rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from foia_assist.domain.residency import is_resident

if TYPE_CHECKING:
    from foia_assist.domain.request import Requester
    from foia_assist.services.bulk.agencies_csv import AgencyList


@dataclass(frozen=True)
class ResidencyNotice:
    total: int
    restricted: dict[str, int]  # state name -> letters, where only residents may ask
    unsettled: dict[str, int]  # state name -> letters, where the law is unsettled
    residence_given: bool

    @property
    def letters(self) -> int:
        return sum(self.restricted.values())

    def text(self) -> str:
        def states(counts: dict[str, int]) -> str:
            return ", ".join(f"{name} ({n})" for name, n in sorted(counts.items()))

        parts = []
        if self.restricted:
            parts.append(
                f"{self.letters} of {self.total} letters go to states where only residents "
                f"may ask for records: {states(self.restricted)}. "
                + (
                    "You do not live there, so those agencies may refuse. "
                    if self.residence_given
                    else "Unless the requester lives there, those agencies may refuse "
                    "(add the state you live in on tab 3). "
                )
                + "Ask someone who lives there (a resident, a local newspaper or an "
                "organisation) to send those letters in their name, or take those rows out."
            )
        if self.unsettled:
            parts.append(
                "Whether non-residents may ask is unsettled in "
                f"{states(self.unsettled)}: read what that law says (the wizard's step 1 "
                "explains it) before sending."
            )
        return " ".join(parts)


def residency_notice(agencies: AgencyList, requester: Requester) -> ResidencyNotice | None:
    """None when every letter goes where the requester may ask."""
    restricted: Counter[str] = Counter()
    unsettled: Counter[str] = Counter()
    for row in agencies.rows:
        j = row.jurisdiction
        if is_resident(requester.residence, j) is True:
            continue
        if j.residents_only is True:
            restricted[j.name] += 1
        elif j.residents_only is None:
            unsettled[j.name] += 1
    if not restricted and not unsettled:
        return None
    return ResidencyNotice(
        len(agencies.rows), dict(restricted), dict(unsettled), bool(requester.residence.strip())
    )
