"""Lean CJK fonts in the PDF: subset without retained glyph ids.

WeasyPrint subsets every font with HarfBuzz keeping glyph ids
(``RETAIN_GIDS``) and desubroutinizing, because its content streams use
glyph ids as CIDs. A CJK subset then carries a charstring slot for every
glyph id up to the highest used and loses CFF subroutine sharing: the
sample's Chinese edition was 524 KB, 503 KB of it font streams.

A CID-keyed CFF font maps CIDs to glyphs through its charset, and HarfBuzz
keeps each glyph's CID in the charset when it renumbers glyphs. So for a
face whose charset says CID = glyph id (Noto CJK's, Adobe-Identity-0), the
subset here
is made in one pass, glyphs renumbered and subroutines kept, and embedded
as the bare CFF table (``FontFile3``, ``/CIDFontType0C``), which viewers
read through the charset: the content streams' CIDs are unchanged, and so
are text extraction and the rendered pages. The subset's charset is checked
against the glyph ids used before it is trusted; anything else (TrueType
faces, name-keyed CFF, a charset that does not match) is subset as upstream
does it. Called by :func:`toolkit.pdf.extension.install`, after it verified the
wrapped functions.
"""

from __future__ import annotations

import io

from toolkit.pdf.extension.document import current

#: Tables WeasyPrint drops from every subset (pdf/fonts.py, _harfbuzz_subset).
DROP_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF",
               b"LTSH", b"PCLT", b"SVG ")

def identity_cid_cff(data: bytes | memoryview) -> bool:
    """Whether a bare CFF table's first font is CID-keyed (its top DICT has
    ROS, operator 12 30) with CID = glyph id for every glyph (its charset,
    operator 15, covers glyphs 1… with CIDs 1… in order, as Adobe-Identity-0
    fonts like Noto CJK do). Read from the header, the first two INDEXes and
    the charset; anything unexpected is False."""
    try:
        position = _skip_index(data, data[2])  # header, then the Name INDEX
        top = _dict(_first_entry(data, position))
        if (12, 30) not in top or 15 not in top or 17 not in top:
            return False
        glyphs = int.from_bytes(data[top[17][-1]:top[17][-1] + 2], "big")  # CharStrings count
        return _identity_charset(data, top[15][-1], glyphs)
    except (IndexError, TypeError, ValueError):
        return False


def _first_entry(data: bytes, position: int) -> bytes:
    count = int.from_bytes(data[position:position + 2], "big")
    if count < 1:
        raise ValueError("empty INDEX")
    size = data[position + 2]
    base = position + 3 + (count + 1) * size - 1  # offsets count from here
    first = int.from_bytes(data[position + 3:position + 3 + size], "big")
    second = int.from_bytes(data[position + 3 + size:position + 3 + 2 * size], "big")
    return data[base + first:base + second]


def _skip_index(data: bytes, position: int) -> int:
    count = int.from_bytes(data[position:position + 2], "big")
    if count == 0:
        return position + 2
    size = data[position + 2]
    last = position + 3 + count * size
    end = int.from_bytes(data[last:last + size], "big")
    return last + size + end - 1


def _dict(encoded: bytes) -> dict:
    """A CFF DICT: operator (an int, or (12, n) for two-byte ones) → its
    operands (integers; a real number as None)."""
    entries, operands, index = {}, [], 0
    while index < len(encoded):
        byte = encoded[index]
        if byte == 12:
            entries[(12, encoded[index + 1])] = operands
            operands, index = [], index + 2
        elif byte <= 21:
            entries[byte] = operands
            operands, index = [], index + 1
        elif byte == 28:
            operands.append(int.from_bytes(encoded[index + 1:index + 3], "big", signed=True))
            index += 3
        elif byte == 29:
            operands.append(int.from_bytes(encoded[index + 1:index + 5], "big", signed=True))
            index += 5
        elif byte == 30:  # a real number: nibbles up to an 0xf
            index += 1
            while (encoded[index] >> 4) != 0x0F and (encoded[index] & 0x0F) != 0x0F:
                index += 1
            operands.append(None)
            index += 1
        elif byte <= 246:
            operands.append(byte - 139)
            index += 1
        elif byte <= 250:
            operands.append((byte - 247) * 256 + encoded[index + 1] + 108)
            index += 2
        elif byte <= 254:
            operands.append(-(byte - 251) * 256 - encoded[index + 1] - 108)
            index += 2
        else:
            raise ValueError("reserved DICT byte")
    return entries


def _identity_charset(data: bytes, offset: int, glyphs: int) -> bool:
    kind, position, expected = data[offset], offset + 1, 1
    if kind == 0:
        return all(int.from_bytes(data[position + 2 * i:position + 2 * i + 2], "big") == i + 1
                   for i in range(glyphs - 1))
    if kind not in (1, 2):
        return False
    size = 1 if kind == 1 else 2
    while expected < glyphs:
        first = int.from_bytes(data[position:position + 2], "big")
        left = int.from_bytes(data[position + 2:position + 2 + size], "big")
        if first != expected:
            return False
        expected += left + 1
        position += 2 + size
    return expected == glyphs


