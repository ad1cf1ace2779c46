"""Balanced titles and headings: lines of similar length, no short last line.

WeasyPrint 70 has no ``text-wrap: balance``. A title that fills one line
and spills two characters onto the next (``…城市数字化转型推进 / 大会``)
reads badly in either language. Here, before WeasyPrint lays out the lines
of a title or heading (``h1``, ``h2``, and blocks marked
``class="balance"``: the bilingual edition's English line), the narrowest width that keeps the
same number of lines is found by asking WeasyPrint's own line breaker
(``split_first_line``) at narrower widths, and the block is laid out at that
width: its lines then share the text evenly. If the real layout needs more
lines than the measure said (inline spacing the measure does not see), the
block is laid out again at its full width, as upstream would.

A Chinese headline breaks only between words (the renderer joins the
characters of each word: :mod:`toolkit.render.words`), and preferably after
a clause: when a width at most :data:`CLAUSE_SLACK` wider than the most even
one ends the first line after a clause mark (``，`` ``、`` ``”`` …) and
keeps the line count, that width is taken.

Called by :func:`toolkit.pdf.extension.install`, after it verified the wrapped
function.
"""

from __future__ import annotations

import inspect

from toolkit.han import HAN_RE

#: Elements whose lines are balanced (and the blocks inside them).
BALANCED = {"h1", "h2"}
#: Bisection steps: the width is found to within (full width) / 2^steps (under
#: 4 pt on A4: enough for lines that look even; each step costs a layout).
STEPS = 7
#: Marks after which a Chinese headline's line preferably ends: clause ends
#: (and a space, which Chinese headlines use as a comma).
CLAUSE_ENDS = frozenset("，。、；：！？）」』】》” \u3000")
#: How much longer than the most even lines a break after a clause may make
#: the longest (a tenth: the lines still differ by less than a fifth).
CLAUSE_SLACK = 1.1


def patch(block, boxes, line_break) -> None:
    original = block.block_container_layout
    signature = inspect.signature(original)  # called by position and by keyword

    def block_container_layout(*args, **kwargs):
        arguments = signature.bind(*args, **kwargs).arguments
        box, target = arguments["box"], None
        if arguments["skip_stack"] is None and _balanced(box, boxes):
            target, lines = _balanced_width(arguments["context"], box, boxes, line_break)
        if target is None:
            return original(*args, **kwargs)
        full_width, position_y = box.width, box.position_y
        margins = list(arguments["adjoining_margins"] or [])
        box.width = target
        result = original(**{**arguments, "adjoining_margins": list(margins)})
        laid_out = result[0]
        if laid_out is not None and _line_count(laid_out, boxes) <= lines:
            return result
        box.width, box.position_y = full_width, position_y  # as upstream would
        return original(**{**arguments, "adjoining_margins": margins})

    block.block_container_layout = block_container_layout


def _balanced(box, boxes) -> bool:
    """A block of lines (one line box before layout) that is a title or
    heading, or a block the templates mark ``class="balance"`` (the English
    line inside a bilingual heading)."""
    if not isinstance(box, boxes.BlockContainerBox) or len(box.children) != 1 \
            or not isinstance(box.children[0], boxes.LineBox):
        return False
    if box.element_tag in BALANCED:
        return True
    element = box.element
    return element is not None and "balance" in (element.get("class") or "").split()


def _text_and_style(line, boxes):
    parts, style = [], None
    stack = [line]
    while stack:
        node = stack.pop(0)
        if isinstance(node, boxes.TextBox):
            parts.append(node.text)
            style = style or node.style
        elif isinstance(node, boxes.ParentBox):
            stack[0:0] = list(node.children)
    return "".join(parts), style


def _count_lines(context, text: str, style, width: float, line_break) -> int:
    count, data = 0, text.encode("utf-8")
    while data:
        count += 1
        if count > 50:  # a heading does not have 50 lines: give up measuring
            return count
        _, _, resume, _, _, _ = line_break.split_first_line(
            data.decode("utf-8"), style, context, width, 0, True)
        if resume is None:
            break
        data = data[resume:]
    return count


def _balanced_width(context, box, boxes, line_break) -> tuple[float | None, int]:
    """(the narrowest width keeping the block's line count, that count),
    or (None, 1) for a one-line block or one that cannot be measured."""
    text, style = _text_and_style(box.children[0], boxes)
    width = box.width
    if not text.strip() or style is None or not width or width == float("inf"):
        return None, 1
    lines = _count_lines(context, text, style, width, line_break)
    if lines < 2 or lines > 6:
        return None, lines
    low, high = width / lines, width
    for _ in range(STEPS):
        middle = (low + high) / 2
        if _count_lines(context, text, style, middle, line_break) <= lines:
            high = middle
        else:
            low = middle
    balanced = min(width, high + 0.5)
    clause = _after_a_clause(context, text, style, lines, balanced, width, line_break)
    return (balanced if clause is None else clause), lines


def _after_a_clause(context, text: str, style, lines: int, balanced: float, width: float,
                    line_break) -> float | None:
    """The narrowest width up to ``balanced`` × :data:`CLAUSE_SLACK` at which
    a Chinese headline's first line ends after a clause mark and the block
    keeps its ``lines``; None if there is none (or the text is not Chinese)."""
    if not HAN_RE.search(text):
        return None
    best = None
    for index, char in enumerate(text[:-1]):
        if char not in CLAUSE_ENDS or text[index + 1] in CLAUSE_ENDS:
            continue
        head = text[:index + 1]
        _, _, _, head_width, _, _ = line_break.split_first_line(
            head, style, context, float("inf"), 0, True)
        target = head_width + 0.5
        if target > min(width, balanced * CLAUSE_SLACK) or (best is not None and target >= best):
            continue
        _, _, resume, _, _, _ = line_break.split_first_line(text, style, context, target, 0, True)
        if resume == len(head.encode("utf-8")) \
                and _count_lines(context, text, style, target, line_break) <= lines:
            best = target
    return best


def _line_count(box, boxes) -> int:
    return sum(isinstance(child, boxes.LineBox) for child in box.children)
