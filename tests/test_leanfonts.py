"""Lean CJK fonts: subset without retained glyph ids (toolkit/leanfonts.py).

Each edition is laid out twice in this process, with the toolkit's subsetting
and with WeasyPrint's own (the document option ``lean_fonts`` off), and the two PDFs must
read and look the same while the toolkit's is much smaller.
"""
from __future__ import annotations

import dataclasses
import io
import subprocess

import pdfplumber
import pikepdf
import pytest

from support import ROOT
from toolkit.pdf.extension.leanfonts import _identity_charset, identity_cid_cff


@pytest.fixture(scope="module")
def pairs():
    """edition → (the toolkit's PDF, WeasyPrint's subsetting's PDF)."""
    from toolkit.pipeline.build import render_documents
    from toolkit.project import load_project
    from toolkit.pdf.workers import Document, lay_out_one

    project = load_project(ROOT)
    result = {}
    for job, html in render_documents(project):
        document = Document(html, project.templates_dir, {"profile": "screen"})
        lean = lay_out_one(document)
        upstream = lay_out_one(dataclasses.replace(document, options={"profile": "screen",
                                                                      "lean_fonts": False}))
        result[job.edition.name] = (lean, upstream)
    return result


def font_files(pdf_bytes: bytes) -> dict[str, tuple[str, str, bytes]]:
    """BaseFont → (FontFile key, its Subtype, its bytes) of every embedded font."""
    found = {}
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                for key in ("/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        stream = descriptor[key]
                        found[str(font.BaseFont)] = (key, str(stream.get("/Subtype", "")),
                                                     stream.read_bytes())
    return found


def test_cjk_fonts_are_bare_cid_keyed_cff_and_the_pdf_is_a_quarter(pairs):
    lean, upstream = pairs["zh-Hans"]
    fonts = font_files(lean)
    cjk = {name: f for name, f in fonts.items() if "CJK" in name}
    assert len(cjk) >= 2
    for name, (key, subtype, data) in cjk.items():
        assert (key, subtype) == ("/FontFile3", "/CIDFontType0C"), name
        assert data[:1] == b"\x01"  # a bare CFF table (major version 1), no OpenType wrapper
    latin = {name: f for name, f in fonts.items() if "CJK" not in name}
    assert all(key == "/FontFile2" for key, _, _ in latin.values())  # TrueType: upstream's way
    # measured: 524 KB → 123 KB for the sample (Typst: 118 KB, benchmarks/bench_desk.py)
    assert len(lean) < 0.35 * len(upstream), (len(lean), len(upstream))


def test_the_embedded_fonts_are_valid_cff(pairs):
    from fontTools.cffLib import CFFFontSet

    for name, (key, subtype, data) in font_files(pairs["bilingual"][0]).items():
        if subtype != "/CIDFontType0C":
            continue
        fonts = CFFFontSet()
        fonts.decompile(io.BytesIO(data), None)
        top = fonts.topDictIndex[0]
        assert top.ROS[:2] == ("Adobe", "Identity"), name
        for glyph in top.CharStrings.values():  # every charstring decodes
            glyph.decompile()
        cids = [0 if g == ".notdef" else int(g[3:]) for g in top.charset]
        assert cids == sorted(cids) and len(cids) > 30


@pytest.mark.parametrize("edition", ["zh-Hans", "en", "bilingual"])
def test_text_and_pages_are_unchanged(pairs, edition, tmp_path):
    import pypdfium2

    lean, upstream = pairs[edition]
    texts = []
    for name, data in (("lean", lean), ("upstream", upstream)):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        with pdfplumber.open(path) as pdf:
            plumbed = [page.extract_text() for page in pdf.pages]
        poppler = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                 text=True, check=True).stdout
        texts.append((plumbed, poppler))
    assert texts[0] == texts[1]
    assert "金山" in texts[0][1] or edition == "en"
    # Poppler draws the same pixels; PDFium anti-aliases subroutinized
    # charstrings a shade differently (measured: at most 20 of 255), where a
    # missing or wrong glyph differs by most of the range.
    for name, data in (("lean", lean), ("upstream", upstream)):
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(tmp_path / f"{name}.pdf"),
                        str(tmp_path / name)], check=True)
    pages = sorted(tmp_path.glob("lean-*.png"))
    assert pages and len(pages) == len(list(tmp_path.glob("upstream-*.png")))
    for page in pages:
        other = tmp_path / page.name.replace("lean-", "upstream-")
        assert page.read_bytes() == other.read_bytes(), f"{page.name}: poppler draws it otherwise"
    from PIL import ImageChops

    documents = [pypdfium2.PdfDocument(data) for data in (lean, upstream)]
    try:
        assert len(documents[0]) == len(documents[1])
        for index in range(len(documents[0])):
            images = [d[index].render(scale=1.5).to_pil().convert("L") for d in documents]
            histogram = ImageChops.difference(*images).histogram()
            assert sum(histogram[48:]) == 0, f"page {index + 1} looks different in PDFium"
    finally:
        for document in documents:
            document.close()


def test_identity_charsets_and_what_is_not_one():
    assert _identity_charset(bytes([0, 0, 1, 0, 2, 0, 3]), 0, 4)  # format 0: CIDs 1, 2, 3
    assert not _identity_charset(bytes([0, 0, 1, 0, 3, 0, 2]), 0, 4)
    assert _identity_charset(bytes([2, 0, 1, 0xFF, 0xFD]), 0, 65535)  # one range: 1…65534
    assert _identity_charset(bytes([1, 0, 1, 9, 0, 11, 4]), 0, 16)  # 1…10, 11…15
    assert not _identity_charset(bytes([1, 0, 1, 9, 0, 12, 3]), 0, 16)  # a gap at 11
    assert not identity_cid_cff(b"")
    assert not identity_cid_cff(b"\x01\x00\x04\x04garbage")


def test_a_name_keyed_cff_is_left_to_upstream():
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({65: "A"})
    pen = T2CharStringPen(500, None)
    pen.moveTo((0, 0)), pen.lineTo((500, 0)), pen.lineTo((250, 700)), pen.closePath()
    builder.setupCFF("Test", {"FullName": "Test"}, {".notdef": pen.getCharString(),
                                                    "A": pen.getCharString()}, {})
    out = io.BytesIO()
    builder.font.save(out)
    from fontTools.ttLib import TTFont

    cff = TTFont(io.BytesIO(out.getvalue())).reader["CFF "]
    assert not identity_cid_cff(cff)


def test_noto_cjk_is_an_identity_cid_font():
    from fontTools.ttLib import TTFont

    path = subprocess.run(["fc-match", "-f", "%{file}", "Noto Serif CJK SC"],
                          capture_output=True, text=True, check=True).stdout
    with TTFont(path, fontNumber=0, lazy=True) as font:
        assert identity_cid_cff(font.reader["CFF "])
