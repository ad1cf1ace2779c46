"""Sources → catalogs on disk: extract templates, update and prefill
catalogs, the labels domain (toolkit extract, toolkit update)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.catalogs.exchange import read_tmx
from toolkit.catalogs.memory import Memory, prefill
from toolkit.catalogs.merge import merge
from toolkit.catalogs.po import (
    NO_LAYOUT,
    Layout,
    PoFile,
    catalog_bytes,
    keyed_messages,
    needs_rewrite,
    parse_po,
    read_catalog,
    signature,
)
from toolkit.catalogs.segments import Segment, article_template, new_catalog
from toolkit.convert.simplify import to_simplified
from toolkit.errors import CatalogError, ConfigError
from toolkit.files import ANY, locked, remove_abandoned, utc_midnight, write_atomic
from toolkit.pipeline.snapshot import load_sources, project_phrases, templates_of
from toolkit.project import LABELS_DOMAIN, Project, relative_name
from toolkit.render.labels import BASE_TEMPLATE
from toolkit.render.templates import make_environment, template

_HEADER_DATES = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*"\n', re.M)


@dataclass
class Written:
    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def _write_if_changed(path: Path, catalog, written: Written, expected=ANY,
                      layout: Layout = NO_LAYOUT) -> None:
    """Write a catalog unless only its header dates would change: a no-change
    run leaves files (and version control) alone. ``expected``: what was read
    (see :func:`toolkit.files.write_atomic`); ``layout``: the file's, when the
    catalog was read from it."""
    data = catalog_bytes(catalog, layout)
    if path.is_file():
        existing = path.read_bytes()
        same = _HEADER_DATES.sub(b"", existing) == _HEADER_DATES.sub(b"", data)
        if not same and layout is not NO_LAYOUT and not needs_rewrite(existing):
            # another tool's layout (msgcat, Poedit, Weblate): the content read
            # (each entry's signature, in the file's layout) against the content now
            same = layout.signatures == {key: signature(message)
                                         for key, message in keyed_messages(catalog)}
        if same:
            written.unchanged.append(path)
            return
    write_atomic(path, data, expected)
    written.changed.append(path)


def _read_for_update(path: Path, locale: str, domain: str) -> tuple[PoFile, bytes | None]:
    """``(the file parsed, the bytes it was read from or None)``."""
    if not path.exists():
        return PoFile(new_catalog(domain, locale)), None
    if not path.is_file():
        raise CatalogError("is a folder, not a catalog", str(path))
    data = path.read_bytes()
    return parse_po(data, str(path), locale, domain), data


def _stable_date(date: datetime.date | None) -> datetime.datetime | None:
    if date is None:
        return None
    return utc_midnight(date)


def label_segments(project: Project) -> list[Segment]:
    """Every label in the templates, as segments of the ``labels`` domain."""
    # lazy: Babel's extractor (≈30 ms): only when template labels are extracted
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    found = []
    # tr_() is the templates' "this label in the translation's language", for
    # the paired editions.
    keywords = {**DEFAULT_KEYWORDS, "tr_": None}
    # lazy: Jinja2: only when templates are read
    import jinja2

    # Jinja2's extractor skips a template it cannot parse, silently: parse first.
    templates = templates_of(project)
    environment = make_environment(templates)
    for name in dict.fromkeys([BASE_TEMPLATE, *sorted(p.name for p in
                                                       templates.glob("*.html"))]):
        template(environment, name)
    try:
        for filename, lineno, message, _comments, context in extract_from_dir(
                str(templates), method_map=[("**.html", "jinja2")],
                options_map={"**.html": {"extensions": "jinja2.ext.i18n"}}, keywords=keywords):
            if isinstance(message, (list, tuple)):
                message = message[0]
            found.append(Segment(message, context, lineno, f"templates/{filename}"))
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"template syntax: {exc.message}",
                          exc.filename or str(templates), exc.lineno) from None
    return found


def labels_template(project: Project):
    catalog = new_catalog(LABELS_DOMAIN)
    for segment in label_segments(project):
        catalog.add(segment.text, context=segment.context, locations=[(segment.path, segment.line)])
    return catalog


def templates(project: Project, sources: list[Path] | None = None) -> dict[str, object]:
    """Domain → template catalog, for every article and the labels."""
    result = {}
    phrases = project_phrases(project)
    for item in load_sources(project, sources, phrases=phrases):
        pot = article_template(item.article, _stable_date(item.article.date))
        # References are relative to the project, not to where the command ran.
        for message in pot:
            message.locations = [(relative_name(project, Path(f)), n) for f, n in message.locations]
        result[item.article.slug] = pot
    result[LABELS_DOMAIN] = labels_template(project)
    return result


def extract(project: Project, sources: list[Path] | None = None,
            pots: dict | None = None) -> Written:
    """Write ``locales/<domain>.pot`` for every article and the labels
    (``pots``: the templates, when made already)."""
    written = Written()
    for domain, pot in (pots if pots is not None else templates(project, sources)).items():
        _write_if_changed(project.template_path(domain), pot, written)
    return written


def bring_up_to_date(project: Project, sources: list[Path] | None = None,
                     locales: tuple[str, ...] | None = None, memory: bool = False) -> Written:
    """The catalogs brought up to date with the sources, in one call: the
    templates written (what ``toolkit extract`` does alone), then merged
    into the locales' catalogs under the lock, nothing lost (``memory``:
    untranslated messages pre-filled from the memory). ``toolkit update``
    and the desk, when a source or a sidecar changes, both run it."""
    pots = templates(project, sources)  # (read and extracted once, for both steps)
    written = extract(project, sources, pots)
    merged = update(project, locales, sources=sources, memory=memory, pots=pots)
    return Written(written.changed + merged.changed, written.unchanged + merged.unchanged)


def update(project: Project, locales: tuple[str, ...] | None = None,
           sources: list[Path] | None = None, memory: bool = False,
           pots: dict | None = None) -> Written:
    """Merge fresh templates into each locale's catalogs (see :func:`merge`).
    Every catalog is read before any is written: one unreadable catalog
    stops the run with nothing rewritten. With ``memory``, untranslated
    messages are pre-filled (fuzzy) from close matches in the locale's
    other catalogs (see :mod:`toolkit.catalogs.memory`). ``pots``: the
    templates, when made already (see :func:`bring_up_to_date`)."""
    if pots is None:
        pots = templates(project, sources)
    with locked(project.locales_dir):
        plans = []
        for locale in locales or project.locales:
            merged, read, layouts = [], {}, {}
            for domain, pot in pots.items():
                path = project.catalog_path(locale, domain)
                old, read[path] = _read_for_update(path, locale, domain)
                layouts[path] = old.layout  # what the merge leaves is written as it was
                merged.append((path, domain, merge(old.catalog, pot, project.merge_threshold)))
            if memory:
                _prefill(project, locale, merged)
            plans += [(path, catalog, read[path], layouts[path]) for path, _, catalog in merged]
        for folder in {path.parent for path, *_ in plans}:
            remove_abandoned(folder)
        written = Written()
        for domain, pot in pots.items():
            _write_if_changed(project.template_path(domain), pot, written)
        for path, catalog, data, layout in plans:
            _write_if_changed(path, catalog, written, expected=data, layout=layout)
    return written


def _prefill(project: Project, locale: str, merged: list) -> None:
    article_catalogs = [(d, c) for _, d, c in merged if d != LABELS_DOMAIN]
    tm = project_memory(project, locale, article_catalogs)
    for _, catalog in article_catalogs:
        prefill(catalog, tm, project.tm_threshold)


def project_memory(project: Project, locale: str, catalogs: list = (), skip: tuple = ()):
    """The translation memory of a locale: the ``(domain, catalog)`` pairs
    given (as they are now, merged), every other article catalog of the
    locale on disk, and the TMX files of ``locales/<locale>/memory/``;
    ``skip``: domains left out (an article's own catalog, when it asks)."""
    tm = Memory()
    seen = {d for d, _ in catalogs} | set(skip)
    # every catalog of the locale counts, also those of articles not built now
    others = [(p.stem, read_catalog(p, locale, p.stem))
              for p in sorted((project.locales_dir / locale / "LC_MESSAGES").glob("*.po"))
              if p.stem not in seen and p.stem != LABELS_DOMAIN]
    for domain, catalog in [c for c in catalogs if c[0] not in skip] + others:
        tm.add_catalog(catalog, domain)
    simplify = memory_simplifier(project)
    for memory_file in sorted((project.locales_dir / locale / "memory").glob("*.tmx")):
        tm.add_pairs(read_tmx(memory_file.read_bytes(), str(memory_file), simplify).units,
                     memory_file.name)
    return tm


def memory_simplifier(project: Project):
    """What makes a Traditional memory's source Simplified: the project's own
    OpenCC set-up and phrases, as its articles are converted (so a memory of
    Taiwan's or Hong Kong's texts matches the catalogs' msgids)."""
    phrases = project_phrases(project)
    return lambda text: to_simplified(text, project.opencc, phrases)
