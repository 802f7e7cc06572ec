"""The preservation letter: keep the records, suspend deletion, confirm."""

from __future__ import annotations

from typing import Any

from foia_assist.services.letters.shared import LetterBase


class PreservationLetter(LetterBase):
    kind = "preservation"

    def subject_prefix(self) -> str:
        return "Preservation of records: "

    def build(self) -> dict[str, Any]:
        h = self.history
        about = self.request_ref() if (h.received or h.tracking_number) else ""
        intro = (
            f"I write about {about}. I ask you to preserve the records it covers."
            if about
            else (
                f"I am requesting records from {self.spec.agency.name} about its use of facial "
                "recognition technology, and I ask you to preserve the records described below."
            )
        )
        return {
            "preservation_intro_text": intro,
            "frt_definition": self.cat.definition.text,
            "preservation_items": list(self.wording.preservation_items),
            "suspend_deletion_text": self.text("suspend_deletion"),
            # A statute that forbids disposing of a requested record (Florida § 119.07(1)(h)):
            # said with the ask to keep the records (facts with `cited_in` "preservation").
            "duration_text": " ".join(
                [self.text("duration"), *self.law.cited_in("preservation", "duration_text")]
            ),
            "confirm_text": self.text("confirm"),
        }
