"""Saved web pages → :class:`~toolkit.model.Article`.

A page says more than its text: ``<title>``, ``<h1>``, Open Graph and
article metadata, byline elements, the structure of the body. The main
content and the metadata come from trafilatura (with htmldate), chosen by
measured accuracy on real Chinese news pages (see README and
``benchmarks/bench_html.py``); its output then goes through the same reader
as page text (:mod:`toolkit.read.page_text`): furniture rules, datelines, headings,
damage, glosses. Nothing here touches the network: trafilatura and htmldate
are handed a parsed tree, never a URL, and htmldate only reads dates from
the markup (no search of the text, whose fallbacks can reach for the clock).
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import datetime
import functools
import inspect
import re

from toolkit.errors import SourceError
from toolkit.han import has_han
from toolkit.model import HEADING, PARAGRAPH, Article, Block, Gloss
from toolkit.read.furniture import CLOSES_ARTICLE, DATE_IN_LINE
from toolkit.read.headline import (
    after_headline,
    lines_after_headline,
    headline_element,
    iso_date,
    time_element_date,
    timestamp_headline,
    visible_date,
    visible_lines,
)
from toolkit.read.lines import plain_lines
from toolkit.read.people import (
    CREDIT_LINE,
    UI_WORDS,
    closing_name,
    credited,
    info_bar_author,
    is_person,
    latin_byline,
    pen_names,
    person,
)
from toolkit.read.markup import (
    SUBHEAD_MAX_CHARS,
    credited_as_editor,
    densest_text,
    drop_link_lists,
    drop_streams,
    is_caption,
    lead_paragraph,
    pre_paragraphs,
    section_paragraphs,
    prose,
    read_markup,
    subheads,
)
from toolkit.read.page_text import read_article
from toolkit.read.subheads import PLAIN_SUBHEAD_MAX_CHARS, is_notice, never_a_heading, \
    plain_subheads

HTML_SUFFIXES = (".html", ".htm")

# A site's name after the headline in <title>: "…｜即時｜蘋果新聞網｜蘋果日報",
# "… - 生活 - 自由時報電子報", "…-新华网", "… | 社會 | 中央社 CNA".
# (a site's name after a hyphen or two, however spaced: "…電影- 星島日報網頁", "…--聯合新聞網")
_TITLE_SEPARATORS = re.compile(r"\s*[|｜_–—]\s*|\s+-\s+|\s*-{1,2}\s*(?=[^-\s]{1,14}"
                               r"(?:网|網|網頁|网页|報|报|電視台|电视台|新聞|新闻)$)")
#: Less sentence text than this (characters) in the main content is no article.
_LITTLE_PROSE = 60
_HEADLINE_CLASS = re.compile(r"(?<!sub)(?<!sub-)(?<!sub_)(?:title|headline)", re.I)
_BYLINE_CLASS = re.compile(r"author|byline|reporter|writer|journalist", re.I)


@dataclasses.dataclass(frozen=True)
class Page:
    """What the page's markup says, before its text is read."""

    title: str
    date: datetime.date | None
    author: str
    sitename: str
    url: str
    #: (line, text) of the main content's blocks, in order; headings marked
    blocks: tuple[tuple[int, str, bool], ...]
    #: (line, text) of the page's other text, for the report
    outside: tuple[tuple[int, str], ...]
    glosses: tuple[Gloss, ...]
    #: the page's <h1> texts
    headlines: tuple[str, ...] = ()
    #: texts the markup gives as a picture's caption
    captions: frozenset[str] = frozenset()
    #: texts the markup gives as subheads inside the article
    subheads: frozenset[str] = frozenset()
    #: the lines the page shows just under its headline (where a byline stands)
    under_headline: tuple[str, ...] = ()
    #: (line, text, False) of the element richest in sentences: the body to
    #: read when the extractor's leaves nothing (a one-paragraph story)
    dense: tuple[tuple[int, str, bool], ...] = ()
    #: the author an info bar's 作者 field names (出处：X 作者：Y 编辑：Y)
    info_author: str = ""
    #: whether the page also credits that name as its editor (a site may fill
    #: the field with the desk editor's name)
    info_edits: bool = False


def _line_finder(html: str):
    newline_offsets = [m.start() for m in re.finditer("\n", html)]

    def line_of(text: str, start: int = 0) -> tuple[int, int]:
        """(line in the HTML file, offset) where ``text`` begins, or (0, start)."""
        probe = text.strip()[:12]
        index = html.find(probe, start) if probe else -1
        if index < 0:
            return 0, start
        return bisect.bisect_left(newline_offsets, index) + 1, index
    return line_of


