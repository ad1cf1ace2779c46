"""Datelines and bylines of Chinese-language news → :class:`~toolkit.model.Dateline`.

Two families, every part optional:

* agency datelines, leading a paragraph: ``人民網上海7月21日電 (王文娟)``,
  ``新華社北京11月17日電``, ``中新社北京九月二十七日電``, ``中央社／ 台北10日電``,
  ``（中央社記者邱俊欽桃園19日電）``, ``台灣網12月10日陵縣消息``;
* Taiwanese bylines, on a line of their own, leading or closing a
  paragraph: ``〔記者凌美雪／台北報導〕``, ``（王煌忠／台中報導）``,
  ``〔即時新聞／綜合報導〕``, ``記者林悅／南市報導``, ``聯合報 記者陳嘉寧／桃園機場報導``.
"""

from __future__ import annotations

import re

from toolkit.han import chinese_numeral
from toolkit.model import Dateline
from toolkit.read.furniture import TIMESTAMP


def chinese_number(text: str) -> int:
    """``27``, ``二十七``, ``十``, ``十二``, ``三十一`` → int (0 when not a number)."""
    return int(text) if text.isdigit() else chinese_numeral(text) or 0


_NUM = r"\d{1,2}|[〇一二兩三四五六七八九十]{1,3}"
_AGENCY = (r"(?:人民網|人民网|新華社|新华社|中新社|中新網|中新网|中央社|中通社|台灣網|台湾网|中國臺灣網|"
           r"中国台湾网|海峽網|海峡网|光明網|光明网|央視網|央视网|國際在線|国际在线|澎湃新聞|澎湃新闻|"
           r"[^\s，。、：:（()）「」“”0-9]{1,8}?(?:網|网|社|報|报|臺|台|新聞|新闻|電視|电视))")
_REPORTER_TITLE = r"(?:特派記者|特派记者|實習記者|实习记者|本報記者|本报记者|記者|记者)"
_OPEN, _CLOSE = "（(〔【\\[", "）)〕】\\]"  # inside character classes

AGENCY_DATELINE = re.compile(
    rf"\s*(?P<open>[{_OPEN}])?\s*(?P<agency>{_AGENCY})\s*[／/]?\s*"
    rf"(?:(?P<title>{_REPORTER_TITLE})\s*(?P<who>[^\d\s，。（()）{_CLOSE}]{{2,12}}?))?"
    rf"(?P<place>[^\d\s，。、（()）：:{_CLOSE}]{{0,10}}?)\s*"
    rf"(?:(?P<month>{_NUM})月)?(?P<day>{_NUM})日"
    rf"(?P<place2>[^\d\s，。、（()）]{{0,6}}?)(?P<verb>電|电|訊|讯|消息|報導|报道|报导|報道)"
    rf"\s*(?(open)[{_CLOSE}])"
    rf"(?:\s*[（(]\s*(?P<title2>{_REPORTER_TITLE})?\s*(?P<reporter>[^）)]{{1,30}}?)\s*[）)])?[ \u3000]*")

_BYLINE = (rf"(?:(?P<agency>[^\s，。（()）／/{_OPEN}{_CLOSE}]{{1,8}}?(?:報|报|社|網|网|台|臺))\s+)?"
           rf"(?P<title>{_REPORTER_TITLE})?\s*(?P<reporter>[^\s／/，。（()）{_OPEN}{_CLOSE}]"
           rf"[^／/，。（()）{_OPEN}{_CLOSE}]{{0,19}}?)\s*[／/]\s*"
           rf"(?P<place>[^\s／/，。（()）{_OPEN}{_CLOSE}]{{0,10}}?)\s*"
           rf"(?P<verb>綜合報導|综合报导|综合报道|綜合報道|報導|报导|报道|報道)")
#: A reporter credited under the title: 澎湃新聞記者 沈嘉禾, 鉅亨網記者林昱辰 台北.
REPORTER_LINE = re.compile(
    rf"\s*(?P<agency>[^\s，。（()）／/{_OPEN}{_CLOSE}]{{1,8}}?(?:網|网|社|報|报|台|臺|新聞|新闻))?\s*"
    rf"(?P<title>{_REPORTER_TITLE})\s*(?P<reporter>[^\s\d／/，。、（()）{_OPEN}{_CLOSE}]{{2,4}})"
    rf"(?:\s+(?P<place>[^\s\d／/，。、（()）{_OPEN}{_CLOSE}]{{2,6}}))?\s*")
#: A place's own report in brackets: （北京綜合訊）
PLACE_DATELINE = re.compile(
    rf"\s*[{_OPEN}](?P<place>[^\s\d，。（()）{_OPEN}{_CLOSE}]{{2,6}}?)"
    rf"(?P<verb>綜合訊|综合讯|綜合電|综合电|綜合報導|综合报道|訊|讯|電|电)[{_CLOSE}]\s*")
