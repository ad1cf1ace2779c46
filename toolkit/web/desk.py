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
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.catalogs.checks import ERROR, WARNING, load_glossary, message_findings
from toolkit.catalogs.po import PoFile, catalog_bytes, parse_po
from toolkit.catalogs.segments import new_catalog, segments
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
from toolkit.files import article_slug, locked, read_input, write_atomic
from toolkit.pipeline.plan import plan
from toolkit.pipeline.readcache import cached_load_source
from toolkit.pipeline.readcache import key as reading_key
from toolkit.pipeline.snapshot import (
    LoadedArticle,
    find_sources,
    load_source,
    meta_path,
    project_phrases,
    read,
    read_source_files,
)
from toolkit.project import Project, relative_line, relative_name
from toolkit.workflow.review import required_reviewer, review_date, reviewer, translator
from toolkit.workflow.update import project_memory

STATES = (UNTRANSLATED, FUZZY, TRANSLATED, APPROVED)
#: Sources whose paragraphs have no line of their own to point at (a saved
#: page's text comes out of its markup).
_NO_LINES = (".html", ".htm")
#: The longest reviewer's name a page may send.
MAX_NAME = 100
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
    #: locale → the title's translation, where it is finished
    titles: dict[str, str] = field(default_factory=dict)


@dataclass
class SegmentRow:
    key: str  # a stable id for the page: hash of context and msgid
    context: str | None
    simplified: str
    #: the source block as received: (line number, Traditional text, glosses)
    source_line: int | None  # None: the reader knows no line (a saved page's paragraphs)
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
    #: the segments of this page only (see :func:`review`)
    rows: list[SegmentRow]
    editions: list[str]
    pager: Pager = field(default_factory=lambda: Pager(1, 1, 0))
    #: the states shown (empty: all)
    shown_states: tuple[str, ...] = ()
    #: state → segments in it, over the whole article
    counts: dict[str, int] = field(default_factory=dict)
    query: str = ""
    check: str = ""


@dataclass(frozen=True)
class Pager:
    """Which page of how many, over how many items in all."""

    page: int
    pages: int
    total: int


@dataclass
class ArticleIndex:
    #: the articles of this page only (see :func:`index`)
    rows: list[ArticleStatus]
    #: one-line errors of the articles that cannot be read (of this page, and
    #: every source whose name cannot be an article's)
    failed: list[str]
    pager: Pager
    query: str = ""


#: Articles an index page shows, and segments a review page shows: a desk of
#: 10,000 articles or an article of 100,000 segments answers within a second
#: (benchmarks/bench_pages.py), and a page stays light in the browser.
INDEX_PAGE_SIZE = 50
REVIEW_PAGE_SIZE = 100


def paged(items: list, page: int, size: int) -> tuple[list, Pager]:
    """Page ``page`` (from 1; out of range: the nearest page) of ``items``."""
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 1), pages)
    return items[(page - 1) * size:page * size], Pager(page, pages, len(items))


def segment_key(context: str | None, msgid: str) -> str:
    return hashlib.sha1(f"{context or ''}\x04{msgid}".encode()).hexdigest()[:12]


def fingerprint(message) -> str:
    """What a save must find unchanged: the message's text, flags and comments."""
    if message is None:
        return "none"
    text = f"{message.string}\x04{sorted(message.flags)}\x04{message.user_comments}"
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def articles(project: Project) -> dict[str, Path]:
    """slug → source: the only articles a request may name. Listed once
    while the sources folder's entries stay as they are (its modification
    time moves with every file added, removed or renamed): a page that asks
    every second of a desk of 10,000 articles does not list them each time."""
    try:
        st = project.sources_dir.stat()
        stamp = (st.st_ino, st.st_mtime_ns)
    except OSError:
        stamp = None
    return dict(_articles(project, stamp))


@functools.lru_cache(maxsize=8)
def _articles(project: Project, stamp) -> tuple[tuple[str, Path], ...]:
    # (a source with a bad name is left out here; the index shows its error)
    return tuple((article_slug(path), path) for path in find_sources(project, failed=[]))


