"""Quantities in Chinese source text and in its English translation.

What the ``numbers`` check compares: every quantity of the source must be
in the translation. Understood on the Chinese side: Arabic figures with
Chinese units (200亿 = 20,000,000,000, 70% = 70, 4个亿 = 400,000,000),
Chinese numerals that count something (三个, 两项, 十五家: a numeral
followed by a measure word; 三大, 十九大), numerals with a scale (十亿),
ordinals (第三), fractions and percentages in words (四分之一, 百分之三十),
years in Chinese digits (二〇二一年), the five-year-plan names (十四五 =
14th), dates and months (7月21日 = July 21, 六月 = June, 6至8月 = June to
August, the shorthand 7.19 and 8·11 = July 19, August 11), centuries and decades (20世纪70年代 =
the 1970s, 21世纪初 = the early 2000s). Not quantities: 一 as an article or
inside words (一批 a batch, 进一步 further), weekdays (星期四 Thursday), the
next day (第二天). On the English side: figures with commas and decimals,
scale words (20 billion, two-million, two hundred thousand), number words,
ordinals, months (Oct., Sept.), percent, clock times (9.30am), years
abbreviated (FY18, the ’70s), and the words that hold a count without a
figure: a/an (1), both, twice, pair, couple, double (2), a decade (10), four
decades (40),
half, a quarter, a third (and quarterfinal), tricycle, bilateral and the
like.

Values are compared as numbers; months are ``("month", n)`` so that July
is never taken for the figure 7; fractions are compared to three places.

How sure a finding is (the check's severity, see
:func:`toolkit.catalogs.checks`): a quantity written as a figure (digits,
a date, a numeral of more than one character) that the translation lacks is
an error; so is a count in one Chinese numeral (两, 三, 七月) when the
translation holds a figure the source does not (三大 → "four"); such a
count merely absent (两位 → "both", or left implicit) is a warning.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from toolkit.han import CHINESE_DIGITS, chinese_numeral

# Measure words and units after which a Chinese numeral counts something.
_MEASURE = ("个個家项項年月日天次名位条條种種所座件台臺户戶人元亿億万萬倍份届屆期轮輪批组組支队隊"
            "场場款类類部辆輛架艘吨噸米岁歲周週小时時分秒页頁章节節点點层層成国國")
_CN_NUMERAL = "零〇一二两兩三四五六七八九十百千万萬亿億"
_CN_SMALL = "一二两兩三四五六七八九十"

# A figure, with thousands separators (3,900) and a Chinese scale; 千 before
# 米 克 瓦 … is part of a unit (10千米 = 10 km), not a scale. (个亿: 4个亿.)
_ARABIC_CN = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(?:[多余餘](?=[万萬亿億千]))?"
    r"(?:个(?=\s*(?:万亿|萬億|亿|億|万|萬)))?\s*"
    r"(%|％|万亿|萬億|亿|億|万|萬|千(?![米克瓦卡焦])|)")
# A range sharing one scale: 600-700万, 5至8亿.
_RANGE_CN = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[-–—~～至到]\s*(\d+(?:\.\d+)?)\s*"
                       r"(万亿|萬億|亿|億|万|萬)")
_DATE_CN = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")
_MONTH_CN = re.compile(r"(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号號])")
# A range of months: 6至8月 (June to August).
_MONTH_RANGE_CN = re.compile(r"(?<![\d.])(\d{1,2})\s*[-–—~～至到]\s*(?=\d{1,2}\s*月)")
_CN_DATE_CN = re.compile(r"([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号號]")
# A month in Chinese numerals (六月 June, 十二月份): not a count of months,
# which takes 个 (六个月).
_CN_MONTH = re.compile(f"(?<![{_CN_NUMERAL}第])([一二三四五六七八九十]{{1,2}})月")
# The shorthand of a date: 7.19 (before a word, not a unit) and 8·11.
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\s*(?:[·・•]\s*|\.(?=\d{1,2}(?![\d.])"
                          r"[\u4e00-\u9fff”\"」』]))(\d{1,2})(?![\d.])")
_NOT_AFTER_DOTTED = set("万萬亿億千百%％元米克吨噸倍个個年月日号號点點时時分秒")
# A century, with a decade (20世纪70年代 = the 1970s) or without (21世纪 =
# the 21st century, its years the 2000s).
_CENTURY_CN = re.compile(r"(\d{1,2}|[一二十]{1,3})\s*世纪\s*(?:(\d0)\s*年代)?")
# A decade (70年代 = the 1970s or the 70s), a clock hour (15时 = 3 p.m.).
_DECADE_CN = re.compile(r"(?<!\d)(\d0)\s*年代")
_HOUR_CN = re.compile(r"(?<![\d.])(\d{1,2})\s*[时時点點](?=\s*\d{1,2}\s*分|[许許左前后後半]|$|[^\d])")
_DECIMAL_CN = re.compile(r"([零〇一二两兩三四五六七八九十百千]+)[点點]([零〇一二三四五六七八九]+)")
_FIVE_YEAR = re.compile(r"([一二三四五六七八九十]+)五(?=规划|規劃|”|时期|時期|期间|期間|$|[^一二三四五六七八九十])")
# Fractions and percentages in words: 四分之一, 百分之三十, 百分之30.
_FRACTION_CN = re.compile(r"([零〇一二两兩三四五六七八九十百千]+|\d+)\s*分之\s*"
                          r"([零〇一二两兩三四五六七八九十百千]+(?:[点點][零〇一二三四五六七八九]+)?"
                          r"|\d+(?:\.\d+)?)")
# A year in Chinese digits: 二〇二一年.
_YEAR_DIGITS_CN = re.compile(r"([〇零一二三四五六七八九]{4})\s*年")
# 三大 (the three major …), 十九大 (the 19th congress); not 一大批, 一大早.
_MAJOR_CN = re.compile(f"(?<![{_CN_NUMERAL}第])([{_CN_SMALL}]{{1,3}})大(?![批片堆早多])")
# A numeral with a scale, whatever follows: 十亿, 三万六千.
_SCALED_CN = re.compile(f"(?<![{_CN_NUMERAL}])([{_CN_SMALL}][{_CN_SMALL}百千]*[万萬亿億][{_CN_NUMERAL}]*)")
# Numerals that count nothing: weekdays (星期四), the next day (第二天).
_NOT_COUNTS_CN = re.compile(r"(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]|第二[天日]|次日")
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
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                        "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
#: Words that hold a count without a figure: they answer a source's count,
#: never accuse it (see :func:`missing_quantities`).
_COUNT_WORDS = {
    "a": 1, "an": 1, "single": 1, "once": 1, "sole": 1, "lone": 1,
    "both": 2, "twice": 2, "pair": 2, "pairs": 2, "couple": 2, "double": 2, "dual": 2,
    "twin": 2, "twins": 2, "bilateral": 2, "biannual": 2, "biennial": 2, "bicycle": 2,
    "thrice": 3, "triple": 3, "treble": 3, "trio": 3, "tricycle": 3, "triangle": 3,
    "trilateral": 3, "trilogy": 3, "triennial": 3, "quadruple": 4, "quartet": 4,
    "quintet": 5, "dozen": 12, "decade": 10, "century": 100, "hundreds": 100,
    "thousands": 1000,
}
#: Fractions in words: a half, a quarter (and a quarterfinal), a third.
_FRACTION_WORDS = {"half": Decimal("0.5"), "halves": Decimal("0.5"), "quarter": Decimal("0.25"),
                   "quarters": Decimal("0.25"), "quarterfinal": Decimal("0.25"),
                   "quarterfinals": Decimal("0.25"), "third": Decimal(1) / 3,
                   "thirds": Decimal(1) / 3}
# A figure as English writes it: thousands separators, decimals, an ordinal
# suffix, a scale word or abbreviation (20 billion, 20bn, 3.5m, 250k), a unit
# or a plural glued on (5G, 10km, 1970s), a currency before (RMB250,000, £5m),
# No.1 (a point after a word, not after a figure).
_EN_FIGURE = re.compile(r"(?<![\d,])(?<!\d\.)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(st|nd|rd|th)?"
                        r"(?:(bn|tn|mn|m|k)\b|[A-Za-z]*)"
                        r"(?:[\s\u00a0-]+(hundred|thousand|million|billion|trillion)\b)?")
_EN_ABBREVIATED = {"bn": 10**9, "tn": 10**12, "mn": 10**6, "m": 10**6, "k": 1000}
_EN_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:[-–—]|to)\s*\d+(?:\.\d+)?\s*"
                       r"(hundred|thousand|million|billion|trillion|bn|tn|mn|m|k)\b")
# A clock time written with a point: 9.30am, 7.15 p.m.
_EN_TIME = re.compile(r"\b(\d{1,2})[.:](\d{2})\s*(?:[ap]\.?m\b\.?)", re.I)
# A year by its last two digits: FY18, the ’70s, '30.
_EN_SHORT_YEAR = re.compile(r"(?:\bFY\s?|['’‘])(\d{2})(?:s\b|\b)")
# Decades counted: four decades, 3 decades.
_EN_DECADES = re.compile(r"\b([a-z]+|\d+)\s+decades\b", re.I)
# A share as a count of a whole: one in six, 3 in 10.
_EN_ONE_IN = re.compile(r"\b(one|two|three|four|five|\d+)\s+(?:in|out\s+of)\s+"
                        r"(two|three|four|five|six|seven|eight|nine|ten|\d+)\b", re.I)
_ROMAN = re.compile(r"\b(?:(?:Phase|Stage|Part|Level|Grade|No\.?)\s+([IVX]{1,5})|([IVX]{2,5}))\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
#: Fractions are compared to this many places (四分之一 = a quarter = 0.25).
_PLACES = Decimal("0.001")


_SCALES_CN = {"万亿": 10**12, "萬億": 10**12, "亿": 10**8, "億": 10**8, "万": 10**4, "萬": 10**4,
              "千": 1000}


class Quantity(NamedTuple):
    """A quantity of the source: as written, its value (or the values any of
    which renders it), and whether it is written as a figure (pinned) rather
    than as a count in one Chinese numeral."""

    written: str
    value: object
    pinned: bool = True
    #: a count of things (三个, 1名), which a word may render (a man, both):
    #: not a date, a year, a share or a sum, which only a figure renders
    count: bool = False

    def values(self) -> frozenset:
        return self.value if isinstance(self.value, frozenset) else frozenset({self.value})


def _fraction(value: Decimal) -> Decimal:
    return value.quantize(_PLACES)


def _numeral_or_figure(text: str) -> Decimal | None:
    """三十 → 30, 30 → 30, 三点五 → 3.5; None if neither."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    whole, _, decimals = re.split("([点點])", text, maxsplit=1) if re.search("[点點]", text) \
        else (text, "", "")
    value = chinese_numeral(whole)
    if value is None or any(ch not in CHINESE_DIGITS for ch in decimals):
        return None
    digits = "".join(str(CHINESE_DIGITS[ch]) for ch in decimals)
    return Decimal(f"{value}.{digits}") if digits else Decimal(value)