#: A byline alone or in brackets: 〔記者凌美雪／台北報導〕
BYLINE = re.compile(rf"\s*[{_OPEN}]?\s*{_BYLINE}\s*[{_CLOSE}]?\s*")
LEADING_BYLINE = re.compile(rf"\s*[{_OPEN}]\s*{_BYLINE}\s*[{_CLOSE}]\s*")
TRAILING_BYLINE = re.compile(rf"[{_OPEN}]\s*{_BYLINE}\s*[{_CLOSE}]\s*$")

#: Places a reporter's name runs into: 中央社記者邱俊欽桃園19日電.
_PLACES = frozenset(
    "台北 臺北 新北 桃園 台中 臺中 台南 臺南 高雄 基隆 新竹 苗栗 彰化 南投 雲林 嘉義 屏東 宜蘭 "
    "花蓮 台東 臺東 澎湖 金門 馬祖 連江 北京 上海 天津 重慶 香港 澳門 廣州 深圳 南京 杭州 武漢 "
    "成都 西安 瀋陽 福州 廈門 東京 首爾 華盛頓 紐約 倫敦 巴黎 柏林 莫斯科 新加坡 雪梨 "
    "台北市 新北市 桃園市 台中市 台南市 高雄市 南市 中市 北市".split())


def _split_reporter_place(run: str) -> tuple[str, str]:
    """``邱俊欽桃園`` → (邱俊欽, 桃園): a known place at the end, else a
    three-character name (the commonest), else two."""
    for size in (4, 3, 2):
        if len(run) > size and run[-size:] in _PLACES:
            return run[:-size], run[-size:]
    if len(run) >= 5:
        return run[:3], run[3:]
    if len(run) == 4:
        return run[:2], run[2:]
    return run, ""


def _clean_reporter(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" 　、")


def parse_agency_dateline(text: str, line: int = 0) -> tuple[Dateline | None, str]:
    """Split a leading agency dateline off a paragraph: ``(dateline, rest)``,
    or ``(None, text)``."""
    match = AGENCY_DATELINE.match(text)
    if not match:
        return None, text
    month = chinese_number(match["month"]) if match["month"] else 0
    day = chinese_number(match["day"])
    if not (0 <= month <= 12 and 1 <= day <= 31):
        return None, text
    reporter, title = "", ""
    place = match["place"] or match["place2"] or ""
    if match["who"]:  # 中央社記者邱俊欽桃園19日電: name and place run together
        title = match["title"]
        reporter, found_place = _split_reporter_place(match["who"] + match["place"])
        place = found_place or place
    if match["reporter"]:
        reporter, title = _clean_reporter(match["reporter"]), match["title2"] or title
    dateline = Dateline(agency=match["agency"], place=place, month=month, day=day,
                        reporter=reporter, reporter_title=title or "", verb=match["verb"],
                        line=line)
    return dateline, text[match.end():]


def _byline(match: re.Match, line: int) -> Dateline:
    verb = match["verb"]
    return Dateline(agency=match["agency"] or "", place=match["place"] or "",
                    reporter=_clean_reporter(match["reporter"]),
                    reporter_title=match["title"] or "", verb=verb, line=line, style="byline")


def parse_byline(text: str, line: int = 0) -> Dateline | None:
    """A line that is a byline and nothing else (a timestamp may close it:
    鉅亨網記者林昱辰 台北  2024-05-02 14:30)."""
    match = BYLINE.fullmatch(text)
    if match:
        return _byline(match, line)
    match = REPORTER_LINE.match(text)
    if match and (match.end() == len(text) or TIMESTAMP.fullmatch(text[match.end():])):
        return Dateline(agency=match["agency"] or "", place=match["place"] or "",
                        reporter=match["reporter"], reporter_title=match["title"], verb="",
                        line=line, style="byline")
    return None


def parse_leading_byline(text: str, line: int = 0) -> tuple[Dateline | None, str]:
    match = LEADING_BYLINE.match(text)
    if not match or match.end() == len(text):
        return None, text
    return _byline(match, line), text[match.end():]


def parse_trailing_byline(text: str, line: int = 0) -> tuple[Dateline | None, str]:
    """``……釐清死因。（王煌忠／台中報導）`` → the byline and the paragraph without it."""
    match = TRAILING_BYLINE.search(text)
    if not match or match.start() == 0:
        return None, text
    return _byline(match, line), text[:match.start()].rstrip()


def parse_dateline(text: str, line: int = 0) -> tuple[Dateline | None, str]:
    """Any leading dateline or byline of a paragraph: ``(dateline, rest)``."""
    dateline, rest = parse_agency_dateline(text, line)
    if dateline is None:
        dateline, rest = parse_leading_byline(text, line)
    if dateline is None:
        match = PLACE_DATELINE.match(text)
        if match and match.end() < len(text):
            dateline = Dateline(place=match["place"], verb=match["verb"], line=line)
            rest = text[match.end():]
    return dateline, rest
