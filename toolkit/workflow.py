"""Project catalogs on disk, the catalog workflow: extract, update, status, check, exchange.

The file I/O around :mod:`toolkit.catalog`'s pure functions, for the
``extract`` and ``update`` commands. Layout (gettext's own):
``locales/<domain>.pot`` and ``locales/<locale>/LC_MESSAGES/<domain>.po``;
one domain per article (its slug) and one, ``labels``, for the templates.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from .reading import load_sources, project_phrases
from .catalog import (APPROVED, TRANSLATED, Segment, approve, article_template, catalog_bytes,
                      keyed_messages, merge, needs_rewrite, new_catalog, parse_catalog,
                      read_catalog, segments, signature, state)
from .config import LABELS_DOMAIN, Project
from .errors import CatalogError, ConfigError
from .files import (ANY, check_inside, locked, read_input, remove_abandoned, utc_midnight,
                    write_atomic)

_HEADER_DATES = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*"\n', re.M)


@dataclass
class Written:
    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def _write_if_changed(path: Path, catalog, written: Written, expected=ANY) -> None:
    """Write a catalog unless only its header dates would change: a no-change
    run leaves files (and version control) alone. ``expected``: what was read
    (see :func:`toolkit.files.write_atomic`)."""
    data = catalog_bytes(catalog)
    if path.is_file():
        existing = path.read_bytes()
        same = _HEADER_DATES.sub(b"", existing) == _HEADER_DATES.sub(b"", data)
        originals = getattr(catalog, "original_signatures", None)
        if not same and originals is not None and not needs_rewrite(existing):
            # another tool's layout (msgcat, Poedit, Weblate): the content read
            # (each entry's signature, kept by parse_catalog) against the content now
            same = originals == {key: signature(message)
                                 for key, message in keyed_messages(catalog)}
        if same:
            written.unchanged.append(path)
            return
    write_atomic(path, data, expected)
    written.changed.append(path)


def _read_for_update(path: Path, locale: str, domain: str):
    """``(catalog, the bytes it was read from or None)``."""
    if not path.exists():
        return new_catalog(domain, locale), None
    if not path.is_file():
        raise CatalogError("is a folder, not a catalog", str(path))
    data = path.read_bytes()
    return parse_catalog(data, str(path), locale, domain), data


def _stable_date(date: datetime.date | None) -> datetime.datetime | None:
    if date is None:
        return None
    return utc_midnight(date)


def label_segments(project: Project) -> list[Segment]:
    """Every label in the templates, as segments of the ``labels`` domain."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    found = []
    # tr_() is the templates' "this label in the translation's language", for
    # the paired editions.
    keywords = {**DEFAULT_KEYWORDS, "tr_": None}
    import jinja2

    from .render import BASE_TEMPLATE, make_environment, template

    # Jinja2's extractor skips a template it cannot parse, silently: parse first.
    environment = make_environment(project.templates_dir)
    for name in dict.fromkeys([BASE_TEMPLATE, *sorted(p.name for p in
                                                       project.templates_dir.glob("*.html"))]):
        template(environment, name)
    try:
        for filename, lineno, message, _comments, context in extract_from_dir(
                str(project.templates_dir), method_map=[("**.html", "jinja2")],
                options_map={"**.html": {"extensions": "jinja2.ext.i18n"}}, keywords=keywords):
            if isinstance(message, (list, tuple)):
                message = message[0]
            found.append(Segment(message, context, lineno, f"templates/{filename}"))
    except jinja2.TemplateSyntaxError as exc:
        from .errors import ConfigError

        raise ConfigError(f"template syntax: {exc.message}",
                          exc.filename or str(project.templates_dir), exc.lineno) from None
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
            message.locations = [(_relative(project, Path(f)), n) for f, n in message.locations]
        result[item.article.slug] = pot
    result[LABELS_DOMAIN] = labels_template(project)
    return result


def _relative(project: Project, path: Path) -> str:
    return _relative_to(str(project.root), str(path))


