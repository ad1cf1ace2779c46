"""Page text → classified lines: each line of a page a kind (prose, a short
line, site furniture, a timestamp, a byline, a caption), hard-wrapped lines
of one paragraph joined, runs of dated headlines and related links marked.
What the article is, among them, is :mod:`toolkit.read.page_text`'s to find.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from toolkit.han import has_han
from toolkit.model import Dateline
from toolkit.patterns import PatternTimeout, pattern_too_slow
from toolkit.read.dateline import parse_agency_dateline, parse_byline
from toolkit.read.furniture import (
    HK_FOOTER_DATE,
    HK_FOOTER_TIME,
    TIMESTAMP,
    furniture_matcher,
    is_caption,
    is_nav_bar,
    is_site_name,
    is_timestamp,
    split_meta_line,
    split_trailing_stamp,
    stamp_date,
)

#: A heading is a short line with no sentence-final punctuation.
HEADING_MAX_CHARS = 30
#: A title is at most this long; a longer line is prose whatever it ends with.
TITLE_MAX_CHARS = 64


# Kinds of line in page text.
PROSE, SHORT, FURNITURE, STAMP, BYLINE, CAPTION = (
    "prose", "short", "furniture", "timestamp", "byline", "caption")
# What a line weighs when the article body is found: prose for its length,
# anything else against (see _body_span).
WEIGHT = {SHORT: -10, FURNITURE: -4, STAMP: -8, BYLINE: 0, CAPTION: -4}
_FINAL = frozenset("。！？!?…；;：:")
_CLOSERS = "”’」』）)》〉】〕]\"'"
_CLAUSE_MARKS = re.compile("[，、；。]")
# A wiki's section edit link, copied with its heading: 歷史[編輯].
_EDIT_LINK = re.compile(r"\s*[\[［](?:編輯|编辑|edit|修改|編輯原始碼|编辑源代码)[\]］]\s*$")
#: Numbered section headings: 一、 （一） 1. 第一章
NUMBERED_HEADING = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|"
                              r"\d{1,2}[.、．]\s*|第[一二三四五六七八九十\d]{1,3}[章節节部分])\S")
_TRAILING_BRACKET = re.compile(r"\s*[（(〔【\[][^（()）〔〕【】\[\]]{1,30}[）)〕】\]]\s*$")


@dataclasses.dataclass
class Line:
    number: int
    text: str
    kind: str
    rule: str = ""
    dateline: Dateline | None = None
    #: hard-wrapped lines joined on (a headline with lines glued on is a guess)
    joined: int = 0


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence: its last mark, before closing quotes
    and any trailing bracket (``。（完）``, ``。（來源：新華社）``), is final."""
    if text[-1:] in _FINAL:
        return True
    while text[-1:] in "）)〕】]":
        stripped = _TRAILING_BRACKET.sub("", text)
        if stripped == text or not stripped:
            break
        text = stripped
    return text.rstrip().rstrip(_CLOSERS)[-1:] in _FINAL


# Script a page left in its text (a tag manager's snippet): braces, calls,
# assignments; no Han.
_CODE = re.compile(r"[{}]|function\s*\(|\bvar\s+\w+\s*=|\w\.\w+\(|=>|\|\||&&|\)\s*;")


#: A reporter's job title on a line of its own, with or without the name
#: (駐華盛頓特派員, 王小明 資深記者, 本報記者): a byline's, never a headline.
JOB_LINE = re.compile(r"[^。，！？：:]{0,12}(?:記者|记者|特派員|特派员|通訊員|通讯员|撰稿人|主筆|主笔|"
                      r"評論員|评论员|專欄作家|专栏作家|主編|主编|責任編輯|责任编辑)")
_JOB_LINE_MAX = 16


