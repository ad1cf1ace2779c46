"""Project settings (``toolkit.toml``) and per-article metadata (sidecars).

A publishing project is a folder with ``sources/``, ``locales/``,
``templates/`` and an optional ``toolkit.toml``. Every problem in a settings
file is collected before failing, so an editor fixes them in one go.
"""
from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .convert import DEFAULT_CONFIG, SIMPLIFYING_CONFIGS
from .errors import CatalogError, ConfigError
from .files import LOCALE, NAME, check_inside

#: Print profiles (see toolkit.pdf); a non-default one names the file.
PROFILES = ("screen", "press", "archive")
DEFAULT_PROFILE = "screen"
LABELS_DOMAIN = "labels"


@dataclass(frozen=True)
class Project:
    root: Path
    publication: str = "Bilingual Brief"
    opencc: str = DEFAULT_CONFIG
    locales: tuple[str, ...] = ("en",)
    #: the project's own furniture patterns, on top of toolkit.furniture's
    boilerplate: tuple[str, ...] = ()
    #: the project's own OpenCC phrases (``Traditional<TAB>Simplified``)
    opencc_phrases: Path | None = None
    #: the project's config file, if it has one
    config_path: Path | None = None
    #: how alike (rapidfuzz ratio, 0–100) a translation memory's match must be
    #: to be offered by ``update --tm``
    tm_threshold: float = 75.0
    #: how alike a vanished message must be for ``update`` to carry its
    #: translation over to a changed one, as fuzzy
    merge_threshold: float = 60.0
    #: publish only reviewed (approved) translations
    require_review: bool = False
    #: who approves and edits translations with the toolkit ([review] name;
    #: the TOOLKIT_REVIEWER environment variable comes first)
    reviewer: str = ""
    #: punctuation at a justified line's start and end set half-width
    #: ([typography] line_edge_punctuation; adjacent marks are always paired)
    line_edge_punctuation: bool = True

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    def catalog_path(self, locale: str, domain: str) -> Path:
        """gettext's standard layout: ``locales/<lang>/LC_MESSAGES/<domain>.po``.
        Locale and domain come from data (a slug, an XLIFF ``original``), so
        both are checked, and the path must stay inside ``locales/``."""
        _check_name(domain, "catalog domain")
        return self._in_locales(self.locales_dir / _check_locale(locale) / "LC_MESSAGES"
                                / f"{domain}.po")

    def glossary_path(self, locale: str) -> Path:
        """``source term<TAB>required target term`` per line."""
        return self._in_locales(self.locales_dir / _check_locale(locale) / "glossary.tsv")

    def template_path(self, domain: str) -> Path:
        return self._in_locales(self.locales_dir / f"{_check_name(domain, 'catalog domain')}.pot")

    def _in_locales(self, path: Path) -> Path:
        return check_inside(path, self.root, CatalogError)


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


def _load_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 7)"; lift the line out for the location.
        message = str(exc)
        line = None
        if "(at line " in message:
            line = int(message.rsplit("(at line ", 1)[1].split(",")[0])
            message = message.rsplit(" (at line ", 1)[0]
        raise ConfigError(message, str(path), line) from None
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", str(path)) from None


_PROJECT_KEYS = {"publication": str, "opencc": str, "opencc_phrases": str, "locales": list,
                 "boilerplate": list, "tm_threshold": (int, float), "merge_threshold": (int, float),
                 "require_review": bool}


