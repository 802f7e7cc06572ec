"""What the app knows of a jurisdiction's law, fact by fact, for `foia-assist law` and the
window's law page: each statement with its citation, the law's own words, source and date.

No research history here: the rule files' `notes` and the tables' working notes stay in the
files and docs/verification/.
"""

from __future__ import annotations

from typing import Any

from foia_assist.domain.jurisdictions import Fact, Jurisdiction

# How each topic is headed for a reader, in the order the law page and `law` show them.
TOPIC_TITLES = {
    "scope": "Which bodies the law reaches",
    "requesters": "Who may request",
    "response": "The response clock",
    "later_clock": "Later clocks",
    "extension": "Extensions",
    "receipt": "When a request counts as received",
    "roll_forward": "Deadlines on a weekend or holiday",
    "holidays": "Whose holidays count",
    "appeal": "If the request is denied",
    "fees": "Fees",
    "fee_waiver": "Fee waiver and reductions",
    "expedited": "Expedited processing",
}


def applies_to(fact: Fact) -> list[str]:
    return [level.value for level in fact.applies_to] or ["all"]


def fact_dict(fact: Fact) -> dict[str, Any]:
    """One fact as JSON: `quote` is null where no text was read (`unread` says why)."""
    out: dict[str, Any] = {
        "id": fact.id,
        "topic": fact.topic,
        "statement": fact.statement,
        "citation": fact.citation,
        "quote": fact.quote or None,
        "unread": fact.unread or None,
        "source": fact.source,
        "verified": fact.verified.isoformat(),
        "confidence": fact.confidence.value,
        "applies_to": applies_to(fact),
        "records": fact.records or None,
        "unsettled": fact.unsettled,
        "user_note": fact.user_note or None,
    }
    if fact.topic == "requesters":
        out["bases"] = list(fact.bases)
        out["residents_only"] = fact.residents_only
    if fact.topic == "appeal":
        out["route"] = fact.route
        out["body"] = fact.body or None
        out["deadline_days"] = fact.deadline_days
        out["deadline_day_type"] = fact.deadline_day_type.value if fact.deadline_day_type else None
        out["deadline_wording"] = fact.deadline_wording or None
        out["days_citation"] = fact.days_citation or None
        out["asks_agency"] = fact.asks_agency or None
        if fact.route == "administrative":  # the deciding body's time to decide
            out["decision_days"] = fact.decision_days
            out["decision_day_type"] = (
                fact.decision_day_type.value if fact.decision_day_type else None
            )
            out["decision_wording"] = fact.decision_wording or None
            out["decision_counts_from"] = fact.decision_counts_from
            out["decision_from"] = fact.decision_from or None
            out["decision_citation"] = fact.decision_citation or None
            out["decision_quote"] = fact.decision_quote or None
            out["decision_source"] = fact.decision_source or None
    if fact.topic in ("fee_waiver", "expedited"):
        out["available"] = fact.available
        out["grant_citation"] = fact.grant_citation or None
        if fact.topic == "fee_waiver":
            out["grounds"] = fact.grounds or None
            out["grounds_note"] = fact.grounds_note or None
    if fact.clock:
        out["clock"] = fact.clock
    if fact.cited_in:  # letter kinds that also state it (the appeal, the preservation letter)
        out["cited_in"] = list(fact.cited_in)
    if fact.form:  # a form the law requires (or, form_unsettled, may require)
        out["form"] = fact.form
        out["form_citation"] = fact.form_citation or None
        out["form_unsettled"] = fact.form_unsettled
    if fact.act:  # a second act for some records (Colorado's Criminal Justice Records Act)
        out["act"] = fact.act
        out["act_citation"] = fact.act_citation
        out["act_response"] = fact.act_response or None
    return out


def ordered(j: Jurisdiction) -> list[Fact]:
    """The facts by topic (in TOPIC_TITLES order), keeping the file's order within a topic."""
    rank = {topic: i for i, topic in enumerate(TOPIC_TITLES)}
    return sorted(j.facts, key=lambda f: rank.get(f.topic, len(rank)))


def law_json(j: Jurisdiction) -> dict[str, Any]:
    return {
        "code": j.code,
        "name": j.name,
        "law_name": j.law_name,
        "citation": j.citation,
        "facts": [fact_dict(f) for f in ordered(j)],
    }


