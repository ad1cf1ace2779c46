"""`.po` bytes ↔ Babel catalogs: read and parsed (with a line-numbered error
for anything msgfmt would refuse), and written so that entries the toolkit
did not change keep the bytes they had.

A parsed file is a :class:`PoFile`: the catalog, and its :class:`Layout`
(each entry as the file wrote it, and the header fields Babel does not
keep), a value of its own that a writer hands back to :func:`catalog_bytes`.
A catalog made any other way has no layout and is written as Babel writes it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.catalogs.po_syntax import (
    RAW_CHARACTERS,
    _unescape,
    escape_raw,
    gettext_escapes_to_babel,
    scan,
)
from toolkit.errors import CatalogError
from toolkit.files import read_input, write_atomic

_PREVIOUS = re.compile(r'\|\s*(?:msgctxt|msgid|msgid_plural)?\s*"')
NO_WRAP = 10**9


@dataclass(frozen=True)
class Layout:
    """How a ``.po`` file was written, so that what the toolkit did not change
    is written back byte for byte: each entry as the file had it (wrapped by
    msgcat, Poedit, Weblate …) with what it said then (its signature), and
    the header fields Babel does not keep (X-Generator, a CAT tool's X-)."""

    #: entry key (obsolete, msgid, msgctxt) → the entry's text in the file
    blocks: dict = field(default_factory=dict)
    #: entry key → :func:`signature` of the entry as read
    signatures: dict = field(default_factory=dict)
    extra_headers: tuple[tuple[str, str], ...] = ()


#: The layout of a catalog that was not read from a file.
NO_LAYOUT = Layout()


@dataclass(frozen=True)
class PoFile:
    """A parsed ``.po`` file: its catalog (Babel's, to read and change) and
    the layout it was written in."""

    catalog: object
    layout: Layout = NO_LAYOUT


def read_catalog(path: Path, locale: str | None = None, domain: str | None = None):
    """Read a ``.po``/``.pot`` file's catalog (see :func:`parse_po`)."""
    return read_po_file(path, locale, domain).catalog


def read_po_file(path: Path, locale: str | None = None, domain: str | None = None) -> PoFile:
    """Read a ``.po``/``.pot`` file (see :func:`parse_po`)."""
    data = read_input(path, CatalogError, "a catalog")
    return parse_po(data, str(path), locale, domain or path.stem)


def parse_catalog(data: bytes, path: str, locale: str | None = None, domain: str | None = None):
    """The catalog of a file's bytes (see :func:`parse_po`)."""
    return parse_po(data, path, locale, domain).catalog


def parse_po(data: bytes, path: str, locale: str | None = None,
             domain: str | None = None) -> PoFile:
    """Bytes of a catalog → its Babel ``Catalog`` and layout; a malformed one is
    a :class:`CatalogError` naming the file and line (see
    :mod:`toolkit.catalogs.po_syntax`)."""
    # lazy: Babel's catalog code (≈30 ms): only when a catalog is read or written
    from babel.messages.pofile import PoFileError, read_po

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(f"not valid UTF-8 (byte {exc.start})", path, line) from None
    try:
        checked = scan(text, path)
    except CatalogError as error:  # say the way out: the rest of the file is safe
        error.message += " (fix this line in an editor and run again: nothing was written)"
        raise
    try:
        catalog = read_po(io.StringIO(gettext_escapes_to_babel(text)), locale=locale,
                          domain=domain, abort_invalid=True)
    except PoFileError as exc:
        message = str(exc).rsplit(" on ", 1)[0]
        raise CatalogError(message, path, exc.lineno) from None
    except (ValueError, LookupError) as exc:  # a Language or charset Babel does not know
        raise CatalogError(f"cannot read: {exc}", path) from None
    # The file was read as UTF-8, whatever its header says (gettext's own
    # placeholder CHARSET included), and is written back as UTF-8.
    catalog.charset = "utf-8"
    # Each entry as the file wrote it, and what it said (as Babel read it):
    # an entry nothing changes is written back byte for byte. (Not an entry
    # holding a raw control or separator character: that one is rewritten,
    # escaped.)
    layout = Layout({key: block for key, block in _entry_blocks(text)
                     if not RAW_CHARACTERS.search(block)},
                    {key: signature(message) for key, message in keyed_messages(catalog)},
                    tuple(_extra_headers(text)))
    # Babel reads "#| msgid …" lines as translator comments "| msgid …", not
    # as previous msgids: take them out and put the previous msgid back.
    for message in [*catalog, *catalog.obsolete.values()]:
        message.user_comments = [c for c in message.user_comments if not _PREVIOUS.match(c)]
        previous = checked.previous_ids.get((message.id, message.context))
        if previous is not None:
            message.previous_id = [previous]
    return PoFile(catalog, layout)


_HEADER_ENTRY = re.compile(r'^msgid ""\nmsgstr ""\n((?:".*"\n)*)', re.M)
_HEADER_LINE = re.compile(r'^"([A-Za-z][\w-]*):\s?(.*?)(?:\\n)?"$')


def _extra_headers(text: str) -> list[tuple[str, str]]:
    """The header fields of a catalog that Babel does not keep (X-…)."""
    match = _HEADER_ENTRY.search(text)
    if not match:
        return []
    fields = [m.groups() for line in match.group(1).splitlines()
              if (m := _HEADER_LINE.match(line))]
    return [(name, value) for name, value in fields if name.startswith("X-")]


def needs_rewrite(data: bytes) -> bool:
    """Whether a catalog's bytes must be rewritten whatever their content: a
    charset other than UTF-8 declared, or a raw control or separator
    character that gettext would have escaped."""
    text = data.decode("utf-8", errors="replace")
    declared = re.search(r'charset=([\w.-]+)', text)
    return bool(declared and declared.group(1).lower() not in ("utf-8", "utf8")) \
        or bool(RAW_CHARACTERS.search(text))


_KEY_LINE = re.compile(r'^(#~\s*)?(msgctxt|msgid)\s+(".*")\s*$')
_CONTINUATION = re.compile(r'^(#~\s*)?(".*")\s*$')


def _block_key(lines: list[str]):
    """``(obsolete, msgid, msgctxt)`` of an entry's lines (None for the header)."""
    fields, current, obsolete = {}, None, False
    for line in lines:
        if line.startswith("#|"):
            current = None
            continue
        match = _KEY_LINE.match(line)
        if match:
            obsolete = obsolete or bool(match.group(1))
            current = match.group(2)
            fields[current] = _unescape(match.group(3)[1:-1])
            continue
        match = _CONTINUATION.match(line)
        if match and current:
            fields[current] += _unescape(match.group(2)[1:-1])
        elif not line.startswith("#"):
            current = None
    if not fields.get("msgid"):
        return None
    return obsolete, fields["msgid"], fields.get("msgctxt")


def _entry_blocks(text: str):
    """``(key, text)`` of each entry of a catalog, as written (blank-line separated)."""
    for block in re.split(r"\n[ \t]*\n", text.strip("\n")):
        key = _block_key(block.split("\n"))
        if key is not None:
            yield key, block


def keyed_messages(catalog):
    for message in catalog:
        if message.id:
            yield (False, message.id, message.context), message
    for message in catalog.obsolete.values():
        if message.id:
            yield (True, message.id, message.context), message


def signature(message) -> tuple:
    """What an entry says: if nothing of it changed, its bytes need not either."""
    return (message.string, tuple(sorted(message.flags)), tuple(message.user_comments),
            tuple(message.auto_comments), tuple(message.locations),
            tuple(message.previous_id or ()))


def catalog_bytes(catalog, layout: Layout = NO_LAYOUT) -> bytes:
    """A catalog as ``.po`` bytes, every entry it did not change as ``layout``
    (the file it was read from) had it."""
    # lazy: Babel's catalog code (≈30 ms): only when a catalog is read or written
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    # Never re-wrap: a Chinese line has no spaces to wrap at anyway. Not
    # width=0, because Babel then still wraps comments at 76 columns, which
    # splits a translator's note into two; a width no line reaches wraps nothing.
    catalog.charset = "utf-8"  # always: a header's latin-1 would turn Chinese into \\u escapes
    write_po(buffer, catalog, width=NO_WRAP, include_previous=True, sort_output=False)
    text = _previous_contexts(buffer.getvalue().decode("utf-8"))
    if layout.blocks:
        text = _keep_unchanged_entries(text, catalog, layout.blocks, layout.signatures)
    extra = layout.extra_headers
    if extra:
        header = _HEADER_ENTRY.search(text)
        if header:
            lines = "".join(f'"{name}: {value}\\n"\n' for name, value in extra)
            text = text[:header.end()] + lines + text[header.end():]
    return "\n".join(escape_raw(line) if line.lstrip("#~| ").startswith(("msg", '"')) else line
                     for line in text.split("\n")).encode("utf-8")


_PREVIOUS_MSGID = re.compile(r"^#\| msgid ", re.M)
_MSGCTXT = re.compile(r'^msgctxt (".*")$', re.M)


def _previous_contexts(text: str) -> str:
    """Babel writes a fuzzy entry's previous msgid (``#| msgid``) but not its
    previous context; ``msgmerge --previous`` writes both, and so do we. A
    fuzzy match is always made within one context (see
    :func:`toolkit.catalogs.merge.merge`), so the previous context is the
    entry's own."""
    blocks = re.split(r"(\n[ \t]*\n)", text)
    for number, block in enumerate(blocks):
        previous = _PREVIOUS_MSGID.search(block)
        context = _MSGCTXT.search(block)
        if previous and context and "#| msgctxt" not in block:
            blocks[number] = (block[:previous.start()] + f"#| msgctxt {context.group(1)}\n"
                              + block[previous.start():])
    return "".join(blocks)


def _keep_unchanged_entries(text: str, catalog, originals: dict, signatures: dict) -> str:
    """Babel's output with every entry whose content did not change replaced
    by the entry as the file had it (wrapping, comment layout and all)."""
    current = {key: signature(message) for key, message in keyed_messages(catalog)}
    blocks = re.split(r"\n[ \t]*\n", text.strip("\n"))
    kept = []
    for block in blocks:
        key = _block_key(block.split("\n"))
        if key is not None and key in originals and signatures.get(key) == current.get(key):
            block = originals[key]
        kept.append(block)
    return "\n\n".join(kept) + text[len(text.rstrip("\n")):]


def write_catalog(path: Path, catalog, layout: Layout = NO_LAYOUT) -> None:
    write_atomic(path, catalog_bytes(catalog, layout))
