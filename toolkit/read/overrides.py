"""The editor's last word: a sidecar's corrections applied to a read article.

``sources/<slug>.meta.toml`` may set the title, the dateline (or none), drop
blocks by pattern and force or forbid headings. Blocks are named by their
text, not line numbers, so the same keys serve any kind of source and
survive edits above them; names and patterns match after NFC and conversion
(an editor may write them in Traditional or Simplified). The source article
and its converted twin are changed together, block for block, since the
conversion report reads them side by side.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from toolkit.errors import ConfigError
from toolkit.model import HEADING, PARAGRAPH, Article, Dateline
from toolkit.patterns import (
    ARTICLE_BUDGET,
    PATTERN_TIMEOUT,
    PatternTimeout,
    fullmatch,
    user_pattern,
)
from toolkit.read.sidecar import ArticleMeta


def apply_overrides(source: Article, converted: Article, meta: ArticleMeta,
                    simplify: Callable[[str], str], normal: Callable[[str], str]
                    ) -> tuple[Article, Article]:
    """``simplify``: the run's conversion; ``normal``: the text normal form
    (NFC, full-width punctuation) the reader gives every block."""

    def key(text: str) -> str:
        return simplify(normal(text)).strip()

    title_key = key(meta.title) if meta.title else None
    force = {key(name) for name in meta.force_headings}
    forbid = {key(name) for name in meta.forbid_headings}
    drops = [user_pattern(pattern) for pattern in meta.drop]
    kept_source, kept_converted, dropped = [], [], list(source.dropped)
    for before, after in zip(source.blocks, converted.blocks):
        texts = (before.text, after.text)
        if title_key is not None and after.text.strip() == title_key:
            dropped.append((before.line, before.text, "the sidecar's title"))
            continue
        try:
            dropped_here = any(fullmatch(p, t) for p in drops for t in texts)
        except PatternTimeout as slow:
            took = (f"(with the others, over {ARTICLE_BUDGET:g} s on this article) up to"
                    if slow.article else f"over {PATTERN_TIMEOUT} s on")
            raise ConfigError(f"drop pattern {slow.pattern!r} takes {took} the block of line "
                              f"{before.line}: simplify it", source.meta_path or None) from None
        if dropped_here:
            dropped.append((before.line, before.text, "sidecar drop"))
            continue
        kind = before.kind
        if after.text in force or before.text in force:
            kind = HEADING
        elif after.text in forbid or before.text in forbid:
            kind = PARAGRAPH
        kept_source.append(dataclasses.replace(before, kind=kind))
        kept_converted.append(dataclasses.replace(after, kind=kind))
    source = dataclasses.replace(source, blocks=tuple(kept_source), dropped=tuple(sorted(dropped)))
    converted = dataclasses.replace(converted, blocks=tuple(kept_converted),
                                    dropped=source.dropped)
    if meta.title:
        source = dataclasses.replace(source, title=normal(meta.title))
        converted = dataclasses.replace(converted, title=title_key)
    if meta.dateline is False:
        source = dataclasses.replace(source, dateline=None)
        converted = dataclasses.replace(converted, dateline=None)
    elif isinstance(meta.dateline, dict):
        parts = meta.dateline
        line = source.dateline.line if source.dateline else 0
        written = Dateline(**{k: parts[k] for k in ("agency", "place", "month", "day", "reporter")
                              if k in parts}, line=line)
        source = dataclasses.replace(source, dateline=written)
        converted = dataclasses.replace(converted, dateline=dataclasses.replace(
            written, agency=simplify(written.agency), place=simplify(written.place),
            reporter=simplify(written.reporter), verb=simplify(written.verb)))
    return source, converted
