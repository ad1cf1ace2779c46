"""Snapshot → plan: which editions of which articles to build, and why
an edition is withheld."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from toolkit.catalogs.checks import ERROR, check_catalog
from toolkit.catalogs.segments import segments
from toolkit.catalogs.states import incomplete
from toolkit.editions import DEFAULT_PROFILE, Edition, choose, output_name, project_editions
from toolkit.errors import ConfigError
from toolkit.pipeline.snapshot import LoadedArticle, Snapshot
from toolkit.project import LABELS_DOMAIN, Project
from toolkit.render.labels import untranslated_labels


@dataclass(frozen=True)
class Job:
    """One PDF to make: an article in an edition, and where it goes."""

    item: LoadedArticle
    edition: Edition
    target: Path
    #: the article's catalog in the edition's locale (None: the Chinese edition)
    catalog: object | None
    #: a draft of an edition that is withheld (``--allow-incomplete``), under
    #: its own name; ``flagged``: the XLIFF unit ids of its segments whose
    #: translation fails a check, marked in the margin
    draft: bool = False
    flagged: frozenset = frozenset()


#: Why an edition is withheld, each kind once, with the words a line gives it.
#: Later checks add a kind here; nothing reads the words back.
REASON_WORDS = {
    "not started": "segments, not started: no catalog yet",
    "untranslated": "untranslated",
    "fuzzy": "fuzzy",
    "not reviewed": "not reviewed",
    "check errors": "check errors",
    "labels": "template labels not translated",
}
#: The command that lists (or does) what each kind of reason needs: check
#: lists untranslated, fuzzy and failing messages; review shows the ones
#: not reviewed; update brings a template's new labels into the catalog.
REASON_FIX = {
    "not started": "toolkit update",
    "untranslated": "toolkit check",
    "fuzzy": "toolkit check",
    "not reviewed": "toolkit review",
    "check errors": "toolkit check",
    "labels": "toolkit update and toolkit check",
}
#: What makes a catalog that does not exist yet.
NO_CATALOG_FIX = "toolkit update"
#: Said after the commands: a draft is built without the gate.
DRAFT = "--allow-incomplete builds a draft"


def fix_for(reasons, catalog_missing: bool = False) -> str:
    """The commands that fix these reasons, each once, in order."""
    commands = [NO_CATALOG_FIX] if catalog_missing else []
    for reason in reasons:
        for command in REASON_FIX[reason.kind].split(" and "):
            if command not in commands:
                commands.append(command)
    return f"{' and '.join(commands)}; {DRAFT}"


@dataclass(frozen=True)
class Reason:
    kind: str  # a key of REASON_WORDS
    count: int

    def __str__(self) -> str:
        return f"{self.count} {REASON_WORDS[self.kind]}"


@dataclass(frozen=True)
class Withheld:
    """An edition of an article held back, and the catalog at fault with
    what is missing from it. The CLI prints it (``str``), ``--json`` and the
    desk read its fields."""

    slug: str
    edition: Edition
    catalog: Path
    reasons: tuple[Reason, ...]
    #: the commands that fix it (see :func:`fix_for`)
    fix: str = ""

    def __str__(self) -> str:
        return (f"{self.catalog}: check: {self.edition.name} edition not built: "
                f"{', '.join(map(str, self.reasons))} (see {self.fix})")

    def as_json(self) -> dict:
        return {"slug": self.slug, "edition": self.edition.name, "catalog": str(self.catalog),
                "reasons": [{"kind": r.kind, "count": r.count} for r in self.reasons],
                "fix": self.fix}


def plan(snapshot: Snapshot, editions: tuple[Edition, ...], out_dir: Path,
         allow_incomplete: bool = False, profile: str = DEFAULT_PROFILE
         ) -> tuple[list[Job], list[Withheld]]:
    """The PDFs to make, and the editions withheld with why: a translated or
    paired edition whose article catalog has untranslated or fuzzy messages
    or check errors, or whose labels (those its own templates use, read in
    the read phase) are not all translated or fail a check. With
    ``allow_incomplete``, a withheld edition is made as a draft, under its
    draft name, and still counted withheld. A pure function of the
    snapshot: it reads no file and no cache."""
    # Both the translated and the paired edition of an article gate on the same
    # catalogs, and every article on the same labels: check each catalog once.
    check_errors = cache(partial(_check_errors, snapshot))
    jobs, withheld = [], []
    for item in snapshot.loaded:
        for edition in editions:
            slug = item.article.slug
            target = out_dir / output_name(slug, edition.name, profile)
            if not edition.translated:
                jobs.append(Job(item, edition, target, None))
                continue
            held = _withheld(snapshot, item, edition, check_errors)
            catalog = snapshot.catalogs[edition.locale, slug]
            if held:
                withheld += held
                if allow_incomplete:
                    flagged = frozenset(f.unit for f in check_errors(edition.locale, slug))
                    jobs.append(Job(item, edition, out_dir / output_name(
                        slug, edition.name, profile, draft=True), catalog, True, flagged))
                continue
            jobs.append(Job(item, edition, target, catalog))
    return jobs, withheld


def _withheld(snapshot: Snapshot, item: LoadedArticle, edition: Edition,
              check_errors) -> list[Withheld]:
    """What keeps the edition back, per catalog at fault, counted."""
    project, locale, slug = snapshot.project, edition.locale, item.article.slug
    catalog = snapshot.catalogs[locale, slug]
    untranslated, fuzzy, unreviewed = incomplete(catalog, segments(item.article))
    article = (Reason("untranslated", len(untranslated)), Reason("fuzzy", len(fuzzy)),
               Reason("not reviewed", len(unreviewed) if project.require_review else 0),
               Reason("check errors", len(check_errors(locale, slug))))
    labels = snapshot.catalogs[locale, LABELS_DOMAIN]
    missing = untranslated_labels(labels, snapshot.labels_needed[edition.kind])
    template = (Reason("labels", len(missing)),
                Reason("check errors", len(check_errors(locale, LABELS_DOMAIN))))
    held = []
    if snapshot.files.get(project.catalog_path(locale, slug), b"") is None:
        # a new article nobody has extracted yet: not started, not "untranslated"
        article = (Reason("not started", len(untranslated)), *article[1:])
    for domain, reasons in ((slug, article), (LABELS_DOMAIN, template)):
        counted = tuple(r for r in reasons if r.count)
        if counted:
            path = project.catalog_path(locale, domain)
            missing_catalog = snapshot.files.get(path, b"") is None
            held.append(Withheld(slug, edition, path, counted, fix_for(counted, missing_catalog)))
    return held


def _check_errors(snapshot: Snapshot, locale: str, domain: str) -> list:
    """Check errors of a catalog other than gaps (which the gate counts itself)."""
    labels = domain == LABELS_DOMAIN
    findings = check_catalog(snapshot.catalogs[locale, domain],
                             str(snapshot.project.catalog_path(locale, domain)),
                             {} if labels else snapshot.glossaries[locale], with_ratio=not labels)
    return [f for f in findings if f.severity == ERROR and f.check not in ("untranslated", "fuzzy")]


def choose_editions(project: Project, names: tuple[str, ...]) -> tuple[Edition, ...]:
    """The editions named, of those the project's locales define."""
    try:
        return choose(project_editions(project.locales), tuple(dict.fromkeys(names)))
    except ValueError as error:
        raise ConfigError(str(error), str(project.config_path or project.root / "toolkit.toml"))
