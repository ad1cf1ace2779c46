"""English paragraphs broken as a whole (total fit, Knuth and Plass), with
hyphenation under discipline.

WeasyPrint breaks lines first-fit: each line takes what fits, whatever it
leaves the next one, which gives the ladders of hyphens and the loose lines
of issue 25. TeX and Typst choose the breaks of a whole paragraph at once,
minimising the sum of the lines' "demerits" (how far each line's spaces
stretch or shrink from normal, plus penalties for hyphens); this does the
same, with WeasyPrint's own measurements (Pango, through the same text
layouts the line breaker uses), then imposes the chosen breaks line by line:
before WeasyPrint fills a line, the width it may fill is narrowed to the
chosen line's natural width, so that its own breaker (``split_first_line``,
hyphenation included) ends the line exactly there; justification then
stretches (or, for a line set tighter than normal, shrinks) its spaces to
the frame. A line that does not come out as planned (a measure the plan
could not see) is planned anew from where it ended.

Hard rules (not just costs): at most ``max_run`` hyphenated lines in a row;
no hyphen on a paragraph's last full line; no hyphen in a URL or e-mail
address; words of ``min_word`` letters and more, at least ``min_left`` and
``min_right`` letters on either side; a name (a capitalised word not opening a
sentence) is broken only when no plan without it keeps every space within
its limits; a hyphen the pages put at a page or column turn is forbidden and the
document laid out again (:func:`hyphens_at_page_turns`, called by
:mod:`toolkit.pdf.write`). Where a paragraph cannot keep them all, they
give way in an order (:func:`plan`): a name's hyphen, then a hyphen on the
last full line, then the spaces' limit.

The break search itself (:func:`total_fit`) is a plain function of widths,
unit-tested on its own.
"""

from __future__ import annotations

import dataclasses
import math
import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from toolkit.pdf.extension.document import Hyphenation, current

#: The costs of Typst's Knuth–Plass breaker: a line costs (1 + badness +
#: penalties)², badness 100·|ratio|³; a hyphen 135 (TeX's 50 "hyphenates
#: way too eagerly"), 15 % more for each letter its shorter side has under
#: five; a hyphen after a hyphenated line 135 more; a runt (a last line of
#: one word) 100.
HYPHEN_COST = 135
RUNT_COST = 100
#: What a broken rule costs, inside the square: when a paragraph cannot
#: keep them all, one broken rule outweighs any paragraph's whole cost, and
#: each kind outweighs the ones before it, so they give way one at a time,
#: a name's hyphen first (as few as the paragraph needs), then a hyphen on
#: the last full line (TeX's is a cost, not a rule), then the 2× limit of
#: the spaces.
NAME_COST = 1e5
FINAL_HYPHEN_COST = 1e6
LOOSE_COST = 1e7
#: First, no hyphen at all if every space can stay within 1.5× (ratio 1),
#: as TeX's \pretolerance: a paragraph that sets well without hyphens
#: takes none (and is planned in a fraction of the time).
PRETOLERANCE = 1.0
#: A space stretches by half its width at ratio 1 (TeX's interword glue),
#: so the ratio limit of 2 keeps every space within twice its normal width;
#: it shrinks by a third at ratio -1 (TeX's glue; Typst's limit too).
STRETCH, SHRINK = 0.5, 1 / 3
MAX_RATIO = 2.0
#: Planned lines are imposed by narrowing the line's width to the planned
#: width plus this much (px): room for rounding, never for another syllable.
SLACK = 0.5


@dataclass(frozen=True)
class Breakpoint:
    """A place a line may end: ``end`` (characters of the line, exclusive),
    ``resume`` (where the next line starts), the hyphen's width if the line
    ends with one, a penalty, and whether it is a name's hyphen."""
    end: int
    resume: int
    hyphen: float = 0.0
    penalty: float = 0.0
    name: bool = False


