"""Decoded text → normal form: line breaks unified, control characters
refused, NFC, pinyin glosses lifted out, half-width punctuation made full
width in Chinese context, and the damage a copy leaves found, each change
kept with its line number for the reader's report."""

from __future__ import annotations

import bisect
import dataclasses
import re

from toolkit.errors import SourceError
from toolkit.model import Gloss
from toolkit.read.chars import full_width_punctuation, nfc, strip_glosses
from toolkit.read.damage import Damage, find_damage

# C0 and C1 controls other than tab and the line breaks above: no writer
# types them; a NUL means a binary file.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f\x80-\x84\x86-\x9f]")
_LINE_BREAKS = str.maketrans({ch: "\n" for ch in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


@dataclasses.dataclass(frozen=True)
class Normalised:
    """A text in normal form, with what normalising it changed, by line."""

    text: str
    glosses: tuple[Gloss, ...]
    #: one line number per half-width mark made full-width
    punctuation_lines: tuple[int, ...]
    #: mojibake, markup and pinyin left over, found before punctuation changed
    damage: tuple[Damage, ...] = ()


def plain_lines(text: str, path: str = "", first_line: int = 1) -> str:
    """Every line break as "\n" (CR LF, CR, and the characters Unicode and
    Python also break lines at: VT, FF, FS, GS, RS, NEL, U+2028, U+2029,
    which would otherwise reach a catalog inside a message); any other
    control character is an error with its line."""
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    control = _CONTROL.search(text)
    if control:
        raise SourceError(f"control character U+{ord(control.group(0)):04X} in the text "
                          "(a binary or damaged file?)", path or None,
                          text.count("\n", 0, control.start()) + first_line)
    return text


def _line_of(newlines: list[int], offset: int, first_line: int) -> int:
    return bisect.bisect_left(newlines, offset) + first_line


def _newlines(text: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", text)]


def normalise(text: str, first_line: int = 1, punctuation: bool = True,
              path: str = "") -> Normalised:
    """NFC, glosses out, punctuation full-width (unless told not to, for
    Markdown, whose syntax has parentheses of its own); ``first_line`` is the
    line number of the text's first line in its file."""
    text = nfc(plain_lines(text, path, first_line))
    stripped, removed = strip_glosses(text)
    glosses: tuple[Gloss, ...] = ()
    if removed:
        newlines = _newlines(text)
        glosses = tuple(Gloss(_line_of(newlines, offset, first_line), han, reading)
                        for offset, han, reading in removed)
    damage = tuple(find_damage(stripped, first_line))
    changes: list[int] = []
    normal = full_width_punctuation(stripped, changes) if punctuation else stripped
    lines: tuple[int, ...] = ()
    if changes:
        newlines = _newlines(normal)
        lines = tuple(_line_of(newlines, offset, first_line) for offset in changes)
    return Normalised(normal, glosses, lines, damage)
