"""bytes → Article, in the source's own script.

One reader per kind of source, chosen by suffix (the table below); readers
never import each other. Page text (`.txt`) is read by `page_text`, Markdown
drafts by `markdown`, saved pages by `html`; all share `chars` (NFC, glosses,
punctuation), `furniture`, `dateline` and `damage`, and the editor's `sidecar`
and `overrides` have the last word."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from toolkit.errors import SourceError
from toolkit.files import article_slug, read_input
from toolkit.model import Article
from toolkit.patterns import article_budget
from toolkit.read.decode import decode_source
from toolkit.read.html import read_html
from toolkit.read.markdown import read_markdown
from toolkit.read.page_text import read_article

#: A source's suffix → its reader: ``reader(text, *, path, slug, boilerplate)``.
READERS = {".txt": read_article, ".md": read_markdown, ".html": read_html, ".htm": read_html}
SOURCE_SUFFIXES = tuple(READERS)


def load_article(path: Path, *, slug: str | None = None, encoding: str | None = None,
                 boilerplate: Iterable[str] = (), data: bytes | None = None) -> Article:
    """Read an article file (``.txt``, ``.md``, ``.html``), or ``data``, its
    bytes read already; ``boilerplate``: the project's furniture patterns,
    on top of the library's. Raises :class:`SourceError` naming the file."""
    if data is None:
        data = read_input(path, SourceError, "a source file")
    text, used = decode_source(data, str(path), encoding)
    reader = READERS.get(path.suffix, read_article)
    with article_budget():  # the project's patterns share one budget per article
        article = reader(text, path=str(path), slug=slug or article_slug(path),
                         boilerplate=boilerplate)
    return dataclasses.replace(article, encoding=used)