def load_project(root: Path) -> Project:
    """Read ``root/toolkit.toml`` if there is one; defaults otherwise."""
    path = root / "toolkit.toml"
    if not path.exists():
        return Project(root=root)
    if not path.is_file():
        raise ConfigError("is a folder, not the project's settings", str(path))
    document = _load_toml(path)
    review = document.get("review", {})
    if not isinstance(review, dict) or set(review) - {"name"} or not isinstance(
            review.get("name", ""), str):
        raise ConfigError("[review] takes one setting: name = \"…\"", str(path))
    typography = document.get("typography", {})
    if not isinstance(typography, dict) or set(typography) - {"line_edge_punctuation"} \
            or not isinstance(typography.get("line_edge_punctuation", True), bool):
        raise ConfigError("[typography] takes one setting: line_edge_punctuation = true|false",
                          str(path))
    unknown_tables = sorted(set(document) - {"project", "review", "typography"})
    if unknown_tables:
        raise ConfigError(f"unknown table(s) {', '.join(unknown_tables)} "
                          "(known: [project], [review], [typography])", str(path))
    data = document.get("project", {})
    problems = [f"unknown setting {key!r} in [project]" for key in data if key not in _PROJECT_KEYS]
    problems += [f"[project] {key} must be a {'number' if isinstance(kind, tuple) else kind.__name__}"
                 for key, kind in _PROJECT_KEYS.items()
                 if key in data and (not isinstance(data[key], kind)
                                     or isinstance(data[key], bool) and kind is not bool)]
    problems += [f"[project] {key} must be between 0 and 100"
                 for key in ("tm_threshold", "merge_threshold")
                 if isinstance(data.get(key), (int, float)) and not 0 <= data[key] <= 100]
    opencc = data.get("opencc", DEFAULT_CONFIG)
    if isinstance(opencc, str) and opencc not in SIMPLIFYING_CONFIGS and not opencc.endswith(".json"):
        problems.append(f"[project] opencc {opencc!r} is not one of "
                        f"{', '.join(SIMPLIFYING_CONFIGS)} nor a .json config")
    for pattern in data.get("boilerplate", []) if isinstance(data.get("boilerplate"), list) else []:
        problem = _pattern_problem(pattern)
        if problem:
            problems.append(f"[project] boilerplate pattern {pattern!r}: {problem}")
    if problems:
        raise ConfigError("; ".join(problems), str(path))
    settings = {k: v for k, v in data.items()
                if k in ("publication", "opencc", "tm_threshold", "merge_threshold",
                         "require_review")}
    settings["reviewer"] = review.get("name", "")
    settings["line_edge_punctuation"] = typography.get("line_edge_punctuation", True)
    if "opencc_phrases" in data:
        settings["opencc_phrases"] = root / data["opencc_phrases"]
    if "locales" in data:
        bad = [loc for loc in data["locales"] if not isinstance(loc, str) or not LOCALE.fullmatch(loc)]
        if bad:
            raise ConfigError(f"[project] locales: {bad!r} are not locale names "
                              "(like en, zh_Hans_CN, pt-BR)", str(path))
        settings["locales"] = tuple(data["locales"])
    if "boilerplate" in data:
        settings["boilerplate"] = tuple(data["boilerplate"])
    return Project(root=root, config_path=path, **settings)


def _pattern_problem(pattern) -> str:
    """What is wrong with a user's pattern, or ''. (They run on the ``regex``
    engine, with a time limit: see :func:`toolkit.furniture.user_pattern`.)"""
    from .furniture import user_pattern

    if not isinstance(pattern, str):
        return "must be a string"
    try:
        user_pattern(pattern)
    except Exception as exc:  # regex.error
        return str(exc)
    return ""


def _check_name(name: str, what: str) -> str:
    if not NAME.fullmatch(name):
        raise CatalogError(f"{what} {name!r} is not a name (letters, digits, _ and - only)")
    return name


def _check_locale(locale: str) -> str:
    if not LOCALE.fullmatch(locale):
        raise ConfigError(f"locale {locale!r} is not a locale name (like en, zh_Hans_CN, pt-BR)")
    return locale


def meta_path(source: Path) -> Path:
    """``sources/<slug>.meta.toml`` beside ``sources/<slug>.<suffix>``."""
    return source.with_name(source.stem + ".meta.toml")


def _key_line(path: Path, key: str) -> int:
    """The line a top-level key is set on (tomllib gives no positions)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


def _strings(value, name: str, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{name} must be a list of strings")
        return ()
    return tuple(value)


def load_meta(source: Path) -> ArticleMeta:
    path = meta_path(source)
    if not path.is_file():
        return ArticleMeta()
    data = _load_toml(path)
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
    elif dateline not in (None, False):
        problems.append("dateline must be false (none) or a table of its parts")
    drop = _strings(data.get("drop", []), "drop", problems)
    for pattern in drop:
        problem = _pattern_problem(pattern)
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
    warnings = tuple((_key_line(path, key), f"unknown key {key!r} ignored (known: "
                                            f"{', '.join(META_KEYS)})")
                     for key in data if key not in META_KEYS)
    return ArticleMeta(date=date, dateline=dateline, drop=drop, force_headings=force,
                       forbid_headings=forbid, warnings=warnings, present=True, **strings)