def classify(text: str, rule: str | None) -> tuple[str, str, Dateline | None]:
    """(kind, rule, dateline) of one line of page text; ``rule``: the
    furniture rule that matched it, if any."""
    if rule == "author bio" and is_timestamp(text):  # 本文作者：X 點擊：2024-09-19 09:20
        return STAMP, "timestamp", None
    if rule:
        return FURNITURE, rule, None
    if not has_han(text) and _CODE.search(text):
        return FURNITURE, "code", None
    if len(text) > 150:  # the fast path of long prose (sources run to megabytes)
        return (PROSE if ends_sentence(text) or _CLAUSE_MARKS.search(text) else SHORT), "", None
    byline = parse_byline(text)
    if byline is None:
        stamp = TIMESTAMP.match(text)
        if stamp and stamp.end() and stamp_date(text[:stamp.end()]):
            rest = text[stamp.end():]
            byline = parse_byline(rest)
            if byline is None:  # 2025-10-10 14:32 中央社／ 台北10日電
                agency, after = parse_agency_dateline(rest)
                byline = agency if agency is not None and not after.strip() else None
    if byline is None and (meta := split_meta_line(text)) is not None:
        # 新頭殼newtalk2014.10.24 金名/高雄報導: a credit beside the date.
        byline = next((found for part in reversed(meta[1].split()) if "/" in part or "／" in part
                       if (found := parse_byline(part)) is not None), None)
        if byline is None:
            return STAMP, "timestamp", None
    if byline is not None:
        return BYLINE, "byline", byline
    if len(text) <= _JOB_LINE_MAX and JOB_LINE.fullmatch(text):  # 王小明 駐華盛頓特派員
        return BYLINE, "byline", None
    if HK_FOOTER_DATE.fullmatch(text) or HK_FOOTER_TIME.fullmatch(text) or is_timestamp(text):
        return STAMP, "timestamp", None
    if len(text) <= 10 and text[-1] in "：:":  # 分享： 字級大小： a widget's label
        return SHORT, "", None
    if is_caption(text):
        return CAPTION, "photo caption", None
    if is_site_name(text):
        return FURNITURE, "site name", None
    if is_nav_bar(text):
        return FURNITURE, "nav bar", None
    # Prose ends a sentence, or runs long with the punctuation of sentences
    # (a long line without any is a list of keywords or links).
    if ends_sentence(text) and not (len(text) <= HEADING_MAX_CHARS and text[-1] in "！？!?"
                                    and "。" not in text) \
            or len(text) > TITLE_MAX_CHARS and _CLAUSE_MARKS.search(text):
        return PROSE, "", None
    return SHORT, "", None


#: A wrapped paragraph's middle lines run at least this share of its first's width.
_WRAP_SHARE = 0.8
#: A line longer than this between two such lines is read as prose, untested
#: against the furniture rules.
_PROSE_RUN = 60


