"""Project catalogs on disk: extract templates, update locale catalogs.

The file I/O around :mod:`toolkit.catalog`'s pure functions, for the
``extract`` and ``update`` commands. Layout (gettext's own):
``locales/<domain>.pot`` and ``locales/<locale>/LC_MESSAGES/<domain>.po``;
one domain per article (its slug) and one, ``labels``, for the templates.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from .build import find_sources, load_source
from .catalog import Segment, article_template, catalog_bytes, merge, new_catalog, read_catalog
from .config import LABELS_DOMAIN, Project
from .files import write_atomic

_HEADER_DATES = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*"\n', re.M)


@dataclass
class Written:
    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def _write_if_changed(path: Path, catalog, written: Written) -> None:
    """Write a catalog unless only its header dates would change: a no-change
    run leaves files (and version control) alone."""
    data = catalog_bytes(catalog)
    if path.is_file() and _HEADER_DATES.sub(b"", path.read_bytes()) == _HEADER_DATES.sub(b"", data):
        written.unchanged.append(path)
        return
    write_atomic(path, data)
    written.changed.append(path)


def _stable_date(date: datetime.date | None) -> datetime.datetime | None:
    if date is None:
        return None
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.timezone.utc)


def label_segments(project: Project) -> list[Segment]:
    """Every label in the templates, as segments of the ``labels`` domain."""
    from babel.messages.extract import extract_from_dir

    found = []
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(project.templates_dir), method_map=[("**.html", "jinja2")],
            options_map={"**.html": {"extensions": "jinja2.ext.i18n"}}):
        if isinstance(message, (list, tuple)):
            message = message[0]
        found.append(Segment(message, context, lineno, f"templates/{filename}"))
    return found


def labels_template(project: Project):
    catalog = new_catalog(LABELS_DOMAIN)
    for segment in label_segments(project):
        catalog.add(segment.text, context=segment.context, locations=[(segment.path, segment.line)])
    return catalog


def templates(project: Project, sources: list[Path] | None = None) -> dict[str, object]:
    """Domain → template catalog, for every article and the labels."""
    result = {}
    for path in sources or find_sources(project):
        item = load_source(project, path)
        pot = article_template(item.article, _stable_date(item.meta.date))
        # References are relative to the project, not to where the command ran.
        for message in pot:
            message.locations = [(_relative(project, Path(f)), n) for f, n in message.locations]
        result[item.article.slug] = pot
    result[LABELS_DOMAIN] = labels_template(project)
    return result


def _relative(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def extract(project: Project, sources: list[Path] | None = None) -> Written:
    """Write ``locales/<domain>.pot`` for every article and the labels."""
    written = Written()
    for domain, pot in templates(project, sources).items():
        _write_if_changed(project.template_path(domain), pot, written)
    return written


def update(project: Project, locales: tuple[str, ...] | None = None,
           sources: list[Path] | None = None) -> Written:
    """Merge fresh templates into each locale's catalogs (see :func:`merge`).
    Every catalog is read before any is written: one unreadable catalog
    stops the run with nothing rewritten."""
    pots = templates(project, sources)
    plans = []
    for locale in locales or project.locales:
        for domain, pot in pots.items():
            path = project.catalog_path(locale, domain)
            old = read_catalog(path, locale, domain) if path.is_file() else new_catalog(domain, locale)
            plans.append((path, merge(old, pot)))
    written = Written()
    for domain, pot in pots.items():
        _write_if_changed(project.template_path(domain), pot, written)
    for path, catalog in plans:
        _write_if_changed(path, catalog, written)
    return written
