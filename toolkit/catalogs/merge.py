"""A catalog merged with a new template: translations carried over,
near matches kept fuzzy, nothing dropped."""

from __future__ import annotations

from toolkit.catalogs.segments import new_catalog

#: How alike an old msgid must be (rapidfuzz ratio, 0–100) to carry its
#: translation over to a changed message as fuzzy (toolkit.toml's
#: ``merge_threshold``; the translation memory's ``tm_threshold`` is another
#: question: what to offer a new message).
FUZZY_CUTOFF = 60.0


def _carry(message, template_message, *, fuzzy: bool, previous_id=None):
    """A message for the new catalog: the template's id, context, locations
    and extracted comments; the old message's translation and translator notes."""
    # lazy: Babel's catalog code (≈30 ms): only when a catalog is read or written
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
    # lazy: rapidfuzz (≈12 ms): only when a catalog is merged
    from rapidfuzz import fuzz, process

    merged = new_catalog(catalog.domain, catalog.locale)
    # keeps translator, team, revision date (the file's own layout and X- fields
    # are the caller's: the old file's Layout still describes what is unchanged)
    merged.mime_headers = catalog.mime_headers
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