def _charset_cids(cff: bytes) -> list[int] | None:
    """The CIDs of a CID-keyed CFF's glyphs, in glyph order (fontTools)."""
    # lazy: fontTools (≈50 ms): only when a CFF font is subset
    from fontTools.cffLib import CFFFontSet

    try:
        fonts = CFFFontSet()
        fonts.decompile(io.BytesIO(cff), None)
        names = fonts.topDictIndex[0].charset
        return [0 if name == ".notdef" else int(name[3:]) for name in names]
    except Exception:  # noqa: BLE001 - anything unexpected: keep upstream's subset
        return None


def patch(pdf_fonts, pdf, ffi, harfbuzz, harfbuzz_subset) -> None:
    original_subset = pdf_fonts.Font._harfbuzz_subset
    original_type = pdf_fonts.Font.type
    original_dictionary = pdf.build_fonts_dictionary  # as weasyprint.pdf calls it
    cff_tag = harfbuzz.hb_tag_from_string(b"CFF ", -1)
    drop = tuple(harfbuzz.hb_tag_from_string(name, -1) for name in DROP_TABLES)

    def table(face, tag, read=bytes):
        """``read`` of a table's bytes (default: a copy), while HarfBuzz holds them."""
        blob = harfbuzz.hb_face_reference_table(face, tag)
        try:
            length = ffi.new("unsigned int *")
            data = harfbuzz.hb_blob_get_data(blob, length)
            return read(memoryview(ffi.buffer(data, length[0])) if length[0] else b"")
        finally:
            harfbuzz.hb_blob_destroy(blob)

    def lean_subset(font, glyphs: list[int], hinting: bool) -> bytes | None:
        subset_input = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(),
                              harfbuzz_subset.hb_subset_input_destroy)
        glyph_set = harfbuzz_subset.hb_subset_input_glyph_set(subset_input)
        harfbuzz.hb_set_add_sorted_array(
            glyph_set, ffi.new(f"hb_codepoint_t[{len(glyphs)}]", glyphs), len(glyphs))
        # No layout closure: the layout tables are dropped, so glyphs that
        # only substitutions reach would be dead weight.
        flags = (harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
                 | harfbuzz_subset.HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE)
        if font.missing:
            flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
        if not hinting:
            flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
        harfbuzz_subset.hb_subset_input_set_flags(subset_input, flags)
        drop_set = harfbuzz_subset.hb_subset_input_set(
            subset_input, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
        harfbuzz.hb_set_add_sorted_array(
            drop_set, ffi.new(f"hb_codepoint_t[{len(drop)}]", sorted(drop)), len(drop))
        face = harfbuzz_subset.hb_subset_or_fail(font.hb_face, subset_input)
        if face == ffi.NULL:
            return None
        try:
            cff = table(face, cff_tag)
        finally:
            harfbuzz.hb_face_destroy(face)
        # The face maps CID = glyph id (checked before), so the subset's
        # charset must hold every glyph id used, in order: then a viewer finds,
        # for each CID in the content, the glyph upstream's subset would have
        # drawn. (HarfBuzz before 7.2 ignores NO_LAYOUT_CLOSURE and may keep a
        # few glyphs more, harmless.)
        cids = _charset_cids(cff) if cff else None
        if cids is None or cids != sorted(cids) or not set(glyphs) <= set(cids):
            return None
        return cff

    def _harfbuzz_subset(self, to_unicode, hinting):
        if current().lean_fonts and _is_cid_cff(self):
            cff = lean_subset(self, sorted(to_unicode), hinting)
            if cff is not None:
                self.file_content = cff
                self.bare_cff = True
                return
        return original_subset(self, to_unicode, hinting)

    face_kinds: dict[int, bool] = {}

    def _is_cid_cff(font) -> bool:
        key = int(ffi.cast("uintptr_t", font.hb_face))
        if key not in face_kinds:  # the face is kept alive by toolkit.pdf.extension.fontreuse
            # read in place: a CJK face's CFF table is 15–23 MB, of which
            # the check reads a few hundred bytes
            face_kinds[key] = table(font.hb_face, cff_tag,
                                    lambda cff: len(cff) > 0 and identity_cid_cff(cff))
        return face_kinds[key]

    def font_type(self):
        return "otf" if getattr(self, "bare_cff", False) else original_type.fget(self)

    def build_fonts_dictionary(document, fonts, compress, subset, options):
        first_new = len(document.objects)
        dictionary = original_dictionary(document, fonts, compress, subset, options)
        lean = {id(font.file_content) for font in fonts.values()
                if getattr(font, "bare_cff", False)}
        if lean:  # their streams say what they hold: a bare CID-keyed CFF
            for thing in document.objects[first_new:]:
                stream = getattr(thing, "stream", None)
                extra = getattr(thing, "extra", None)
                if stream and extra is not None and id(stream[0]) in lean:
                    extra["Subtype"] = "/CIDFontType0C"
        return dictionary

    pdf_fonts.Font._harfbuzz_subset = _harfbuzz_subset
    pdf_fonts.Font.type = property(font_type)
    pdf.build_fonts_dictionary = build_fonts_dictionary