def _ruby_glosses(tree) -> list[Gloss]:
    """Take ``<rt>`` readings (and ``<rp>`` brackets) out of ``<ruby>``,
    keeping the base text; each reading is a gloss for the report."""
    glosses = []
    for ruby in list(tree.iter("ruby")):
        for node in list(ruby):
            if node.tag in ("rt", "rp"):
                if node.tag == "rt":
                    base = (ruby.text or "").strip()[-1:] or "?"
                    glosses.append(Gloss(node.sourceline or 0, base, node.text_content().strip()))
                tail = node.tail or ""
                node.tail = None
                previous = node.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    ruby.text = (ruby.text or "") + tail
                ruby.remove(node)
    return glosses


def _title(titles: list[str], headlines: list[str], others: list[str], sitename: str,
           shown: frozenset[str] = frozenset()) -> str:
    """The headline: an ``<h1>`` that the page's titles (schema.org
    headline, og:title, ``<title>``) contain; else an ``<h2>``/``<h3>`` they
    contain (the earliest in the title: a headline before its subtitle);
    else the title's words an ``<h1>`` starts with (a headline with its
    subtitle run on); else a line the page ``shown`` that the first title
    starts with, before a space; else the first title without the site's name."""
    titles = [t for t in titles if t.strip()]
    named = [h for h in headlines if h and has_han(h) and (any(h in t for t in titles)
                                                          or not titles)]
    if named:  # (the longest: another <h1> may hold the site's name)
        return max(named, key=len)
    for title in titles:
        inside = [h for h in others if len(h) >= 6 and has_han(h) and h in title]
        if inside:
            return min(inside, key=lambda h: (title.index(h), -len(h)))
    for heading in headlines:
        for title in titles:
            size = next((n for n in range(len(heading), 5, -1) if heading[:n] in title), 0)
            after = title[title.index(heading[:size]) + size:][:1] if size else ""
            if size >= 0.4 * len(heading) and not has_han(after):
                return heading[:size].strip()
    plain = titles[0].strip() if titles else ""
    # the page shows the headline alone, its <title> with the site's name
    # after a space (…技能大赛 湖南省中医药研究院附属医院)
    shown_head = max((text for text in shown if len(text) >= 6 and has_han(text)
                      and plain.startswith(text) and len(text) >= 0.6 * len(plain)
                      and plain[len(text):len(text) + 1].isspace()), key=len, default="")
    if shown_head:
        return shown_head
    parts = [p for p in _TITLE_SEPARATORS.split(plain) if p.strip()]
    if len(parts) > 1:
        named = [p for p in parts if not sitename or p.strip() not in sitename]
        return max(named or parts, key=lambda p: (has_han(p), len(p))).strip()
    return plain


#: A link to a writer's page on the site: /author/kisplay, /users/janus, /reporter/60169.
_WRITER_PAGE = re.compile(r"/(?:reporters?|authors?|users?|writers?|columnists?)/([^/?#]+)/?(?:$|[?#])")


def _byline_author(tree) -> tuple[str, bool]:
    """The writer a byline element names (``class="author"``, ``rel=author``,
    a link to a writer's page), and whether the markup alone vouches for it:
    Latin names in a byline element (DAVID E. SANGER, STEVEN LEE MYERS), or
    a handle that is its own writer's page (``<a href="/users/janus">janus``).
    A Han byline is only a candidate (a desk, an outlet before the name)."""
    first = ""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "meta"):
            continue
        classes = f"{element.get('class', '')} {element.get('itemprop', '')} {element.get('rel', '')}"
        href = element.get("href", "") if element.tag == "a" else ""
        page = _WRITER_PAGE.search(href)
        byline_class = _BYLINE_CLASS.search(classes) is not None
        if not (byline_class or page):
            continue
        # (a <time> or a date run into the byline is no part of the name)
        text = element.text_content()
        for time in element.iter("time"):
            text = text.replace(time.text_content(), " ", 1)
        text = " ".join(DATE_IN_LINE.sub(" ", text).split())
        if page and re.fullmatch(r"[A-Za-z][\w.-]{2,19}", text) \
                and page.group(1).lower() == text.lower() and text.lower() not in UI_WORDS:
            return text, True
        if byline_class and 4 <= len(text) <= 60 and latin_byline(text):
            return text, True
        if 2 <= len(text) <= 30 and has_han(text) and not first:
            # (only the first: later ones are other stories'; an outlet may
            # stand before the name: 工商時報 林淑惠)
            words = text.split()
            name = next((name for i in range(len(words))
                         if (name := person(" ".join(words[i:])))), "")
            if name:
                return name, False
            first = text
    return first, False


