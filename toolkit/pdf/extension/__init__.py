"""WeasyPrint and cffi as shipped → WeasyPrint as the toolkit sets type:
the toolkit's one extension of them, installed on purpose.

Eight things change upstream behaviour: :mod:`.cffi_cache` puts a disk cache
in front of cffi's C parser (a third of a second of every start),
:mod:`.typeset` wraps four functions of WeasyPrint's layout (Chinese
justification, Han–Latin spacing), :mod:`.paragraphs` breaks Latin
paragraphs as a whole (wrapping ``split_inline_box``), :mod:`.fontreuse` reads each font file's
data once per process instead of once per document, :mod:`.leanfonts`
subsets CID-keyed CJK fonts without retained glyph ids (PDFs a quarter of
the size), :mod:`.balance` balances the lines of titles and headings,
:mod:`.textlayer` makes hyphens at line ends copy right, and :mod:`.tagging`
marks each element's own language in the structure tree. They touch
internals, so :func:`install`
first verifies that the upstream functions are, to the byte, those they were
written for (a hash of each one's source, recorded for the pinned versions),
and refuses with one line naming what was found otherwise. Every entry
point that lays out pages calls :func:`install` (the build, the preview,
worker processes inherit it); ``toolkit doctor`` runs :func:`verify`.
"""

from __future__ import annotations

import functools
import hashlib
import inspect

from toolkit.errors import EnvironmentProblem
from toolkit.pdf.extension import (balance, cffi_cache, fontreuse, leanfonts, paragraphs,
                                   tagging, textlayer, typeset)
from toolkit.pdf.extension.libraries import quick_find_library

#: The versions this extension was written for (pyproject.toml pins them).
PINNED = {"weasyprint": "70.0", "cffi": "2.1.1"}
#: sha256 (first 16 hex digits) of the source of each upstream function
#: wrapped or replaced, at the pinned versions.
UPSTREAM = {
    "cffi.cparser._get_parser": "1c835bb25821a834",
    "weasyprint.layout.inline.count_expandable_spaces": "175fe6f42576ed38",
    "weasyprint.layout.inline.text_align": "e953d41b87ccfc30",
    "weasyprint.text.line_break.Layout.set_text": "fe23ca9937dbf520",
    "weasyprint.text.line_break.Layout.get_first_line": "bb65cbda0e27f135",
    "weasyprint.text.fonts.get_pango_font_hb_face": "a6ef5e59ed1375f2",
    "weasyprint.text.fonts.get_hb_object_data": "03040a623df04c2b",
    "weasyprint.pdf.fonts.Font.__init__": "1f281166b10302a4",
    "weasyprint.pdf.fonts.Font._harfbuzz_subset": "f80805663ede8080",
    "weasyprint.pdf.fonts.Font.type": "31376bf9b326ac58",
    "weasyprint.pdf.fonts.build_fonts_dictionary": "fc551bef35d0d6c3",
    "weasyprint.pdf.fonts._build_vector_font_dictionary": "aa6eea312c6e3375",
    "weasyprint.layout.block.block_container_layout": "65842ca53a8391eb",
    "weasyprint.text.line_break.split_first_line": "39ad1016863ca34d",
    "weasyprint.layout.inline.split_inline_box": "3a0cb7ca7e34c7ef",
    "weasyprint.draw.draw_inline_level": "068162a401d00efd",
    "weasyprint.draw.text.draw_first_line": "1bb8eae6d88e71b1",
    "weasyprint.pdf.tags._build_box_tree": "f716251a83e7096e",
}


def fingerprint(function) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def _check(found: dict[str, object], versions: dict[str, str]) -> None:
    changed = [name for name, function in found.items() if fingerprint(function) != UPSTREAM[name]]
    if changed:
        wanted = ", ".join(f"{k} {v}" for k, v in PINNED.items())
        have = ", ".join(f"{k} {v}" for k, v in versions.items())
        raise EnvironmentProblem(
            f"the toolkit's layout extension was written for {wanted}; found {have}, and "
            f"{', '.join(changed)} differ: install the pinned versions (make setup)")


