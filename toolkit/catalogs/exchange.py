"""Catalogs ↔ CAT-tool exchange formats (translate-toolkit): XLIFF 1.2 both
ways, TMX out.

XLIFF files carry what a round trip needs: ``original`` names the domain,
``target-language`` the locale, each unit's ``resname`` the msgctxt, and the
target's ``state`` where the translation stands. Translator notes travel as
``<note from="translator">``.

Notes: every ``<note>`` comes back as a translator comment, an author
other than "translator" named in it (``Li Wei: …``); an approval is stamped
anew only when the translation changed, not for a note.

States, one meaning both ways: a ``.po`` message without translation is
``needs-translation``, a fuzzy one ``needs-review-translation``, a finished
one ``translated``. On import ``new`` and ``needs-translation`` leave the
catalog's message as it is; ``needs-review-*``, ``needs-adaptation`` and
``needs-l10n`` make it fuzzy; ``translated``, ``final`` and ``signed-off``
finished. ``approved="yes"`` without a state counts as translated (tools set
it whenever they write a target); with neither, a target comes in fuzzy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from toolkit.catalogs.states import (
    APPROVED,
    approve,
    finished,
    has_text,
    set_translation,
    state,
)
from toolkit.errors import CatalogError

SOURCE_LANGUAGE = "zh-Hans"


def unit_id(msgid: str, context: str | None) -> str:
    """Stable across exports: the same message gets the same id."""
    return hashlib.sha1(f"{context or ''}\x04{msgid}".encode()).hexdigest()[:16]


_EXPORT_STATES = {"untranslated": "needs-translation", "fuzzy": "needs-review-translation",
                  "translated": "translated", "approved": "final"}
_UNTRANSLATED_STATES = {"new", "needs-translation"}
_FUZZY_STATES = {"needs-review-translation", "needs-review-adaptation", "needs-review-l10n",
                 "needs-adaptation", "needs-l10n"}
_FINISHED_STATES = {"translated", "final", "signed-off"}


def to_xliff(catalog, domain: str, locale: str) -> bytes:
    """An XLIFF 1.2 file of a catalog's messages, each with its state."""
    # lazy: lxml and translate-toolkit: only for XLIFF and TMX
    from lxml import etree
    from translate.storage import xliff

    store = xliff.xlifffile(sourcelanguage=SOURCE_LANGUAGE,
                            targetlanguage=locale.replace("_", "-"))
    states, previous = {}, {}
    for message in catalog:
        if not message.id or message.pluralizable:
            continue
        unit = store.addsourceunit(message.id, filename=domain, createifmissing=True)
        identifier = unit_id(message.id, message.context)
        unit.setid(identifier)
        states[identifier] = _EXPORT_STATES[state(message)]
        if message.fuzzy and message.previous_id:
            previous[identifier] = (message.previous_id[0],
                                    message.string if has_text(message.string) else "")
        if message.context:
            unit.xmlelement.set("resname", message.context)
        if has_text(message.string):  # (a blank one is no translation)
            unit.target = message.string
        for note in message.auto_comments:
            unit.addnote(note, origin="developer")
        for note in message.user_comments:
            unit.addnote(note, origin="translator")
        for number, (filename, line) in enumerate(message.locations, start=1):
            # XLIFF 1.2: a context group's name is unique within its <file>
            unit.createcontextgroup(f"po-reference-{identifier}-{number}",
                                    [("sourcefile", filename), ("linenumber", str(line))],
                                    purpose="location")
    # translate-toolkit declares XLIFF 1.1 and marks every target approved:
    # declare 1.2 and say each unit's state (no unit is approved: review is
    # not recorded in the catalogs).
    data = bytes(store).replace(b"urn:oasis:names:tc:xliff:document:1.1",
                                b"urn:oasis:names:tc:xliff:document:1.2")
    root = etree.fromstring(data)
    root.set("version", "1.2")
    for element in root.iter("{*}trans-unit"):
        element.attrib.pop("approved", None)
        target = element.find("{*}target")
        unit_state = states.get(element.get("id"), "needs-translation")
        if target is not None:
            target.set("state", unit_state)
        if unit_state == "final":  # approved="yes" on approved units only
            element.set("approved", "yes")
        if element.get("id") in previous:  # what changed: the source translated before
            source, translation = previous[element.get("id")]
            namespace = etree.QName(element).namespace
            alt = etree.SubElement(element, f"{{{namespace}}}alt-trans", origin="previous-source")
            etree.SubElement(alt, f"{{{namespace}}}source").text = source
            etree.SubElement(alt, f"{{{namespace}}}target").text = translation
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@dataclass(frozen=True)
class ImportedUnit:
    msgid: str
    context: str | None
    target: str
    #: "untranslated", "fuzzy" or "translated", from the unit's state
    status: str
    notes: tuple[str, ...]
    #: the source a fuzzy translation was made from (``<alt-trans
    #: origin="previous-source">``), the .po's ``#|`` previous msgid
    previous: str | None = None


