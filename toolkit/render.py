"""Article + edition → HTML (Jinja2 with the i18n extension, autoescape on).

The article's own text comes from the Simplified document (Chinese edition)
or its catalog (English edition); template labels are written in Simplified
Chinese in the templates and translated through the ``labels`` domain.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .catalog import Segment, lookup, segments
from .config import Project
from .model import HEADING, TITLE, Article

#: Edition → (HTML language tag, Babel locale).
EDITION_LOCALES = {"zh-Hans": ("zh-Hans", "zh_Hans_CN"), "en": ("en", "en")}
TEMPLATE = "brief.html"


@dataclass(frozen=True)
class RenderedBlock:
    kind: str
    text: str
    #: True when the text is a stand-in (source text where a translation is missing)
    untranslated: bool = False


def css_string(text: str) -> str:
    """A CSS string literal, safe inside a ``<style>`` element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return f'"{escaped}"'


def css_counter_content(label: str) -> Markup:
    """``第 {page} 页 / 共 {pages} 页`` → a CSS ``content`` value with counters."""
    parts: list[str] = []
    rest = label
    while rest:
        positions = [(rest.find(k), k) for k in ("{page}", "{pages}") if k in rest]
        if not positions:
            parts.append(css_string(rest))
            break
        index, key = min(positions)
        if index:
            parts.append(css_string(rest[:index]))
        parts.append(f"counter({key[1:-1]})")
        rest = rest[index + len(key):]
    return Markup(" ".join(parts) or '""')


def fill(label: str, **values: object) -> str:
    """Brace placeholders in a translated label: ``{place}, {date}``. A
    placeholder the translator dropped is simply absent; an unknown one is
    left as written so a check can find it."""
    out = label
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


class Labels:
    """Template labels translated from a ``labels`` catalog (or not at all),
    remembering every label that had no finished translation, so the build
    can withhold an edition with Chinese labels left in it."""

    def __init__(self, catalog=None):
        self.catalog = catalog
        self.missing: set[tuple[str | None, str]] = set()

    def pgettext(self, context: str | None, message: str) -> str:
        if self.catalog is None:
            return message
        found = self.catalog.get(message, context=context)
        if found is None or found.fuzzy or not found.string:
            self.missing.add((context, message))
            return message
        return found.string

    def gettext(self, message: str) -> str:
        return self.pgettext(None, message)

    def npgettext(self, context: str | None, singular: str, plural: str, n: int) -> str:
        if self.catalog is not None:
            found = self.catalog.get(singular, context=context)
            if found is not None and not found.fuzzy and isinstance(found.string, (list, tuple)) \
                    and all(found.string):
                return found.string[self.catalog.plural_func(n)]
            self.missing.add((context, singular))
        return singular if n == 1 else plural

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.npgettext(None, singular, plural, n)


def make_environment(templates_dir: Path, labels: Labels | None = None):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    labels = labels or Labels()
    env.install_gettext_callables(labels.gettext, labels.ngettext, newstyle=False,
                                  pgettext=labels.pgettext, npgettext=labels.npgettext)
    env.filters["css_counter_content"] = css_counter_content
    env.filters["fill"] = fill
    return env


def format_date(date: datetime.date, locale: str, format: str = "long") -> str:
    from babel.dates import format_date as babel_format_date

    return babel_format_date(date, format=format, locale=locale)


def edition_context(article: Article, project: Project, edition: str, catalog=None) -> dict:
    """Everything the template needs for one edition, as plain values.

    ``catalog`` is the article's catalog for a translated edition; a segment
    it lacks is shown in Chinese and flagged ``untranslated``.
    """
    lang, locale = EDITION_LOCALES[edition]

    def text_of(segment: Segment) -> tuple[str, bool]:
        if catalog is None:
            return segment.text, False
        translated = lookup(catalog, segment)
        return (translated, False) if translated is not None else (segment.text, True)

    by_kind: dict[str, str] = {}
    blocks: list[RenderedBlock] = []
    draft = False
    for segment in segments(article):
        text, missing = text_of(segment)
        draft = draft or missing
        if segment.context in (TITLE, "agency", "place", "reporter", "author", "publication"):
            by_kind[segment.context] = text
        else:
            blocks.append(RenderedBlock(segment.context or "paragraph", text, missing))

    date = article.date
    dateline = article.dateline
    if dateline and lang.startswith("zh"):
        dateline_date = f"{dateline.month}月{dateline.day}日"
    elif dateline and date:
        dateline_date = format_date(date, locale)
    elif dateline:
        dateline_date = format_date(datetime.date(2000, dateline.month, dateline.day),
                                    locale, "MMMM d")
    else:
        dateline_date = ""
    return {
        "edition": edition,
        #: some segment is shown untranslated: the brief must read as a draft
        "draft": draft,
        "lang": lang,
        "title": by_kind.get(TITLE, article.title),
        "publication": project.publication,
        "source_publication": by_kind.get("publication", ""),
        "source_url": article.url,
        "date_text": format_date(date, locale) if date else "",
        "date_iso": date.isoformat() if date else "",
        "dateline": dateline is not None,
        "agency": by_kind.get("agency", ""),
        "place": by_kind.get("place", ""),
        "reporter": by_kind.get("reporter", ""),
        "author": by_kind.get("author", ""),
        "dateline_date": dateline_date,
        "blocks": blocks,
        "headings": [b for b in blocks if b.kind == HEADING],
    }


def render_html(env, context: dict) -> str:
    return env.get_template(TEMPLATE).render(**context)
