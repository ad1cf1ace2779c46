"""Markdown drafts → :class:`~toolkit.model.Article`.

For editors who write their own drafts: a YAML front-matter block (``title``,
``date``, ``source``, ``url``, ``author``, ``slug``), then ``##`` section
headings and paragraphs. Inline markup is reduced to its text; the body goes
through the same normal form as plain text (glosses, punctuation).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from toolkit.errors import SourceError
from toolkit.files import check_slug
from toolkit.han import has_han
from toolkit.model import HEADING, PARAGRAPH, Article, Block
from toolkit.patterns import PatternTimeout, pattern_too_slow
from toolkit.read.chars import full_width_punctuation
from toolkit.read.dateline import parse_dateline
from toolkit.read.furniture import furniture_matcher
from toolkit.read.lines import normalise

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
FRONT_MATTER_KEYS = ("title", "short_title", "date", "source", "url", "author", "slug")


#: Front matter is a handful of fields; anything longer is not a draft's.
MAX_FRONT_MATTER = 16_000


def _loader():
    """YAML's safe loader without aliases: ``*a`` repeated refers to ever
    larger nodes, and a few hundred bytes of them fill gigabytes."""
    # lazy: PyYAML (≈10 ms): only for a Markdown draft's front matter
    import yaml

    class NoAliases(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not allowed in front matter",
                    event.start_mark)
            return super().compose_node(parent, index)

    return NoAliases


def split_front_matter(text: str, path: str) -> tuple[dict, str, int]:
    """``(fields, body, line number of the body's first line)``."""
    # lazy: PyYAML (≈10 ms): only for a Markdown draft's front matter
    import yaml

    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    block = match.group(1) or ""
    if len(block) > MAX_FRONT_MATTER:
        raise SourceError(f"front matter longer than {MAX_FRONT_MATTER} characters", path, 2)
    try:
        fields = yaml.load(block, Loader=_loader()) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for "---", +1 one-based
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(f"front matter: {problem}", path, line) from None
    except ValueError as exc:  # a constructor's: date: 2021-13-45
        raise SourceError(f"front matter: {exc}", path, _field_line(text, "date")) from None
    if not isinstance(fields, dict):
        raise SourceError("front matter must be a mapping of fields", path, 2)
    for key in ("title", "short_title", "source", "url", "author", "slug"):
        value = fields.get(key)
        if value is not None and (not isinstance(value, (str, int, float)) or isinstance(value, bool)):
            raise SourceError(f"front matter: {key} must be text, not {type(value).__name__}",
                              path, _field_line(text, key))
    unknown = sorted(set(map(str, fields)) - set(FRONT_MATTER_KEYS))
    if unknown:
        raise SourceError(f"front matter: unknown field(s) {', '.join(unknown)} "
                          f"(known: {', '.join(FRONT_MATTER_KEYS)})", path, 2)
    body_line = text[:match.end()].count("\n") + 1
    return fields, text[match.end():], body_line


def _field_line(text: str, key: str) -> int:
    """The line of a front-matter field (YAML gives no positions once loaded)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 2


def _date(value, path: str) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value.date() if isinstance(value, datetime.datetime) else value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise SourceError(f"front matter: date {value!r} is not YYYY-MM-DD", path, 2) from None


def _inline_text(token) -> str:
    """The text of an inline token: markup dropped, soft line breaks joined
    without a space between Han characters (a space between Latin words)."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    text = "".join(parts)
    return re.sub(r"(?<=[A-Za-z0-9])\n(?=[A-Za-z0-9])", " ", text).replace("\n", "").strip()


def read_markdown(text: str, *, path: str, slug: str,
                  boilerplate: Iterable[str] = ()) -> Article:
    # lazy: markdown-it (≈35 ms): only for Markdown drafts
    from markdown_it import MarkdownIt

    fields, body, first_line = split_front_matter(text, path)
    normal = normalise(body, first_line, punctuation=False, path=path)
    punctuation_lines: list[int] = []
    drop = furniture_matcher(tuple(boilerplate))
    title = str(fields["title"]).strip() if fields.get("title") is not None else ""
    title_line = 2 if title else 0
    if title:  # the front matter's title takes the same normal form
        title = normalise(title).text
    blocks: list[Block] = []
    dropped: list[tuple[int, str, str]] = []
    tokens = MarkdownIt("commonmark").parse(normal.text)
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.map:
            continue
        opening = tokens[index - 1]
        line = token.map[0] + first_line
        changes: list[int] = []
        content = full_width_punctuation(_inline_text(token), changes)
        punctuation_lines += [line] * len(changes)
        if not content:
            continue
        try:
            rule = drop(content)
        except PatternTimeout as slow:
            raise pattern_too_slow(slow, path, line) from None
        if rule:
            dropped.append((line, content, rule))
        elif opening.type == "heading_open" and opening.tag == "h1" and not title:
            title, title_line = content, line
        elif opening.type == "heading_open":
            blocks.append(Block(HEADING, content, line))
        else:
            blocks.append(Block(PARAGRAPH, content, line))
    if not title:
        raise SourceError("no title: give one in the front matter or as a '#' heading", path, 1)
    dateline = None
    if blocks and blocks[0].kind == PARAGRAPH:
        dateline, rest = parse_dateline(blocks[0].text, blocks[0].line)
        if dateline is not None:
            blocks[0:1] = [Block(PARAGRAPH, rest, blocks[0].line)] if rest else []
    if not has_han(title) and not any(has_han(b.text) for b in blocks):
        raise SourceError("no Chinese text found", path, title_line or 1)
    source = str(fields.get("source") or "")
    url = str(fields.get("url") or (source if source.startswith(("http://", "https://")) else ""))
    if fields.get("slug") is not None:
        if not isinstance(fields["slug"], str):
            raise SourceError("front matter: slug must be a string", path, _field_line(text, "slug"))
        slug = check_slug(fields["slug"], path, _field_line(text, "slug"))
    return Article(
        slug=slug, title=title, blocks=tuple(blocks),
        dateline=dateline, date=_date(fields.get("date"), path),
        publication="" if source == url else source, url=url,
        author=str(fields.get("author") or ""), source_path=path, title_line=title_line,
        short_title=normalise(str(fields.get("short_title") or "")).text,
        glosses=normal.glosses, punctuation_lines=tuple(punctuation_lines),
        dropped=tuple(dropped), warnings=tuple((d.line, d.message) for d in normal.damage))
