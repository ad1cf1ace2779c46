"""Catalogs ↔ CAT tools: export XLIFF and TMX, import them back under the
locale lock (toolkit export, toolkit import)."""

from __future__ import annotations

from pathlib import Path

from toolkit.catalogs.exchange import (
    ImportResult,
    apply_import,
    from_xliff,
    read_tmx,
    same_memory_newer,
    to_tmx,
    to_xliff,
)
from toolkit.catalogs.po import catalog_bytes, parse_po
from toolkit.errors import CatalogError, ToolkitError
from toolkit.files import ANY, check_inside, locked, read_input, write_all_atomic, write_atomic
from toolkit.project import LABELS_DOMAIN, Project
from toolkit.workflow.review import review_date, reviewer, translator
from toolkit.workflow.status import locale_catalogs, sources_of
from toolkit.workflow.update import memory_simplifier


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


def import_files(project: Project, paths: list[Path]) -> list[tuple[Path, object]]:
    """Take the translations of XLIFF files into the catalogs they name, and
    TMX memories into ``locales/<locale>/memory/``: all or none. Every file
    and catalog is read and updated in memory, under the locale lock, before
    any is written, and they are written together (a catalog that changed on
    disk meanwhile, or any bad file, leaves every catalog as it was)."""
    given = [(path, read_input(path, CatalogError, "an XLIFF or TMX file")) for path in paths]
    with locked(project.locales_dir):
        writes, results, catalogs = [], [], {}
        simplify = memory_simplifier(project)
        for path, data in given:
            if path.suffix.lower() == ".tmx":
                target, result = _memory_target(project, path, data, simplify,
                                                {w[0] for w in writes})
                if target is not None:
                    writes.append((target, data, ANY))
                results.append((target or path, result))
            else:
                results += _apply_xliff(project, path, data, catalogs)
        for target, (po, before, updated) in catalogs.items():
            if updated:
                translator(po.catalog, reviewer(project))
                writes.append((target, catalog_bytes(po.catalog, po.layout), before))
        write_all_atomic(writes)
    return results


def project_locale(project: Project, declared: str) -> str:
    """The project's locale a file's language means, whatever its case:
    itself, or the locale of its language without the region (``en-US``,
    ``EN_GB`` → ``en``)."""
    locale = declared.replace("-", "_")
    by_case = {known.lower(): known for known in project.locales}
    if locale.lower() in by_case:
        return by_case[locale.lower()]
    return by_case.get(locale.split("_", 1)[0].lower(), locale)


def _memory_target(project: Project, path: Path, data: bytes, simplify, taken: set):
    """Where a TMX memory is kept (``locales/<locale>/memory/``, for ``update
    --tm`` to offer from; it never writes a catalog by itself), and what its
    import did. Every memory is kept: one whose name is taken goes beside
    the other under a new name, unless it is that memory grown (the same
    tool's, a superset of its units), which replaces it; the same bytes
    again are left as they are (target None)."""
    memory = read_tmx(data, str(path), simplify)
    locale = project_locale(project, memory.locale)
    if locale not in project.locales:
        raise CatalogError(f"a memory into {memory.locale!r}, which is not among the project's "
                           f"locales ({', '.join(project.locales)})", str(path))
    folder = project.locales_dir / locale / "memory"
    target = check_inside(folder / path.name, project.root, CatalogError)
    result = ImportResult(updated=len(memory.units))
    if target.is_file() and target not in taken:
        old = target.read_bytes()
        if old == data:
            return None, ImportResult(unchanged=len(memory.units), note="already kept")
        try:
            grown = same_memory_newer(read_tmx(old, str(target), simplify), memory)
        except CatalogError:
            grown = False  # (what is kept there is no memory: it is kept all the same)
        if grown:
            result.note = f"replaces the older {target.name} (the same memory, grown)"
            return target, result
    if target.exists() or target in taken:
        number = 2
        while (folder / f"{path.stem}-{number}.tmx").exists() \
                or folder / f"{path.stem}-{number}.tmx" in taken:
            number += 1
        kept = check_inside(folder / f"{path.stem}-{number}.tmx", project.root, CatalogError)
        result.note = f"kept beside the other {target.name}, which holds another memory"
        return kept, result
    return target, result


def _apply_xliff(project: Project, path: Path, data: bytes, catalogs: dict):
    """An XLIFF file's translations applied to the catalogs it names, in
    memory (``catalogs``: target → (parsed file, bytes read, changed))."""
    results = []
    for imported in from_xliff(data, str(path)):
        try:  # the file says which catalog it belongs to: a name, never a path
            target = project.catalog_path(project_locale(project, imported.locale),
                                          imported.domain)
        except ToolkitError as error:
            raise CatalogError(f"names catalog {imported.domain!r} of locale "
                               f"{imported.locale!r}: {error.message}", str(path)) from None
        if target not in catalogs:
            if not target.is_file():
                raise CatalogError(f"names domain {imported.domain!r} and locale "
                                   f"{imported.locale!r}, but {target} does not exist", str(path))
            before = target.read_bytes()
            catalogs[target] = (parse_po(before, str(target),
                                         project_locale(project, imported.locale),
                                         imported.domain), before, False)
        po, before, updated = catalogs[target]
        result = apply_import(po.catalog, imported, reviewer(project), review_date())
        catalogs[target] = (po, before, updated or bool(result.updated))
        results.append((target, result))
    return results
