"""Project settings (``toolkit.toml``) and per-article metadata (sidecars).

A publishing project is a folder with ``sources/``, ``locales/``,
``templates/`` and an optional ``toolkit.toml``. Every problem in a settings
file is collected before failing, so an editor fixes them in one go.
"""
from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .convert import DEFAULT_CONFIG, SIMPLIFYING_CONFIGS
from .errors import ConfigError

#: Editions a build can write, in build order, and the catalog locale each
#: takes its translation from (the Chinese edition needs none).
EDITIONS = ("zh-Hans", "en", "bilingual")
EDITION_LOCALE = {"zh-Hans": None, "en": "en", "bilingual": "en"}
#: Print profiles (see toolkit.pdf); a non-default one names the file.
PROFILES = ("screen", "press", "archive")
DEFAULT_PROFILE = "screen"
#: Locale of the Simplified text every translation starts from (Babel's spelling).
SOURCE_LOCALE = "zh_Hans_CN"
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
        """gettext's standard layout: ``locales/<lang>/LC_MESSAGES/<domain>.po``."""
        return self.locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"

    def glossary_path(self, locale: str) -> Path:
        """``source term<TAB>required target term`` per line."""
        return self.locales_dir / locale / "glossary.tsv"

    def template_path(self, domain: str) -> Path:
        return self.locales_dir / f"{domain}.pot"


@dataclass(frozen=True)
class ArticleMeta:
    """What the text does not carry: ``sources/<slug>.meta.toml``."""

    date: datetime.date | None = None
    publication: str = ""
    url: str = ""
    author: str = ""
    short_title: str = ""
    extra: dict = field(default_factory=dict)
    #: whether a sidecar file was there at all
    present: bool = False


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
                 "boilerplate": list}


def load_project(root: Path) -> Project:
    """Read ``root/toolkit.toml`` if there is one; defaults otherwise."""
    path = root / "toolkit.toml"
    if not path.is_file():
        return Project(root=root)
    data = _load_toml(path).get("project", {})
    problems = [f"unknown setting {key!r} in [project]" for key in data if key not in _PROJECT_KEYS]
    problems += [f"[project] {key} must be a {kind.__name__}"
                 for key, kind in _PROJECT_KEYS.items()
                 if key in data and not isinstance(data[key], kind)]
    opencc = data.get("opencc", DEFAULT_CONFIG)
    if isinstance(opencc, str) and opencc not in SIMPLIFYING_CONFIGS and not opencc.endswith(".json"):
        problems.append(f"[project] opencc {opencc!r} is not one of "
                        f"{', '.join(SIMPLIFYING_CONFIGS)} nor a .json config")
    for pattern in data.get("boilerplate", []) if isinstance(data.get("boilerplate"), list) else []:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            problems.append(f"[project] boilerplate pattern {pattern!r}: {exc}")
    if problems:
        raise ConfigError("; ".join(problems), str(path))
    settings = {k: v for k, v in data.items() if k in ("publication", "opencc")}
    if "opencc_phrases" in data:
        settings["opencc_phrases"] = root / data["opencc_phrases"]
    if "locales" in data:
        settings["locales"] = tuple(data["locales"])
    if "boilerplate" in data:
        settings["boilerplate"] = tuple(data["boilerplate"])
    return Project(root=root, config_path=path, **settings)


def meta_path(source: Path) -> Path:
    return source.with_name(source.name.split(".", 1)[0] + ".meta.toml")


def load_meta(source: Path) -> ArticleMeta:
    path = meta_path(source)
    if not path.is_file():
        return ArticleMeta()
    data = _load_toml(path)
    problems = []
    date = data.pop("date", None)
    if date is not None and not isinstance(date, datetime.date):
        problems.append("date must be a TOML date (2021-07-21)")
    if isinstance(date, datetime.datetime):
        date = date.date()
    strings = {}
    for key in ("publication", "url", "author", "short_title"):
        value = data.pop(key, "")
        if not isinstance(value, str):
            problems.append(f"{key} must be a string")
        strings[key] = value
    if problems:
        raise ConfigError("; ".join(problems), str(path))
    return ArticleMeta(date=date, extra=data, present=True, **strings)
