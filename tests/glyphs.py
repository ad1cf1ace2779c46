"""Every glyph's page and position in the sample's PDFs, as a fixture.

Refactoring the pipeline must not move a glyph: ``test_glyphs.py`` compares
a fresh build of the sample with ``tests/data/glyphs/<edition>.json``
within 0.05 pt. When output changes on purpose, regenerate (and review the
diff, as for golden files):

    .venv/bin/python tests/glyphs.py dist/   # after `make run`
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pdfplumber

FIXTURES = Path(__file__).parent / "data" / "glyphs"
SLUG = "jinshan-digital-transformation"
EDITIONS = ("zh-Hans", "en", "bilingual")


def glyphs(pdf: Path) -> list[list]:
    """``[page, text, x0, top, size]`` per character, in reading order."""
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            found += [[number, c["text"], round(c["x0"], 3), round(c["top"], 3),
                       round(c["size"], 3)] for c in page.chars]
    return found


def write_fixtures(dist: Path) -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for edition in EDITIONS:
        rows = glyphs(dist / f"{SLUG}.{edition}.pdf")
        text = "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n"
        (FIXTURES / f"{edition}.json").write_text(text, encoding="utf-8")
        print(f"wrote {FIXTURES / f'{edition}.json'} ({len(rows)} glyphs)")


if __name__ == "__main__":
    write_fixtures(Path(sys.argv[1] if len(sys.argv) > 1 else "dist"))
