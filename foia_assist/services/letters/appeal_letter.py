"""The appeal letter: to the body that decides this denial, under the section that creates
that route, with its deadline only where the law sets one; a request for reconsideration,
with the court route, where no administrative appeal reaches this agency.

Where the rule file has `[[facts]]` on appeals, the route is chosen from them by the agency's
level (and the records a route covers); a file without them falls back on its [appeal] table.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from foia_assist.domain.appeal_routes import AppealPlan, plan_appeal
from foia_assist.domain.deadlines import compute_deadline
from foia_assist.domain.jurisdictions import Clock, ClockAction, DayType, Fact
from foia_assist.services.letters.shared import (
    LetterBase,
    agency_address,
    end,
    join,
    long_date,
    sentence,
)


class AppealLetter(LetterBase):
    kind = "appeal"

    @cached_property
    def plan(self) -> AppealPlan:
        # The same choice as the tracker's appeal clocks (domain/appeal_routes.py).
        return plan_appeal(self.j, self.law.level, self.history.exemptions_cited)

    def no_admin_appeal(self) -> bool:
        if self.plan.from_facts:
            return self.plan.route is None
        return self.j.appeal.administrative is False

    def body(self) -> str:
        return self.plan.body if self.plan.from_facts else self.j.appeal.outside_body

    def subject_prefix(self) -> str:
        if self.no_admin_appeal():
            return "Request for reconsideration: "
        filing = self.filing()
        return f"{filing[:1].upper()}{filing[1:]}: "

    def filing(self) -> str:
        return self.plan.filing if self.plan.from_facts else "appeal"

    def addressee(self) -> str:
        """The officer the law names as deciding an appeal made to the agency itself."""
        route = self.plan.route if self.plan.from_facts else None
        return route.addressee if route is not None and not route.body else ""

    def common(self) -> dict[str, Any]:
        ctx = super().common()
        officer = self.addressee()
        if officer:
            # The law names who decides (5 U.S.C. § 552(a)(6)(A)(i)(III)(aa): "the head of
            # the agency"): the appeal goes to that officer, not the records officer.
            title = _title(officer)
            a = self.spec.agency
            block = [f"Attention: {title}", a.name, *agency_address(a)]
            block += [x for x in (a.email, a.portal_url) if x]
            # "the head, chief executive or governing body ... or the person therefor
            # designated" (N.Y. Pub. Off. Law § 89(4)(a)) names no one person to greet: the
            # letter is addressed to them or the officer they designate, and greets that
            # officer, so the Attention line and the salutation agree. Without a designee in
            # the law's words, it greets the officer the law names.
            greet = title
            route = self.plan.route
            alternatives = " or " in officer or "," in officer
            words = f"{route.quote} {route.statement}".casefold() if route is not None else ""
            if alternatives and "designat" in words:
                greet = "Appeals Officer"
                block.insert(1, "or the Appeals Officer designated to decide appeals")
            ctx.update(
                agency_block=block, agency_lines="\n".join(block), salutation=f"Dear {greet}:"
            )
        return ctx

    def build(self) -> dict[str, Any]:
        h, j = self.history, self.j
        self.require(h.denied_on, "denied_on")
        assert h.denied_on is not None
        if self.plan.from_facts:
            route_text, citation, deadline_text, timely_text = self.from_facts()
        else:
            route_text, citation, deadline_text, timely_text = self.from_table()
        body = self.body()
        filing = self.filing()
        route = self.plan.route if self.plan.from_facts else None
        if body and not (route is not None and route.form):  # else the form's warning
            self.warnings.append(
                f"Send this {filing} to {body}, which hears it in {j.name}. The letter is "
                "addressed to the agency as its copy: send it to the agency too, and address "
                f"the original to {body} (see its website for how to file)."
            )
        if route is not None and not route.decides:
            who = route.body or "this body"
            self.warnings.append(
                f"{who[:1].upper()}{who[1:]} does not decide the denial ({route.citation}): "
                f"the letter asks it to {route.asks}. {route.statement}"
            )
        if route is not None and route.form:
            self.warnings.append(
                f"{route.form_pinpoint} requires the {filing} to be made on {route.form}: get that "
                f"form from {body or 'the body that hears it'}, fill it in and file it there, "
                "with this letter as your statement of grounds, and send the agency this copy. "
                "The letter alone is not the filing."
            )
        enclosed = self.enclosures(route)
        if route is not None and enclosed:
            required_by = route.encloses_by or f"the law ({route.citation})"
            self.warnings.append(
                f"Attach {join(enclosed)}: {required_by} require"
                f"{'' if route.encloses_by else 's'} the {filing} to include "
                f"{'them' if len(enclosed) > 1 else 'it'}."
            )
        elif self.plan.from_facts and self.plan.route is not None:
            self.warnings.append(
                f"Appeal route in {j.name}: {self.plan.route.statement} Check where to send it."
            )
        if route is not None:
            self.signature_warning(route, filing)
            self.exception_caveat(route)
        elif not self.plan.from_facts:
            self.warnings.append(f"Appeal route in {j.name}: {route_text} Check where to send it.")
        self.warnings.extend(self.plan.notes)
        denial = h.denial_summary
        denial_text = f"Your office denied the request on {long_date(h.denied_on)}" + (
            f", giving these reasons: {sentence(denial)}" if denial else "."
        )
        if h.deemed_denied:
            # No response came: the letter says so (the OOR's "notation that the request was
            # 'deemed denied'"), in the requester's words, not as a statement of law.
            denial_text = (
                "Your office did not respond to the request in time, so I treat it as denied "
                f"as of {long_date(h.denied_on)}."
            )
            if h.exemptions_cited:
                # An agency that never answered cited nothing (review-pass-12 R3).
                self.warnings.append(
                    "The request is treated as denied because no answer came, yet exemptions "
                    "are listed as cited: the letter argues against them. Remove them unless "
                    "the agency did cite them."
                )
        return {
            "denied_on": long_date(h.denied_on),
            "denial_summary": denial,
            "appeal_intro_text": self.intro(body),
            # A body that only mediates or advises reverses nothing; nor is reversal asked
            # of one the letter asks only to do something else (`asks`: the OK Counselor is
            # asked to "review the denial").
            "reasons_heading": (
                "Why the denial should be reversed"
                if route is None or (route.decides and not route.asks)
                else "Why the denial is not justified"
            ),
            "denial_text": denial_text,
            "appeal_route": route_text,
            "appeal_citation": citation,
            "appeal_deadline_text": deadline_text,
            "appeal_timely_text": timely_text,
            "exemptions": [
                {"exemption": e, "argument": self.wording.exemption_argument(e)}
                for e in h.exemptions_cited
            ],
            "exemptions_general_text": self.text("exemptions_general"),
            "segregability_text": self.text("segregability"),
            "new_search_text": self.text("new_search"),
            "appeal_request_text": self.request_text(body, route),
        }

    def request_text(self, body: str, route: Fact | None) -> str:
        """What the letter asks: a body that only mediates or advises is asked to do what it
        can (`asks`), never to reverse the denial; enclosures the law requires are listed."""
        if route is not None and route.asks:
            text = (
                f"I ask {body or 'you'} to {route.asks.rstrip('.')}, and I ask your office to "
                "release the records, or the non-exempt parts of them, without further delay."
            )
        elif body:
            text = (
                f"I ask {body} to reverse the denial and to have the records, or the non-exempt "
                "parts of them, released without further delay."
            )
        else:
            text = (
                "I ask you to reverse the denial and release the records, or the non-exempt "
                "parts of them, without further delay."
            )
        items = self.enclosures(route)
        if route is not None and items:
            enclosed = self.law.state(
                "appeal_request_text",
                f"I enclose {join(items)}, as {route.encloses_by} require."
                if route.encloses_by
                else f"As the law requires ({route.citation}), I enclose {join(items)}.",
                route,
            )
            text = f"{text} {enclosed}"
        return text

    def enclosures(self, route: Fact | None) -> list[str]:
        """What the filing encloses: the route's `encloses`, without those a deemed denial has
        none of (`not_if_deemed`: there is no agency response; review-pass-11 F9)."""
        if route is None:
            return []
        deemed = self.history.deemed_denied
        return [e for e in route.encloses if not (deemed and e in route.not_if_deemed)]

    def intro(self, body: str) -> str:
        ref = self.request_ref()
        if self.no_admin_appeal():
            return f"I ask you to reconsider the denial, in whole or in part, of {ref}."
        filing = self.filing()
        route = self.plan.route if self.plan.from_facts else None
        about = "of" if route is None or route.decides else "about"
        if body and route is not None and route.form:
            # The law requires the body's own form: the letter goes with it, it is not it.
            return (
                f"This letter sets out the grounds of my {filing} to {body} {about} your "
                f"office's denial, in whole or in part, of {ref}. I am filing the {filing} "
                f"with {body} on the form the law requires, with this letter, and sending this "
                "copy to your office."
            )
        if body:
            return (
                f"This is my {filing} to {body} {about} your office's denial, in whole or in "
                f"part, of {ref}. I am filing it with {body} and sending this copy to your office."
            )
        if filing != "appeal":
            return f"This is my {filing} {about} the denial, in whole or in part, of {ref}."
        return f"I appeal the denial, in whole or in part, of {ref}."

    # -- the time to appeal -------------------------------------------------------------------

    def timely(self, days: int, day_type: DayType, citation: str) -> str:
        """'Made within that time' where the letter is dated in time; else a warning."""
        h = self.history
        assert h.denied_on is not None
        clock = Clock(
            days=days,
            day_type=day_type,
            action=ClockAction.RESPOND,
            summary="file an appeal",
            citation=citation or self.j.citation,
            starts="the denial",
            name="Appeal",
        )
        due = compute_deadline(self.j, h.denied_on, self.calendar, clock=clock).due
        if due is not None and self.letter_date <= due:
            # A deemed denial has no dated denial: the day it is treated as denied is said
            # instead (review-pass-12 R3).
            when = (
                f"the request was treated as denied as of {long_date(h.denied_on)}"
                if h.deemed_denied
                else f"the denial is dated {long_date(h.denied_on)}"
            )
            return f"This {self.filing()} is made within that time: {when}."
        if due is not None:
            self.warnings.append(
                f"The appeal period appears to have ended on {long_date(due)} "
                f"({citation or 'see the rule file'}). Check before sending; you may "
                "need to file a new request instead."
            )
        return ""

    def from_facts(self) -> tuple[str, str, str, str]:
        plan, key = self.plan, "appeal_deadline_text"
        if plan.route is None:
            parts = [
                # Inferred from the routes the file lists, none of which reaches this agency:
                # worded as the requester's understanding, not as a statement of law. Left
                # out where the court fact's own statement says it (it would be said twice).
                ""
                if _says_no_admin_appeal(plan.court)
                else f"I understand that the {self.j.law_name} provides no administrative "
                "appeal from a denial by an agency such as yours.",
                "I ask you to reconsider the denial before I consider other remedies.",
                *self.duties(),
            ]
            if plan.court is not None:
                # One sentence naming the remedy, then the fact's own statement of it (not
                # "… in court (cite): The Act provides …").
                cite = plan.court.citation
                remedy = f"If the denial stands, the law's remedy is in court ({cite})"
                parts.append(
                    self.law.state(
                        key,
                        f"{remedy}. {sentence(plan.court.statement)}"
                        if plan.court.settled
                        # Worded as the requester's understanding: one sentence, so that
                        # "I understand that" covers the statement too, not only the remedy.
                        else f"{remedy}, and that {_clause(plan.court.statement)}",
                        plan.court,
                    )
                )
                parts.append(self.time_limit(plan.court, "a court action"))
                parts.append(self.agency_ask(plan.court))
                if plan.court.user_note:  # advice for the requester, not for the agency
                    self.warnings.append(plan.court.user_note)
            for other in plan.other_courts:
                if other.settled:  # an unread or unsettled remedy is for the user only
                    parts.append(
                        self.law.state(
                            key,
                            f"The law also provides ({other.citation}): "
                            f"{sentence(other.statement)}",
                            other,
                        )
                    )
                    parts.append(self.agency_ask(other))
                else:
                    self.warnings.append(
                        f"The law may also provide a remedy under {other.citation}, but its "
                        "text was not read or the law is unsettled, so the letter does not "
                        f"name it: {other.statement}"
                    )
            route_text = plan.court.statement if plan.court else ""
            return route_text, plan.court.citation if plan.court else "", _words(parts), ""
        route = plan.route
        filing = plan.filing
        parts = [self.law.state(key, f"I make this {filing} under {route.citation}.", route)]
        parts.append(self.agency_ask(route))
        parts += self.duties()
        if route.form:
            parts.append(
                self.law.state(
                    key,
                    f"The law requires the {filing} to be made on {route.form} "
                    f"({route.form_pinpoint}), which I am filing with this letter.",
                    route,
                )
            )
        to_file = "to appeal" if filing == "appeal" else f"to file a {filing}"
        if not route.decides and not route.filing:
            to_file = "to make this request"
        timely = ""
        if route.deadline_days is not None and route.deadline_day_type is not None:
            unit = "day" if route.deadline_days == 1 else "days"
            parts.append(
                self.law.state(
                    key,
                    f"The law allows {route.deadline_days} {route.deadline_day_type.value} "
                    f"{unit} {to_file} ({route.deadline_citation}).",
                    route,
                )
            )
            timely = self.timely(
                route.deadline_days, route.deadline_day_type, route.deadline_citation
            )
        elif route.deadline_wording:
            parts.append(
                self.time_limit(route, "an appeal" if filing == "appeal" else f"a {filing}")
            )
        # After a body that only mediates or advises, nothing is "upheld".
        lead = "If the denial is upheld" if route.decides else "If the dispute is not resolved"
        for later in plan.later:
            who = later.body or "a further review"
            covers = f", a route the law provides for {later.records}" if later.records else ""
            if not later.decides:
                # A body that only mediates or advises is asked to help, not to decide; and
                # not only once the denial is upheld (US: the right to "seek dispute
                # resolution services" from OGIS, 5 U.S.C. § 552(a)(6)(A)(i)(III)(bb), is not
                # tied to the appeal's outcome), so no "If the denial is upheld".
                text = (
                    f"I may also ask {who} to {later.asks.rstrip('.')} ({later.citation}){covers}."
                )
            else:
                text = f"{lead}, I may also turn to {who} ({later.citation}){covers}."
            parts.append(self.law.state(key, text, later))
        return route.statement, route.citation, _words(parts), timely

    def agency_ask(self, fact: Fact) -> str:
        """What the law lets the requester ask the agency for where this route is named (the
        fact's `asks_agency`; Colorado: the written statement of the grounds within 72 hours,
        C.R.S. § 24-72-305(6)). Only from words that were read: a request, not a report."""
        if not fact.asks_agency or not fact.settled:
            return ""
        return self.law.state("appeal_deadline_text", fact.asks_agency, fact)

    def signature_warning(self, route: Fact, filing: str) -> None:
        """The law requires the filing to be signed (5 ILCS 140/9.5(a): "The request for review
        must be in writing, signed by the requester"): the user is told to sign it, in the
        law's words. Found in the route's `quote` only, never in a paraphrase."""
        found = _SIGNED.search(" ".join(route.quote.split()))
        if found is not None:
            self.warnings.append(
                f"Sign the {filing} before you file it: the law requires it ({route.citation}: "
                f"\u201c{found.group(0).strip()}\u201d)."
            )

    def exception_caveat(self, route: Fact) -> None:
        """A route the law opens "Except as provided in …" (N.Y. Pub. Off. Law § 89(4)(a),
        "Except as provided in subdivision five of this section": records submitted with a
        request for exception follow § 89(5)): the user is told the time stated may not be the
        limit for this denial."""
        found = _EXCEPT.match(" ".join(route.quote.split()))
        days, day_type = route.deadline_days, route.deadline_day_type
        if found is None or days is None or day_type is None:  # the letter states no days
            return
        time = f"{days} {day_type.value} {'day' if days == 1 else 'days'}"
        self.warnings.append(
            f"The {time} to appeal stated in the letter ({route.citation}) hold "
            f"\u201c{found.group(1)}\u201d, in the law's words: if this denial falls under that "
            "exception, another procedure and time limit may apply. Check before relying on it."
        )

    def duties(self) -> list[str]:
        """What the law required of the body before it could withhold, and what follows if it
        did not (facts with `cited_in` "appeal": Texas § 552.301(b), (d) and § 552.302)."""
        said = self.law.cited_in("appeal", "appeal_deadline_text")
        stated = {g.fact.id for g in self.law.grounds if g.fact is not None}
        if any(f.missed_deadline and f.id in stated for f in self.j.facts if f.cited_in):
            said.append(
                "If your office did not meet these requirements, I ask you to release the records."
            )
        return said

    def time_limit(self, fact: Fact, what: str) -> str:
        """The time the law allows for `what`, from the fact's numbers or words ("" if none)."""
        if fact.deadline_days is not None and fact.deadline_day_type is not None:
            unit = "day" if fact.deadline_days == 1 else "days"
            text = (
                f"The law allows {fact.deadline_days} {fact.deadline_day_type.value} {unit} "
                f"for {what} ({fact.deadline_citation})."
            )
        elif fact.deadline_wording:
            words, _source = self.law.quoted(fact.deadline_wording.strip().rstrip("."))
            text = f"The time the law allows for {what} ({fact.deadline_citation}): {words}."
        else:
            return ""
        return self.law.state("appeal_deadline_text", text, fact)

    def from_table(self) -> tuple[str, str, str, str]:
        """No appeal facts in the file: the [appeal] table, as before the facts existed."""
        j, ap = self.j, self.j.appeal
        deadline_text = ""
        timely_text = ""
        key, table = "appeal_deadline_text", "[appeal]"
        if ap.deadline_days is not None and ap.deadline_day_type is not None:
            unit = "day" if ap.deadline_days == 1 else "days"
            cite = f" ({ap.citation})" if ap.citation else ""
            deadline_text = self.law.state(
                key,
                f"The law allows {ap.deadline_days} {ap.deadline_day_type.value} {unit} to "
                f"appeal{cite}.",
                None,
                table,
            )
            timely_text = self.timely(ap.deadline_days, ap.deadline_day_type, ap.citation)
        elif ap.citation and not self.no_admin_appeal():
            deadline_text = self.law.state(
                key, end(f"I make this appeal under {ap.citation}"), None, table
            )
        if self.no_admin_appeal():
            cite = f" ({ap.citation})" if ap.citation else ""
            deadline_text = (
                f"I understand that the {j.law_name} provides no administrative appeal{cite}. "
                "I ask you to reconsider the denial before I consider other remedies."
            )
            # Any deadline in the rule file is then a court's: "made within that time" would
            # point at nothing in this letter, and a passed court deadline is not its business.
            timely_text = ""
            self.warnings = [w for w in self.warnings if "appeal period" not in w]
        return ap.route, ap.citation, deadline_text, timely_text


# The clause of a quote that requires a signature: "… must be in writing, signed by the requester"
_SIGNED = re.compile(r"[^.;:]*\bsigned\b[^,.;:]*", re.IGNORECASE)

# "(a) Except as provided in subdivision five of this section, any person …"
_EXCEPT = re.compile(r"^(?:\([0-9a-z-]+\)\s*)?(Except as (?:otherwise )?provided in [^,;]+)[,;]")


def _says_no_admin_appeal(court: Fact | None) -> bool:
    return court is not None and "no administrative appeal" in court.statement.casefold()


def _title(officer: str) -> str:
    """ "the head of the agency" -> "Head of the Agency" (for the Attention line)."""
    words = officer.strip().split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    small = {"of", "the", "and", "for", "or", "it", "its", "a", "an", "to", "by"}
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


# A full stop ending a sentence: after a lowercase word of four letters or more (not after
# "Ann.", "Stat.", "C.R.S." or "seq."), before a capital.
_SENTENCE_END = re.compile(r"(?<=\b[a-z]{4})\.\s+(?=[A-Z])|(?<=[a-z]{5})\.\s+(?=[A-Z])")
# Opening words put in lower case inside the clause; any other word (a name: "CORA",
# "Alabama") keeps its capital.
_LOWER_FIRST = (
    *("A", "An", "The", "Each", "Every", "Any", "Under", "If", "Within", "There", "This"),
    *("These", "It", "Its", "No", "Only", "Such", "In", "For", "When", "Where", "After"),
)


def _clause(statement: str) -> str:
    """A fact's statement as one clause after "that": its sentences joined by semicolons,
    each opening common word in lower case (`_LOWER_FIRST`: "CORA has no administrative
    appeal; a person …", "… and that there is no administrative appeal")."""
    parts = [p.strip().rstrip(".;") for p in _SENTENCE_END.split(statement.strip()) if p.strip()]
    out = []
    for part in parts:
        first, _, rest = part.partition(" ")
        out.append(f"{first.lower()} {rest}" if first in _LOWER_FIRST else part)
    return "; ".join(out) + "."


def _words(parts: list[str]) -> str:
    return " ".join(p for p in parts if p)
