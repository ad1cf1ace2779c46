"""Chinese typesetting that WeasyPrint lacks: a small extension of its layout.

Pinned to the WeasyPrint version of pyproject.toml (the functions wrapped
here are internal): :mod:`toolkit.pdf.extension` verifies them before
:func:`patch` runs, and refuses anything else rather than guess. All
done by layout, never by characters in the text:

- **Inter-character justification** (W3C clreq; CSS ``text-justify:
  inter-character``). WeasyPrint stretches only U+0020 and U+00A0 when
  justifying, so a line of pure Han text stays ragged. Here every gap next
  to a CJK character is a justification opportunity too, and the extra
  width goes into Pango letter-spacing on the character before the gap.
  Pango adds a character's letter-spacing to its advance, but only half of
  it for the first character of a layout, so that one gets double.
- **Punctuation adjustment** (clreq; Typst's "quanjiao"): of two adjacent
  full-width marks one is set half-width, and at a justified line's edges
  a closing or opening mark hangs its blank half into the margin.
- **Names kept whole**: a capitalised word is never hyphenated first-fit
  (total-fit, :mod:`.paragraphs` allows it as a last resort); words are
  hyphenated within ``[typography]``'s limits.
- **Han–Latin spacing**: the HTML wraps a Latin or digit run that touches a
  Han character in ``<span class="hl …">`` whose CSS margin makes the ¼ em
  gap (see ``templates/brief.css``); here such a margin is dropped where the
  span starts or ends a line, so lines stay flush with the text frame.
"""

from __future__ import annotations

import math
import re
import types

from toolkit.han import HAN
from toolkit.pdf.extension import paragraphs
from toolkit.pdf.extension.document import current

# CJK characters (Han, kana, CJK and full-width punctuation). Curly quotes
# are not among them: English uses them too (and ’ as its apostrophe); next
# to a Han character their gap stretches anyway.
_CJK = re.compile(f"[{HAN}\u2e80-\u2fff\u3000-\u30ff\ufe30-\ufe4f\uff00-\uffef]")
_SPACES = " \u00a0"


def justification_gaps(text: str) -> list[int]:
    """Indexes ``i`` whose gap to ``i + 1`` may stretch: next to a CJK
    character, not at a space (spaces stretch on their own)."""
    gaps = []
    for index in range(len(text) - 1):
        here, following = text[index], text[index + 1]
        if here in _SPACES or following in _SPACES:
            continue
        if _CJK.match(here) or _CJK.match(following):
            gaps.append(index)
    return gaps


#: Full-width punctuation whose ink sits in the left half of its em box
#: (closing marks, and the pauses and stops of Simplified Chinese) and in the
#: right half (opening marks).
CLOSING = set("，。、；：？！）」』》〉】〕〗”’")
OPENING = set("（「『《〈【〔〖“‘")
_CLOSING_CLASS, _OPENING_CLASS = re.escape("".join(sorted(CLOSING))), re.escape(
    "".join(sorted(OPENING)))
#: Where two marks meet (overlapping: ”、“ is two places).
_ADJACENT = re.compile(f"(?=([{_CLOSING_CLASS}][{_CLOSING_CLASS}{_OPENING_CLASS}]"
                       f"|[{_OPENING_CLASS}][{_OPENING_CLASS}]))")


def punctuation_pairs(text: str) -> list[tuple[int, str]]:
    """Where two full-width punctuation marks meet, the one to set half-width
    (clreq's adjustment of adjacent punctuation; Typst's "quanjiao"): the
    first if it is closing (its right half is blank), else the second if it
    is opening (its left half is blank). ``(index, "closing" | "opening")``."""
    # (set_text runs for every line the breaker tries: scanned by the regex
    # engine, not character by character in Python)
    return [(match.start(), "closing") if match.group(1)[0] in CLOSING
            else (match.start() + 1, "opening") for match in _ADJACENT.finditer(text)]


