"""Article + edition → HTML (Jinja2 with the i18n extension, autoescape on).

The article's own text comes from the Simplified document (Chinese edition)
or its catalog (English edition); template labels are written in Simplified
Chinese in the templates and translated through the ``labels`` domain.
"""
from __future__ import annotations

import contextlib
import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from .normalise import HAN_RE

from .catalog import finished, lookup, segments
from .config import Project
from .errors import ConfigError
from .dateline import chinese_byline, chinese_dateline
from .editions import CHINESE_LOCALE, TRANSLATED, Edition, html_lang
from .model import PARAGRAPH, TITLE, Article

#: Edition → (HTML language tag of the document, Babel locale).
#: Segment kinds that are fields of the brief rather than blocks of its body.
FIELD_KINDS = (TITLE, "short_title", "agency", "place", "reporter", "author", "publication")
#: The page every kind of edition extends (templates/<kind>.html).
BASE_TEMPLATE = "brief.html"


def css_string(text: str) -> str:
    """A CSS string literal, safe inside a ``<style>`` element: a quote, a
    backslash, a newline or any other unprintable character (the ways out of
    a CSS string) and ``<`` ``>`` (the ways out of the element) become CSS
    escapes."""
    return '"' + "".join(f"\\{ord(ch):x} " if ch in '"\\<>' or not ch.isprintable() else ch
                         for ch in text) + '"'


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


# A run of Latin letters or digits (with the signs that stay inside one:
# 2,600  1.5  70%  AI+  COVID-19).
_LATIN_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9+.,:%/&'’-]*[A-Za-z0-9%+])?")


def han_latin_spacing(text: str) -> Markup:
    """Escape ``text`` and wrap each Latin/digit run that touches a Han
    character in a span whose CSS margin makes the ¼ em gap (W3C clreq): the
    text itself keeps ``7月21日`` as it is, the space is made by layout."""
    parts: list[str] = []
    last = 0
    for match in _LATIN_RUN.finditer(text):
        start, end = match.span()
        classes = [name for name, char in (("hl-before", text[start - 1:start]),
                                           ("hl-after", text[end:end + 1]))
                   if char and HAN_RE.match(char)]
        if not classes:
            continue
        parts.append(escape(text[last:start]))
        parts.append(Markup('<span class="hl {}">{}</span>').format(" ".join(classes),
                                                                       match.group()))
        last = end
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def keep_tail(text: str) -> Markup:
    """:func:`han_latin_spacing`, with the last two Han characters and the
    punctuation after them in one unbreakable ``<span class="tail">``: a
    paragraph's last line never holds a lone character (clreq)."""
    positions = [match.start() for match in HAN_RE.finditer(text)]
    if len(positions) < 4:
        return han_latin_spacing(text)
    start = positions[-2]
    tail = text[start:]
    if _LATIN_RUN.search(tail):  # a Latin run at the end keeps its own spacing
        return han_latin_spacing(text)
    return han_latin_spacing(text[:start]) + Markup('<span class="tail">{}</span>').format(tail)


def fill(label: str, **values: object) -> str:
    """Brace placeholders in a translated label: ``{place}, {date}``. A
    placeholder the translator dropped is simply absent; an unknown one is
    left as written so a check can find it."""
    out = label
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


_EMPTY_BRACKETS = re.compile(r"[（(]\s*[）)]")
_LOOSE_ENDS = re.compile(r"^[\s,，;；:：]+|[\s,，;；:：]+$")


def tidy(text: str) -> str:
    """A filled label with some placeholders empty, without the punctuation
    that framed them: ``, March 10 ()`` → ``March 10``."""
    text = _EMPTY_BRACKETS.sub("", text)
    text = re.sub(r"([,，])\s*(?=[,，])", "", text)
    return re.sub(r"\s{2,}", " ", _LOOSE_ENDS.sub("", text))


def labels_required(templates_dir: Path, kind: str) -> frozenset[str]:
    """The labels an edition of ``kind`` needs translated, read off its
    templates by Babel's Jinja2 extractor (not off what a render happened to
    ask for): every ``tr_()`` in them, and for a translated edition every
    ``_()`` too (the Chinese and paired editions show ``_()`` in Chinese)."""
    import hashlib

    from . import private_cache

    wanted = ("_", "gettext", "tr_") if kind == TRANSLATED else ("tr_",)
    sources = [(templates_dir / name).read_bytes()
               for name in (BASE_TEMPLATE, "macros.html", f"{kind}.html")
               if (templates_dir / name).is_file()]
    # Extracting parses the templates (0.1 s a kind): the answer is kept,
    # keyed by the templates' bytes, in the toolkit's private cache.
    key = hashlib.sha256(repr((wanted, sources)).encode()).hexdigest()[:40]
    folder = private_cache.cache_dir("labels")
    usable = private_cache.private_folder(folder)
    if usable:
        cached = private_cache.recall(folder / f"{key}.pickle", lambda found: isinstance(
            found, frozenset) and all(isinstance(m, str) for m in found))
        if cached is not None:
            return cached
    from jinja2.ext import babel_extract

    found = set()
    for source in sources:
        for _line, function, message, _comments in babel_extract(
                io.BytesIO(source), list(wanted), [], {"extensions": "jinja2.ext.i18n"}):
            if function in wanted and isinstance(message, str):
                found.add(message)
    if usable:
        private_cache.store(folder / f"{key}.pickle", frozenset(found))
    return frozenset(found)


def untranslated_labels(catalog, required: frozenset[str]) -> list[str]:
    """Those of ``required`` the labels catalog has no finished translation of."""
    return sorted(message for message in required if not finished(catalog.get(message)))


