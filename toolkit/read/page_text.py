"""Source text → :class:`~toolkit.model.Article` (still in the source's script).

Reading order: decode → NFC → strip pinyin glosses → find damage →
full-width punctuation (all on the whole text) → classify lines (site
furniture, timestamps, bylines, captions, prose, short lines) → find the
article body → choose the title above it → dateline, date, headings,
paragraphs. Plain text (a clean article or a whole page as a browser's copy
gives it) here; Markdown drafts in :mod:`toolkit.read.markdown`.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable

from toolkit.errors import SourceError
from toolkit.han import has_han
from toolkit.model import HEADING, PARAGRAPH, Article, Block, Dateline
from toolkit.patterns import PatternTimeout, pattern_too_slow
from toolkit.read.damage import MAX_DAMAGED_SHARE, damaged_share
from toolkit.read.dateline import (
    parse_agency_dateline,
    parse_byline,
    parse_dateline,
    parse_trailing_byline,
)
from toolkit.read.furniture import (
    CREDIT_BRACKET,
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
from toolkit.read.lines import normalise
from toolkit.read.people import CREDIT_LINE, credited, person

#: A heading is a short line with no sentence-final punctuation.
HEADING_MAX_CHARS = 30
#: A title is at most this long; a longer line is prose whatever it ends with.
TITLE_MAX_CHARS = 64


# Kinds of line in page text.
PROSE, SHORT, FURNITURE, STAMP, BYLINE, CAPTION = (
    "prose", "short", "furniture", "timestamp", "byline", "caption")
# What a line weighs when the article body is found: prose for its length,
# anything else against (see _body_span).
_WEIGHT = {SHORT: -10, FURNITURE: -4, STAMP: -8, BYLINE: 0, CAPTION: -4}
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
class _Line:
    number: int
    text: str
    kind: str
    rule: str = ""
    dateline: Dateline | None = None


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


def _classify(text: str, rule: str | None) -> tuple[str, str, Dateline | None]:
    """(kind, rule, dateline) of one line of page text; ``rule``: the
    furniture rule that matched it, if any."""
    if rule:
        return FURNITURE, rule, None
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


#: A line longer than this between two such lines is read as prose, untested
#: against the furniture rules.
_PROSE_RUN = 60


def _lines(text: str, extra: tuple[str, ...], path: str = "") -> list[_Line]:
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
    lines: list[_Line] = []
    joinable = False
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
        kind, rule, dateline = _classify(line, rule)
        if joinable and kind in (PROSE, SHORT) and split_trailing_stamp(line) is None:
            previous = lines[-1]
            latin_gap = previous.text[-1].isascii() and previous.text[-1].isalnum() \
                and line[0].isascii() and line[0].isalnum()
            previous.text += (" " if latin_gap else "") + line
            try:
                previous.kind = _classify(previous.text, furniture(previous.text))[0]
            except PatternTimeout as slow:
                raise pattern_too_slow(slow, path, previous.number) from None
        else:
            lines.append(_Line(number, line, kind, rule, dateline))
        last = lines[-1]
        # A line ending in a date is an item of a list (a headline and its
        # time), never the first half of a wrapped paragraph.
        joinable = (len(lines) > 1 and last.kind in (PROSE, SHORT)
                    and len(last.text) > HEADING_MAX_CHARS and not ends_sentence(last.text)
                    and split_trailing_stamp(last.text) is None)
    _mark_story_lists(lines)
    return lines


#: This many dated headlines in a row are a list of stories, not the article.
_STORY_LIST = 3


def _mark_story_lists(lines: list[_Line]) -> None:
    """Runs of headlines each printed with its date (``… 2014-12-17
    (17:30)``, ``… (11/22/2014)``): a site's list of other stories."""
    run: list[_Line] = []
    for line in [*lines, None]:
        if line is not None and line.kind != PROSE and split_trailing_stamp(line.text):
            run.append(line)
            continue
        if len(run) >= _STORY_LIST:
            for item in run:
                item.kind, item.rule = FURNITURE, "list of stories"
        run = []


def _mark_link_lists(lines: list[_Line]) -> None:
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


