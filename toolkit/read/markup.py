"""What a saved page's markup says about its article, beside its text.

Pages mark their article for search engines and social sites: JSON-LD and
microdata (``headline``, ``datePublished``, ``author``, ``articleBody``),
Open Graph and ``<meta>`` tags. They mark their pictures (``<figure>``,
``<figcaption>``, an image's ``alt``), their subheads (``<h2>``, ``<h3>``, a
paragraph all in bold) and what is not the article (``<aside>``, a box of
related stories, the next story of an infinite scroll). This module reads
those kinds of markup, whatever the site: plain functions over an lxml tree
that return frozen values; :mod:`toolkit.read.html` weighs them with the
text signals of :mod:`toolkit.read.page_text`.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re

from toolkit.han import has_han
from toolkit.read.figures import has_picture_credit, image_captions

#: Schema.org types of an article (NewsArticle, ReportageNewsArticle, …).
_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Report)$")
#: A subhead is short: a sentence-long line is a paragraph in bold.
SUBHEAD_MAX_CHARS = 40


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclasses.dataclass(frozen=True)
class Markup:
    """The article as the page's structured data and meta tags describe it."""

    #: schema.org headline, og:title, twitter:title, <title>: in that order
    titles: tuple[str, ...] = ()
    #: datePublished (ISO text as given), or ''
    published: str = ""
    #: names from author fields (schema.org, itemprop=author)
    authors: tuple[str, ...] = ()
    #: names from meta tags (article:author, <meta name=author>, dc.creator):
    #: some sites fill them with the web editor, whom the page never shows
    meta_authors: tuple[str, ...] = ()
    #: names the page gives as its editors (schema.org editor, <meta name=editor>)
    editors: tuple[str, ...] = ()
    #: schema.org articleBody, as given
    body: str = ""
    #: og:description or <meta name=description>: often the first paragraph
    description: str = ""
    #: texts that caption a picture (figcaption, alt text, og:image:alt)
    captions: frozenset[str] = frozenset()


def _json_ld_articles(tree) -> list[dict]:
    """The article objects of the page's JSON-LD (in @graph, lists, nested)."""
    found: list[dict] = []

    def visit(value, depth: int = 0) -> None:
        if depth > 6:
            return
        if isinstance(value, list):
            for item in value:
                visit(item, depth + 1)
        elif isinstance(value, dict):
            kinds = value.get("@type", "")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds):
                found.append(value)
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
                if key in value:
                    visit(value[key], depth + 1)

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            visit(json.loads(script.text or "", strict=False))
        except (ValueError, RecursionError):  # a page's broken JSON says nothing
            continue
    return found


def _names(value) -> list[str]:
    """Names in a schema.org author value: a string, a Person, a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name", ""))
    if isinstance(value, list):
        return [name for item in value[:6] for name in _names(item)]
    return []


def _meta(tree) -> dict[str, str]:
    """``<meta>`` contents by property or name (the first of each)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = _words(meta.get("content"))
        if key and content and key not in found:
            found[key] = content
    return found


def _itemprop(tree, name: str) -> list:
    return tree.xpath(f"//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' {name} ')]")


#: Meta tags that give an article's first publication, by their names.
_PUBLISHED_META = ("article:published_time", "firstpublishedtime", "publishdate", "pubdate",
                   "publish_date", "publishtime", "dc.date.issued", "dcterms.issued")


def read_markup(tree) -> Markup:
    """The article's headline, date, authors, body and the page's captions,
    from JSON-LD, microdata and meta tags."""
    articles = _json_ld_articles(tree)
    meta = _meta(tree)
    titles = [_words(a.get("headline")) for a in articles if isinstance(a.get("headline"), str)]
    titles += [_words(e.text_content()) for e in _itemprop(tree, "headline")]
    titles += [meta.get(key, "") for key in ("og:title", "twitter:title")]
    titles += [_words(t.text_content()) for t in tree.iter("title")][:1]
    published = next((a["datePublished"] for a in articles
                      if isinstance(a.get("datePublished"), str)), "")
    if not published:
        published = next((e.get("content") or e.get("datetime") or _words(e.text_content())
                          for e in _itemprop(tree, "datePublished")), "")
    # (the names Chinese CMSs give it: 中国政府网 firstpublishedtime, 人民网 publishdate)
    published = published or next((meta[key] for key in _PUBLISHED_META if meta.get(key)), "")
    authors = [name for a in articles for name in _names(a.get("author"))]
    authors += [_words(e.get("content") or e.text_content()) for e in _itemprop(tree, "author")]
    meta_authors = [meta.get(key, "") for key in ("article:author", "author", "dc.creator")]
    editors = [name for a in articles for name in _names(a.get("editor"))]
    editors += [meta.get(key, "") for key in ("editor", "article:editor")]
    body = next((a["articleBody"] for a in articles if isinstance(a.get("articleBody"), str)),
                "")
    if not body:
        body = next(("\n".join(_words(p.text_content()) for p in e.iter("p")) or
                     e.text_content() for e in _itemprop(tree, "articleBody")), "")
    return Markup(titles=tuple(dict.fromkeys(t for t in titles if t)), published=published,
                  authors=tuple(dict.fromkeys(_words(a) for a in authors
                                              if a and "://" not in a)),
                  meta_authors=tuple(dict.fromkeys(_words(a) for a in meta_authors
                                                   if a and "://" not in a)),
                  editors=tuple(_words(e) for e in editors if e),
                body=body, captions=captions(tree, meta),
                description=next((meta[k] for k in ("og:description", "description",
                                                    "twitter:description") if k in meta), ""))


