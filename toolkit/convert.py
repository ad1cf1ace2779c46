"""Article (Traditional) → Article (Simplified), with OpenCC.

All text of an article goes through OpenCC in one call (joined by newlines,
which no OpenCC dictionary spans), because each call has a fixed cost and
phrase matching needs whole runs of text, not single characters.
"""
from __future__ import annotations

import dataclasses
import functools

from .errors import ConfigError
from .model import Article, Block

#: Configs that turn Traditional (or Taiwan / Hong Kong) text into Simplified.
SIMPLIFYING_CONFIGS = ("t2s", "tw2s", "tw2sp", "hk2s", "hk2sp")
DEFAULT_CONFIG = "t2s"

# OpenCC leaves corner brackets alone; Simplified typography uses curly quotes.
_QUOTES = (("「", "“"), ("」", "”"), ("『", "‘"), ("』", "’"))


@functools.lru_cache(maxsize=8)
def converter(config: str = DEFAULT_CONFIG):
    """An OpenCC converter for a config name or a config file path (cached:
    loading the dictionaries costs more than converting an article)."""
    import opencc

    try:
        return opencc.OpenCC(config)
    except Exception as exc:  # the C++ layer raises plain RuntimeError
        raise ConfigError(f"OpenCC cannot load config {config!r}: {exc}",
                          "toolkit.toml") from None


def to_simplified(text: str, config: str = DEFAULT_CONFIG) -> str:
    text = converter(config).convert(text)
    for corner, curly in _QUOTES:  # str.replace: a memchr scan, unlike str.translate
        if corner in text:
            text = text.replace(corner, curly)
    return text


def convert_article(article: Article, config: str = DEFAULT_CONFIG) -> Article:
    """Every text field of the article, converted in one OpenCC call."""
    d = article.dateline
    fields = [article.title, article.publication, article.author,
              *((d.agency, d.place, d.reporter) if d else ()),
              *(b.text for b in article.blocks)]
    converted = to_simplified("\n".join(fields), config).split("\n")
    if len(converted) != len(fields):  # would mean OpenCC mapped across a newline
        raise AssertionError("OpenCC changed the number of lines")
    title, publication, author = converted[:3]
    if d:
        agency, place, reporter = converted[3:6]
        d = dataclasses.replace(d, agency=agency, place=place, reporter=reporter)
    texts = converted[6 if d else 3:]
    blocks = tuple(map(Block, [b.kind for b in article.blocks], texts,
                       [b.line for b in article.blocks]))
    return dataclasses.replace(article, title=title, publication=publication, author=author,
                               blocks=blocks, dateline=d, script="zh-Hans")


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


