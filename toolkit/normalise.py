"""Text normal form: pinyin glosses out, punctuation into its Chinese form.

Both functions work on one line of text and are pure; :mod:`toolkit.source`
applies them line by line so that errors and glosses keep their line numbers.
"""
from __future__ import annotations

import re
import unicodedata

# A Han character (CJK unified ideographs, extensions A–F, compatibility).
HAN = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U00030000-\U0003134f"
)
HAN_RE = re.compile(f"[{HAN}]")
# Han and the CJK/full-width punctuation that makes the same context.
_CJK_CONTEXT = f"{HAN}\u3000-\u303f\uff00-\uffef"

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_UNTONED = "aaaaeeeeiiiioooouuuuüüüünnnm"
_STRIP_TONE = str.maketrans(_TONED, _UNTONED)
# One pinyin syllable once its tone mark is removed: initial + final, or a
# syllabic nasal (ń, ňg, hm …).
_SYLLABLE = re.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouüv]{1,3}(?:ng|n|r)?"
    r"|h?[nm]g?"
)
_GLOSS = re.compile(f"(?<=[{HAN}])\\(([a-z{_TONED}üv]{{1,7}})\\)")


def is_pinyin_syllable(reading: str) -> bool:
    """One syllable carrying exactly one tone mark: ``zhuǎn``, ``lǜ``, ``ń``."""
    if sum(ch in _TONED for ch in reading) != 1:
        return False
    return _SYLLABLE.fullmatch(reading.translate(_STRIP_TONE)) is not None


def strip_glosses(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Remove ``(zhuǎn)`` after a Han character; return the line and the
    ``(han, reading)`` pairs removed. ``(AI)``, ``(2021)``, ``(zhuǎnxíng)`` stay."""
    removed: list[tuple[str, str]] = []

    def drop(match: re.Match[str]) -> str:
        reading = match.group(1)
        if not is_pinyin_syllable(reading):
            return match.group(0)
        removed.append((line[match.start() - 1], reading))
        return ""

    return _GLOSS.sub(drop, unicodedata.normalize("NFC", line)), removed


_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARK = re.compile(r"[,;:?!]")
_PARENS = re.compile(r"\(([^()]*)\)")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and re.match(f"[{_CJK_CONTEXT}]", ch) is not None


def full_width_punctuation(line: str) -> str:
    """Half-width ``, ; : ? ! ( )`` with a Han character (or CJK punctuation)
    on either side become full-width; between Latin letters or digits on both
    sides (``1+1+3``, ``AI+``, ``3:2``) they stay. A pair of parentheses turns
    as a pair: ``(上海)`` → ``（上海）``, ``(AI)`` inside Han text → ``（AI）``."""

    def paren(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        before = line[start - 1] if start else ""
        after = line[end] if end < len(line) else ""
        inner = match.group(1)
        if _is_cjk(before) or _is_cjk(after) or HAN_RE.search(inner):
            return f"（{inner}）"
        return match.group(0)

    line = _PARENS.sub(paren, line)

    def mark(match: re.Match[str]) -> str:
        start = match.start()
        before = line[start - 1] if start else ""
        after = line[start + 1] if start + 1 < len(line) else ""
        if _is_cjk(before) or _is_cjk(after):
            return _FULL_WIDTH[match.group(0)]
        return match.group(0)

    return _MARK.sub(mark, line)


def has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None
