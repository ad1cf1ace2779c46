"""What a template sees: the article, its translation and the edition's
dates and names, as values."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from toolkit.catalogs.quotes import is_english, typeset_quotes
from toolkit.catalogs.segments import reporter_of, segments
from toolkit.catalogs.exchange import unit_id
from toolkit.catalogs.states import FUZZY, lookup, state
from toolkit.editions import CHINESE_LANG, CHINESE_LOCALE, Edition, html_lang
from toolkit.han import has_han
from toolkit.model import PARAGRAPH, TITLE, Article, chinese_byline, chinese_dateline

#: Segment kinds that are fields of the brief rather than blocks of its body.
FIELD_KINDS = (TITLE, "short_title", "agency", "place", "reporter", "author", "publication")


def format_date(date: datetime.date, locale: str, format: str = "long") -> str:
    # lazy: Babel's locale data (≈25 ms): only when a date is formatted
    from babel.dates import format_date as babel_format_date

    return babel_format_date(date, format=format, locale=locale)


@dataclass(frozen=True)
class Bilingual:
    """One segment in both languages. ``tr`` is None where the catalog has
    no finished translation (a draft shows the Chinese there, marked). In a
    draft, ``mark`` says what the margin says of it: ``untranslated``,
    ``fuzzy`` (its English shown, to be reviewed) or ``error`` (its English
    fails a check)."""

    kind: str
    zh: str
    tr: str | None
    mark: str = ""

    @property
    def untranslated(self) -> bool:
        return self.tr is None


def _dates(article: Article, locale: str) -> tuple[str, str]:
    """(the brief's date, the dateline's date) in one edition locale."""
    date, dateline = article.date, article.dateline
    brief = format_date(date, locale) if date else ""
    if dateline is None or not dateline.day:
        return brief, ""
    if locale.startswith("zh"):
        return brief, (f"{dateline.month}月" if dateline.month else "") + f"{dateline.day}日"
    if date and (date.month, date.day) == (dateline.month or date.month, dateline.day):
        return brief, format_date(date, locale)
    if dateline.month:
        try:
            day = datetime.date(2000, dateline.month, dateline.day)
        except ValueError:  # 13月40日 on a page: no date to give
            return brief, ""
        return brief, format_date(day, locale, "MMMM d")
    return brief, ""


def language_names(locale: str) -> dict[str, str]:
    """A translation's language, as the editions name it: in Chinese (英文,
    and 英 in 中英对照版) and in itself (English), from Babel's locale data."""
    # lazy: Babel's locale data (≈25 ms): only when a language is named
    from babel import Locale

    chinese = Locale.parse("zh_Hans_CN").languages.get(Locale.parse(locale).language, locale)
    written = chinese[:-1] + "文" if chinese.endswith("语") else chinese
    own = Locale.parse(locale).get_language_name(locale) or locale
    return {"zh": written, "zh_short": written[:-1] if written.endswith("文") else written,
            "tr": own}


def edition_context(article: Article, publication: str, edition: Edition, catalog=None,
                    draft: bool = False, flagged: frozenset = frozenset()) -> dict:
    """Everything the template needs for one edition, as plain values.

    ``publication`` is the project's name for its briefs (toolkit.toml);
    ``catalog`` is the article's catalog for the translated and paired
    editions; every segment comes as a :class:`Bilingual` with both sides.
    A ``draft`` shows a fuzzy translation (marked), and marks the segments
    whose XLIFF unit is in ``flagged`` (their translation fails a check).
    """
    fields: dict[str, Bilingual] = {}
    blocks: list[Bilingual] = []
    # The translation as printed: English quotes set curly here, on the text,
    # before the templates escape it (the catalog keeps what was typed).
    tr_locale = edition.locale or edition.date_locale
    printed = typeset_quotes if is_english(edition.locale) else str
    for segment in segments(article):
        translation, mark = None, ""
        if catalog is not None:
            translation = lookup(catalog, segment)
            if draft:
                message = catalog.get(segment.text, context=segment.context)
                if translation is None and state(message) == FUZZY:
                    translation, mark = message.string, "fuzzy"
                elif translation is None:
                    mark = "untranslated"
                elif unit_id(segment.text, segment.context) in flagged:
                    mark = "error"
        text = Bilingual(segment.context or PARAGRAPH, segment.text,
                         None if translation is None else printed(translation), mark)
        if segment.context in FIELD_KINDS:
            fields[segment.context] = text
        else:
            blocks.append(text)
    empty = Bilingual("", "", "")
    is_draft = draft or (edition.translated
                         and any(t.untranslated for t in [*fields.values(), *blocks]))
    # The Chinese side's dates are Chinese, the translation's in its locale
    # (the edition's own date locale when it is written in the translation).
    zh_date, zh_dateline = _dates(article, CHINESE_LOCALE)
    tr_date, tr_dateline = _dates(article, tr_locale)
    return {
        "edition": edition.name,
        "lang": edition.lang,
        "tr_lang": html_lang(tr_locale),
        "zh_lang": CHINESE_LANG,
        "language": language_names(tr_locale),
        #: a draft (--allow-incomplete): every page says so
        "draft": is_draft,
        # the running head's and a draft banner's boxes (pt), as brief.html
        # sets them: here for a desk's own brief.html of before issue 26
        "running_head_box": {"width": 125 if is_draft else 330, "size": 8},
        "banner_box": {"width": 225, "size": 8},
        "publication": publication,
        # the publication's name is a setting in one language or the other:
        # its language marked where the edition's differs (PDF/UA)
        "publication_lang": CHINESE_LANG if has_han(publication) else "en",
        "title": fields.get(TITLE, empty),
        "short_title": fields.get("short_title", fields.get(TITLE, empty)),
        "agency": fields.get("agency", empty),
        "place": fields.get("place", empty),
        "reporter": fields.get("reporter", empty),
        # (one person: the reporter's message, see segments.reporter_of)
        "author": fields.get("author", fields.get("reporter", empty)
                             if article.author and article.author == reporter_of(article)
                             else empty),
        "source_publication": fields.get("publication", empty),
        "source_url": article.url,
        "dateline": bool(chinese_dateline(article.dateline)),
        "dateline_zh": chinese_dateline(article.dateline),
        "byline_zh": chinese_byline(article.dateline),
        "date": {"zh": zh_date, "tr": tr_date},
        "dateline_date": {"zh": zh_dateline, "tr": tr_dateline},
        "date_iso": article.date.isoformat() if article.date else "",
        "blocks": blocks,
    }