def patch(weasyprint_modules) -> None:
    """Extend WeasyPrint's justification and line alignment. Called by
    :func:`toolkit.pdf.extension.install` only, after it verified the functions
    wrapped here are the ones this was written for."""
    boxes, inline, line_break, ffi, pango, to_units = weasyprint_modules
    # The writable line (pango_layout_get_line_readonly's line must not be
    # modified; this one may), declared next to WeasyPrint's declarations.
    try:
        ffi.cdef("PangoLayoutLine * pango_layout_get_line (PangoLayout *layout, int line);")
    except Exception:  # declared by an earlier install in this process
        pass

    original_count = inline.count_expandable_spaces

    def count_expandable_spaces(box):
        # Upstream recurses through this module global, so the gaps of each
        # text box are added once, where upstream counts its spaces.
        count = original_count(box)
        if isinstance(box, boxes.TextBox):
            count += len(justification_gaps(box.text))
        return count

    original_set_text = line_break.Layout.set_text

    def set_text(self, text, justify=False):
        original_set_text(self, text, justify)
        # character index → letter-spacing (Pango units); byte offset of a
        # character → the x offset its glyph is drawn with
        spacing: dict[int, int] = {}
        self.glyph_offsets = None
        em = self.style["font_size"]
        trimmed = punctuation_pairs(self.text) if _chinese(self.style) else []
        for index, side in trimmed:  # half an em off, whole thousandths
            spacing[index] = -round(em / 2 * to_units)
        gaps = justification_gaps(self.text) if justify and self.justification_spacing else []
        if justify and self.justification_spacing and _plain_spacing(self.style):
            # the spaces too, in whole thousandths (upstream's spacing of them
            # is truncated): every justified line then ends on the frame
            gaps = sorted(gaps + [i for i, char in enumerate(self.text) if char in _SPACES])
        if gaps:
            for index, units in zip(gaps, _quantized(self.justification_spacing, len(gaps),
                                                     em, to_units)):
                spacing[index] = spacing.get(index, 0) + units
        if not spacing:
            return
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == ffi.NULL:
            attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        offsets = _byte_offsets(self.text)
        # Pango centres a letter-spaced glyph in its cell; here the whole gap
        # comes after it (offset 0), and an opening mark set half-width is
        # drawn half an em to the left, into the half it keeps.
        self.glyph_offsets = {offsets[index]: 0 for index in spacing}
        for index, side in trimmed:
            if side == "opening":
                self.glyph_offsets[offsets[index]] = -round(em / 2 * to_units)
        for index, units in sorted(spacing.items()):
            # (Pango gives half the spacing at either end of a layout)
            ends = index == 0 or index == len(self.text) - 1
            attribute = pango.pango_attr_letter_spacing_new(units * (2 if ends else 1))
            attribute.start_index, attribute.end_index = offsets[index], offsets[index + 1]
            pango.pango_attr_list_change(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)

    original_get_first_line = line_break.Layout.get_first_line

    def get_first_line(self):
        # Pango centres a letter-spaced character in its widened cell, i.e.
        # moves the glyph by half the spacing (x_offset), and WeasyPrint
        # converts x_offset to PDF units with a factor that differs from the
        # one it uses for advances (1/1024 against 1/1000), losing about
        # 1/1000 em a character. With the offset at zero the whole gap comes
        # after the character, every gap of the line is the same, and the
        # drawn line is exactly as long as the laid-out one. The offsets are
        # changed on the writable line Pango hands out for that purpose.
        first_line, index = original_get_first_line(self)
        if getattr(self, "glyph_offsets", None):
            first_line = pango.pango_layout_get_line(self.layout, 0)
            _set_offsets(first_line, self.glyph_offsets, ffi)
        return first_line, index

    original_text_align = inline.text_align

    def text_align(context, line, available_width, last):
        _trim_spacing_margins(line, boxes)
        paragraphs.shrink_to_fit(context, line, available_width, inline.justify_line)
        if not last and current().line_edge_punctuation:
            _hang_punctuation(line, boxes)
        return original_text_align(context, line, available_width, last)

    line_break.pyphen = _names_kept(line_break.pyphen)
    inline.count_expandable_spaces = count_expandable_spaces
    line_break.Layout.set_text = set_text
    inline.text_align = text_align
    line_break.Layout.get_first_line = get_first_line


def _set_offsets(line, wanted: dict[int, int], ffi) -> None:
    """The x offset of each glyph whose character starts at a byte of ``wanted``."""
    run = line.runs
    while run != ffi.NULL:
        glyph_item = run.data
        glyphs = glyph_item.glyphs
        start = glyph_item.item.offset
        for number in range(glyphs.num_glyphs):
            offset = wanted.get(start + glyphs.log_clusters[number])
            if offset is not None:
                glyphs.glyphs[number].geometry.x_offset = offset
        run = run.next


def _chinese(style) -> bool:
    """Text set in Chinese, where the punctuation is full-width (curly quotes
    are proportional in English text)."""
    return (style["lang"] or "").lower().startswith("zh")


