"""A message's state (untranslated, fuzzy, translated, approved) and the
approval a reviewer records: every "is it translated" asks here."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from toolkit.catalogs.segments import Segment

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


def withdraw_approval(message) -> None:
    """Drop any approval recorded on the message."""
    message.user_comments = [c for c in message.user_comments
                             if not c.strip().startswith("approved:")]


def approve(message, who: str, date: str) -> None:
    """Record a reviewer's approval (replacing an earlier one)."""
    withdraw_approval(message)
    message.user_comments.append(f"approved: {who} {date} {approval_hash(message)}")


def set_translation(message, text: str, fuzzy: bool = False,
                    approved_by: tuple[str, str] | None = None) -> None:
    """Set a message's translation and its state in one step, the one way
    the desk, an import and the command line do it: the text; fuzzy, or
    finished (no fuzzy flag, and no previous msgid it was fuzzy against);
    and with ``approved_by`` (who, date) a reviewer's approval of it."""
    message.string = text
    if fuzzy:
        message.flags.add("fuzzy")
    else:
        message.flags.discard("fuzzy")
        message.previous_id = []
    if approved_by is not None:
        approve(message, *approved_by)


def has_text(translation) -> bool:
    """Whether a translation says anything: not empty, not only whitespace
    (``msgstr " "`` is blank: it would print a heading as nothing), and for
    plural forms, each of them."""
    if isinstance(translation, (list, tuple)):
        return bool(translation) and all(has_text(form) for form in translation)
    return bool(translation) and not translation.isspace()


def state(message) -> str:
    """The one answer to "is this message translated": untranslated (none,
    or a msgstr that is empty or blank, or a plural form missing), fuzzy
    (needs work), translated (done, not reviewed) or approved (reviewed, and
    neither text changed since)."""
    if message is None or not has_text(message.string):
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
