"""Damage in a source text: mojibake, markup, pinyin left behind.

A text copied from a page that an earlier tool decoded wrongly carries
characters no Chinese writer chose: U+FFFD, ``?`` inside Han runs, clusters
of rare characters and stray Latin or Cyrillic letters (``跟茠漱Q年``,
``?qū)Я髦``). Those are reported, line by line, not repaired: only the
editor can know what the text said. Runs on the NFC text before punctuation
is normalised (a ``?`` next to a Han character would become ``？`` there).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .normalise import HAN_RE, is_pinyin_syllable

#: Above this share of Han characters inside damaged runs, a source is refused.
MAX_DAMAGED_SHARE = 0.30

_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>|&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,5});")
_PINYIN_LEFT = re.compile(r"[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿüv]{1,7})[)）]")
_QUESTION_IN_HAN = re.compile(rf"(?<=[{HAN_RE.pattern[1:-1]}])\?+|\?+(?=[{HAN_RE.pattern[1:-1]}])")


@dataclass(frozen=True)
class Damage:
    line: int
    message: str
    #: Han characters inside the damaged run (for the share that refuses a source)
    han: int = 0


@functools.cache
def _uncommon() -> re.Pattern:
    """A character outside what Chinese text is made of: the frequent levels
    of GB 2312 and Big5 (as :func:`toolkit.decode.plausibility` counts them),
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


# A Latin letter glued between two non-ASCII characters: the second byte of a
# double-byte character read in the wrong encoding (跟茠漱Q年).
_GLUED_LATIN = re.compile(r"(?<=[^\x00-\x7f\s])[A-Za-z](?=[^\x00-\x7f\s])")


def _suspects(text: str) -> list[int]:
    found = [m.start() for m in _uncommon().finditer(text)
             if not unicodedata.category(m.group(0)).startswith(("P", "Z"))]
    if found:  # a glued letter only counts beside other damage
        found += [m.start() for m in _GLUED_LATIN.finditer(text)]
    return sorted(found)


def _runs(text: str):
    """Spans where two or more suspect characters fall within three
    characters of each other (``茠漱Q``: 茠 and Q, 漱 between them)."""
    suspects = _suspects(text)
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
    """Every damaged place in an NFC text, by line."""
    found: list[Damage] = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        if not line or line.isascii():
            continue
        if "\ufffd" in line:
            found.append(Damage(number, f"{line.count(chr(0xFFFD))} replacement characters "
                                        "(U+FFFD): text lost in an earlier decoding",
                                len(HAN_RE.findall(line)) if line.count("\ufffd") > 3 else 1))
        for match in _QUESTION_IN_HAN.finditer(line):
            found.append(Damage(number, f"'?' inside Chinese text at column {match.start() + 1}: "
                                        "characters lost in an earlier decoding", 1))
        for start, end in _runs(line):
            run = line[start:end]
            if "\ufffd" in run and set(run) <= {"\ufffd"}:
                continue
            found.append(Damage(number, f"mojibake {run!r}: characters outside the common sets "
                                        "of Chinese text", max(1, len(HAN_RE.findall(run)))))
        for match in _MARKUP.finditer(line):
            found.append(Damage(number, f"markup left in the text: {match.group(0)[:40]!r}"))
        for match in _PINYIN_LEFT.finditer(line):
            if is_pinyin_syllable(match.group(1)):
                found.append(Damage(number, f"pinyin {match.group(0)!r} left in the text "
                                            "(not after a Han character, so not removed as a gloss)"))
    return found


def damaged_share(damage: list[Damage], text: str) -> float:
    """Share of the text's Han characters that sit in damaged runs."""
    total = len(HAN_RE.findall(text))
    return sum(d.han for d in damage) / total if total else 0.0
