"""Text normal form: NFC, pinyin glosses out, punctuation into its Chinese form.

The functions work on a whole text at once (one regex pass in C, Python
only at the matches), since sources run to megabytes; they return what they
changed as offsets, which :mod:`toolkit.read.lines` turns into line numbers.
"""

from __future__ import annotations

import re
import unicodedata

from toolkit.han import HAN, HAN_RE

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
# A , ; : or a run of ? ! (?! !? !! ？! …) turns as one; a run without a
# half-width mark is left alone. (One character class first: the regex
# engine then skips to candidates in C.)
_MARK = re.compile(r"[,;:?!？！][?!？！]*")
_PARENS = re.compile(r"\(([^()\n]*)\)")
# Curly quotes are CJK context when what they quote (or follow) is: “好”,“壞”.
_CURLY = "“”‘’"
# The small form variants (U+FE50 …) that only Big5 / CNS 11643 text has, where
# they stand for the CJK marks. ﹒ (a full stop, a decimal point or a name dot)
# and the small brackets are left as they are.
_SMALL = {"\ufe50": "，", "\ufe51": "、", "\ufe54": "；", "\ufe55": "：",
          "\ufe56": "？", "\ufe57": "！"}
_SMALL_RE = re.compile(f"[{''.join(_SMALL)}]")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_CONTEXT_RE.match(ch) is not None


def _beside(text: str, index: int, step: int) -> str:
    """The character at ``index``, looking past curly quotes in direction
    ``step`` (−1 left, +1 right); "" past either end."""
    while 0 <= index < len(text) and text[index] in _CURLY:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def full_width_punctuation(text: str, changes: list[int] | None = None) -> str:
    """Half-width ``, ; : ? ! ( )`` with a Han character (or CJK punctuation)
    on either side become full-width; between Latin letters or digits on both
    sides (``1+1+3``, ``AI+``, ``3:2``) they stay. Curly quotes count as what
    they quote (``“好”,“壞”`` → ``“好”，“壞”``; ``“OK”, he`` stays); a run of
    ``? !`` turns as one (``好?!`` → ``好？！``, ``？!`` → ``？！``). A pair of
    parentheses turns as a pair: ``(上海)`` → ``（上海）``, ``(AI)`` inside Han
    text → ``（AI）``. The small forms ``﹐﹑﹔﹕﹖﹗`` become ``，、；：？！``.
    Offsets of the marks changed (in the returned text) go to ``changes``."""
    if any(small in text for small in _SMALL):
        if changes is not None:
            changes.extend(m.start() for m in _SMALL_RE.finditer(text))
        text = _SMALL_RE.sub(lambda m: _SMALL[m.group(0)], text)
    if not any(mark in text for mark in ",;:?!()"):
        if changes is not None:
            changes.sort()
        return text

    def paren(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        inner = match.group(1)
        if is_pinyin_syllable(inner):  # a gloss left (next to damage): reported, not turned
            return match.group(0)
        if _is_cjk(before) or _is_cjk(after) or HAN_RE.search(inner):
            if changes is not None:
                changes.extend((start, end - 1))
            return f"（{inner}）"
        return match.group(0)

    text = _PARENS.sub(paren, text) if "(" in text else text

    def mark(match: re.Match[str]) -> str:
        start, end, marks = match.start(), match.end(), match.group(0)
        if not any(ch in _FULL_WIDTH for ch in marks):
            return marks
        if (_is_cjk(_beside(text, start - 1, -1)) or _is_cjk(_beside(text, end, 1))
                or "？" in marks or "！" in marks):
            if changes is not None:
                changes.extend(start + i for i, ch in enumerate(marks) if ch in _FULL_WIDTH)
            return "".join(_FULL_WIDTH.get(ch, ch) for ch in marks)
        return marks

    # Every replacement is one character for one, so offsets hold throughout.
    result = _MARK.sub(mark, text)
    if changes is not None:
        changes.sort()
    return result
