"""Translation memory: identical and close matches for untranslated messages.

An inverted index of character bigrams finds the few translated messages
that share most bigrams with a new one; only those are scored with
rapidfuzz, so a project of many catalogs is not compared pair by pair.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from toolkit.catalogs.states import APPROVED, finished, has_text, state

#: Matches below this rapidfuzz ratio (0–100) are not offered (toolkit.toml's
#: ``tm_threshold``).
MIN_SCORE = 75.0
CANDIDATES = 20
TM_COMMENT = "tm:"


@dataclass(frozen=True)
class Match:
    score: float
    source: str
    translation: str
    origin: str  # the domain the match comes from
    #: an identical segment, in the same context, whose translation was approved
    approved: bool = False


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


class Memory:
    def __init__(self) -> None:
        self._entries: list[tuple[str, str, str]] = []  # (source, translation, origin)
        self._index: dict[str, list[int]] = defaultdict(list)
        #: source → (translation, origin) of the first catalog that has it
        self._exact: dict[str, tuple[str, str]] = {}
        #: (source, context) → (translation, origin) of approved translations
        self._approved: dict[tuple[str, str | None], tuple[str, str]] = {}

    def add_catalog(self, catalog, origin: str) -> None:
        """Index the finished translations (not fuzzy) of a catalog."""
        for message in catalog:
            if message.id and isinstance(message.string, str) and state(message) == APPROVED:
                self._approved.setdefault((message.id, message.context), (message.string, origin))
            if isinstance(message.string, str) and finished(message):
                self._add(message.id, message.string, origin)

    def add_pairs(self, pairs, origin: str) -> None:
        """Index ``(source, translation)`` pairs (a TMX memory's)."""
        for source, translation in pairs:
            self._add(source, translation, origin)

    def _add(self, source: str, translation: str, origin: str) -> None:
        """Index one finished translation; the first one of a source wins."""
        if source and has_text(translation) and source not in self._exact:
            self._exact[source] = (translation, origin)
            number = len(self._entries)
            self._entries.append((source, translation, origin))
            for gram in _bigrams(source):
                self._index[gram].append(number)

    def best(self, text: str, min_score: float = MIN_SCORE, context: str | None = None
             ) -> Match | None:
        # lazy: rapidfuzz (≈12 ms): only when a memory is searched
        from rapidfuzz import fuzz

        approved = self._approved.get((text, context))
        if approved is not None:
            return Match(100.0, text, *approved, approved=True)

        shared: Counter[int] = Counter()
        for gram in _bigrams(text):
            shared.update(self._index.get(gram, ()))
        best: Match | None = None
        exact = self._exact.get(text)
        if exact is not None:  # the same segment translated elsewhere: 100 %
            return Match(100.0, text, *exact)
        for number, _ in shared.most_common(CANDIDATES):
            source, translation, origin = self._entries[number]
            score = fuzz.ratio(text, source, score_cutoff=min_score)
            if score and (best is None or score > best.score):
                best = Match(score, source, translation, origin)
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
                f"{TM_COMMENT} 100% approved match from {match.origin!r}")
        else:
            message.flags.add("fuzzy")
            message.previous_id = [match.source]
            message.user_comments.append(
                f"{TM_COMMENT} {match.score:.0f}% match from {match.origin!r}; review before use")
        filled += 1
    return filled