def _info_bar_author(tree) -> str:
    """The author an info bar's 作者 field names (出处：X 作者：Y 编辑：Z):
    the bar is the element around the field, up to two levels out."""
    for node in tree.xpath("//body//text()[contains(., '作者')]"):
        element = node.getparent()
        if element is None or element.tag in ("script", "style", "a", "title"):
            continue
        for candidate in [element, *element.iterancestors()][:3]:
            name = info_bar_author(" ".join(candidate.text_content().split()))
            if name:
                return name
    return ""


_BLOCK_TAGS = ("p", "head", "item", "quote", "cell")


def _main_blocks(main) -> list[tuple[str, bool]]:
    """trafilatura's ``<main>`` → ``(text, is a heading)`` per block: a
    paragraph's line breaks (``<lb/>``) and text left between blocks (a
    notice in a bare ``<div>``) make blocks of their own, so the reader's
    furniture rules see them one by one."""
    # lazy: lxml (with trafilatura, ≈0.15 s): only for saved web pages
    from lxml.etree import Element

    found: list[tuple[str, bool]] = []

    def add(text: str | None, heading: bool = False) -> None:
        for part in (text or "").split("\n"):
            part = " ".join(part.split())
            if part:
                found.append((part, heading))

    def walk(element) -> None:
        add(element.text)
        for child in element:
            if not isinstance(child.tag, str):  # a comment or a processing instruction
                add(child.tail)                 # holds no text of the page's
                continue
            if child.tag in _BLOCK_TAGS:
                parts = [child.text or ""]
                for inner in child:
                    if isinstance(inner.tag, str):
                        parts.append("\n" if inner.tag == "lb" else "".join(
                            inner.itertext(tag=Element)))  # (no comment's text)
                    parts.append(inner.tail or "")
                add("".join(parts), child.tag == "head")
            else:
                walk(child)
            add(child.tail)

    walk(main)
    return found


#: What :func:`plain_lines` changes or refuses: line breaks other than "\n"
#: and control characters (a page rarely has any).
_UNUSUAL_CHARACTERS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
                                 "\x00-\x08\x0e-\x1b\x1f\x7f\x80-\x84\x86-\x9f]")


def page_metadata(tree):
    """trafilatura's metadata of the page, only what is read here: meta tags
    and JSON-LD (title, author, site name, URL) and htmldate's date from the
    markup only (no search of the text). trafilatura's own guess of an
    author from the page's elements, its categories, tags and licence are
    left out: a third of the reading time, and the byline is read here."""
    # lazy: trafilatura and htmldate (≈0.15 s): only for saved web pages
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_url

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # (as trafilatura does)
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - trafilatura's JSON reader has bugs of its own
        pass
    meta.url = meta.url or extract_url(tree)
    return meta


def _page_date(tree, lines: list, after: int | None, published: str,
               url: str | None) -> datetime.date | None:
    """The article's date: the timestamp the page shows under its headline,
    else a ``<time datetime>``, else the markup's ``datePublished``, else
    htmldate's reading of the markup (meta tags, the URL), else its wider
    search (the page's visible dates): a page's header may show today's
    date and its markup dates of the page, never the article's."""
    # lazy: htmldate (with trafilatura): only for saved web pages
    from htmldate import find_date

    _limit_htmldate_languages()
    date = visible_date(lines, after) or time_element_date(tree) or iso_date(published)
    if date is None:  # (htmldate copies the tree it is given before it prunes it)
        date = _iso_date(find_date(tree, extensive_search=False, original_date=True, url=url))
    if date is None:
        date = _iso_date(find_date(tree, extensive_search=True, original_date=True, url=url))
    return date


#: The languages a Chinese page writes its dates in (also 01 Dec 2025).
DATE_LANGUAGES = ("zh", "zh-Hant", "en")


