"""Which appeal route decides a denial: the jurisdiction's appeal facts for the agency's level
and the records the denial covers. The appeal letter is made to this route and the tracker
counts its deadlines (the requester's time to file, the deciding body's time to decide), so
both always name the same body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from foia_assist.domain.jurisdictions import Fact, Jurisdiction, Level

# The agencies a state's law is taken to reach when the agency's level is not given.
_UNKNOWN_STATE_AGENCY = frozenset({Level.STATE, Level.LOCAL})


def effective_level(j: Jurisdiction, level: Level | None) -> Level | None:
    """The agency's level as given; federal FOIA reaches only federal agencies, so a request
    under it with no level is taken as one to a federal agency."""
    if level is None and j.is_federal:
        return Level.FEDERAL
    return level


def holds_for(fact: Fact, level: Level | None) -> bool:
    """True where `fact` holds for an agency of `level`. With no level known (a state law's
    request to an agency of unknown kind), a fact holds only where it holds for state and
    local agencies alike, so nothing that depends on the kind of agency is stated."""
    if level is not None or not fact.applies_to:
        return fact.applies(level) if level is not None else True
    return set(fact.applies_to) >= _UNKNOWN_STATE_AGENCY


def depends_on_level(fact: Fact) -> bool:
    """The fact holds for some kinds of agency a state law reaches and not others."""
    return bool(fact.applies_to) and not set(fact.applies_to) >= _UNKNOWN_STATE_AGENCY


@dataclass(frozen=True)
class AppealPlan:
    """Where an appeal of this denial goes. `route` None with `from_facts`: no administrative
    route reaches this agency (the letter asks for reconsideration)."""

    from_facts: bool
    route: Fact | None = None
    later: tuple[Fact, ...] = ()  # further administrative routes (Washington: AG review)
    court: Fact | None = None
    notes: tuple[str, ...] = field(default=())  # warnings about the choice
    other_courts: tuple[Fact, ...] = ()  # further court remedies (Texas: § 552.3215)

    @property
    def body(self) -> str:
        return self.route.body if self.route is not None else ""

    @property
    def filing(self) -> str:
        """The law's name for the filing; "request" to a body that does not decide."""
        return filing_of(self.route) if self.route is not None else "appeal"


def filing_of(route: Fact) -> str:
    """The law's name for a route's filing; "request" to a body that does not decide."""
    return route.filing or ("appeal" if route.decides else "request")


def drafted_filing(plan: AppealPlan, j: Jurisdiction) -> str:
    """What the appeal letter drafts for this plan, as the letter decides it
    (`AppealLetter.no_admin_appeal` and `filing`): "reconsideration request" where no
    administrative appeal reaches the agency, else the law's name for the filing."""
    if plan.from_facts:
        return "reconsideration request" if plan.route is None else plan.filing
    return "reconsideration request" if j.appeal.administrative is False else "appeal"