def _verify_cffi() -> None:
    # lazy: cffi and pycparser: patched before WeasyPrint imports them, so loaded here
    import cffi
    from cffi import cparser

    original = getattr(cparser, "_toolkit_original_get_parser", cparser._get_parser)
    _check({"cffi.cparser._get_parser": original}, {"cffi": cffi.__version__})


def _weasyprint_originals() -> dict[str, object]:
    """The upstream functions wrapped, as they were before :func:`install`."""
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    import weasyprint.draw
    from weasyprint.draw import text as draw_text
    from weasyprint.layout import block, inline
    from weasyprint.pdf import fonts as pdf_fonts
    from weasyprint.pdf import tags
    from weasyprint.text import line_break

    return getattr(inline, "_toolkit_originals", None) or {
        "weasyprint.layout.inline.count_expandable_spaces": inline.count_expandable_spaces,
        "weasyprint.layout.inline.text_align": inline.text_align,
        "weasyprint.text.line_break.Layout.set_text": line_break.Layout.set_text,
        "weasyprint.text.line_break.Layout.get_first_line": line_break.Layout.get_first_line,
        "weasyprint.text.fonts.get_pango_font_hb_face": pdf_fonts.get_pango_font_hb_face,
        "weasyprint.text.fonts.get_hb_object_data": pdf_fonts.get_hb_object_data,
        "weasyprint.pdf.fonts.Font.__init__": pdf_fonts.Font.__init__,
        "weasyprint.pdf.fonts.Font._harfbuzz_subset": pdf_fonts.Font._harfbuzz_subset,
        "weasyprint.pdf.fonts.Font.type": pdf_fonts.Font.type.fget,
        "weasyprint.pdf.fonts.build_fonts_dictionary": pdf_fonts.build_fonts_dictionary,
        "weasyprint.pdf.fonts._build_vector_font_dictionary":
            pdf_fonts._build_vector_font_dictionary,
        "weasyprint.layout.block.block_container_layout": block.block_container_layout,
        "weasyprint.text.line_break.split_first_line": line_break.split_first_line,
        "weasyprint.layout.inline.split_inline_box": inline.split_inline_box,
        "weasyprint.draw.draw_inline_level": weasyprint.draw.draw_inline_level,
        "weasyprint.draw.text.draw_first_line": draw_text.draw_first_line,
        "weasyprint.pdf.tags._build_box_tree": tags._build_box_tree,
    }


def _verify_weasyprint() -> None:
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    import weasyprint

    _check(_weasyprint_originals(), {"weasyprint": weasyprint.__version__})


def verify() -> None:
    """Raise :class:`EnvironmentProblem` unless cffi and WeasyPrint are the
    versions the extension was written for (their functions' sources)."""
    _verify_cffi()
    _verify_weasyprint()


@functools.cache
def install() -> None:
    """Verify, then install the cffi cache (before WeasyPrint is imported:
    the parse happens at import) and the layout extension. Once per process."""
    # lazy: cffi and pycparser: patched before WeasyPrint imports them, so loaded here
    from cffi import cparser

    _verify_cffi()
    if not hasattr(cparser, "_toolkit_original_get_parser"):
        cparser._toolkit_original_get_parser = cparser._get_parser
    cffi_cache.install()
    with quick_find_library():  # WeasyPrint loads its libraries at import
        # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
        from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.pdf import fonts as pdf_fonts
    from weasyprint.text import line_break
    from weasyprint.text.ffi import FROM_UNITS, TO_UNITS, ffi, pango

    _verify_weasyprint()
    inline._toolkit_originals = _weasyprint_originals()
    typeset.patch((boxes, inline, line_break, ffi, pango, TO_UNITS))
    paragraphs.patch(inline, boxes, line_break, ffi, pango, FROM_UNITS)
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    from weasyprint.layout import block

    balance.patch(block, boxes, line_break)
    fontreuse.patch(pdf_fonts, ffi)
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    import weasyprint.pdf
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset is not None:  # else check_environment refuses to lay out
        leanfonts.patch(pdf_fonts, weasyprint.pdf, ffi, harfbuzz, harfbuzz_subset)
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    import weasyprint.draw
    from weasyprint.draw import text as draw_text
    from weasyprint.pdf import tags

    textlayer.patch(weasyprint.draw, draw_text, boxes)
    tagging.patch(tags)
