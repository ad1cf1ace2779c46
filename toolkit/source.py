"""Source text → :class:`~toolkit.model.Article` (still in the source's script).

Reading order: decode → NFC → strip pinyin glosses → full-width punctuation
(all on the whole text) → drop boilerplate lines → title, dateline,
headings, paragraphs. Plain text here; Markdown drafts in
:mod:`toolkit.markdown_source`.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path

from .decode import decode_source
from .errors import SourceError
from .model import HEADING, PARAGRAPH, Article, Block, Dateline, Gloss
from .normalise import full_width_punctuation, has_han, nfc, strip_glosses

#: Lines that are page furniture, not article text (share widgets, editors'
#: credits, copyright footers). A project adds its own in ``toolkit.toml``.
DEFAULT_BOILERPLATE = (
    r"分享[讓让]更多人看到",
    r"[（(]?[責责]任[編编][輯辑][:：].*",
    r"(?:版[權权]所有|Copyright|©).*",
    r"(?:打印|列印)本[頁页]|[關关][閉闭]窗口|返回[頂顶]部",
)

# Sentence-final punctuation; a line ending in it is a paragraph, never a heading.
_FINAL = frozenset("。！？!?…；;：:")
_CLOSERS = "”’」』）)》〉】\"'"
#: A heading is a short line with no sentence-final punctuation.
HEADING_MAX_CHARS = 30

_DATELINE = re.compile(
    r"(?P<agency>\S{1,12}?(?:網|网|社|報|报|臺|台))"
    r"(?P<place>[^\d\s，。（(]{0,10}?)"
    r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:電|电|訊|讯)"
    r"\s*(?:[（(](?:記者|记者)?\s*(?P<reporter>[^）)]{1,30})[）)])?\s*"
)
SOURCE_SUFFIXES = (".txt", ".md")


@dataclasses.dataclass(frozen=True)
class Normalised:
    """A text in normal form, with what normalising it changed, by line."""

    text: str
    glosses: tuple[Gloss, ...]
    #: one line number per half-width mark made full-width
    punctuation_lines: tuple[int, ...]


def _line_of(newlines: list[int], offset: int, first_line: int) -> int:
    return bisect.bisect_left(newlines, offset) + first_line


def _newlines(text: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", text)]


def normalise(text: str, first_line: int = 1, punctuation: bool = True) -> Normalised:
    """NFC, glosses out, punctuation full-width (unless told not to, for
    Markdown, whose syntax has parentheses of its own); ``first_line`` is the
    line number of the text's first line in its file."""
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    stripped, removed = strip_glosses(text)
    glosses: tuple[Gloss, ...] = ()
    if removed:
        newlines = _newlines(text)
        glosses = tuple(Gloss(_line_of(newlines, offset, first_line), han, reading)
                        for offset, han, reading in removed)
    changes: list[int] = []
    normal = full_width_punctuation(stripped, changes) if punctuation else stripped
    lines: tuple[int, ...] = ()
    if changes:
        newlines = _newlines(normal)
        lines = tuple(_line_of(newlines, offset, first_line) for offset in changes)
    return Normalised(normal, glosses, lines)


def parse_dateline(text: str, line: int = 0) -> tuple[Dateline | None, str]:
    """Split a leading ``人民網上海7月21日電 (王文娟)`` off a paragraph."""
    match = _DATELINE.match(text)
    if not match:
        return None, text
    month, day = int(match["month"]), int(match["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None, text
    dateline = Dateline(agency=match["agency"], place=match["place"], month=month,
                        day=day, reporter=(match["reporter"] or "").strip(), line=line)
    return dateline, text[match.end():]


def boilerplate_matcher(patterns: Iterable[str]):
    patterns = tuple(patterns)
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns)).fullmatch


def read_article(text: str, *, path: str, slug: str,
                 boilerplate: Iterable[str] = DEFAULT_BOILERPLATE) -> Article:
    """Read a plain-text article: title on the first line, paragraphs one per
    line (or hard-wrapped, then joined), short unpunctuated lines between
    paragraphs as headings, a leading agency dateline as fields."""
    normal = normalise(text)
    drop = boilerplate_matcher(boilerplate)
    dropped: list[tuple[int, str]] = []
    title: tuple[int, str] | None = None
    body: list[list] = []  # [line number, text, is a heading]
    # One pass over the lines (sources run to megabytes): drop boilerplate,
    # take the title, join hard-wrapped lines, classify the rest.
    open_paragraph = False
    for number, line in enumerate(normal.text.split("\n"), start=1):
        line = line.strip()
        if not line:
            open_paragraph = False
            continue
        if drop is not None and drop(line):
            dropped.append((number, line))
            continue
        short = len(line) <= HEADING_MAX_CHARS
        ends_sentence = line.rstrip(_CLOSERS)[-1:] in _FINAL
        if title is None:
            title = (number, line)
            continue  # a title never runs on into the next line
        if open_paragraph:
            previous = body[-1]
            latin_gap = previous[1][-1].isascii() and previous[1][-1].isalnum() \
                and line[0].isascii() and line[0].isalnum()
            previous[1] += (" " if latin_gap else "") + line
        else:
            body.append([number, line, short and not ends_sentence])
        open_paragraph = not short and not ends_sentence
    if title is None:
        raise SourceError("empty file: no article text", path, 1 if text else None)
    blocks, dateline = structure(body)
    if not has_han(title[1]) and not any(has_han(b.text) for b in blocks):
        raise SourceError("no Chinese text found", path, title[0])
    return Article(slug=slug, title=title[1], blocks=blocks, dateline=dateline,
                   source_path=path, title_line=title[0], glosses=normal.glosses,
                   punctuation_lines=normal.punctuation_lines, dropped=tuple(dropped))


def structure(body: list[list]) -> tuple[tuple[Block, ...], Dateline | None]:
    """``[line, text, is_heading]`` rows → blocks; a leading dateline is split
    off the first paragraph, and a heading must have a paragraph after it."""
    dateline = None
    if body:
        number, line, _ = body[0]
        dateline, rest = parse_dateline(line, number)
        if dateline is not None:
            body = ([[number, rest, False]] if rest else []) + body[1:]
    if body and body[-1][2]:  # a trailing short line is a paragraph
        body[-1][2] = False
    kinds = [HEADING if heading else PARAGRAPH for _, _, heading in body]
    return tuple(map(Block, kinds, [t for _, t, _ in body], [n for n, _, _ in body])), dateline


def load_article(path: Path, *, slug: str | None = None, encoding: str | None = None,
                 boilerplate: Iterable[str] = DEFAULT_BOILERPLATE) -> Article:
    """Read an article file (``.txt`` or ``.md``). Raises :class:`SourceError`
    naming the file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("no such file", str(path)) from None
    except IsADirectoryError:
        raise SourceError("is a directory, not a source file", str(path)) from None
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc), str(path)) from None
    text, used = decode_source(data, str(path), encoding)
    if path.suffix == ".md":
        from .markdown_source import read_markdown

        article = read_markdown(text, path=str(path), slug=slug or article_slug(path),
                                boilerplate=boilerplate)
    else:
        article = read_article(text, path=str(path), slug=slug or article_slug(path),
                               boilerplate=boilerplate)
    return dataclasses.replace(article, encoding=used)


def article_slug(path: Path) -> str:
    """An article's slug is its file's stem (``sources/foo.txt`` → ``foo``)."""
    return path.name.split(".", 1)[0]
