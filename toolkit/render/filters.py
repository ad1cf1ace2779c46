"""Jinja2 filters: CSS strings, Han–Latin spacing, no widowed tails."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from toolkit.han import HAN_RE


def css_string(text: str) -> str:
    """A CSS string literal, safe inside a ``<style>`` element: a quote, a
    backslash, a newline or any other unprintable character (the ways out of
    a CSS string) and ``<`` ``>`` (the ways out of the element) become CSS
    escapes."""
    return '"' + "".join(f"\\{ord(ch):x} " if ch in '"\\<>' or not ch.isprintable() else ch
                         for ch in text) + '"'


def css_counter_content(label: str) -> Markup:
    """``第 {page} 页 / 共 {pages} 页`` → a CSS ``content`` value with counters."""
    parts: list[str] = []
    rest = label
    while rest:
        positions = [(rest.find(k), k) for k in ("{page}", "{pages}") if k in rest]
        if not positions:
            parts.append(css_string(rest))
            break
        index, key = min(positions)
        if index:
            parts.append(css_string(rest[:index]))
        parts.append(f"counter({key[1:-1]})")
        rest = rest[index + len(key):]
    return Markup(" ".join(parts) or '""')


# A run of Latin letters or digits (with the signs that stay inside one:
# 2,600  1.5  70%  AI+  COVID-19; and the word joiners that keep it whole).
_LATIN_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9+.,:%/&'’\u2060-]*[A-Za-z0-9%+])?")


def han_latin_spacing(text: str) -> Markup:
    """Escape ``text`` and wrap each Latin/digit run that touches a Han
    character in a span whose CSS margin makes the ¼ em gap (W3C clreq): the
    text itself keeps ``7月21日`` as it is, the space is made by layout."""
    parts: list[str] = []
    last = 0
    for match in _LATIN_RUN.finditer(text):
        start, end = match.span()
        classes = [name for name, char in (("hl-before", text[start - 1:start]),
                                           ("hl-after", text[end:end + 1]))
                   if char and HAN_RE.match(char)]
        if not classes:
            continue
        parts.append(escape(text[last:start]))
        parts.append(Markup('<span class="hl {}">{}</span>').format(" ".join(classes),
                                                                       match.group()))
        last = end
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def keep_tail(text: str) -> Markup:
    """:func:`han_latin_spacing`, with the last two Han characters and the
    punctuation after them in one unbreakable ``<span class="tail">``: a
    paragraph's last line never holds a lone character (clreq)."""
    positions = [match.start() for match in HAN_RE.finditer(text)]
    if len(positions) < 4:
        return han_latin_spacing(text)
    start = positions[-2]
    tail = text[start:]
    if _LATIN_RUN.search(tail):  # a Latin run at the end keeps its own spacing
        return han_latin_spacing(text)
    return han_latin_spacing(text[:start]) + Markup('<span class="tail">{}</span>').format(tail)


def fill(label: str, **values: object) -> str:
    """Brace placeholders in a translated label: ``{place}, {date}``. A
    placeholder the translator dropped is simply absent; an unknown one is
    left as written so a check can find it."""
    out = label
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


_EMPTY_BRACKETS = re.compile(r"[（(]\s*[）)]")
_LOOSE_ENDS = re.compile(r"^[\s,，;；:：]+|[\s,，;；:：]+$")


def tidy(text: str) -> str:
    """A filled label with some placeholders empty, without the punctuation
    that framed them: ``, March 10 ()`` → ``March 10``."""
    text = _EMPTY_BRACKETS.sub("", text)
    text = re.sub(r"([,，])\s*(?=[,，])", "", text)
    return re.sub(r"\s{2,}", " ", _LOOSE_ENDS.sub("", text))
