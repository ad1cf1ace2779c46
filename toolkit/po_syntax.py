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

from .errors import CatalogError

_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(".*)?$')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')
_VALID_ESCAPE = re.compile(r'\\(?:[\\"ntrabfv?\']|[0-7]{1,3}|x[0-9a-fA-F]+)')
_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
              "f": "\f", "v": "\v", "?": "?", "'": "'"}


def _unescape(body: str) -> str:
    return re.sub(r'\\(.)', lambda m: _UNESCAPES.get(m.group(1), m.group(0)), body)


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
    return _unescape(body)


def scan(text: str, path: str) -> Scan:
    """Check every line; raise :class:`CatalogError` at the first bad one."""
    entries: list[_Entry] = []
    current: _Entry | None = None
    pending_previous: dict[str, str] = {}
    last_key: str | None = None  # the field a continuation string extends
    last_previous_key: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
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
