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
from toolkit.model import HEADING, PARAGRAPH, Article, Block
from toolkit.read.damage import MAX_DAMAGED_SHARE, damaged_share
from toolkit.read.dateline import parse_dateline, parse_trailing_byline
from toolkit.read.furniture import (
    CLOSES_ARTICLE,
    CREDIT_BRACKET,
    HK_FOOTER_DATE,
    TIMESTAMP,
    split_trailing_stamp,
    stamp_date,
)
from toolkit.read.page_title import (
    CONVINCING_TITLE,
    MIN_SHARED_WITH_BODY,
    shared_with_body,
    title_doubt,
    deck_head,
    headline_in_span,
    name_outlet,
    title_score,
)
from toolkit.read.lines import normalise
from toolkit.read.page_lines import (
    BYLINE,
    CAPTION,
    FURNITURE,
    HEADING_MAX_CHARS,
    NUMBERED_HEADING,
    PROSE,
    SHORT,
    STAMP,
    WEIGHT,
    Line,
    ends_sentence,
    mark_link_lists,
    page_lines,
)
from toolkit.read.people import CREDIT_LINE, credited, latin_byline, person


def _body_span(lines: list[Line]) -> tuple[int, int]:
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
            value = WEIGHT[FURNITURE]
        else:
            gap += 1
            value = WEIGHT[line.kind] * gap
        if total + value <= 0 or (total <= 0 and line.kind != PROSE):
            total, start, gap = 0, index + 1, 0
            continue
        total += value
        if total > best:
            best, best_span = total, (start, index + 1)
    return best_span





#: A lead that opens with its source: (星島日報報道), 【明報專訊】, （中央社）.
LEAD_SOURCE = re.compile(r"\s*[（(【\[]\s*[^（()）【】\[\]\s]{2,14}?(?:報道|報導|报道|报导|專訊|专讯|訊|讯|電|电|社)"
                         r"\s*[）)】\]]")
#: Lines above a lead that opens with its source may be captions (or a summary).
_CAPTIONS_OVER_LEAD = 3
#: A slideshow's captions over the lead run to this many lines.
_SLIDESHOW_MAX = 12
#: A column's label over the lead (【我城‧我故事】) is this short.
_LABEL_MAX = 12
#: A caption over the lead is at most this long.
_CAPTION_MAX = 80
#: A credit line alone may stand this many lines below the body.
_CREDIT_BELOW = 40
#: Headers of what follows an article on a page (related stories, the
#: site's "about us"): the article ends at one standing alone.
_END_RULES = ("related links", "site slogan", "author bio")
#: A header standing alone is this short (相關新聞, 延伸閱讀, 關於我們).
_END_HEADER_MAX = 12


#: The prose above a list of other stories is the article when it is at
#: least this share of the stories' teasers.
_ABOVE_RELATED_SHARE = 0.5
#: A reporter's name in brackets after the body's last sentence: 。（张巨峰）
CLOSING_NAME = re.compile(r"[。！？”」]\s*[（(]\s*([\u4e00-\u9fff]{2,4})\s*[）)]\s*$")


def _article_end(lines: list[Line], start: int, end: int) -> int:
    """Where the article ends inside the run of prose found as its body:
    at a header of related stories, an "about us" box or an author's bio
    (standing alone: a related-link line inside the article carries its
    story's title), when the prose before it outweighs the running text
    after it. Running text is prose that follows prose; prose right under a
    headline is a story's summary, as a stream of other stories prints it."""
    for index in range(start, end):
        line = lines[index]
        if index > start and CLOSES_ARTICLE.match(line.text):  # (责任编辑：…)
            before = sum(len(ln.text) for ln in lines[start:index] if ln.kind == PROSE)
            after = sum(len(ln.text) for ln in lines[index + 1:end] if ln.kind == PROSE)
            if before > after:
                return index
        if line.rule not in _END_RULES or (len(line.text) > _END_HEADER_MAX
                                           and line.rule != "author bio"):
            continue
        before = sum(len(ln.text) for ln in lines[start:index] if ln.kind == PROSE)
        kept = [ln for ln in lines[index + 1:end] if ln.kind != FURNITURE]
        running = sum(len(ln.text) for previous, ln in zip(kept, kept[1:])
                      if ln.kind == PROSE and previous.kind == PROSE)
        if before and before >= running:
            return index
    return end


