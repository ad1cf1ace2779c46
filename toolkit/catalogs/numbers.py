"""Quantities in Chinese source text and in its English translation.

What the ``numbers`` check compares: every quantity of the source must be
in the translation. Understood on the Chinese side: Arabic figures with
Chinese units (200亿 = 20,000,000,000, 70% = 70), Chinese numerals that
count something (三个, 两项, 十五家: a numeral followed by a measure word),
ordinals (第三), the five-year-plan names (十四五 = 14th) and dates
(7月21日 = July 21). Not quantities: 一 as an article or inside words
(一批 a batch, 一员 a member, 进一步 further, 统一 unified). On the English
side: figures with commas and decimals, scale words (20 billion), number
words (six, twenty-one), ordinals (14th, third), month names, percent.

Values are compared as numbers; months are ``("month", n)`` so that July
is never taken for the figure 7.
"""

from __future__ import annotations

import re
from decimal import Decimal

from toolkit.han import CHINESE_DIGITS, chinese_numeral

# Measure words and units after which a Chinese numeral counts something.
_MEASURE = ("个個家项項年月日天次名位条條种種所座件台臺户戶人元亿億万萬倍份届屆期轮輪批组組支队隊"
            "场場款类類部辆輛架艘吨噸米岁歲周週小时時分秒页頁章节節点點层層成")
_CN_NUMERAL = "零〇一二两兩三四五六七八九十百千万萬亿億"

# A figure, with thousands separators (3,900) and a Chinese scale; 千 before
# 米 克 瓦 … is part of a unit (10千米 = 10 km), not a scale.
_ARABIC_CN = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(?:[多余餘](?=[万萬亿億千]))?"
    r"(%|％|万亿|萬億|亿|億|万|萬|千(?![米克瓦卡焦])|)")
# A range sharing one scale: 600-700万, 5至8亿.
_RANGE_CN = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[-–—~～至到]\s*(\d+(?:\.\d+)?)\s*"
                       r"(万亿|萬億|亿|億|万|萬)")
_DATE_CN = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")
_MONTH_CN = re.compile(r"(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号號])")
_CN_DATE_CN = re.compile(r"([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号號]")
# A decade (70年代 = the 1970s or the 70s), a clock hour (15时 = 3 p.m.).
_DECADE_CN = re.compile(r"(?<!\d)(\d0)年代")
_HOUR_CN = re.compile(r"(?<![\d.])(\d{1,2})\s*[时時点點](?=\s*\d{1,2}\s*分|[许許左前后後半]|$|[^\d])")
_DECIMAL_CN = re.compile(r"([零〇一二两兩三四五六七八九十百千]+)[点點]([零〇一二三四五六七八九]+)")
_FIVE_YEAR = re.compile(r"([一二三四五六七八九十]+)五(?=规划|規劃|”|时期|時期|期间|期間|$|[^一二三四五六七八九十])")
_CN_COUNT = re.compile(f"(第)?([{_CN_NUMERAL}]+)(?=[多余餘]?[{_MEASURE}])")

_EN_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_EN_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
    .split())}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
              "trillion": 10**12}
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split())}
# A figure as English writes it: thousands separators, decimals, an ordinal
# suffix, a scale word or abbreviation (20 billion, 20bn, 3.5m, 250k), a unit
# or a plural glued on (5G, 10km, 1970s), a currency before (RMB250,000, £5m).
_EN_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(st|nd|rd|th)?"
                        r"(?:(bn|tn|mn|m|k)\b|[A-Za-z]*)"
                        r"(?:[\s\u00a0-]+(hundred|thousand|million|billion|trillion)\b)?")
_EN_ABBREVIATED = {"bn": 10**9, "tn": 10**12, "mn": 10**6, "m": 10**6, "k": 1000}
_EN_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:[-–—]|to)\s*\d+(?:\.\d+)?\s*"
                       r"(hundred|thousand|million|billion|trillion|bn|tn|mn|m|k)\b")