@dataclass(frozen=True)
class Measured:
    """A paragraph as the break search sees it: ``x[i]`` is the natural
    position of character ``i`` (``x[len]`` the end), ``spaces[i]`` the
    natural width of the spaces before character ``i``; the breakpoints in
    text order, the last one the paragraph's end."""
    x: tuple[float, ...]
    spaces: tuple[float, ...]
    breakpoints: tuple[Breakpoint, ...]
    #: how many spaces come before character ``i``
    counts: tuple[int, ...]
    #: the paragraph's font size (px)
    em: float = 14.0


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    width: float       # natural width (hyphen included)
    hyphenated: bool
    ratio: float
    resume: int        # where the next line starts
    #: the width WeasyPrint's breaker is given for the line: its natural
    #: width, and the last line's trailing spaces, which it measures too
    room: float = 0.0
    #: the line's number in its paragraph (from 0)
    number: int = 0
    #: the width the line was planned for
    available: float = 0.0


@dataclass
class _Node:
    demerits: float
    line: Line | None
    previous: _Node | None
    number: int        # lines so far
    run: int           # hyphenated lines in a row, ending here
    hyphenated: bool


def total_fit(measured: Measured, first_width: float, width: float, start: int = 0,
              limits: Hyphenation = Hyphenation(), hyphens: bool = True,
              max_ratio: float = math.inf, first_number: int = 0) -> list[Line] | None:
    """The lines of least total cost from ``start`` (line number
    ``first_number``); None when no set of breaks fits (a word wider than
    the line), or none keeps every line within ``max_ratio``. Hard rules:
    a run of ``limits.max_run`` hyphens, a paragraph ending on a hyphen's
    tail alone (a hyphen before a page turn: the caller leaves its
    breakpoint out). Rules a paragraph may be unable to keep all cost
    so much that they give way one at a time, in this order: a name's
    hyphen, a hyphen on the last full line, spaces over 2×.
    ``hyphens``: automatic hyphens may be used."""
    x, spaces, counts, em = measured.x, measured.spaces, measured.counts, measured.em
    half_em = em / 2
    max_run = limits.max_run
    # (start of the next line, hyphenated lines in a row) → best node
    active: dict[tuple, _Node] = {(start, 0): _Node(0.0, None, None, 0, 0, False)}
    points = measured.breakpoints
    final = points[-1]
    for point in points:
        end = point.end
        if end <= start or (point.hyphen and not hyphens):
            continue
        is_final = point is final
        hyphenated = point.hyphen > 0
        x_end = x[end] + point.hyphen
        spaces_end, counts_end = spaces[end], counts[end]
        best: dict[int, tuple] = {}
        gone = []
        for key, node in active.items():
            line_start = key[0]
            if end <= line_start:
                continue
            available = first_width if node.number == 0 else width
            natural = x_end - x[line_start]
            space = spaces_end - spaces[line_start]
            slack = available - natural
            if slack >= 0:
                ratio = 0.0 if is_final else (slack / (space * STRETCH) if space else math.inf)
            else:
                ratio = slack / (space * SHRINK) if space else -math.inf
            if ratio < -1:
                gone.append(key)  # longer lines from here will not fit either
                continue
            if ratio > max_ratio:
                continue
            run = node.run + 1 if hyphenated else 0
            if run > max_run:
                continue
            penalty = point.penalty
            if is_final and node.hyphenated:
                if space == 0:
                    continue  # never a hyphen's tail alone on the last line
                penalty += FINAL_HYPHEN_COST
            if ratio > 1:  # (Typst's: past 1.5×, each space's stretch against half an em)
                badness_ratio = min(1 + (slack - space * STRETCH) / (counts_end - counts[line_start])
                                    / half_em, 10) if counts_end > counts[line_start] else 10
                if ratio > MAX_RATIO:
                    penalty += LOOSE_COST
            else:
                badness_ratio = -ratio if ratio < 0 else ratio
            if hyphenated and node.hyphenated:
                penalty += HYPHEN_COST
            if is_final and space == 0 and node.line is not None:
                penalty += RUNT_COST
            total = node.demerits + (1 + 100 * badness_ratio ** 3 + penalty) ** 2
            if run not in best or total < best[run][0]:
                best[run] = (total, node, line_start, natural, ratio, available)
        for key in gone:
            del active[key]
        for run, (total, node, line_start, natural, ratio, available) in best.items():
            key = (point.resume, run)
            if key not in active or total < active[key].demerits:
                room = natural + (x[point.resume] - x[end] if is_final else 0.0)
                line = Line(line_start, end, natural, hyphenated, ratio, point.resume, room,
                            first_number + node.number, available)
                active[key] = _Node(total, line, node, node.number + 1, run, hyphenated)
        if not active:
            return None
    ends = [node for node in active.values()
            if node.line is not None and node.line.end == final.end]
    if not ends:
        return None
    node = min(ends, key=lambda n: n.demerits)
    lines = []
    while node is not None and node.line is not None:
        lines.append(node.line)
        node = node.previous
    return lines[::-1]