def fact_lines(fact: Fact) -> list[str]:
    """A fact for reading: statement, where it holds, the law's words, source and date."""
    levels = ", ".join(applies_to(fact))
    where = "all agencies" if levels == "all" else f"{levels} agencies"
    if fact.records:
        where += f"; only {fact.records}"
    lines = [f"{fact.statement} ({fact.citation})", f"  Applies to: {where}."]
    if fact.bases:
        lines.append(f"  Who may ask, in the law's words: {'; '.join(fact.bases)}.")
    if fact.quote:
        lines.append(f"  The law's words: \u201c{fact.quote}\u201d")
        if fact.unread:  # what of the law around the quote was not read (kept out of letters)
            lines.append(f"  Not read: {fact.unread}")
    else:
        lines.append(f"  The law's words could not be read: {fact.unread}")
    lines += _decision_lines(fact)
    if fact.user_note:
        lines.append(f"  Also: {fact.user_note}")
    if fact.unsettled:
        lines.append("  Unsettled: the law is unclear here; letters do not state it as settled.")
    lines.append(
        f"  Source: {fact.source} (checked {fact.verified.isoformat()}, "
        f"confidence {fact.confidence.value})"
    )
    return lines


def decision_start_words(fact: Fact) -> str:
    """What the time to decide is counted from: the law's words where the data gives them
    (Maryland's Compliance Board: "the filing of the complaint"), the denial where the review
    is deemed complete after it (Washington), else the usual receipt of the appeal."""
    if fact.decision_counts_from == "denial":
        return "the denial"
    return f"\u201c{fact.decision_from}\u201d" if fact.decision_from else "receiving the appeal"


def _decision_lines(fact: Fact) -> list[str]:
    """The deciding body's time to decide an administrative appeal, where the data has it."""
    if fact.decision_days is not None and fact.decision_day_type is not None:
        start = decision_start_words(fact)
        when = f"{fact.decision_days} {fact.decision_day_type.value} days from {start}"
    elif fact.decision_wording:
        when = fact.decision_wording
    else:
        return []
    cite = fact.decision_citation or fact.citation
    lines = [f"  Time to decide: {when} ({cite})."]
    if fact.decision_quote:
        source = fact.decision_source or fact.source
        lines.append(f"  Its words: \u201c{fact.decision_quote}\u201d (read at {source})")
    return lines


def law_text(j: Jurisdiction) -> str:
    head = f"{j.name}: {j.law_name} ({j.citation})"
    if not j.facts:
        return (
            f"{head}\nNo facts with the law's own words are recorded for {j.name} yet; "
            f"letters quote nothing from this law. See 'foia-assist jurisdictions' for the "
            "deadlines the app counts with.\nNot legal advice."
        )
    out = [head]
    topic = ""
    for fact in ordered(j):
        if fact.topic != topic:
            topic = fact.topic
            out += ["", TOPIC_TITLES.get(topic, topic)]
        out += fact_lines(fact)
    out += ["", "Not legal advice: read the law's words at the source before relying on them."]
    return "\n".join(out)


def who_may_ask(j: Jurisdiction) -> str:
    """Who may request, for a reader: the facts' statements where there are any, else a
    sentence from the [requesters] table (its `note` is research history, not shown)."""
    facts = [f for f in j.facts if f.topic == "requesters"]
    if facts:
        return " ".join(f"{f.statement} ({f.citation})" for f in facts)
    cite = f" ({j.requesters.citation})" if j.requesters.citation else ""
    if j.residents_only is True:
        return f"Only residents of {j.name} may request records{cite}."
    if j.residents_only is False:
        return "Any person may request records; there is no residency requirement."
    return f"Whether people who do not live in {j.name} may request records is unsettled{cite}."


def provision_sentence(j: Jurisdiction, topic: str) -> str:
    """Fee waiver or expedited processing, for a reader: the facts' statements, else the
    table's yes / no / unsettled with its citation (its `note` is not shown)."""
    facts = [f for f in j.facts if f.topic == topic]
    if facts:
        return " ".join(f"{f.statement} ({f.citation})" for f in facts)
    what = "a fee waiver" if topic == "fee_waiver" else "expedited processing"
    p = j.fee_waiver if topic == "fee_waiver" else j.expedited
    cite = f" ({p.citation})" if p.citation else ""
    if p.available is True:
        return f"The {j.law_name} provides for {what}{cite}."
    if p.available is False:
        return f"The {j.law_name} does not provide for {what}."
    return f"Whether the {j.law_name} provides for {what} is unsettled{cite}."


def provision_available(j: Jurisdiction, topic: str) -> bool | None:
    """Whether the law provides a fee waiver or expedited processing: from the facts where
    the file has them (any that grants it), else the table."""
    facts = [f for f in j.facts if f.topic == topic]
    if facts:
        if any(f.available is True for f in facts):
            return True
        return False if any(f.available is False for f in facts) else None
    return (j.fee_waiver if topic == "fee_waiver" else j.expedited).available
