"""A line of the page's furniture (running head, draft banner) → text and a
size that fit one line of a given width.

The margin boxes that hold them are laid out by WeasyPrint from strings
(``string-set``, ``content``): they cannot be told where a word ends, and a
long one wraps (and hyphenates) into the page's top margin. So the
templates give each box a width, and the text is fitted to it here, by an
estimate of its width in the box's face: full-width characters take an em,
Latin ones their advance in Noto Sans Bold (wider than the Regular, so the
estimate errs on the short side), anything else 0.7 em. The boxes keep to
one line (``white-space: nowrap``) whatever the estimate says.
"""

from __future__ import annotations

import unicodedata

from toolkit.han import HAN_RE
from toolkit.render.words import words

ELLIPSIS = "…"
#: Advance widths in Noto Sans Bold, in thousandths of an em.
_LATIN = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`" \
         "abcdefghijklmnopqrstuvwxyz{|}~‘’“”–—"
_ADVANCES = dict(zip(_LATIN, (
    260, 286, 472, 646, 572, 901, 750, 266, 339, 339, 545, 572, 285, 322, 285, 413, 572, 572,
    572, 572, 572, 572, 572, 572, 572, 572, 285, 285, 572, 572, 572, 477, 897, 690, 672, 637,
    740, 560, 549, 724, 765, 389, 331, 664, 565, 943, 813, 796, 628, 796, 660, 551, 579, 756,
    650, 967, 667, 624, 579, 331, 413, 331, 572, 411, 362, 604, 633, 514, 633, 591, 387, 633,
    657, 305, 305, 620, 305, 982, 657, 619, 633, 633, 454, 497, 434, 657, 569, 856, 578, 569,
    488, 394, 551, 394, 572, 217, 217, 445, 445, 500, 1000)))
#: The estimate is kept this much under the width (what it does not see:
#: kerning the other way, a fallback face).
MARGIN = 0.97
#: A banner is not set smaller than this (the draft's margin notes are 6 pt).
SMALLEST = 6.0
#: Marks that do not end a cut line (the ellipsis follows the words).
_NOT_AT_END = " \u3000，、；：,;:“‘（([《「『—-"


_PAIRS = ("“”", "‘’", "（）", "()", "《》", "「」", "『』", "[]")


def _closed(text: str) -> bool:
    """No quotation or bracket left open (a cut there reads as a misprint)."""
    return all(text.count(opening) <= text.count(closing) for opening, closing in _PAIRS)


def em_width(text: str) -> float:
    """The estimated width of ``text`` in ems of the furniture's face."""
    total = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF" or char == ELLIPSIS:
            total += 1.0
        else:
            total += _ADVANCES.get(char, 700) / 1000
    return total


def fits(text: str, points: float, size: float) -> bool:
    return em_width(text) * size <= points * MARGIN


def cut_at_word(text: str, points: float, size: float) -> str:
    """``text`` if it fits one line ``points`` wide at ``size`` pt, else its
    longest beginning that ends at a word (Chinese: a jieba word; text with
    spaces: a space) and fits with an ellipsis after it."""
    if fits(text, points, size):
        return text
    tokens = words(text)
    spaced = " " in text and not HAN_RE.search(text)  # English: only at a space
    best = ""
    for end in range(1, len(tokens)):
        if spaced and tokens[end] != " ":
            continue
        head = "".join(tokens[:end]).rstrip(_NOT_AT_END)
        if not head or not _closed(head):
            continue
        if not fits(head + ELLIPSIS, points, size):
            break
        best = head
    if not best:  # not even the first word fits: cut it by the character
        # (forwards, stopping at the first that does not fit: a long
        # unbroken title is not measured once per character)
        end = 0
        while end < len(text) and fits(text[:end + 1] + ELLIPSIS, points, size):
            end += 1
        return text[:end] + ELLIPSIS
    return best + ELLIPSIS


def fitting_size(text: str, points: float, size: float) -> float:
    """The size (pt, in tenths) at which ``text`` fits one line ``points``
    wide: ``size`` if it fits, smaller down to :data:`SMALLEST`."""
    width = em_width(text)
    if not width or width * size <= points * MARGIN:
        return size
    return max(SMALLEST, int(points * MARGIN / width * 10) / 10)


def banner(text: str, points: float, size: float) -> tuple[str, float]:
    """A banner's text and size: all of it, shrunk if need be (a warning
    read in part says less: ``not for publication`` would be the first to
    go); cut at a word only if it does not fit at the smallest size."""
    fitted = fitting_size(text, points, size)
    return cut_at_word(text, points, fitted), fitted
