"""The build: read → plan → render → lay out → write, sources to editions in dist/.

Every stage it calls is a plain function over values; the read phase
(:mod:`toolkit.pipeline.snapshot`) reads everything before anything is written, so
bad input leaves ``dist/`` untouched, and :func:`plan` decides what is made
and what is withheld without touching a file.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.editions import DEFAULT_PROFILE, kind_named, output_name, project_editions
from toolkit.files import remove_abandoned, write_atomic
from toolkit.pdf.workers import Document, LayoutFailed, lay_out
from toolkit.pipeline import manifest
from toolkit.pipeline.plan import Job, Withheld, choose_editions, plan
from toolkit.pipeline.snapshot import LoadedArticle, Snapshot, read
from toolkit.project import LABELS_DOMAIN, Project
from toolkit.render.context import edition_context
from toolkit.render.labels import Labels
from toolkit.render.templates import make_environment, render_html


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
    withheld: list[Withheld] = field(default_factory=list)
    #: what reading was unsure of, per article (``path:line: source: warning: …``)
    warnings: list[str] = field(default_factory=list)
    #: drafts made or unchanged (``--allow-incomplete``), never publishable names
    drafts: list[Path] = field(default_factory=list)
    #: drafts removed: their edition is complete now, or ``clean`` asked
    removed_drafts: list[Path] = field(default_factory=list)


def render(snapshot: Snapshot, jobs: list[Job]) -> list[str]:
    """HTML of each job (one Jinja2 environment per edition)."""
    return list(rendered(snapshot, jobs))


def rendered(snapshot: Snapshot, jobs: list[Job]):
    """HTML of each job, one after another (while the first is laid out,
    the next is rendered)."""
    environments = {}
    for job in jobs:
        edition = job.edition
        if edition not in environments:
            own = edition.locale if kind_named(edition.kind).in_translation else None
            labels = {locale: Labels(snapshot.catalogs[locale, LABELS_DOMAIN], locale)
                      for locale in filter(None, (own, edition.locale))}
            environments[edition] = make_environment(
                snapshot.templates, labels.get(own), labels.get(edition.locale))
        context = edition_context(job.item.article, snapshot.project.publication, edition,
                                  job.catalog, draft=job.draft, flagged=job.flagged)
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
    :mod:`toolkit.pipeline.manifest`) unless ``force``; ``clean`` removes the outputs
    of articles whose source is gone; ``processes``: how many lay out
    (default: one per core); ``executor``: what lays out instead of this
    machine's cores (:func:`toolkit.pdf.workers.lay_out`'s shape, e.g. a Dask
    cluster's); ``progress(done, total, path)`` is called as each PDF is
    written."""

    started = time.perf_counter()
    out_dir = out_dir or project.root / "dist"
    remove_abandoned(out_dir)
    # First gather everything (sources, sidecars, catalogs, labels, glossaries);
    # an article that cannot be read fails alone, a bad project file stops here.
    failed: list = []
    chosen = choose_editions(project, editions)
    snapshot = read(project, sources, chosen, opencc, encoding, phrases, failed,
                    every_catalog=profile == "archive")
    # Then decide, touching no file: what to make and what to withhold.
    jobs, withheld = plan(snapshot, chosen, out_dir, allow_incomplete, profile)
    result = BuildResult(withheld=withheld, failed=[str(error) for error in failed],
                         warnings=[line for item in snapshot.loaded for line in item.warnings()])
    # What changed since the last build, decided before WeasyPrint is imported.
    entries = _previous_entries(out_dir, result)
    read_entries = dict(entries)
    keys = manifest.job_keys(jobs, project, phrases or project.opencc_phrases, profile,
                             allow_incomplete, snapshot.files)
    todo = [job for job in jobs if force or manifest.outdated(job, keys, entries)]
    result.unchanged = [job.target for job in jobs if job not in todo]
    # Then write: the PDFs that changed (each noted in the journal as it is
    # written: a build stopped half-way resumes), the reports, the manifest.
    def written(job: Job) -> None:
        manifest.note(out_dir, job.target.name,
                      {"key": keys[job.target.name], "source": str(job.item.path)})

    _lay_out_and_write(snapshot, todo, profile, result, processes, executor, progress, written)
    result.written += _write_reports(snapshot, out_dir)
    done = set(result.unchanged) | set(result.written)
    result.drafts = [job.target for job in jobs if job.draft and job.target in done]
    result.removed_drafts = _remove_stale_drafts(jobs, withheld, out_dir, profile, clean, entries)
    manifest.record(entries, jobs, keys, done=done)
    if sources is None:  # a whole-project build knows which sources are gone
        result.orphaned = _orphans(entries, snapshot, failed, out_dir, clean)
    if jobs or entries:
        manifest.save(out_dir, entries, read_entries)
    result.seconds = time.perf_counter() - started
    return result


