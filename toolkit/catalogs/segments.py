"""Article → gettext messages: one segment a block, and the catalog
template (.pot) of an article.

Message ids are the Simplified text of a segment; the msgctxt is at most the
segment's kind (``title``, ``heading``, ``agency``, ``place``, ``reporter``;
paragraphs have none), never its position, so reordering an article or
inserting a paragraph leaves every other message as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from toolkit.model import PARAGRAPH, TITLE, Article

PROJECT_NAME = "bilingual-brief"


@dataclass(frozen=True)
class Segment:
    """One translatable piece of an article."""

    text: str
    context: str | None
    line: int
    #: where the text comes from when not the source file (metadata sidecar)
    path: str | None = None


def segments(article: Article) -> Iterator[Segment]:
    """The article's messages in reading order (title, dateline, blocks)."""
    yield Segment(article.title, TITLE, article.title_line)
    if article.short_title:
        yield Segment(article.short_title, "short_title", 1, article.meta_path or None)
    if article.dateline:
        d = article.dateline
        for kind, text in (("agency", d.agency), ("place", d.place), ("reporter", d.reporter)):
            if text:
                yield Segment(text, kind, d.line)
    for block in article.blocks:
        yield Segment(block.text, None if block.kind == PARAGRAPH else block.kind, block.line)
    if article.author and article.author != reporter_of(article):
        yield Segment(article.author, "author", article.title_line, article.meta_path or None)
    if article.publication:
        yield Segment(article.publication, "publication", 1, article.meta_path or None)


def reporter_of(article: Article) -> str:
    """The dateline's reporter: when reading takes the author from it, the
    two are one person and one message (translated once, printed once)."""
    return article.dateline.reporter if article.dateline and article.dateline.reporter else ""


def new_catalog(domain: str, locale: str | None = None, creation_date=None):
    """An empty catalog with a header free of gettext's placeholders
    (``FULL NAME <EMAIL@ADDRESS>``), which ``msgfmt --check`` warns about."""
    # lazy: Babel's catalog code (≈30 ms): only when a catalog is read or written
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=locale, domain=domain, project=PROJECT_NAME, version="1",
                      charset="utf-8", fuzzy=False, creation_date=creation_date,
                      header_comment=f"# Messages of {domain!r}, bilingual-brief toolkit.")
    catalog.msgid_bugs_address = ""
    catalog.last_translator = ""
    catalog.language_team = ""
    catalog.revision_date = catalog.creation_date
    return catalog


def article_template(article: Article, creation_date=None):
    """The ``.pot`` of an article: one message per segment."""
    catalog = new_catalog(article.slug, creation_date=creation_date)
    for segment in segments(article):
        catalog.add(segment.text, context=segment.context,
                    locations=[(segment.path or article.source_path, segment.line)])
    return catalog
