"""Editions as values: what each edition of a brief is, derived from the settings.

The Chinese edition always; for each locale of ``toolkit.toml`` a translated
edition named after it (``en``) and a paired edition, Chinese and translation
side by side (``bilingual`` for the first locale, ``bilingual-<locale>`` for
the others). Adding a locale adds its editions with no code or template
change: the templates render by :attr:`Edition.kind`, never by name.
Adding a kind of edition is one template (``templates/<kind>.html``) and one
entry in :data:`KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Kinds of edition, each rendered by ``templates/<kind>.html``.
CHINESE, TRANSLATED, PAIRED = "chinese", "translated", "paired"
#: The Chinese edition's name, language and Babel locale (dates, numbers).
CHINESE_NAME, CHINESE_LANG, CHINESE_LOCALE = "zh-Hans", "zh-Hans", "zh_Hans_CN"
#: Print profiles (see toolkit.pdf.write); a non-default one names the file.
PROFILES = ("screen", "press", "archive")
DEFAULT_PROFILE = "screen"


@dataclass(frozen=True)
class Kind:
    """A kind of edition, rendered by ``templates/<name>.html``."""

    name: str
    #: one edition per locale of the project (else one, the Chinese)
    per_locale: bool = False
    #: the edition's name: for the project's first locale, and for the others
    first_name: str = CHINESE_NAME
    other_name: str = CHINESE_NAME
    #: written in the translation's language (its ``lang``, dates and own
    #: words: every label translated), else in Chinese with the translation
    #: beside it (its ``tr_`` labels translated)
    in_translation: bool = False


#: Every kind of edition, in build order.
KINDS = (
    Kind(CHINESE),
    Kind(TRANSLATED, per_locale=True, first_name="{locale}", other_name="{locale}",
         in_translation=True),
    Kind(PAIRED, per_locale=True, first_name="bilingual", other_name="bilingual-{locale}"),
)


def kind_named(name: str) -> Kind:
    """The kind of edition of that name (of :data:`KINDS`)."""
    return next(kind for kind in KINDS if kind.name == name)


@dataclass(frozen=True)
class Edition:
    #: in file names and on the command line: zh-Hans, en, bilingual, fr, bilingual-fr
    name: str
    kind: str
    #: the HTML ``lang`` of the document
    lang: str
    #: Babel locale of the document's dates and numbers
    date_locale: str
    #: the catalogs the translation comes from (None: the Chinese edition)
    locale: str | None

    @property
    def translated(self) -> bool:
        return self.locale is not None

    @property
    def template(self) -> str:
        return f"{self.kind}.html"


def html_lang(locale: str) -> str:
    """gettext's ``pt_BR`` as HTML's ``pt-BR``."""
    return locale.replace("_", "-")


def project_editions(locales: tuple[str, ...]) -> tuple[Edition, ...]:
    """Every edition the project's locales define, in build order: each kind
    of :data:`KINDS` in turn (the Chinese one, the translated ones, the
    paired ones)."""
    editions = []
    for kind in KINDS:
        if not kind.per_locale:
            editions.append(Edition(kind.first_name, kind.name, CHINESE_LANG, CHINESE_LOCALE,
                                    None))
            continue
        for index, locale in enumerate(locales):
            name = (kind.first_name if index == 0 else kind.other_name).format(locale=locale)
            lang, dates = (html_lang(locale), locale) if kind.in_translation else (
                CHINESE_LANG, CHINESE_LOCALE)
            editions.append(Edition(name, kind.name, lang, dates, locale))
    return tuple(editions)


def choose(available: tuple[Edition, ...], names: tuple[str, ...]) -> tuple[Edition, ...]:
    """The editions named (all when none is), in build order; an unknown name
    is a :class:`ValueError` naming the known ones."""
    if not names:
        return available
    known = {edition.name: edition for edition in available}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"no edition {', '.join(map(repr, unknown))} in this project "
                         f"(its editions: {', '.join(known)})")
    return tuple(edition for edition in available if edition.name in names)


def output_name(slug: str, edition: str, profile: str = DEFAULT_PROFILE,
                draft: bool = False) -> str:
    """The file an edition of an article is written to, the one name the
    plan, the command line and the desk use: ``<slug>.<edition>.pdf``, with
    ``.<profile>`` before ``.pdf`` for a profile other than the default, and
    ``.draft`` for a draft (``--allow-incomplete``: never a publishable name)."""
    suffix = "" if profile == DEFAULT_PROFILE else f".{profile}"
    return f"{slug}.{edition}{suffix}{'.draft' if draft else ''}.pdf"
