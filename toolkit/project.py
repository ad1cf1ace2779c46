"""toolkit.toml → Project: the project's settings, its folders and
the names of the files in them (settings only: no stage imports)."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import CatalogError, ConfigError
from toolkit.files import LOCALE, NAME, check_inside, load_toml
from toolkit.patterns import pattern_problem

#: Configs that turn Traditional (or Taiwan / Hong Kong) text into Simplified.
SIMPLIFYING_CONFIGS = ("t2s", "tw2s", "tw2sp", "hk2s", "hk2sp")
DEFAULT_CONFIG = "t2s"


LABELS_DOMAIN = "labels"


#: [typography] hyphenation settings, their defaults (issue 25's rules), and
#: the names the PDF writer knows them by (toolkit.pdf.extension.document.Hyphenation)
_HYPHENATION = {"hyphenate_min_word": 6, "hyphenate_min_left": 3, "hyphenate_min_right": 3,
                "max_consecutive_hyphens": 2}
_HYPHENATION_FIELDS = ("min_word", "min_left", "min_right", "max_run")


@dataclass(frozen=True)
class Project:
    root: Path
    publication: str = "Bilingual Brief"
    opencc: str = DEFAULT_CONFIG
    locales: tuple[str, ...] = ("en",)
    #: the project's own furniture patterns, on top of toolkit.read.furniture's
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
    #: the largest source read, in megabytes: about 30 long articles, a guard
    #: against a file that would run the read for minutes and gigabytes
    max_source_mb: float = 2.0
    #: who approves and edits translations with the toolkit ([review] name;
    #: the TOOLKIT_REVIEWER environment variable comes first)
    reviewer: str = ""
    #: punctuation at a justified line's start and end set half-width
    #: ([typography] line_edge_punctuation; adjacent marks are always paired)
    line_edge_punctuation: bool = True
    #: [typography] line_breaking: "total-fit" (English paragraphs broken as
    #: a whole) or "first-fit" (line by line, as WeasyPrint does)
    line_breaking: str = "total-fit"
    #: [typography] hyphenate_min_word, hyphenate_min_left,
    #: hyphenate_min_right, max_consecutive_hyphens
    hyphenation: tuple[int, ...] = tuple(_HYPHENATION.values())

    @property
    def typography(self) -> dict:
        """The [typography] settings as the PDF writer takes them."""
        return {"line_edge_punctuation": self.line_edge_punctuation,
                "line_breaking": self.line_breaking,
                "hyphenation": dict(zip(_HYPHENATION_FIELDS, self.hyphenation))}

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

    def output_settings(self) -> str:
        """The settings a PDF or an article's reading depends on, as one
        string: what the manifest and the read cache key on, instead of the
        whole toolkit.toml, so that a reviewer's name, the memory's
        thresholds or the source size limit lay nothing out again."""
        return repr((self.publication, self.opencc, self.locales, self.boilerplate,
                     str(self.opencc_phrases or ""), self.line_edge_punctuation,
                     self.line_breaking, self.hyphenation))


_PROJECT_KEYS = {"publication": str, "opencc": str, "opencc_phrases": str, "locales": list,
                 "boilerplate": list, "tm_threshold": (int, float), "merge_threshold": (int, float),
                 "require_review": bool, "max_source_mb": (int, float)}


_TYPOGRAPHY_HELP = ("[typography] takes line_edge_punctuation = true|false, "
                    "line_breaking = \"total-fit\"|\"first-fit\", and whole numbers "
                    + ", ".join(_HYPHENATION))


def _typography_problem(typography) -> str | None:
    if not isinstance(typography, dict):
        return _TYPOGRAPHY_HELP
    unknown = sorted(set(typography) - {"line_edge_punctuation", "line_breaking", *_HYPHENATION})
    if unknown:
        return f"unknown setting {unknown[0]!r}: {_TYPOGRAPHY_HELP}"
    if not isinstance(typography.get("line_edge_punctuation", True), bool):
        return "[typography] line_edge_punctuation must be true or false"
    if typography.get("line_breaking", "total-fit") not in ("total-fit", "first-fit"):
        return "[typography] line_breaking must be \"total-fit\" or \"first-fit\""
    for key in _HYPHENATION:
        value = typography.get(key, 1)
        least = 0 if key == "max_consecutive_hyphens" else 1
        if not isinstance(value, int) or isinstance(value, bool) or not least <= value <= 100:
            return f"[typography] {key} must be a whole number from {least} to 100"
    return None


def load_project(root: Path) -> Project:
    """Read ``root/toolkit.toml`` if there is one; defaults otherwise."""
    path = root / "toolkit.toml"
    if not path.exists():
        return Project(root=root)
    if not path.is_file():
        raise ConfigError("is a folder, not the project's settings", str(path))
    document = load_toml(path)
    review = document.get("review", {})
    if not isinstance(review, dict) or set(review) - {"name"} or not isinstance(
            review.get("name", ""), str):
        raise ConfigError("[review] takes one setting: name = \"…\"", str(path))
    typography = document.get("typography", {})
    problem = _typography_problem(typography)
    if problem:
        raise ConfigError(problem, str(path))
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
    if isinstance(data.get("max_source_mb"), (int, float)) and not data["max_source_mb"] > 0:
        problems.append("[project] max_source_mb must be more than 0")
    opencc = data.get("opencc", DEFAULT_CONFIG)
    if isinstance(opencc, str) and opencc not in SIMPLIFYING_CONFIGS and not opencc.endswith(".json"):
        problems.append(f"[project] opencc {opencc!r} is not one of "
                        f"{', '.join(SIMPLIFYING_CONFIGS)} nor a .json config")
    for pattern in data.get("boilerplate", []) if isinstance(data.get("boilerplate"), list) else []:
        problem = pattern_problem(pattern)
        if problem:
            problems.append(f"[project] boilerplate pattern {pattern!r}: {problem}")
    if problems:
        raise ConfigError("; ".join(problems), str(path))
    settings = {k: v for k, v in data.items()
                if k in ("publication", "opencc", "tm_threshold", "merge_threshold",
                         "require_review", "max_source_mb")}
    settings["reviewer"] = review.get("name", "")
    settings["line_edge_punctuation"] = typography.get("line_edge_punctuation", True)
    settings["line_breaking"] = typography.get("line_breaking", "total-fit")
    settings["hyphenation"] = tuple(typography.get(key, default)
                                    for key, default in _HYPHENATION.items())
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


def _check_name(name: str, what: str) -> str:
    if not NAME.fullmatch(name):
        raise CatalogError(f"{what} {name!r} is not a name (letters, digits, _ and - only)")
    return name


def _check_locale(locale: str) -> str:
    if not LOCALE.fullmatch(locale):
        raise ConfigError(f"locale {locale!r} is not a locale name (like en, zh_Hans_CN, pt-BR)")
    return locale


def relative_name(project: Project, path: Path) -> str:
    return _relative_to(str(project.root), str(path))


def relative_line(root: Path, line: str) -> str:
    """A message's line (``path:line: category: …``) naming its file as the
    project names it, when the path it starts with is the project's whole
    one (a server resolves its root: its pages say ``sources/a.txt:3``)."""
    prefix = f"{root}{os.sep}"
    return line[len(prefix):] if line.startswith(prefix) else line


@functools.lru_cache(maxsize=4096)
def _relative_to(root: str, path: str) -> str:
    """A path as the project names it (resolved once: every message of an
    article points at the same few files)."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