def index(project: Project, out_dir: Path, page: int = 1, query: str = "",
          size: int | None = None) -> ArticleIndex:
    """One page of the articles (by file name; ``query``: those whose file
    name holds it, case aside), each with its status per locale and its
    editions (built in ``out_dir``, or withheld and why), and the one-line
    errors of articles that cannot be read. Only the page's articles are
    read: the names are all a page needs of the rest."""
    editions = project_editions(project.locales)
    failed: list = []
    sources = find_sources(project, failed)
    wanted = query.strip().casefold()
    if wanted:
        sources = [path for path in sources if wanted in path.name.casefold()]
    shown, pager = paged(sources, page, size or INDEX_PAGE_SIZE)
    snapshot = read(project, shown, editions, failed=failed) if shown else None
    if snapshot is None:
        return ArticleIndex([], [relative_line(project.root, str(error)) for error in failed],
                            pager, query)
    jobs, withheld = plan(snapshot, editions, out_dir)
    rows = []
    for item in snapshot.loaded:
        slug = item.article.slug
        locales, titles = {}, {}
        for locale in project.locales:
            catalog = snapshot.catalogs[locale, slug]
            glossary = snapshot.glossaries[locale]
            counts = {name: 0 for name in STATES} | {"errors": 0, "warnings": 0}
            for segment in segments(item.article):
                message = catalog.get(segment.text, context=segment.context)
                counts[state(message)] += 1
                if finished(message) and segment.context == "title":
                    titles[locale] = message.string
                if finished(message):
                    for _, severity, _ in message_findings(message, glossary, locale):
                        if severity in (ERROR, WARNING):
                            counts["errors" if severity == ERROR else "warnings"] += 1
            locales[locale] = counts
        statuses = []
        for edition in editions:
            target = out_dir / output_name(slug, edition.name)
            why = [relative_line(project.root, str(held)) for held in withheld
                   if held.slug == slug and held.edition == edition]
            statuses.append(EditionStatus(edition.name, target.is_file(), why))
        rows.append(ArticleStatus(slug, item.article.title, relative_name(project, item.path),
                                  locales, statuses, titles))
    return ArticleIndex(rows, [relative_line(project.root, str(error)) for error in failed],
                        pager, query)


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


class _Recent:
    """The last few values made, by key, for the threads of the server."""

    def __init__(self, size: int):
        self.size, self.values, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key, make):
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
        value = make()  # (outside the lock: another page need not wait for this one)
        self.put(key, value)
        return value

    def put(self, key, value) -> None:
        with self.lock:
            self.values[key] = value
            self.values.move_to_end(key)
            while len(self.values) > self.size:
                self.values.popitem(last=False)

    def forget(self, test) -> None:
        with self.lock:
            for key in [key for key in self.values if test(key)]:
                del self.values[key]


#: Parsed catalogs, by file and bytes, and articles' segments, by everything
#: their reading depends on: a review page of an article of 100,000 segments
#: does not parse its catalog nor read the article again (seconds) while
#: their files stay as they are. (Of a few articles: each is megabytes.)
_PARSED = _Recent(4)
_READINGS = _Recent(4)


def _parsed_catalog(path: Path, locale: str, domain: str, data: bytes) -> PoFile:
    """The catalog of ``data`` (a file's bytes), parsed once while they stay
    as they are. Shared between requests: :func:`save` changes it and files
    it under the bytes it wrote."""
    return _PARSED.get((path, hashlib.sha256(data).hexdigest()),
                       lambda: parse_po(data, str(path), locale, domain))


def _reading(project: Project, source: Path) -> tuple[LoadedArticle, list, list]:
    """An article as read and converted, with its segments as received and
    as converted, once while its inputs stay as they are (the read cache's
    key: the source's and sidecar's bytes, the settings, the phrases)."""
    files = read_source_files(project, source)
    phrases = project_phrases(project)

    def make():
        item = cached_load_source(load_source, LoadedArticle, project, source, None, None,
                                  phrases, files)
        return item, list(segments(item.source)), list(segments(item.article))

    return _READINGS.get(reading_key(project, source, None, None, phrases, files), make)