@functools.cache
def page_date_parser():
    """dateparser for htmldate's wider search, told the page's languages:
    without them it tries all 205 of its locales, which costs 3–4 s the first
    time in a process (a CLI run reads one page) against 0.2 s."""
    # lazy: dateparser (with htmldate): only for a page whose date is found late
    from dateparser import DateDataParser

    return DateDataParser(languages=list(DATE_LANGUAGES), settings={
        # htmldate's own settings (htmldate.extractors.get_external_parser)
        "NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"],
        "PREFER_DATES_FROM": "past", "PREFER_LOCALE_DATE_ORDER": True,
        "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True})


def _limit_htmldate_languages() -> None:
    """Give htmldate our :func:`page_date_parser` (it builds its own from a
    module function it caches; if a release renames it, its own stays)."""
    # lazy: htmldate (with trafilatura): only for saved web pages
    import htmldate.extractors

    own = getattr(htmldate.extractors, "get_external_parser", None)
    if own is page_date_parser or not callable(own):
        return
    try:  # (called without arguments, as ours is)
        takes_none = not inspect.signature(own).parameters
    except (TypeError, ValueError):
        takes_none = False
    if takes_none:
        htmldate.extractors.get_external_parser = page_date_parser


#: How deep a saved page's elements may nest: a real page stays under 100;
#: deeper, the extractor's recursion would fail, so the page is refused whole.
MAX_DEPTH = 2000


def _depth(tree) -> int:
    deepest, stack = 0, [(tree, 1)]
    while stack:
        element, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in element)
    return deepest


_DOCUMENT_END = re.compile(r"</\s*(?:html|body)\s*>", re.I)