_ROMAN = re.compile(r"\b(?:(?:Phase|Stage|Part|Level|Grade|No\.?)\s+([IVX]{1,5})|([IVX]{2,5}))\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


_SCALES_CN = {"万亿": 10**12, "萬億": 10**12, "亿": 10**8, "億": 10**8, "万": 10**4, "萬": 10**4,
              "千": 1000}


def chinese_quantities(text: str) -> list[tuple[str, object]]:
    """``(as written, value)`` for each quantity in a Chinese text."""
    found: list[tuple[str, object]] = []
    taken = [False] * len(text)

    def take(match: re.Match[str], value: object, group: int = 0) -> None:
        start, end = match.span(group)
        if any(taken[start:end]):
            return
        taken[start:end] = [True] * (end - start)
        found.append((match.group(group), value))

    for match in _DATE_CN.finditer(text):
        take(match, ("month", int(match.group(1))))
        found.append((match.group(2) + "日", Decimal(match.group(2))))
    for match in _CN_DATE_CN.finditer(text):
        month, day = chinese_numeral(match.group(1)), chinese_numeral(match.group(2))
        if month and day and month <= 12:
            take(match, ("month", month))
            found.append((match.group(2) + "日", Decimal(day)))
    for match in _MONTH_CN.finditer(text):
        take(match, ("month", int(match.group(1))))
    for match in _DECADE_CN.finditer(text):
        decade = int(match.group(1))
        take(match, frozenset({Decimal(decade), Decimal(1900 + decade), Decimal(2000 + decade)}))
    for match in _HOUR_CN.finditer(text):
        hour = int(match.group(1))
        if hour <= 24:
            take(match, frozenset({Decimal(hour), Decimal(hour - 12 if hour > 12 else hour)}), 1)
    for match in _RANGE_CN.finditer(text):
        scale = _SCALES_CN[match.group(3)]
        low, high = Decimal(match.group(1)), Decimal(match.group(2))
        take(match, low * scale, 1)
        take(match, high * scale, 2)
    for match in _DECIMAL_CN.finditer(text):
        whole = chinese_numeral(match.group(1))
        fraction = "".join(str(CHINESE_DIGITS[ch]) for ch in match.group(2))
        if whole is not None:
            take(match, Decimal(f"{whole}.{fraction}"))
    for match in _ARABIC_CN.finditer(text):
        number = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        take(match, number * _SCALES_CN.get(match.group(3), 1))
    for match in _FIVE_YEAR.finditer(text):
        value = chinese_numeral(match.group(1))
        if value and value > 5:  # 十四五 (the 14th five-year plan), not 三五
            take(match, Decimal(value))
    for match in _CN_COUNT.finditer(text):
        ordinal, numeral = match.group(1), match.group(2)
        value = chinese_numeral(numeral)
        if value is None:
            continue
        if numeral == "一" and not ordinal:
            continue  # 一个, 一批, 一员: "a", not a count worth checking
        if numeral in "万萬亿億千百":
            continue  # 万家 "every household", 百业 "all trades": not counts
        if match.start() > 0 and text[match.start() - 1] in "进進统統唯同专專万萬数數几幾上":
            continue  # 进一步, 统一 … inside a word; 数十, 几百, 上百: no figure to check
        if numeral == "十" and text[match.end():match.end() + 1] == "分" \
                and text[match.end() + 1:match.end() + 2] not in "钟鐘":
            continue  # 十分 "very", not ten minutes
        take(match, Decimal(value))
    return found


def english_quantities(text: str) -> set[object]:
    """Values of the figures, number words, ordinals and months in English text."""
    values: set[object] = set()
    for match in _EN_FIGURE.finditer(text):
        whole, fraction, _, abbreviated, scale = match.groups()
        number = Decimal(whole.replace(",", "") + ("." + fraction if fraction else ""))
        values.add(number)
        if abbreviated:
            values.add(number * _EN_ABBREVIATED[abbreviated])
        if scale:
            values.add(number * _EN_SCALES[scale])
    for match in _EN_RANGE.finditer(text):  # 6-7 million: the scale is the low end's too
        scale = _EN_SCALES.get(match.group(2)) or _EN_ABBREVIATED[match.group(2)]
        values.add(Decimal(match.group(1)) * scale)
    for match in _ROMAN.finditer(text):
        values.add(Decimal(_roman(match.group(1) or match.group(2))))
    words = [w.lower() for w in _EN_WORD.findall(text)]
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        for part in word.split("-"):  # three-year, Five-Year, twenty-one
            if part in _MONTHS:
                values.add(("month", _MONTHS[part]))
            part_value = _word_value(part)
            if part_value is not None:
                values.add(Decimal(part_value))
        value = _word_value(word)
        if word == "half" and following == "a" and index + 2 < len(words) \
                and words[index + 2] in _EN_SCALES:  # half a billion
            values.add(Decimal(_EN_SCALES[words[index + 2]]) / 2)
        if value is None:
            continue
        values.add(Decimal(value))
        if following in _EN_SCALES:
            values.add(Decimal(value * _EN_SCALES[following]))
    return values


def _roman(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, numeral[1:] + " "):
        value = _ROMAN_VALUES[char]
        total += -value if _ROMAN_VALUES.get(following, 0) > value else value
    return total


def _word_value(word: str) -> int | None:
    if word in _EN_WORDS:
        return _EN_WORDS[word]
    if word in _EN_ORDINALS:
        return _EN_ORDINALS[word]
    if word in _EN_TENS:
        return _EN_TENS[word]
    if "-" in word:  # twenty-one, twenty-first
        tens, _, unit = word.partition("-")
        if tens in _EN_TENS and (unit in _EN_WORDS or unit in _EN_ORDINALS):
            return _EN_TENS[tens] + _EN_WORDS.get(unit, _EN_ORDINALS.get(unit, 0))
    return None


def missing_quantities(source: str, translation: str) -> list[str]:
    """The quantities of ``source`` (as written) that ``translation`` lacks."""
    have = english_quantities(translation)
    return [written for written, value in chinese_quantities(source)
            if (have.isdisjoint(value) if isinstance(value, frozenset) else value not in have)]
