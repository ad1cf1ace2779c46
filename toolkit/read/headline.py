"""Where a saved page's headline stands, and what stands beside it.

A news page prints its headline and, just under it, the article's own
timestamp (``2014/12/1 18:13``, ``- 編輯部 @ 11-22-2014``, ``<time
datetime="…">``); the page's header may show today's date above it, and
its markup may carry dates of the page rather than the article. So the
article's date is read first where a reader sees it, beside the headline,
then from ``<time datetime>`` and ``datePublished``, and only then from
htmldate's guesses (:mod:`toolkit.read.html`). A page whose markup names no
headline (a ``<title>`` with the site's name only) still shows one: the
line the article's timestamp stands under. Plain functions over an lxml
tree; the date shapes are :mod:`toolkit.read.furniture`'s.
"""

from __future__ import annotations

import datetime
import re

from toolkit.han import has_han
from toolkit.read.furniture import DATE_IN_LINE, split_meta_line, stamp_date

#: Elements whose text no reader sees as the page's (or sees as a link).
_UNSEEN = frozenset(("script", "style", "title", "option", "select", "noscript", "textarea",
                     "head", "meta", "template"))
#: How many lines of text after the headline may stand before its timestamp
#: (a subtitle, a share bar, a desk's name, a picture's credit).
_AFTER = 8
#: Text this long with a sentence in it is the article: the timestamp is above it.
_SENTENCE = re.compile(r"[。！？]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _words(text: str | None) -> str:
    return " ".join((text or "").replace("\ufeff", "").replace("\u200b", "").split())


def _seen(node) -> bool:
    parent = node.getparent()
    return parent is not None and not any(
        isinstance(e.tag, str) and e.tag in _UNSEEN for e in (parent, *parent.iterancestors()))


def _is_body(text: str) -> bool:
    return len(text) >= 40 and _SENTENCE.search(text) is not None


def _is_link(element) -> bool:
    """A link to another page (not ``href="#"`` nor a script's)."""
    if element.tag != "a":
        return False
    href = (element.get("href") or "").strip().lower()
    return bool(href) and not href.startswith(("#", "javascript:"))


def headline_element(tree, title: str):
    """The element that shows ``title`` on the page (its whole text), the
    first outside links, menus and the ``<head>``; or None."""
    title = _words(title)
    if len(title) < 4:
        return None
    # (spaces differ: U+3000 on the page, " " in a title; a headline may
    # space out every character)
    probe = max(title.split(), key=len)[:8]
    probe = probe if len(probe) >= 2 else title[:8]
    if "'" in probe:
        return None
    for node in tree.xpath(f"//body//text()[contains(., '{probe}')]"):
        if not _seen(node):
            continue
        element = node.getparent()
        if not isinstance(element.tag, str):  # (the tail of a comment)
            element = element.getparent()
        for candidate in (element, *element.iterancestors()):
            if candidate.tag in ("body", "html") or len(_words(candidate.text_content())) > \
                    len(title) + 4:
                break
            if any(_is_link(a) for a in (candidate, *candidate.iterancestors())):
                break  # (another story's headline)
            if _words(candidate.text_content()) == title:
                return candidate
    return None


def visible_lines(tree) -> list[tuple[str, object, bool]]:
    """``(text, element, is its tail)`` for each run of text a reader sees
    in the page's body, in order (no script, style, menu or ``<head>``)."""
    # lazy: lxml (with trafilatura): only for saved web pages
    from lxml import etree

    body = tree.find("body")
    if body is None:
        return []
    found = []
    walk = etree.iterwalk(body, events=("start", "end"))
    for event, element in walk:
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            if element.tag in _UNSEEN:
                walk.skip_subtree()
            elif (text := _words(element.text)):
                found.append((text, element, False))
        elif element is not body and (tail := _words(element.tail)):
            found.append((tail, element, True))
    return found


def _inside(line: tuple[str, object, bool], element) -> bool:
    _, owner, tail = line
    return (owner is element and not tail) or any(a is element for a in owner.iterancestors())


def after_headline(tree, lines: list, titles) -> int | None:
    """Where the page's headline ends: the index in ``lines`` (the page's
    :func:`visible_lines`) of the first line after it; the headline is the
    first of ``titles`` the page shows, as an element of its own or at the
    start of a line (``黑客恫嚇… (國際)``), never inside a link. None if the
    page shows none."""
    for title in titles:
        element = headline_element(tree, title)
        if element is None:
            continue
        index = next((i for i, line in enumerate(lines) if _inside(line, element)), None)
        if index is None:
            continue
        while index < len(lines) and _inside(lines[index], element):
            index += 1
        return index
    for title in (_words(t) for t in titles):
        if len(title) < 6:
            continue
        for index, (text, owner, tail) in enumerate(lines):
            if text.startswith(title) and len(text) <= len(title) + 8 and not any(
                    _is_link(a) for a in (owner if not tail else owner.getparent(),
                                          *owner.iterancestors()) if a is not None):
                return index + 1
    return None


def _key(text: str) -> str:
    return re.sub(r"\W", "", text)[:10]


def lines_after_headline(lines: list, after: int | None, text: str,
                         within: int = 30) -> int | None:
    """How many lines after the headline ``text`` starts (within
    ``within``), or None."""
    key = _key(text)
    if after is None or len(key) < 6:
        return None
    return next((distance for distance, (line, _, _) in enumerate(lines[after:after + within])
                 if key in re.sub(r"\W", "", line)), None)


def visible_date(lines: list, after: int | None) -> datetime.date | None:
    """The article's timestamp as the page shows it under its headline
    (``after``: where it ends, :func:`after_headline`), within a few lines,
    before the article's second sentence (the first may be a picture's
    caption); or None."""
    if after is None:
        return None
    sentences = 0
    for text, _, _ in lines[after:after + _AFTER]:
        sentences += _is_body(text)
        if sentences > 1:
            break
        meta = split_meta_line(text)
        if meta is not None:
            return meta[0]
    return None


def time_element_date(tree) -> datetime.date | None:
    """The first ``<time datetime>`` (or ``pubdate``) of the page's body: a
    date the page marks for machines as the one it shows."""
    for element in tree.xpath("//body//time[@datetime]"):
        if any(a.tag in ("aside", "footer", "nav") for a in element.iterancestors()):
            continue
        date = iso_date(element.get("datetime"))
        if date is not None:
            return date
    return None


def iso_date(text: str | None) -> datetime.date | None:
    """The date an ISO 8601 text (``2020-08-08T10:22:00+08:00``) starts with."""
    found = _ISO_DATE.match((text or "").strip())
    if found is None:
        return None
    try:
        return datetime.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def timestamp_headline(lines: list, body_start: str) -> str:
    """The headline a page shows without naming it in its markup: the line
    just above the article's timestamp (``2014/12/11 18:58 報導``), that
    timestamp standing among the few lines above ``body_start`` (the
    article's first words); or ''. ``lines``: the page's :func:`visible_lines`."""
    probe = _words(body_start)[:8]
    if len(probe) < 4:
        return ""
    start = next((i for i, (text, _, _) in enumerate(lines) if probe in text), None)
    if start is None:
        return ""
    above = [text for text, _, _ in lines[max(0, start - 12):start]]
    for index in range(len(above) - 1, 0, -1):
        text = above[index]
        if DATE_IN_LINE.search(text) and split_meta_line(text) is not None and \
                stamp_date(text) is not None:
            headline = above[index - 1]
            if 6 <= len(headline) <= 80 and has_han(headline) and not _SENTENCE.search(
                    headline[:-1]) and split_meta_line(headline) is None:
                return headline
            return ""
    return ""
