"""Golden HTML of the sample's editions: what the templates render, compared
as files (as pelican compares a built site). When output changes on purpose,
regenerate and review the diff before committing:

    .venv/bin/python tests/golden.py
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "data" / "golden"
SLUG = "jinshan-digital-transformation"


def rendered() -> dict[str, str]:
    """``{edition: html}`` of the sample, as the build renders them."""
    from toolkit.pipeline.build import render_documents
    from toolkit.project import load_project

    return {job.edition.name: html
            for job, html in render_documents(load_project(ROOT), allow_incomplete=True)}


def write() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for edition, html in rendered().items():
        (GOLDEN / f"{SLUG}.{edition}.html").write_text(html, encoding="utf-8")
        print(f"wrote {GOLDEN / f'{SLUG}.{edition}.html'}")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    write()