def source_quantities(text: str) -> list[Quantity]:
    """The quantities of a Chinese text, in the order they are found."""
    found: list[Quantity] = []
    taken = [False] * len(text)

    def take(match: re.Match[str], value: object, group: int = 0, pinned: bool = True,
             written: str | None = None, count: bool = False) -> bool:
        start, end = match.span(group)
        if any(taken[start:end]):
            return False
        taken[start:end] = [True] * (end - start)
        if value is not None:
            found.append(Quantity(written or match.group(group), value, pinned, count))
        return True

    for match in _NOT_COUNTS_CN.finditer(text):
        take(match, None)
    for match in _CENTURY_CN.finditer(text):
        century = chinese_numeral(match.group(1)) if not match.group(1).isdigit() \
            else int(match.group(1))
        if not century or century > 21:
            continue
        years = (century - 1) * 100
        if match.group(2):
            decade = int(match.group(2))
            take(match, frozenset({Decimal(years + decade), Decimal(decade)}))
        else:
            take(match, frozenset({Decimal(century), Decimal(years)}))
    for match in _DATE_CN.finditer(text):
        if take(match, ("month", int(match.group(1))), written=match.group(0)):
            found.append(Quantity(match.group(2) + "日", Decimal(match.group(2))))
    for match in _CN_DATE_CN.finditer(text):
        month, day = chinese_numeral(match.group(1)), chinese_numeral(match.group(2))
        if month and day and month <= 12 and take(match, ("month", month)):
            found.append(Quantity(match.group(2) + "日", Decimal(day)))
    for match in _DOTTED_DATE.finditer(text):
        month, day = int(match.group(1)), int(match.group(2))
        after = text[match.end():].lstrip()[:1]
        if not (1 <= month <= 12 and 1 <= day <= 31) or after in _NOT_AFTER_DOTTED:
            continue
        decimal = Decimal(f"{month}.{match.group(2)}")
        if take(match, frozenset({("month", month), decimal}), written=match.group(0)):
            found.append(Quantity(match.group(2), frozenset({Decimal(day), decimal})))
    for match in _MONTH_RANGE_CN.finditer(text):
        if 1 <= int(match.group(1)) <= 12:
            take(match, ("month", int(match.group(1))), 1)
    for match in _MONTH_CN.finditer(text):
        take(match, ("month", int(match.group(1))))
    for match in _CN_MONTH.finditer(text):
        month = chinese_numeral(match.group(1))
        if month and month <= 12:
            take(match, ("month", month), pinned=False)
    for match in _YEAR_DIGITS_CN.finditer(text):
        year = int("".join(str(CHINESE_DIGITS[ch]) for ch in match.group(1)))
        take(match, Decimal(year), 1)
    for match in _FRACTION_CN.finditer(text):
        whole, part = (_numeral_or_figure(group) for group in match.groups())
        if not whole or part is None:
            continue
        if whole == 100:  # 百分之三十: thirty percent
            take(match, part)
        else:
            take(match, frozenset({_fraction(part / whole)}))
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
        counted = not match.group(3) and text[match.end():].lstrip().lstrip("多余餘")[:1] \
            in _MEASURE
        take(match, number * _SCALES_CN.get(match.group(3), 1), count=counted)
    for match in _FIVE_YEAR.finditer(text):
        value = chinese_numeral(match.group(1))
        if value and value > 5:  # 十四五 (the 14th five-year plan), not 三五
            take(match, Decimal(value))
    for match in _MAJOR_CN.finditer(text):
        value = chinese_numeral(match.group(1))
        if value and not (match.group(1) == "一"):
            take(match, Decimal(value), 1, pinned=len(match.group(1)) > 1, count=True)
    for match in _SCALED_CN.finditer(text):
        before = text[match.start() - 1:match.start()]
        value = chinese_numeral(match.group(1))
        if value and not (before and before in "数數几幾上"):  # 数十亿: billions, no figure
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
        take(match, Decimal(value), pinned=len(numeral) > 1 or bool(ordinal), count=True)
    return found


