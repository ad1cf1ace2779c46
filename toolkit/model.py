"""The document model: plain frozen dataclasses, no I/O.

An :class:`Article` is what every stage passes on. Stages return new values
(``dataclasses.replace``) rather than mutating a shared one.

Text normal form (message ids are built from it, so it is a promise):
NFC; half-width ``, ; : ? ! ( )`` next to a Han character become full-width;
lines of one paragraph are joined without adding spaces; spaces the author
wrote stay as written.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from dataclasses import dataclass, field

#: Kinds of :class:`Block`, and the msgctxt of their messages (paragraphs have none).
TITLE, HEADING, PARAGRAPH = "title", "heading", "paragraph"


@dataclass(frozen=True)
class Dateline:
    """``人民網上海7月21日電 (王文娟)`` or ``〔記者凌美雪／台北報導〕`` as fields.

    Every part is optional (month and day 0 when the source has none); the
    editions print only the parts the source has."""

    agency: str = ""  # 人民网
    place: str = ""  # 上海
    month: int = 0
    day: int = 0
    reporter: str = ""  # 王文娟
    line: int = 0
    #: 记者 when the source labels the reporter so, else empty
    reporter_title: str = ""
    #: the word that closes it: 电, 消息, 报导, 综合报导
    verb: str = "電"
    #: ``agency`` (人民網上海7月21日電) or ``byline`` (〔記者凌美雪／台北報導〕)
    style: str = "agency"


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph, with the source line it starts on."""

    kind: str
    text: str
    line: int = 0


@dataclass(frozen=True)
class Gloss:
    """A pinyin reading removed from the text: ``轉(zhuǎn)``."""

    line: int
    han: str
    reading: str


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    blocks: tuple[Block, ...]
    dateline: Dateline | None = None
    date: datetime.date | None = None
    publication: str = ""
    url: str = ""
    author: str = ""
    #: for the running header; the title when not given
    short_title: str = ""
    #: ``zh-Hant`` as read, ``zh-Hans`` after conversion
    script: str = "zh-Hant"
    source_path: str = ""
    #: the metadata sidecar the date, publication and URL came from
    meta_path: str = ""
    title_line: int = 1
    #: what reading changed, for the conversion report
    glosses: tuple[Gloss, ...] = field(default=(), compare=False)
    punctuation_lines: tuple[int, ...] = field(default=(), compare=False)
    #: lines left out as site furniture: (line, text, the rule that dropped it)
    dropped: tuple[tuple[int, str, str], ...] = field(default=(), compare=False)
    #: what reading is unsure of or found damaged: (line, message)
    warnings: tuple[tuple[int, str], ...] = field(default=(), compare=False)
    encoding: str = "utf-8"

    @property
    def headings(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == HEADING)


def article_json(article: Article) -> str:
    """The document as JSON, fields named as in the model (dates ISO 8601)."""
    def default(value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        raise TypeError(f"cannot serialise {type(value).__name__}")

    return json.dumps(dataclasses.asdict(article), ensure_ascii=False, indent=2,
                      default=default) + "\n"


def chinese_dateline(dateline) -> str:
    """The Chinese dateline with the parts the source has: 人民网上海7月21日电,
    中央社台北10日电, 台湾网12月10日陵县消息; '' for a byline of its own."""
    if dateline is None or dateline.style != "agency" or not (
            dateline.agency or dateline.place or dateline.day):
        return ""
    date = (f"{dateline.month}月" if dateline.month else "") + (
        f"{dateline.day}日" if dateline.day else "")
    if dateline.verb in ("消息", "讯") and date:  # 台湾网12月10日陵县消息: place after the date
        return f"{dateline.agency}{date}{dateline.place}{dateline.verb}"
    return f"{dateline.agency}{dateline.place}{date}{dateline.verb}"


def chinese_byline(dateline) -> str:
    """The reporter as the source credits them: 王文娟, 记者 凌美雪,
    记者凌美雪／台北报导 (a Taiwanese byline, kept whole)."""
    if dateline is None or not dateline.reporter:
        return ""
    if dateline.style == "byline":
        agency = f"{dateline.agency} " if dateline.agency else ""
        where = f"／{dateline.place}{dateline.verb}" if dateline.verb else (
            f" {dateline.place}" if dateline.place else "")
        return f"{agency}{dateline.reporter_title}{dateline.reporter}{where}"
    return f"{dateline.reporter_title} {dateline.reporter}".strip()
