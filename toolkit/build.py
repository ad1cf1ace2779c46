"""The orchestrator: sources → Simplified articles → catalogs → editions in dist/.

This is the only library module that reads and writes project files; every
stage it calls is a plain function over values. Everything is read and
checked before anything is written, so bad input leaves ``dist/`` untouched.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import incomplete, new_catalog, read_catalog, segments
from .checks import ERROR, check_catalog, load_glossary
from .config import (DEFAULT_PROFILE, EDITION_LOCALE, EDITIONS, LABELS_DOMAIN, Project,
                     load_meta, meta_path)
from .convert import Phrases, convert_article, read_phrases, to_simplified
from .errors import ConfigError, SourceError
from .files import check_inside, inside, remove_abandoned, write_atomic
from .model import Article
from .normalise import HAN_RE
from .overrides import apply_overrides
from .source import SOURCE_SUFFIXES, article_slug, load_article, normalise


@dataclass(frozen=True)
class LoadedArticle:
    path: Path
    article: Article  # Simplified, with its metadata
    source: Article  # as read, before conversion
    opencc: str
    phrases: Phrases | None
    meta_warnings: tuple[tuple[int, str], ...] = ()

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
        from .report import conversion_report

        return conversion_report(self.source, self.article, config=self.opencc,
                                 phrases=self.phrases.path if self.phrases else "")


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    #: editions held back, each with why (content that fails a check → exit 1)
    withheld: list[str] = field(default_factory=list)
    #: what reading was unsure of, per article (``path:line: source: warning: …``)
    warnings: list[str] = field(default_factory=list)


def find_sources(project: Project) -> list[Path]:
    if not project.sources_dir.is_dir():
        raise SourceError("no sources/ folder and no SOURCE given", str(project.sources_dir))
    found = sorted(p for p in project.sources_dir.iterdir()
                   if p.is_file() and p.suffix in SOURCE_SUFFIXES and not p.name.startswith("."))
    if not found:
        raise SourceError("no source articles (*.txt, *.md, *.html) in sources/",
                          str(project.sources_dir))
    for path in found:
        check_inside(path, project.root, SourceError)
    _check_slugs([(article_slug(path), path) for path in found])
    return found


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
                 encoding: str | None = None, phrases: Phrases | None = None
                 ) -> list[LoadedArticle]:
    """Every article given (default: all under sources/), read and converted,
    their slugs checked against each other before anything is written."""
    loaded = [load_source(project, path, opencc, encoding, phrases)
              for path in (sources or find_sources(project))]
    _check_slugs([(item.article.slug, item.path) for item in loaded])
    return loaded


def project_phrases(project: Project, override: Path | None = None) -> Phrases | None:
    """The phrase file given on the command line, else the project's, read
    once for all the articles of a run."""
    path = override or project.opencc_phrases
    return read_phrases(path) if path else None


def load_source(project: Project, path: Path, opencc: str | None = None,
                encoding: str | None = None, phrases: Phrases | None = None) -> LoadedArticle:
    """Read, normalise and convert one article (``phrases``: see
    :func:`project_phrases`). What a Markdown draft's front matter says comes
    first; the metadata sidecar fills in the rest."""
    if inside(path.parent, project.root):  # a project's file must not lead out of it
        check_inside(path, project.root, SourceError)
        if meta_path(path).exists():
            check_inside(meta_path(path), project.root, ConfigError)
    article = load_article(path, boilerplate=project.boilerplate, encoding=encoding)
    meta = load_meta(path)
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
        article, converted = apply_overrides(
            article, converted, meta, lambda text: to_simplified(text, config, phrases),
            lambda text: normalise(text).text)
    return LoadedArticle(path, converted, article, config, phrases, meta.warnings)


def build(project: Project, sources: list[Path] | None = None, out_dir: Path | None = None,
          editions: tuple[str, ...] = EDITIONS, opencc: str | None = None,
          allow_incomplete: bool = False, encoding: str | None = None,
          phrases: Path | None = None, profile: str = DEFAULT_PROFILE) -> BuildResult:
    """Build the editions of the given articles (default: all under sources/)
    into ``dist/<slug>.<edition>[.<profile>].pdf``.

    A translated edition (``en``, ``bilingual``) whose catalog has untranslated
    or fuzzy messages or check errors is withheld (and said so in the result)
    unless ``allow_incomplete``: then it is built as a marked draft.
    """
    from .render import Labels, edition_context, make_environment, render_html

    out_dir = out_dir or project.root / "dist"
    remove_abandoned(out_dir)
    # 1. Read everything first: a bad source must not leave half a build.
    phrase_list = project_phrases(project, phrases)
    loaded = load_sources(project, sources, opencc, encoding, phrase_list)
    warnings = [line for item in loaded for line in item.warnings()]
    # 2. Catalogs of the translated editions, also before writing anything.
    locales = sorted({EDITION_LOCALE[e] for e in editions if EDITION_LOCALE[e]})
    catalogs = {(locale, item.article.slug): _catalog(project, locale, item.article.slug)
                for locale in locales for item in loaded}
    labels = {locale: Labels(_catalog(project, locale, LABELS_DOMAIN)) for locale in locales}
    # A label whose translation breaks its placeholders would print broken.
    label_errors = {locale: [f for f in check_catalog(labels[locale].catalog, str(
                        project.catalog_path(locale, LABELS_DOMAIN)), with_ratio=False)
                             if f.severity == ERROR and f.check not in ("untranslated", "fuzzy")]
                    for locale in locales}
    glossaries = {locale: load_glossary(project.glossary_path(locale)) for locale in locales}
    environments = {e: make_environment(project.templates_dir,
                                        labels.get(e) if e == EDITION_LOCALE[e] else None,
                                        english=labels.get("en"))
                    for e in editions}
    # What keeps a catalog's editions from publication, worked out once per
    # catalog (en and bilingual share one).
    blocking = {} if allow_incomplete else {
        (locale, item.article.slug): (
            incomplete(catalogs[locale, item.article.slug], segments(item.article)),
            [f for f in check_catalog(catalogs[locale, item.article.slug],
                                      str(project.catalog_path(locale, item.article.slug)),
                                      glossaries[locale])
             if f.severity == ERROR and f.check not in ("untranslated", "fuzzy")])
        for locale in locales for item in loaded}

    # 3. One HTML document per edition that may be published.
    result = BuildResult(warnings=warnings)
    jobs = []
    for item in loaded:
        for edition in editions:
            locale = EDITION_LOCALE[edition]
            catalog = catalogs.get((locale, item.article.slug))
            context = edition_context(item.article, project, edition, catalog)
            html = render_html(environments[edition], context)
            if catalog is not None and not allow_incomplete:
                article_gaps, check_errors = blocking[locale, item.article.slug]
                gaps = _gaps(article_gaps, labels[locale].missing,
                             check_errors + label_errors[locale])
                if gaps:
                    result.withheld.append(
                        f"{project.catalog_path(locale, item.article.slug)}: check: "
                        f"{edition} edition not built: {gaps} "
                        f"(see toolkit update and toolkit check; --allow-incomplete builds a draft)")
                    continue
            suffix = "" if profile == DEFAULT_PROFILE else f".{profile}"
            jobs.append((out_dir / f"{item.article.slug}.{edition}{suffix}.pdf", html, item))
    # 4. Lay out and write, each PDF atomically, and each conversion report.
    pdfs = lay_out([(html, project.templates_dir, profile_options(profile, project, item))
                    for _, html, item in jobs])
    for (target, _, _), data in zip(jobs, pdfs):
        write_atomic(target, data)
        result.written.append(target)
    for item in loaded:
        target = out_dir / f"{item.article.slug}.conversion.txt"
        write_atomic(target, item.report().encode("utf-8"))
        result.written.append(target)
    return result


def _catalog(project: Project, locale: str, domain: str):
    """A catalog, or an empty one for an article nobody has extracted yet:
    its translated editions are then withheld as untranslated, while the
    Chinese edition is built."""
    path = project.catalog_path(locale, domain)
    return read_catalog(path, locale, domain) if path.exists() else new_catalog(domain, locale)


def profile_options(profile: str, project: Project, item: LoadedArticle) -> dict:
    """What a print profile asks of the PDF writer: an archive embeds the
    article's source and its catalogs, dated like the article."""
    if profile != "archive":
        return {"profile": profile}
    files = [item.path] + [project.catalog_path(locale, item.article.slug)
                           for locale in project.locales]
    return {"profile": profile,
            "attachments": [(f.name, f.read_bytes()) for f in files if f.is_file()],
            "date": item.article.date}


