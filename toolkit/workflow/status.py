"""How far each catalog is, and what its checks find (toolkit status,
toolkit check)."""

from __future__ import annotations

from pathlib import Path

from toolkit.catalogs.checks import ERROR, WARNING, Finding, check_catalog, load_glossary
from toolkit.catalogs.po import read_po_file
from toolkit.catalogs.segments import segments
from toolkit.catalogs.states import APPROVED, TRANSLATED, state
from toolkit.errors import ConfigError
from toolkit.files import article_slug
from toolkit.pipeline.snapshot import find_sources, load_sources, project_phrases
from toolkit.project import LABELS_DOMAIN, Project, relative_name
from toolkit.read.sidecar import meta_path


def locale_catalogs(project: Project, locales: tuple[str, ...] | None = None,
                    domains: tuple[str, ...] = ()):
    """``(locale, domain, path, parsed file)`` for every catalog on disk (or
    those of ``domains``), read (and so checked for syntax) before anything
    is done with them."""
    found = []
    for locale in locales or project.locales:
        folder = project.locales_dir / locale / "LC_MESSAGES"
        for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
            if domains and path.stem not in domains:
                continue
            path = project.catalog_path(locale, path.stem)  # a name, inside the project
            found.append((locale, path.stem, path, read_po_file(path, locale, path.stem)))
    return found


def catalog_status(catalog) -> dict:
    """Counts of one catalog: messages translated / fuzzy / untranslated, and
    the source characters their msgids hold (all, and translated)."""
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0, "approved": 0,
              "source_chars": 0, "translated_chars": 0}
    for message in catalog:
        if not message.id:
            continue
        length = len(message.id if isinstance(message.id, str) else message.id[0])
        counts["source_chars"] += length
        found = state(message)
        if found == APPROVED:  # "translated" counts every finished message, reviewed or not
            counts["approved"] += 1
            found = TRANSLATED
        counts[found] += 1
        if found == TRANSLATED:
            counts["translated_chars"] += length
    return counts


def status(project: Project, locales: tuple[str, ...] | None = None,
           slugs: tuple[str, ...] = ()) -> list[dict]:
    sources_of(project, slugs)
    return [{"locale": locale, "domain": domain, "path": relative_name(project, path),
             **catalog_status(po.catalog)}
            for locale, domain, path, po in locale_catalogs(project, locales, slugs)]


def sources_of(project: Project, slugs: tuple[str, ...]) -> list[Path] | None:
    """The sources of the articles named (None: all); an unknown name is an
    error naming the project's articles."""
    if not slugs:
        return None
    by_slug = {article_slug(path): path for path in find_sources(project)}
    unknown = [slug for slug in slugs if slug not in by_slug and slug != LABELS_DOMAIN]
    if unknown:
        raise ConfigError(f"no article {', '.join(map(repr, unknown))} in this project "
                          f"(its articles: {', '.join(sorted(by_slug))})", str(project.sources_dir))
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def check(project: Project, locales: tuple[str, ...] | None = None,
          sources: list[Path] | None = None, slugs: tuple[str, ...] = ()):
    """Findings over every catalog of the locales (or those of ``slugs``), and
    over the sources: a segment of a current source that its catalog lacks
    (update not run)."""
    findings = []
    sources = sources or sources_of(project, slugs)
    catalogs = locale_catalogs(project, locales, slugs)
    for locale, domain, path, po in catalogs:
        findings += check_catalog(po.catalog, relative_name(project, path),
                                  load_glossary(project.glossary_path(locale)) if domain != LABELS_DOMAIN else {},
                                  with_ratio=domain != LABELS_DOMAIN)
    by_key = {(locale, domain): po.catalog for locale, domain, _, po in catalogs}
    phrases = project_phrases(project)
    for item in (load_sources(project, sources, phrases=phrases)
                 if not slugs or sources else []):  # SLUG labels: no article to read
        path, article = item.path, item.article
        # What reading was unsure of is worth a look before publication.
        findings += [Finding(relative_name(project, path), line, "source", WARNING, message)
                     for line, message in item.source.warnings]
        findings += [Finding(relative_name(project, meta_path(path)), line, "config", WARNING, message)
                     for line, message in item.meta_warnings]
        for locale in locales or project.locales:
            catalog = by_key.get((locale, article.slug))
            for segment in segments(article):
                if catalog is None or catalog.get(segment.text, context=segment.context) is None:
                    findings.append(Finding(
                        relative_name(project, Path(segment.path or article.source_path)),
                        segment.line, "stale", ERROR,
                        f"not in the {locale} catalog of {article.slug!r}: run toolkit update"))
    return findings
