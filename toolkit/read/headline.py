"""The headline among the lines above an article's body on a page, and how
sure the choice is: a headline stands as one (a timestamp, byline or deck
under it, the body right below), and a choice without such an anchor, with
a rival close behind, or shaped like a byline, a timestamp, a menu item or
an item of a list of stories is reported as a guess.
"""

from __future__ import annotations

from toolkit.han import has_han
from toolkit.read.dateline import parse_dateline
from toolkit.read.furniture import split_trailing_stamp
from toolkit.read.page_lines import BYLINE, CAPTION, FURNITURE, PROSE, SHORT, STAMP, Line, ends_sentence

# Lines a page puts between a headline and its timestamp or byline: a
# photo's caption, "click the picture" prompts, share buttons, a label.
_ASIDE_KINDS = (FURNITURE, CAPTION)
_HEADLINE_LOOKAHEAD = 4


def anchored(lines: list[Line], index: int) -> bool:
    """Whether a line stands as a headline does on a page: a timestamp or
    byline under it (past captions, widgets and prompts), or its own
    timestamp printed after it."""
    line = lines[index]
    if split_trailing_stamp(line.text) is not None:
        return True
    seen = 0
    for following in lines[index + 1:]:
        if following.kind in (STAMP, BYLINE):
            return True
        if following.kind == PROSE and parse_dateline(following.text)[0] is not None:
            return True
        if following.kind in _ASIDE_KINDS or (following.kind == SHORT and (
                len(following.text) <= 8 or following.text[-1] in "：:")):
            seen += 1
            if seen > _HEADLINE_LOOKAHEAD:
                return False
            continue
        return False
    return False


def is_headline_shaped(line: Line) -> bool:
    """Short, Han, headline-sized; not a row of buttons (轉寄好友 | 友善列印)
    nor an item of a list of stories (a headline with its date)."""
    return (line.kind == SHORT and has_han(line.text) and len(line.text) >= 6
            and "|" not in line.text and "｜" not in line.text
            and split_trailing_stamp(line.text) is None)


def title_score(lines: list[Line], index: int, body_start: int, repeats) -> float | None:
    """How much a line before the body looks like the article's headline:
    above all, followed by a timestamp, a byline or a site's tagline (as a
    headline is on a page); then near the body, and headline-sized."""
    line = lines[index]
    if line.kind != SHORT or not has_han(line.text) or len(line.text) < 2:
        return None
    # The header under a headline (its timestamps and bylines) costs nothing.
    between = [ln for ln in lines[index + 1:body_start] if ln.kind in (SHORT, PROSE)]
    dated = split_trailing_stamp(line.text)
    length = len(dated[0]) if dated else len(line.text)
    score = 20.0 - 4 * len(between) + min(length, 30) / 3
    preceding = next((ln for ln in reversed(lines[:index]) if ln.kind != FURNITURE), None)
    headline_sized = len(line.text) >= 6  # a section's name (港聞, 社會) is shorter
    if headline_sized and anchored(lines, index):
        score += ANCHORED
    elif index + 1 < len(lines) and lines[index + 1].rule == "site tagline":
        score += ANCHORED
    elif headline_sized and not between and preceding is not None and preceding.kind == STAMP:
        score += ANCHORED  # the timestamp above the headline, the body right under it
    if len(line.text) < 6:
        score -= 10
    if repeats[line.text] > 1 and len(line.text) < 6:
        score -= 6
    return score


def deck_head(lines: list[Line], index: int) -> int:
    """A headline in two lines (a headline and its deck, one block apart)
    is titled by its first: the anchor stands under the deck. A line
    that is one of a list of headlines (another headline-sized line right
    before it) is left alone."""
    if index < 1 or not is_headline_shaped(lines[index]):
        return index
    above = lines[index - 1]
    if not is_headline_shaped(above) or lines[index].number - above.number > 2 \
            or ends_sentence(above.text):
        return index
    before = lines[index - 2] if index >= 2 else None
    if before is not None and above.number - before.number <= 2 and (
            before.kind == SHORT and len(before.text) >= 6 or before.rule == "counter"):
        return index  # a run of three or more headlines, or a numbered one: a list, not a deck
    return index - 1


def headline_in_span(lines: list[Line], start: int, end: int) -> int | None:
    """A headline standing as one (:func:`anchored`) inside the run of prose
    found as the body, with more prose after it than before: what comes
    before it is a ticker or a stream of other stories' summaries."""
    prose_before = 0
    total = sum(len(ln.text) for ln in lines[start:end] if ln.kind == PROSE)
    for index in range(start, end):
        line = lines[index]
        if line.kind == PROSE:
            prose_before += len(line.text)
        elif is_headline_shaped(line) and prose_before < total - prose_before \
                and anchored(lines, index):
            return index
    return None


#: What a timestamp, byline or tagline under a line adds to its title score:
#: more than any distance takes away.
ANCHORED = 100
#: A title choice below this score is reported as a guess.
CONVINCING_TITLE = ANCHORED

