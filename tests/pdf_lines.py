"""Lines of text as a reader sees them on the page, for typography tests.

Characters are grouped by baseline inside the text frame of the brief's
page (A4, margins 24 mm top and bottom, 20 mm left and right); what stands
in the margins (running header, page numbers, pair numbers) is left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM = 72 / 25.4
LEFT, RIGHT = 20 * MM, 595.276 - 20 * MM
TOP, BOTTOM = 24 * MM, 841.89 - 24 * MM
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass
class Line:
    page: int
    baseline: float
    chars: list

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def size(self) -> float:
        return round(self.chars[0]["size"], 1)


def body_lines(path: Path) -> list[Line]:
    lines: list[Line] = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            rows: dict[float, list] = {}
            for char in page.chars:
                # (an opening mark at a line's start hangs half an em into the margin)
                if TOP <= char["top"] and char["bottom"] <= BOTTOM and char["x0"] >= LEFT - 7:
                    # the baseline, from the text matrix: glyphs of two faces on
                    # one line have different boxes but the same baseline
                    rows.setdefault(round(char["matrix"][5], 1), []).append(char)
            for baseline in sorted(rows, reverse=True):  # PDF y grows upwards
                chars = sorted(rows[baseline], key=lambda c: c["x0"])
                chars = [c for c in chars if c["text"].strip()]
                if chars:
                    lines.append(Line(number, baseline, chars))
    return lines


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u00ad\u2010-]", "", text)


def paragraph_lines(lines: list[Line], paragraph: str, start: int = 0) -> tuple[list[Line], int]:
    """The lines that hold ``paragraph`` (searched from line ``start``), and
    the index after them. Lines are matched by their text, spaces and
    hyphens at line ends aside."""
    target = _squeeze(paragraph)
    for first in range(start, len(lines)):
        if not target.startswith(_squeeze(lines[first].text)) or not _squeeze(lines[first].text):
            continue
        found, text = [], ""
        for line in lines[first:]:
            candidate = text + _squeeze(line.text)
            if not target.startswith(candidate):
                break
            found.append(line)
            text = candidate
            if text == target:
                return found, first + len(found)
    raise AssertionError(f"paragraph not found on the page: {paragraph[:30]}…")