def chinese_quantities(text: str) -> list[tuple[str, object]]:
    """``(as written, value)`` for each quantity in a Chinese text."""
    return [(quantity.written, quantity.value) for quantity in source_quantities(text)]


#: What an English quantity is: a figure (digits, a number word of two or
#: more, a month), a share in words (half, a quarter, one in six), or a word
#: that holds a count (a, both, a decade, and "one" and the ordinals, which
#: are as often no count at all). A figure the source lacks accuses a missing
#: count; a share answers any quantity; a count word answers only a count.
FIGURE, SHARE, COUNT = "figure", "share", "count"


def english_figures(text: str) -> list[tuple[frozenset, str]]:
    """Each figure, number word, month, share or count word of an English
    text: the values it may stand for, and what it is (:data:`FIGURE`,
    :data:`SHARE` or :data:`COUNT`)."""
    figures: list[tuple[frozenset, str]] = []
    for match in _EN_FIGURE.finditer(text):
        whole, fraction, _, abbreviated, scale = match.groups()
        number = Decimal(whole.replace(",", "") + ("." + fraction if fraction else ""))
        values = {number}
        if abbreviated:
            values.add(number * _EN_ABBREVIATED[abbreviated])
        if scale:
            values.add(number * _EN_SCALES[scale])
        if number < 1:
            values.add(_fraction(number))
        figures.append((frozenset(values), FIGURE))
    for match in _EN_RANGE.finditer(text):  # 6-7 million: the scale is the low end's too
        scale = _EN_SCALES.get(match.group(2)) or _EN_ABBREVIATED[match.group(2)]
        figures.append((frozenset({Decimal(match.group(1)) * scale}), FIGURE))
    for match in _EN_TIME.finditer(text):  # 9.30am: nine, and thirty minutes
        figures.append((frozenset({Decimal(match.group(1))}), FIGURE))
        figures.append((frozenset({Decimal(match.group(2))}), FIGURE))
    for match in _EN_SHORT_YEAR.finditer(text):
        two = int(match.group(1))
        figures.append((frozenset({Decimal(1900 + two), Decimal(2000 + two), Decimal(two)}),
                        FIGURE))
    for match in _ROMAN.finditer(text):
        figures.append((frozenset({Decimal(_roman(match.group(1) or match.group(2)))}), FIGURE))
    written = [part for word in _EN_WORD.findall(text) for part in word.split("-")]
    parts = [part.lower() for part in written]
    for index, part in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else ""
        previous = parts[index - 1] if index > 0 else ""
        # A month's name is capitalised ("it may rise" names no month; nor does
        # "jan" or "dec" in lower case).
        named = written[index][:1].isupper()
        if part in _MONTHS and named:
            figures.append((frozenset({("month", _MONTHS[part])}), FIGURE))
        elif part in _MONTH_ABBREVIATIONS and named:
            figures.append((frozenset({("month", _MONTH_ABBREVIATIONS[part])}), FIGURE))
        if part in _COUNT_WORDS:
            figures.append((frozenset({Decimal(_COUNT_WORDS[part])}), COUNT))
        if part in _FRACTION_WORDS:
            share = _FRACTION_WORDS[part]
            times = _word_value(previous) if previous not in ("a", "an", "one") else 1
            if part.startswith("third") and previous not in ("a", "an", "one") and not times:
                continue  # "the third": an ordinal, read below
            share *= times or 1
            figures.append((frozenset({_fraction(share), _fraction(share * 100)}), SHARE))
        if part == "half" and following == "a" and index + 2 < len(parts) \
                and parts[index + 2] in _EN_SCALES:  # half a billion
            figures.append((frozenset({Decimal(_EN_SCALES[parts[index + 2]]) / 2}), FIGURE))
    for match in _EN_ONE_IN.finditer(text):  # one in six: a sixth
        share, whole = (_word_or_figure(group.lower()) for group in match.groups())
        if share and whole:
            figures.append((frozenset({_fraction(Decimal(share) / whole),
                                       _fraction(Decimal(share) * 100 / whole)}), SHARE))
    for match in _EN_DECADES.finditer(text):  # four decades: forty years
        count = _word_or_figure(match.group(1).lower())
        if count:
            figures.append((frozenset({Decimal(count * 10)}), COUNT))
    for value, strong in _number_words(parts):
        figures.append((frozenset({Decimal(value)}), FIGURE if strong else COUNT))
    return figures


