"""Strict ``.po`` syntax, line by line: what Babel's lenient reader lets by.

Babel's ``read_po`` accepts an unterminated string or an unknown escape
without complaint, keeps the last of two duplicate messages, and does not
read previous msgids (``#|``) at all, so a read/write round trip would drop
them. This scan runs first: it rejects malformed catalogs with the line,
and returns the previous msgids so the reader can put them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit.errors import CatalogError

_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(".*)?$')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')
_VALID_ESCAPE = re.compile(r'\\(?:[\\"ntrabfv?\']|[0-7]{1,3}|x[0-9a-fA-F]+)')
_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
              "f": "\f", "v": "\v", "?": "?", "'": "'"}


_ESCAPE = re.compile(r'\\(?:x([0-9a-fA-F]{1,2})|([0-7]{1,3})|(.))')


def _unescape(body: str) -> str:
    """GNU gettext's escapes, as msgfmt reads them: the C ones, and ``\\x``
    and octal escapes, which stand for bytes (a run of them for the UTF-8
    bytes of one character)."""
    out: list[str] = []
    pending = bytearray()
    last = 0
    for match in _ESCAPE.finditer(body):
        literal = body[last:match.start()]
        if literal and pending:
            out.append(pending.decode("utf-8"))
            pending.clear()
        out.append(literal)
        last = match.end()
        hex_digits, octal, char = match.groups()
        if hex_digits or octal:
            pending.append(int(hex_digits, 16) if hex_digits else int(octal, 8) & 0xFF)
            continue
        if pending:
            out.append(pending.decode("utf-8"))
            pending.clear()
        out.append(_UNESCAPES.get(char, "\\" + char))
    if pending:
        out.append(pending.decode("utf-8"))
    out.append(body[last:])
    return "".join(out)


#: Characters gettext escapes that Babel writes raw; line and paragraph
#: separators among them (a raw one splits a line for many readers).
_WRITE_ESCAPES = {"\a": "\\a", "\b": "\\b", "\v": "\\v", "\f": "\\f"}
RAW_CHARACTERS = _RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")


def escape_raw(line: str) -> str:
    """A string line as Babel wrote it, with the characters it leaves raw
    (control characters, NEL, U+2028, U+2029) escaped as GNU gettext does."""
    return _RAW.sub(lambda m: _WRITE_ESCAPES.get(m.group(0)) or "".join(
        f"\\x{byte:02x}" for byte in m.group(0).encode("utf-8")), line)


def gettext_escapes_to_babel(text: str) -> str:
    """The escapes Babel does not know (``\\x65``, ``\\101``, ``\\a`` …)
    turned into what they stand for, in every string line, so Babel reads
    what msgfmt reads. (Babel knows only ``\\\\ \\" \\n \\t \\r``.)"""
    if "\\" not in text:
        return text
    keep = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}

    def convert(match: re.Match) -> str:
        value = _unescape(match.group(1))
        return '"' + "".join(keep.get(ch, ch) for ch in value) + '"'

    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith("#") and not stripped.startswith("#~"):
            continue
        if "\\" in line:
            lines[index] = re.sub(r'"((?:[^"\\]|\\.)*)"', convert, line)
    return "\n".join(lines)


@dataclass
class _Entry:
    line: int
    obsolete: bool
    fields: dict[str, str] = field(default_factory=dict)
    previous: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Scan:
    #: (msgid, msgctxt) → previous msgid, for active and obsolete messages
    previous_ids: dict[tuple[str, str | None], str]


def _string(text: str, path: str, number: int) -> str:
    match = _STRING.fullmatch(text.strip())
    if not match:
        raise CatalogError("unterminated or malformed string", path, number)
    body = match.group(1)
    stray = re.sub(_VALID_ESCAPE, "", body)
    if "\\" in stray:
        raise CatalogError(f"invalid escape sequence in {text.strip()[:40]}", path, number)
    try:
        return _unescape(body)
    except UnicodeDecodeError:
        raise CatalogError(f"\\x or octal escapes that are not UTF-8 in {text.strip()[:40]}",
                           path, number) from None


def scan(text: str, path: str) -> Scan:
    """Check every line; raise :class:`CatalogError` at the first bad one."""
    entries: list[_Entry] = []
    current: _Entry | None = None
    pending_previous: dict[str, str] = {}
    last_key: str | None = None  # the field a continuation string extends
    last_previous_key: str | None = None
    # Lines end at "\n" only: a line or paragraph separator inside a string
    # (U+2028, VT …) is part of the string, as for msgfmt.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            continue
        if line.startswith("#|"):
            body = line[2:].strip()
            keyword = _KEYWORD.match(body)
            if keyword and keyword.group(2):
                last_previous_key = keyword.group(1)
                pending_previous[last_previous_key] = _string(keyword.group(2), path, number)
            elif body.startswith('"') and last_previous_key:
                pending_previous[last_previous_key] += _string(body, path, number)
            continue
        if line.startswith("#"):
            if not obsolete:
                last_key = None
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name, rest = keyword.groups()
            if rest is None:
                raise CatalogError(f"{name} without a string", path, number)
            starts_entry = name in ("msgctxt", "msgid") and (
                current is None or "msgstr" in "".join(current.fields) or name in current.fields
                or current.obsolete != obsolete)
            if starts_entry:
                current = _Entry(number, obsolete, previous=pending_previous)
                entries.append(current)
                pending_previous = {}
            elif current is None:
                raise CatalogError(f"{name} before msgid", path, number)
            current.fields[name] = _string(rest, path, number)
            last_key = name
        elif line.startswith('"'):
            if current is None or last_key is None:
                raise CatalogError("string outside a message", path, number)
            current.fields[last_key] += _string(line, path, number)
        else:
            raise CatalogError(f"unexpected text: {line[:40]}", path, number)

    seen: dict[tuple[bool, str, str | None], int] = {}
    previous_ids = {}
    for entry in entries:
        if "msgid" not in entry.fields:
            raise CatalogError("message without msgid", path, entry.line)
        if not any(k.startswith("msgstr") for k in entry.fields):
            raise CatalogError("message without msgstr", path, entry.line)
        key = (entry.obsolete, entry.fields["msgid"], entry.fields.get("msgctxt"))
        if key in seen:
            raise CatalogError(f"duplicate message (first defined at line {seen[key]})",
                               path, entry.line)
        seen[key] = entry.line
        if "msgid" in entry.previous:
            previous_ids[key[1:]] = entry.previous["msgid"]
    return Scan(previous_ids)