def _body_span(lines: list[_Line]) -> tuple[int, int]:
    """``[start, end)`` of the article body: the run of lines where prose
    outweighs everything else most (the maximum-sum run, as body-text
    extraction does), prose counting its length and other lines against.
    Each further line of a stretch without prose costs more than the last:
    a heading between paragraphs costs little, a list of links a lot."""
    best, best_span = 0, (0, 0)
    total, start, gap = 0, 0, 0
    for index, line in enumerate(lines):
        if line.kind == PROSE:
            value, gap = len(line.text), 0
        elif line.kind == FURNITURE:  # known furniture: a flat cost, it is dropped anyway
            value = _WEIGHT[FURNITURE]
        else:
            gap += 1
            value = _WEIGHT[line.kind] * gap
        if total + value <= 0 or (total <= 0 and line.kind != PROSE):
            total, start, gap = 0, index + 1, 0
            continue
        total += value
        if total > best:
            best, best_span = total, (start, index + 1)
    return best_span


# Lines a page puts between a headline and its timestamp or byline: a
# photo's caption, "click the picture" prompts, share buttons, a label.
_ASIDE_KINDS = (FURNITURE, CAPTION)
_HEADLINE_LOOKAHEAD = 4


def _anchor(lines: list[_Line], index: int) -> bool:
    """Whether a line stands as a headline does on a page: a timestamp or
    byline under it (past captions, widgets and prompts), or its own
    timestamp printed after it."""
    line = lines[index]
    if split_trailing_stamp(line.text) is not None:
        return True
    seen = 0
    for following in lines[index + 1:]:
        if following.kind in (STAMP, BYLINE):
            return True
        if following.kind == PROSE and parse_dateline(following.text)[0] is not None:
            return True
        if following.kind in _ASIDE_KINDS or (following.kind == SHORT and (
                len(following.text) <= 8 or following.text[-1] in "：:")):
            seen += 1
            if seen > _HEADLINE_LOOKAHEAD:
                return False
            continue
        return False
    return False


def _is_headline_shaped(line: _Line) -> bool:
    """Short, Han, headline-sized; not a row of buttons (轉寄好友 | 友善列印)
    nor an item of a list of stories (a headline with its date)."""
    return (line.kind == SHORT and has_han(line.text) and len(line.text) >= 6
            and "|" not in line.text and "｜" not in line.text
            and split_trailing_stamp(line.text) is None)


def _title_score(lines: list[_Line], index: int, body_start: int, repeats) -> float | None:
    """How much a line before the body looks like the article's headline:
    above all, followed by a timestamp, a byline or a site's tagline (as a
    headline is on a page); then near the body, and headline-sized."""
    line = lines[index]
    if line.kind != SHORT or not has_han(line.text) or len(line.text) < 2:
        return None
    # The header under a headline (its timestamps and bylines) costs nothing.
    between = [ln for ln in lines[index + 1:body_start] if ln.kind in (SHORT, PROSE)]
    dated = split_trailing_stamp(line.text)
    length = len(dated[0]) if dated else len(line.text)
    score = 20.0 - 4 * len(between) + min(length, 30) / 3
    preceding = next((ln for ln in reversed(lines[:index]) if ln.kind != FURNITURE), None)
    headline_sized = len(line.text) >= 6  # a section's name (港聞, 社會) is shorter
    if headline_sized and _anchor(lines, index):
        score += _ANCHORED
    elif index + 1 < len(lines) and lines[index + 1].rule == "site tagline":
        score += _ANCHORED
    elif headline_sized and not between and preceding is not None and preceding.kind == STAMP:
        score += _ANCHORED  # the timestamp above the headline, the body right under it
    if len(line.text) < 6:
        score -= 10
    if repeats[line.text] > 1 and len(line.text) < 6:
        score -= 6
    return score


def _deck_head(lines: list[_Line], index: int) -> int:
    """A headline in two lines (a headline and its deck, one block apart)
    is titled by its first: the anchor stands under the deck. A line
    that is one of a list of headlines (another headline-sized line right
    before it) is left alone."""
    if index < 1 or not _is_headline_shaped(lines[index]):
        return index
    above = lines[index - 1]
    if not _is_headline_shaped(above) or lines[index].number - above.number > 2 \
            or ends_sentence(above.text):
        return index
    before = lines[index - 2] if index >= 2 else None
    if before is not None and above.number - before.number <= 2 and (
            before.kind == SHORT and len(before.text) >= 6 or before.rule == "counter"):
        return index  # a run of three or more headlines, or a numbered one: a list, not a deck
    return index - 1


