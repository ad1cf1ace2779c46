"""The edition's own words (labels): which a template needs, which are
still untranslated."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from toolkit import cache as private_cache
from toolkit.catalogs.quotes import is_english, typeset_quotes
from toolkit.catalogs.states import finished
from toolkit.editions import kind_named
from toolkit.errors import ConfigError

#: The page every kind of edition extends (templates/<kind>.html).
BASE_TEMPLATE = "brief.html"


def not_text(error: UnicodeDecodeError, path) -> ConfigError:
    """A template that is not UTF-8 text, named (extraction and rendering)."""
    return ConfigError(f"not UTF-8 text (byte {error.start}): a template must be", str(path))


def labels_required(templates_dir: Path, kind: str) -> frozenset[str]:
    """The labels an edition of ``kind`` needs translated, read off its
    templates by Babel's Jinja2 extractor (not off what a render happened to
    ask for): every ``tr_()`` in them, and for a translated edition every
    ``_()`` too (the Chinese and paired editions show ``_()`` in Chinese)."""

    wanted = ("_", "gettext", "tr_") if kind_named(kind).in_translation else ("tr_",)
    named = [(name, (templates_dir / name).read_bytes())
             for name in (BASE_TEMPLATE, "macros.html", f"{kind}.html")
             if (templates_dir / name).is_file()]
    for name, source in named:
        try:
            source.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise not_text(exc, templates_dir / name) from None
    sources = [source for _, source in named]
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
    # lazy: Jinja2: only when templates are read
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
    business (:func:`labels_required`), not a side effect of rendering.
    An English translation comes with its quotes set
    (:mod:`toolkit.catalogs.quotes`), as the article's does."""

    def __init__(self, catalog=None, locale: str | None = None):
        self.catalog = catalog
        self.printed = typeset_quotes if is_english(locale) else str

    def pgettext(self, context: str | None, message: str) -> str:
        if self.catalog is None:
            return message
        found = self.catalog.get(message, context=context)
        return self.printed(found.string) if finished(found) else message

    def gettext(self, message: str) -> str:
        return self.pgettext(None, message)

    def npgettext(self, context: str | None, singular: str, plural: str, n: int) -> str:
        if self.catalog is not None:
            found = self.catalog.get(singular, context=context)
            if finished(found) and isinstance(found.string, (list, tuple)):
                return self.printed(found.string[self.catalog.plural_func(n)])
        return singular if n == 1 else plural

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.npgettext(None, singular, plural, n)
