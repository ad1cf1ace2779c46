"""The measures of issue 25 on an English page, read off a PDF as a
typographer would look at it: automatic hyphens and their runs, word
spaces, lines left short of the frame, a paragraph ending on a hyphen's
tail, a hyphen at a page turn. Used by the tests of the English edition and
by ``benchmarks/bench_english.py``, which reads Typst's PDFs the same way.

Body text only: lines of the body face (Noto Serif, 10.5 pt) inside the
text frame; headings, masthead, running heads and page numbers are out.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM = 72 / 25.4
#: A gap wider than this between two glyphs is a word space (letters of a
#: word touch; kerning moves them by hundredths of a point).
WORD_GAP = 1.0
#: The automatic hyphen WeasyPrint adds is U+2010; a typed hyphen is
#: U+002D. Typst draws one hyphen glyph for both, its text whichever use
#: came first in the document (U+00AD or U+002D): a line-ending "-" is then
#: automatic unless the two halves make a compound the text has.
AUTO_HYPHENS = "\u2010\u00ad"


@dataclass
class TextLine:
    page: int
    baseline: float
    #: the words of the line with their left and right edges
    words: list[tuple[str, float, float]]

    @property
    def text(self) -> str:
        return " ".join(word for word, _, _ in self.words)

    @property
    def x0(self) -> float:
        return self.words[0][1]

    @property
    def x1(self) -> float:
        return self.words[-1][2]

    @property
    def gaps(self) -> list[float]:
        return [b[1] - a[2] for a, b in zip(self.words, self.words[1:])]

    def hyphenated(self, following: TextLine | None = None, compounds: frozenset = frozenset()
                   ) -> bool:
        """Ends with an automatic hyphen."""
        last = self.words[-1][0]
        if last[-1:] in AUTO_HYPHENS:
            return True
        if last[-1:] != "-" or len(last) < 2 or not last[-2].isalpha() or following is None:
            return False
        head = last[:-1].lstrip("“‘(\"'")
        tail = following.words[0][0].split("-")[0].rstrip(",.;:”’)\"'")
        joined = f"{head}-{tail}".lower()
        return not any(joined in compound for compound in compounds)


def body_lines(path: Path, size: float = 10.5, frame: tuple[float, float, float, float] | None = None
               ) -> list[TextLine]:
    """Lines of body-size text in reading order, in the frame (left, top,
    right, bottom; default: the brief's A4 frame)."""
    left, top, right, bottom = frame or (20 * MM, 24 * MM, 595.276 - 20 * MM, 841.89 - 24 * MM)
    lines = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            rows: dict[float, list] = {}
            for char in page.chars:
                # (7 pt: a mark hung into the margin on either side)
                if top <= char["top"] and char["bottom"] <= bottom and char["x0"] >= left - 7 \
                        and char["x1"] <= right + 7 \
                        and abs(char["size"] - size) < 0.05 and char["text"].strip():
                    rows.setdefault(round(char["matrix"][5], 1), []).append(char)
            for baseline in sorted(rows, reverse=True):  # PDF y grows upwards
                chars = sorted(rows[baseline], key=lambda c: c["x0"])
                words: list[list] = []
                for char in chars:
                    if words and char["x0"] - words[-1][2] <= WORD_GAP:
                        words[-1][0] += char["text"]
                        words[-1][2] = char["x1"]
                    else:
                        words.append([char["text"], char["x0"], char["x1"]])
                lines.append(TextLine(number, baseline, [tuple(w) for w in words]))
    return lines


@dataclass
class Measures:
    lines: int
    justified: int
    hyphens: int
    longest_run: int
    widest_space: float
    normal_space: float
    loose_lines: int
    tails: int
    last_full: int
    page_turns: int
    flush: int
    short: list[float]

    def row(self) -> dict[str, str]:
        return {
            "lines ending in an automatic hyphen": f"{self.hyphens} of {self.justified}",
            "longest run of hyphenated lines": str(self.longest_run),
            "widest word space": f"{self.widest_space:.2f} pt "
                                 f"({self.widest_space / self.normal_space:.1f}×)",
            "lines with a space over twice normal": str(self.loose_lines),
            "paragraph ending on a hyphen's tail": str(self.tails),
            "hyphen on a paragraph's last full line": str(self.last_full),
            "hyphen at a page turn": str(self.page_turns),
            "justified lines flush within 0.05 pt (or hanging a mark)":
                f"{self.flush}/{self.justified}",
        }


#: Marks a setter may hang into the margin at a line's end (Typst does).
HANGING = ",.:;-\u2010\u00ad”’)"


def compounds_of(text: str) -> frozenset:
    """The hyphenated compounds a text has (lowercased), to tell a typed
    hyphen at a line's end from an automatic one."""
    import re

    return frozenset(match.lower() for match in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)+", text))


def measure(lines: list[TextLine], right: float = 595.276 - 20 * MM, size: float = 10.5,
            compounds: frozenset = frozenset()) -> Measures:
    """A line whose end is within 1 pt of the frame's right edge is a
    justified line (a paragraph's last line stops well short of it); one
    that ends past the frame with a mark hung into the margin is flush if
    the mark's ink starts inside it."""
    normal = 0.26 * size
    justified = [line for line in lines if right - line.x1 < 1.0]
    hyphenated = [line.hyphenated(following, compounds)
                  for line, following in zip(lines, lines[1:] + [None])]
    runs, run = [0], 0
    tails = page_turns = last_full = 0
    for index, line in enumerate(lines):
        run = run + 1 if hyphenated[index] else 0
        runs.append(run)
        # the next line is the paragraph's last (short of the frame), on this page
        following = lines[index + 1] if index + 1 < len(lines) else None
        if hyphenated[index] and following is not None and following.page == line.page \
                and right - following.x1 >= 1.0:
            last_full += 1
        if index and hyphenated[index - 1]:
            if line.page != lines[index - 1].page:
                page_turns += 1
            # the paragraph's last line holds nothing but the word's tail
            elif len(line.words) == 1 and right - line.x1 >= 1.0:
                tails += 1
    gaps = [gap for line in justified for gap in line.gaps]

    def flush(line: TextLine) -> bool:
        return abs(right - line.x1) <= 0.05 or (
            line.x1 > right and line.words[-1][0][-1] in HANGING)

    return Measures(
        lines=len(lines), justified=len(justified),
        hyphens=sum(hyphenated), longest_run=max(runs),
        widest_space=max(gaps, default=0.0), normal_space=normal,
        loose_lines=sum(any(gap > 2 * normal for gap in line.gaps) for line in justified),
        tails=tails, last_full=last_full, page_turns=page_turns,
        flush=sum(flush(line) for line in justified),
        short=sorted(round(right - line.x1, 3) for line in justified if not flush(line)))