def read_page(html: str, path: str) -> Page:
    """The markup's metadata and main content (trafilatura), with lines."""
    # lazy: trafilatura and lxml (≈0.15 s): only for saved web pages
    import lxml.html
    import trafilatura
    from lxml import etree

    if _UNUSUAL_CHARACTERS.search(html):  # (translating a whole page costs ≈7 ms)
        html = plain_lines(html, path)  # lxml takes no control characters
    # A browser reads on past a </html> or </body> (a header included with
    # its own, as on 中国政府网); libxml2 drops the rest of the page. Blanked
    # to spaces of their length: offsets and lines stay.
    html = _DOCUMENT_END.sub(lambda m: " " * len(m.group(0)), html)
    try:
        # huge_tree: libxml2 otherwise stops nesting at 256 levels and drops
        # the rest of the page without a word (400 unclosed <font>s, say)
        tree = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"not a readable HTML page: {exc}", path, 1) from None
    depth = _depth(tree)
    if depth > MAX_DEPTH:
        raise SourceError(f"elements nested {depth} deep (at most {MAX_DEPTH} are read): "
                          "not a page the reader can take whole", path, 1)
    # Comments and processing instructions hold no text of the article, and
    # trafilatura trips on them: it keeps one inside a headline, and drops the
    # rest of a paragraph after one inside a <b>. Their tails are the page's.
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    glosses = _ruby_glosses(tree)
    pre_paragraphs(tree)
    section_paragraphs(tree)
    headings = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    others = [" ".join(h.text_content().split()) for h in tree.iter("h2", "h3")]
    # a heading whose class names it the page's title (itemTitle, main-headline)
    headings += [" ".join(h.text_content().split()) for h in tree.iter("h2", "h3", "h4")
                 if _HEADLINE_CLASS.search(f"{h.get('class', '')} {h.get('id', '')}")]
    markup = read_markup(tree)
    # (a caption is never a heading, bold and centred as it may be)
    # (and lines standing as subheads in text divided only by <br>s or <p>s)
    marked = tuple(m for m in dict.fromkeys(subheads(tree) + plain_subheads(tree))
                   if m[0] not in markup.captions and not never_a_heading(m[0]))
    # What is never the article (asides, related stories, the next story of
    # an infinite scroll) goes before trafilatura looks for the main content.
    article_tree = copy.deepcopy(tree)
    streams = drop_streams(article_tree) + drop_link_lists(article_tree)
    # (a byline in a box of other stories is theirs: the streamless page's)
    byline, vouched = _byline_author(article_tree)
    meta = page_metadata(tree)
    # favor_precision: on real pages it keeps the paragraphs apart where the
    # default run them together with the page around (中時, 蘋果).
    options = dict(output_format="xml", include_comments=False, include_tables=False,
                   include_images=False, include_links=False, with_metadata=False,
                   deduplicate=False)
    # (trafilatura copies the tree it is given: no copy of ours is needed)
    xml = trafilatura.extract(article_tree, favor_precision=True, **options) or ""
    if not xml and streams:  # (what was taken out held the article after all)
        xml = trafilatura.extract(tree, favor_precision=True, **options) or ""
    if not xml:  # (precision kept nothing: an old table layout, a page without <body>)
        xml = trafilatura.extract(tree, **options) or ""
    line_of = _line_finder(html)
    blocks = []
    offset = 0
    main = etree.fromstring(xml.encode("utf-8")).find("main") if xml else None
    for text, heading in _main_blocks(main) if main is not None else ():
        line, found = line_of(text, offset)
        offset = found if line else offset
        blocks.append((line, text, heading))
    if not markup.titles and not meta.title:  # (no <title>: trafilatura's guess, from <h1>s)
        # lazy: trafilatura (≈0.15 s): only for saved web pages
        from trafilatura.metadata import extract_title

        meta.title = extract_title(tree)
    titles = list(markup.titles) or [meta.title or ""]
    lines = visible_lines(tree)
    shown = frozenset(" ".join(text.split()) for text, _, _ in lines)
    title = _title(titles, headings, others, meta.sitename or "", shown)
    shown_h1 = [h for h in dict.fromkeys(headings) if len(h) >= 6 and has_han(h) and h in shown]
    if len(shown_h1) == 1 and not any(title in text for text in shown):
        # the markup's title for search engines, which the page never shows
        # (a different wording): the headline the page shows is its one <h1>
        title = shown_h1[0]
    # (the title read_html may take instead: the body's own headline, an <h1>)
    after = after_headline(tree, lines, [title, *headings])
    start, paragraphs = densest_text(article_tree)
    dense = []
    offset = 0
    for text in paragraphs:
        line, at = line_of(text, offset)
        offset = at if line else offset
        dense.append((line or start, text, False))
    if _densest_is_the_body(blocks, paragraphs, lines, after):
        # (the headline the extractor did find stays, on top)
        blocks = [b for b in blocks if b[1] in headings][:1] + dense
    blocks, heads = _with_subheads(blocks, marked, line_of)
    lead = lead_paragraph(tree, markup.description, [text for _, text, _ in blocks])
    if lead and (line := line_of(lead)[0]) and blocks and line <= blocks[0][0]:
        blocks.insert(0, (line, lead, False))  # (the lead, left out above the rest)
    inside = {text for _, text, _ in blocks}
    outside = []
    for element in tree.iter("p", "li", "h1", "h2", "h3", "h4", "a", "span", "div", "td"):
        if element.tag in ("div", "span", "td") and len(element):
            continue  # a container: its children are listed
        text = " ".join(element.text_content().split())
        if text and text not in inside and has_han(text) and len(text) < 300:
            outside.append((element.sourceline or 0, text))
    # (an author field some sites fill with the desk editor: a name the page
    # credits as its editor is none of the article's authors)
    credits = [text for _, text, _ in blocks] + [text for _, text in outside]
    info = _info_bar_author(tree)
    # (a name only a meta tag gives, which the page never shows, is the web
    # editor's on some sites: 中国政府网's <meta name=author>)
    shown_text = "\n".join(credits)
    authors = [a for a in (byline, *markup.authors, *(
                   a for a in (*markup.meta_authors, meta.author or "") if a and a in shown_text))
               if a and a not in markup.editors and not credited_as_editor(a, credits)]
    if blocks and headline_element(tree, title) is None:
        # the page's titles name no headline it shows (a <title> of the site's
        # name only): the headline is the line over the article's timestamp
        first = next((text for _, text, _ in blocks if prose([text])), blocks[0][1])
        shown = timestamp_headline(lines, first)
        if shown:
            title, after = shown, after_headline(tree, lines, [shown])
    date = _page_date(tree, lines, after, markup.published, meta.url)
    return Page(title=title, date=date,
                author=next((name for a in authors
                             if (name := a if vouched and a == byline else person(a))), ""),
                sitename=(meta.sitename or "").strip(), url=meta.url or "",
                blocks=tuple(blocks), outside=tuple(dict.fromkeys(outside)),
                glosses=tuple(glosses), headlines=tuple(h for h in headings if h),
                # (an image's alt text often repeats the headline: that is no caption)
                captions=markup.captions - set(headings) - set(titles), subheads=heads,
                under_headline=tuple(text for text, _, _ in lines[after:after + 8])
                if after is not None else (),
                dense=tuple(dense) if prose(paragraphs) else (),
                info_author=info, info_edits=bool(info) and (
                    info in markup.editors or credited_as_editor(info, credits)))


