"""Article (Traditional) → Article (Simplified), with OpenCC.

All text of an article goes through OpenCC in one call (joined by newlines,
which no OpenCC dictionary spans), because each call has a fixed cost and
phrase matching needs whole runs of text, not single characters.
"""
from __future__ import annotations

import dataclasses
import functools

from .errors import ConfigError
from .model import Article

#: Configs that turn Traditional (or Taiwan / Hong Kong) text into Simplified.
SIMPLIFYING_CONFIGS = ("t2s", "tw2s", "tw2sp", "hk2s", "hk2sp")
DEFAULT_CONFIG = "t2s"

# OpenCC leaves corner brackets alone; Simplified typography uses curly quotes.
_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


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
    return converter(config).convert(text).translate(_QUOTES)


def convert_article(article: Article, config: str = DEFAULT_CONFIG) -> Article:
    """Every text field of the article, converted in one OpenCC call."""
    fields = [article.title, *(b.text for b in article.blocks)]
    if article.dateline:
        d = article.dateline
        fields += [d.agency, d.place, d.reporter]
    converted = to_simplified("\n".join(fields), config).split("\n")
    if len(converted) != len(fields):  # would mean OpenCC mapped across a newline
        raise AssertionError("OpenCC changed the number of lines")
    title, rest = converted[0], converted[1:]
    blocks = tuple(dataclasses.replace(b, text=t) for b, t in zip(article.blocks, rest))
    dateline = article.dateline
    if dateline:
        agency, place, reporter = rest[len(blocks):]
        dateline = dataclasses.replace(dateline, agency=agency, place=place, reporter=reporter)
    return dataclasses.replace(article, title=title, blocks=blocks, dateline=dateline,
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


