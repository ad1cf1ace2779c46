"""The read phase: a project's sources, with their sidecars, read and converted.

Both the build (:mod:`toolkit.pipeline.build`) and the catalog workflow
(:mod:`toolkit.workflow`) start here, so neither imports the other. Every
source is read and checked before anything is written.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.catalogs.checks import glossary_bytes, parse_glossary
from toolkit.catalogs.po import parse_catalog
from toolkit.catalogs.segments import new_catalog
from toolkit.convert.report import conversion_report
from toolkit.convert.simplify import Phrases, convert_article, read_phrases, to_simplified
from toolkit.editions import Edition
from toolkit.errors import CatalogError, ConfigError, SettingsError, SourceError
from toolkit.files import article_slug, check_inside, inside, read_input
from toolkit.model import Article
from toolkit.patterns import article_budget
from toolkit.pipeline.readcache import cached_load_source
from toolkit.project import LABELS_DOMAIN, Project
from toolkit.read import SOURCE_SUFFIXES, load_article
from toolkit.read.lines import normalise
from toolkit.read.overrides import apply_overrides
from toolkit.read.sidecar import load_meta, meta_path, read_meta_bytes
from toolkit.render.design import design_dir, labels_catalog, packaged_labels
from toolkit.render.labels import labels_required


@dataclass(frozen=True)
class LoadedArticle:
    path: Path
    article: Article  # Simplified, with its metadata
    source: Article  # as read, before conversion
    opencc: str
    phrases: Phrases | None
    meta_warnings: tuple[tuple[int, str], ...] = ()
    #: the conversion report, when it was made already (toolkit.pipeline.readcache)
    report_text: str | None = dataclasses.field(default=None, compare=False)
    #: the source's bytes and its sidecar's (None: no sidecar), as the read
    #: phase read them: the manifest and the archive use these, not the disk
    data: bytes = dataclasses.field(default=b"", compare=False, repr=False)
    sidecar: bytes | None = dataclasses.field(default=None, compare=False, repr=False)

    def warnings(self) -> list[str]:
        """What reading is unsure of or found damaged, and what the sidecar
        says that is not understood: ``path:line: source: warning: …``."""
        lines = [f"{self.path}:{line}: source: warning: {message}"
                 for line, message in self.source.warnings]
        meta = meta_path(self.path)
        return lines + [f"{meta}:{line}: config: warning: {message}"
                        for line, message in self.meta_warnings]

    def report(self) -> str:
        """The conversion report (built on demand)."""
        if self.report_text is not None:
            return self.report_text
        return conversion_report(self.source, self.article, config=self.opencc,
                                 phrases=self.phrases.path if self.phrases else "")


def find_sources(project: Project, failed: list | None = None) -> list[Path]:
    """The project's sources; with ``failed`` (a list), one whose name cannot
    be an article's (or that leads out of the project) is left out and its
    error appended there, instead of stopping everything."""
    if not project.sources_dir.is_dir():
        raise SourceError("no sources/ folder and no SOURCE given", str(project.sources_dir))
    with os.scandir(project.sources_dir) as entries:
        found = sorted((Path(entry.path), entry.is_symlink()) for entry in entries
                       if entry.is_file() and Path(entry.name).suffix in SOURCE_SUFFIXES
                       and not entry.name.startswith("."))
    if not found:
        raise SourceError("no source articles (*.txt, *.md, *.html) in sources/",
                          str(project.sources_dir))
    # (a file that is no link, in a sources/ inside the project, is inside it:
    # only links are followed, so a desk of 10,000 articles lists in a blink)
    folder_inside = inside(project.sources_dir, project.root)
    named = []
    for path, link in found:
        try:
            if link or not folder_inside:
                check_inside(path, project.root, SourceError)
            named.append((article_slug(path), path))
        except SourceError as error:
            if failed is None:
                raise
            failed.append(error)
    _check_slugs(named)
    return [path for _, path in named]


def _check_slugs(named: list[tuple[str, Path]]) -> None:
    """One slug, one sidecar, one catalog, one set of PDFs: two sources with
    one slug (``a.txt`` and ``a.md``, or a draft's ``slug:``) are an error
    naming both, and no article may take the labels' domain."""
    by_slug: dict[str, Path] = {}
    for slug, path in named:
        if slug == LABELS_DOMAIN:
            raise SourceError(f"an article cannot be named {slug!r}: that is the catalog of the "
                              "templates' labels (rename the source)", str(path))
        other = by_slug.setdefault(slug, path)
        if other != path:
            raise SourceError(f"two sources for the article {slug!r}: {other} and {path} "
                              "(keep one, or rename one)", str(path))


def load_sources(project: Project, sources: list[Path] | None = None, opencc: str | None = None,
                 encoding: str | None = None, phrases: Phrases | None = None,
                 failed: list | None = None) -> list[LoadedArticle]:
    """Every article given (default: all under sources/), read and converted,
    their slugs checked against each other before anything is written. With
    ``failed`` (a list), an article whose own source or sidecar is bad is
    left out and its error appended there, instead of stopping everything."""
    loaded = []
    for path in sources or find_sources(project, failed):
        try:
            files = read_source_files(project, path)
            item = cached_load_source(load_source, LoadedArticle, project, path, opencc,
                                      encoding, phrases, files)
            loaded.append(dataclasses.replace(item, data=files[0], sidecar=files[1]))
        except (SourceError, ConfigError) as error:
            if failed is None or _is_projects(error, project):
                raise
            failed.append(error)
    _check_slugs([(item.article.slug, item.path) for item in loaded])
    return loaded


def _is_projects(error, project: Project) -> bool:
    """An error in the project's settings, not in one article's files."""
    return isinstance(error, SettingsError) or (
        error.path is not None and Path(error.path) == project.config_path)


def project_phrases(project: Project, override: Path | None = None) -> Phrases | None:
    """The phrase file given on the command line, else the project's, read
    once for all the articles of a run."""
    path = override or project.opencc_phrases
    return read_phrases(path) if path else None


def read_source_files(project: Project, path: Path) -> tuple[bytes, bytes | None]:
    """An article's own files, read once: the source's bytes and its
    sidecar's (None when it has none)."""
    if inside(path.parent, project.root):  # a project's file must not lead out of it
        check_inside(path, project.root, SourceError)
        if meta_path(path).exists():
            check_inside(meta_path(path), project.root, ConfigError)
    limit = project.max_source_mb * 1_000_000
    # a source too big is refused before it is read (and if it grew since)
    size = path.stat().st_size if path.is_file() else 0
    data = read_input(path, SourceError, "a source file") if size <= limit else b""
    size = max(size, len(data))
    if size > limit:
        raise SourceError(f"{size / 1_000_000:.1f} MB, more than [project] max_source_mb = "
                          f"{project.max_source_mb:g} (toolkit.toml) allows: raise it to read "
                          "this source", str(path))
    return data, read_meta_bytes(path)


def load_source(project: Project, path: Path, opencc: str | None = None,
                encoding: str | None = None, phrases: Phrases | None = None,
                files: tuple[bytes, bytes | None] | None = None) -> LoadedArticle:
    """Read, normalise and convert one article (``phrases``: see
    :func:`project_phrases`; ``files``: its source's and sidecar's bytes,
    when read already). What a Markdown draft's front matter says comes
    first; the metadata sidecar fills in the rest."""
    data, sidecar = files if files is not None else read_source_files(project, path)
    article = load_article(path, boilerplate=project.boilerplate, encoding=encoding, data=data)
    meta = load_meta(path, sidecar)
    # The sidecar is the editor's last word: it overrides what the text or a
    # draft's front matter says.
    article = dataclasses.replace(
        article, date=meta.date or article.date,
        publication=meta.publication or article.publication, url=meta.url or article.url,
        author=meta.author or article.author,
        short_title=meta.short_title or article.short_title,
        meta_path=str(meta_path(path)) if meta.present else "")
    config = opencc or project.opencc
    converted = convert_article(article, config, phrases)
    if meta.present:
        with article_budget():  # the sidecar's drop patterns share one budget
            article, converted = apply_overrides(
                article, converted, meta, lambda text: to_simplified(text, config, phrases),
                lambda text: normalise(text).text)
    return LoadedArticle(path, converted, article, config, phrases, meta.warnings,
                         data=data, sidecar=sidecar)


@dataclass(frozen=True)
class Snapshot:
    """Everything a build reads, read once before anything is written."""

    project: Project
    loaded: tuple[LoadedArticle, ...]
    #: (locale, domain) → catalog, for every article and the labels
    catalogs: dict
    glossaries: dict
    #: edition kind → the labels its templates use (translated kinds only)
    labels_needed: dict = field(default_factory=dict)
    #: path → bytes of every catalog and glossary as read (None: absent)
    files: dict = field(default_factory=dict)
    #: the folder of templates the editions are made from (see templates_of)
    templates: Path | None = None


def read(project: Project, sources: list[Path] | None, editions: tuple[Edition, ...],
         opencc: str | None = None, encoding: str | None = None,
         phrases: Path | None = None, failed: list | None = None,
         every_catalog: bool = False) -> Snapshot:
    """Sources with their sidecars, and the catalogs and glossaries the
    editions need, before anything is written (``every_catalog``: also the
    bytes of each article's catalogs in the locales not built, which an
    archive embeds). A bad file of the project
    (settings, phrases, labels, glossary) stops the build; with ``failed``,
    an article whose own source, sidecar or catalog is bad is left out and
    its error appended there."""
    loaded = load_sources(project, sources, opencc, encoding,
                          project_phrases(project, phrases), failed)
    locales = sorted({e.locale for e in editions if e.locale})
    files: dict[Path, bytes | None] = {}
    catalogs = {(locale, LABELS_DOMAIN): _labels(project, locale, files) for locale in locales}
    kept = []
    for item in loaded:
        try:
            catalogs.update({(locale, item.article.slug): _catalog(project, locale,
                                                                   item.article.slug, files)
                             for locale in locales})
            for locale in project.locales if every_catalog else ():
                path = project.catalog_path(locale, item.article.slug)
                if path not in files:
                    files[path] = path.read_bytes() if path.is_file() else None
            kept.append(item)
        except CatalogError as error:
            if failed is None:
                raise
            failed.append(error)
    glossaries = {}
    for locale in locales:
        path = project.glossary_path(locale)
        files[path] = glossary_bytes(path)
        glossaries[locale] = parse_glossary(files[path], str(path))
    templates = templates_of(project)
    labels_needed = {kind: labels_required(templates, kind)
                     for kind in sorted({e.kind for e in editions if e.translated})}
    return Snapshot(project, tuple(kept), catalogs, glossaries, labels_needed, files, templates)


def templates_of(project: Project) -> Path:
    """The templates a project's editions are made from: its own, the
    packaged design, or its own over the packaged (see
    :mod:`toolkit.render.design`)."""
    return design_dir(project.templates_dir, project.root)


def _labels(project: Project, locale: str, files: dict):
    """The labels' catalog of a locale: the project's over the packaged
    translation, message by message (each file's bytes into ``files``)."""
    own_path = project.catalog_path(locale, LABELS_DOMAIN)
    own = _catalog(project, locale, LABELS_DOMAIN, files) \
        if _catalog_bytes(own_path, files) is not None else None
    packaged_path = packaged_labels(locale)
    packaged = None
    if packaged_path is not None:
        data = _catalog_bytes(packaged_path, files)
        packaged = parse_catalog(data, str(packaged_path), locale, LABELS_DOMAIN)
    merged = labels_catalog(own, packaged)
    return merged if merged is not None else new_catalog(LABELS_DOMAIN, locale)


def _catalog(project: Project, locale: str, domain: str, files: dict):
    """A catalog, or an empty one for an article nobody has extracted yet:
    its translated editions are then withheld as untranslated, while the
    Chinese edition is built. Its bytes go into ``files``."""
    path = project.catalog_path(locale, domain)
    data = _catalog_bytes(path, files)
    return parse_catalog(data, str(path), locale, domain) if data is not None \
        else new_catalog(domain, locale)


def _catalog_bytes(path: Path, files: dict) -> bytes | None:
    """A catalog file's bytes (None: absent), read once into ``files``."""
    if path not in files:
        files[path] = read_input(path, CatalogError, "a catalog") if path.exists() else None
    return files[path]
