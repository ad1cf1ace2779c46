"""The headline among the lines above an article's body on a page, and how
sure the choice is: a headline stands as one (a timestamp, byline or deck
under it, the body right below), and a choice without such an anchor, with
a rival close behind, or shaped like a byline, a timestamp, a menu item or
an item of a list of stories is reported as a guess.
"""

from __future__ import annotations

import re

from toolkit.han import has_han
from toolkit.read.dateline import parse_byline, parse_dateline
from toolkit.read.furniture import DATE_IN_LINE, split_trailing_stamp
from toolkit.read.people import credited, is_person
from toolkit.read.page_lines import BYLINE, CAPTION, FURNITURE, PROSE, SHORT, STAMP, Line, ends_sentence

# Lines a page puts between a headline and its timestamp or byline: a
# photo's caption, "click the picture" prompts, share buttons, a label.
_ASIDE_KINDS = (FURNITURE, CAPTION)
_HEADLINE_LOOKAHEAD = 4


def anchored(lines: list[Line], index: int) -> bool:
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


def is_headline_shaped(line: Line) -> bool:
    """Short, Han, headline-sized; not a row of buttons (轉寄好友 | 友善列印)
    nor an item of a list of stories (a headline with its date)."""
    return (line.kind == SHORT and has_han(line.text) and len(line.text) >= 6
            and "|" not in line.text and "｜" not in line.text
            and split_trailing_stamp(line.text) is None)


def stands_as_headline(lines: list[Line], index: int, body_start: int) -> bool:
    """A timestamp, byline or site's tagline under the line (:func:`anchored`),
    or a timestamp over it with the body right under it."""
    line = lines[index]
    headline_sized = len(line.text) >= 6  # a section's name (港聞, 社會) is shorter
    if headline_sized and anchored(lines, index):
        return True
    if index + 1 < len(lines) and lines[index + 1].rule == "site tagline":
        return True
    between = [ln for ln in lines[index + 1:body_start] if ln.kind in (SHORT, PROSE)]
    preceding = next((ln for ln in reversed(lines[:index]) if ln.kind != FURNITURE), None)
    return headline_sized and not between and preceding is not None and preceding.kind == STAMP


def title_score(lines: list[Line], index: int, body_start: int, repeats) -> float | None:
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
    if stands_as_headline(lines, index, body_start):
        score += ANCHORED
    if len(line.text) < 6:
        score -= 10
    if under_header(lines, index):
        score -= HEADER_LINE
    if repeats[line.text] > 1 and len(line.text) < 6:
        score -= 6
    return score


def under_header(lines: list[Line], index: int) -> bool:
    """Whether a line stands in the header under another headline: past a
    timestamp or byline (and captions, widgets, credits) right under a
    headline-sized line. A page prints a reader count (1032人参与), a pen
    name (执笔/…), a source (信息来源：…), keywords or a photo's caption
    there; the headline is the line over the timestamp."""
    dated = False
    for above in reversed(lines[:index]):
        if above.kind in (STAMP, BYLINE):
            dated = True
        elif above.kind in _ASIDE_KINDS or above.kind == SHORT and (
                len(above.text) <= 8 or unlike_headline(above.text)):
            continue
        else:
            return dated and is_headline_shaped(above)
    return False


#: Words of a page's top bar, never of a headline's first line: a login
#: name (月落_长安), an address, 首页, 登录.
_CHROME = re.compile(r"[_@]|首[页頁]|登[录錄入]|注[册冊]|註冊")


def deck_head(lines: list[Line], index: int) -> int:
    """A headline in two lines (a headline and its deck, one block apart)
    is titled by its first: the anchor stands under the deck. A line
    that is one of a list of headlines (another headline-sized line right
    before it) is left alone."""
    if index < 1 or not is_headline_shaped(lines[index]):
        return index
    above = lines[index - 1]
    if not headline_like(above) or lines[index].number - above.number > 2 \
            or ends_sentence(above.text) or _CHROME.search(above.text):
        return index
    before = lines[index - 2] if index >= 2 else None
    if before is not None and before.text == above.text:
        return index - 1  # (the headline twice: a breadcrumb's last item, then the headline)
    if before is not None and above.number - before.number <= 2 and (
            before.kind == SHORT and len(before.text) >= 6 or before.rule == "counter"):
        return index  # a run of three or more headlines, or a numbered one: a list, not a deck
    return index - 1


#: A headline long enough to read as prose (it has a comma) is at most this long.
_LONG_HEADLINE_MAX = 60


