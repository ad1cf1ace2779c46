"""Snapshot → plan: which editions of which articles to build, and why
an edition is withheld."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from toolkit.catalogs.checks import ERROR, check_catalog
from toolkit.catalogs.segments import segments
from toolkit.catalogs.states import incomplete
from toolkit.editions import Edition, choose, project_editions
from toolkit.errors import ConfigError
from toolkit.pipeline.snapshot import LoadedArticle, Snapshot
from toolkit.project import DEFAULT_PROFILE, LABELS_DOMAIN, Project
from toolkit.render.labels import labels_required, untranslated_labels


@dataclass(frozen=True)
class Job:
    """One PDF to make: an article in an edition, and where it goes."""

    item: LoadedArticle
    edition: Edition
    target: Path
    #: the article's catalog in the edition's locale (None: the Chinese edition)
    catalog: object | None


def plan(snapshot: Snapshot, editions: tuple[Edition, ...], out_dir: Path,
         allow_incomplete: bool = False, profile: str = DEFAULT_PROFILE
         ) -> tuple[list[Job], list[str]]:
    """The PDFs to make, and the editions withheld with why: a translated or
    paired edition whose article catalog has untranslated or fuzzy messages
    or check errors, or whose labels (those its own templates use) are not
    all translated or fail a check. A pure function of the snapshot."""
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


def choose_editions(project: Project, names: tuple[str, ...]) -> tuple[Edition, ...]:
    """The editions named, of those the project's locales define."""
    try:
        return choose(project_editions(project.locales), tuple(dict.fromkeys(names)))
    except ValueError as error:
        raise ConfigError(str(error), str(project.config_path or project.root / "toolkit.toml"))
