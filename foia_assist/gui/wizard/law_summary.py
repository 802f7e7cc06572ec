"""A law in one page of HTML: its deadlines, who may ask, appeals, holidays and sources."""

from __future__ import annotations

import html

from foia_assist.domain.jurisdictions import Jurisdiction
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
    warning = residency_warning(j)
    if warning:
        parts.append(f"<p style='color:#a40000'><b>Who may ask:</b> {html.escape(warning)}</p>")
    else:
        parts.append(f"<p><b>Who may ask:</b> {html.escape(j.requesters.note)}</p>")
    if not r.fixed:
        parts.append(
            "<p style='color:#a40000'><b>No fixed deadline:</b> the law says "
            f"“{html.escape(r.wording or 'no number of days')}”.</p>"
        )
    appeal = j.appeal
    if appeal.deadline_days is not None and appeal.deadline_day_type is not None:
        when = f" Deadline: {appeal.deadline_days} {appeal.deadline_day_type.value} days."
    else:
        when = ""
    cite = f" ({html.escape(appeal.citation)})" if appeal.citation else ""
    parts.append(f"<p><b>If denied:</b> {html.escape(appeal.route)}{cite}{html.escape(when)}</p>")
    parts.append(
        f"<p><b>Holidays:</b> business days skip {html.escape(_holiday_source(j))}"
        f" ({html.escape(j.holidays.citation)}).</p>"
    )
    if j.notes:
        parts.append(f"<p><b>Notes and open questions:</b> {html.escape(j.notes)}</p>")
    links = "".join(f"<li>{_source_html(source)}</li>" for source in (j.statute_url, *j.sources))
    holidays_checked = (
        f"; holidays checked {j.holidays.verified.isoformat()}" if j.holidays.verified else ""
    )
    parts.append(f"<p><b>Sources</b></p><ul style='margin-top:0'>{links}</ul>")
    parts.append(
        f"<p style='color:#555'>Rules checked {j.verified.isoformat()}{holidays_checked} "
        f"(confidence: {j.confidence.value}). Not legal advice.</p>"
    )
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