def headline_in_span(lines: list[Line], start: int, end: int,
                     repeated: frozenset[str] = frozenset()) -> int | None:
    """A headline standing as one (:func:`anchored`) inside the run of prose
    found as the body, with more prose after it than before: what comes
    before it is a ticker or a stream of other stories' summaries (or the
    page's header printed twice, for wide and narrow screens). A line the
    page prints twice may be a headline however it is punctuated."""
    prose_before = 0
    total = sum(len(ln.text) for ln in lines[start:end] if ln.kind == PROSE)
    for index in range(start, end):
        line = lines[index]
        twice = (line.kind == PROSE and line.text in repeated and has_han(line.text)
                 and len(line.text) <= _LONG_HEADLINE_MAX and not line.text.endswith("。"))
        if (is_headline_shaped(line) or twice) and prose_before < total - prose_before \
                and anchored(lines, index):
            return index
        if line.kind == PROSE:
            prose_before += len(line.text)
    return None


#: What a timestamp, byline or tagline under a line adds to its title score:
#: more than any distance takes away.
ANCHORED = 100
#: What a line in the header under another headline loses: more than a
#: rival's margin, so the headline over the header is chosen and sure.
HEADER_LINE = 50
#: A title choice below this score is reported as a guess.
CONVINCING_TITLE = ANCHORED
#: A headline shares its words with the story under it: below this share of
#: its two-character runs found in the body, the line chosen is someone
#: else's (a stream's story, a column's name, a widget's label).
MIN_SHARED_WITH_BODY = 0.15



#: A line over the body this long rivals a headline far above it (a
#: link's label such as 更多新聞短片 is shorter).
_RIVAL_MIN_CHARS = 8
#: A rival this close to the chosen headline's score makes the choice a guess.
RIVAL_MARGIN = 30
#: Words of a line that credits, dates or places an article, not of a
#: headline: a reporter's job title, "posted from", an update time.
_NOT_HEADLINE_WORDS = re.compile(
    r"(?:記者|记者)(?!會|会)|特派員|特派员|通訊員|通讯员|撰稿人?|專欄作家|专栏作家|評論員|评论员|"
    r"主筆|主笔|編輯|编辑|責編|责编|[Cc]orrespondent|[Rr]eporter|[Ee]ditor|發佈於|發布於|发布于|"
    r"IP屬地|IP属地|更新\s*[）)]?$|^[（(]|^(?:信息|稿件|新聞|新闻)?(?:來源|来源)\s*[:：／/]|^(?:出處|出处|作者|文|圖|图|執筆|执笔)\s*[:：／/]")
# Numbers with decimals: an index and its change (恒生指數 27,668.47 145.55).
_DECIMAL = re.compile(r"\d[\d,]*\.\d+")
_HAN = re.compile("[\u4e00-\u9fff]")
#: A market quote names its index in a few words (上證指數, 國企指數).
_QUOTE_MAX_HAN = 8
#: A time of day in a line: 18:05, 09時49分.
_TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}\s*[:：]\s*\d{2}(?!\d)")


def body_right_below(lines: list[Line], index: int, body_start: int) -> bool:
    """A headline-shaped line with only furniture and captions between it and
    the body, and no other headline-shaped line right above it (the last
    item of a list of stories also stands right above the body)."""
    if not is_headline_shaped(lines[index]) or any(
            ln.kind not in _ASIDE_KINDS for ln in lines[index + 1:body_start]):
        return False
    above = next((ln for ln in reversed(lines[:index]) if ln.kind != FURNITURE), None)
    return above is None or not is_headline_shaped(above)


#: A reporter's name and the outlet, under a headline: 石佳/中国青年报.
NAME_OUTLET = re.compile(r"\s*([\u4e00-\u9fff·]{2,4})\s*[/／|｜]\s*[\u4e00-\u9fffA-Za-z]{2,12}\s*")


def name_outlet(text: str) -> str:
    """The person a ``name/outlet`` credit line names, or ''."""
    match = NAME_OUTLET.fullmatch(text)
    return match.group(1) if match and is_person(match.group(1)) else ""


def headline_like(line: Line) -> bool:
    """Headline-shaped and reading as one: not a credit, a date, a caption
    (a sentence closed inside it) nor a row of keywords (mostly Latin)."""
    text = line.text
    return (is_headline_shaped(line) and not unlike_headline(text) and "。" not in text
            and 2 * len(_HAN.findall(text)) >= len(text.replace(" ", "")))


def unlike_headline(text: str) -> str:
    """Why a line chosen as the title reads as something else, or ''."""
    if len(text) < 6:
        return "a line this short is a menu item or a section's name"
    if NUMBERED_TITLE.match(text):
        return "a numbered line is a section heading or an entry of a table of contents"
    if parse_byline(text) is not None or credited([text]) or _NOT_HEADLINE_WORDS.search(text) \
            or name_outlet(text):
        return "it reads as a byline, a credit or an update time"
    if _TOP_BAR_LINE.fullmatch(text):
        return "it is a line of the page's top bar (首頁, 登入, 註冊)"
    if _ICON_GLYPH.search(text):
        return "it holds an icon font's glyphs: a widget's buttons"
    if _PAGE_SETTINGS.search(text):
        return "it is a setting of the page (its language, its type size)"
    if DATE_IN_LINE.search(text) or _TIME_OF_DAY.search(text):
        return "it holds a date or a time"
    if len(_DECIMAL.findall(text)) >= 2 and len(_HAN.findall(text)) <= _QUOTE_MAX_HAN:
        return "it reads as a market quote"
    return ""


