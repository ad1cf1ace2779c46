"""Catalogs ↔ CAT-tool exchange formats (translate-toolkit): XLIFF 1.2 both
ways, TMX out.

XLIFF files carry what a round trip needs: ``original`` names the domain,
``target-language`` the locale, each unit's ``resname`` the msgctxt, and
``approved`` whether the translation is final (not fuzzy). Translator notes
travel as ``<note from="translator">``.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .errors import CatalogError

SOURCE_LANGUAGE = "zh-Hans"


def _unit_id(msgid: str, context: str | None) -> str:
    """Stable across exports: the same message gets the same id."""
    return hashlib.sha1(f"{context or ''}\x04{msgid}".encode()).hexdigest()[:16]


def to_xliff(catalog, domain: str, locale: str) -> bytes:
    from translate.storage import xliff

    store = xliff.xlifffile(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=locale)
    for message in catalog:
        if not message.id or message.pluralizable:
            continue
        unit = store.addsourceunit(message.id, filename=domain, createifmissing=True)
        unit.setid(_unit_id(message.id, message.context))
        if message.context:
            unit.xmlelement.set("resname", message.context)
        if message.string:
            unit.target = message.string
            unit.markfuzzy(message.fuzzy)  # not fuzzy: approved
        else:
            unit.markapproved(False)
        for note in message.auto_comments:
            unit.addnote(note, origin="developer")
        for note in message.user_comments:
            unit.addnote(note, origin="translator")
        for filename, line in message.locations:
            unit.createcontextgroup("po-reference", [("sourcefile", filename),
                                                     ("linenumber", str(line))],
                                    purpose="location")
    return bytes(store)


@dataclass(frozen=True)
class ImportedUnit:
    msgid: str
    context: str | None
    target: str
    approved: bool
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ImportedFile:
    domain: str
    locale: str
    units: tuple[ImportedUnit, ...]


def from_xliff(data: bytes, path: str) -> list[ImportedFile]:
    """Parse an XLIFF 1.2 file into the domains and locales it names."""
    from lxml import etree
    from translate.storage import xliff

    try:
        store = xliff.xlifffile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        raise CatalogError(f"not an XLIFF file: {exc}", path, line) from None
    files = []
    for name in store.getfilenames():
        node = store.getfilenode(name)
        locale = node.get("target-language") or ""
        if not name or not locale:
            raise CatalogError("a <file> without original= (the domain) or target-language=",
                               path, node.sourceline)
        units = []
        for unit in store.units:
            if _file_of(unit) != name or unit.isheader():
                continue
            notes = unit.getnotes("translator")
            units.append(ImportedUnit(
                msgid=unit.source, context=unit.xmlelement.get("resname"),
                target=unit.target or "", approved=unit.isapproved() and not unit.isfuzzy(),
                notes=tuple(n for n in notes.split("\n") if n) if notes else ()))
        files.append(ImportedFile(name, locale.replace("-", "_"), tuple(units)))
    return files


def _file_of(unit) -> str | None:
    """The ``original`` of the ``<file>`` a unit stands in."""
    for ancestor in unit.xmlelement.iterancestors():
        if ancestor.tag.endswith("}file") or ancestor.tag == "file":
            return ancestor.get("original")
    return None


@dataclass
class ImportResult:
    updated: int = 0
    unchanged: int = 0
    unknown: int = 0  # units whose message the catalog does not have (a stale export)


def apply_import(catalog, imported: ImportedFile) -> ImportResult:
    """Take the translations of an imported file into the catalog. Nothing is
    removed: an empty target leaves the catalog's translation as it is."""
    result = ImportResult()
    for unit in imported.units:
        message = catalog.get(unit.msgid, context=unit.context)
        if message is None:
            result.unknown += 1
            continue
        if not unit.target:
            result.unchanged += 1
            continue
        fuzzy = not unit.approved
        if message.string == unit.target and message.fuzzy == fuzzy and \
                (not unit.notes or list(unit.notes) == message.user_comments):
            result.unchanged += 1
            continue
        message.string = unit.target
        if fuzzy:
            message.flags.add("fuzzy")
        else:
            message.flags.discard("fuzzy")
            message.previous_id = []
        if unit.notes:
            message.user_comments = list(unit.notes)
        result.updated += 1
    return result


def to_tmx(catalogs: list[tuple[str, object]], locale: str) -> bytes:
    """Finished translations (not fuzzy) of the given ``(domain, catalog)``
    pairs as one TMX memory."""
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage=SOURCE_LANGUAGE)
    for _domain, catalog in catalogs:
        for message in catalog:
            if message.id and message.string and not message.fuzzy and not message.pluralizable:
                store.addtranslation(message.id, SOURCE_LANGUAGE, message.string,
                                     locale.replace("_", "-"), context=message.context)
    return bytes(store)
