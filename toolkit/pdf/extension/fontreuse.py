"""Font data read once per process, not once per document.

With one font configuration for every document a process lays out (see
:func:`toolkit.pdf.fonts.font_configuration`), the HarfBuzz face of each font file
is the same object from one document to the next. WeasyPrint still copies
each face's whole blob into Python bytes for every document that uses it
(``Font.__init__``: a CJK face is many megabytes; about 50 ms a brief).
Here that copy is made once per face and kept, together with a reference
that keeps the face alive (so its address is never another face's).

Only faces that come from the font map are cached: a subsetted face, made
and freed per document, is read as upstream reads it. Called by
:func:`toolkit.pdf.extension.install`, after it verified the wrapped functions.
"""

from __future__ import annotations


def patch(pdf_fonts, ffi) -> None:
    original_face = pdf_fonts.get_pango_font_hb_face
    original_data = pdf_fonts.get_hb_object_data
    #: face address → (the face, kept alive; its blob's bytes, once read)
    faces: dict[int, list] = {}

    def get_pango_font_hb_face(pango_font):
        face = original_face(pango_font)
        faces.setdefault(int(ffi.cast("uintptr_t", face)), [face, None])
        return face

    def get_hb_object_data(hb_object, ot_color=None, glyph=None):
        entry = faces.get(int(ffi.cast("uintptr_t", hb_object))) if ot_color is None else None
        if entry is None:
            return original_data(hb_object, ot_color, glyph)
        if entry[1] is None:
            entry[1] = original_data(hb_object)
        return entry[1]

    pdf_fonts.get_pango_font_hb_face = get_pango_font_hb_face
    pdf_fonts.get_hb_object_data = get_hb_object_data
