"""Article ↔ gettext catalogs (Babel).

Message ids are the Simplified text of a segment; the msgctxt is at most the
segment's kind (``title``, ``heading``, ``agency``, ``place``, ``reporter``;
paragraphs have none), never its position, so reordering an article or
inserting a paragraph leaves every other message as it was.
"""
from __future__ import annotations

import hashlib

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import CatalogError
from .po_syntax import RAW_CHARACTERS
from .files import read_input, write_atomic
from .model import PARAGRAPH, TITLE, Article

PROJECT_NAME = "bilingual-brief"
_PREVIOUS = re.compile(r'\|\s*(?:msgctxt|msgid|msgid_plural)?\s*"')
NO_WRAP = 10**9


@dataclass(frozen=True)
class Segment:
    """One translatable piece of an article."""

    text: str
    context: str | None
    line: int
    #: where the text comes from when not the source file (metadata sidecar)
    path: str | None = None


def segments(article: Article) -> Iterator[Segment]:
    """The article's messages in reading order (title, dateline, blocks)."""
    yield Segment(article.title, TITLE, article.title_line)
    if article.short_title:
        yield Segment(article.short_title, "short_title", 1, article.meta_path or None)
    if article.dateline:
        d = article.dateline
        for kind, text in (("agency", d.agency), ("place", d.place), ("reporter", d.reporter)):
            if text:
                yield Segment(text, kind, d.line)
    for block in article.blocks:
        yield Segment(block.text, None if block.kind == PARAGRAPH else block.kind, block.line)
    if article.author:
        yield Segment(article.author, "author", article.title_line, article.meta_path or None)
    if article.publication:
        yield Segment(article.publication, "publication", 1, article.meta_path or None)


