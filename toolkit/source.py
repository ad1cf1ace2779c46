"""Source text → :class:`~toolkit.model.Article` (still in the source's script).

Reading order: decode → per line: NFC, strip pinyin glosses, full-width
punctuation → drop boilerplate lines → title, dateline, headings, paragraphs.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .errors import SourceError
from .model import HEADING, PARAGRAPH, Article, Block, Dateline, Gloss
from .normalise import full_width_punctuation, has_han, strip_glosses

#: Lines that are page furniture, not article text (share widgets, editors'
#: credits, copyright footers). A project adds its own in ``toolkit.toml``.
DEFAULT_BOILERPLATE = (
    r"分享[讓让]更多人看到",
    r"[（(]?[責责]任[編编][輯辑][:：].*",
    r"(?:版[權权]所有|Copyright|©).*",
    r"(?:打印|列印)本[頁页]|[關关][閉闭]窗口|返回[頂顶]部",
)

# Sentence-final punctuation; a line ending in it is a paragraph, never a heading.
_FINAL = "。！？!?…；;：:"
_CLOSERS = "”’」』）)》〉】\"'"
#: A heading is a short line with no sentence-final punctuation.
HEADING_MAX_CHARS = 30

_DATELINE = re.compile(
    r"(?P<agency>\S{1,12}?(?:網|网|社|報|报|臺|台))"
    r"(?P<place>[^\d\s，。（(]{0,10}?)"
    r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:電|电|訊|讯)"
    r"\s*(?:[（(](?:記者|记者)?\s*(?P<reporter>[^）)]{1,30})[）)])?\s*"
)


def decode_source(data: bytes, path: str) -> str:
    """Bytes → text. UTF-8, with or without a byte-order mark."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})",
            path, line) from None


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in _FINAL


def is_heading(line: str) -> bool:
    return len(line) <= HEADING_MAX_CHARS and not _ends_sentence(line)


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


def read_article(text: str, *, path: str, slug: str,
                 boilerplate: Iterable[str] = DEFAULT_BOILERPLATE) -> Article:
    """Read a plain-text article: title on the first line, paragraphs one per
    line (or hard-wrapped, then joined), short unpunctuated lines as headings."""
    drop = re.compile("|".join(f"(?:{p})" for p in boilerplate)) if boilerplate else None
    glosses: list[Gloss] = []
    dropped: list[tuple[int, str]] = []
    lines: list[tuple[int, str]] = []  # (line number, normalised text); "" = blank
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped, removed = strip_glosses(raw.strip())
        glosses += [Gloss(number, han, reading) for han, reading in removed]
        line = full_width_punctuation(stripped)
        if drop and line and drop.fullmatch(line):
            dropped.append((number, line))
            continue
        lines.append((number, line))

    content = [(n, s) for n, s in lines if s]
    if not content:
        raise SourceError("empty file: no article text", path, 1 if text else None)
    (title_line, title), body = content[0], _join_wrapped(lines, after=content[0][0])

    blocks: list[Block] = []
    dateline = None
    for number, line in body:
        if not blocks and dateline is None:
            dateline, line = parse_dateline(line, number)
            if not line:
                continue
        kind = HEADING if is_heading(line) else PARAGRAPH
        blocks.append(Block(kind, line, number))
    # A trailing short line is a paragraph: headings stand between paragraphs.
    if blocks and blocks[-1].kind == HEADING:
        blocks[-1] = Block(PARAGRAPH, blocks[-1].text, blocks[-1].line)
    if not any(has_han(b.text) for b in blocks) and not has_han(title):
        raise SourceError("no Chinese text found", path, title_line)
    return Article(slug=slug, title=title, blocks=tuple(blocks), dateline=dateline,
                   source_path=path, title_line=title_line, glosses=tuple(glosses),
                   dropped=tuple(dropped))


def _join_wrapped(lines: list[tuple[int, str]], after: int) -> list[tuple[int, str]]:
    """Join hard-wrapped lines: a long line that does not end a sentence goes
    on in the next line of the same blank-separated group. Han text is joined
    without a space; a space is kept between two Latin words."""
    out: list[tuple[int, str]] = []
    open_paragraph = False
    for number, line in lines:
        if number <= after:
            continue
        if not line:
            open_paragraph = False
            continue
        if open_paragraph and out:
            prev_number, prev = out[-1]
            joiner = " " if prev[-1:].isascii() and prev[-1:].isalnum() and line[:1].isascii() \
                and line[:1].isalnum() else ""
            out[-1] = (prev_number, prev + joiner + line)
        else:
            out.append((number, line))
        last = out[-1][1]
        open_paragraph = len(line) > HEADING_MAX_CHARS and not _ends_sentence(last)
    return out


def load_article(path: Path, *, slug: str | None = None,
                 boilerplate: Iterable[str] = DEFAULT_BOILERPLATE) -> Article:
    """Read an article file. Raises :class:`SourceError` naming the file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("no such file", str(path)) from None
    except IsADirectoryError:
        raise SourceError("is a directory, not a source file", str(path)) from None
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc), str(path)) from None
    text = decode_source(data, str(path))
    return read_article(text, path=str(path), slug=slug or article_slug(path),
                        boilerplate=boilerplate)


def article_slug(path: Path) -> str:
    """An article's slug is its file's stem (``sources/foo.txt`` → ``foo``)."""
    return path.name.split(".", 1)[0]