def plan_appeal(j: Jurisdiction, level: Level | None, cited: tuple[str, ...]) -> AppealPlan:
    """The route that decides a denial by an agency of `level` citing the exemptions `cited`.

    A file without appeal facts gives `from_facts` False (its [appeal] table is used)."""
    if not any(f.topic == "appeal" for f in j.facts):
        return AppealPlan(from_facts=False)
    level = effective_level(j, level)
    facts = [f for f in j.facts if f.topic == "appeal" and holds_for(f, level)]
    notes: list[str] = []
    # This plan answers a denial: a route open only where the agency failed to respond
    # (Texas: the complaint to the Attorney General, Tex. Gov't Code § 552.328) is not
    # its route, whatever else the file offers; the user is told it exists.
    for f in facts:
        if f.route == "administrative" and f.no_response:
            who = f" to {f.body}" if f.body else ""
            notes.append(
                f"The law also provides a route{who} ({f.citation}) only where an agency "
                f"fails to respond, not against a denial, so this letter does not use it. "
                f"{f.statement}"
            )
    admin = [f for f in facts if f.route == "administrative" and not f.no_response]
    # A route the law offers instead of an earlier one (Minnesota: a complaint to the
    # Office of Administrative Hearings, dismissed if the Commissioner has taken up the
    # same matter) is not a next step: the user is told of it, the letter does not name it.
    for f in admin[1:]:
        if f.alternative:
            who = f.body or "another body"
            notes.append(
                f"Instead of this {filing_of(admin[0])}, the law offers a route to {who} "
                f"({f.citation}); the letter does not name it as a next step. {f.statement}"
            )
    admin = [f for i, f in enumerate(admin) if not (i and f.alternative)]
    general = [f for f in admin if not f.records]
    limited = [f for f in admin if f.records]
    if level is None and any(depends_on_level(f) for f in j.facts if f.topic == "appeal"):
        notes.append(
            f"Appeal routes in {j.name} depend on the kind of agency (state, local …), "
            "which is not given: the letter uses only the routes open against every "
            "agency. Give the agency's level (agency.level, --level) for the right route."
        )
    # A route for some records only (Pennsylvania: a district attorney's appeals officer
    # for criminal investigative records) decides this denial where the exemptions the
    # agency cited name those records; otherwise the route for all denials does.
    matched = [f for f in limited if covers(f.records, cited)]
    route: Fact | None
    if matched:
        chosen = matched[0]
        route = chosen
        others = [f for f in general if f is not chosen]
        if others:
            notes.append(
                f"The agency cited {', '.join(cited)}: this appeal goes to the route for "
                f"{chosen.records} ({chosen.citation}). Parts of the denial that rest on other "
                f"grounds may need the general route ({others[0].citation}): "
                f"{others[0].statement}"
            )
        limited = [f for f in limited if f is not chosen]
        general = [chosen, *others]
    else:
        route = general[0] if general else (limited[0] if limited else None)
    for f in limited:
        if f is route:
            notes.append(
                f"This appeal route ({f.citation}) covers only {f.records}: check that "
                "the denial is one of those before sending."
            )
        else:
            notes.append(
                f"The letter also names the route under {f.citation}, which covers only "
                f"{f.records}: check that the denial is one of those. {f.statement}"
            )
    # Further routes open to this agency, in the order the file gives them (a route for
    # some denials only is named with what it covers).
    later = tuple(f for f in admin if f is not route and not matched)
    # The court route the letter names: one whose words were read before one that was
    # not (Texas: mandamus, § 552.321, before the complaint to a prosecutor, § 552.3215);
    # a consequence of a missed deadline (§ 552.302) is the follow-up's, not a remedy.
    # A court remedy for some records only (Colorado: § 24-72-305(7) for criminal justice
    # records) is the one named first where the exemptions cited name those records, and
    # otherwise comes after the remedies for every denial.
    courts = [f for f in facts if f.route == "court" and not f.missed_deadline]
    courts.sort(key=lambda f: (bool(f.records) and not covers(f.records, cited), not f.settled))
    court = courts[0] if courts else None
    return AppealPlan(True, route, later, court, tuple(notes), tuple(courts[1:]))


# Words in a route's `records` that say nothing about which records it covers.
_PLAIN_WORDS = (
    "a an and access agencies agency by denial denials exempt exemption exemptions for local "
    "of on or record records rest state that the to"
)
_PLAIN = frozenset(_PLAIN_WORDS.split())


def covers(records: str, exemptions: tuple[str, ...]) -> bool:
    """The exemptions cited name the records a route covers ("investigative records" and a
    route for "denials of access to criminal investigative records")."""
    words = [w for w in records.casefold().replace(",", " ").split() if w not in _PLAIN]
    cited = " ".join(exemptions).casefold()
    return any(len(w) > 4 and w[:8] in cited for w in words)


def level_named(value: str | None) -> Level | None:
    """A stored agency level ("local") as a Level; None when not given or not known to this
    version (treated as not given)."""
    try:
        return Level(value) if value else None
    except ValueError:
        return None


def depends_on_request(j: Jurisdiction) -> bool:
    """Whether the route chosen depends on the agency's level or the exemptions cited (the
    requests list then reads them per request; elsewhere one plan serves every request)."""
    routes = [f for f in j.facts if f.topic == "appeal"]
    return j.is_federal or any(f.applies_to or f.records for f in routes)
