"""Quality checks over a locale's catalogs: what a translator's QA expects.

Each check looks at one message (source msgid, translation msgstr) and
yields findings; it is one function registered under its name (the name a
waiver uses) with its default severity (:func:`check`, :data:`CHECKS`), and
:func:`check_catalog` runs them all. Errors stop an
edition from being published; warnings are for review. A translator
silences one check on one message with a translator comment
``# ignore-check: NAME (why)``, which stays visible in review; the numbers
check's waiver names the figures it silences (``# ignore-check: numbers
5G (why)``), and no other.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from toolkit.catalogs.exchange import unit_id
from toolkit.catalogs.numbers import missing_with_severity, stray_figures
from toolkit.catalogs.quotes import DOUBLE, SINGLE, is_english, plain_quotes, unsettled_quotes
from toolkit.catalogs.states import has_text
from toolkit.errors import ConfigError
from toolkit.files import read_input, tab_pairs
from toolkit.han import HAN_RE

ERROR, WARNING = "error", "warning"
_IGNORE = re.compile(r"ignore-check:\s*([\w-]+)([^(]*)")
_PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)[sd]|%[sd]")
#: The named placeholders of a template label: {page}, {reporter}.
_NAMED = re.compile(r"\{(\w+)\}")
# Pairs that must balance, source and translation each on its own.
_PAIRS = (("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"), ("“", "”"), ("《", "》"),
          ("「", "」"), ("『", "』"))
#: A translation this many times longer or shorter than the catalog's usual
#: ratio (English characters per Chinese character) is worth a look.
RATIO_SPREAD = 3.0
RATIO_MIN_SOURCE = 8


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    check: str
    severity: str
    message: str
    #: the XLIFF unit of the message (toolkit export), for a CAT tool's user
    unit: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.check}: {self.severity}: {self.message}"


def waivers(message) -> dict[str, set[str]]:
    """``# ignore-check: NAME [FIGURE…] (why)`` comments: check → the figures
    named (empty when none is)."""
    found: dict[str, set[str]] = {}
    for comment in message.user_comments:
        for match in _IGNORE.finditer(comment):
            found.setdefault(match.group(1), set()).update(match.group(2).split())
    return found


def ignored_checks(message) -> set[str]:
    """Checks a waiver silences for the whole message: every check but
    ``numbers``, whose waiver must name the figures it silences."""
    return {check for check in waivers(message) if check != "numbers"}


def _balance(text: str, set_quotes: bool = False) -> list[str]:
    """The pairs of ``text`` that do not balance. In a translation whose
    quotes are ``set`` (English: :mod:`toolkit.catalogs.quotes`), a
    straight mark typed pairs with curly ones of its kind, which the quotes
    check then answers for."""
    problems = []
    skipped = set_quotes and DOUBLE in text
    for opening, closing in _PAIRS:
        if skipped and opening == "“":
            continue
        if text.count(opening) != text.count(closing):
            problems.append(f"{opening}{closing} {text.count(opening)}:{text.count(closing)}")
    # ‘ ’ in English: ’ is also the apostrophe, so only more openings than closings is wrong.
    if not (set_quotes and SINGLE in text) and text.count("‘") > text.count("’"):
        problems.append(f"‘’ {text.count('‘')}:{text.count('’')}")
    return problems


@dataclass(frozen=True)
class Pair:
    """What a check looks at: one message's source and translation, the
    message itself (its waivers) and the locale's glossary."""

    source: str
    target: str
    message: object
    glossary: dict[str, str]
    #: the editions set this translation's quotes (English:
    #: :mod:`toolkit.catalogs.quotes`); another language prints them as typed
    quotes_set: bool = True

    # What comparing checks look at: a translator may type straight marks
    # where the source, a glossary or a figure has curly ones (the editions
    # print both curly, toolkit.catalogs.quotes).
    @property
    def plain_source(self) -> str:
        return plain_quotes(self.source)

    @property
    def plain_target(self) -> str:
        return plain_quotes(self.target)


@dataclass(frozen=True)
class Check:
    """A check: its name (the one a waiver uses), its default severity, and
    the function that yields its findings, each a text (of the default
    severity) or a ``(severity, text)`` where it is surer or less sure."""

    name: str
    severity: str
    find: Callable[[Pair], Iterator[str | tuple[str, str]]]
    #: a finding of this check ends the message's checks (nothing to check)
    final: bool = False


#: Every per-message check, in the order findings are given: adding a check
#: is one function under :func:`check` in this module.
CHECKS: dict[str, Check] = {}


def check(name: str, severity: str, final: bool = False):
    """Register the decorated function as the check ``name``."""
    def register(find):
        CHECKS[name] = Check(name, severity, find, final)
        return find
    return register