@functools.lru_cache(maxsize=4096)
def _relative_to(root: str, path: str) -> str:
    """A path as the project names it (resolved once: every message of an
    article points at the same few files)."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def extract(project: Project, sources: list[Path] | None = None) -> Written:
    """Write ``locales/<domain>.pot`` for every article and the labels."""
    written = Written()
    for domain, pot in templates(project, sources).items():
        _write_if_changed(project.template_path(domain), pot, written)
    return written


def update(project: Project, locales: tuple[str, ...] | None = None,
           sources: list[Path] | None = None, memory: bool = False) -> Written:
    """Merge fresh templates into each locale's catalogs (see :func:`merge`).
    Every catalog is read before any is written: one unreadable catalog
    stops the run with nothing rewritten. With ``memory``, untranslated
    messages are pre-filled (fuzzy) from close matches in the locale's
    other catalogs (see :mod:`toolkit.memory`)."""
    pots = templates(project, sources)
    with locked(project.locales_dir):
        plans = []
        for locale in locales or project.locales:
            merged, read = [], {}
            for domain, pot in pots.items():
                path = project.catalog_path(locale, domain)
                old, read[path] = _read_for_update(path, locale, domain)
                merged.append((path, domain, merge(old, pot, project.merge_threshold)))
            if memory:
                _prefill(project, locale, merged)
            plans += [(path, catalog, read[path]) for path, _, catalog in merged]
        for folder in {path.parent for path, _, _ in plans}:
            remove_abandoned(folder)
        written = Written()
        for domain, pot in pots.items():
            _write_if_changed(project.template_path(domain), pot, written)
        for path, catalog, data in plans:
            _write_if_changed(path, catalog, written, expected=data)
    return written


def _prefill(project: Project, locale: str, merged: list) -> None:
    from .memory import prefill

    article_catalogs = [(d, c) for _, d, c in merged if d != LABELS_DOMAIN]
    tm = project_memory(project, locale, article_catalogs)
    for _, catalog in article_catalogs:
        prefill(catalog, tm, project.tm_threshold)


def project_memory(project: Project, locale: str, catalogs: list = (), skip: tuple = ()):
    """The translation memory of a locale: the ``(domain, catalog)`` pairs
    given (as they are now, merged), every other article catalog of the
    locale on disk, and the TMX files of ``locales/<locale>/memory/``;
    ``skip``: domains left out (an article's own catalog, when it asks)."""
    from .exchange import read_tmx
    from .memory import Memory

    tm = Memory()
    seen = {d for d, _ in catalogs} | set(skip)
    # every catalog of the locale counts, also those of articles not built now
    others = [(p.stem, read_catalog(p, locale, p.stem))
              for p in sorted((project.locales_dir / locale / "LC_MESSAGES").glob("*.po"))
              if p.stem not in seen and p.stem != LABELS_DOMAIN]
    for domain, catalog in [c for c in catalogs if c[0] not in skip] + others:
        tm.add_catalog(catalog, domain)
    for memory_file in sorted((project.locales_dir / locale / "memory").glob("*.tmx")):
        tm.add_pairs(read_tmx(memory_file.read_bytes(), str(memory_file)).pairs,
                     memory_file.name)
    return tm


def locale_catalogs(project: Project, locales: tuple[str, ...] | None = None,
                    domains: tuple[str, ...] = ()):
    """``(locale, domain, path, catalog)`` for every catalog on disk (or those
    of ``domains``), read (and so checked for syntax) before anything is
    done with them."""
    found = []
    for locale in locales or project.locales:
        folder = project.locales_dir / locale / "LC_MESSAGES"
        for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
            if domains and path.stem not in domains:
                continue
            path = project.catalog_path(locale, path.stem)  # a name, inside the project
            found.append((locale, path.stem, path, read_catalog(path, locale, path.stem)))
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
    return [{"locale": locale, "domain": domain, "path": _relative(project, path),
             **catalog_status(catalog)}
            for locale, domain, path, catalog in locale_catalogs(project, locales, slugs)]


def sources_of(project: Project, slugs: tuple[str, ...]) -> list[Path] | None:
    """The sources of the articles named (None: all); an unknown name is an
    error naming the project's articles."""
    if not slugs:
        return None
    from .reading import find_sources
    from .source import article_slug

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
    from .checks import ERROR, WARNING, Finding, check_catalog, load_glossary
    from .config import meta_path

    findings = []
    sources = sources or sources_of(project, slugs)
    catalogs = locale_catalogs(project, locales, slugs)
    for locale, domain, path, catalog in catalogs:
        findings += check_catalog(catalog, _relative(project, path),
                                  load_glossary(project.glossary_path(locale)) if domain != LABELS_DOMAIN else {},
                                  with_ratio=domain != LABELS_DOMAIN)
    by_key = {(locale, domain): catalog for locale, domain, _, catalog in catalogs}
    phrases = project_phrases(project)
    for item in (load_sources(project, sources, phrases=phrases)
                 if not slugs or sources else []):  # SLUG labels: no article to read
        path, article = item.path, item.article
        # What reading was unsure of is worth a look before publication.
        findings += [Finding(_relative(project, path), line, "source", WARNING, message)
                     for line, message in item.source.warnings]
        findings += [Finding(_relative(project, meta_path(path)), line, "config", WARNING, message)
                     for line, message in item.meta_warnings]
        for locale in locales or project.locales:
            catalog = by_key.get((locale, article.slug))
            for segment in segments(article):
                if catalog is None or catalog.get(segment.text, context=segment.context) is None:
                    findings.append(Finding(
                        _relative(project, Path(segment.path or article.source_path)),
                        segment.line, "stale", ERROR,
                        f"not in the {locale} catalog of {article.slug!r}: run toolkit update"))
    return findings


def export(project: Project, fmt: str, out_dir: Path,
           locales: tuple[str, ...] | None = None, slugs: tuple[str, ...] = ()) -> list[Path]:
    """XLIFF 1.2 per catalog (``<domain>.<locale>.xlf``) or one TMX per
    locale (``<locale>.tmx``) of the finished translations; with ``slugs``,
    of those articles' catalogs only."""
    from .exchange import to_tmx, to_xliff

    sources_of(project, slugs)  # an unknown name is an error, before anything is written
    catalogs = locale_catalogs(project, locales, slugs)
    written = []
    if fmt == "xliff":
        for locale, domain, _path, catalog in catalogs:
            target = out_dir / f"{domain}.{locale}.xlf"
            write_atomic(target, to_xliff(catalog, domain, locale))
            written.append(target)
    else:
        for locale in locales or project.locales:
            pairs = [(d, c) for loc, d, _p, c in catalogs if loc == locale and d != LABELS_DOMAIN]
            target = out_dir / f"{locale}.tmx"
            write_atomic(target, to_tmx(pairs, locale))
            written.append(target)
    return written


def import_xliff(project: Project, path: Path) -> list[tuple[Path, object]]:
    """Take an XLIFF file's translations into the catalogs it names. Every
    catalog is read and updated in memory before any is written."""
    data = read_input(path, CatalogError, "an XLIFF or TMX file")
    with locked(project.locales_dir):
        if path.suffix.lower() == ".tmx":
            return _import_memory(project, path, data)
        return _import_locked(project, path, data)


def project_locale(project: Project, declared: str) -> str:
    """The project's locale a file's language means: itself, or the locale of
    its language without the region (``en-US``, ``en_GB`` → ``en``)."""
    locale = declared.replace("-", "_")
    if locale in project.locales or "_" not in locale:
        return locale
    language = locale.split("_", 1)[0]
    return language if language in project.locales else locale


def _import_memory(project: Project, path: Path, data: bytes):
    """A TMX memory, kept as it is under ``locales/<locale>/memory/`` for
    ``update --tm`` to offer from; it never writes a catalog by itself."""
    from .exchange import ImportResult, read_tmx

    memory = read_tmx(data, str(path))
    locale = project_locale(project, memory.locale)
    if locale not in project.locales:
        raise CatalogError(f"a memory into {memory.locale!r}, which is not among the project's "
                           f"locales ({', '.join(project.locales)})", str(path))
    target = check_inside(project.locales_dir / locale / "memory" / path.name, project.root,
                          CatalogError)
    write_atomic(target, data)
    return [(target, ImportResult(updated=len(memory.pairs)))]


def _import_locked(project: Project, path: Path, data: bytes):
    from .errors import CatalogError, ToolkitError
    from .exchange import apply_import, from_xliff

    plans = []
    for imported in from_xliff(data, str(path)):
        try:  # the file says which catalog it belongs to: a name, never a path
            target = project.catalog_path(project_locale(project, imported.locale),
                                          imported.domain)
        except ToolkitError as error:
            raise CatalogError(f"names catalog {imported.domain!r} of locale "
                               f"{imported.locale!r}: {error.message}", str(path)) from None
        if not target.is_file():
            raise CatalogError(f"names domain {imported.domain!r} and locale {imported.locale!r}, "
                               f"but {target} does not exist", str(path))
        before = target.read_bytes()
        catalog = parse_catalog(before, str(target), project_locale(project, imported.locale),
                                imported.domain)
        plans.append((target, catalog, apply_import(catalog, imported, reviewer(project),
                                                    review_date()), before))
    for target, catalog, result, before in plans:
        if result.updated:
            _translator(catalog, reviewer(project))
            write_atomic(target, catalog_bytes(catalog), expected=before)
    return [(target, result) for target, _, result, _ in plans]


def reviewer(project: Project) -> str:
    """Who approves: TOOLKIT_REVIEWER, else toolkit.toml's ``[review] name``."""
    import os

    name = os.environ.get("TOOLKIT_REVIEWER", "").strip() or project.reviewer.strip()
    return " ".join(name.split())


def required_reviewer(project: Project) -> str:
    """The :func:`reviewer`, or an error saying how to name one (approval
    records who approved)."""
    name = reviewer(project)
    if not name:
        raise ConfigError("who reviews? set TOOLKIT_REVIEWER or [review] name = \"…\" in "
                          "toolkit.toml", str(project.config_path or project.root / "toolkit.toml"))
    return name


def review_date() -> str:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` (reproducible runs)."""
    import os

    seconds = os.environ.get("SOURCE_DATE_EPOCH")
    if seconds is not None:
        return datetime.datetime.fromtimestamp(int(seconds), tz=datetime.timezone.utc).date().isoformat()
    return datetime.date.today().isoformat()


def _translator(catalog, name: str) -> None:
    """The toolkit changed translations: Last-Translator and the revision date say who and when."""
    if name:
        catalog.last_translator = name
    catalog.revision_date = datetime.datetime.fromisoformat(review_date()).replace(
        tzinfo=datetime.timezone.utc)


def review(project: Project, slugs: tuple[str, ...] = (), locales: tuple[str, ...] | None = None,
           decide=None) -> dict[Path, int]:
    """Approve translated messages of the catalogs of ``slugs`` (default: all
    articles): each one ``decide(message)`` says yes to (``decide`` None:
    every one). Returns how many were approved, per catalog written."""
    name = required_reviewer(project)
    date = review_date()
    approved: dict[Path, int] = {}
    with locked(project.locales_dir):
        for locale, domain, path, catalog in locale_catalogs(project, locales):
            if domain == LABELS_DOMAIN or (slugs and domain not in slugs):
                continue
            before = path.read_bytes()
            count = 0
            for message in catalog:
                if message.id and state(message) == TRANSLATED:
                    if decide is not None:
                        answer = decide(message)
                        if answer is None:  # stop here; what was approved is kept
                            break
                        if not answer:
                            continue
                    approve(message, name, date)
                    count += 1
            if count:
                _translator(catalog, name)
                write_atomic(path, catalog_bytes(catalog), expected=before)
                approved[path] = count
    return approved
