"""Read an agency's reply for the events it announces, each with the sentence it rests on.

Rules and patterns only (no network service, nothing sent anywhere). A proposal is never
logged by itself: the user confirms or edits each one first. The rules favour saying nothing
over guessing: a sentence must both name the act ("we received", "extend", "estimated fee",
"deny") and, where the event needs one, carry its number (the new date, the amount).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty-five": 45, "sixty": 60, "ninety": 90,
}  # fmt: skip


@dataclass(frozen=True)
class Suggestion:
    """An event the reply announces, for the user to confirm (kinds as in `track event`)."""

    kind: str
    evidence: str  # the sentence it rests on, as written
    date: dt.date | None = None  # the reply's own date (the event's date)
    new_date: dt.date | None = None  # extension: the new date
    days: int | None = None  # extension: more days
    amount: Decimal | None = None  # fee estimate
    exemptions: tuple[str, ...] = field(default=())  # denial: what the agency cited
    partial: bool = False  # records released in part
    reference: str = ""  # the agency's reference number, where it gives one

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "date": self.date.isoformat() if self.date else None,
            "new_date": self.new_date.isoformat() if self.new_date else None,
            "days": self.days,
            "amount": str(self.amount) if self.amount is not None else None,
            "exemptions": list(self.exemptions),
            "partial": self.partial,
            "reference": self.reference or None,
            "evidence": self.evidence,
        }


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])|\n\s*\n")
_DATE_WORDS = re.compile(
    r"\b(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b",
    re.I,
)
_DATE_NUMERIC = re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\b")
_DATE_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_REFERENCE = re.compile(
    r"\b(?:request|reference|tracking|case|foia|pra|file|control)\s*"
    r"(?:no\.?|number|num\.?|#|id)\s*[:#]?\s*(?P<ref>[A-Z0-9][A-Z0-9_./-]{2,30}[A-Z0-9])",
    re.I,
)
_MONEY = re.compile(r"\$\s?(?P<amount>\d{1,3}(?:,\d{3})*(?:\.\d{2})?|\d+(?:\.\d{2})?)")
_DAYS = re.compile(
    r"\b(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r")\s+(?:additional\s+|more\s+)?"
    r"(?:business\s+|working\s+|calendar\s+)?days?\b",
    re.I,
)
_EXEMPTION = re.compile(
    r"(?:"
    r"5\s*U\.?S\.?C\.?\s*§*\s*552\(b\)\(\d\)(?:\([A-F]\))?"  # federal FOIA, full
    r"|\(b\)\(\d\)(?:\([A-F]\))?"  # federal FOIA, short
    r"|[Ee]xemptions?\s+\d(?:\([A-F]\))?"  # "Exemption 7(E)"
    r"|§§?\s*\d[\w.\-]*(?:\([\w]+\))*"  # "§ 552.108(a)(1)"
    r"|\b(?:RCW|ORS|MCL|ILCS|NRS|KRS|CRS|ARS|G\.S\.|Gov(?:ernment|'t)?\.? Code)"
    r"\s*(?:§\s*)?\d[\w.\-/]*(?:\([\w]+\))*"
    r"|\b\d+\s+ILCS\s+\d+/\d[\w.]*(?:\([\w]+\))*"
    r")"
)

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "acknowledged",
        re.compile(
            r"\b(?:we|our office|the department|this office|the city|the county)\s+"
            r"(?:have|has)?\s*received\s+your\b|\backnowledg(?:e|es|ing|ement of)\s+(?:receipt|"
            r"your)|\bthis (?:e-?mail|letter|message) (?:is to )?(?:confirms?|acknowledges?)\b|"
            r"\byour request (?:was|has been) received\b",
            re.I,
        ),
    ),
    (
        "extension",
        re.compile(
            r"\bextend(?:s|ed|ing)?\b|\bextension\b|\badditional time\b|"
            r"\b(?:additional|more)\s+\d+\s+(?:business\s+|working\s+|calendar\s+)?days\b|"
            r"\bexpect(?:s|ed)? to (?:respond|provide|complete)\b.*\bby\b|"
            r"\bestimated? (?:date|time) (?:of|for) (?:completion|response)\b",
            re.I,
        ),
    ),
    (
        "fee_estimate",
        re.compile(
            r"\b(?:estimated?|anticipated)\s+(?:cost|fee|charge)s?\b|\bfees?\s+(?:of|will be|"
            r"total(?:s|ing)?|estimate)\b|\bcost\s+(?:of|will be|estimate)\b|\bdeposit\b|"
            r"\bprepayment\b|\bpayment of\b",
            re.I,
        ),
    ),
    (
        "clarification_requested",
        re.compile(
            r"\bclarif(?:y|ication)\b|\bmore specific\b|\bnarrow (?:your|the) (?:request|scope)\b"
            r"|\breasonably describe\b|\bplease (?:specify|identify)\b",
            re.I,
        ),
    ),
    (
        "denied",
        re.compile(
            r"\b(?:den(?:y|ied|ying|ial)|withh(?:o|e)ld(?:ing)?|exempt from (?:disclosure|"
            r"public disclosure)|not subject to (?:disclosure|release)|declin(?:e|es|ed|ing) "
            r"to (?:release|produce|disclose)|(?:will|shall) not be (?:released|produced|"
            r"disclosed))\b",
            re.I,
        ),
    ),
    (
        "records_released",
        re.compile(
            r"\b(?:attached|enclosed) (?:are|is|please find)\b|\bplease find (?:attached|"
            r"enclosed)\b|\b(?:are|is|we are|we're) (?:releasing|providing|producing)\b|"
            r"\bresponsive (?:records|documents) (?:are|is) (?:attached|enclosed|available)\b|"
            r"\brecords? (?:are|is) (?:attached|enclosed|being released|released)\b",
            re.I,
        ),
    ),
)
_PARTIAL = re.compile(
    r"\b(?:in part|partial(?:ly)?|portions?|redact(?:ed|ions?)|some of the records)\b", re.I
)
_NOT_FOUND = re.compile(r"\bno (?:responsive )?records\b", re.I)


# A piece ending in an abbreviation ("Tex.", "Stat.", "U.S.C.", "No.") goes on into the next.
_ABBREVIATION = re.compile(r"(?:\b[A-Z][A-Za-z']{0,4}|\b(?:[A-Za-z]\.){2,}[A-Za-z]?|\bno|\bsec)\.$")


def sentences(text: str) -> list[str]:
    flat = re.sub(r"[ \t]+", " ", text.replace("\r", ""))
    parts: list[str] = []
    carry = ""
    for block in _SENTENCE.split(flat):
        sentence = " ".join(f"{carry} {block}".split())
        carry = ""
        if _ABBREVIATION.search(sentence) and "\n\n" not in block:
            carry = sentence
            continue
        if sentence:
            parts.append(sentence)
    if carry:
        parts.append(carry)
    return parts


def find_dates(text: str) -> list[date]:
    found: list[tuple[int, date]] = []
    for m in _DATE_WORDS.finditer(text):
        _add(found, m.start(), int(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))
    for m in _DATE_NUMERIC.finditer(text):
        _add(found, m.start(), int(m["y"]), int(m["m"]), int(m["d"]))
    for m in _DATE_ISO.finditer(text):
        _add(found, m.start(), int(m["y"]), int(m["m"]), int(m["d"]))
    return [d for _, d in sorted(found)]


def _add(found: list[tuple[int, date]], at: int, year: int, month: int, day: int) -> None:
    try:
        found.append((at, date(year, month, day)))
    except ValueError:
        pass


def _days(sentence: str) -> int | None:
    m = _DAYS.search(sentence)
    if not m:
        return None
    n = m["n"].lower()
    return int(n) if n.isdigit() else _NUMBERS.get(n)


def _amount(sentence: str) -> Decimal | None:
    m = _MONEY.search(sentence)
    if not m:
        return None
    try:
        return Decimal(m["amount"].replace(",", ""))
    except InvalidOperation:
        return None


def reference_number(text: str) -> str:
    m = _REFERENCE.search(text)
    return m["ref"] if m else ""


def suggest_events(text: str, reply_date: date | None = None) -> list[Suggestion]:
    """The events `text` announces, in the order of the sentences that announce them.

    `reply_date` is the reply's own date (an email's Date header), used as each event's date.
    One proposal per kind: the first sentence that carries what the event needs.
    """
    reference = reference_number(text)
    found: dict[str, Suggestion] = {}
    for sentence in sentences(text):
        for kind, rule in _RULES:
            if kind in found or not rule.search(sentence):
                continue
            suggestion = _build(kind, sentence, reply_date, reference)
            if suggestion is not None:
                found[kind] = suggestion
    order = [k for k, _ in _RULES]
    return sorted(found.values(), key=lambda s: order.index(s.kind))


def _build(kind: str, sentence: str, when: date | None, reference: str) -> Suggestion | None:
    if kind == "acknowledged":
        return Suggestion(kind, sentence, date=when, reference=reference)
    if kind == "extension":
        later = [d for d in find_dates(sentence) if when is None or d > when]
        days = _days(sentence)
        if not later and days is None:
            return None  # "extension" with neither a date nor a number of days: no claim
        return Suggestion(
            kind, sentence, date=when, new_date=later[-1] if later else None,
            days=None if later else days,
        )  # fmt: skip
    if kind == "fee_estimate":
        amount = _amount(sentence)
        return Suggestion(kind, sentence, date=when, amount=amount) if amount else None
    if kind == "clarification_requested":
        return Suggestion(kind, sentence, date=when)
    if kind == "denied":
        if _NOT_FOUND.search(sentence) and not _EXEMPTION.search(sentence):
            return None  # "no records" is not a denial under an exemption
        exemptions = tuple(dict.fromkeys(m.group(0).strip() for m in _EXEMPTION.finditer(sentence)))
        return Suggestion(kind, sentence, date=when, exemptions=exemptions)
    if kind == "records_released":
        return Suggestion(kind, sentence, date=when, partial=bool(_PARTIAL.search(sentence)))
    return None