def _densest_is_the_body(blocks: list, paragraphs: list[str], lines: list,
                         after: int | None) -> bool:
    """Whether the page's element richest in sentences (``paragraphs``) is
    the article rather than what the extractor chose (``blocks``): when the
    extractor found next to no article (a body in a box it took for related
    stories); or when the element's text starts just under the headline and
    the extractor's starts further down or not at all (it chose a sidebar's
    teasers, a stream of other stories in a table) or holds three times as
    much (it took a whole old frame layout, menus and all)."""
    found = prose(text for _, text, _ in blocks)
    dense = prose(paragraphs)
    if found < _LITTLE_PROSE and dense > max(3 * found, 4 * _LITTLE_PROSE):
        return True
    first_dense = next((text for text in paragraphs if prose([text])), "")
    dense_at = lines_after_headline(lines, after, first_dense)
    if dense < 2 * _LITTLE_PROSE or dense_at is None:
        return False
    first_found = next((text for _, text, _ in blocks if prose([text])), "")
    found_at = lines_after_headline(lines, after, first_found)
    return found_at is None or dense_at < found_at or found > 3 * dense


def _with_subheads(blocks: list, marked, line_of) -> tuple[list, frozenset[str]]:
    """The main content's blocks with the page's own subheads: a block that
    is one is marked, and one the extractor left out is put back before the
    block (or subhead) that follows it on the page. A subhead followed by
    nothing of the article's is not the article's (a sidebar's title)."""
    def start(text: str) -> str:
        return re.sub(r"\W", "", text)[:10]

    blocks = list(blocks)
    heads = set()
    for text, after in reversed(marked):
        key = start(after)
        if not key:
            continue
        index = next((i for i, (_, t, _) in enumerate(blocks) if start(t) == key), None)
        if index is None:
            continue
        if index and blocks[index - 1][1] == text:
            blocks[index - 1] = (blocks[index - 1][0], text, True)
        elif index:  # (never above the first block: that is the title's place)
            blocks.insert(index, (line_of(text)[0] or blocks[index][0], text, True))
        else:
            continue
        heads.add(text)
    return blocks, frozenset(heads)


#: A block that is code, not text: CSS or script a page left in its body.
_CODE = re.compile(r"^[^\u3400-\u9fff]*[{};][^\u3400-\u9fff]*[{};][^\u3400-\u9fff]*$")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _is_code(text: str) -> bool:
    """A block of CSS or script a page left in its body: braces and
    semicolons, or rules of them with a few Han words (font names: 新細明體)."""
    if _CODE.search(text):
        return True
    return (text.count("{") >= 2 and text.count("}") >= 2 and text.count(";") >= 2
            and len(_HAN.findall(text)) < 0.2 * len(text))


#: An editor's note or a summary put before the article.
_FRONT_MATTER = re.compile(r"^(?:编者按|編者按|内容摘要|內容摘要|摘要|導讀|导读)\s*[：:]")
#: A block that ends what the article says: what follows is the site's
#: (related stories, more of the section, the next page).
_END_MARKERS = re.compile(r"^(?:相關新聞|相关新闻|延伸閱讀|延伸阅读|熱門新聞|热门新闻|更多新聞|"
                          r"更多新闻|其[它他]\s*\S{0,4}新聞|其[它他]\s*\S{0,4}新闻|你可能有興趣|"
                          r"猜你喜欢|推薦閱讀|推荐阅读|相關文章|相关文章|上一頁|上一页|下一頁|下一页)")
#: A closing note that is no paragraph: a credit or a source in brackets.
_CLOSING_NOTE = re.compile(r"^[（(][^（）()]{1,40}[）)]$")
_SENTENCE_END = tuple("。！？!?」』”…）)")
#: A desk's credit glued to the end of the last paragraph: （譯者：…/核稿：…）1120823,
#: （編輯：王小明）, 【責任編輯：…】.
_GLUED_CREDIT = re.compile(r"\s*[（(【](?:譯者|译者|核稿|編輯|编辑|責任編輯|责任编辑|校對|校对)"
                           r"[：:／/][^（）()【】]{0,40}[）)】]\s*\d{0,8}\s*$")


#: A related link glued to a paragraph's end, after its last sentence:
#: 。相關新聞刊P4版, 。延伸閱讀：…, 。（相關報道見A2）.
_GLUED_RELATED = re.compile(r"(?<=[。！？」』”])\s*[（(【]?(?:相關新聞|相关新闻|相關報道|相关报道|相關報導|"
                            r"相关报导|延伸閱讀|延伸阅读|相關文章|相关文章)[^。！？]{0,30}$")