def message_findings(message, glossary: dict[str, str], locale: str | None = None
                     ) -> Iterator[tuple[str, str, str]]:
    """``(check, severity, text)`` for one message of a translated catalog
    (of ``locale``: English unless said)."""
    pair = Pair(message.id, message.string, message, glossary,
                quotes_set=locale is None or is_english(locale))
    for registered in CHECKS.values():
        found = False
        for finding in registered.find(pair):
            severity, text = finding if isinstance(finding, tuple) else (registered.severity,
                                                                         finding)
            found = True
            yield registered.name, severity, text
        if found and registered.final:
            return


@check("untranslated", ERROR, final=True)
def _untranslated(pair: Pair):
    if not has_text(pair.target):
        yield "no translation" if not pair.target else "a blank translation (only whitespace)"


@check("fuzzy", ERROR)
def _fuzzy(pair: Pair):
    if pair.message.fuzzy:
        yield "translation marked fuzzy: review it and remove the flag"


@check("identical", WARNING)
def _identical(pair: Pair):
    if pair.plain_target.strip() == pair.plain_source.strip() and HAN_RE.search(pair.source):
        yield "translation is the same as the source"


@check("han", ERROR)
def _han(pair: Pair):
    leftover = HAN_RE.findall(_PLACEHOLDER.sub("", pair.target))
    if leftover:
        yield f"Chinese characters left in the translation: {''.join(leftover[:10])}"


@check("quotes", WARNING)
def _quotes(pair: Pair):
    """Straight marks are set curly in the editions
    (:mod:`toolkit.catalogs.quotes`): only what that cannot settle is said,
    an unbalanced or ambiguous quote. In a language whose marks are printed
    as typed, straight ones are what the check says."""
    if pair.quotes_set:
        yield from unsettled_quotes(pair.target)
    elif '"' in pair.target or "'" in pair.target:
        yield "straight quotes: use the language's quotation marks"


@check("numbers", ERROR)
def _numbers(pair: Pair):
    """A quantity of the source the translation lacks: an error when that is
    certain (a figure, or a count beside a figure the source does not
    have), a warning when the count may be rendered in words the check
    cannot read (两 → "the pair", or left implicit). See
    :mod:`toolkit.catalogs.numbers`."""
    waived = waivers(pair.message).get("numbers")
    missing = [(quantity.written, certain)
               for quantity, certain in missing_with_severity(pair.plain_source,
                                                              pair.plain_target)
               if not waived or quantity.written not in waived]
    for severity, certain in ((ERROR, True), (WARNING, False)):
        written = [text.strip() for text, sure in missing if sure is certain]
        if not written:
            continue
        # Both sides, so the translator sees the slip: "2019 in the source,
        # 2018 in the translation".
        instead = stray_figures(pair.plain_source, pair.plain_target) if certain else []
        yield severity, (f"{', '.join(written)} in the source, {', '.join(instead)} in the "
                         "translation" if instead else
                         f"not in the translation: {', '.join(written)}")


@check("waiver", WARNING)
def _waiver(pair: Pair):
    waived = waivers(pair.message).get("numbers")
    if waived is not None and not waived:
        yield ("ignore-check: numbers names no figure, so it silences nothing: name the "
               "figures it waives (# ignore-check: numbers 5G (why))")


@check("brackets", ERROR)
def _brackets(pair: Pair):
    for side, text in (("source", pair.source), ("translation", pair.target)):
        unbalanced = _balance(text, set_quotes=side == "translation" and pair.quotes_set)
        if unbalanced:
            yield f"unbalanced in the {side}: {', '.join(unbalanced)}"


@check("placeholders", ERROR)
def _placeholders(pair: Pair):
    wanted, given = set(_NAMED.findall(pair.source)), set(_NAMED.findall(pair.target))
    stray = _NAMED.sub("", pair.target)
    if wanted != given or (("{" in stray or "}" in stray) and wanted):
        yield (f"placeholders {{{', '.join(sorted(wanted))}}} in the source, "
               f"{{{', '.join(sorted(given))}}} in the translation"
               + (" and a stray brace" if "{" in stray or "}" in stray else "")
               ).replace("{}", "none")


_REPEATED = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.I)
_CN_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)]*")
# An English sentence ends at . ! ? (and what closes a quotation) before a
# space and a capital or the end; not after a single capital (U.S.), a
# figure's decimal point, or Mr. Dr. No.
_EN_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bNo)(?<!\bSt)"
                              r"[.!?;]+[”’\")]*(?=\s+[“\"‘(]?[A-Z0-9]|\s*$)")
