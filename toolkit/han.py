"""What counts as Han: the one table of CJK ideograph ranges that the
reader, the checks, rendering and typesetting share."""

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
