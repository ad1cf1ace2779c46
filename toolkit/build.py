"""The build: read → plan → render → lay out → write, sources to editions in dist/.

Every stage it calls is a plain function over values; the read phase
(:mod:`toolkit.reading`) reads everything before anything is written, so
bad input leaves ``dist/`` untouched, and :func:`plan` decides what is made
and what is withheld without touching a file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

from .catalog import incomplete, new_catalog, read_catalog, segments
from .checks import ERROR, check_catalog, load_glossary
from .config import DEFAULT_PROFILE, LABELS_DOMAIN, Project
from .editions import TRANSLATED, Edition, choose, project_editions
from .errors import CatalogError, ConfigError
from .files import remove_abandoned, write_atomic
from .reading import LoadedArticle, load_sources, project_phrases


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    #: outputs whose inputs did not change since they were built (not rebuilt)
    unchanged: list[Path] = field(default_factory=list)
    #: articles that could not be built, each a one-line error (exit 2)
    failed: list[str] = field(default_factory=list)
    #: outputs of the manifest whose article has no source any more
    orphaned: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    #: editions held back, each with why (content that fails a check → exit 1)
    withheld: list[str] = field(default_factory=list)
    #: what reading was unsure of, per article (``path:line: source: warning: …``)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    """One PDF to make: an article in an edition, and where it goes."""

    item: LoadedArticle
    edition: Edition
    target: Path
    #: the article's catalog in the edition's locale (None: the Chinese edition)
    catalog: object | None


@dataclass(frozen=True)
class Snapshot:
    """Everything a build reads, read once before anything is written."""

    project: Project
    loaded: tuple[LoadedArticle, ...]
    #: (locale, domain) → catalog, for every article and the labels
    catalogs: dict
    glossaries: dict


def read(project: Project, sources: list[Path] | None, editions: tuple[Edition, ...],
         opencc: str | None = None, encoding: str | None = None,
         phrases: Path | None = None, failed: list | None = None) -> Snapshot:
    """Sources with their sidecars, and the catalogs and glossaries the
    editions need, before anything is written. A bad file of the project
    (settings, phrases, labels, glossary) stops the build; with ``failed``,
    an article whose own source, sidecar or catalog is bad is left out and
    its error appended there."""
    loaded = load_sources(project, sources, opencc, encoding,
                          project_phrases(project, phrases), failed)
    locales = sorted({e.locale for e in editions if e.locale})
    catalogs = {(locale, LABELS_DOMAIN): _catalog(project, locale, LABELS_DOMAIN)
                for locale in locales}
    kept = []
    for item in loaded:
        try:
            catalogs.update({(locale, item.article.slug): _catalog(project, locale,
                                                                   item.article.slug)
                             for locale in locales})
            kept.append(item)
        except CatalogError as error:
            if failed is None:
                raise
            failed.append(error)
    glossaries = {locale: load_glossary(project.glossary_path(locale)) for locale in locales}
    return Snapshot(project, tuple(kept), catalogs, glossaries)


def plan(snapshot: Snapshot, editions: tuple[Edition, ...], out_dir: Path,
         allow_incomplete: bool = False, profile: str = DEFAULT_PROFILE
         ) -> tuple[list[Job], list[str]]:
    """The PDFs to make, and the editions withheld with why: a translated or
    paired edition whose article catalog has untranslated or fuzzy messages
    or check errors, or whose labels (those its own templates use) are not
    all translated or fail a check. A pure function of the snapshot."""
    from .render import labels_required

    project = snapshot.project
    suffix = "" if profile == DEFAULT_PROFILE else f".{profile}"
    # Both the translated and the paired edition of an article gate on the same
    # catalogs, and every article on the same labels: check each catalog, and
    # extract each kind's labels from the templates, once per plan.
    check_errors = cache(partial(_check_errors, snapshot))
    required_labels = cache(partial(labels_required, project.templates_dir))
    jobs, withheld = [], []
    for item in snapshot.loaded:
        for edition in editions:
            slug = item.article.slug
            target = out_dir / f"{slug}.{edition.name}{suffix}.pdf"
            if not edition.translated:
                jobs.append(Job(item, edition, target, None))
                continue
            catalog = snapshot.catalogs[edition.locale, slug]
            if not allow_incomplete:
                reasons = _reasons(snapshot, item, edition,
                                   required_labels(edition.kind), check_errors)
                if reasons:
                    withheld += [f"{path}: check: {edition.name} edition not built: {why} "
                                 "(see toolkit update and toolkit check; --allow-incomplete "
                                 "builds a draft)" for path, why in reasons]
                    continue
            jobs.append(Job(item, edition, target, catalog))
    return jobs, withheld


def _reasons(snapshot: Snapshot, item: LoadedArticle, edition: Edition, required_labels,
             check_errors) -> list[tuple[Path, str]]:
    """(the catalog at fault, what keeps the edition back), counted."""
    from .render import untranslated_labels

    project, locale, slug = snapshot.project, edition.locale, item.article.slug
    reasons = []
    catalog = snapshot.catalogs[locale, slug]
    untranslated, fuzzy, unreviewed = incomplete(catalog, segments(item.article))
    errors = check_errors(locale, slug)
    counts = [(len(untranslated), "untranslated"), (len(fuzzy), "fuzzy"),
              (len(unreviewed) if project.require_review else 0, "not reviewed"),
              (len(errors), "check errors")]
    if any(n for n, _ in counts):
        reasons.append((project.catalog_path(locale, slug),
                        ", ".join(f"{n} {what}" for n, what in counts if n)))
    labels = snapshot.catalogs[locale, LABELS_DOMAIN]
    missing = untranslated_labels(labels, required_labels)
    label_errors = check_errors(locale, LABELS_DOMAIN)
    counts = [(len(missing), "template labels not translated"),
              (len(label_errors), "check errors")]
    if any(n for n, _ in counts):
        reasons.append((project.catalog_path(locale, LABELS_DOMAIN),
                        ", ".join(f"{n} {what}" for n, what in counts if n)))
    return reasons


def _check_errors(snapshot: Snapshot, locale: str, domain: str) -> list:
    """Check errors of a catalog other than gaps (which the gate counts itself)."""
    labels = domain == LABELS_DOMAIN
    findings = check_catalog(snapshot.catalogs[locale, domain],
                             str(snapshot.project.catalog_path(locale, domain)),
                             {} if labels else snapshot.glossaries[locale], with_ratio=not labels)
    return [f for f in findings if f.severity == ERROR and f.check not in ("untranslated", "fuzzy")]


def render(snapshot: Snapshot, jobs: list[Job]) -> list[str]:
    """HTML of each job (one Jinja2 environment per edition)."""
    return list(rendered(snapshot, jobs))


def rendered(snapshot: Snapshot, jobs: list[Job]):
    """HTML of each job, one after another (while the first is laid out,
    the next is rendered)."""
    from .render import Labels, edition_context, make_environment, render_html

    environments = {}
    for job in jobs:
        edition = job.edition
        if edition not in environments:
            own = edition.locale if edition.kind == TRANSLATED else None
            labels = {locale: Labels(snapshot.catalogs[locale, LABELS_DOMAIN])
                      for locale in filter(None, (own, edition.locale))}
            environments[edition] = make_environment(
                snapshot.project.templates_dir, labels.get(own), labels.get(edition.locale))
        context = edition_context(job.item.article, snapshot.project, edition, job.catalog)
        yield render_html(environments[edition], edition, context)


def render_documents(project: Project, allow_incomplete: bool = False):
    """``(job, html)`` of every edition of every article (golden tests)."""
    editions = project_editions(project.locales)
    snapshot = read(project, None, editions)
    jobs, _ = plan(snapshot, editions, project.root / "dist", allow_incomplete)
    return list(zip(jobs, render(snapshot, jobs)))


def build(project: Project, sources: list[Path] | None = None, out_dir: Path | None = None,
          editions: tuple[str, ...] = (), opencc: str | None = None,
          allow_incomplete: bool = False, encoding: str | None = None,
          phrases: Path | None = None, profile: str = DEFAULT_PROFILE,
          force: bool = False, clean: bool = False, processes: int | None = None,
          executor=None, progress=None) -> BuildResult:
    """Build the editions named (default: every edition the project's locales
    define) of the given articles (default: all under sources/) into
    ``dist/<slug>.<edition>[.<profile>].pdf``. An edition that is not ready
    is withheld, and said so, unless ``allow_incomplete`` (a marked draft).
    An output whose inputs did not change is not rebuilt (see
    :mod:`toolkit.manifest`) unless ``force``; ``clean`` removes the outputs
    of articles whose source is gone; ``processes``: how many lay out
    (default: one per core); ``executor``: what lays out instead of this
    machine's cores (:func:`toolkit.layout.lay_out`'s shape, e.g. a Dask
    cluster's); ``progress(done, total, path)`` is called as each PDF is
    written."""
    import time

    from . import manifest

    started = time.perf_counter()
    out_dir = out_dir or project.root / "dist"
    remove_abandoned(out_dir)
    chosen = choose_editions(project, editions)
    failed: list = []
    snapshot = read(project, sources, chosen, opencc, encoding, phrases, failed)
    jobs, withheld = plan(snapshot, chosen, out_dir, allow_incomplete, profile)
    result = BuildResult(withheld=withheld, failed=[str(error) for error in failed],
                         warnings=[line for item in snapshot.loaded for line in item.warnings()])
    # Decided before WeasyPrint is imported: what changed since the last build.
    entries, usable = manifest.load(out_dir)
    if not usable:
        result.warnings.append(f"{out_dir / manifest.MANIFEST}: build: warning: unreadable, "
                               "not trusted: every output is rebuilt")
    base = manifest.project_fingerprint(project, phrases or project.opencc_phrases)
    keys = {job.target.name: manifest.job_key(base, job, project, profile, allow_incomplete)
            for job in jobs}
    todo = [job for job in jobs if force or not job.target.is_file()
            or entries.get(job.target.name, {}).get("key") != keys[job.target.name]]
    result.unchanged = [job.target for job in jobs if job not in todo]
    _lay_out_and_write(snapshot, todo, profile, result, processes, executor, progress)
    for item in snapshot.loaded:  # the report, rewritten only when it says something new
        target = out_dir / f"{item.article.slug}.conversion.txt"
        report = item.report().encode("utf-8")
        if not target.is_file() or target.read_bytes() != report:
            write_atomic(target, report)
            result.written.append(target)
    entries.update({job.target.name: {"key": keys[job.target.name], "source": str(job.item.path)}
                    for job in jobs if job not in todo or job.target in result.written})
    if sources is None:  # a whole-project build knows which sources are gone
        present = {str(item.path) for item in snapshot.loaded} | {
            getattr(error, "path", "") or "" for error in failed}
        for name, entry in list(entries.items()):
            if entry.get("source") not in present and not Path(entry.get("source", "")).exists():
                result.orphaned.append(out_dir / name)
                if clean:
                    for path in (out_dir / name, out_dir / f"{name.split('.', 1)[0]}.conversion.txt"):
                        path.unlink(missing_ok=True)
                    del entries[name]
    if jobs or entries:
        manifest.save(out_dir, entries)
    result.seconds = time.perf_counter() - started
    return result


def _lay_out_and_write(snapshot: Snapshot, jobs: list[Job], profile: str,
                       result: BuildResult, processes: int | None = None,
                       executor=None, progress=None) -> None:
    """Render, lay out (WeasyPrint, imported only there) and write each PDF
    as it comes back; a document that cannot be laid out fails alone."""
    if not jobs:
        return
    from .layout import Document, LayoutFailed, lay_out

    project = snapshot.project
    documents = (Document(html, project.templates_dir, profile_options(profile, project, job.item))
                 for job, html in zip(jobs, rendered(snapshot, jobs)))
    outcomes = (executor or lay_out)(documents, processes, count=len(jobs))
    for done, (index, pdf) in enumerate(outcomes, 1):
        job = jobs[index]
        if isinstance(pdf, LayoutFailed):
            result.failed.append(f"{job.item.path}: layout: error: {job.edition.name} edition: {pdf}")
        else:
            write_atomic(job.target, pdf)
            result.written.append(job.target)
        if progress is not None:
            progress(done, len(jobs), job.target)


def choose_editions(project: Project, names: tuple[str, ...]) -> tuple[Edition, ...]:
    """The editions named, of those the project's locales define."""
    try:
        return choose(project_editions(project.locales), tuple(dict.fromkeys(names)))
    except ValueError as error:
        raise ConfigError(str(error), str(project.config_path or project.root / "toolkit.toml"))


def _catalog(project: Project, locale: str, domain: str):
    """A catalog, or an empty one for an article nobody has extracted yet:
    its translated editions are then withheld as untranslated, while the
    Chinese edition is built."""
    path = project.catalog_path(locale, domain)
    return read_catalog(path, locale, domain) if path.exists() else new_catalog(domain, locale)


def profile_options(profile: str, project: Project, item: LoadedArticle) -> dict:
    """What a print profile asks of the PDF writer: an archive embeds the
    article's source and its catalogs, dated like the article."""
    typography = {"line_edge_punctuation": project.line_edge_punctuation}
    if profile != "archive":
        return {"profile": profile, **typography}
    files = [item.path] + [project.catalog_path(locale, item.article.slug)
                           for locale in project.locales]
    return {"profile": profile, **typography,
            "attachments": [(f.name, f.read_bytes()) for f in files if f.is_file()],
            "date": item.article.date,
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH")}