_FINAL_EN = tuple(".!?…”’\")")
#: Fewer sentences than the source, and fewer than this many characters of
#: translation per Han character of the source: a sentence is likely
#: missing. Full zh→en translations run 2.8 to 6.2 on the sample's and the
#: trial article's paragraphs; a concise rendering that joins sentences but
#: keeps their content stays above the bound.
OMISSION_RATIO = 2.0


def _sentences(text: str, ends: re.Pattern) -> int:
    return len([part for part in ends.split(text) if part.strip()])


# What every CAT tool's QA looks at: repeated words, spacing, final
# punctuation, brackets dropped, and (an error) an omitted sentence.

@check("repeated", WARNING)
def _repeated(pair: Pair):
    repeated = _REPEATED.search(pair.target)
    if repeated and repeated.group(1).lower() not in ("that", "had", "is"):
        yield f"repeated word: {repeated.group(0)!r}"


@check("spacing", WARNING)
def _spacing(pair: Pair):
    if "  " in pair.target or pair.target != pair.target.strip():
        yield "double, leading or trailing space"


@check("final-punctuation", WARNING)
def _final_punctuation(pair: Pair):
    if pair.source.rstrip().rstrip("”’」』）)")[-1:] in "。！？" and \
            not pair.target.rstrip().endswith(_FINAL_EN):
        yield "the source ends a sentence; the translation does not"


@check("brackets-dropped", WARNING)
def _brackets_dropped(pair: Pair):
    source, target = pair.source, pair.target
    pairs = source.count("（") + source.count("(")
    if pairs and target.count("(") + target.count("[") < pairs and "—" not in target \
            and "," not in target:
        yield f"{pairs} bracketed part(s) in the source, {target.count('(')} in the translation"


@check("omission", ERROR)
def _omission(pair: Pair):
    source, target = pair.source, pair.target
    source_sentences = _sentences(source, _CN_SENTENCE_END)
    if source_sentences > 1 and HAN_RE.search(source):
        target_sentences = _sentences(target, _EN_SENTENCE_END)
        han = len(HAN_RE.findall(source))
        if target_sentences < source_sentences and len(target) < OMISSION_RATIO * han:
            yield (f"{source_sentences} sentences in the source, {target_sentences} in a "
                   f"translation {len(target) / han:.1f}× as long: a sentence left out?")


@check("glossary", ERROR)
def _glossary(pair: Pair):
    source, target = pair.plain_source, pair.plain_target.lower()
    for term, required in pair.glossary.items():
        if plain_quotes(term) in source and plain_quotes(required).lower() not in target:
            yield f"{term} must be translated as “{required}”"


def check_catalog(catalog, path: str, glossary: dict[str, str] | None = None,
                  with_ratio: bool = True) -> list[Finding]:
    """All findings for the catalog's messages (the header and obsolete ones
    excepted), in file order."""
    glossary = glossary or {}
    locale = str(catalog.locale) if catalog.locale else None
    findings = []
    messages = [m for m in catalog if m.id and not m.pluralizable]
    for message in messages:
        ignored = ignored_checks(message)
        for check, severity, text in message_findings(message, glossary, locale):
            if check not in ignored:
                findings.append(Finding(path, message.lineno or 0, check, severity, text,
                                        unit_id(message.id, message.context)))
    if with_ratio:
        findings += _ratio_outliers(messages, path)
    findings.sort(key=lambda f: f.line)
    return findings


def _ratio_outliers(messages, path: str) -> list[Finding]:
    sized = [(m, len(m.string) / len(m.id)) for m in messages
             if m.string and len(m.id) >= RATIO_MIN_SOURCE]
    if len(sized) < 5:  # too few to know what is usual
        return []
    usual = statistics.median(ratio for _, ratio in sized)
    return [Finding(path, m.lineno or 0, "length", WARNING,
                    f"translation is {ratio / usual:.1f}× the usual length for its source")
            for m, ratio in sized
            if (ratio > usual * RATIO_SPREAD or ratio < usual / RATIO_SPREAD)
            and "length" not in ignored_checks(m)]


def load_glossary(path) -> dict[str, str]:
    """A locale's glossary file, or no glossary when there is none."""
    return parse_glossary(glossary_bytes(path), str(path))


def glossary_bytes(path) -> bytes | None:
    """The bytes of a locale's glossary file, or None when there is none."""
    return read_input(path, ConfigError, "a glossary") if path.exists() else None


def parse_glossary(data: bytes | None, path: str) -> dict[str, str]:
    """A glossary from its file's bytes (None: no glossary)."""
    if data is None:
        return {}
    try:
        return read_glossary(data.decode("utf-8-sig"), path)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 (byte {exc.start})", path) from None


def read_glossary(text: str, path: str) -> dict[str, str]:
    """``source term<TAB>required target term`` per line; ``#`` comments."""
    return dict(tab_pairs(text, path, "source term<TAB>target term"))