#: An editor's credit before a name: 责任编辑：X, （编辑：X Y）, 責編／X.
_EDITOR_CREDIT = re.compile(r"(?:编辑|編輯|责编|責編|主编|主編|校对|校對|核稿|譯者|译者)\s*[：:／/]")


def credited_as_editor(name: str, texts) -> bool:
    """Whether ``texts`` (a page's lines) credit ``name`` as an editor."""
    for text in texts:
        for match in _EDITOR_CREDIT.finditer(text):
            if name in text[match.end():match.end() + 30]:
                return True
    return False


#: Class or id words of a picture's caption.
_CAPTION_CLASS = re.compile(r"caption|img-?desc|pic-?(?:text|desc|info)|photo-?(?:text|desc)|"
                            r"img-?(?:text|txt|note)|figure-?text|imgtxt|pictext", re.I)


def captions(tree, meta: dict[str, str] | None = None) -> frozenset[str]:
    """Texts that caption a picture: ``<figcaption>``, an element classed as
    a caption, an image's alt or title text, ``og:image:alt``. Short alt
    texts (一張圖片, logo) are no caption of the article's."""
    meta = _meta(tree) if meta is None else meta
    found = {_words(e.text_content()) for e in tree.iter("figcaption")}
    for element in tree.xpath("//*[@class or @id or @itemprop]"):
        if element.tag in ("body", "html", "article"):
            continue
        words = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"
        if _CAPTION_CLASS.search(words):
            text = _words(element.text_content())
            if len(text) <= 200:
                found.add(text)
    for image in tree.iter("img"):
        found.update(_words(image.get(key)) for key in ("alt", "title"))
    found.update(meta.get(key, "") for key in ("og:image:alt", "twitter:image:alt"))
    # (a caption laid out under its picture may be as short as a place's name)
    return frozenset(text for text in found if len(text) >= 6 and has_han(text)) | \
        image_captions(tree)


#: A caption's own words, at a line's start or end: 图注：…, 圖說：…, ▲…,
#: ◎ 电影《…》截图, …（資料圖片）, …（圖片來源：…）.
_CAPTION_LINE = re.compile(
    r"^(?:[▲▼△▽◎↑↓]|(?:图注|圖註|圖注|图说|圖說|图说明|圖片說明|图片说明|圖片|图片|圖|图|资料图|資料圖)"
    r"\s*[：:／/])"
    r"|(?:截图|截圖|資料圖片|资料图片|資料圖|资料图|網上圖片|网上图片)\s*[）)]?$"
    r"|[（(](?:圖|图|圖片|图片|相片|照片)(?:來源|来源|提供)?\s*[：:／/][^（）()]{0,30}[）)]$")


def is_caption_line(text: str) -> bool:
    """Whether a line reads as a picture's caption by its own words (a
    caption's label, or a picture's credit at its end: …摄, …供图, …截图)."""
    return bool(_CAPTION_LINE.search(text.strip())) or (
        len(text) <= 200 and has_picture_credit(text))


def is_caption(text: str, known: frozenset[str]) -> bool:
    """Whether a block is a caption: one the markup names, or one by its words.
    A block that holds a known caption and little else counts (a caption
    with its credit glued on)."""
    text = _words(text)
    if is_caption_line(text):
        return True
    if text in known:
        return True
    return len(text) <= 200 and any(
        len(caption) >= 0.7 * len(text) and caption in text for caption in known)