def _number_words(parts: list[str]):
    """``(value, strong)`` of number words and runs of them (two hundred
    thousand, twenty-one, three million): each word alone, and each run as
    one number. "One" and the ordinals are weak (one of …, the second time)."""
    run_total, run_current, run_length = 0, 0, 0

    def flush():
        if run_length > 1:
            yield run_total + run_current, True

    for part in parts:
        value = _word_value(part)
        if part in _EN_SCALES and run_length:
            scale = _EN_SCALES[part]
            if scale == 100:
                run_current = (run_current or 1) * 100
            else:
                run_total, run_current = run_total + (run_current or 1) * scale, 0
            run_length += 1
            continue
        if part == "and" and run_length:
            continue
        if value is None:
            yield from flush()
            run_total, run_current, run_length = 0, 0, 0
            continue
        yield value, part not in _EN_ORDINALS and part != "one"
        if part in _EN_ORDINALS:
            yield from flush()
            run_total, run_current, run_length = 0, 0, 0
            continue
        run_current += value
        run_length += 1
    yield from flush()


def english_quantities(text: str) -> set[object]:
    """Values of the figures, number words, ordinals and months in English text."""
    return {value for values, _ in english_figures(text) for value in values}


def _word_or_figure(text: str) -> int | None:
    return int(text) if text.isdigit() else _word_value(text)


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
    return None


