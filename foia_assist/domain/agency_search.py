"""Search the agency directory by name, city, county, state and type, as the user types.

Why a hand-written index and not `rapidfuzz`: a scorer such as rapidfuzz's WRatio compares
the query with every one of the ~18,700 names on each keystroke and knows nothing of fields
(a county or a state name is not part of an agency's name, and "sheriff wayne county" must
find "Wayne County Sheriff's Office" in any word order). What a user types is words, most of
them whole, the last one often half-typed, one now and then misspelt. An inverted index over
words answers that directly: each query word is looked up as a whole word, as the start of a
word (the one being typed) and, for words of four letters or more, within one edit (a
deletion index, as in SymSpell: a word and a typo of it share a one-letter deletion, which
covers a missing, extra, wrong or swapped letter). Only agencies that have every word are
scored, so a query touches the postings of its words, not the whole list. Measured by
`benchmarks/agency_search.py` against a plain substring scan, which is as fast for a single
common word but cannot reorder words or forgive a typo. It costs no dependency (rapidfuzz is
a compiled wheel per platform) and is about 350 lines we can test.

Scores: a word found in the name weighs 1, in the county 0.8, in the state's name or code or
the agency's type 0.6; a whole-word match counts fully, a prefix 0.85, a typo 0.7. Agencies
whose name holds every query word, whose name starts with the first word, and shorter names
rank higher. When no agency has every word, those with the most words are returned.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from dataclasses import replace as dc_replace

from foia_assist.domain.agency_directory import AgencyType, DirectoryAgency

NAME, COUNTY, PLACE = 1.0, 0.8, 0.6
EXACT, PREFIX, TYPO = 1.0, 0.85, 0.7
MIN_TYPO_LEN = 4
PRUNE_ABOVE = 1000  # candidates; above this only those that can rank are scored
STOP_WORDS = frozenset({"of", "the", "and", "at", "for", "in", "on"})
# Words people type for what names spell out, and the reverse.
NAME_ALIASES = {"police department": "pd", "sheriff's office": "so", "university": "univ"}
TYPE_WORDS = {
    AgencyType.CITY: ("city", "municipal"),
    AgencyType.COUNTY: ("county",),
    AgencyType.STATE: ("state",),
    AgencyType.UNIVERSITY: ("university", "college", "campus"),
    AgencyType.TRIBAL: ("tribal", "tribe", "nation"),
    AgencyType.FEDERAL: ("federal", "us"),
    AgencyType.OTHER: ("other",),
}
_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, accents removed, "sheriff's" -> "sheriff", punctuation -> spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = re.sub(r"['’]s\b", "", folded).replace("'", "").replace("’", "")
    return " ".join(_WORD.findall(folded))


def words(text: str) -> list[str]:
    return normalise(text).split()


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True)
class Hit:
    agency: DirectoryAgency
    score: float
    # False when no agency (within the filters) has every word searched for: the hit has
    # only some of them, and the caller should say so rather than offer it as the answer.
    all_words: bool = True


class AgencyIndex:
    """An index over a fixed list of agencies; `search` is pure and thread-safe."""

    def __init__(
        self, agencies: Sequence[DirectoryAgency], state_names: Mapping[str, str] | None = None
    ) -> None:
        self.agencies = list(agencies)
        self._postings: dict[str, dict[int, float]] = {}
        self._first_word: list[str] = []
        self._norm_name: list[str] = []
        self._penalty: list[float] = []  # shorter names first
        self._short_first: list[int] = []  # sort key: fewer name words, then list order
        self._by_norm: dict[str, list[int]] = {}
        self._in_name: dict[str, set[int]] = {}  # word -> agencies with it in their name
        self._scaled_cache: dict[tuple[str, float], dict[int, float]] = {}
        names = state_names or {}
        for i, a in enumerate(self.agencies):
            name_words = words(a.name)
            self._first_word.append(name_words[0] if name_words else "")
            norm = " ".join(name_words)
            self._norm_name.append(norm)
            self._penalty.append(-0.02 * len(name_words))
            self._short_first.append(len(name_words) * 1_000_000 + i)
            self._by_norm.setdefault(norm, []).append(i)
            self._add(i, name_words, NAME)
            lowered = a.name.casefold()
            self._add(i, [alias for full, alias in NAME_ALIASES.items() if full in lowered], NAME)
            if a.id.startswith("US-"):
                self._add(i, [a.id[3:].lower()], NAME)  # FBI, DEA, ICE ...
            self._add(i, words(a.county.replace(";", " ")), COUNTY)
            self._add(i, [a.state.lower(), *words(names.get(a.state, ""))], PLACE)
            self._add(i, list(TYPE_WORDS.get(a.type, ())), PLACE)
        self._vocab = sorted(self._postings)
        self._by_state: dict[str, set[int]] = {}
        self._by_type: dict[AgencyType, set[int]] = {}
        for i, a in enumerate(self.agencies):
            self._by_state.setdefault(a.state, set()).add(i)
            self._by_type.setdefault(a.type, set()).add(i)
        self._first_words = sorted(set(self._first_word))
        self._by_first: dict[str, set[int]] = {}
        for i, w in enumerate(self._first_word):
            self._by_first.setdefault(w, set()).add(i)
        self._by_shortness = sorted(range(len(self.agencies)), key=self._short_first.__getitem__)
        self._typos: dict[str, set[str]] = {}
        for word in self._vocab:
            if len(word) >= MIN_TYPO_LEN:
                for d in _deletions(word):
                    self._typos.setdefault(d, set()).add(word)

    def _add(self, i: int, toks: Iterable[str], weight: float) -> None:
        for t in toks:
            posting = self._postings.setdefault(t, {})
            if posting.get(i, 0.0) < weight:
                posting[i] = weight
            if weight == NAME:
                self._in_name.setdefault(t, set()).add(i)

    # -- matching one query word -----------------------------------------------------------

    def _matches(self, q: str, alone: bool = True) -> list[tuple[str, float]]:
        """(vocabulary word, quality) for one query word: whole, prefix, one edit away."""
        found: dict[str, float] = {}
        if q in self._postings:
            found[q] = EXACT
        if len(q) >= 2 or q.isdigit():
            # Two letters: only names that start with them (as typed); three or more: any word.
            vocab = self._vocab if len(q) >= 3 or not alone else self._first_words
            start = bisect_left(vocab, q)
            for word in vocab[start:]:
                if not word.startswith(q):
                    break
                found.setdefault(word, PREFIX)
        if len(q) >= MIN_TYPO_LEN:
            for key in (q, *_deletions(q)):
                for word in self._typos.get(key, ()):
                    found.setdefault(word, TYPO)
            for d in _deletions(q):  # q with a letter too many: its deletion is a word
                if d in self._postings:
                    found.setdefault(d, TYPO)
        return list(found.items())

    def _scores(self, q: str, alone: bool = True) -> Mapping[int, float]:
        if len(q) == 2 and alone and not q.isdigit():
            # Two letters typed alone: the names that start with them (or the word itself);
            # every word starting with them would be most of the list.
            start = bisect_left(self._first_words, q)
            out2: dict[int, float] = dict(self._postings.get(q, {}))
            for word in self._first_words[start:]:
                if not word.startswith(q):
                    break
                for i in self._by_first[word]:
                    out2.setdefault(i, PREFIX * NAME)
            return out2
        matches = self._matches(q, alone)
        scored = sorted((self._scaled(w, quality) for w, quality in matches), key=len)
        if not scored:
            return {}
        if len(scored) == 1:
            return scored[0]  # read-only: no copy of a long posting
        out = dict(scored[-1])  # the longest, copied in C; the shorter ones merged into it
        for other in scored[:-1]:
            for i, s in other.items():
                if s > out.get(i, 0.0):
                    out[i] = s
        return out

    def _scaled(self, word: str, quality: float) -> Mapping[int, float]:
        """A word's posting with its scores times `quality`, kept once made (per word, not
        per query: "county" as a prefix is the same dict for every query that starts so)."""
        if quality == EXACT:
            return self._postings[word]
        key = (word, quality)
        found = self._scaled_cache.get(key)
        if found is None:
            found = {i: w * quality for i, w in self._postings[word].items()}
            self._scaled_cache[key] = found
        return found

    # -- the query ------------------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        state: str | None = None,
        type: AgencyType | None = None,
        county: str | None = None,
        limit: int = 20,
    ) -> list[Hit]:
        """The best `limit` agencies for `text`, best first, within the filters given.
        An empty `text` lists the agencies the filters select, by name."""
        q_words = words(text)
        keep = self._filter(state, type, county)
        filtered = bool(state or type or county)
        if not q_words:
            chosen = [i for i in range(len(self.agencies)) if keep(i)]
            chosen.sort(key=lambda i: (self.agencies[i].name.casefold(), self.agencies[i].state))
            return [Hit(self.agencies[i], 0.0) for i in chosen[:limit]]
        required = [w for w in q_words if w not in STOP_WORDS] or q_words
        optional = [w for w in q_words if w not in required]
        found = [(w, self._scores(w, alone=len(required) == 1)) for w in required]
        complete = all(scores for _, scores in found)
        if any(scores for _, scores in found):  # a word found nowhere: the others decide
            found = [(w, scores) for w, scores in found if scores]
        required = [w for w, _ in found]
        per_word = sorted((scores for _, scores in found), key=len)
        allowed = self._allowed(state, type, county) if filtered else None
        pool = None
        if len(per_word[0]) > PRUNE_ABOVE and all(w in self._postings for w in required):
            pool = self._pool(allowed, required, " ".join(q_words), limit)
        candidates: Set[int]
        if pool is not None:
            candidates = pool
        else:
            candidates = per_word[0].keys()
            for scores in per_word[1:]:
                candidates = candidates & scores.keys()  # smallest first: sorted by length
            if allowed is not None:
                candidates = candidates & allowed
        if candidates:
            if len(per_word) == 1:
                only = per_word[0]
                totals = {i: only[i] for i in candidates}
            else:
                totals = {i: sum(s[i] for s in per_word) for i in candidates}
            matched = dict.fromkeys(candidates, len(per_word))
        else:  # no agency has every word: those with the most of them
            complete = False
            totals, matched = {}, {}
            for scores in per_word:
                for i, s in scores.items():
                    if keep(i):
                        totals[i] = totals.get(i, 0.0) + s
                        matched[i] = matched.get(i, 0) + 1
        for w in optional:
            for i, s in self._scores(w).items():
                if i in totals:
                    totals[i] += 0.1 * s
        hits = self._ranked(totals, matched, required, " ".join(q_words), limit)
        return hits if complete else [dc_replace(h, all_words=False) for h in hits]

    def _named(self, word: str) -> set[int]:
        """Agencies with `word`, whole, in their name."""
        return self._in_name.get(word, set())

    def _pool(
        self, allowed: set[int] | None, required: list[str], phrase: str, limit: int
    ) -> set[int] | None:
        """The few candidates that can make the top `limit` when thousands match.

        Every query word is a whole word in the vocabulary, so an agency with all of them in
        its name scores len(required) + 0.5 and beats any other (at most len - 0.15 + 0.2);
        among those only the bonuses differ: the whole name, the first word, shortness.
        None when fewer than `limit` agencies have every word in their name."""
        named = sorted((self._named(w) for w in required), key=len)
        in_name = named[0].intersection(*named[1:])
        if allowed is not None:
            in_name &= allowed
        if len(in_name) < limit:
            return None
        first = required[0]
        start = bisect_left(self._first_words, first)
        starts: set[int] = set()
        for word in self._first_words[start:]:
            if not word.startswith(first):
                break
            starts |= self._by_first[word]
        pool = self._shortest(in_name, limit)
        pool.update(self._shortest(starts & in_name, limit))
        pool.update(i for i in self._by_norm.get(phrase, ()) if i in in_name)
        return pool

    def _shortest(self, chosen: set[int], limit: int) -> set[int]:
        """The `limit` agencies of `chosen` with the fewest name words (then list order)."""
        if len(chosen) > 2000:  # most of the list: walk the precomputed order
            out: set[int] = set()
            for i in self._by_shortness:
                if i in chosen:
                    out.add(i)
                    if len(out) == limit:
                        break
            return out
        return set(heapq.nsmallest(limit, chosen, key=self._short_first.__getitem__))

    def _ranked(
        self,
        totals: dict[int, float],
        matched: dict[int, int],
        required: list[str],
        phrase: str,
        limit: int,
    ) -> list[Hit]:
        """Best first: most query words, then score with the bonuses below, then list order.
        Written as flat loops over precomputed lists: "police" alone has 12,000 candidates."""
        in_name = frozenset(totals).intersection(*(self._named(w) for w in required))
        first, first_word = required[0], self._first_word
        penalty, norm = self._penalty, self._norm_name
        keyed = []
        for i, total in totals.items():
            s = total + penalty[i]
            if i in in_name:
                s += 0.5
            if first_word[i].startswith(first):
                s += 0.2
            if norm[i] == phrase:
                s += 1.0
            keyed.append((matched[i], s, -i))
        return [Hit(self.agencies[-k[2]], k[1]) for k in heapq.nlargest(limit, keyed)]

    def _allowed(self, state: str | None, type: AgencyType | None, county: str | None) -> set[int]:
        """The agencies the filters let through, as a set (intersected in C)."""
        sets = []
        if state:
            sets.append(self._by_state.get(state.strip().upper(), set()))
        if type is not None:
            sets.append(self._by_type.get(type, set()))
        sets.sort(key=len)
        keep = self._filter(None, None, county)
        base = sets[0].intersection(*sets[1:]) if sets else set(range(len(self.agencies)))
        return {i for i in base if keep(i)} if county else base

    def _filter(
        self, state: str | None, type: AgencyType | None, county: str | None
    ) -> Callable[[int], bool]:
        st = state.strip().upper() if state else None
        cty = normalise(county.removesuffix(" County").removesuffix(" county")) if county else None
        agencies = self.agencies

        def keep(i: int) -> bool:
            a = agencies[i]
            if st is not None and a.state != st:
                return False
            if type is not None and a.type is not type:
                return False
            return cty is None or any(normalise(c) == cty for c in a.counties())

        return keep

    def select(
        self, *, state: str | None = None, type: AgencyType | None = None, county: str | None = None
    ) -> list[DirectoryAgency]:
        """Every agency the filters select (a campaign), by state and name."""
        keep = self._filter(state, type, county)
        chosen = [a for i, a in enumerate(self.agencies) if keep(i)]
        return sorted(chosen, key=lambda a: (a.state, a.name.casefold(), a.id))
