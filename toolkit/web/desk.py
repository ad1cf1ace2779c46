"""What the browser review shows and saves: plain values over the project.

:mod:`toolkit.web.app` is a thin web layer over these functions: the index of
articles with their status per locale, one article's segments side by side
(the source as received, the Simplified text, the translation, with the
QA findings, the previous source of a fuzzy segment, glossary terms and
memory suggestions), and the save of one translation, which goes through
the same catalog writer, lock and review record as the command line.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.catalogs.checks import ERROR, WARNING, load_glossary, message_findings
from toolkit.catalogs.po import catalog_bytes, parse_po
from toolkit.catalogs.segments import segments
from toolkit.catalogs.states import (
    APPROVED,
    FUZZY,
    TRANSLATED,
    UNTRANSLATED,
    finished,
    set_translation,
    state,
    withdraw_approval,
)
from toolkit.editions import output_name, project_editions
from toolkit.errors import CatalogError, ChangedOnDisk, ConfigError
from toolkit.files import article_slug, locked, write_atomic
from toolkit.pipeline.plan import plan
from toolkit.pipeline.snapshot import find_sources, read
from toolkit.project import Project, relative_name
from toolkit.workflow.review import required_reviewer, review_date, reviewer, translator
from toolkit.workflow.update import project_memory

STATES = (UNTRANSLATED, FUZZY, TRANSLATED, APPROVED)
#: What a translator may save a segment as (untranslated: an empty text).
SAVE_STATES = (FUZZY, TRANSLATED, APPROVED)


@dataclass
class EditionStatus:
    name: str
    built: bool
    #: why the edition is held back (empty: it would be built)
    withheld: list[str] = field(default_factory=list)


@dataclass
class ArticleStatus:
    slug: str
    title: str
    path: str
    #: locale → counts of each state, and QA errors and warnings
    locales: dict[str, dict[str, int]]
    editions: list[EditionStatus]


@dataclass
class SegmentRow:
    key: str  # a stable id for the page: hash of context and msgid
    context: str | None
    simplified: str
    #: the source block as received: (line number, Traditional text, glosses)
    source_line: int
    source_text: str
    glosses: list[tuple[str, str]]
    translation: str
    state: str
    fingerprint: str
    findings: list[tuple[str, str, str]]
    #: a fuzzy segment's previous source against the current one:
    #: ``[(kind, text)]`` with kind ``equal``, ``delete`` or ``insert``
    previous_diff: list[tuple[str, str]] | None
    glossary: list[tuple[str, str]]
    suggestion: tuple[float, str, str, str] | None  # score, source, translation, origin


@dataclass
class ArticleReview:
    slug: str
    locale: str
    title: str
    source_path: str
    catalog_path: str
    rows: list[SegmentRow]
    editions: list[str]


def segment_key(context: str | None, msgid: str) -> str:
    return hashlib.sha1(f"{context or ''}\x04{msgid}".encode()).hexdigest()[:12]


def fingerprint(message) -> str:
    """What a save must find unchanged: the message's text, flags and comments."""
    if message is None:
        return "none"
    text = f"{message.string}\x04{sorted(message.flags)}\x04{message.user_comments}"
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def articles(project: Project) -> dict[str, Path]:
    """slug → source: the only articles a request may name."""
    # (a source with a bad name is left out here; the index shows its error)
    return {article_slug(path): path for path in find_sources(project, failed=[])}


def index(project: Project, out_dir: Path) -> tuple[list[ArticleStatus], list[str]]:
    """Every article with its status per locale and its editions (built in
    ``out_dir``, or withheld and why), and the one-line errors of articles
    that cannot be read."""
    editions = project_editions(project.locales)
    failed: list = []
    snapshot = read(project, None, editions, failed=failed)
    jobs, withheld = plan(snapshot, editions, out_dir)
    rows = []
    for item in snapshot.loaded:
        slug = item.article.slug
        locales = {}
        for locale in project.locales:
            catalog = snapshot.catalogs[locale, slug]
            glossary = snapshot.glossaries[locale]
            counts = {name: 0 for name in STATES} | {"errors": 0, "warnings": 0}
            for segment in segments(item.article):
                message = catalog.get(segment.text, context=segment.context)
                counts[state(message)] += 1
                if finished(message):
                    for _, severity, _ in message_findings(message, glossary):
                        if severity in (ERROR, WARNING):
                            counts["errors" if severity == ERROR else "warnings"] += 1
            locales[locale] = counts
        statuses = []
        for edition in editions:
            target = out_dir / output_name(slug, edition.name)
            why = [str(held) for held in withheld if held.slug == slug and held.edition == edition]
            statuses.append(EditionStatus(edition.name, target.is_file(), why))
        rows.append(ArticleStatus(slug, item.article.title, relative_name(project, item.path),
                                  locales, statuses))
    return rows, [str(error) for error in failed]


@functools.lru_cache(maxsize=4)  # (a large memory is tens of megabytes)
def _memory(project: Project, locale: str, slug: str, stamp: tuple):
    """A locale's translation memory without the article's own catalog,
    indexed once while its files (``stamp``) stay as they are: a review page
    of a desk with a 50 MB memory does not read it again per request."""
    return project_memory(project, locale, skip=(slug,))


