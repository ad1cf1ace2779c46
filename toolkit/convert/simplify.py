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

from toolkit.errors import ConfigError
from toolkit.files import tab_pairs
from toolkit.model import Article, Block, chinese_byline, chinese_dateline
from toolkit.project import DEFAULT_CONFIG, SIMPLIFYING_CONFIGS

# OpenCC leaves corner brackets alone; Simplified typography uses curly quotes.
_QUOTES = (("「", "“"), ("」", "”"), ("『", "‘"), ("』", "’"))


def _share_dir() -> Path:
    # lazy: OpenCC: only when text is converted
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
    pairs = tab_pairs(text, str(path), "Traditional<TAB>Simplified", spaces_in_first=False)
    return Phrases(str(path), tuple(pairs))


#: The toolkit's own phrases (``data/phrases.tsv``, where they come from in
#: ``data/README.md``): after a project's phrases, before OpenCC's dictionaries.
TOOLKIT_PHRASES = Path(__file__).resolve().parent / "data" / "phrases.tsv"


@functools.cache
def toolkit_phrases() -> Phrases:
    """The toolkit's phrase dictionary, read once per process."""
    return read_phrases(TOOLKIT_PHRASES)


def _absolute(config: dict, base_dir: Path) -> dict:
    """A copy of the config whose dictionary files are absolute paths."""
    config = json.loads(json.dumps(config))

    def visit(node):
        if isinstance(node, dict):
            if "file" in node:
                node["file"] = str((base_dir / node["file"]) if (base_dir / node["file"]).exists()
                                   else _share_dir() / node["file"])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(config)
    return config


def _in_front(holder: dict, key: str, files: list[Path]) -> None:
    """Put text dictionaries ahead of ``holder[key]``, in a short-circuit group
    (the first dictionary with a match at a position wins)."""
    extra = [{"type": "text", "file": str(f)} for f in files]
    current = holder[key]
    if current.get("type") == "group":
        current["dicts"][:0] = extra
    else:
        holder[key] = {"type": "group", "match_policy": "short_circuit",
                       "dicts": [*extra, current]}


def _with_phrases(config: dict, base_dir: Path, phrase_files: list[Path],
                  protect_file: Path | None) -> dict:
    """The config, its dictionaries given absolute paths, with the phrase files
    (in order of precedence) first in the first conversion step and in the
    segmentation (so OpenCC's segmenter does not cut a phrase apart), and, in
    every later step, ``protect_file``: a dictionary mapping to themselves the
    results that such a step (the Traditional→Simplified one of tw2s, say)
    would convert again."""
    config = _absolute(config, base_dir)
    segmentation = config.get("segmentation")
    if isinstance(segmentation, dict) and "dict" in segmentation:
        _in_front(segmentation, "dict", phrase_files)
    for index, step in enumerate(config.get("conversion_chain", [])):
        if index == 0:
            _in_front(step, "dict", phrase_files)
        elif protect_file is not None:
            _in_front(step, "dict", [protect_file])
    return config


def _needs_protection(config: dict, results: list[str], tmp: str) -> list[str]:
    """The results that the steps after the first would change. Only these
    get an identity entry there: an identity entry for a plain character (它,
    回) would also stop OpenCC's phrases that start with it (回覆 → 回复)."""
    # lazy: OpenCC: only when text is converted
    import opencc

    chain = config.get("conversion_chain", [])
    if len(chain) < 2 or not results:
        return []
    tail_file = Path(tmp, "tail.json")
    tail_file.write_text(json.dumps({"name": "tail", "conversion_chain": chain[1:]},
                                    ensure_ascii=False), "utf-8")
    converted = opencc.OpenCC(str(tail_file)).convert("\n".join(results)).split("\n")
    if len(converted) != len(results):
        return results
    return [r for r, c in zip(results, converted) if r != c]


@functools.lru_cache(maxsize=8)
def converter(config: str = DEFAULT_CONFIG, phrases: Phrases | None = None, toolkit: bool = True):
    """An OpenCC converter (cached: loading the dictionaries costs more than
    converting an article). A custom config puts the project's ``phrases``,
    then (unless ``toolkit=False``) the toolkit's own, ahead of OpenCC's
    dictionaries: OpenCC's own mechanism, so they take part in its
    longest-match phrase conversion, not a replacement after it. With neither,
    bare OpenCC."""
    # lazy: OpenCC: only when text is converted
    import opencc

    path = config_file(config)
    layers = [p for p in (phrases, toolkit_phrases() if toolkit else None) if p and p.pairs]
    try:
        if not layers:
            return opencc.OpenCC(str(path))
        with tempfile.TemporaryDirectory(prefix="toolkit-opencc-") as tmp:
            base = _absolute(json.loads(path.read_text(encoding="utf-8")), path.parent)
            phrase_files = []
            for number, layer in enumerate(layers):
                phrase_file = Path(tmp, f"phrases{number}.txt")
                phrase_file.write_text("".join(f"{t}\t{s}\n" for t, s in layer.pairs), "utf-8")
                phrase_files.append(phrase_file)
            results = list(dict.fromkeys(s for layer in layers for _, s in layer.pairs))
            protected = _needs_protection(base, results, tmp)
            protect_file = None
            if protected:
                protect_file = Path(tmp, "protect.txt")
                protect_file.write_text("".join(f"{s}\t{s}\n" for s in protected), "utf-8")
            custom = _with_phrases(base, path.parent, phrase_files, protect_file)
            custom_file = Path(tmp, "config.json")
            custom_file.write_text(json.dumps(custom, ensure_ascii=False), "utf-8")
            return opencc.OpenCC(str(custom_file))  # dictionaries are loaded here
    except Exception as exc:  # the C++ layer raises plain RuntimeError
        raise ConfigError(f"OpenCC cannot load config {config!r}: {exc}", str(path)) from None


def to_simplified(text: str, config: str = DEFAULT_CONFIG, phrases: Phrases | None = None,
                  toolkit: bool = True) -> str:
    text = converter(config, phrases, toolkit).convert(text)
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
        byline = chinese_byline(d)
        dateline = chinese_dateline(d)
        parts.append(f"{dateline}（{byline}）" if dateline and byline else dateline or byline)
    parts += [b.text for b in article.blocks]
    return "\n\n".join(parts) + "\n"
