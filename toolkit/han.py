"""What counts as Han, and what a Chinese numeral is worth: the one table
of CJK ideograph ranges and the one numeral table that the reader, the
checks, rendering and typesetting share."""

from __future__ import annotations

import re

# A Han character (CJK unified ideographs, extensions A–F, compatibility).
HAN = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U00030000-\U0003134f"
)
HAN_RE = re.compile(f"[{HAN}]")


def has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None


#: Chinese digits (Simplified and Traditional 两/兩), units and scales.
CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_SCALES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}


def chinese_numeral(text: str) -> int | None:
    """十四 → 14, 两千六百 → 2600, 三 → 3; None if not a well-formed numeral."""
    total, section, digit = 0, 0, None
    for char in text:
        if char in CHINESE_DIGITS:
            if digit is not None and digit != 0:  # 三五: not one number
                return None
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS:
            section += (1 if digit is None else digit) * CHINESE_UNITS[char]
            digit = None
        elif char in CHINESE_SCALES:
            total = (total + section + (digit or 0)) * CHINESE_SCALES[char]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)