def review(project: Project, slug: str, locale: str, page: int = 1,
           states: tuple[str, ...] = (), size: int | None = None, query: str = "",
           check: str = "") -> ArticleReview:
    """One page of an article's segments in reading order, for one locale
    (``states``: only segments in these states; ``query``: only those whose
    source or translation holds it, case aside; ``check``: only those a
    check flags). The QA findings, memory suggestions and glossary terms are
    worked out for the page's segments only (and, with ``check``, to find
    them)."""
    source = articles(project)[slug]
    editions = project_editions(project.locales)
    item, received, converted = _reading(project, source)
    path = project.catalog_path(locale, slug)
    data = read_input(path, CatalogError, "a catalog") if path.exists() else None
    catalog = (_parsed_catalog(path, locale, slug, data).catalog if data is not None
               else new_catalog(slug, locale))
    if len(received) != len(converted):  # a sidecar added or dropped a segment: no pairing
        received = converted
    pairs = [(original, segment, catalog.get(segment.text, context=segment.context))
             for original, segment in zip(received, converted)]
    counts = Counter(state(message) for _, _, message in pairs)
    glossary = load_glossary(project.glossary_path(locale))
    wanted = [pair for pair in pairs if not states or state(pair[2]) in states]
    needle = query.strip().casefold()
    if needle:
        wanted = [pair for pair in wanted if needle in pair[0].text.casefold()
                  or needle in pair[1].text.casefold()
                  or needle in (pair[2].string if pair[2] is not None
                                and isinstance(pair[2].string, str) else "").casefold()]
    if check:
        wanted = [pair for pair in wanted if pair[2] is not None and any(
            name == check for name, _, _ in message_findings(pair[2], glossary, locale))]
    shown, pager = paged(wanted, page, size or REVIEW_PAGE_SIZE)
    memory = None
    glosses_by_line: dict[int, list[tuple[str, str]]] = {}
    for gloss in item.source.glosses:
        glosses_by_line.setdefault(gloss.line, []).append((gloss.han, gloss.reading))
    rows = []
    for original, segment, message in shown:
        found = state(message)
        findings = (list(message_findings(message, glossary, locale)) if message is not None
                    else [])
        previous = getattr(message, "previous_id", None) if found == FUZZY else None
        if isinstance(previous, (list, tuple)):
            previous = previous[0] if previous else None
        suggestion = None
        if found in (UNTRANSLATED, FUZZY):
            if memory is None:
                memory = _memory(project, locale, slug, _memory_stamp(project, locale))
            match = memory.best(segment.text, project.tm_threshold, segment.context)
            if match is not None:
                suggestion = (match.score, match.source, match.translation, match.origin)
        rows.append(SegmentRow(
            key=segment_key(segment.context, segment.text), context=segment.context,
            simplified=segment.text,
            source_line=original.line if item.path.suffix.lower() not in _NO_LINES else None,
            source_text=original.text,
            glosses=glosses_by_line.get(original.line, []) if original.path is None else [],
            translation=message.string if message is not None and message.string else "",
            state=found, fingerprint=fingerprint(message),
            findings=[f for f in findings if f[0] not in ("untranslated", "fuzzy")],
            previous_diff=diff(previous, segment.text) if previous else None,
            glossary=[(term, target) for term, target in sorted(glossary.items())
                      if term in segment.text],
            suggestion=suggestion))
    return ArticleReview(slug, locale, item.article.title, relative_name(project, item.path),
                         relative_name(project, path), rows, [e.name for e in editions],
                         pager, tuple(states), {name: counts[name] for name in STATES},
                         query, check)


def _find(catalog, key: str):
    """The message of a catalog a page's segment key names, or None."""
    return next((m for m in catalog if m.id and segment_key(m.context, m.id) == key), None)


def _message_now(project: Project, slug: str, locale: str, key: str):
    """A segment's message as its catalog on disk has it now (parsed once
    while the file's bytes stay as they are), or None."""
    path = project.catalog_path(locale, slug)
    data = read_input(path, CatalogError, "a catalog")
    return _find(_parsed_catalog(path, locale, slug, data).catalog, key)


def current(project: Project, slug: str, locale: str, key: str) -> dict:
    """A segment as its catalog has it now (what a refused save shows beside
    the translator's text): its text, state and fingerprint."""
    message = _message_now(project, slug, locale, key)
    if message is None:
        return {"text": "", "state": UNTRANSLATED, "fingerprint": fingerprint(None)}
    return {"text": message.string if isinstance(message.string, str) else "",
            "state": state(message), "fingerprint": fingerprint(message)}


def segment_findings(project: Project, slug: str, locale: str, key: str) -> list:
    """The QA findings of one segment as its catalog has it now (a save's
    answer: the row shows them without reloading)."""
    message = _message_now(project, slug, locale, key)
    if message is None:
        return []
    glossary = load_glossary(project.glossary_path(locale))
    return [f for f in message_findings(message, glossary, locale)
            if f[0] not in ("untranslated", "fuzzy")]


def segment_texts(project: Project, slug: str, locale: str, key: str) -> list[str]:
    """A segment's translation (when it has one) and its Simplified text:
    what to look for on a preview's pages."""
    message = _message_now(project, slug, locale, key)
    if message is None:
        return []
    translated = message.string if finished(message) else ""
    return [text for text in (translated, message.id) if text]


