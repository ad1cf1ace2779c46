"""Damage in a source text: mojibake, markup, pinyin left behind.

A text copied from a page that an earlier tool decoded wrongly carries
characters no Chinese writer chose: U+FFFD, ``?`` inside Han runs, clusters
of rare characters and stray Latin or Cyrillic letters (``跟茠漱Q年``,
``?qū)Я髦``). Those are reported, line by line, not repaired: only the
editor can know what the text said. Runs on the NFC text before punctuation
is normalised (a ``?`` next to a Han character would become ``？`` there).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from toolkit.han import HAN_RE
from toolkit.read.chars import is_pinyin_syllable

#: Above this share of Han characters inside damaged runs, a source is refused.
MAX_DAMAGED_SHARE = 0.30

_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>|&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,5});")
_PINYIN_LEFT = re.compile(r"[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿüv]{1,7})[)）]")
_QUESTION = re.compile(r"\?+")


@dataclass(frozen=True)
class Damage:
    line: int
    message: str
    #: Han characters inside the damaged run (for the share that refuses a source)
    han: int = 0


@functools.cache
def _uncommon() -> re.Pattern:
    """A character outside what Chinese text is made of: the frequent levels
    of GB 2312 and Big5 (as :func:`toolkit.read.decode.plausibility` counts them),
    ASCII, CJK and full-width punctuation, ordinary symbols. One regex class,
    so a megabyte is scanned in C."""
    common = set()
    for lead in range(0xB0, 0xD8):  # GB 2312 level 1
        common.update(bytes([lead, trail]).decode("gb2312", "ignore") for trail in range(0xA1, 0xFF))
    for lead in range(0xA4, 0xC7):  # Big5 level 1
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            common.add(bytes([lead, trail]).decode("big5", "ignore"))
    common.discard("")
    listed = "".join(sorted(common)).replace("\\", "").replace("]", "").replace("^", "").replace("-", "")
    return re.compile(f"[^\\x00-\\x7f\\s\u3000-\u303f\uff00-\uffef“”‘’—…·–{listed}]")


def _glued_latin(text: str, index: int) -> bool:
    """A Latin letter glued between two non-ASCII characters: the second byte
    of a double-byte character read in the wrong encoding (跟茠漱Q年)."""
    return (0 < index < len(text) - 1 and text[index].isascii() and text[index].isalpha()
            and not text[index - 1].isascii() and not text[index - 1].isspace()
            and not text[index + 1].isascii() and not text[index + 1].isspace())


def _suspects(text: str) -> list[int]:
    found = set()
    for match in _uncommon().finditer(text):
        ch = match.group(0)
        if ch == "\ufffd" or not unicodedata.category(ch).startswith(("P", "Z")):
            found.add(match.start())
    # A glued letter only counts beside other damage: look near what was found.
    found |= {i for start in list(found) for i in range(start - 2, start + 3)
              if _glued_latin(text, i)}
    return sorted(found)


def _runs(suspects: list[int]):
    """Spans where two or more suspect characters fall within three
    characters of each other (``茠漱Q``: 茠 and Q, 漱 between them)."""
    start = previous = None
    for index in suspects:
        if previous is not None and index - previous <= 2:
            previous = index
            continue
        if start is not None and previous > start:
            yield start, previous + 1
        start = previous = index
    if start is not None and previous > start:
        yield start, previous + 1


def find_damage(text: str, first_line: int = 1) -> list[Damage]:
    """Every damaged place in an NFC text, by line. Each kind of damage is
    one regex pass over the whole text; Python only runs at the finds."""
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_left(newlines, offset) + first_line

    def column(offset: int) -> int:
        return offset - text.rfind("\n", 0, offset)

    found: list[Damage] = []
    for match in re.finditer("\ufffd+", text) if "\ufffd" in text else ():
        run = len(match.group(0))
        found.append(Damage(line_of(match.start()), f"{run} replacement characters (U+FFFD): "
                                                     "text lost in an earlier decoding", run))
    for match in _QUESTION.finditer(text) if "?" in text else ():
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if HAN_RE.match(before) or HAN_RE.match(after):
            found.append(Damage(line_of(match.start()), f"'?' inside Chinese text at column "
                                                         f"{column(match.start())}: characters "
                                                         "lost in an earlier decoding", 1))
    for start, end in _runs(_suspects(text)):
        run = text[start:end]
        if "\n" in run or set(run) <= {"\ufffd"}:
            continue
        found.append(Damage(line_of(start), f"mojibake {run!r}: characters outside the common "
                                            "sets of Chinese text",
                            max(1, len(HAN_RE.findall(run)))))
    for match in _MARKUP.finditer(text) if "<" in text or "&" in text else ():
        found.append(Damage(line_of(match.start()),
                            f"markup left in the text: {match.group(0)[:40]!r}"))
    for match in _PINYIN_LEFT.finditer(text):
        if is_pinyin_syllable(match.group(1)):
            found.append(Damage(line_of(match.start()),
                                f"pinyin {match.group(0)!r} left in the text (not after a Han "
                                "character, so not removed as a gloss)"))
    return sorted(found, key=lambda d: d.line)


def damaged_share(damage: list[Damage], text: str) -> float:
    """Share of the text's Han characters that sit in damaged runs."""
    damaged = sum(d.han for d in damage)
    # No more Han characters than non-ASCII ones: count them (a full scan)
    # only when the share could come near the limit.
    if damaged <= MAX_DAMAGED_SHARE * 0.5 * (len(text) - len(text.encode("ascii", "ignore"))):
        return damaged / max(1, len(text))
    total = len(HAN_RE.findall(text))
    return damaged / total if total else 0.0