def read_article(text: str, *, path: str, slug: str, boilerplate: Iterable[str] = (),
                 title_first: bool = False) -> Article:
    """Read page text: the article body found among the site's furniture,
    the title chosen among the lines above it, a dateline or byline taken
    from the lines around, headings told from other short lines.
    ``boilerplate``: the project's own furniture patterns (whole lines);
    ``title_first``: the first line is the title, known (a page's headline)."""
    normal = normalise(text, path=path)
    warnings = [(d.line, d.message) for d in normal.damage]
    # (a BOM or zero-width space alone is no text: page_lines drops them)
    nonblank = [line for line in normal.text.split("\n")
                if line.strip().strip("\ufeff\u200b").strip()]
    if not nonblank:
        raise SourceError("empty file: no article text", path, 1 if text else None)
    if damaged_share(normal.damage, normal.text) > MAX_DAMAGED_SHARE:
        first = normal.damage[0]
        raise SourceError(f"damaged beyond reading: more than {MAX_DAMAGED_SHARE:.0%} of the Han "
                          f"characters sit in damaged runs (first: {first.message})", path,
                          first.line)
    lines = page_lines(normal.text, tuple(boilerplate), path)
    start, end = _body_span(lines)
    header = next((i for i in range(start - 1, -1, -1) if lines[i].kind != FURNITURE
                   or lines[i].rule == "related links"), None)
    if header is not None and lines[header].rule == "related links" and header > 0:
        # the run found stands under a header of other stories (您可能感兴趣的文章):
        # their teasers; the article stands above its list, if it has a body there
        above_start, above_end = _body_span(lines[:header])
        above = sum(len(ln.text) for ln in lines[above_start:above_end] if ln.kind == PROSE)
        teasers = sum(len(ln.text) for ln in lines[start:end] if ln.kind == PROSE)
        if above_end and above >= _ABOVE_RELATED_SHARE * teasers:
            start, end = above_start, above_end
    if end == 0:  # no prose at all: every line with Han text is the body
        start, end = 0, len(lines)
    end = _article_end(lines, start, end)
    repeats = Counter(line.text for line in lines)
    inside = headline_in_span(lines, start, end, frozenset(
        text for text, count in repeats.items() if count > 1)) if not title_first else None
    if inside is not None:
        lines[inside].kind = SHORT  # (a headline, though punctuated as prose)
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
              if (score := title_score(lines, index, start, repeats)) is not None]
    dropped: list[tuple[int, str, str]] = []
    if title_first:
        score, title_index = CONVINCING_TITLE, 0
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
    chosen = title_index
    title_index = deck_head(lines, title_index)
    mark_link_lists(lines[start:])
    title = lines[title_index]
    # Captions (or a summary) a page prints over the lead: short prose
    # before a lead that opens with its source ((星島日報報道), 【明報專訊】, a
    # dateline), or one short line over a much longer paragraph when lines
    # stand between the headline and the body.
    lead = next((index for index in range(start, min(start + _CAPTIONS_OVER_LEAD + 1, end))
                 if lines[index].kind == PROSE and (LEAD_SOURCE.match(lines[index].text)
                                                    or parse_dateline(lines[index].text)[0])),
                None)
    if lead is not None and all(ln.kind != PROSE or len(ln.text) <= _CAPTION_MAX
                                for ln in lines[start:lead]):
        over = lines[start:lead]
    else:
        # (short lines in a run, past captions and furniture under them; a
        # slideshow's captions stand twice on the page)
        run = []
        for line in lines[start:min(end, start + _SLIDESHOW_MAX)]:
            if line.kind == PROSE and len(line.text) <= HEADING_MAX_CHARS \
                    and parse_dateline(line.text)[0] is None \
                    and (len(run) <= _CAPTIONS_OVER_LEAD
                         or any(repeats[ln.text] > 1 for ln in [*run, line])):
                run.append(line)
            elif line.kind not in (CAPTION, FURNITURE):
                break
        # the paragraph under them, past a column's label (【我城‧我故事】)
        after = next((ln for ln in lines[lines.index(run[-1]) + 1:end] if ln.kind == PROSE
                      or ln.kind == SHORT and len(ln.text) > _LABEL_MAX), None) if run else None
        over = run if (run and start > title_index + 1 and after is not None
                       and after.kind == PROSE
                       and len(after.text) >= 2 * max(len(ln.text) for ln in run)) else []
    for line in over:
        if line.kind == PROSE:
            line.rule = "probable photo caption"
            warnings.append((line.number, f"dropped as a probable photo caption: {line.text!r}"))
    if over:
        start = lines.index(over[-1]) + 1
    doubt = "" if title_first else title_doubt(lines, chosen, title_index, start, scored)
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
    dateline = next((ln.dateline for ln in header if ln.kind == BYLINE and ln.dateline), None)

    body: list[Line] = []
    for index, line in enumerate(lines):
        if index == title_index:
            continue
        if index < title_index:
            dropped.append((line.number, line.text, line.rule or "above the title"))
        elif index < start:
            if line.kind != BYLINE or line.dateline is None or line.dateline is not dateline:
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
    if not doubt and not title_first:
        shared = shared_with_body(title.text, "\n".join(ln.text for ln in body))
        if shared is not None and shared < MIN_SHARED_WITH_BODY:
            doubt = "it shares almost no words with the text under it"
    if doubt:
        warnings.append((title.number, f"title guessed: {title.text!r} ({doubt}); if it is not "
                                       f"the article's, set title = \"…\" in {slug}.meta.toml"))
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
    if not author and dateline is not None and dateline.reporter:
        # the reporter and what they did (记者陈智 整合): the name is the first word
        author = person(dateline.reporter.split()[0])
    if not author:
        author = credited([ln.text for ln in header] + [row[1] for row in blocks[:4]]
                          + [row[1] for row in blocks[-6:]]
                          + [ln.text for ln in lines[end:end + 12]])
    if not author:  # a credit line alone far below the body (past tags, widgets, notices)
        author = credited([ln.text for ln in lines[end + 12:end + _CREDIT_BELOW]
                           if ln.kind == BYLINE or CREDIT_LINE.fullmatch(ln.text)])
    if not author:  # a name and the outlet under the headline (石佳/中国青年报)
        author = next((name for ln in header if (name := name_outlet(ln.text))), "")
    if not author:  # a name alone between the headline and the body (顧信之), printed
        # only there (a name the page prints again and again is a button: 易信;
        # a header printed twice, for wide and narrow screens, prints it twice)
        in_header = Counter(ln.text for ln in header)
        author = next((ln.text for ln in header if ln.kind == SHORT and person(ln.text)
                       and len(ln.text) <= 4 and repeats[ln.text] == in_header[ln.text] <= 2), "")
    if not author:  # the outlet, then the reporter (工商時報 林淑惠), or Latin names alone
        # right under the headline (DAVID E. SANGER, STEVEN LEE MYERS), or a handle
        # posting (janus 發表於 2024年9月26日)
        author = next((name for i, ln in enumerate(header[:6])
                       if (name := header_byline(ln.text, first=i == 0))), "")
    if not author and blocks:  # the reporter in brackets closing the body: …举行。（张巨峰）
        closing = CLOSING_NAME.search(blocks[-1][1])
        author = person(closing.group(1)) if closing else ""
    if author:  # a line that only credits the author is printed as the author, once
        # (with several reporters the line may space them: 南都记者 A B)
        blocks = [row for row in blocks if not (CREDIT_LINE.fullmatch(row[1])
                                                and author.split("、")[0] in row[1])]
    blocks = [row for row in blocks if row[1]]
    if dateline is not None and date is not None and dateline.day and not dateline.month:
        dateline = dataclasses.replace(dateline, month=date.month)
    if not has_han(title.text) and not any(has_han(row[1]) for row in blocks):
        raise SourceError("no Chinese text found", path, title.number)
    return Article(slug=slug, title=title.text, blocks=_blocks(blocks, page=not title_first), dateline=dateline,
                   date=date, author=author, source_path=path, title_line=title.number, glosses=normal.glosses,
                   punctuation_lines=normal.punctuation_lines, dropped=tuple(sorted(dropped)),
                   warnings=tuple(sorted(warnings)))


