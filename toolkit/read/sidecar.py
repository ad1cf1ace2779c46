"""The article's sidecar (`<slug>.meta.toml`/`.yaml`): what the editor
says overrules what the reader found."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import ConfigError
from toolkit.files import load_toml, read_input
from toolkit.patterns import pattern_problem


@dataclass(frozen=True)
class ArticleMeta:
    """What the text does not carry, and the editor's last word on how it
    was read: ``sources/<slug>.meta.toml``."""

    date: datetime.date | None = None
    publication: str = ""
    url: str = ""
    author: str = ""
    short_title: str = ""
    #: replaces the title the reader chose
    title: str = ""
    #: False: no dateline; a dict of parts (agency, place, month, day,
    #: reporter): this dateline; None: as read
    dateline: bool | dict | None = None
    #: regular expressions; a block one of them matches in full is dropped
    drop: tuple[str, ...] = ()
    #: blocks named by their text that are, or are never, headings
    force_headings: tuple[str, ...] = ()
    forbid_headings: tuple[str, ...] = ()
    #: (line, message) of what in the sidecar itself deserves a look
    warnings: tuple[tuple[int, str], ...] = ()
    #: whether a sidecar file was there at all
    present: bool = False


#: What a sidecar may say.
META_KEYS = ("date", "publication", "url", "author", "short_title", "title", "dateline", "drop",
             "headings")
_DATELINE_PARTS = {"agency": str, "place": str, "month": int, "day": int, "reporter": str}
#: The last day of each month (a dateline names no year: 29 February may be).
_LAST_DAY = {month: calendar.monthrange(2000, month)[1] for month in range(1, 13)}


def meta_path(source: Path) -> Path:
    """``sources/<slug>.meta.toml`` beside ``sources/<slug>.<suffix>``."""
    return source.with_name(source.stem + ".meta.toml")


def _key_line(text: str, key: str) -> int:
    """The line a top-level key is set on (tomllib gives no positions)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


def _strings(value, name: str, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{name} must be a list of strings")
        return ()
    return tuple(value)


def read_meta_bytes(source: Path) -> bytes | None:
    """The bytes of a source's sidecar, or None when it has none."""
    path = meta_path(source)  # (a folder in its place is an error, not "no sidecar")
    return read_input(path, ConfigError, "a sidecar") if path.exists() else None


def load_meta(source: Path, raw: bytes | None = None) -> ArticleMeta:
    """A source's sidecar, from ``raw`` (its bytes, read already: None for
    no sidecar) or else from disk."""
    path = meta_path(source)
    if raw is None and not path.exists():
        return ArticleMeta()
    raw = read_input(path, ConfigError, "a sidecar") if raw is None else raw
    data = load_toml(path, raw)
    problems = []
    date = data.get("date")
    if date is not None and not isinstance(date, datetime.date):
        problems.append("date must be a TOML date (2021-07-21)")
    if isinstance(date, datetime.datetime):
        date = date.date()
    strings = {}
    for key in ("publication", "url", "author", "short_title", "title"):
        value = data.get(key, "")
        if not isinstance(value, str):
            problems.append(f"{key} must be a string")
        strings[key] = value
    dateline = data.get("dateline")
    if dateline is True:
        problems.append("dateline must be false (none) or a table of its parts")
    elif isinstance(dateline, dict):
        for part, value in dateline.items():
            kind = _DATELINE_PARTS.get(part)
            if kind is None:
                problems.append(f"dateline: unknown part {part!r} "
                                f"(known: {', '.join(_DATELINE_PARTS)})")
            elif not isinstance(value, kind) or isinstance(value, bool):
                problems.append(f"dateline.{part} must be a {'number' if kind is int else 'string'}")
            elif part == "month" and not 1 <= value <= 12:
                problems.append(f"dateline.month must be 1 to 12, not {value}")
            elif part == "day" and not 1 <= value <= _LAST_DAY.get(dateline.get("month"), 31):
                problems.append(f"dateline.day must be 1 to "
                                f"{_LAST_DAY.get(dateline.get('month'), 31)}, not {value}")
    elif dateline not in (None, False):
        problems.append("dateline must be false (none) or a table of its parts")
    drop = _strings(data.get("drop", []), "drop", problems)
    for pattern in drop:
        problem = pattern_problem(pattern)
        if problem:
            problems.append(f"drop pattern {pattern!r}: {problem}")
    headings = data.get("headings", {})
    force = forbid = ()
    if not isinstance(headings, dict) or set(headings) - {"force", "forbid"}:
        problems.append("headings must be a table with force = [...] and forbid = [...]")
    else:
        force = _strings(headings.get("force", []), "headings.force", problems)
        forbid = _strings(headings.get("forbid", []), "headings.forbid", problems)
    if problems:
        raise ConfigError("; ".join(problems), str(path))
    text = raw.decode("utf-8")
    warnings = tuple((_key_line(text, key), f"unknown key {key!r} ignored (known: "
                                            f"{', '.join(META_KEYS)})")
                     for key in data if key not in META_KEYS)
    return ArticleMeta(date=date, dateline=dateline, drop=drop, force_headings=force,
                       forbid_headings=forbid, warnings=warnings, present=True, **strings)
