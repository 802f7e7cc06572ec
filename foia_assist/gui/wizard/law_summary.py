"""A law in one page of HTML: its deadlines, who may ask, appeals, holidays and sources."""

from __future__ import annotations

import html

from foia_assist.domain.jurisdictions import Jurisdiction
from foia_assist.gui.styles import muted_color, warning_color
from foia_assist.gui.wizard.law_behind import fact_html
from foia_assist.services.law import TOPIC_TITLES, ordered, provision_sentence, who_may_ask
from foia_assist.services.letter_preview import residency_warning


def jurisdiction_html(j: Jurisdiction) -> str:
    r = j.response
    parts = [
        f"<h3 style='margin:0'>{html.escape(j.name)}: {html.escape(j.law_name)}</h3>",
        f"<p>{html.escape(j.citation)}</p>",
        f"<p><b>First response:</b> {html.escape(r.period_in_words())} "
        f"to {html.escape(r.summary)} ({html.escape(r.citation)}).</p>",
    ]
    if j.extension is not None:
        days = (
            f"{j.extension.days} {j.extension.day_type.value if j.extension.day_type else ''} days"
            if j.extension.days is not None
            else "more time (no number set)"
        )
        parts.append(
            f"<p><b>Extension:</b> {html.escape(days)} ({html.escape(j.extension.citation)}). "
            f"{html.escape(_capital(j.extension.conditions.strip().rstrip('.')))}.</p>"
        )
    for later in j.later_clocks:
        tracked = (
            " The tracker follows this clock once you log the request." if later.tracked else ""
        )
        parts.append(
            f"<p><b>{html.escape(later.name)}</b> ({html.escape(later.period_in_words())}, "
            f"counted from {html.escape(later.starts)}): {html.escape(later.summary)} "
            f"({html.escape(later.citation)}).{tracked}</p>"
        )
    warning = residency_warning(j) or bases_warning(j)
    if warning:
        parts.append(
            f"<p style='color:{warning_color()}'><b>Who may ask:</b> {html.escape(warning)}</p>"
        )
    else:
        parts.append(f"<p><b>Who may ask:</b> {html.escape(who_may_ask(j))}</p>")
    if not r.fixed:
        # Quotation marks only for words a fact's quote holds (the law's own words as read).
        wording = r.wording or "no number of days"
        said = (
            f"the law says “{html.escape(wording)}”"
            if r.wording and j.quoting(r.wording) is not None
            else f"the law sets no number of days (in short: {html.escape(wording)})"
        )
        parts.append(f"<p style='color:{warning_color()}'><b>No fixed deadline:</b> {said}.</p>")
    if not any(f.topic == "appeal" for f in j.facts):
        appeal = j.appeal
        if appeal.deadline_days is not None and appeal.deadline_day_type is not None:
            when = f" Deadline: {appeal.deadline_days} {appeal.deadline_day_type.value} days."
        else:
            when = ""
        cite = f" ({html.escape(appeal.citation)})" if appeal.citation else ""
        parts.append(
            f"<p><b>If denied:</b> {html.escape(appeal.route)}{cite}{html.escape(when)}</p>"
        )
    if not j.facts:
        for topic in ("fee_waiver", "expedited"):
            parts.append(
                f"<p><b>{TOPIC_TITLES[topic]}:</b> {html.escape(provision_sentence(j, topic))}</p>"
            )
    parts.append(
        f"<p><b>Holidays:</b> business days skip {html.escape(_holiday_source(j))}"
        f" ({html.escape(j.holidays.citation)}).</p>"
    )
    parts.append(facts_html(j))
    links = "".join(f"<li>{_source_html(source)}</li>" for source in (j.statute_url, *j.sources))
    holidays_checked = (
        f"; holidays checked {j.holidays.verified.isoformat()}" if j.holidays.verified else ""
    )
    parts.append(f"<p><b>Sources</b></p><ul style='margin-top:0'>{links}</ul>")
    parts.append(
        f"<p style='color:{muted_color()}'>Rules checked {j.verified.isoformat()}"
        f"{holidays_checked} "
        f"(confidence: {j.confidence.value}). Not legal advice.</p>"
    )
    return "".join(parts)


def bases_warning(j: Jurisdiction) -> str:
    """Where the facts name who may ask: every basis, in the law's own words."""
    fact = next((f for f in j.facts if f.topic == "requesters" and f.bases), None)
    if fact is None:
        return ""
    return (
        f"Only these may ask under the {j.law_name} ({fact.citation}): "
        f"{'; '.join(fact.bases)}. If none describes you, ask someone it describes (a local "
        "newspaper or an organisation there) to send the request in their name."
    )


def facts_html(j: Jurisdiction) -> str:
    """Every fact of the law, by topic, with the law's own words, source and date checked."""
    if not j.facts:
        return (
            f"<p style='color:{muted_color()}'>No statements of this law with its own words are "
            "recorded yet: letters quote nothing from it.</p>"
        )
    parts = ["<h4 style='margin-bottom:0'>What the law says, in its own words</h4>"]
    topic = ""
    for fact in ordered(j):
        if fact.topic != topic:
            if topic:
                parts.append("</ul>")
            topic = fact.topic
            parts.append(
                f"<p style='margin-bottom:0'><b>{TOPIC_TITLES.get(topic, topic)}</b></p><ul>"
            )
        levels = ", ".join(level.value for level in fact.applies_to)
        where = f" <i>(for {html.escape(levels)} agencies)</i>" if levels else ""
        records = f" <i>(only {html.escape(fact.records)})</i>" if fact.records else ""
        parts.append(f"<li>{fact_html(fact)}{where}{records}</li>")
    parts.append("</ul>")
    return "".join(parts)


def _holiday_source(j: Jurisdiction) -> str:
    if j.holidays.subdiv is None:
        return "federal legal public holidays"
    return f"{j.name} state holidays"


def _source_html(source: str) -> str:
    """A source line, its leading URL made a link (the rest is a description)."""
    url, _, rest = source.partition(" ")
    if url.startswith(("https://", "http://")):
        tail = f" {html.escape(rest)}" if rest else ""
        return f"<a href='{html.escape(url, quote=True)}'>{html.escape(url)}</a>{tail}"
    return html.escape(source)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