def new_catalog(domain: str, locale: str | None = None, creation_date=None):
    """An empty catalog with a header free of gettext's placeholders
    (``FULL NAME <EMAIL@ADDRESS>``), which ``msgfmt --check`` warns about."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=locale, domain=domain, project=PROJECT_NAME, version="1",
                      charset="utf-8", fuzzy=False, creation_date=creation_date,
                      header_comment=f"# Messages of {domain!r}, bilingual-brief toolkit.")
    catalog.msgid_bugs_address = ""
    catalog.last_translator = ""
    catalog.language_team = ""
    catalog.revision_date = catalog.creation_date
    return catalog


def article_template(article: Article, creation_date=None):
    """The ``.pot`` of an article: one message per segment."""
    catalog = new_catalog(article.slug, creation_date=creation_date)
    for segment in segments(article):
        catalog.add(segment.text, context=segment.context,
                    locations=[(segment.path or article.source_path, segment.line)])
    return catalog


def read_catalog(path: Path, locale: str | None = None, domain: str | None = None):
    """Read a ``.po``/``.pot`` file (see :func:`parse_catalog`)."""
    data = read_input(path, CatalogError, "a catalog")
    return parse_catalog(data, str(path), locale, domain or path.stem)


def parse_catalog(data: bytes, path: str, locale: str | None = None, domain: str | None = None):
    """Bytes of a catalog → Babel ``Catalog``; a malformed one is a
    :class:`CatalogError` naming the file and line (see :mod:`toolkit.po_syntax`)."""
    from babel.messages.pofile import PoFileError, read_po

    from .po_syntax import gettext_escapes_to_babel, scan

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(f"not valid UTF-8 (byte {exc.start})", path, line) from None
    try:
        checked = scan(text, path)
    except CatalogError as error:  # say the way out: the rest of the file is safe
        error.message += " (fix this line in an editor and run again: nothing was written)"
        raise
    try:
        catalog = read_po(io.StringIO(gettext_escapes_to_babel(text)), locale=locale,
                          domain=domain, abort_invalid=True)
    except PoFileError as exc:
        message = str(exc).rsplit(" on ", 1)[0]
        raise CatalogError(message, path, exc.lineno) from None
    except (ValueError, LookupError) as exc:  # a Language or charset Babel does not know
        raise CatalogError(f"cannot read: {exc}", path) from None
    # The file was read as UTF-8, whatever its header says (gettext's own
    # placeholder CHARSET included), and is written back as UTF-8.
    catalog.charset = "utf-8"
    # Babel keeps only the headers it knows: the others (X-Generator, a CAT
    # tool's X- fields) are kept here and written back.
    catalog.extra_headers = _extra_headers(text)
    # Each entry as the file wrote it (wrapped by msgcat, Poedit, Weblate …)
    # and what it said: an entry nothing changes is written back byte for byte.
    # (Not an entry holding a raw control or separator character: that one is
    # rewritten, escaped.)
    catalog.original_blocks = {key: block for key, block in _entry_blocks(text)
                               if not RAW_CHARACTERS.search(block)}
    catalog.original_signatures = {key: signature(message)
                                   for key, message in keyed_messages(catalog)}
    # Babel reads "#| msgid …" lines as translator comments "| msgid …", not
    # as previous msgids: take them out and put the previous msgid back.
    for message in [*catalog, *catalog.obsolete.values()]:
        message.user_comments = [c for c in message.user_comments if not _PREVIOUS.match(c)]
        previous = checked.previous_ids.get((message.id, message.context))
        if previous is not None:
            message.previous_id = [previous]
    return catalog


_HEADER_ENTRY = re.compile(r'^msgid ""\nmsgstr ""\n((?:".*"\n)*)', re.M)
_HEADER_LINE = re.compile(r'^"([A-Za-z][\w-]*):\s?(.*?)(?:\\n)?"$')


def _extra_headers(text: str) -> list[tuple[str, str]]:
    """The header fields of a catalog that Babel does not keep (X-…)."""
    match = _HEADER_ENTRY.search(text)
    if not match:
        return []
    fields = [m.groups() for line in match.group(1).splitlines()
              if (m := _HEADER_LINE.match(line))]
    return [(name, value) for name, value in fields if name.startswith("X-")]


def needs_rewrite(data: bytes) -> bool:
    """Whether a catalog's bytes must be rewritten whatever their content: a
    charset other than UTF-8 declared, or a raw control or separator
    character that gettext would have escaped."""
    text = data.decode("utf-8", errors="replace")
    declared = re.search(r'charset=([\w.-]+)', text)
    return bool(declared and declared.group(1).lower() not in ("utf-8", "utf8")) \
        or bool(RAW_CHARACTERS.search(text))


_KEY_LINE = re.compile(r'^(#~\s*)?(msgctxt|msgid)\s+(".*")\s*$')
_CONTINUATION = re.compile(r'^(#~\s*)?(".*")\s*$')


def _block_key(lines: list[str]):
    """``(obsolete, msgid, msgctxt)`` of an entry's lines (None for the header)."""
    from .po_syntax import _unescape

    fields, current, obsolete = {}, None, False
    for line in lines:
        if line.startswith("#|"):
            current = None
            continue
        match = _KEY_LINE.match(line)
        if match:
            obsolete = obsolete or bool(match.group(1))
            current = match.group(2)
            fields[current] = _unescape(match.group(3)[1:-1])
            continue
        match = _CONTINUATION.match(line)
        if match and current:
            fields[current] += _unescape(match.group(2)[1:-1])
        elif not line.startswith("#"):
            current = None
    if not fields.get("msgid"):
        return None
    return obsolete, fields["msgid"], fields.get("msgctxt")


def _entry_blocks(text: str):
    """``(key, text)`` of each entry of a catalog, as written (blank-line separated)."""
    for block in re.split(r"\n[ \t]*\n", text.strip("\n")):
        key = _block_key(block.split("\n"))
        if key is not None:
            yield key, block


def keyed_messages(catalog):
    for message in catalog:
        if message.id:
            yield (False, message.id, message.context), message
    for message in catalog.obsolete.values():
        if message.id:
            yield (True, message.id, message.context), message


def signature(message) -> tuple:
    """What an entry says: if nothing of it changed, its bytes need not either."""
    return (message.string, tuple(sorted(message.flags)), tuple(message.user_comments),
            tuple(message.auto_comments), tuple(message.locations),
            tuple(message.previous_id or ()))