def _headline_in_span(lines: list[_Line], start: int, end: int) -> int | None:
    """A headline standing as one (:func:`_anchor`) inside the run of prose
    found as the body, with more prose after it than before: what comes
    before it is a ticker or a stream of other stories' summaries."""
    prose_before = 0
    total = sum(len(ln.text) for ln in lines[start:end] if ln.kind == PROSE)
    for index in range(start, end):
        line = lines[index]
        if line.kind == PROSE:
            prose_before += len(line.text)
        elif _is_headline_shaped(line) and prose_before < total - prose_before \
                and _anchor(lines, index):
            return index
    return None


#: What a timestamp, byline or tagline under a line adds to its title score:
#: more than any distance takes away.
_ANCHORED = 100
#: A title choice below this score is reported as a guess.
_CONVINCING_TITLE = _ANCHORED


def read_article(text: str, *, path: str, slug: str, boilerplate: Iterable[str] = (),
                 title_first: bool = False) -> Article:
    """Read page text: the article body found among the site's furniture,
    the title chosen among the lines above it, a dateline or byline taken
    from the lines around, headings told from other short lines.
    ``boilerplate``: the project's own furniture patterns (whole lines);
    ``title_first``: the first line is the title, known (a page's headline)."""
    normal = normalise(text, path=path)
    warnings = [(d.line, d.message) for d in normal.damage]
    nonblank = [line for line in normal.text.split("\n") if line.strip()]
    if not nonblank:
        raise SourceError("empty file: no article text", path, 1 if text else None)
    if damaged_share(normal.damage, normal.text) > MAX_DAMAGED_SHARE:
        first = normal.damage[0]
        raise SourceError(f"damaged beyond reading: more than {MAX_DAMAGED_SHARE:.0%} of the Han "
                          f"characters sit in damaged runs (first: {first.message})", path,
                          first.line)
    lines = _lines(normal.text, tuple(boilerplate), path)
    start, end = _body_span(lines)
    if end == 0:  # no prose at all: every line with Han text is the body
        start, end = 0, len(lines)
    repeats = Counter(line.text for line in lines)
    inside = _headline_in_span(lines, start, end) if not title_first else None
    if inside is not None:
        start = next((i for i in range(inside + 1, end) if lines[i].kind == PROSE), end)
    # A dateline line just above the prose (中新社北京九月二十七日電 題：…)
    # or a numbered section heading (一、……) opens the body.
    for index in range(max(0, start - 3), start):
        if lines[index].kind in (PROSE, SHORT) and (
                parse_dateline(lines[index].text)[0] or NUMBERED_HEADING.match(lines[index].text)
                and _is_heading(lines[index].text)):
            start = index
            break
    scored = [(score, index) for index in range(max(0, start - 40), start)
              if (score := _title_score(lines, index, start, repeats)) is not None]
    dropped: list[tuple[int, str, str]] = []
    if title_first:
        score, title_index = _CONVINCING_TITLE, 0
        start = max(start, 1)
        end = max(end, start)
    elif scored:
        score, title_index = max(scored)
    else:  # nothing above the body reads like a title: its first line is taken
        score, title_index = 0, next((i for i, ln in enumerate(lines) if has_han(ln.text)
                                      and ln.kind in (PROSE, SHORT)), start)
        if title_index == start:
            start += 1
        end = max(end, start)
    title_index = _deck_head(lines, title_index)
    _mark_link_lists(lines[start:])
    title = lines[title_index]
    # On a page (lines between the headline and the body), a short first
    # line above a much longer paragraph is a photo's caption.
    first = lines[start] if start < end else None
    if (first is not None and start > title_index + 1 and first.kind == PROSE
            and len(first.text) <= HEADING_MAX_CHARS and start + 1 < end
            and lines[start + 1].kind == PROSE
            and len(lines[start + 1].text) >= 2 * len(first.text)
            and parse_dateline(first.text)[0] is None):
        first.rule = "probable photo caption"
        warnings.append((first.number, f"dropped as a probable photo caption: {first.text!r}"))
        start += 1
    if score < _CONVINCING_TITLE:
        warnings.append((title.number, f"title guessed: {title.text!r}; if it is not the "
                                       f"article's, set title = \"…\" in {slug}.meta.toml"))
    # A clean source ends with its body; on a page the rest is furniture,
    # but a short last line of a source with no furniture after it is text.
    tail = lines[end:]
    if tail and all(ln.kind in (PROSE, SHORT) for ln in tail):
        end = len(lines)

    header = lines[title_index + 1:start]
    date = None
    # A headline that a site prints after its date ("2025-09-26 政府公布……"):
    # the date dates the article, the rest is the title.
    stamp = TIMESTAMP.match(title.text)
    if stamp and stamp.end() < len(title.text) and (date := stamp_date(stamp.group(0))):
        title = dataclasses.replace(title, text=title.text[stamp.end():].strip())
    elif (dated := split_trailing_stamp(title.text)) is not None:  # …出頭天2014/12/1 18:13
        title, date = dataclasses.replace(title, text=dated[0]), dated[1]
    date = date or next((d for ln in header if ln.kind in (STAMP, BYLINE)
                         if (d := stamp_date(ln.text)) is not None), None)
    if date is None:
        date = next((d for ln in lines[end:end + 6] if HK_FOOTER_DATE.fullmatch(ln.text)
                     if (d := stamp_date(ln.text)) is not None), None)
    if date is None:
        date = next((d for ln in lines[max(0, title_index - 8):title_index] if ln.kind == STAMP
                     if (d := stamp_date(ln.text)) is not None), None)
    dateline = next((ln.dateline for ln in header if ln.kind == BYLINE), None)

    body: list[_Line] = []
    for index, line in enumerate(lines):
        if index == title_index:
            continue
        if index < title_index:
            dropped.append((line.number, line.text, line.rule or "above the title"))
        elif index < start:
            if line.kind != BYLINE or line.dateline is not dateline:
                dropped.append((line.number, line.text, line.rule or "page header"))
        elif index >= end:
            if dateline is None and line.kind == BYLINE and index < end + 3:
                dateline = line.dateline
            dropped.append((line.number, line.text, line.rule or "after the article"))
        elif line.kind in (PROSE, SHORT):
            body.append(line)
        else:
            dropped.append((line.number, line.text, line.rule))

    blocks = [[ln.number, ln.text, ln.kind == SHORT] for ln in body]
    if dateline is None:
        for row in blocks[:5]:
            found, rest = parse_dateline(row[1], row[0])
            if found is not None:
                dateline = found
                row[1], row[2] = rest, False
                break
    if dateline is None and blocks:
        found, rest = parse_trailing_byline(blocks[-1][1], blocks[-1][0])
        if found is not None:
            dateline, blocks[-1][1] = found, rest
    # The author: the dateline's reporter, else a credit around the headline
    # or at either end of the body (記者 X, 作者：X, 文／X, X／高雄報導).
    author = person(dateline.reporter) if dateline is not None else ""
    if not author:
        author = credited([ln.text for ln in header] + [row[1] for row in blocks[:4]]
                          + [row[1] for row in blocks[-6:]]
                          + [ln.text for ln in lines[end:end + 12]])
    if not author:  # a name alone between the headline and the body (顧信之)
        author = next((ln.text for ln in header if ln.kind == SHORT and person(ln.text)
                       and len(ln.text) <= 4), "")
    if author:  # a line that only credits the author is printed as the author, once
        blocks = [row for row in blocks if not (CREDIT_LINE.fullmatch(row[1])
                                                and author in row[1])]
    blocks = [row for row in blocks if row[1]]
    if dateline is not None and date is not None and dateline.day and not dateline.month:
        dateline = dataclasses.replace(dateline, month=date.month)
    if not has_han(title.text) and not any(has_han(row[1]) for row in blocks):
        raise SourceError("no Chinese text found", path, title.number)
    return Article(slug=slug, title=title.text, blocks=_blocks(blocks), dateline=dateline,
                   date=date, author=author, source_path=path, title_line=title.number, glosses=normal.glosses,
                   punctuation_lines=normal.punctuation_lines, dropped=tuple(sorted(dropped)),
                   warnings=tuple(sorted(warnings)))


_OPEN_ENDINGS = ("以及", "及", "和", "與", "与", "或", "並", "并", "但", "的", "、", "，")


def _is_heading(text: str) -> bool:
    """Short, no sentence inside, not a credit, not a clause left open."""
    return (len(text) <= HEADING_MAX_CHARS and has_han(text) and not ends_sentence(text)
            and not CREDIT_BRACKET.search(text) and not any(mark in text for mark in "。；;")
            and not text.endswith(_OPEN_ENDINGS))


def _blocks(rows: list[list]) -> tuple[Block, ...]:
    """``[line, text, short]`` rows → blocks: a short line that reads like a
    heading, with a paragraph after it, is a heading."""
    blocks = []
    for index, (number, text, short) in enumerate(rows):
        heading = (short and _is_heading(text) and index + 1 < len(rows)
                   and not rows[index + 1][2])
        blocks.append(Block(HEADING if heading else PARAGRAPH, text, number))
    return tuple(blocks)