def _quantized(spacing: float, count: int, font_size: float, to_units: float) -> list[int]:
    """Pango letter-spacing (in Pango units) for ``count`` gaps sharing
    ``spacing × count`` px, each a whole number of thousandths of an em.

    WeasyPrint writes each glyph's extra advance into the PDF as an integer
    in thousandths of an em, truncated: with arbitrary spacing a line loses
    up to 1/1000 em per character (0.4 pt on a line of 10.5 pt text). Whole
    thousandths, plus a hair (one Pango unit) so that truncation cannot take
    one off, keep the drawn line as long as the laid-out one.
    """
    quantum = font_size / 1000
    steps = round(spacing * count / quantum)
    # Spread the odd thousandths evenly along the line (Bresenham).
    shares = [(n + 1) * steps // count - n * steps // count for n in range(count)]
    # (a space shrunk by total-fit breaking has negative spacing, truncated
    # towards zero too: a hair under its thousandths)
    return [math.ceil(share * quantum * to_units) + 1 if share >= 0
            else math.floor(share * quantum * to_units) - 1 for share in shares]


def _plain_spacing(style) -> bool:
    """No word or letter spacing of the style's own, which upstream adds to
    the justification's (and which the quantized spacing would drop)."""
    return not style["word_spacing"] and style["letter_spacing"] == "normal"


def _byte_offsets(text: str) -> list[int]:
    offsets, total = [0], 0
    for char in text:
        total += len(char.encode("utf-8"))
        offsets.append(total)
    return offsets


def _is_spacing_span(box, boxes) -> bool:
    return isinstance(box, boxes.InlineBox) and box.element is not None \
        and "hl" in (box.element.get("class") or "").split()


def _trim_spacing_margins(line, boxes) -> None:
    """Drop the Han–Latin margin of a spacing span at either end of a line."""
    children = [child for child in line.children if child.is_in_normal_flow()]
    if not children:
        return
    first, last = children[0], children[-1]
    if _is_spacing_span(first, boxes) and first.margin_left:
        shift = first.margin_left
        first.margin_left = 0
        for child in first.children:  # the span's content moves, not its margin edge
            child.translate(-shift, 0, ignore_floats=True)
        for sibling in children[1:]:
            sibling.translate(-shift, 0, ignore_floats=True)
        line.width -= shift
    if _is_spacing_span(last, boxes) and last.margin_right:
        line.width -= last.margin_right
        last.margin_right = 0


def _text_leaves(box, boxes, ancestors=()):
    """The text boxes of a line in order, each with the inline boxes around it."""
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.TextBox):
            yield child, ancestors
        elif isinstance(child, boxes.InlineBox):
            yield from _text_leaves(child, boxes, ancestors + (child,))


def _hang_punctuation(line, boxes) -> None:
    """A justified Chinese line's closing mark at its end, and opening mark at
    its start (not after a first-line indent), set half-width: the blank
    half of the mark goes into the margin, the ink stays flush with the
    frame, and justification shares the half em out over the line."""
    if not _chinese(line.style):
        return
    leaves = list(_text_leaves(line, boxes))
    if not leaves:
        return
    last, around = leaves[-1]
    if last.text and last.text[-1] in CLOSING and _chinese(last.style):
        half = last.style["font_size"] / 2
        for box in (last, *around):
            box.width -= half
        line.width -= half
    first, _ = leaves[0]
    if first.text and first.text[0] in OPENING and _chinese(first.style) \
            and first.position_x - line.position_x < 0.5:  # not after an indent
        half = first.style["font_size"] / 2
        for child in line.children:
            child.translate(-half, 0, ignore_floats=True)
        line.width -= half


def _names_kept(pyphen):
    """WeasyPrint's hyphenation (pyphen, as ``split_first_line`` calls it)
    within the document's limits (``[typography]``: word length, letters on
    either side). A capitalised word, a name or a headline's word, is never
    broken (no "Jin-shan", no "In-formation") except on a line a total-fit
    plan made (toolkit.pdf.extension.paragraphs: a name only as a last
    resort), whose width leaves the breaker no other choice."""
    class Pyphen(pyphen.Pyphen):
        def iterate(self, word):
            options = current()
            limits = options.hyphenation
            letter = next((char for char in word if char.isalpha()), "")
            if len(word) < limits.min_word or (letter.isupper() and not paragraphs.imposing()):
                return iter(())
            return ((head, tail) for head, tail in super().iterate(word)
                    if len(head) >= limits.min_left and len(tail) >= limits.min_right)

    def language_fallback(lang):
        return paragraphs.hyphenation_language(lang, pyphen.language_fallback)

    return types.SimpleNamespace(Pyphen=Pyphen, language_fallback=language_fallback)