def _memory_stamp(project: Project, locale: str) -> tuple:
    """Name, size and modification time of every file a memory is made of."""
    folder = project.locales_dir / locale
    stamp = []
    files = [*(folder / "LC_MESSAGES").glob("*.po"), *(folder / "memory").glob("*.tmx")]
    for path in sorted(files):
        with contextlib.suppress(OSError):
            st = path.stat()
            stamp.append((path.name, st.st_size, st.st_mtime_ns))
    return tuple(stamp)


def review(project: Project, slug: str, locale: str) -> ArticleReview:
    """One article's segments in reading order, for one locale."""
    source = articles(project)[slug]
    editions = project_editions(project.locales)
    snapshot = read(project, [source], editions)
    item = snapshot.loaded[0]
    catalog = snapshot.catalogs[locale, slug]
    glossary = load_glossary(project.glossary_path(locale))
    memory = _memory(project, locale, slug, _memory_stamp(project, locale))
    received = list(segments(item.source))
    converted = list(segments(item.article))
    if len(received) != len(converted):  # a sidecar added or dropped a segment: no pairing
        received = converted
    glosses_by_line: dict[int, list[tuple[str, str]]] = {}
    for gloss in item.source.glosses:
        glosses_by_line.setdefault(gloss.line, []).append((gloss.han, gloss.reading))
    rows = []
    for original, segment in zip(received, converted):
        message = catalog.get(segment.text, context=segment.context)
        found = state(message)
        findings = list(message_findings(message, glossary)) if message is not None else []
        previous = getattr(message, "previous_id", None) if found == FUZZY else None
        if isinstance(previous, (list, tuple)):
            previous = previous[0] if previous else None
        suggestion = None
        if found in (UNTRANSLATED, FUZZY):
            match = memory.best(segment.text, project.tm_threshold, segment.context)
            if match is not None:
                suggestion = (match.score, match.source, match.translation, match.origin)
        rows.append(SegmentRow(
            key=segment_key(segment.context, segment.text), context=segment.context,
            simplified=segment.text, source_line=original.line, source_text=original.text,
            glosses=glosses_by_line.get(original.line, []) if original.path is None else [],
            translation=message.string if message is not None and message.string else "",
            state=found, fingerprint=fingerprint(message),
            findings=[f for f in findings if f[0] not in ("untranslated", "fuzzy")],
            previous_diff=diff(previous, segment.text) if previous else None,
            glossary=[(term, target) for term, target in sorted(glossary.items())
                      if term in segment.text],
            suggestion=suggestion))
    return ArticleReview(slug, locale, item.article.title, relative_name(project, item.path),
                         relative_name(project, project.catalog_path(locale, slug)), rows,
                         [e.name for e in editions])


def diff(old: str, new: str) -> list[tuple[str, str]]:
    """Character diff of a segment's previous source and its current one."""
    parts = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new,
                                                       autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(("equal", old[a1:a2]))
            continue
        if a2 > a1:
            parts.append(("delete", old[a1:a2]))
        if b2 > b1:
            parts.append(("insert", new[b1:b2]))
    return parts


def save(project: Project, slug: str, locale: str, key: str, text: str, new_state: str,
         expected: str) -> tuple[str, str]:
    """Save one translation as fuzzy, translated or approved; returns its
    new ``(state, fingerprint)``. The catalog is written atomically under
    the project's lock, every other entry keeping its bytes; a segment that
    changed since the page showed it (``expected`` is the fingerprint the
    page had) is refused, never overwritten."""
    if slug not in articles(project) or locale not in project.locales:
        raise ConfigError(f"no article {slug!r} in locale {locale!r} in this project",
                          str(project.root))
    if new_state not in SAVE_STATES:
        raise ConfigError(f"a translation is saved as {', '.join(SAVE_STATES)}, "
                          f"not {new_state!r}", str(project.root))
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ConfigError("an empty translation cannot be saved: leave the segment as it is",
                          str(project.root))
    name = required_reviewer(project) if new_state == APPROVED else reviewer(project)
    path = project.catalog_path(locale, slug)
    with locked(project.locales_dir):
        if not path.is_file():
            raise CatalogError("no catalog yet: run toolkit extract and toolkit update", str(path))
        before = path.read_bytes()
        po = parse_po(before, str(path), locale, slug)
        catalog = po.catalog
        message = next((m for m in catalog if m.id and segment_key(m.context, m.id) == key), None)
        if message is None:
            raise CatalogError("this segment is not in the catalog any more (the source "
                               "changed): reload the page", str(path))
        if fingerprint(message) != expected:
            raise ChangedOnDisk("this segment was changed since the page showed it (in another "
                                "tab or by the command line): reload the page, then save again",
                                str(path))
        withdraw_approval(message)  # what is saved is the state it has, approved or not
        set_translation(message, text, new_state == FUZZY,
                        (name, review_date()) if new_state == APPROVED else None)
        translator(catalog, name)
        write_atomic(path, catalog_bytes(catalog, po.layout), expected=before)
        return state(message), fingerprint(message)