def plan(measured: Measured, first_width: float, width: float, start: int = 0,
         limits: Hyphenation = Hyphenation(), first_number: int = 0) -> list[Line] | None:
    """First without hyphens, every space within 1.5× (TeX's
    \\pretolerance: a paragraph that sets well so takes none), else with
    hyphens and the rules' costs; None if nothing fits (a word wider than
    the line): the paragraph is then set first-fit."""
    return (total_fit(measured, first_width, width, start, limits, False, PRETOLERANCE,
                      first_number)
            or total_fit(measured, first_width, width, start, limits, True, math.inf,
                         first_number))


# --- The paragraph measured with WeasyPrint's and Pango's own widths. -----

#: URLs, e-mail addresses and domain names: never hyphenated.
_ADDRESS = re.compile(r"\S*(?:://|@|www\.)\S*|\S+\.(?:com|org|net|gov|edu|cn|tw|hk|io)\b\S*",
                      re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_OPENING_MARKS, _CLOSING_MARKS = "\"“‘([«", "\"”’)]»"


def _opens_sentence(preceding: str) -> bool:
    """Whether a word after ``preceding`` (the paragraph's text before it)
    opens a sentence: a capitalised word that does not is a name. Only the
    last few characters are looked at."""
    tail = preceding[-12:].rstrip().rstrip(_OPENING_MARKS).rstrip().rstrip(_CLOSING_MARKS)
    return not tail or tail[-1] in ".!?:;…"


def _hyphen_points(text: str, dictionary, limits: Hyphenation,
                   preceding: str = "") -> list[tuple[int, bool, float]]:
    """(character index to break before, the word is a name, its cost) for
    every hyphenation point the limits allow. ``preceding``: the
    paragraph's text before ``text`` (another element's)."""
    addresses = [match.span() for match in _ADDRESS.finditer(text)]
    points = []
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        if len(word) < limits.min_word or any(a <= start < b for a, b in addresses):
            continue
        name = word[0].isupper() and not _opens_sentence(preceding + text[max(0, start - 12):start])
        for position in dictionary.positions(word):
            if limits.min_left <= position <= len(word) - limits.min_right:
                short = max(0, 5 - position) + max(0, 5 - (len(word) - position))
                points.append((start + position, name,
                               HYPHEN_COST * (1 + 0.15 * short) + (NAME_COST if name else 0)))
    return points


@dataclass
class _Paragraph:
    """A line box's content flattened: its text leaves (path of child indexes,
    text box, first character) and its measurements."""
    leaves: list[tuple[tuple[int, ...], object, int]]
    text: str
    measured: Measured
    #: planned lines by their first character
    lines: dict[int, Line] = field(default_factory=dict)
    #: the number of the next line laid out
    next_number: int = 0


def _leaves(box, boxes, path=()):
    """``[path, text box, before, after]`` for each text leaf in order, with
    the margin, border and padding (px) of the inline boxes that open before
    it and close after it; ValueError for content the plan cannot measure
    (images, inline blocks, floats)."""
    leaves: list[list] = []
    opening = 0.0

    def visit(node, path):
        nonlocal opening
        for index, child in enumerate(node.children):
            if isinstance(child, boxes.TextBox):
                leaves.append([path + (index,), child, opening, 0.0])
                opening = 0.0
            elif isinstance(child, boxes.InlineBox):
                style = child.style
                opening += _length(style["margin_left"]) + style["border_left_width"] + \
                    _length(style["padding_left"])
                visit(child, path + (index,))
                closing = _length(style["margin_right"]) + style["border_right_width"] + \
                    _length(style["padding_right"])
                if leaves:
                    leaves[-1][3] += closing
            else:
                raise ValueError("not text")

    visit(box, path)
    return leaves


def _length(value) -> float:
    return value.value if getattr(value, "unit", None) == "px" else 0.0


def _advances(layout, text: str, ffi, pango, from_units: float) -> list[float]:
    """Each character's advance in ``layout`` (px; a cluster's whole width
    on its first character), read from Pango's glyphs."""
    by_byte: dict[int, float] = {}
    line = pango.pango_layout_get_line_readonly(layout.layout, 0)
    run = line.runs
    while run != ffi.NULL:
        glyph_item = run.data
        glyphs, offset = glyph_item.glyphs, glyph_item.item.offset
        for number in range(glyphs.num_glyphs):
            byte = offset + glyphs.log_clusters[number]
            by_byte[byte] = by_byte.get(byte, 0.0) + glyphs.glyphs[number].geometry.width
        run = run.next
    advances, byte = [], 0
    for char in text:
        advances.append(by_byte.get(byte, 0.0) * from_units)
        byte += len(char.encode("utf-8"))
    return advances


def measure_paragraph(context, linebox, boxes, line_break, ffi, pango, from_units,
                      limits: Hyphenation) -> _Paragraph | None:
    """The line box's text with natural positions, spaces and breakpoints;
    None for content the plan does not handle."""
    try:
        leaves = _leaves(linebox, boxes)
    except ValueError:
        return None
    if not leaves:
        return None
    x, spaces, counts, text_parts, placed = [0.0], [0.0], [0], [], []
    points: list[Breakpoint] = []
    position, preceding = 0, ""
    for path, leaf, before, after in leaves:
        style, text = leaf.style, leaf.text
        if style["white_space"] != "normal" or "\n" in text or "\t" in text:
            return None
        placed.append((path, leaf, position))
        if not text:
            continue
        layout = line_break.create_layout(text, style, context, None, 0)
        advances = _advances(layout, text, ffi, pango, from_units)
        hyphen = _hyphen_width(context, style, line_break, ffi, pango, from_units)
        advances[0] += before
        advances[-1] += after
        for char, advance in zip(text, advances):
            x.append(x[-1] + advance)
            spaces.append(spaces[-1] + (advance if char == " " else 0.0))
            counts.append(counts[-1] + (char == " "))
        # break opportunities as Pango (UAX #14), and so WeasyPrint's breaker, sees them
        attributes = pango.pango_layout_get_log_attrs_readonly(layout.layout, ffi.NULL)
        for index in range(len(text)):
            if index == 0 and not (position and text[0] == " "):
                continue
            if text[index] == " " and (index == 0 or text[index - 1] != " "):
                resume = index
                while resume < len(text) and text[resume] == " ":
                    resume += 1
                points.append(Breakpoint(position + index, position + resume))
            elif index and text[index - 1] != " " and attributes[index].is_line_break:
                # after a typed hyphen or dash, or between CJK characters
                points.append(Breakpoint(position + index, position + index))
        if style["hyphens"] == "auto" and style["lang"]:
            dictionary = _dictionary(context, style["lang"])
            if dictionary is not None:
                for index, name, cost in _hyphen_points(text, dictionary, limits, preceding):
                    points.append(Breakpoint(position + index, position + index, hyphen,
                                             cost, name))
        text_parts.append(text)
        preceding = (preceding + text)[-12:]  # (enough to tell a sentence's start)
        position += len(text)
    full = "".join(text_parts)
    end = len(full.rstrip(" "))
    points = sorted({(p.end, p.resume): p for p in points if 0 < p.end < end}.values(),
                    key=lambda p: (p.end, p.resume))
    points.append(Breakpoint(end, len(full)))
    return _Paragraph(placed, full, Measured(tuple(x), tuple(spaces), tuple(points),
                                             tuple(counts), linebox.style["font_size"]))


def hyphenation_language(lang: str, language_fallback) -> str | None:
    """pyphen's dictionary for a language tag; English without a region is
    hyphenated with the US patterns, as TeX's and Typst's English are
    (pyphen's bare ``en`` is the British set, which breaks "applic-ation")."""
    code = language_fallback(lang)
    return "en_US" if code == "en" else code


def _dictionary(context, lang: str):
    # lazy: pyphen comes with WeasyPrint, imported when pages are laid out
    import pyphen

    code = hyphenation_language(lang, pyphen.language_fallback)
    if not code:
        return None
    key = ("toolkit", code)
    if key not in context.dictionaries:
        # the plain dictionary (names too): the limits are applied in _hyphen_points
        context.dictionaries[key] = pyphen.Pyphen(lang=code, left=1, right=1)
    return context.dictionaries[key]


def _hyphen_width(context, style, line_break, ffi, pango, from_units) -> float:
    """The hyphen's width in ``style``, kept on the layout context (one
    document's: its fonts)."""
    widths = context.__dict__.setdefault("toolkit_hyphen_widths", {})
    character = style["hyphenate_character"]
    key = (character, tuple(style["font_family"]), style["font_size"], style["font_weight"],
           style["font_style"], style["font_stretch"], style["lang"])
    if key not in widths:
        layout = line_break.create_layout(character, style, context, None, 0)
        widths[key] = sum(_advances(layout, character, ffi, pango, from_units))
    return widths[key]


def eligible(linebox) -> bool:
    """A justified paragraph in a Latin-script language."""
    style = linebox.style
    lang = (style["lang"] or "").lower()
    return style["text_align_all"] == "justify" and style["white_space"] == "normal" \
        and bool(lang) and not lang.startswith(("zh", "ja", "ko"))


def start_of(paragraph: _Paragraph, skip_stack) -> int | None:
    """The character where a line starting at ``skip_stack`` starts."""
    if skip_stack is None:
        return 0
    path = []
    while skip_stack:
        ((index, skip_stack),) = skip_stack.items()
        path.append(index)
    for leaf_path, leaf, first in paragraph.leaves:
        if tuple(path[:-1]) == leaf_path:
            return first + len(leaf.text.encode("utf-8")[:path[-1]].decode("utf-8", "ignore"))
        if tuple(path) == leaf_path[:len(path)]:
            return first
    return None


# --- Hooks into WeasyPrint's layout. ---------------------------------------

def patch(inline, boxes, line_break, ffi, pango, from_units) -> None:
    """Wrap ``split_inline_box``: a Latin paragraph's lines are planned as a
    whole the first time one of its lines is laid out, and each line is
    laid out to its planned width."""
    original = inline.split_inline_box

    def split_inline_box(context, box, position_x, max_x, bottom_space, skip_stack,
                         containing_block, *rest):
        options = current()
        planned = None
        if options.line_breaking == "total-fit" and isinstance(box, boxes.LineBox) \
                and eligible(box):
            planned = _planned_line(context, box, skip_stack, max_x - position_x, options,
                                    (boxes, line_break, ffi, pango, from_units))
        if planned is None:
            return original(context, box, position_x, max_x, bottom_space, skip_stack,
                            containing_block, *rest)
        paragraph, line = planned
        token = _IMPOSING.set(True)
        try:
            result = original(context, box, position_x, position_x + line.room + SLACK,
                              bottom_space, skip_stack, containing_block, *rest)
        finally:
            _IMPOSING.reset(token)
        laid, resume_at = result[0], result[1]
        ended = len(paragraph.text) if resume_at is None else start_of(paragraph, resume_at)
        paragraph.next_number = line.number + 1
        if ended != line.resume:  # not as measured: plan the rest anew from here
            paragraph.lines.clear()
        elif laid is not None:
            laid.toolkit_line = (box.element, line)
        return result

    inline.split_inline_box = split_inline_box


def _planned_line(context, box, skip_stack, available: float, options, modules):
    """(the paragraph, the planned line starting at ``skip_stack``), planning
    the paragraph (or its rest) if need be; None to lay the line out
    first-fit."""
    boxes, line_break, ffi, pango, from_units = modules
    paragraph = box.__dict__.get("toolkit_paragraph", False)
    if paragraph is False:
        paragraph = box.toolkit_paragraph = measure_paragraph(
            context, box, boxes, line_break, ffi, pango, from_units, options.hyphenation)
    if paragraph is None:
        return None
    start = start_of(paragraph, skip_stack)
    if start is None:
        return None
    line = paragraph.lines.get(start)
    if line is not None and abs(line.available - available) > SLACK:
        # another width than planned for (a float beside, a page of another
        # size): the rest of the paragraph is planned anew for this one
        paragraph.lines.clear()
        line = None
    if line is None:
        width = available + (box.text_indent if skip_stack is None else 0)
        turns = frozenset(options.page_turns.get(id(box.element), ()))
        first_number = paragraph.next_number if start else 0
        # (the document is laid out again after a turn: its other paragraphs'
        # plans are kept, per document, by what they were made from)
        key = (id(box.element), paragraph.text, start, round(available, 3), round(width, 3),
               turns, first_number)
        if key not in options.plans:
            options.plans[key] = plan(_without_turned_hyphens(paragraph.measured, turns),
                                      available, width, start, options.hyphenation, first_number)
        lines = options.plans[key]
        if not lines:
            return None
        paragraph.lines.update({planned.start: planned for planned in lines})
        line = lines[0]
    return paragraph, line


def _without_turned_hyphens(measured: Measured, turns) -> Measured:
    """The paragraph without hyphenation points near the lines a page or
    column turned after, in an earlier layout: none within a line's length
    of either side of that line, so that the lines re-planned around the
    turn, whichever ends up last, end on a whole word."""
    if not turns:
        return measured
    reach = [(start - (end - start), end + (end - start)) for start, end in turns]
    return dataclasses.replace(measured, breakpoints=tuple(
        point for point in measured.breakpoints
        if not (point.hyphen and any(low <= point.end <= high for low, high in reach))))


def imposing() -> bool:
    """Whether a planned line is being laid out (its hyphen, a name's
    included, was chosen by the plan)."""
    return _IMPOSING.get()


_IMPOSING: ContextVar[bool] = ContextVar("toolkit_imposing_a_planned_line", default=False)


def shrink_to_fit(context, line, available_width, justify_line) -> None:
    """A planned line set tighter than normal is wider than the frame before
    justification: its spaces shrink (upstream only ever stretches), as far
    as the plan said (a third of a space at most), never further."""
    planned = getattr(line, "toolkit_line", None)
    if planned is None or line.width <= available_width:
        return
    plan_line = planned[1]
    if plan_line.ratio < 0 and line.width - available_width <= \
            plan_line.width - plan_line.available + SLACK:
        justify_line(context, line, available_width - line.width)


def hyphens_at_page_turns(document, page_turns: dict, line_box_class) -> int:
    """Note in ``page_turns`` (paragraph element's id → (start, end) of
    lines) each planned line with a hyphen after which its paragraph goes on
    on another page or in another column (its next line stands higher, or on
    the next page); how many were new (the caller lays the document out
    again if any: the paragraph is planned with no hyphen around there)."""
    laid = [(number, box) for number, page in enumerate(document.pages)
            for box in page._page_box.descendants()
            if isinstance(box, line_box_class) and getattr(box, "toolkit_line", None)]
    found = 0
    for (page, box), (next_page, following) in zip(laid, laid[1:]):
        element, line = box.toolkit_line
        next_element, next_line = following.toolkit_line
        if element is None or next_element is not element or next_line.number != line.number + 1:
            continue  # not the same paragraph's next line
        turned = next_page != page or following.position_y < box.position_y
        if turned and line.hyphenated:
            turns = page_turns.setdefault(id(element), set())
            if (line.start, line.end) not in turns:
                turns.add((line.start, line.end))
                found += 1
    return found
