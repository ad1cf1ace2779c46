"""Glyphs drawn → text a reader copies: hyphens at line ends that copy right.

WeasyPrint 70 draws an automatic hyphen as the glyph of its
``hyphenate-character`` (U+2010) and maps that glyph to U+2010, so a copy of
``estab‐ / lish`` keeps the hyphen and the line break inside the word; and
a real hyphen at a line end (``three-`` / ``year``) is taken by poppler and
PDFium for one the line breaker added, and dropped (``threeyear``).

Both readers join a word across lines, dropping the hyphen, when a line
ends with U+002D after a letter (poppler only then; PDFium also for U+00AD,
and it reports the dropped hyphen as U+FFFE where the line break was).
So the hyphen glyph that ends a line is wrapped in a marked-content span
whose ``/ActualText`` is what those readers must see:

- an automatic hyphen copies as ``-``: the readers drop it and join the
  word (``establish``). ISO 32000-1 (14.8.2.2.3) would have U+00AD here,
  but poppler keeps a soft hyphen and the line break (``estab­ lish``);
- a real hyphen copies as ``--``: the readers drop one and keep the word
  whole with the other (``three-year``). A reader that honours
  ``/ActualText`` but never joins lines would show ``three--``; poppler (the
  reference) and PDFium both join, and pdfminer reads the glyphs.

Only a hyphen that ends the last text box of a line is mended: drawing a
line box marks its last text box first. The span nests inside the
``/Span <</MCID n>>`` marked content WeasyPrint's tagging opens around each
text box (marked content may nest, and may stand inside a text object); it
has no MCID, so the structure tree is unchanged, and so are the glyphs,
their positions and the fonts.

Called by :func:`toolkit.pdf.extension.install`, after it verified the
wrapped functions.
"""

from __future__ import annotations

import re

#: The hyphens mended, by the character drawn: WeasyPrint's default
#: ``hyphenate-character`` (which the stylesheet keeps) and the real one.
AUTOMATIC, HARD = "\u2010", "-"
#: What each copies as when it ends a line.
COPIED = {AUTOMATIC: "-", HARD: "--"}
#: Set on the text box that ends a line box, while the page is drawn.
LINE_END = "_toolkit_ends_line"
#: The last glyph of a ``TJ`` array as WeasyPrint writes it: four hex
#: digits closing a string, then at most a kerning number.
_LAST_GLYPH = re.compile(r"(?s)(.*)([0-9a-f]{4})>(-?[0-9.]+)?")


def patch(draw, text, boxes) -> None:
    original_line = text.draw_first_line
    original_inline = draw.draw_inline_level

    def draw_inline_level(stream, page, box, *args, **kwargs):
        if isinstance(box, boxes.LineBox):
            last = _last_text_box(box, boxes)
            if last is not None:
                setattr(last, LINE_END, True)
        return original_inline(stream, page, box, *args, **kwargs)

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        copied = None
        if getattr(textbox, LINE_END, False):
            copied = line_end_text(textbox.text, textbox.style["direction"])
        if copied is None:
            return original_line(stream, textbox, text_overflow, block_ellipsis, matrix)
        shown = _LastTextHeld(stream)
        emojis = original_line(shown, textbox, text_overflow, block_ellipsis, matrix)
        _show_with_actual_text(stream, shown.held, copied)
        return emojis

    draw.draw_inline_level = draw_inline_level
    text.draw_first_line = draw_first_line


def line_end_text(text: str, direction: str = "ltr") -> str | None:
    """What the hyphen ending a line's text copies as, or None when the
    line ends with no hyphen to mend. A hard hyphen counts only after a
    letter (``three-``), not alone (a dash set as ``-``)."""
    if direction != "ltr" or not text:
        return None
    last = text[-1]
    if last == AUTOMATIC or (last == HARD and len(text) > 1 and text[-2].isalpha()):
        return COPIED[last]
    return None


def _last_text_box(line, boxes):
    """The text box drawn last in a line box, if the line ends with text."""
    box = line
    while isinstance(box, boxes.ParentBox) and box.children:
        box = box.children[-1]
    return box if isinstance(box, boxes.TextBox) else None


class _LastTextHeld:
    """The stream, but holding back its last ``show_text`` until anything
    else is drawn: what is still held when the line is drawn is the run
    that ends with the hyphen."""

    def __init__(self, stream):
        self._stream, self.held = stream, None

    def show_text(self, string: str) -> None:
        self._release()
        self.held = string

    def _release(self) -> None:
        if self.held is not None:
            self._stream.show_text(self.held)
            self.held = None

    def __getattr__(self, name):
        self._release()  # keeps the order of the operators
        return getattr(self._stream, name)


def _show_with_actual_text(stream, string: str | None, copied: str) -> None:
    """``[… <hyphen>] TJ`` → ``[…] TJ /Span <</ActualText …>> BDC [<hyphen>] TJ EMC``."""
    if string is None:
        return
    found = _LAST_GLYPH.fullmatch(string)
    if found is None:  # the hyphen was drawn raised, on its own: leave it be
        stream.show_text(string)
        return
    before, glyph, kerning = found.groups()
    before = before[:-1] if before.endswith("<") else before + ">"
    if before:
        stream.show_text(before)
    # lazy: pydyf comes with WeasyPrint, imported only when pages are drawn
    import pydyf

    actual = b"<feff" + copied.encode("utf-16-be").hex().encode() + b">"
    stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": actual}))
    stream.show_text(f"<{glyph}>{kerning or ''}")
    stream.end_marked_content()