def page_lines(text: str, extra: tuple[str, ...], path: str = "") -> list[Line]:
    """Classified lines; hard-wrapped lines of one paragraph joined (never the
    first line, a title, nor lines of different kinds). ``extra``: the
    project's furniture patterns."""
    furniture = furniture_matcher(extra)
    # A zero-width no-break space (a BOM) or zero-width space is no text.
    stripped = [raw.strip().strip("\ufeff\u200b").strip() for raw in text.split("\n")]
    # Furniture that runs long stands among short lines (a footer, a notice
    # under the last paragraph); a long line between two long ones is prose,
    # and not testing it keeps reading a megabyte fast.
    nonblank = [line for line in stripped if line]
    long_run = {i for i in range(1, len(nonblank) - 1)
                if len(nonblank[i - 1]) > _PROSE_RUN < len(nonblank[i + 1])
                and len(nonblank[i]) > _PROSE_RUN} if not extra else set()
    counts = Counter(nonblank)
    lines: list[Line] = []
    joinable, wrap_width = False, 0
    index = -1
    for number, line in enumerate(stripped, start=1):
        if not line:
            joinable = False
            continue
        index += 1
        if line[-1] in "]］" and _EDIT_LINK.search(line):
            line = _EDIT_LINK.sub("", line)
        try:
            rule = None if index in long_run else furniture(line)
        except PatternTimeout as slow:
            raise pattern_too_slow(slow, path, number) from None
        kind, rule, dateline = classify(line, rule)
        # What goes on a wrapped paragraph runs as wide as its first line or
        # closes its sentence; a shorter line without an end is a list's item.
        # (a line that opens with a label in brackets, or that the page prints
        # again elsewhere, is an item of a list: 【Emily】…, a headline)
        if joinable and kind in (PROSE, SHORT) and split_trailing_stamp(line) is None \
                and not line.startswith("【") and counts[line] == 1 and (
                ends_sentence(line) or len(line) >= _WRAP_SHARE * wrap_width):
            previous = lines[-1]
            latin_gap = previous.text[-1].isascii() and previous.text[-1].isalnum() \
                and line[0].isascii() and line[0].isalnum()
            previous.text += (" " if latin_gap else "") + line
            previous.joined += 1
            try:
                previous.kind = classify(previous.text, furniture(previous.text))[0]
            except PatternTimeout as slow:
                raise pattern_too_slow(slow, path, previous.number) from None
        else:
            lines.append(Line(number, line, kind, rule, dateline))
            wrap_width = len(line)
        last = lines[-1]
        # A line ending in a date is an item of a list (a headline and its
        # time), never the first half of a wrapped paragraph; nor is a long
        # line of Han text without a comma (a headline spaced into phrases:
        # a wrapped sentence that long has its clauses marked).
        joinable = (len(lines) > 1 and last.kind in (PROSE, SHORT)
                    and len(last.text) > HEADING_MAX_CHARS and not ends_sentence(last.text)
                    and split_trailing_stamp(last.text) is None
                    and (_CLAUSE_MARKS.search(last.text) is not None or not has_han(last.text)))
    _mark_story_lists(lines)
    _mark_captions_over_credits(lines)
    return lines


#: A picture's credit on a line of its own: 圖／ 業者提供, 圖片來源：X, 攝影：X.
_BARE_PICTURE_CREDIT = re.compile(r"[（(]?\s*(?:圖|图|圖片|图片|照片|攝影|摄影|相片)\s*(?:來源|来源|提供)?"
                                  r"\s*[／/：:]\s*\S.{0,24}?[）)]?")
#: A caption over its credit is at most this long.
_CAPTION_OVER_CREDIT_MAX = 80


def _mark_captions_over_credits(lines: list[Line]) -> None:
    """A short line right over a picture's credit line is the picture's
    caption (the picture itself is gone from page text): never a headline
    nor a paragraph."""
    for above, line in zip(lines, lines[1:]):
        if _BARE_PICTURE_CREDIT.fullmatch(line.text) and above.kind in (SHORT, PROSE) \
                and len(above.text) <= _CAPTION_OVER_CREDIT_MAX \
                and line.number - above.number <= 2:
            above.kind, above.rule = CAPTION, "photo caption"
            line.kind, line.rule = CAPTION, "photo credit"


#: This many dated headlines in a row are a list of stories, not the article.
_STORY_LIST = 3
#: A dated line up to this long may be an item of a list of stories.
_STORY_ITEM_MAX = 50


def _mark_story_lists(lines: list[Line]) -> None:
    """Runs of headlines each printed with its date (``… 2014-12-17
    (17:30)``, ``… (11/22/2014)``): a site's list of other stories."""
    run: list[Line] = []
    for line in [*lines, None]:
        # (a dated headline ending in a question mark reads as prose)
        if line is not None and (line.kind != PROSE or len(line.text) <= _STORY_ITEM_MAX) \
                and split_trailing_stamp(line.text):
            run.append(line)
            continue
        if len(run) >= _STORY_LIST:
            for item in run:
                item.kind, item.rule = FURNITURE, "list of stories"
        run = []


def mark_link_lists(lines: list[Line]) -> None:
    """Under a related-links header (延伸閱讀, 相關新聞 …) come its links:
    short lines up to the next prose. (Only from the body on: above it, a
    list of links may run straight into the headline.)"""
    in_links = False
    for line in lines:
        if line.rule == "related links":
            in_links = True
        elif line.kind in (SHORT, STAMP) and in_links:
            line.kind, line.rule = FURNITURE, "related links"
        elif line.kind != FURNITURE:
            in_links = False
