"""The law a letter may state: the jurisdiction's facts for the agency's level, and a record of
which fact each legal sentence rests on.

A letter puts words in quotation marks only through `LawUse.quoted`, which quotes a passage
only when it is found verbatim (whitespace-normalised) in a fact's `quote`; otherwise the words
go in without quotation marks. A fact that could not be read or is unsettled is never stated as
settled law: `LawUse.state` words it as the requester's understanding and warns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from foia_assist.domain.appeal_routes import (  # shared with the tracker's appeal clocks
    depends_on_level,
    effective_level,
    holds_for,
)
from foia_assist.domain.jurisdictions import Fact, Jurisdiction, Level, normalise_text
from foia_assist.domain.level_clock import own_first_clock_fact

__all__ = ["LawUse", "LegalSentence", "depends_on_level", "effective_level", "holds_for"]


@dataclass(frozen=True)
class LegalSentence:
    """A sentence of law in a letter and what it rests on.

    `fact` is the fact behind it; None where the sentence comes from the numbers of the rule
    file's tables (a clock's days, the [appeal] table), named in `table`.
    """

    key: str  # the letter's context key the sentence is in
    sentence: str
    fact: Fact | None = None
    table: str = ""  # e.g. "[response]": where a sentence without a fact comes from


def normalise(text: str) -> str:
    """Whitespace collapsed, curly quotes and apostrophes made straight: for matching only."""
    return normalise_text(text)


class LawUse:
    """The facts of one jurisdiction that hold for one agency level, and the sentences a letter
    builds from them."""

    def __init__(self, j: Jurisdiction, level: Level | None) -> None:
        self.j = j
        self.level = effective_level(j, level)
        self.grounds: list[LegalSentence] = []
        self.warnings: list[str] = []

    # -- which facts hold -----------------------------------------------------------------------

    def facts(self, topic: str) -> list[Fact]:
        """Facts on `topic` that hold for this agency (see `holds_for`)."""
        return [f for f in self.j.facts if f.topic == topic and holds_for(f, self.level)]

    def has(self, topic: str) -> bool:
        """The file has facts on `topic` at all (for any level): the tables are then not used."""
        return any(f.topic == topic for f in self.j.facts)

    def clock_fact(self, clock_name: str, first: bool) -> Fact | None:
        topic = "response" if first else "later_clock"
        return self._for_level(
            [f for f in self.j.facts if f.topic == topic]
            if first
            else [f for f in self.j.facts if f.topic == topic and f.clock == clock_name],
            lambda f: f.clock == clock_name or (first and not f.clock),
        )

    def own_clock_fact(self, clock_name: str, first: bool) -> Fact | None:
        """Where the rule file's clock holds only for other kinds of agency, the fact for this
        kind on a clock of its own that has no table (Montana: § 2-6-1006(2) binds agencies
        that are not executive branch agencies; a state agency answers under § 2-6-1006(3)).
        The letter states that fact, not the table's rule. The first clock's choice is the
        tracker's own (`own_first_clock_fact`), so the two cannot drift (review-pass-11 F6)."""
        if first:
            return own_first_clock_fact(self.j, self.level)
        if not self.excludes_clock(clock_name, first):
            return None
        tables = {c.name for c in (self.j.response, *self.j.later_clocks)}
        return next(
            (
                f
                for f in self.j.facts
                if f.topic == "later_clock" and f.clock and f.clock not in tables
                if holds_for(f, self.level)
            ),
            None,
        )

    def extension_fact(self) -> Fact | None:
        return self._for_level([f for f in self.j.facts if f.topic == "extension"], bool)

    def excludes_clock(self, clock_name: str, first: bool) -> bool:
        """The facts on this clock hold only for other kinds of agency than this one (a
        Massachusetts municipality's production clock, for a state agency): not stated."""
        topic = "response" if first else "later_clock"
        found = [
            f
            for f in self.j.facts
            if f.topic == topic and (f.clock == clock_name or (first and not f.clock))
        ]
        return self._excluded(found)

    def excludes_extension(self) -> bool:
        return self._excluded([f for f in self.j.facts if f.topic == "extension"])

    def _excluded(self, found: list[Fact]) -> bool:
        if self.level is None or not found:
            return False
        return not any(holds_for(f, self.level) for f in found)

    def _for_level(self, candidates: list[Fact], match: Callable[[Fact], object]) -> Fact | None:
        """The fact among `candidates` that holds for this agency. With no level known and
        facts that differ by level, one that is not settled for some kind of agency is
        returned, so the sentence is worded as the requester's understanding."""
        found = [f for f in candidates if match(f)]
        holding = [f for f in found if holds_for(f, self.level)]
        if holding:
            return holding[0]
        if self.level is None:
            return next((f for f in found if not f.settled), None)
        return None

    def cited_in(self, kind: str, key: str) -> list[str]:
        """Sentences for the facts that ask to be stated in letters of `kind` (`cited_in`) and
        hold for this agency: a consequence or a duty in the law's words ("The law provides
        (citation): "…""), any other fact by its statement. An unsettled one is told to the
        user, not the agency."""
        said = []
        for fact in self.j.facts:
            if kind not in fact.cited_in or not holds_for(fact, self.level):
                continue
            if not fact.settled:
                self.warnings.append(
                    f"{fact.citation} may bear on this letter, but the law is unsettled on it, "
                    f"so the letter does not state it: {fact.statement}"
                )
                continue
            if fact.missed_deadline or kind == "preservation":
                # The quote without its subsection label: "(h) Even if …" -> "Even if …".
                passage = re.sub(r"^\([0-9a-z-]+\)\s*", "", " ".join(fact.quote.split()))
                words, _source = self.quoted(passage.rstrip("."))
                # After the ask to keep the records until everything is resolved, the law's
                # hold is a floor, not a promise of that longer hold (review-pass-10).
                intro = (
                    "Whatever is decided about the request, the law itself sets a minimum"
                    if kind == "preservation"
                    else "The law provides"
                )
                text = f"{intro} ({fact.citation}): {words}."
            else:
                text = fact_sentence(fact)
            said.append(self.state(key, text, fact))
        return said

    # -- quoting --------------------------------------------------------------------------------

    def source_of(self, passage: str) -> Fact | None:
        """The fact whose quote holds `passage` verbatim (whitespace-normalised), if any."""
        return self.j.quoting(passage)

    def in_quote(self, passage: str, fact: Fact) -> str:
        """`passage` as it is written in `fact`'s quote (its capitals), or "" if not there."""
        quote = normalise(fact.quote)
        at = quote.casefold().find(normalise(passage).casefold())
        return quote[at : at + len(normalise(passage))] if at >= 0 else ""

    def quoted(self, passage: str) -> tuple[str, Fact | None]:
        """`"passage"` where a fact's quote holds it, else the passage without quotation marks."""
        fact = self.source_of(passage)
        if fact is None:
            return passage, None
        return f'"{self.in_quote(passage, fact) or passage}"', fact

    # -- stating --------------------------------------------------------------------------------

    def state(self, key: str, sentence: str, fact: Fact | None, table: str = "") -> str:
        """Record `sentence` as resting on `fact` (or a table) and return it as the letter says
        it: a fact not read or unsettled becomes the requester's understanding, with a warning."""
        if fact is not None and not fact.settled:
            sentence = understood(sentence)
            why = "the law is unsettled on this" if fact.unsettled else "its text was not read"
            self.warnings.append(
                f"{fact.citation}: {why}, so the letter words it as your understanding "
                f"(\u201cI understand that \u2026\u201d). {fact.statement}"
            )
        self.grounds.append(LegalSentence(key, sentence, fact, table if fact is None else ""))
        return sentence

    def state_fact(self, key: str, fact: Fact) -> str:
        """The fact's own statement as the letter's sentence (see `fact_sentence`)."""
        return self.state(key, fact_sentence(fact), fact)


def understood(sentence: str) -> str:
    """'Under X, your office must …' -> 'I understand that under X, your office must …';
    a sentence in the first person keeps its start and ends 'as I understand the law'."""
    text = sentence.strip()
    if text.startswith("I understand that"):
        return text
    if text.startswith("I "):  # "I make this appeal under X." -> "…, as I understand the law."
        return f"{text.rstrip('.')}, as I understand the law."
    first = text[:1]
    # Keep capitals of names ("RCW", "The Attorney General" stays "the …" only for "The").
    if text.startswith(("The ", "Under ", "Your ", "If ", "Within ")):
        first = first.lower()
    return f"I understand that {first}{text[1:]}"


def fact_sentence(fact: Fact) -> str:
    """'Under <citation>, <statement>': a fact's own statement as a letter's sentence (its
    first word in lower case where it is an article)."""
    text = fact.statement.strip().rstrip(".;")
    first, _, rest = text.partition(" ")
    if first in ("A", "An", "The", "Each", "Every", "Any"):
        text = f"{first.lower()} {rest}"
    return f"Under {fact.citation}, {text}."