def _remove_stale_drafts(jobs: list[Job], withheld: list[Withheld], out_dir: Path,
                         profile: str, clean: bool, entries: dict) -> list[Path]:
    """The drafts of editions now made whole (and with ``clean``, of every
    edition withheld and not drafted again), removed with their manifest
    entries: a draft never outlives the reason for it."""
    stale = {out_dir / output_name(job.item.article.slug, job.edition.name, profile, draft=True)
             for job in jobs if not job.draft}
    if clean:
        drafted = {job.target for job in jobs if job.draft}
        stale |= {out_dir / output_name(held.slug, held.edition.name, profile, draft=True)
                  for held in withheld} - drafted
    removed = []
    for path in sorted(stale):
        if path.is_file():
            path.unlink()
            entries.pop(path.name, None)
            removed.append(path)
    return removed


def _previous_entries(out_dir: Path, result: BuildResult) -> dict[str, dict]:
    """The last build's manifest entries (none, and a warning, when it
    cannot be trusted: every output is then rebuilt)."""
    entries, usable = manifest.load(out_dir)
    if not usable:
        result.warnings.append(f"{out_dir / manifest.MANIFEST}: build: warning: unreadable, "
                               "not trusted: every output is rebuilt")
    return entries


def _write_reports(snapshot: Snapshot, out_dir: Path) -> list[Path]:
    """Each article's conversion report, rewritten only when it says
    something new."""
    written = []
    for item in snapshot.loaded:
        target = out_dir / f"{item.article.slug}.conversion.txt"
        report = item.report().encode("utf-8")
        if not target.is_file() or target.read_bytes() != report:
            write_atomic(target, report)
            written.append(target)
    return written


def _orphans(entries: dict[str, dict], snapshot: Snapshot, failed: list, out_dir: Path,
             clean: bool) -> list[Path]:
    """Outputs of the manifest whose article's source is gone (removed,
    with their reports and entries, when ``clean``)."""
    present = {str(item.path) for item in snapshot.loaded} | {
        getattr(error, "path", "") or "" for error in failed}
    orphaned = []
    for name, entry in list(entries.items()):
        if entry.get("source") not in present and not Path(entry.get("source", "")).exists():
            orphaned.append(out_dir / name)
            if clean:
                for path in (out_dir / name, out_dir / f"{name.split('.', 1)[0]}.conversion.txt"):
                    path.unlink(missing_ok=True)
                del entries[name]
    return orphaned


def _lay_out_and_write(snapshot: Snapshot, jobs: list[Job], profile: str,
                       result: BuildResult, processes: int | None = None,
                       executor=None, progress=None, written=None) -> None:
    """Render, lay out (WeasyPrint, imported only there) and write each PDF
    as it comes back; a document that cannot be laid out fails alone."""
    if not jobs:
        return
    project = snapshot.project
    documents = (Document(html, snapshot.templates,
                          profile_options(profile, project, job.item, snapshot.files))
                 for job, html in zip(jobs, rendered(snapshot, jobs)))
    outcomes = (executor or lay_out)(documents, processes, count=len(jobs))
    for done, (index, pdf) in enumerate(outcomes, 1):
        job = jobs[index]
        if isinstance(pdf, LayoutFailed):
            result.failed.append(f"{job.item.path}: layout: error: {job.edition.name} edition: {pdf}")
        else:
            write_atomic(job.target, pdf)
            result.written.append(job.target)
            if written is not None:
                written(job)
        if progress is not None:
            progress(done, len(jobs), job.target)


def profile_options(profile: str, project: Project, item: LoadedArticle,
                    files: dict[Path, bytes | None]) -> dict:
    """What a print profile asks of the PDF writer: an archive embeds the
    article's source and its catalogs (as the read phase read them: ``files``),
    dated like the article."""
    typography = project.typography
    if profile != "archive":
        return {"profile": profile, **typography}
    catalogs = [project.catalog_path(locale, item.article.slug) for locale in project.locales]
    return {"profile": profile, **typography,
            "attachments": [(item.path.name, item.data)] + [
                (path.name, files[path]) for path in catalogs if files.get(path) is not None],
            "date": item.article.date,
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH")}