#: Class or id words of what is not the article: related and recommended
#: stories, the most read, the next story of an infinite scroll, comments.
_STREAM_CLASS = re.compile(
    r"(?:^|[-_\s])(?:related|recommend\w*|also-?read|more-?(?:news|stories|articles)|"
    r"popular|most-?(?:read|viewed|popular)|trending|hot-?news|ranking|read-?next|"
    r"next-?(?:article|story|post)s?|infinite\w*|you-?may\w*|sidebar|side-?bar|"
    r"comments?|repl(?:y|ies)|disqus|talkback|outbrain|taboola)(?:$|[-_\s])", re.I)


def drop_streams(tree) -> int:
    """Take out of ``tree`` what is never the article: ``<aside>``s, boxes
    classed as related or recommended stories, comments or the next story,
    and the ``<article>``s after the first one that holds the headline (an
    infinite scroll's stream). An element that holds the page's ``<h1>`` or
    ``articleBody`` is kept whatever its class. Returns how many went."""
    keep = set()
    for element in list(tree.iter("h1")) + _itemprop(tree, "articleBody"):
        keep.update(element.iterancestors())
        keep.add(element)
    doomed = []
    for element in tree.xpath("//aside | //*[@class or @id]"):
        if element in keep or element.tag in ("html", "body", "head", "main"):
            continue
        words = f"{element.get('class', '')} {element.get('id', '')}"
        if element.tag == "aside" or _STREAM_CLASS.search(words):
            doomed.append(element)
    articles = [a for a in tree.iter("article") if not any(
        ancestor.tag == "article" for ancestor in a.iterancestors())]
    if len(articles) > 1:
        first = next((a for a in articles if a in keep), articles[0])
        doomed += [a for a in articles[articles.index(first) + 1:] if a not in keep]
    gone = 0
    for element in doomed:
        if element.getparent() is not None and not any(
                ancestor in doomed for ancestor in element.iterancestors()):
            _remove(element)
            gone += 1
    return gone


def _remove(element) -> None:
    """Take ``element`` out of its tree, keeping the text after it (its tail)."""
    tail, parent, previous = element.tail, element.getparent(), element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


_SUBHEAD_TAGS = ("h2", "h3", "h4", "h5", "h6")
_BOLD = ("b", "strong")


def _bold_only(element) -> bool:
    """A paragraph whose every word is in bold (``<p><strong>…</strong></p>``)."""
    if (element.text or "").strip():
        return False
    children = [c for c in element if isinstance(c.tag, str) and c.tag != "br"]
    return bool(children) and all(
        c.tag in _BOLD and not (c.tail or "").strip() for c in children)


def subheads(tree) -> tuple[tuple[str, str], ...]:
    """``(subhead, what follows it)`` for the page's own subheads: ``<h2>``–
    ``<h6>`` and paragraphs all in bold, short, not a link, each with the
    first words of the text after it (so that only those inside the article,
    followed by its paragraphs or by another subhead, are taken)."""
    found = []
    for element in tree.xpath("//h2 | //h3 | //h4 | //h5 | //h6 | //p[b or strong]"
                              " | //div[b or strong]"):
        if element.tag in ("p", "div") and not _bold_only(element):
            continue
        text = _words(element.text_content())
        # (a subhead may be all Latin on a Chinese page: a talk's English title)
        if not text or len(text) > SUBHEAD_MAX_CHARS or not (
                has_han(text) or len(re.findall(r"[A-Za-z]+", text)) >= 3):
            continue
        if any(a.tag == "a" for a in element.iter("a")) or any(
                a.tag == "a" for a in element.iterancestors()):
            continue
        after = element.xpath("string(following::text()[normalize-space()][1])")
        found.append((text, _words(str(after))))
    return tuple(found)


def _key(text: str) -> str:
    return re.sub(r"\W", "", text)[:12]


def lead_paragraph(tree, description: str, blocks: list[str]) -> str:
    """The article's first paragraph when the extractor left it out: the
    text on the page that the page's description starts (sites describe an
    article by its lead), when none of ``blocks`` holds it already."""
    key = _key(description)
    if len(key) < 12 or not has_han(key) or any(key in _key(b) or key in re.sub(r"\W", "", b)
                                                  for b in blocks):
        return ""
    probe = description.strip().lstrip("\u3000 ")[:8]
    if not probe or "'" in probe:
        return ""
    for node in tree.xpath(f"//body//text()[contains(., '{probe}')]"):
        parent = node.getparent()
        if parent is None or parent.tag in ("script", "style", "title", "a"):
            continue
        text = _words(str(node))
        if _key(text) == key and len(text) >= 30:
            return text
    return ""