def catalog_bytes(catalog, keep_layout: bool = True) -> bytes:
    from babel.messages.pofile import write_po

    from .po_syntax import escape_raw

    buffer = io.BytesIO()
    # Never re-wrap: a Chinese line has no spaces to wrap at anyway. Not
    # width=0, because Babel then still wraps comments at 76 columns, which
    # splits a translator's note into two; a width no line reaches wraps nothing.
    catalog.charset = "utf-8"  # always: a header's latin-1 would turn Chinese into \\u escapes
    write_po(buffer, catalog, width=NO_WRAP, include_previous=True, sort_output=False)
    text = buffer.getvalue().decode("utf-8")
    originals = getattr(catalog, "original_blocks", None) if keep_layout else None
    if originals:
        text = _keep_unchanged_entries(text, catalog, originals,
                                       getattr(catalog, "original_signatures", {}))
    extra = getattr(catalog, "extra_headers", [])
    if extra:
        header = _HEADER_ENTRY.search(text)
        if header:
            lines = "".join(f'"{name}: {value}\\n"\n' for name, value in extra)
            text = text[:header.end()] + lines + text[header.end():]
    return "\n".join(escape_raw(line) if line.lstrip("#~| ").startswith(("msg", '"')) else line
                     for line in text.split("\n")).encode("utf-8")


def _keep_unchanged_entries(text: str, catalog, originals: dict, signatures: dict) -> str:
    """Babel's output with every entry whose content did not change replaced
    by the entry as the file had it (wrapping, comment layout and all)."""
    current = {key: signature(message) for key, message in keyed_messages(catalog)}
    blocks = re.split(r"\n[ \t]*\n", text.strip("\n"))
    kept = []
    for block in blocks:
        key = _block_key(block.split("\n"))
        if key is not None and key in originals and signatures.get(key) == current.get(key):
            block = originals[key]
        kept.append(block)
    return "\n\n".join(kept) + text[len(text.rstrip("\n")):]


def write_catalog(path: Path, catalog) -> None:
    write_atomic(path, catalog_bytes(catalog))


#: The four states of a message, one meaning everywhere.
UNTRANSLATED, FUZZY, TRANSLATED, APPROVED = "untranslated", "fuzzy", "translated", "approved"
#: A reviewer's approval, a translator comment: ``approved: <who> <date> <hash>``;
#: the hash is of the msgid and msgstr it approved, so an edit to either lapses it.
_APPROVAL = re.compile(r"approved:\s*(?P<who>.+?)\s+(?P<date>\d{4}-\d{2}-\d{2})\s+"
                       r"(?P<hash>[0-9a-f]{8})\s*$")


def approval_hash(message) -> str:
    text = f"{message.context or ''}\x04{message.id}\x04{message.string}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def approval(message) -> tuple[str, str] | None:
    """(who, date) of the approval that still holds for the message, or None."""
    for comment in message.user_comments:
        match = _APPROVAL.match(comment.strip())
        if match and match["hash"] == approval_hash(message):
            return match["who"], match["date"]
    return None


def approve(message, who: str, date: str) -> None:
    """Record a reviewer's approval (replacing an earlier one)."""
    message.user_comments = [c for c in message.user_comments
                             if not c.strip().startswith("approved:")]
    message.user_comments.append(f"approved: {who} {date} {approval_hash(message)}")


def state(message) -> str:
    """The one answer to "is this message translated": untranslated (none,
    or an empty msgstr, or a plural form missing), fuzzy (needs work),
    translated (done, not reviewed) or approved (reviewed, and neither text
    changed since)."""
    if message is None or not message.string or (
            isinstance(message.string, (list, tuple)) and not all(message.string)):
        return UNTRANSLATED
    if message.fuzzy:
        return FUZZY
    return APPROVED if approval(message) else TRANSLATED


def finished(message) -> bool:
    """Translated or approved: what publishes (unless a project requires review)."""
    return state(message) in (TRANSLATED, APPROVED)


def lookup(catalog, segment: Segment) -> str | None:
    """The finished translation of a segment, or None (missing, empty, fuzzy)."""
    message = catalog.get(segment.text, context=segment.context)
    return message.string if finished(message) else None


def incomplete(catalog, wanted: Iterable[Segment]
               ) -> tuple[list[Segment], list[Segment], list[Segment]]:
    """(untranslated, fuzzy, not reviewed) among the segments an edition needs."""
    untranslated, fuzzy, unreviewed = [], [], []
    for segment in wanted:
        found = state(catalog.get(segment.text, context=segment.context))
        if found == UNTRANSLATED:
            untranslated.append(segment)
        elif found == FUZZY:
            fuzzy.append(segment)
        elif found == TRANSLATED:
            unreviewed.append(segment)
    return untranslated, fuzzy, unreviewed


