"""Pictures and their captions, as a saved page lays them out.

Not every site marks a caption (``<figcaption>``, ``class="caption"``). Most
mainland pages put the picture in a paragraph of its own and the caption in
the next one, a plain ``<p>`` or a centred line in bold; some print it in a
smaller font; a caption often ends with its credit (``记者 X 摄``,
``X 供图``, ``…截图``). A caption is never a paragraph or a heading of the
article. Plain functions over an lxml tree; :mod:`toolkit.read.markup`
adds what they find to the captions the markup names.
"""

from __future__ import annotations

import re

from toolkit.han import has_han

#: A caption is short: a line this long after a picture is the article's.
CAPTION_MAX_CHARS = 40
#: A line that ends in a picture's credit is a caption however long (up to this).
CREDITED_CAPTION_MAX_CHARS = 200
#: Elements that make a block of text on the page.
_BLOCKS = frozenset(("p", "div", "figcaption", "td", "li", "center", "section", "dd", "dt",
                     "blockquote", "h2", "h3", "h4", "h5", "h6"))
_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_SENTENCE_END = re.compile(r"[。！？!?]")
#: A picture's credit at the end of its caption: 记者 X 摄, 中新社发 X 摄,
#: X 供图, …的报道截图, 图片来源：…, 视觉中国 资料, 澎湃新闻记者 X 图.
PICTURE_CREDIT = re.compile(
    r"(?:(?<![拍摄])(?:摄|攝)|供图|供圖|截图|截圖|翻拍|资料图|資料圖|资料图片|資料圖片"
    r"|[\u4e00-\u9fff]{2,4}\s+(?:图|圖|资料|資料)"
    r"|(?:图片|圖片|图|圖)(?:来源|來源|来自|來自|提供)\s*[：:／/][^。！？]{1,30})"
    r"\s*[）)]?\s*[。.]?\s*$")


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def has_picture_credit(text: str) -> bool:
    """Whether a line ends in a picture's credit (…摄, …供图, …截图, 图片来源：…)."""
    return bool(PICTURE_CREDIT.search(_words(text)))


def reads_as_caption(text: str) -> bool:
    """Whether a line standing under a picture reads as its caption: short
    and at most one sentence (``小花家。``), or ending in a credit."""
    text = _words(text)
    if not text or not has_han(text) or re.fullmatch(r"《[^《》]+》", text):
        return False  # (a work's title alone is the subhead of what follows: a poem's)
    if has_picture_credit(text) and len(text) <= CREDITED_CAPTION_MAX_CHARS:
        return True
    return len(text) <= CAPTION_MAX_CHARS and not _SENTENCE_END.search(text[:-1])


def _block(element):
    """The nearest block element holding ``element`` (itself included)."""
    for candidate in (element, *element.iterancestors()):
        if isinstance(candidate.tag, str) and candidate.tag in _BLOCKS:
            return candidate
    return None


def _text_before(block, image) -> str:
    """The block's text before ``image`` (a picture at the start has none)."""
    parts = [block.text or ""]
    for element in block.iter():
        if element is image:
            break
        if element is not block:
            parts += [element.text or "", element.tail or ""]
    return "".join(parts).strip()


def image_captions(tree) -> frozenset[str]:
    """Texts a page lays out as a picture's caption: the first block of text
    after an ``<img>`` (in the picture's own block, after it, or the next
    block), when it reads as a caption (:func:`reads_as_caption`) and is no
    heading element; and lines anywhere that end in a picture's credit."""
    found = set()
    for image in tree.iter("img"):
        holder = _block(image)
        if holder is not None and _text_before(holder, image):
            continue  # (an icon inside a sentence)
        texts = image.xpath("following::text()[normalize-space()][1]")
        if not texts:
            continue
        node = texts[0]
        owner = node.getparent()
        if owner is None or not isinstance(owner.tag, str) or owner.tag in ("script", "style"):
            continue
        if node.is_tail and owner.getparent() is not None:  # (a tail is the parent's text)
            owner = owner.getparent()
        block = _block(owner)
        if block is None or block.tag in _HEADINGS:
            continue
        # (the picture's own block holds nothing before it: its text is the caption's)
        text = _words(block.text_content())
        if any(a.tag == "a" and (a.get("href") or "").strip() for a in block.iter("a")):
            continue  # (a link under a picture: another story's teaser)
        if reads_as_caption(text):
            found.add(text)
    for element in tree.iter("p", "span", "font", "div", "strong", "b", "i", "em"):
        text = _words(element.text_content())
        if len(text) <= CREDITED_CAPTION_MAX_CHARS and has_picture_credit(text) and has_han(text):
            found.add(text)
    return frozenset(found)