_SENTENCE = re.compile(r"[。！？]")
#: A site's disclaimer or copyright notice: sentences, but never the article.
_DISCLAIMER = re.compile(r"[【\[［(（]?\s*(?:免责声明|免責聲明|版权声明|版權聲明|风险提示|風險提示|"
                         r"本站郑重声明|本站鄭重聲明)")
_BLOCK_BREAKS = ("br", "p", "div", "li", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote")


def prose(texts) -> int:
    """How much sentence text ``texts`` hold (lines with a sentence's end)."""
    return sum(len(t) for t in texts if _SENTENCE.search(t) and len(t) >= 20)


def densest_text(tree) -> tuple[int, list[str]]:
    """``(line, paragraphs)`` of the element that holds the most sentence text
    within three levels of it: where an article stands when an extractor
    found none (a body in a box whose class says "related", an old table
    layout). Paragraphs are split where blocks and line breaks are."""
    score: dict = {}
    for node in tree.xpath("//body//text()[normalize-space()]"):
        parent = node.getparent()
        if parent is not None and node.is_tail:  # (the text after a link is its parent's)
            parent = parent.getparent()
        if parent is None or parent.tag in ("script", "style", "a", "option", "title"):
            continue
        text = str(node).strip()
        # (a site's disclaimer is sentences, but never the article)
        if len(text) < 20 or not _SENTENCE.search(text) or _DISCLAIMER.match(text):
            continue
        for level, element in enumerate([parent, *parent.iterancestors()][:4]):
            if element.tag in ("body", "html"):
                break
            score[element] = score.get(element, 0) + len(text) * (1 - 0.01 * level)
    if not score:
        return 0, []
    best = max(score, key=score.get)
    box = copy.deepcopy(best)
    for element in box.iter(*_BLOCK_BREAKS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    for element in box.iter("script", "style"):
        element.text = ""
    return best.sourceline or 0, [p for p in (_words(t) for t in box.text_content().split("\n")) if p]


def pre_paragraphs(tree) -> int:
    """Turn each ``<pre>`` whose text blank lines divide into paragraphs
    (a news page's preformatted body: a TV station's script) into a
    ``<div>`` of ``<p>``s, so that no extractor runs them together. A
    ``<pre>`` holding markup (code, a table) stays. Returns how many."""
    # lazy: lxml (with trafilatura): only for saved web pages
    from lxml.html import Element

    changed = 0
    for pre in list(tree.iter("pre")):
        if len(pre) or not has_han(pre.text or ""):
            continue
        parts = [_words(part) for part in re.split(r"\n\s*\n", pre.text or "")]
        parts = [part for part in parts if part]
        if len(parts) < 2:
            continue
        box = Element("div")
        for part in parts:
            paragraph = Element("p")
            paragraph.text = part
            box.append(paragraph)
        box.tail = pre.tail
        pre.getparent().replace(pre, box)
        changed += 1
    return changed


#: Elements that sit inside a line of text.
_INLINE = frozenset(("span", "strong", "b", "em", "i", "a", "img", "br", "font", "u", "sup", "sub",
                     "small", "big", "mark", "code", "label", "s", "ins", "del", "abbr", "wbr"))


def section_paragraphs(tree) -> int:
    """Turn each ``<section>`` that holds a line of text and no block (a
    WeChat article's paragraph: ``<section><span>…</span></section>``) into
    a ``<p>``, so that the extractor keeps the paragraphs apart rather than
    running a whole article into one. Returns how many."""
    changed = 0
    for section in list(tree.iter("section")):
        if has_han(section.text_content()) and all(
                isinstance(element.tag, str) and element.tag in _INLINE
                for element in section.iterdescendants()):
            section.tag = "p"
            changed += 1
    return changed


#: An item of a list of links is a headline's length at most: a longer
#: linked sentence is the article's own (a list of sources, of steps).
LINK_ITEM_MAX_CHARS = 50


def drop_link_lists(tree) -> int:
    """Take out of ``tree`` the lists whose every item is only a link (a
    related story's headline inside the article, a menu): never the
    article's text. Returns how many went."""
    gone = 0
    for listing in list(tree.iter("ul", "ol")):
        items = [child for child in listing if isinstance(child.tag, str)]
        if not items or any(child.tag != "li" for child in items):
            continue
        if all(0 < len(_words(item.text_content())) <= LINK_ITEM_MAX_CHARS
               and _words(item.text_content()) == _words("".join(
                   a.text_content() for a in item.iter("a") if (a.get("href") or "").strip()))
               for item in items) and listing.getparent() is not None:
            _remove(listing)
            gone += 1
    return gone