_OPEN_ENDINGS = ("以及", "及", "和", "與", "与", "或", "並", "并", "但", "的", "、", "，")


#: A question or exclamation standing as a subhead is this short (美國太空軍是什麼？).
_ASKING_HEAD_MAX = 20


def _asks_as_heading(text: str) -> bool:
    """A short question alone on its line, no other sentence in it and
    nobody's words (no quotation marks): a subhead that asks. (On a page:
    a clean source marks its headings; a question there may be a paragraph.)"""
    body = text.rstrip("？?")
    return (len(text) <= _ASKING_HEAD_MAX and body != text and has_han(body)
            and not any(mark in body for mark in "。？！?!；;：:「」『』“”\"")
            and not re.match(r"\s*(?:問|问|答|Q|A)\s*[0-9０-９]*\s*[.．、]?", body)
            and not body.endswith(_OPEN_ENDINGS))


#: An outlet's name before its reporter's: 工商時報 林淑惠.
_OUTLET = re.compile(r"(?:報|报|網|网|社|台|臺|新聞|新闻|週刊|周刊|雜誌|杂志|電視|电视|頻道|频道)$")
#: A writer's handle posting: janus 發表於 2024年9月26日 08:27.
_POSTED_BY = re.compile(r"\s*([A-Za-z][\w.-]{2,19}|[\u4e00-\u9fff]{2,4})\s+(?:發表於|发表于|發佈於|"
                        r"发布于|posted(?: on)?)\s")