def check_text(project: Project, slug: str, locale: str, key: str, text: str) -> list:
    """The findings a text would draw as the translation of a segment, before
    it is saved (the same checks as ``toolkit check``; waivers the message
    carries count)."""
    message = _message_now(project, slug, locale, key)
    if message is None:
        return []
    # lazy: Babel's catalog code: a copy of the message, the text in it
    from babel.messages.catalog import Message

    trial = Message(message.id, text.replace("\r\n", "\n").strip(), context=message.context,
                    user_comments=list(message.user_comments))
    glossary = load_glossary(project.glossary_path(locale))
    return [f for f in message_findings(trial, glossary, locale) if f[0] != "fuzzy"]


@dataclass(frozen=True)
class Found:
    slug: str
    title: str
    key: str
    source: str
    translation: str
    state: str


def search(project: Project, locale: str, query: str, limit: int = 200) -> list[Found]:
    """Segments of every article whose source or translation holds
    ``query`` (case aside): how a term was translated before, with where."""
    needle = query.strip().casefold()
    if not needle:
        return []
    found = []
    for slug, source in sorted(articles(project).items()):
        path = project.catalog_path(locale, slug)
        if not path.is_file():
            continue
        catalog = _parsed_catalog(path, locale, slug,
                                  read_input(path, CatalogError, "a catalog")).catalog
        title = next((m.id for m in catalog if m.id and m.context == "title"), slug)
        for message in catalog:
            text = message.string if isinstance(message.string, str) else ""
            if message.id and (needle in message.id.casefold() or needle in text.casefold()):
                found.append(Found(slug, title, segment_key(message.context, message.id),
                                   message.id, text, state(message)))
                if len(found) >= limit:
                    return found
    return found


def article_stamp(project: Project, slug: str, locale: str) -> str:
    """What changes when anything a review page shows of an article changes
    on disk (its source, sidecar, catalog, glossary, the settings): name,
    size and time of each, hashed."""
    source = articles(project).get(slug)
    paths = [project.catalog_path(locale, slug), project.glossary_path(locale),
             project.config_path or project.root / "toolkit.toml"]
    if source is not None:
        paths += [source, meta_path(source)]
    stamp = []
    for path in paths:
        try:
            st = path.stat()
            stamp.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamp.append(f"{path.name}:-")
    return hashlib.sha1("|".join(stamp).encode()).hexdigest()[:16]


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
         expected: str, name: str = "") -> tuple[str, str]:
    """Save one translation as fuzzy, translated or approved; returns its
    new ``(state, fingerprint)``. The catalog is written atomically under
    the project's lock, every other entry keeping its bytes; a segment that
    changed since the page showed it (``expected`` is the fingerprint the
    page had) is refused, never overwritten. ``name``: who saves (the name
    the page asked for), else the project's reviewer."""
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
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise ConfigError(f"a reviewer's name is at most {MAX_NAME} characters",
                          relative_name(project, project.config_path or project.root))
    name = name or (required_reviewer(project) if new_state == APPROVED else reviewer(project))
    path = project.catalog_path(locale, slug)
    with locked(project.locales_dir):
        if not path.is_file():
            raise CatalogError("no catalog yet: run toolkit extract and toolkit update", str(path))
        before = path.read_bytes()
        po = _parsed_catalog(path, locale, slug, before)
        catalog = po.catalog
        message = _find(catalog, key)
        if message is None:
            raise CatalogError("this segment is not in the catalog any more (the source "
                               "changed): reload the page", str(path))
        if fingerprint(message) != expected:
            raise ChangedOnDisk("this segment was changed since the page showed it (in another "
                                "tab or by the command line): reload the page, then save again",
                                str(path))
        _PARSED.forget(lambda key: key[0] == path)  # (changed from here on)
        withdraw_approval(message)  # what is saved is the state it has, approved or not
        set_translation(message, text, new_state == FUZZY,
                        (name, review_date()) if new_state == APPROVED else None)
        translator(catalog, name)
        after = catalog_bytes(catalog, po.layout)
        write_atomic(path, after, expected=before)
        # What was written is this catalog: the next page need not parse it
        # (seconds for 100,000 messages). Its layout still holds: an entry
        # whose signature moved from the layout's is written anew.
        _PARSED.put((path, hashlib.sha256(after).hexdigest()), po)
        return state(message), fingerprint(message)
