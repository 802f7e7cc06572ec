"""The window states the law from facts: the law page lists them without research notes, the
wizard asks the kind of agency and the requester's basis, and the review shows the fact behind
each legal sentence."""

from __future__ import annotations

import html
import re
from typing import Any

RESEARCH = re.compile(r"\bpass\b|verified|checked|reference CSV|re-read|tried|20\d\d-\d\d-\d\d")


def _plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


def test_law_page_shows_facts_and_no_research_notes(jurisdictions: Any) -> None:
    from foia_assist.gui.wizard.law_summary import jurisdiction_html

    with_facts = 0
    for j in jurisdictions:
        page = _plain(jurisdiction_html(j))
        assert "Notes and open questions" not in page
        for note in (j.notes, j.requesters.note, j.expedited.note, j.fee_waiver.note):
            # A research note (a pass, sources tried, dates checked) never reaches the window.
            if note and RESEARCH.search(note):
                assert _plain(note) not in page, (j.code, note[:60])
        for fact in j.facts:
            assert _plain(fact.statement) in page and _plain(fact.citation) in page
            if fact.quote:
                assert _plain(fact.quote) in page
        with_facts += bool(j.facts)
    assert len(list(jurisdictions)) == 52 and with_facts >= 0


def _to_agency(wizard: Any, code: str) -> None:
    wizard.jurisdiction_page.select(code)
    wizard.next()
    wizard.agency_page.name.setText("Springfield Police Department")


def test_the_wizard_asks_the_kind_of_agency(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    _to_agency(wizard, "US")
    page = wizard.agency_page
    assert page.level.currentData() == "federal"  # federal FOIA: a federal agency
    page.level.setCurrentIndex(page.level.findData("local"))
    assert "reaches only federal agencies" in page.level_note.text()
    assert page.agency("US").level is not None and page.agency("US").level.value == "local"
    page.level.setCurrentIndex(page.level.findData("federal"))
    assert page.level_note.text() == ""
    page.level.setCurrentIndex(page.level.findData("tribal"))
    assert "tribal" in page.level_note.text()


def test_basis_asked_where_the_law_names_who_may_ask(
    qtbot: Any, make_window: Any, jurisdictions: Any
) -> None:
    limited = [
        j for j in jurisdictions if any(f.topic == "requesters" and f.bases for f in j.facts)
    ]
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    open_law = next(j for j in jurisdictions if j.residents_only is False and not limited.count(j))
    _to_agency(wizard, open_law.code)
    wizard.next()
    wizard.next()
    assert not wizard.requester_page.basis.isVisibleTo(wizard.requester_page)
    if not limited:
        return  # no rule file names bases yet: nothing more to ask
    j = limited[0]
    fact = next(f for f in j.facts if f.topic == "requesters" and f.bases)
    wizard.back()
    wizard.back()
    wizard.back()
    _to_agency(wizard, j.code)
    wizard.next()
    wizard.next()
    page = wizard.requester_page
    page.name.setText("Ana Díaz")
    assert page.basis.isVisibleTo(page)
    assert [page.basis.itemData(i) for i in range(1, page.basis.count())] == list(fact.bases)
    page.basis.setCurrentIndex(1)
    assert page.requester().basis == fact.bases[0]
    wizard.next()
    review = wizard.review_page
    assert review.isComplete()
    behind = review.law_behind.toPlainText()
    assert "The law behind this letter" in behind
    assert fact.citation in behind


def test_review_shows_the_law_behind_each_sentence(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    wizard = window.new_request()
    qtbot.addWidget(wizard)
    _to_agency(wizard, "WA")
    wizard.agency_page.level.setCurrentIndex(wizard.agency_page.level.findData("local"))
    wizard.next()
    wizard.next()
    wizard.requester_page.name.setText("Ana Díaz")
    wizard.next()
    behind = wizard.review_page.law_behind.toPlainText()
    assert "The law behind this letter" in behind
    assert "RCW 42.56.520" in behind  # the response clock's sentence and what it rests on
    assert "checked" in behind or "table" in behind