#: How alike an old msgid must be (rapidfuzz ratio, 0–100) to carry its
#: translation over to a changed message as fuzzy (toolkit.toml's
#: ``merge_threshold``; the translation memory's ``tm_threshold`` is another
#: question: what to offer a new message).
FUZZY_CUTOFF = 60.0


def _carry(message, template_message, *, fuzzy: bool, previous_id=None):
    """A message for the new catalog: the template's id, context, locations
    and extracted comments; the old message's translation and translator notes."""
    from babel.messages.catalog import Message

    flags = set(message.flags) | set(template_message.flags)
    if fuzzy:
        flags.add("fuzzy")
    # A waiver was given for one text: it never carries over to a changed one.
    comments = [c for c in message.user_comments
                if not (fuzzy and c.lstrip().startswith("ignore-check:"))]
    return Message(template_message.id, message.string, locations=template_message.locations,
                   flags=flags, auto_comments=template_message.auto_comments,
                   user_comments=comments,
                   previous_id=previous_id or (), context=template_message.context)


def merge(catalog, template, cutoff: float = FUZZY_CUTOFF):
    """Update ``catalog`` (a locale's .po) from ``template`` (the .pot), losing nothing.

    - a message whose id and context are unchanged keeps its translation;
    - a message that was obsolete and comes back is revived, translation intact;
    - a new message takes the translation of the most alike message that
      vanished (same context), marked fuzzy with ``#|`` the previous id;
    - a message that vanished is kept as obsolete (``#~``), translation intact,
      even when it also lent its translation to a fuzzy successor.

    Unlike Babel's ``Catalog.update``, obsolete entries are never overwritten
    and do revive; only vanished messages are fuzzy candidates, so inserting
    a paragraph fuzzes nothing else. Returns a new catalog.
    """
    from rapidfuzz import fuzz, process

    merged = new_catalog(catalog.domain, catalog.locale)
    merged.mime_headers = catalog.mime_headers  # keeps translator, team, revision date
    merged.extra_headers = getattr(catalog, "extra_headers", [])  # and X- fields
    # entries as the file wrote them, for those the merge leaves as they were
    merged.original_blocks = getattr(catalog, "original_blocks", {})
    merged.original_signatures = getattr(catalog, "original_signatures", {})
    merged.header_comment = catalog.header_comment
    merged.creation_date = template.creation_date
    merged.fuzzy = catalog.fuzzy

    def key(message):
        return (message.id, message.context)

    active = {key(m): m for m in catalog if m.id}
    obsolete = {key(m): m for m in catalog.obsolete.values()}
    wanted = {key(m) for m in template if m.id}
    # Vanished and obsolete translations are what a changed message may inherit.
    candidates: dict[str | None, list] = {}
    for k, m in list(active.items()) + list(obsolete.items()):
        if k not in wanted and m.string:
            candidates.setdefault(m.context, []).append(m)
    choices = {ctx: [m.id for m in ms] for ctx, ms in candidates.items()}

    for t in template:
        if not t.id:
            continue
        k = key(t)
        if k in active:
            old = active[k]
            merged[t.id] = _carry(old, t, fuzzy=old.fuzzy, previous_id=old.previous_id)
        elif k in obsolete:
            old = obsolete[k]
            merged[t.id] = _carry(old, t, fuzzy=old.fuzzy)
        else:
            best = process.extractOne(t.id, choices.get(t.context, []), scorer=fuzz.ratio,
                                      score_cutoff=cutoff)
            if best is None:
                merged[t.id] = _carry(t, t, fuzzy=False)
            else:
                old = candidates[t.context][best[2]]
                # The previous msgid is the source the translation was made
                # from: after several edits before review, still the first.
                made_from = old.previous_id if old.fuzzy and old.previous_id else [old.id]
                merged[t.id] = _carry(old, t, fuzzy=True, previous_id=made_from)
    for k, m in list(active.items()) + list(obsolete.items()):
        if k not in wanted:
            merged.obsolete[merged._key_for(m.id, m.context)] = m
    return merged
