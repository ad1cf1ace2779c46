"""Read and converted articles → the conversion report (plain text).

What reading stripped (pinyin glosses, boilerplate lines), what it
normalised (punctuation), what OpenCC converted, and the characters whose
conversion depends on meaning and deserves a human look, with context. Built
only when asked for: converting does not pay for it.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator

from toolkit.model import Article

#: Traditional characters whose Simplified form depends on the meaning
#: (著 着/著, 乾 干/乾, 藉 借/藉, 瞭 了/瞭, 於 于/於, 後 后, 裡 里 …).
AMBIGUOUS = frozenset("著乾藉瞭於後裡徵夥餘覆麼瀋蘋甯纔祇衹鍊")
CONTEXT_CHARS = 8


def _texts(article: Article) -> list[tuple[int, str]]:
    pairs = [(article.title_line, article.title)]
    if article.dateline:
        d = article.dateline
        pairs += [(d.line, d.agency), (d.line, d.place), (d.line, d.reporter)]
    return pairs + [(b.line, b.text) for b in article.blocks]


def char_changes(before: str, after: str) -> Iterator[tuple[int, str, str]]:
    """``(index in after, old, new)`` for each character OpenCC changed."""
    if len(before) == len(after):
        for index, (old, new) in enumerate(zip(before, after)):
            if old != new:
                yield index, old, new
        return
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield j1, before[i1:i2], after[j1:j2]


def conversion_report(source: Article, converted: Article, *, config: str,
                      phrases: str = "") -> str:
    out = [f"Conversion report: {source.source_path}",
           f"encoding {source.encoding}; OpenCC config {config}"
           + (f"; project phrases {phrases}" if phrases else ""), ""]

    out.append(f"Stripped: {len(source.glosses)} pinyin glosses, "
               f"{len(source.dropped)} boilerplate lines")
    by_line: dict[int, list[str]] = {}
    for gloss in source.glosses:
        by_line.setdefault(gloss.line, []).append(f"{gloss.han}({gloss.reading})")
    out += [f"  line {line}: {' '.join(items)}" for line, items in by_line.items()]
    out += [f"  line {line}: dropped ({rule}) {text!r}" for line, text, rule in source.dropped]
    if source.warnings:
        out += ["", f"Warnings: {len(source.warnings)} (what reading is unsure of, or found damaged)"]
        out += [f"  line {line}: {message}" for line, message in source.warnings]

    marks = Counter(source.punctuation_lines)
    out += ["", f"Normalised: {sum(marks.values())} half-width punctuation marks made full-width"]
    if marks:
        out.append("  on lines " + ", ".join(f"{line} (×{n})" if n > 1 else str(line)
                                             for line, n in sorted(marks.items())))

    changes: Counter[tuple[str, str]] = Counter()
    flagged: list[str] = []
    for (line, before), (_, after) in zip(_texts(source), _texts(converted)):
        for index, old, new in char_changes(before, after):
            changes[(old, new)] += 1
        for index, char in enumerate(before):
            if char in AMBIGUOUS and len(before) == len(after):
                start = max(0, index - CONTEXT_CHARS)
                context = (after[start:index] + "[" + after[index] + "]"
                           + after[index + 1:index + 1 + CONTEXT_CHARS])
                flagged.append(f"  line {line}: {char} → {after[index]}: …{context}…")
            elif char in AMBIGUOUS:
                flagged.append(f"  line {line}: {char} (in a phrase OpenCC rewrote)")
    out += ["", f"Converted: {sum(changes.values())} characters or phrases changed, "
                f"{len(changes)} distinct"]
    listing = [f"{old}→{new} ×{n}" for (old, new), n in changes.most_common()]
    for start in range(0, len(listing), 10):
        out.append("  " + ", ".join(listing[start:start + 10]))
    out += ["", f"Worth a human look: {len(flagged)} characters whose conversion depends "
                f"on meaning ({''.join(sorted(AMBIGUOUS))})", *flagged]
    return "\n".join(out) + "\n"
