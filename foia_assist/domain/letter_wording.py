"""The fixed paragraphs of the letters: text a lawyer can review apart from the code.

Loaded from `resources/letters/<kind>.toml` by `foia_assist.storage.letter_wording`. Only the
sentences that do not state the law live here (asking, arguing, describing records); every
sentence of law comes from a jurisdiction's facts or clock tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The paragraphs each letter kind must have, by key (the files may not add others).
PARAGRAPHS: dict[str, tuple[str, ...]] = {
    "request": (
        "fee_waiver_justification",
        "format",
        "rolling",
        "segregability",
        "preservation",
        "narrow",
        "tracking",
    ),
    "follow-up": ("completion", "narrow"),
    "appeal": (
        "exemptions_general",
        "segregability",
        "new_search",
        "exemption_default",
    ),
    "preservation": ("suspend_deletion", "duration", "confirm"),
}


@dataclass(frozen=True)
class ExemptionArgument:
    """An argument against a commonly claimed exemption: used when the exemption the agency
    cited contains any of `matches` (case-insensitive)."""

    matches: tuple[str, ...]
    argument: str


@dataclass(frozen=True)
class LetterWording:
    paragraphs: dict[str, dict[str, str]]  # kind -> key -> text
    exemption_arguments: tuple[ExemptionArgument, ...] = ()
    preservation_items: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)  # kind -> file it was read from

    def text(self, kind: str, key: str) -> str:
        return self.paragraphs[kind][key]

    def exemption_argument(self, exemption: str) -> str:
        folded = exemption.casefold()
        for arg in self.exemption_arguments:
            if any(m in folded for m in arg.matches):
                return arg.argument
        return self.text("appeal", "exemption_default")
