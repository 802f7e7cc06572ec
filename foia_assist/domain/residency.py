"""Whether the requester's stated residence is in a jurisdiction: one comparison for the
request letter's residency sentence and the bulk export's notice before writing."""

from __future__ import annotations

from foia_assist.domain.jurisdictions import Jurisdiction


def is_resident(residence: str, j: Jurisdiction) -> bool | None:
    """True / False by the state named in `residence` (its code, name or an alias, alone or as
    the last part of a place: "Louisville, Kentucky", "Seattle, WA"); None when none is given."""
    given = " ".join(residence.replace(",", " , ").split()).casefold()
    if not given:
        return None
    names = {j.code.casefold(), j.name.casefold(), *(a.casefold() for a in j.aliases)}
    last = given.rsplit(",", 1)[-1].strip()
    return given in names or last in names
