"""The orchestrator: sources → Simplified articles → catalogs → editions in dist/.

This is the only library module that reads and writes project files; every
stage it calls is a plain function over values. Everything is read and
checked before anything is written, so bad input leaves ``dist/`` untouched.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import read_catalog, segments, translations
from .config import EDITIONS, LABELS_DOMAIN, ArticleMeta, Project, load_meta, meta_path
from .convert import convert_article
from .errors import SourceError
from .model import Article
from .source import load_article

#: Source files a project may hold under ``sources/``.
SOURCE_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class LoadedArticle:
    path: Path
    article: Article  # Simplified
    meta: ArticleMeta


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    #: editions held back, each with why (content that fails a check → exit 1)
    withheld: list[str] = field(default_factory=list)


def find_sources(project: Project) -> list[Path]:
    if not project.sources_dir.is_dir():
        raise SourceError("no sources/ folder and no SOURCE given", str(project.sources_dir))
    found = sorted(p for p in project.sources_dir.iterdir()
                   if p.is_file() and p.suffix in SOURCE_SUFFIXES and not p.name.startswith("."))
    if not found:
        raise SourceError("no source articles (*.txt) in sources/", str(project.sources_dir))
    return found


def load_source(project: Project, path: Path, opencc: str | None = None) -> LoadedArticle:
    """Read, normalise and convert one article, with its metadata sidecar."""
    article = load_article(path, boilerplate=project.boilerplate)
    article = convert_article(article, opencc or project.opencc)
    meta = load_meta(path)
    article = dataclasses.replace(article, date=meta.date, publication=meta.publication,
                                  url=meta.url, author=meta.author,
                                  meta_path=str(meta_path(path)) if meta.present else "")
    return LoadedArticle(path, article, meta)


def label_messages(project: Project) -> list[tuple[str, str | None, int, str]]:
    """(msgid, context, line, file) of every label in the templates."""
    from babel.messages.extract import extract_from_dir

    found = []
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(project.templates_dir), method_map=[("**.html", "jinja2")],
            options_map={"**.html": {"extensions": "jinja2.ext.i18n"}}):
        if isinstance(message, (list, tuple)):
            message = message[0]
        found.append((message, context, lineno, filename))
    return found


def build(project: Project, sources: list[Path] | None = None, out_dir: Path | None = None,
          editions: tuple[str, ...] = EDITIONS, opencc: str | None = None) -> BuildResult:
    from .render import edition_context, make_environment, render_html

    out_dir = out_dir or project.root / "dist"
    # 1. Read everything first: a bad source must not leave half a build.
    loaded = [load_source(project, p, opencc) for p in (sources or find_sources(project))]
    # 2. Catalogs of the translated editions, also before writing anything.
    translated = [e for e in editions if e != "zh-Hans"]
    catalogs = {(e, item.article.slug): read_catalog(project.catalog_path(e, item.article.slug), e)
                for e in translated for item in loaded}
    labels = {e: read_catalog(project.catalog_path(e, LABELS_DOMAIN), e) for e in translated}
    environments = {"zh-Hans": make_environment(project.templates_dir)}
    environments.update({e: make_environment(project.templates_dir, translations(labels[e]))
                         for e in translated})

    result = BuildResult()
    jobs = []
    for item in loaded:
        for edition in editions:
            catalog = catalogs.get((edition, item.article.slug))
            if catalog is not None:
                missing = _missing(catalog, item.article, labels[edition], project)
                if missing:
                    result.withheld.append(f"{project.catalog_path(edition, item.article.slug)}: "
                                           f"{edition} edition not built: {missing}")
                    continue
            context = edition_context(item.article, item.meta, project, edition, catalog)
            jobs.append((out_dir / f"{item.article.slug}.{edition}.pdf",
                         render_html(environments[edition], context)))
    # 3. Lay out and write, each PDF atomically.
    from .files import write_atomic
    from .pdf import html_to_pdf

    for target, html in jobs:
        write_atomic(target, html_to_pdf(html, project.templates_dir))
        result.written.append(target)
    return result


def _missing(catalog, article: Article, labels, project: Project) -> str:
    """'' when the edition is complete, else what is missing (counts)."""
    from .catalog import incomplete

    untranslated, fuzzy = incomplete(catalog, segments(article))
    label_gaps = [m for m, ctx, *_ in label_messages(project)
                  if not (labels.get(m, context=ctx) and labels.get(m, context=ctx).string
                          and not labels.get(m, context=ctx).fuzzy)]
    parts = []
    if untranslated:
        parts.append(f"{len(untranslated)} untranslated")
    if fuzzy:
        parts.append(f"{len(fuzzy)} fuzzy")
    if label_gaps:
        parts.append(f"{len(label_gaps)} template labels untranslated")
    return ", ".join(parts)
