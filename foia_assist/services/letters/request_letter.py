"""The request letter: what is asked for, who asks and on what basis, fees and expedition."""

from __future__ import annotations

from typing import Any

from foia_assist.domain.catalogue import Category, StateLaw, Vendor
from foia_assist.domain.jurisdictions import Fact
from foia_assist.domain.request import SpecError
from foia_assist.domain.residency import is_resident
from foia_assist.services.letters.law import LegalSentence
from foia_assist.services.letters.shared import LetterBase, end, join, long_date, money, sentence


class RequestLetter(LetterBase):
    kind = "request"

    def build(self) -> dict[str, Any]:
        s, o = self.spec, self.spec.options
        vendors = self.vendors()
        items = self.items(vendors)
        law = self.frt_law(warn=True) if s.records.include_state_frt_law else None
        if law is not None:
            self.warnings.append(
                f"The letter cites {law.name} ({law.citation}), checked {law.verified}: "
                f"{law.verify_note}"
            )
        scope = next((f for f in self.law.facts("scope") if not f.act), None)
        intro = (
            f"Under {self.laws_named('intro_text')}, I request copies of the following "
            f"records held by {s.agency.name} concerning facial recognition technology."
        )
        if scope is not None:
            self.law.grounds.append(LegalSentence("intro_text", intro, scope))
        intro = " ".join(x for x in (intro, self.form_text()) if x)
        return {
            "intro_text": intro,
            "frt_definition": self.cat.definition.text,
            "exclusions_text": self.cat.definition.exclusions,
            "vendors_text": self.vendors_text(vendors),
            "items": items,
            "state_law_name": law.name if law else "",
            "state_law_citation": law.citation if law else "",
            "state_law_text": self.state_law_text() if law else "",
            "residency_text": self.requester_text(),
            "fee_waiver_text": self.fee_waiver_text() if o.fee_waiver else "",
            "fee_cap_text": self.fee_cap_text(),
            "expedited_text": self.expedited_text() if o.expedited else "",
            "format_text": self.text("format") if o.electronic_format else "",
            "rolling_text": self.text("rolling") if o.rolling_production else "",
            "segregability_text": self.text("segregability") if o.segregability else "",
            "preservation_text": self.text("preservation") if o.preservation else "",
            "narrow_text": self.text("narrow"),
            "tracking_text": self.text("tracking"),
        }

    def frt_law(self, warn: bool = False) -> StateLaw | None:
        """The state's FRT law, where it reaches this kind of agency (a law for local agencies
        is not cited to a state agency); `warn` tells the user when it is left out or when the
        agency's level is unknown."""
        law = self.cat.state_law(self.j.code)
        if law is None:
            return None
        level = self.spec.agency.level
        value = level.value if level is not None else None
        if warn and law.levels and value not in law.levels:
            done = (
                "The kind of agency is not given: the letter cites it, so check that it does."
                if value is None
                else f"The letter leaves it out for this {value} agency."
            )
            self.warnings.append(
                f"{law.name} ({law.citation}) reaches only {law.reach()}: {law.levels_note} {done}"
            )
        if not law.reaches(value):
            return None
        name = self.spec.agency.name
        if law.not_for(name):
            if warn:
                self.warnings.append(
                    f"{law.name} ({law.citation}) is left out of this letter: the agency's "
                    f"name ({name}) marks it as one another section governs. "
                    f"{law.not_for_note}"
                )
            return None
        if warn and law.not_for_names and value is not None:
            self.warnings.append(
                f"The letter cites {law.citation} for this {value} agency. {law.not_for_note} "
                "If this agency is one of those, take that item out of the letter."
            )
        return law

    def form_text(self) -> str:
        """Where the law requires requests on the agency's form (a `form` on a requesters or
        response fact): the letter says it goes with that form, and the user is told."""
        fact = next(
            (f for t in ("requesters", "response") for f in self.law.facts(t) if f.form), None
        )
        if fact is None:
            return ""
        cite = fact.form_pinpoint
        if fact.form_unsettled:
            # Whether the form is required is unsettled (New Jersey since 2024): the letter
            # goes with the form and says only that; the user is told why.
            self.warnings.append(
                f"{cite}: the law provides for requests on {fact.form}, and whether an agency "
                "must accept a request that is not on it is not settled. Get the agency's "
                f"form, fill it in and send this letter with it. {fact.statement}"
            )
            text = f"I enclose {fact.form} ({cite}); this letter sets out the records I ask for."
            self.law.grounds.append(LegalSentence("intro_text", text, fact))
            return text
        self.warnings.append(
            f"{cite}: the law requires the request to be made on {fact.form}. Get "
            "the agency's form, fill it in and send this letter with it; the letter alone may "
            f"not be accepted as the request. {fact.statement}"
        )
        return self.law.state(
            "intro_text",
            f"The law requires requests to be made on {fact.form} ({cite}); I enclose "
            "it, and this letter sets out the records I ask for.",
            fact,
        )

    # -- records ----------------------------------------------------------------------------

    def vendors(self) -> list[Vendor | str]:
        """The vendors named in the letter: the spec's choice, or every catalogued vendor."""
        chosen: list[Vendor | str] = []
        for name in self.spec.records.vendors:
            chosen.append(self.cat.vendor(name) or name)
        return chosen or list(self.cat.vendors)

    def vendors_text(self, vendors: list[Vendor | str]) -> str:
        labels = [v.label() if isinstance(v, Vendor) else v for v in vendors]
        text = (
            "This request covers facial recognition technology from any source, including "
            f"products of the following vendors: {'; '.join(labels)}."
        )
        systems = [s.name for s in self.cat.shared_systems_for(self.j.code)]
        if systems:
            text += f" It also covers access to shared systems, including {join(systems)}."
        return text

    def items(self, vendors: list[Vendor | str]) -> list[dict[str, str]]:
        rec = self.spec.records
        items: list[dict[str, str]] = []
        for i, cat_id in enumerate(rec.categories):
            category = self.cat.category(cat_id)
            if category is None:
                raise SpecError(
                    f"records.categories[{i}]",
                    f"unknown category {cat_id!r} (choose from: "
                    f"{', '.join(self.cat.category_ids())})",
                )
            text = category.wording
            if category.uses_search_terms:
                text += " " + self.search_text(vendors)
            items.append(
                {
                    "title": category.title,
                    "text": text,
                    "date_range": self.date_range_text(category, vendors),
                }
            )
        for custom in rec.custom_items:
            items.append(
                {"title": "", "text": custom, "date_range": self.date_range_text(None, vendors)}
            )
        law = self.frt_law()
        if law is not None and rec.include_state_frt_law:
            items.append(
                {
                    "title": f"Records required by {law.citation}",
                    "text": law.wording,
                    "date_range": "Date range: all dates.",
                }
            )
        for n, item in enumerate(items, start=1):
            item["number"] = str(n)
            item["heading"] = f"{end(item['title'])} " if item["title"] else ""
            label = f"{item['title']}: " if item["title"] else ""
            item["full_text"] = f"{label}{item['text']} {item['date_range']}".strip()
        return items

    def search_text(self, vendors: list[Vendor | str]) -> str:
        rec = self.spec.records
        terms = list(rec.search_terms) or list(self.cat.default_search_terms)
        if not rec.search_terms:
            for v in vendors:
                terms.extend(v.search_terms() if isinstance(v, Vendor) else (v,))
        custodians = list(rec.custodians) or list(self.cat.default_custodians)
        # No quotation marks: in a letter they are kept for the law's own words.
        listed = "; ".join(dict.fromkeys(terms))
        return (
            f"Custodians to search: {join(custodians)}. Search terms (each as an exact "
            f"phrase): {listed}."
        )

    def date_range_text(self, category: Category | None, vendors: list[Vendor | str]) -> str:
        rec = self.spec.records
        if rec.date_from or rec.date_to:
            start, stop = rec.date_from, rec.date_to
        elif category is None:
            return ""
        else:
            start, stop = category.default_range.start(self.letter_date), None
            if start is not None and category.vendor_dates:
                for v in vendors:
                    if isinstance(v, Vendor) and v.since and v.since < start:
                        start = v.since
        end_text = long_date(stop) if stop else "the date of this letter"
        if start is None:
            if stop is None:
                return "Date range: all dates, including current and past versions."
            return f"Date range: all dates up to {end_text}."
        return f"Date range: {long_date(start)} to {end_text}."

    def state_law_text(self) -> str:
        law = self.frt_law()
        assert law is not None
        # Where the current text is in doubt (a section amended or repealed lately), the
        # letter claims only what the law has required: the records made then still exist.
        # The sentence does not say which body keeps each record: several laws put some of
        # the duties on a state office (MA: the Registry of Motor Vehicles documents each
        # search), not on the agency the letter goes to.
        verb = "has required" if law.text_changed else "requires"
        version = ""
        if law.version:
            # The words read are of a version no longer (or not surely) in force: the letter
            # names it and claims nothing of the current text (review-pass-11 F10).
            version = f" These are the requirements of the section's version {law.version}."
            self.warnings.append(
                f"The current text of {law.citation} was not read: the letter says only what "
                f"the version {law.version} required."
            )
        return (
            f"{law.citation} ({law.name}) {verb} records of facial recognition use to be "
            f"created or kept, including {join(list(law.records))}.{version} The last numbered "
            "item asks for those of these records that your agency holds."
        )

    # -- who asks ---------------------------------------------------------------------------

    def requester_text(self) -> str:
        """The requester's basis where the law limits who may ask (facts with `bases`), else
        the residency statement from the [requesters] table."""
        limited = [f for f in self.law.facts("requesters") if f.bases]
        if limited:
            return self.basis_text(limited[0])
        return self.residency_text()

    def basis_text(self, fact: Fact) -> str:
        j, basis = self.j, self.spec.requester.basis.strip()
        offered = "; ".join(fact.bases)
        if not basis:
            self.warnings.append(
                # "as of right": in VA and TN others may still ask; the law gives them no right
                f"Under the {j.law_name} ({fact.citation}) only these may request records "
                f"as of right: "
                f"{offered}. The letter states no basis because you gave none: if one of these "
                f"describes you, choose it in {self.names('requester.basis')} so the letter "
                "says so in the law's words; otherwise ask someone it describes to send the "
                "request."
            )
            return ""
        chosen = next((b for b in fact.bases if b.casefold() == basis.casefold()), None)
        if chosen is None:
            raise SpecError(
                "requester.basis",
                f"{basis!r} is not one of the {j.law_name}'s terms ({fact.citation}): {offered}",
            )
        words = self.law.in_quote(chosen, fact) or chosen
        return self.law.state(
            "residency_text",
            f'I make this request as one of those the law allows to ask ({fact.citation}: "'
            f'{words}").',
            fact,
        )

    def residency_text(self) -> str:
        j, q = self.j, self.spec.requester
        resident = self.is_resident()
        if j.residents_only is False:
            return ""
        cite = j.requesters.citation or "see the rule file"
        if j.residents_only is True:
            if resident is False:
                self.warnings.append(
                    f"The {j.law_name} lets only residents of {j.name} request records "
                    f"({cite}), and you gave your residence as {q.residence!r}. The letter makes "
                    "no residency statement; consider asking a resident to submit it."
                )
                return ""
            if resident is None:
                # Never state a residence the requester has not given (bulk letters go to
                # many states at once): say nothing, and tell them why.
                self.warnings.append(
                    f"Only residents of {j.name} may request records under the {j.law_name} "
                    f"({cite}). The letter makes no residency statement because your state of "
                    f"residence is not given: if you live in {j.name}, give it in "
                    f"{self.names('requester.residence')} so the letter says so; "
                    "otherwise ask a resident to send the request."
                )
                return ""
            return f"I am a resident of {j.name}."
        # Unsettled: say nothing untrue, and ask to be told rather than refused.
        if resident is True:
            return f"I am a resident of {j.name}."
        return (
            f"If you consider that the {j.law_name} limits requests to residents of {j.name}, "
            "please tell me promptly, rather than denying the request, so that it can be "
            "resubmitted."
        )

    def is_resident(self) -> bool | None:
        """The residence names this state (the same test as bulk export's notice)."""
        return is_resident(self.spec.requester.residence, self.j)

    # -- fees and expedition ----------------------------------------------------------------

    def fee_waiver_text(self) -> str:
        j, o, q = self.j, self.spec.options, self.spec.requester
        why = sentence(o.fee_waiver_justification or self.text("fee_waiver_justification"))
        granted = self.granted("fee_waiver")
        # "a waiver of all fees" overstated laws that allow a partial or discretionary waiver
        # (Hawaii, Colorado, Alaska, D.C.); "waive or reduce" overstates a section that lets
        # the body only waive (Md. Code, Gen. Prov. § 4-206(e): "may waive a fee"). The ask
        # follows the words of the section read: a reduction only where they allow one.
        reduce = granted is None or _allows_reduction(granted.quote)
        ask = "I ask you to waive or reduce the fees" if reduce else "I ask you to waive the fees"
        if granted is not None and granted.grounds_note:
            self.warnings.append(f"Fee waiver ({granted.grant_pinpoint}): {granted.grounds_note}")
        text = self.provision_ask(
            "fee_waiver_text",
            "fee_waiver",
            ask=ask,
            available=j.fee_waiver.available,
            citation=j.fee_waiver.citation,
            none_text=(
                f"The {j.law_name} does not provide for a fee waiver, but I ask you to use "
                "any discretion you have to waive or reduce fees."
            ),
            unknown_text="I ask you to waive or reduce any fees.",
        )
        text = f"{text} {why}"
        if q.news_media:
            org = f" ({q.organisation})" if q.organisation else ""
            text += (
                f" I am a representative of the news media{org} and ask to be treated as one "
                "for fee purposes."
            )
        return text

    def granted(self, topic: str) -> Fact | None:
        """The settled fact saying the law provides a fee waiver or expedition (None if none)."""
        if not self.law.has(topic):
            return None
        return next((f for f in self.law.facts(topic) if f.available is True and f.settled), None)

    def provision_ask(
        self,
        key: str,
        topic: str,
        *,
        ask: str,
        available: bool | None,
        citation: str,
        none_text: str,
        unknown_text: str,
    ) -> str:
        """Ask for a fee waiver or expedition: "under" a section only where a settled fact (or,
        with no facts on the topic, the table) says the law provides one."""
        if self.law.has(topic):
            facts = self.law.facts(topic)
            granted = self.granted(topic)
            if granted is not None:
                # The grounds the law gives, asked on in its words (Illinois, Missouri, Maryland).
                grounds = f" {granted.grounds.strip()}" if granted.grounds else ""
                return self.law.state(
                    key, f"{ask} under {granted.grant_pinpoint}.{grounds}", granted
                )
            refused = next((f for f in facts if f.available is False and f.settled), None)
            if refused is not None:
                return self.law.state(key, none_text, refused)
            return unknown_text  # asked as a request: no section claimed
        if available is True:
            cite = f" under {citation}" if citation else ""
            text = f"{ask}{cite}."
            return self.law.state(key, text, None, f"[{topic}]") if cite else text
        if available is False:
            return self.law.state(key, none_text, None, f"[{topic}]")
        return unknown_text

    def expedited_text(self) -> str:
        j, o = self.j, self.spec.options
        facts = self.law.facts("expedited") if self.law.has("expedited") else []
        if self.law.has("expedited"):
            granted = next((f for f in facts if f.available is True), None)
            available: bool | None = (
                True if granted else (False if any(f.available is False for f in facts) else None)
            )
        else:
            granted, available = None, j.expedited.available
        if available is not True:
            state = "does not provide" if available is False else "may not provide"
            self.warnings.append(
                f"You asked for expedited processing, but the {j.law_name} {state} for it, so "
                "the letter does not ask for it."
            )
            return ""
        if granted is not None and granted.settled:
            ask = self.law.state(
                "expedited_text",
                f"I request expedited processing under {granted.grant_pinpoint}.",
                granted,
            )
        elif granted is not None:  # a provision whose text was not read: ask, cite nothing
            ask = "I request expedited processing."
        else:
            cite = f" under {j.expedited.citation}" if j.expedited.citation else ""
            ask = f"I request expedited processing{cite}."
            if cite:
                self.law.grounds.append(LegalSentence("expedited_text", ask, None, "[expedited]"))
        return (
            f"{ask} {sentence(o.expedited_justification)} "
            "I certify that this statement is true and correct to the best of my knowledge "
            "and belief."
        )

    def fee_cap_text(self) -> str:
        cap = self.spec.options.fee_cap
        if cap is None:
            return (
                "If there are any fees, please send me an itemized estimate before you incur them."
            )
        if cap == 0:
            return "Please contact me before incurring any fees, with an itemized estimate."
        return (
            "If there are any fees, please send me an itemized estimate, and contact me "
            f"before fees exceed {money(cap)}."
        )


def _allows_reduction(quote: str) -> bool:
    """The section's words allow less than a whole waiver: "reduced charge", "reduce or waive",
    "waive all or a portion" (Nevada), "all or any portion ... waived" (Colorado)."""
    words = quote.casefold()
    return "reduc" in words or "portion" in words
