"""Helpers the tests share (one module, not a copy per file): where the
sample lives, a writable copy of it, running the CLI in-process, and the
text of a PDF."""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pdfplumber

from toolkit.cli import main
from toolkit.convert.simplify import to_simplified

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_SLUG = "jinshan-digital-transformation"
SAMPLE = ROOT / "sources" / f"{SAMPLE_SLUG}.txt"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: The sample's top and bottom margins (running header, page numbers), in points.
MARGIN = 24 * 72 / 25.4


def copy_sample_project(root: Path) -> Path:
    """A writable copy of this repository's publishing project at ``root``."""
    root.mkdir()
    for name in ("sources", "locales", "templates"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "toolkit.toml", root / "toolkit.toml")
    return root


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    """``toolkit argv…`` in this process: (exit status, stdout, stderr)."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run(capsys, project: Path, *argv: str) -> tuple[int, str, str]:
    """``toolkit -C project argv…`` in this process: (exit status, stdout, stderr)."""
    return cli(capsys, "-C", str(project), *argv)


def pdf_text(path: Path, body_only: bool = False) -> str:
    """All the text of a PDF, or (``body_only``) the text between the page
    margins, page after page."""
    with pdfplumber.open(path) as pdf:
        pages = [p.crop((0, MARGIN - 1, p.width, p.height - MARGIN)) if body_only else p
                 for p in pdf.pages]
        return "\n".join(page.extract_text() or "" for page in pages)


def key(text: str) -> str:
    """Text as the labels compare it: Simplified, NFC, without punctuation,
    symbols and spaces."""
    text = to_simplified(unicodedata.normalize("NFC", text))
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZS")
