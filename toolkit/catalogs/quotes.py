"""Quotation marks in English text: the straight marks a translator types
(``"…"``, ``'tis``, ``investors'``) → the curly ones the editions print
(“…”, ’tis, investors’), and what no rule can settle (a quotation never
closed, a mark with a space on each side) for the ``quotes`` check to say.

Rules rather than smartypants (2.0.2, tried on the cases of
``tests/test_quotes.py`` before writing these): it converts HTML, where our
text is converted as text before the templates escape it, and it got a third
of those cases wrong: a quote after an em dash (—”no.”), ’90s and ’tis
(‘90s, ‘tis), 5'10" and 12" (5‘10”, 12”), a quote after a Han character
(他说”好”). Mending each would have meant rules around it anyway; these are
the whole of it, and keep track of what is open, which is also what the
check needs to know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.han import HAN_RE

DOUBLE, SINGLE = '"', "'"
#: What a quotation opens after (besides the start and a space) ...
_OPENS_AFTER = frozenset("([{（【「『《〈—–“‘")
#: ... and closes before (besides the end and a space); any quotation mark
#: too, straight or curly, since the next mark is not yet set (``'hi'"``):
#: set text then reads as its typed form did, so setting it again keeps it.
_CLOSES_BEFORE = frozenset(".,;:!?…)]}，。、；：！？）】」』》〉—–“”‘’\"'")
#: Words whose first letters an apostrophe stands for: ’tis, ’em, rock ’n’ roll.
_ELISIONS = frozenset("tis twas twere twill em n cause cos til bout nuff".split())
_WORD = re.compile(r"[A-Za-z]+")
#: A year by its last two digits: ’90s, ’08.
_SHORT_YEAR = re.compile(r"\d\d(?!\d)")
_PLAIN = str.maketrans({"“": DOUBLE, "”": DOUBLE, "‘": SINGLE, "’": SINGLE})


@dataclass(frozen=True)
class Typeset:
    """Text with its quotation marks set, and what the setting had to guess
    or found unbalanced: ``(mark, message)`` pairs, the mark (``"`` or
    ``'``) the finding is about."""

    text: str
    unsettled: tuple[tuple[str, str], ...]


def plain_quotes(text: str) -> str:
    """Curly marks made straight: how checks compare a translation with a
    glossary or its source, whichever way the translator typed them."""
    return text.translate(_PLAIN)


def is_english(locale: str | None) -> bool:
    """Whether a gettext locale (``en``, ``en_GB``) is English, whose
    translations have their quotes set."""
    return bool(locale) and re.split(r"[_-]", locale)[0].lower() == "en"


def typeset_quotes(text: str) -> str:
    """English text with straight quotes and apostrophes curled; inch and
    foot marks after figures (5'10", 12") left as typed."""
    return set_quotes(text).text


def unsettled_quotes(text: str) -> list[str]:
    """What setting the straight marks of ``text`` could not settle (an
    unbalanced or ambiguous quote). Curly marks a translator typed are only
    looked at when straight ones of their kind are there too: alone, their
    balance is the ``brackets`` check's business."""
    return [message for mark, message in set_quotes(text).unsettled if mark in text]


def set_quotes(text: str) -> Typeset:
    """One pass over ``text``: each straight mark is set by what stands on
    either side of it, and, where that does not tell, by which quotations
    are open (an open “ makes the next " a ”)."""
    out: list[str] = []
    opened: list[tuple[str, int]] = []  # (mark, position) of quotations not yet closed
    unsettled: list[tuple[str, str]] = []

    def close_double(at: int) -> None:
        # (A ’ closes only a ‘ on top, else it is an apostrophe: see _single.)
        if all(kind != DOUBLE for kind, _ in opened):
            unsettled.append((DOUBLE, f"” closes no quotation: {_near(text, at)}"))
            return
        while opened:  # a ” closes the ‘ still open inside it: they were not closed
            kind, where = opened.pop()
            if kind == DOUBLE:
                return
            unsettled.append((SINGLE, _never_closed(kind, text, where)))

    for at, char in enumerate(text):
        before = out[-1] if out else ""
        after = text[at + 1:at + 2]
        if char == "“":
            opened.append((DOUBLE, at))
        elif char == "‘":
            opened.append((SINGLE, at))
        elif char == "”":
            close_double(at)
        elif char == "’":  # closes what a straight ' in its place would close
            _single(text, at, before, after, opened, unsettled)
        elif char == DOUBLE:
            char = _double(text, at, before, after, opened, unsettled)
            if char == "“":
                opened.append((DOUBLE, at))
            elif char == "”":
                close_double(at)
        elif char == SINGLE:
            char = _single(text, at, before, after, opened, unsettled)
            if char == "‘":
                opened.append((SINGLE, at))
        out.append(char)
    unsettled += [(kind, _never_closed(kind, text, where)) for kind, where in opened]
    return Typeset("".join(out), tuple(unsettled))


def _double(text: str, at: int, before: str, after: str, opened, unsettled) -> str:
    """What a straight " is: “, ”, or an inch mark (after a figure, no
    quotation open)."""
    is_open = any(kind == DOUBLE for kind, _ in opened)
    if before.isdigit() and not is_open:
        return DOUBLE  # 12" and 5'10": inches
    opening, closing = _opens_after(before), _closes_before(after)
    if opening and not closing:
        return "“"
    if closing and not opening:
        return "”"
    # Both sides alike: the quotations open say which it is, a guess worth
    # a look between spaces or letters (between Han characters it is not:
    # Chinese has no spaces).
    if (_blank(before) and _blank(after)) or (_in_word(before) and _in_word(after)):
        where = "with a space on each side" if _blank(before) else "inside a word"
        unsettled.append((DOUBLE, f'" {where}: {_near(text, at)}'))
    return "”" if is_open else "“"


def _single(text: str, at: int, before: str, after: str, opened, unsettled) -> str:
    """What a straight ' is: ‘, ’ (a closing quote or an apostrophe, the
    same mark), or a foot mark (after a figure, no quotation open)."""
    if before.isdigit() and (after.isdigit() or not after.isalpha()) and \
            all(kind != SINGLE for kind, _ in opened):
        return SINGLE  # 5'10" and 40': feet
    if _in_word(before) and _in_word(after):
        return "’"  # don't, O'Brien, 1980's
    opening, closing = _opens_after(before), _closes_before(after)
    if opening and not closing:
        rest = text[at + 1:]
        word = _WORD.match(rest)
        if _SHORT_YEAR.match(rest) or (word and word.group().lower() in _ELISIONS):
            return "’"  # ’90s, ’tis, ’n’
        return "‘"
    if any(kind == SINGLE for kind, _ in opened) and (closing or not opening):
        if opened[-1][0] == SINGLE:
            opened.pop()
        return "’"  # a closing quote (or, at once, an apostrophe: 'the investors' money')
    if opening and closing:  # between two spaces, or two Han characters
        if _blank(before) and _blank(after):
            unsettled.append((SINGLE, f"' with a space on each side: {_near(text, at)}"))
            return "’"
        return "‘"
    return "’"  # investors’, {reporter}’s


# A Han character stands for a space: Chinese has none (他说"好").
def _opens_after(char: str) -> bool:
    return _blank(char) or char in _OPENS_AFTER or bool(HAN_RE.match(char))


def _closes_before(char: str) -> bool:
    return _blank(char) or char in _CLOSES_BEFORE or bool(HAN_RE.match(char))


def _in_word(char: str) -> bool:
    """A letter or digit of an English word (not a Han character)."""
    return char.isalnum() and not HAN_RE.match(char)


def _blank(char: str) -> bool:
    return not char or char.isspace()


def _never_closed(mark: str, text: str, at: int) -> str:
    if mark == DOUBLE:
        return f"“ never closed: {_near(text, at)}"
    return f"‘ never closed (if it is an apostrophe, as in ’cause, type ’): {_near(text, at)}"


def _near(text: str, at: int, width: int = 12) -> str:
    """The text around position ``at``, for a message: ``…said "no …``."""
    start, end = max(0, at - width), at + width + 1
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