class Labels:
    """Template labels translated from a ``labels`` catalog (or not at all:
    the label's Chinese). Which labels an edition needs is the plan's
    business (:func:`labels_required`), not a side effect of rendering."""

    def __init__(self, catalog=None):
        self.catalog = catalog

    def pgettext(self, context: str | None, message: str) -> str:
        if self.catalog is None:
            return message
        found = self.catalog.get(message, context=context)
        return found.string if finished(found) else message

    def gettext(self, message: str) -> str:
        return self.pgettext(None, message)

    def npgettext(self, context: str | None, singular: str, plural: str, n: int) -> str:
        if self.catalog is not None:
            found = self.catalog.get(singular, context=context)
            if finished(found) and isinstance(found.string, (list, tuple)):
                return found.string[self.catalog.plural_func(n)]
        return singular if n == 1 else plural

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.npgettext(None, singular, plural, n)


def make_environment(templates_dir: Path, labels: Labels | None = None,
                     translation: Labels | None = None):
    """A Jinja2 environment whose ``_`` translates labels into the edition's
    language (``labels``; none for the Chinese and paired editions, whose
    labels are the Chinese they are written in) and ``tr_`` into the
    translation's (the paired edition shows both)."""
    import jinja2

    from . import private_cache

    # Compiled templates are kept between runs (keyed by each template's
    # source), in a folder only this user can write: they are code.
    folder = private_cache.cache_dir("jinja")
    bytecode = jinja2.FileSystemBytecodeCache(str(folder)) \
        if private_cache.private_folder(folder) else None
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        bytecode_cache=bytecode,
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    labels = labels or Labels()
    env.install_gettext_callables(labels.gettext, labels.ngettext, newstyle=False,
                                  pgettext=labels.pgettext, npgettext=labels.npgettext)
    env.globals["tr_"] = (translation or labels).gettext
    env.filters["css_counter_content"] = css_counter_content
    env.filters["fill"] = fill
    env.filters["tidy"] = tidy
    env.filters["han_latin_spacing"] = han_latin_spacing
    env.filters["keep_tail"] = keep_tail
    return env


def format_date(date: datetime.date, locale: str, format: str = "long") -> str:
    from babel.dates import format_date as babel_format_date

    return babel_format_date(date, format=format, locale=locale)


@dataclass(frozen=True)
class Bilingual:
    """One segment in both languages. ``tr`` is None where the catalog has
    no finished translation (a draft shows the Chinese there, marked)."""

    kind: str
    zh: str
    tr: str | None

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
        return brief, format_date(datetime.date(2000, dateline.month, dateline.day), locale,
                                  "MMMM d")
    return brief, ""


def language_names(locale: str) -> dict[str, str]:
    """A translation's language, as the editions name it: in Chinese (英文,
    and 英 in 中英对照版) and in itself (English), from Babel's locale data."""
    from babel import Locale

    chinese = Locale.parse("zh_Hans_CN").languages.get(Locale.parse(locale).language, locale)
    written = chinese[:-1] + "文" if chinese.endswith("语") else chinese
    own = Locale.parse(locale).get_language_name(locale) or locale
    return {"zh": written, "zh_short": written[:-1] if written.endswith("文") else written,
            "tr": own}


def edition_context(article: Article, project: Project, edition: Edition, catalog=None) -> dict:
    """Everything the template needs for one edition, as plain values.

    ``catalog`` is the article's catalog for the translated and paired
    editions; every segment comes as a :class:`Bilingual` with both sides.
    """
    fields: dict[str, Bilingual] = {}
    blocks: list[Bilingual] = []
    for segment in segments(article):
        translation = lookup(catalog, segment) if catalog is not None else None
        text = Bilingual(segment.context or PARAGRAPH, segment.text, translation)
        if segment.context in FIELD_KINDS:
            fields[segment.context] = text
        else:
            blocks.append(text)
    empty = Bilingual("", "", "")
    tr_locale = edition.locale or "en"
    zh_date, zh_dateline = _dates(article, CHINESE_LOCALE)
    tr_date, tr_dateline = _dates(article, tr_locale)
    return {
        "edition": edition.name,
        "lang": edition.lang,
        "tr_lang": html_lang(tr_locale),
        "language": language_names(tr_locale),
        #: some segment is shown untranslated: the brief must read as a draft
        "draft": edition.translated and any(t.untranslated for t in [*fields.values(), *blocks]),
        "publication": project.publication,
        "title": fields.get(TITLE, empty),
        "short_title": fields.get("short_title", fields.get(TITLE, empty)),
        "agency": fields.get("agency", empty),
        "place": fields.get("place", empty),
        "reporter": fields.get("reporter", empty),
        "author": fields.get("author", empty),
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


def render_html(env, edition: Edition, context: dict) -> str:
    with _template_errors(env, edition.template):
        return template(env, edition.template).render(**context)


def template(env, name: str = BASE_TEMPLATE):
    """A template of the brief's design; a missing or malformed one (or one
    it extends or imports, loaded at render) is a :class:`ConfigError` with
    its file and line."""
    with _template_errors(env, name):
        return env.get_template(name)


@contextlib.contextmanager
def _template_errors(env, name: str):
    import jinja2

    folder = Path(env.loader.searchpath[0])
    try:
        yield
    except jinja2.TemplateNotFound as exc:
        raise ConfigError("missing: a template of the brief's design",
                          str(folder / (exc.name or name))) from None
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"template syntax: {exc.message}", exc.filename or str(folder / name),
                          exc.lineno) from None