def missing_quantities(source: str, translation: str) -> list[str]:
    """The quantities of ``source`` (as written) that ``translation`` lacks."""
    return [quantity.written for quantity, _ in missing_with_severity(source, translation)]


def stray_figures(source: str, translation: str) -> list[str]:
    """The figures of ``translation`` (as written) that stand for no quantity
    of ``source``: what a translator wrote instead of a missing one."""
    wanted = {value for quantity in source_quantities(source) for value in quantity.values()}
    stray = []
    for match in _EN_FIGURE.finditer(translation):
        values = next((v for v, kind in english_figures(match.group(0)) if kind == FIGURE), None)
        if values is not None and values.isdisjoint(wanted):
            stray.append(match.group(0).strip())
    for word in _EN_WORD.findall(translation):  # four, twenty-one, June
        for part in word.lower().split("-"):
            value = _word_value(part)
            if (part in _MONTHS or part in _MONTH_ABBREVIATIONS) and word[:1].isupper():
                month = _MONTHS.get(part) or _MONTH_ABBREVIATIONS[part]
                if ("month", month) not in wanted:
                    stray.append(word)
            elif value is not None and part not in _EN_ORDINALS and part != "one" \
                    and Decimal(value) not in wanted:
                stray.append(word)
    return list(dict.fromkeys(stray))


def missing_with_severity(source: str, translation: str) -> list[tuple[Quantity, bool]]:
    """Each quantity of ``source`` that ``translation`` lacks, and whether
    that is certain (an error): a figure missing, or a count missing while
    the translation holds a figure the source does not."""
    quantities = source_quantities(source)
    figures = english_figures(translation)
    # A word that holds a count (a, both, twice) answers a count, never a
    # date, a year or a sum: "a" is no answer to 1日.
    figured = {value for values, kind in figures if kind != COUNT for value in values}
    worded = {value for values, _ in figures for value in values}
    wanted = {value for quantity in quantities for value in quantity.values()}
    stray = any(kind == FIGURE and values.isdisjoint(wanted) for values, kind in figures)
    return [(quantity, quantity.pinned or stray) for quantity in quantities
            if quantity.values().isdisjoint(worded if quantity.count else figured)]
