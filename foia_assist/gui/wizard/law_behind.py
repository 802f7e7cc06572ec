"""The law behind a letter, beside its preview: each legal sentence with the fact it rests on
(citation, the law's own words, source, date checked), or the rule-file table it comes from."""

from __future__ import annotations

import html
from collections.abc import Iterable

from foia_assist.domain.jurisdictions import Fact
from foia_assist.services.letters.law import LegalSentence


def fact_html(fact: Fact) -> str:
    """A fact for reading: statement, citation, the law's words or why none, source, date."""
    parts = [f"{html.escape(fact.statement)} ({html.escape(fact.citation)})"]
    if fact.quote:
        parts.append(f"<i>The law's words:</i> “{html.escape(fact.quote)}”")
        if fact.unread:  # what of the law around the quote was not read
            parts.append(f"<i>Not read:</i> {html.escape(fact.unread)}")
    else:
        parts.append(f"<i>The law's words could not be read:</i> {html.escape(fact.unread)}")
    if fact.unsettled:
        parts.append("<i>Unsettled:</i> the law is unclear here.")
    url = html.escape(fact.source, quote=True)
    parts.append(
        f"<i>Source:</i> <a href='{url}'>{html.escape(fact.source)}</a>, checked "
        f"{fact.verified.isoformat()} (confidence {fact.confidence.value})"
    )
    return "<br>".join(parts)


def grounds_html(grounds: Iterable[LegalSentence]) -> str:
    items = []
    for g in grounds:
        if g.fact is not None:
            behind = fact_html(g.fact)
        else:
            behind = (
                f"<i>From the rule file's {html.escape(g.table)} table</i> (its numbers and "
                "citation; no text of the law is recorded for it yet)."
            )
        items.append(f"<li><b>{html.escape(g.sentence)}</b><br><small>{behind}</small></li>")
    if not items:
        return ""
    return (
        "<b>The law behind this letter</b><ul style='margin-left:12px'>" + "".join(items) + "</ul>"
    )