def lay_out(documents: list[tuple[str, Path, dict]]) -> list[bytes]:
    """HTML → PDF bytes for each document, on every core.

    Layout is CPU-bound Python and the machine has cores to spare, so the
    documents are shared out by their expected cost (longest first, each to
    the least loaded, Han text weighing most: CJK fonts cost the most to lay
    out and subset); the parent lays out its share while forked workers take
    theirs. The workers inherit the imported WeasyPrint and the checked
    environment, which is why the parent imports and checks first (a fresh
    interpreter would pay ~0.7 s of imports again).
    """
    from .pdf import check_environment, prepare

    prepare()
    check_environment()
    workers = min(len(documents), os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _lay_out_share(documents)
    shares: list[list[int]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for index in sorted(range(len(documents)), key=lambda i: -_cost(documents[i][0])):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += _cost(documents[index][0])
    from concurrent.futures import ProcessPoolExecutor

    results: dict[int, bytes] = {}
    with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"),
                             initializer=die_with_parent) as pool:
        futures = [(share, pool.submit(_lay_out_share, [documents[i] for i in share]))
                   for share in shares[1:] if share]
        results.update(zip(shares[0], _lay_out_share([documents[i] for i in shares[0]])))
        for share, future in futures:
            results.update(zip(share, future.result()))
    return [results[i] for i in range(len(documents))]


def die_with_parent() -> None:
    """In a forked worker: be killed when the parent dies (``kill -9`` of a
    build must not leave workers behind). Linux's PR_SET_PDEATHSIG; elsewhere
    the pool's own shutdown is all there is."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the call: follow it
        os._exit(1)


def _lay_out_share(documents: list[tuple[str, Path, dict]]) -> list[bytes]:
    from .pdf import html_to_pdf

    return [html_to_pdf(*document) for document in documents]


def _cost(html: str) -> int:
    """A layout cost estimate: Han characters weigh about four Latin ones."""
    return len(html) + 4 * len(HAN_RE.findall(html))


def _gaps(article_gaps, missing_labels, check_errors) -> str:
    """'' when an edition is complete, else what is missing, counted."""
    untranslated, fuzzy = article_gaps
    counts = [(len(untranslated), "untranslated"), (len(fuzzy), "fuzzy"),
              (len(missing_labels), "template labels not translated"),
              (len(check_errors), "check errors")]
    return ", ".join(f"{n} {what}" for n, what in counts if n)
