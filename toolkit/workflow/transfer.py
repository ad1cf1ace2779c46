"""Catalogs ↔ CAT tools: export XLIFF and TMX, import them back under the
locale lock (toolkit export, toolkit import)."""

from __future__ import annotations

from pathlib import Path

from toolkit.catalogs.exchange import (
    ImportResult,
    apply_import,
    from_xliff,
    read_tmx,
    to_tmx,
    to_xliff,
)
from toolkit.catalogs.po import catalog_bytes, parse_po
from toolkit.errors import CatalogError, ToolkitError
from toolkit.files import check_inside, locked, read_input, write_atomic
from toolkit.project import LABELS_DOMAIN, Project
from toolkit.workflow.review import review_date, reviewer, translator
from toolkit.workflow.status import locale_catalogs, sources_of


def export(project: Project, fmt: str, out_dir: Path,
           locales: tuple[str, ...] | None = None, slugs: tuple[str, ...] = ()) -> list[Path]:
    """XLIFF 1.2 per catalog (``<domain>.<locale>.xlf``) or one TMX per
    locale (``<locale>.tmx``) of the finished translations; with ``slugs``,
    of those articles' catalogs only."""
    sources_of(project, slugs)  # an unknown name is an error, before anything is written
    catalogs = locale_catalogs(project, locales, slugs)
    written = []
    if fmt == "xliff":
        for locale, domain, _path, po in catalogs:
            target = out_dir / f"{domain}.{locale}.xlf"
            write_atomic(target, to_xliff(po.catalog, domain, locale))
            written.append(target)
    else:
        for locale in locales or project.locales:
            pairs = [(d, po.catalog) for loc, d, _p, po in catalogs
                     if loc == locale and d != LABELS_DOMAIN]
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
        po = parse_po(before, str(target), project_locale(project, imported.locale),
                      imported.domain)
        plans.append((target, po, apply_import(po.catalog, imported, reviewer(project),
                                               review_date()), before))
    for target, po, result, before in plans:
        if result.updated:
            translator(po.catalog, reviewer(project))
            write_atomic(target, catalog_bytes(po.catalog, po.layout), expected=before)
    return [(target, result) for target, _, result, _ in plans]