def _status(unit) -> str:
    target = unit.xmlelement.find("{*}target")
    declared = target.get("state") if target is not None else None
    if declared in _UNTRANSLATED_STATES:
        return "untranslated"
    if declared in _FUZZY_STATES:
        return "fuzzy"
    if declared in ("final", "signed-off"):
        return "approved"
    if declared in _FINISHED_STATES:
        return "translated"
    return "translated" if unit.xmlelement.get("approved") == "yes" else "fuzzy"


@dataclass(frozen=True)
class ImportedFile:
    domain: str
    locale: str
    units: tuple[ImportedUnit, ...]


def from_xliff(data: bytes, path: str) -> list[ImportedFile]:
    """Parse an XLIFF 1.2 file into the domains and locales it names."""
    # lazy: lxml and translate-toolkit: only for XLIFF and TMX
    from lxml import etree
    from translate.storage import xliff

    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        raise CatalogError(f"not an XLIFF file: {exc}", path, line) from None
    if etree.QName(root).localname != "xliff" or root.find("{*}file") is None:
        raise CatalogError(f"not an XLIFF file: its root is <{etree.QName(root).localname}>, "
                           "not <xliff> with a <file>", path, root.sourceline)
    for entity in root.iter(etree.Entity):  # never expanded: it would vanish from the text
        unit = next((a.get("id") for a in entity.iterancestors() if a.tag.endswith("trans-unit")),
                    None)
        raise CatalogError(f"{'unit ' + repr(unit) + ': ' if unit else ''}the entity "
                           f"{entity.text} is not expanded (an external or DTD entity is "
                           "never read): put its text in the file instead", path,
                           entity.sourceline)
    try:
        store = xliff.xlifffile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError, StopIteration) as exc:
        line = getattr(exc, "lineno", None)
        raise CatalogError(f"not an XLIFF file: {exc or 'no file in it'}", path, line) from None
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
            units.append(ImportedUnit(
                msgid=unit.source, context=unit.xmlelement.get("resname"),
                target=unit.target or "", status=_status(unit), notes=_notes(unit),
                previous=_previous_source(unit)))
        files.append(ImportedFile(name, locale.replace("-", "_"), tuple(units)))
    return files


def _notes(unit) -> tuple[str, ...]:
    """Every ``<note>`` of a unit as translator comments, one a line: a
    translator's note (``from="translator"``, or no ``from``) as it is, any
    other author's with the author's name (``from="Li Wei"`` → ``Li Wei:
    …``), as XLIFF 1.2 means ``from``. A developer's note is the catalog's
    extracted comment, which the template gives back: not a translator's."""
    lines = []
    for note in unit.xmlelement.iterchildren("{*}note"):
        author = (note.get("from") or "").strip()
        if author == "developer":
            continue
        text = "".join(note.itertext())
        for line in text.split("\n"):
            if line.strip():
                lines.append(line if author in ("", "translator") else f"{author}: {line}")
    return tuple(lines)


def _previous_source(unit) -> str | None:
    for alt in unit.xmlelement.iterchildren("{*}alt-trans"):
        source = alt.find("{*}source")
        if alt.get("origin") == "previous-source" and source is not None:
            return "".join(source.itertext())
    return None


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
    #: what the import did besides (a memory kept under another name …)
    note: str = ""


def apply_import(catalog, imported: ImportedFile, reviewer: str = "", date: str = "") -> ImportResult:
    """Take the translations of an imported file into the catalog. Nothing is
    removed: an empty target leaves the catalog's translation as it is. A
    unit the CAT tool marks final or signed off is approved by ``reviewer``
    (or, with no reviewer named, counts as translated)."""
    result = ImportResult()
    for unit in imported.units:
        message = catalog.get(unit.msgid, context=unit.context)
        if message is None:
            result.unknown += 1
            continue
        if not has_text(unit.target) or unit.status == "untranslated":
            result.unchanged += 1
            continue
        fuzzy = unit.status == "fuzzy"
        approving = unit.status == "approved" and bool(reviewer)
        same_text = message.string == unit.target
        # An approval holds while the source and the translation do: a note
        # changed in a CAT tool does not make a new one (who approved, and
        # when, stay the reviewer's).
        approved_before = same_text and state(message) == APPROVED
        notes = list(unit.notes)
        if notes and approved_before and not any(n.startswith("approved:") for n in notes):
            notes += [c for c in message.user_comments if c.strip().startswith("approved:")]
        previous = [unit.previous] if fuzzy and unit.previous else None
        if same_text and message.fuzzy == fuzzy and (not notes or notes == message.user_comments) \
                and (not approving or approved_before) \
                and (previous is None or list(message.previous_id or ()) == previous):
            result.unchanged += 1
            continue
        if notes:
            message.user_comments = notes
        set_translation(message, unit.target, fuzzy)
        if previous is not None:
            message.previous_id = previous
        if approving and state(message) != APPROVED:  # (one that holds, from a note, stays)
            approve(message, reviewer, date)
        result.updated += 1
    return result


