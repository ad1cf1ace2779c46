"""Translation memory: identical and close matches for untranslated messages.

An inverted index of character bigrams finds the few translated messages
that share most bigrams with a new one; only those are scored with
rapidfuzz, so a project of many catalogs is not compared pair by pair.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from toolkit.catalogs.states import approval, finished, has_text

#: Matches below this rapidfuzz ratio (0–100) are not offered (toolkit.toml's
#: ``tm_threshold``).
MIN_SCORE = 75.0
CANDIDATES = 20
TM_COMMENT = "tm:"
#: Said of a memory unit whose placeholders (TMX ``<ph>``, ``<it>``) were
#: taken out: its text may lack what they stood for.
CODES_NOTE = "the memory's unit held placeholders, taken out here: put back what they stood for"


@dataclass(frozen=True)
class Match:
    score: float
    source: str
    translation: str
    origin: str  # the domain the match comes from
    #: an identical segment, in the same context, whose translation was approved
    approved: bool = False
    #: what a person must know to use it (a memory unit's placeholders gone)
    note: str = ""


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


@dataclass(frozen=True)
class _Offer:
    translation: str
    origin: str
    note: str = ""
    #: approved translations come first, then the later date: the approval's,
    #: else the catalog's PO-Revision-Date (a memory file's units: none)
    rank: tuple = (False, "")


class Memory:
    """Translations to offer, by source. When several catalogs translate one
    segment, the freshest approved translation wins: approved over
    translated, then the later date; an offer says how many others differ."""

    def __init__(self) -> None:
        self._sources: list[str] = []  # the number of each source, for the index
        self._index: dict[str, list[int]] = defaultdict(list)
        #: source → every finished translation of it
        self._offers: dict[str, list[_Offer]] = {}
        #: (source, context) → the approved translations of it
        self._approved: dict[tuple[str, str | None], list[_Offer]] = {}

    def add_catalog(self, catalog, origin: str) -> None:
        """Index the finished translations (not fuzzy) of a catalog."""
        revised = getattr(catalog, "revision_date", None)
        revised = revised.date().isoformat() if hasattr(revised, "date") else ""
        for message in catalog:
            if not message.id or not isinstance(message.string, str) or not finished(message):
                continue
            approved = approval(message)
            offer = _Offer(message.string, origin,
                           rank=(approved is not None, approved[1] if approved else revised))
            if approved is not None:
                self._approved.setdefault((message.id, message.context), []).append(offer)
            self._add(message.id, offer)

    def add_pairs(self, units, origin: str) -> None:
        """Index a TMX memory's units (``source``, ``target``, and ``codes``:
        whether placeholders were taken out of them)."""
        for unit in units:
            self._add(unit.source, _Offer(unit.target, origin,
                                          CODES_NOTE if getattr(unit, "codes", False) else ""))

    def _add(self, source: str, offer: _Offer) -> None:
        if not source or not has_text(offer.translation):
            return
        if source not in self._offers:
            self._offers[source] = []
            for gram in _bigrams(source):
                self._index[gram].append(len(self._sources))
            self._sources.append(source)
        self._offers[source].append(offer)

    @staticmethod
    def _pick(offers: list[_Offer], among: list[_Offer] = ()) -> _Offer:
        """The freshest approved offer (the first of equals), noting how many
        of ``among`` (default: the offers) say something else."""
        best = max(offers, key=lambda offer: offer.rank)  # (max keeps the first of equals)
        differ = sorted({o.origin for o in among or offers if o.translation != best.translation})
        if not differ:
            return best
        said = (f"{len(differ)} other{'s differ' if len(differ) > 1 else ' differs'}: "
                f"{', '.join(differ[:3])}{' …' if len(differ) > 3 else ''}")
        return _Offer(best.translation, best.origin,
                      "; ".join(part for part in (best.note, said) if part), best.rank)

    def best(self, text: str, min_score: float = MIN_SCORE, context: str | None = None
             ) -> Match | None:
        # lazy: rapidfuzz (≈12 ms): only when a memory is searched
        from rapidfuzz import fuzz

        approved = self._approved.get((text, context))
        if approved:
            offer = self._pick(approved, self._offers.get(text, []))
            return Match(100.0, text, offer.translation, offer.origin, approved=True,
                         note=offer.note)
        exact = self._offers.get(text)
        if exact:  # the same segment translated elsewhere: 100 %
            offer = self._pick(exact)
            return Match(100.0, text, offer.translation, offer.origin, note=offer.note)
        shared: Counter[int] = Counter()
        for gram in _bigrams(text):
            shared.update(self._index.get(gram, ()))
        best: Match | None = None
        for number, _ in shared.most_common(CANDIDATES):
            source = self._sources[number]
            score = fuzz.ratio(text, source, score_cutoff=min_score)
            if score and (best is None or score > best.score):
                offer = self._pick(self._offers[source])
                best = Match(score, source, offer.translation, offer.origin, note=offer.note)
        return best


def prefill(catalog, memory: Memory, min_score: float = MIN_SCORE) -> int:
    """Give each untranslated message the best match (an identical segment of
    another catalog first, at 100 %): as translated when it is the same
    segment in the same context and its translation was approved, otherwise
    as fuzzy, with the score and origin in a translator comment, for a person
    to confirm. Returns how many were filled."""
    filled = 0
    for message in catalog:
        if not message.id or has_text(message.string) or message.pluralizable:
            continue
        match = memory.best(message.id, min_score, message.context)
        if match is None:
            continue
        message.string = match.translation
        message.user_comments = [c for c in message.user_comments
                                 if not c.startswith(TM_COMMENT)]
        if match.approved:  # the same segment, in the same place, already reviewed
            message.user_comments.append(
                f"{TM_COMMENT} 100% approved match from {match.origin!r}"
                + (f" ({match.note})" if match.note else ""))
        else:
            message.flags.add("fuzzy")
            message.previous_id = [match.source]
            message.user_comments.append(
                f"{TM_COMMENT} {match.score:.0f}% match from {match.origin!r}; review before use"
                + (f" ({match.note})" if match.note else ""))
        filled += 1
    return filled