def _without_tail(blocks: tuple) -> tuple:
    """The article's blocks without what trails it on a page: from an end
    marker (相關新聞, 下一頁 …) on, and the short lines that end it without a
    sentence (a counter, a button, 更多) or only a bracketed note
    (（綜合報道）, （作者：…）)."""
    kept = list(blocks)
    for index, block in enumerate(kept):
        if index and _END_MARKERS.match(block.text):
            kept = kept[:index]
            break
    if kept:  # (a desk's credit or a related link glued to the last paragraph is no part of it)
        last = kept[-1]
        text = _GLUED_RELATED.sub("", _GLUED_CREDIT.sub("", last.text))
        if text != last.text and text.strip():
            kept[-1] = dataclasses.replace(last, text=text)
    while len(kept) > 1:
        text = kept[-1].text.strip()
        short = len(text) <= 16 and not text.endswith(_SENTENCE_END)
        if short or _CLOSING_NOTE.match(text) or kept[-1].kind != "paragraph":
            kept.pop()
            continue
        break
    return tuple(kept)


def _subheads_as_headings(article: Article, marked: frozenset[str]) -> Article:
    """The page's own subheads are headings: a block the markup marks is one
    (a question, a quoted sentence, words with spaces), runs of them too; a
    marked line the text rules dropped (as a nav bar, a page header) comes
    back, in its place. Never a caption, a credit, or the last block."""
    if not marked:
        return article

    def fits(text: str) -> bool:
        return (len(text) <= PLAIN_SUBHEAD_MAX_CHARS and text != article.title
                and not CREDIT_LINE.fullmatch(text) and not credited([text])
                and not _END_MARKERS.match(text) and "。" not in text[:-1])

    first = article.blocks[0].line if article.blocks else 0
    back = [Block(HEADING, text, line) for line, text, rule in article.dropped
            if text in marked and fits(text) and line > first
            and rule in ("page header", "nav bar", "site name", "after the article")]
    blocks = sorted(list(article.blocks) + back, key=lambda b: b.line)
    last_paragraph = max((i for i, b in enumerate(blocks) if b.kind == PARAGRAPH), default=-1)
    blocks = [dataclasses.replace(b, kind=HEADING) if b.text in marked and fits(b.text)
              and i < last_paragraph else b for i, b in enumerate(blocks)]
    restored = {(b.line, b.text) for b in back}
    return dataclasses.replace(article, blocks=tuple(blocks), dropped=tuple(
        d for d in article.dropped if (d[0], d[1]) not in restored))


def _no_false_headings(article: Article) -> tuple[Article, list[Block]]:
    """The article without headings that cannot be one: a sentence, an
    attribution or a label (:func:`never_a_heading`) is a paragraph; a
    site's notice (转载请注明出处：…) goes. Returns the notices gone too."""
    blocks, gone = [], []
    for block in article.blocks:
        if is_notice(block.text) and len(block.text) <= SUBHEAD_MAX_CHARS:
            gone.append(block)
        elif block.kind == HEADING and never_a_heading(block.text):
            blocks.append(dataclasses.replace(block, kind=PARAGRAPH))
        else:
            blocks.append(block)
    return dataclasses.replace(article, blocks=tuple(blocks)), gone


def _iso_date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def read_html(html: str, *, path: str, slug: str, boilerplate=()) -> Article:
    """A saved page → the article: the page's title, date and byline, its
    main content read like page text (furniture, datelines, headings). When
    nothing of what the extractor chose is left a paragraph (a one-paragraph
    story whose only other block was a disclaimer), the page's element
    richest in sentences is read instead."""
    page = read_page(html, path)
    try:
        article = _read_page(page, path=path, slug=slug, boilerplate=boilerplate)
    except SourceError:
        if not page.dense or page.dense == page.blocks:
            raise
        article = None
    if (article is None or not any(b.kind == PARAGRAPH for b in article.blocks)) \
            and page.dense and page.dense != page.blocks:
        return _read_page(dataclasses.replace(page, blocks=page.dense), path=path, slug=slug,
                          boilerplate=boilerplate)
    return article


