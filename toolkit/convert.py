"""Article (Traditional) → Article (Simplified), with OpenCC.

All text of an article goes through OpenCC in one call (joined by newlines,
which no OpenCC dictionary spans), because each call has a fixed cost and
phrase matching needs whole runs of text, not single characters.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import tempfile
from pathlib import Path

from .errors import ConfigError
from .model import Article, Block

#: Configs that turn Traditional (or Taiwan / Hong Kong) text into Simplified.
SIMPLIFYING_CONFIGS = ("t2s", "tw2s", "tw2sp", "hk2s", "hk2sp")
DEFAULT_CONFIG = "t2s"

# OpenCC leaves corner brackets alone; Simplified typography uses curly quotes.
_QUOTES = (("「", "“"), ("」", "”"), ("『", "‘"), ("』", "’"))


def _share_dir() -> Path:
    import opencc

    return Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def config_file(config: str) -> Path:
    """A config name (``t2s``, ``tw2s`` …) or a path to an OpenCC JSON config."""
    if config in SIMPLIFYING_CONFIGS:
        return _share_dir() / f"{config}.json"
    path = Path(config)
    if path.suffix == ".json" and path.is_file():
        return path
    raise ConfigError(f"unknown OpenCC config {config!r}: use one of "
                      f"{', '.join(SIMPLIFYING_CONFIGS)} or a path to a .json config")


@dataclasses.dataclass(frozen=True)
class Phrases:
    """A project's own conversions, ahead of OpenCC's dictionaries:
    ``Traditional<TAB>Simplified`` per line, ``#`` comments."""

    path: str
    pairs: tuple[tuple[str, str], ...]


def read_phrases(path: Path) -> Phrases:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError("no such phrase file", str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("phrase file is not UTF-8", str(path)) from None
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.strip().split("\t")
        if len(fields) != 2 or not all(f.strip() for f in fields) or " " in fields[0]:
            raise ConfigError("expected 'Traditional<TAB>Simplified'", str(path), number)
        pairs.append((fields[0].strip(), fields[1].strip()))
    return Phrases(str(path), tuple(pairs))


def _with_phrases(config: dict, base_dir: Path, phrases_file: Path, protect_file: Path) -> dict:
    """The config, its dictionaries given absolute paths, with the project's
    phrases first in the first conversion step and, in every later step, a
    dictionary mapping their results to themselves, so a later step (the
    Traditional→Simplified one of tw2s, say) cannot convert them again."""
    config = json.loads(json.dumps(config))

    def absolute(node):
        if isinstance(node, dict):
            if "file" in node:
                node["file"] = str((base_dir / node["file"]) if (base_dir / node["file"]).exists()
                                   else _share_dir() / node["file"])
            for value in node.values():
                absolute(value)
        elif isinstance(node, list):
            for value in node:
                absolute(value)

    absolute(config)
    for index, step in enumerate(config.get("conversion_chain", [])):
        extra = {"type": "text", "file": str(phrases_file if index == 0 else protect_file)}
        current = step["dict"]
        if current.get("type") == "group":
            current["dicts"].insert(0, extra)
        else:
            step["dict"] = {"type": "group", "match_policy": "short_circuit",
                            "dicts": [extra, current]}
    return config


@functools.lru_cache(maxsize=8)
def converter(config: str = DEFAULT_CONFIG, phrases: Phrases | None = None):
    """An OpenCC converter (cached: loading the dictionaries costs more than
    converting an article). With ``phrases``, a custom config puts them
    ahead of OpenCC's own dictionaries: OpenCC's own mechanism, so they take
    part in its longest-match phrase conversion, not a replacement after it."""
    import opencc

    path = config_file(config)
    try:
        if phrases is None or not phrases.pairs:
            return opencc.OpenCC(str(path))
        with tempfile.TemporaryDirectory(prefix="toolkit-opencc-") as tmp:
            phrases_file, protect_file = Path(tmp, "phrases.txt"), Path(tmp, "protect.txt")
            phrases_file.write_text("".join(f"{t}\t{s}\n" for t, s in phrases.pairs), "utf-8")
            protect_file.write_text("".join(f"{s}\t{s}\n" for _, s in phrases.pairs), "utf-8")
            custom = _with_phrases(json.loads(path.read_text(encoding="utf-8")), path.parent,
                                   phrases_file, protect_file)
            custom_file = Path(tmp, "config.json")
            custom_file.write_text(json.dumps(custom, ensure_ascii=False), "utf-8")
            return opencc.OpenCC(str(custom_file))  # dictionaries are loaded here
    except Exception as exc:  # the C++ layer raises plain RuntimeError
        raise ConfigError(f"OpenCC cannot load config {config!r}: {exc}", str(path)) from None


def to_simplified(text: str, config: str = DEFAULT_CONFIG, phrases: Phrases | None = None) -> str:
    text = converter(config, phrases).convert(text)
    for corner, curly in _QUOTES:  # str.replace: a memchr scan, unlike str.translate
        if corner in text:
            text = text.replace(corner, curly)
    return text


def convert_article(article: Article, config: str = DEFAULT_CONFIG,
                    phrases: Phrases | None = None) -> Article:
    """Every text field of the article, converted in one OpenCC call."""
    d = article.dateline
    fields = [article.title, article.publication, article.author, article.short_title,
              *((d.agency, d.place, d.reporter, d.reporter_title, d.verb) if d else ()),
              *(b.text for b in article.blocks)]
    converted = to_simplified("\n".join(fields), config, phrases).split("\n")
    if len(converted) != len(fields):  # would mean OpenCC mapped across a newline
        raise AssertionError("OpenCC changed the number of lines")
    title, publication, author, short_title = converted[:4]
    if d:
        agency, place, reporter, reporter_title, verb = converted[4:9]
        d = dataclasses.replace(d, agency=agency, place=place, reporter=reporter,
                                reporter_title=reporter_title, verb=verb)
    texts = converted[9 if d else 4:]
    blocks = tuple(map(Block, [b.kind for b in article.blocks], texts,
                       [b.line for b in article.blocks]))
    return dataclasses.replace(article, title=title, publication=publication, author=author,
                               short_title=short_title, blocks=blocks, dateline=d,
                               script="zh-Hans")


def article_text(article: Article) -> str:
    """The normalised text: title, dateline, headings and paragraphs, one per
    line, a blank line between blocks (what ``toolkit convert`` prints)."""
    parts = [article.title]
    if article.dateline:
        d = article.dateline
        reporter = f"（{d.reporter}）" if d.reporter else ""
        parts.append(f"{d.agency}{d.place}{d.month}月{d.day}日电{reporter}")
    parts += [b.text for b in article.blocks]
    return "\n\n".join(parts) + "\n"


