"""Text normal form: NFC, pinyin glosses out, punctuation into its Chinese form.

The functions work on a whole text at once (one regex pass in C, Python
only at the matches), since sources run to megabytes; they return what they
changed as offsets, which :mod:`toolkit.source` turns into line numbers.
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
_CJK_CONTEXT_RE = re.compile(f"[{_CJK_CONTEXT}]")

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


def nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def is_pinyin_syllable(reading: str) -> bool:
    """One syllable carrying exactly one tone mark: ``zhuǎn``, ``lǜ``, ``ń``."""
    if sum(ch in _TONED for ch in reading) != 1:
        return False
    return _SYLLABLE.fullmatch(reading.translate(_STRIP_TONE)) is not None


def strip_glosses(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Remove ``(zhuǎn)`` after a Han character (text must be NFC); return the
    text and ``(offset, han, reading)`` of each gloss removed, offsets into
    the text given. ``(AI)``, ``(2021)``, ``(zhuǎnxíng)``, ``(de)`` stay."""
    removed: list[tuple[int, str, str]] = []
    if "(" not in text:
        return text, removed

    def drop(match: re.Match[str]) -> str:
        reading = match.group(1)
        if not is_pinyin_syllable(reading):
            return match.group(0)
        start = match.start()
        removed.append((start, text[start - 1], reading))
        return ""

    return _GLOSS.sub(drop, text), removed


_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARK = re.compile(r"[,;:?!]")
_PARENS = re.compile(r"\(([^()\n]*)\)")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_CONTEXT_RE.match(ch) is not None


def full_width_punctuation(text: str, changes: list[int] | None = None) -> str:
    """Half-width ``, ; : ? ! ( )`` with a Han character (or CJK punctuation)
    on either side become full-width; between Latin letters or digits on both
    sides (``1+1+3``, ``AI+``, ``3:2``) they stay. A pair of parentheses turns
    as a pair: ``(上海)`` → ``（上海）``, ``(AI)`` inside Han text → ``（AI）``.
    Offsets of the marks changed (in the returned text) go to ``changes``."""
    if not any(mark in text for mark in ",;:?!()"):
        return text

    def paren(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        inner = match.group(1)
        if _is_cjk(before) or _is_cjk(after) or HAN_RE.search(inner):
            if changes is not None:
                changes.extend((start, end - 1))
            return f"（{inner}）"
        return match.group(0)

    text = _PARENS.sub(paren, text) if "(" in text else text

    def mark(match: re.Match[str]) -> str:
        start = match.start()
        before = text[start - 1] if start else ""
        after = text[start + 1] if start + 1 < len(text) else ""
        if _is_cjk(before) or _is_cjk(after):
            if changes is not None:
                changes.append(start)
            return _FULL_WIDTH[match.group(0)]
        return match.group(0)

    # Every replacement is one character for one, so offsets hold throughout.
    result = _MARK.sub(mark, text)
    if changes is not None:
        changes.sort()
    return result


def has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None