def _read_page(page: Page, *, path: str, slug: str, boilerplate=()) -> Article:
    """The article of a page whose main content is ``page.blocks``."""
    # Code a page writes as text (a <style> left in the body) and an
    # editor's front matter (编者按, 内容摘要) are no part of the article.
    # A picture's caption (as the markup or its own words say) and a line
    # that only credits the reporter (記者鄧厚仁報道) are not paragraphs.
    cut = []
    kept = []
    for index, block in enumerate(page.blocks):
        rule = ("code" if _is_code(block[1]) else
                # a name alone at the top of the body: a columnist's byline
                "byline" if index < 3 and not kept and is_person(block[1])
                and block[1] not in page.headlines else
                "editor's front matter" if _FRONT_MATTER.match(block[1]) else
                "photo caption" if block[1] not in page.subheads
                and is_caption(block[1], page.captions) else
                "byline" if CREDIT_LINE.fullmatch(block[1]) else "")
        (cut if rule else kept).append((block[0], block[1], rule) if rule else block)
    # The editor's credit (责任编辑：…) or a portal's "back to …, more"
    # closes the article: what follows it, shorter than the article, is the
    # site's (another story embedded, a teaser).
    closing = next((i for i, block in enumerate(kept) if i and CLOSES_ARTICLE.match(block[1])),
                   None)
    if closing is not None and sum(len(b[1]) for b in kept[closing + 1:]) < sum(
            len(b[1]) for b in kept[:closing]):
        cut += [(line, text, "after the article") for line, text, _ in kept[closing + 1:]]
        kept = kept[:closing + 1]
    page = dataclasses.replace(page, blocks=tuple(kept))
    if not page.blocks:
        raise SourceError("no article text found in the page (is it an article page?)", path, 1)
    if page.blocks[0][1] in page.headlines and page.blocks[0][1] != page.title \
            and not page.blocks[0][1].startswith(page.title):
        # the body starts with the page's own headline: that is the title
        page = dataclasses.replace(page, title=page.blocks[0][1])
    elif not any(page.title in text for _, text, _ in page.blocks):
        # a headline just under a breadcrumb, and the page's titles say
        # nothing of it (a site's tagline in <title>): the headline is the title
        top = next((i for i, (_, text, _) in enumerate(page.blocks[:3])
                    if text in page.headlines and len(text) >= 6), None)
        if top is not None:
            cut += [(line, text, "above the title") for line, text, _ in page.blocks[:top]]
            page = dataclasses.replace(page, title=page.blocks[top][1],
                                       blocks=page.blocks[top:])
    # The main content as page text, a block a paragraph, the title on top;
    # each line remembers its line in the HTML file.
    lines = [page.title, ""]
    origin = {1: page.blocks[0][0]}
    for line, text, _heading in page.blocks:
        if text == page.title or (text in page.headlines and text.startswith(page.title)):
            continue  # (the headline, or the headline with its subtitle run on)
        lines += [text, ""]
        origin[len(lines) - 1] = line
    article = read_article("\n".join(lines), path=path, slug=slug, boilerplate=boilerplate,
                           title_first=True)

    def where(line: int) -> int:
        return origin.get(line, 0)

    dateline = article.dateline
    if dateline is not None:
        dateline = dataclasses.replace(dateline, line=where(dateline.line))
    warnings = [(where(line), message) for line, message in article.warnings]
    dropped = [(where(line), text, rule) for line, text, rule in article.dropped]
    dropped += [(line, text, "outside the main content") for line, text in page.outside]
    dropped += cut
    article = _subheads_as_headings(article, page.subheads)
    article, notices = _no_false_headings(article)
    dropped += [(where(b.line), b.text, "site notice") for b in notices]
    blocks = _without_tail(article.blocks)
    dropped += [(where(b.line), b.text, "after the article's end") for b in
                article.blocks[len(blocks):]]
    article = dataclasses.replace(article, blocks=blocks)
    near = [text for _, text, _ in page.blocks[:4] + page.blocks[-6:]]
    own = credited(
        near + [text for _, text, rule in cut if rule == "byline"]
        + [f"作者：{text}" for _, text, rule in cut if rule == "byline" and is_person(text)])
    reporter = person(dateline.reporter) if dateline else ""
    if reporter and own.startswith(reporter + "、"):
        reporter = own  # (the dateline's reporter and the one after: 记者 X Y)
    paragraphs = [b.text for b in article.blocks if b.kind == PARAGRAPH]
    # (an info bar's 作者 field that also names the editor gives way to the
    # article's own credit: the field may hold the desk editor's name)
    author = page.author or (page.info_author if not page.info_edits else "") or reporter \
        or own or page.info_author or credited(
            list(page.under_headline) + [text for _, text in page.outside[:40]]) or (
        closing_name(paragraphs[-1]) if paragraphs else "") or next(
        (names for text in near + [t for _, t, _ in cut] if (names := pen_names(text))), "")
    return dataclasses.replace(
        article, title=article.title, title_line=page.blocks[0][0],
        blocks=tuple(dataclasses.replace(b, line=where(b.line)) for b in article.blocks),
        dateline=dateline, date=page.date or article.date, author=author,
        publication=page.sitename, url=page.url,
        glosses=page.glosses + tuple(dataclasses.replace(g, line=where(g.line))
                                     for g in article.glosses),
        dropped=tuple(sorted(dropped)), warnings=tuple(sorted(warnings)))