def header_byline(text: str, first: bool = False) -> str:
    """The writer a header line names in the forms a page prints it
    without a credit word: the outlet, then the reporter; Latin names alone
    (only on the ``first`` line under the headline); a handle posting."""
    words = text.split()
    if 2 <= len(words) <= 3 and _OUTLET.search(words[0]) and (name := person(" ".join(words[1:]))):
        return name
    # (a list of names or an initial: a place, an agency or a desk is one
    # name in capitals too: HONG KONG, Getty Images, Reuters Staff)
    if first and len(text) <= 60 and latin_byline(text) and (
            re.search(r"\s*(?:,|&|\band\b)\s*", text) or re.search(r"\b[A-Z]\.", text)):
        return text.strip()
    posted = _POSTED_BY.match(text)
    if posted and (person(posted.group(1)) or posted.group(1).isascii()):
        return posted.group(1)
    return ""


def _is_heading(text: str, page: bool = False) -> bool:
    """Short, no sentence inside, not a credit, not a clause left open; or,
    on a ``page``, a subhead that asks (:func:`_asks_as_heading`)."""
    if page and _asks_as_heading(text):
        return True
    # (a line opening with a dash attributes a quotation: ——（宋）陆游)
    return (len(text) <= HEADING_MAX_CHARS and has_han(text) and not ends_sentence(text)
            and not text.lstrip().startswith(("—", "--", "－"))
            and not CREDIT_BRACKET.search(text) and not any(mark in text for mark in "。；;")
            and not text.endswith(_OPEN_ENDINGS))


def _blocks(rows: list[list], page: bool = False) -> tuple[Block, ...]:
    """``[line, text, short]`` rows → blocks: a short line that reads like a
    heading, with a paragraph after it, is a heading."""
    blocks = []
    for index, (number, text, short) in enumerate(rows):
        heading = (short and _is_heading(text, page) and index + 1 < len(rows)
                   and not rows[index + 1][2])
        blocks.append(Block(HEADING if heading else PARAGRAPH, text, number))
    return tuple(blocks)