def to_tmx(catalogs: list[tuple[str, object]], locale: str) -> bytes:
    """Finished translations (not fuzzy) of the given ``(domain, catalog)``
    pairs as one TMX memory."""
    # lazy: translate-toolkit: only for XLIFF and TMX
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage=SOURCE_LANGUAGE)
    for _domain, catalog in catalogs:
        for message in catalog:
            if message.id and not message.pluralizable and finished(message):
                store.addtranslation(message.id, SOURCE_LANGUAGE, message.string,
                                     locale.replace("_", "-"), context=message.context)
    return bytes(store)


@dataclass(frozen=True)
class MemoryUnit:
    source: str  # Simplified (a Traditional memory's converted, see read_tmx)
    target: str
    #: the unit held placeholders (``<ph>``, ``<it>``) its text stands on: a
    #: match is offered as fuzzy, with a note to put them back
    codes: bool = False


@dataclass(frozen=True)
class TranslationMemory:
    locale: str  # the target language as the file tags it (EN-US, en-GB …)
    units: tuple[MemoryUnit, ...]
    #: the header's creationtool and srclang: which tool's memory this is
    tool: str = ""
    source_language: str = ""

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        return tuple((unit.source, unit.target) for unit in self.units)


#: Chinese tags of a Traditional text (a memory of them is converted first).
_TRADITIONAL = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")
#: Inline codes whose content is markup, not text: dropped, their tail kept.
_CODES = ("bpt", "ept", "ph", "it", "ut")
#: Codes that stand for something the text needs (a placeholder, a break):
#: the unit is offered as fuzzy, with a note.
_NEEDED_CODES = ("ph", "it", "ut")


def read_tmx(data: bytes, path: str, simplify=None) -> TranslationMemory:
    """The Chinese → target units of a TMX file, and its target language;
    anything that is not such a file is a :class:`CatalogError`. Language
    tags are read as BCP 47 says, whatever their case (``EN-US``, ``zh-CN``);
    a Traditional source (``zh-TW``, ``zh-HK``, ``zh-Hant``) is made
    Simplified by ``simplify`` (the project's OpenCC set-up, given by the
    workflow: catalogs do no conversion of their own) so that it matches the
    catalogs' msgids. Inline formatting codes are reduced to the text around
    them; a blank target is no translation."""
    # lazy: lxml and translate-toolkit: only for XLIFF and TMX
    from lxml import etree

    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise CatalogError(f"not a TMX file: {exc}", path, getattr(exc, "lineno", None)) from None
    if etree.QName(root).localname != "tmx":
        raise CatalogError("not a TMX file (no <tmx> root)", path, root.sourceline)
    header = root.find("{*}header")
    lang_attribute = "{http://www.w3.org/XML/1998/namespace}lang"
    units, locales = [], {}
    # "{*}" matches elements in any namespace and in none.
    for unit in root.iter("{*}tu"):
        texts = {}
        for variant in unit.iter("{*}tuv"):
            lang = (variant.get(lang_attribute) or variant.get("lang") or "").strip()
            segment = variant.find("{*}seg")
            texts[lang] = _segment(segment) if segment is not None else ("", False)
        source = next(((lang, t) for lang, t in texts.items() if _language(lang) == "zh"), None)
        targets = [(lang, t) for lang, t in texts.items() if _language(lang) not in ("zh", "")]
        if not source or not targets or not source[1][0] or not has_text(targets[0][1][0]):
            continue
        (source_lang, (text, source_codes)), (lang, (translation, target_codes)) = \
            source, targets[0]
        if simplify is not None and source_lang.lower().startswith(_TRADITIONAL):
            text = simplify(text)
        locales.setdefault(_language(lang), lang)
        units.append(MemoryUnit(text, translation, source_codes or target_codes))
    if not units:
        raise CatalogError("no Chinese → translation units in this TMX file", path, 1)
    if len(locales) > 1:
        raise CatalogError(f"a memory into several languages ({', '.join(sorted(locales))}): "
                           "import one per language", path, 1)
    return TranslationMemory(next(iter(locales.values())), tuple(units),
                             (header.get("creationtool") or "") if header is not None else "",
                             (header.get("srclang") or "") if header is not None else "")


def _language(tag: str) -> str:
    """The primary language of a tag, lower case (``EN-US`` → ``en``)."""
    return tag.replace("_", "-").split("-", 1)[0].lower()


def _segment(segment) -> tuple[str, bool]:
    """A ``<seg>``'s text without its inline codes' markup, and whether it
    held a code that stands for something (a placeholder, a break)."""
    parts, needed = [segment.text or ""], False
    for child in segment:
        name = etree_localname(child)
        if name in _CODES:
            needed = needed or name in _NEEDED_CODES
        else:  # <hi>, <sub>: text, kept
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split()) if needed else "".join(parts), needed


def etree_localname(element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def same_memory_newer(old: TranslationMemory, new: TranslationMemory) -> bool:
    """Whether ``new`` is ``old`` grown: the same tool's memory of the same
    source language, holding every unit ``old`` has (a CAT project's
    ``project_save.tmx`` saved again)."""
    return (old.tool, old.source_language.lower()) == (new.tool, new.source_language.lower()) \
        and set(old.pairs) <= set(new.pairs)