#: A line of a page's top bar: its buttons alone (登入 / 註冊, 首頁 | 會員).
_TOP_BAR_LINE = re.compile(r"(?:\s*(?:首[页頁]|登[录錄入]|注[册冊]|註冊|會員|会员|退出|登出|[|/｜>＞]))+\s*")
#: A private-use character: an icon font's glyph (a share button's logo).
_ICON_GLYPH = re.compile("[\ue000-\uf8ff]")
#: A page's settings in its top bar: 語言：繁 简, 字號：大 中 小.
_PAGE_SETTINGS = re.compile(r"(?:語言|语言|字[號号體体]|[Ll]anguage)\s*[:：]|繁[\s|/｜]{0,3}[简簡]\s*$")


#: Marks of a list's items: the line above a headline is another story's.
_BULLETS = "·•●■▪◆◇○-–—*>"


#: A numbered line: 1. 一、 （一） 第一章 — a section heading, not a headline.
NUMBERED_TITLE = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|"
                            r"\d{1,2}[.、．]|第[一二三四五六七八九十\d]{1,3}[章節节部分])\s*\S")


def in_own_header(lines: list[Line], title: int, index: int) -> bool:
    """Whether a line stands in the header under the chosen headline (its
    byline, source, reader count, a caption past its timestamp): no rival."""
    return index > title and under_header(lines, index) and not any(
        is_headline_shaped(ln) and not unlike_headline(ln.text) and not under_header(lines, i)
        for i, ln in enumerate(lines[title + 1:index], title + 1))


def title_doubt(lines: list[Line], chosen: int, title: int, body_start: int,
                scored: list[tuple[float, int]]) -> str:
    """Why the title chosen above the body is a guess, or '' when it stands
    as a headline does. ``chosen``: the best-scored line; ``title``: the line
    titled (the head of its deck); ``scored``: (score, index) of every
    candidate."""
    if not scored:
        return "nothing above the body reads like a headline"
    best = max(score for score, index in scored if index == chosen)
    line = lines[title]
    if not stands_as_headline(lines, chosen, body_start) \
            and not body_right_below(lines, chosen, body_start):
        return "no timestamp, byline or body right under it"
    if line.joined:
        return "it was read with the lines after it glued on"
    if title != chosen and title == 0:
        return "read as a headline in two lines whose first is the page's first line"
    dated = split_trailing_stamp(line.text)
    shape = unlike_headline(dated[0] if dated else line.text)
    if shape:
        return shape
    # A headline-shaped line right over the title (a headline in two lines
    # whose first closes with ？ or ！, or the last of a list): which is it?
    at = next((i for i in range(title - 1, -1, -1) if lines[i].kind != FURNITURE), None)
    above = lines[at] if at is not None else None
    if above is not None and line.number - above.number <= 2 and headline_like(above) \
            and above.text.strip() != line.text.strip() and above.text[0] not in _BULLETS \
            and not _CHROME.search(above.text) \
            and not (at > 0 and above.number - lines[at - 1].number <= 2
                     and is_headline_shaped(lines[at - 1])):
        return f"{above.text!r} stands right over it (a headline in two lines?)"
    pair = {lines[chosen].text, line.text}
    # (a headline-shaped line in the header under the title is still a
    # rival here: doubt costs a warning, a wrong title without one more)
    rival = next((lines[index].text for score, index in sorted(scored, reverse=True)
                  if lines[index].text not in pair and score >= best - RIVAL_MARGIN
                  and is_headline_shaped(lines[index])
                  and not unlike_headline(lines[index].text)), None)
    if rival is not None:
        return f"{rival!r} stands as a headline too"
    # A headline far above the body, and another right over it: either may be
    # the article's (a stream's story with its time, or a menu between).
    over_body = next((index for _, index in scored if lines[index].text not in pair
                      and len(lines[index].text) >= _RIVAL_MIN_CHARS
                      and (headline_like(lines[index]) or not in_own_header(lines, title, index))
                      and body_right_below(lines, index, body_start)), None)
    if over_body is not None:
        return f"{lines[over_body].text!r} stands right above the body"
    return ""


def shared_with_body(title: str, body: str) -> float | None:
    """The share of the title's runs of two Han characters that the body
    holds (None for a title of fewer than four such runs: too short to say).
    A headline names what the story tells; a line from elsewhere does not."""
    runs = {pair for chunk in re.findall("[\u4e00-\u9fff]+", title)
            for pair in (chunk[i:i + 2] for i in range(len(chunk) - 1))}
    if len(runs) < 4:
        return None
    return sum(pair in body for pair in runs) / len(runs)
