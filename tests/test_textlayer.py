"""What a reader copies from the PDFs (issue 26, points 4 and 5): words
broken by a hyphen at a line end come out whole, in poppler (the
reference) and PDFium; every change of language is marked in the
structure tree."""
from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from support import HAN, ROOT, SAMPLE_SLUG, run
from toolkit.catalogs.po import read_catalog
from toolkit.pdf.extension.textlayer import line_end_text
from toolkit.pdf.write import html_to_pdf
from toolkit.project import load_project

#: A text whose hyphens land at line ends at the measures below: automatic
#: ones (establish, extraordinary, …) and real ones (three-year, well-known,
#: long-term).
HYPHENATED = ("The government will establish a three-year programme of extraordinary "
              "digitalisation across the municipality, and a well-known long-term "
              "partnership.")
NARROW = """<!doctype html><html lang="en"><head><style>
@page {{ size: 120mm 200mm; margin: 10mm }}
body {{ font-family: "Noto Serif"; font-size: 11pt }}
p {{ hyphens: auto; text-align: justify; width: {width} }}
</style></head><body><p>{text}</p></body></html>"""
MEASURES = ("27mm", "33mm", "40mm", "52mm")


def poppler_copy(path: Path) -> list[str]:
    """Each page's text from ``pdftotext``, its lines joined by a space as a
    reader's copy does."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def pdfium_copy(path: Path) -> list[str]:
    """Each page's text from PDFium, its lines joined by a space. PDFium
    puts U+FFFE where it joined a word across lines, dropping the hyphen
    that ended the line: a copy drops it too."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return [" ".join(page.get_textpage().get_text_range().replace("\ufffe", "").split())
                for page in document]
    finally:
        document.close()


def glyph_lines(path: Path) -> list[str]:
    """The lines as drawn (pdfplumber reads the glyphs, not /ActualText)."""
    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


@pytest.fixture(scope="module")
def narrow(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("narrow")
    paths = {}
    for width in MEASURES:
        paths[width] = out / f"{width}.pdf"
        paths[width].write_bytes(html_to_pdf(NARROW.format(width=width, text=HYPHENATED), out,
                                             {"profile": "screen"}))
    return paths


def test_the_hyphen_ending_a_line_copies_as_the_readers_need():
    assert line_end_text("estab\u2010") == "-"  # dropped by the readers: establish
    assert line_end_text("well-") == "--"  # one dropped: well-known
    assert line_end_text("a -") is None and line_end_text("pro") is None
    assert line_end_text("estab\u2010", "rtl") is None


def test_words_broken_at_a_line_end_copy_whole(narrow):
    """At each measure some lines end with an automatic hyphen and some with
    a real one (as drawn); poppler and PDFium both copy the text as written."""
    automatic = hard = 0
    for width, path in narrow.items():
        lines = glyph_lines(path)
        automatic += sum(line.endswith("\u2010") for line in lines)
        hard += sum(bool(re.search(r"[a-z]-$", line)) for line in lines)
        assert poppler_copy(path) == [HYPHENATED], width
        assert pdfium_copy(path) == [HYPHENATED], width
    assert automatic >= 8 and hard >= 3, (automatic, hard)


def catalog_words() -> set[str]:
    catalog = read_catalog(ROOT / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po")
    return {word for message in catalog
            if message.id and message.context not in ("publication", "short_title")
            for word in message.string.split()}


def test_the_english_edition_copies_every_word_of_its_catalog_whole(built):
    """pdftotext of the sample's English edition (18 words came out split,
    ``estab‐ lish``, before): every word of the catalog is a word of the
    copy; PDFium copies the same words."""
    path = built / f"{SAMPLE_SLUG}.en.pdf"
    hyphenated = [line for line in glyph_lines(path) if line.endswith("\u2010")]
    assert len(hyphenated) >= 3  # the measure breaks words: the test can fail
    poppler = poppler_copy(path)
    copied = {word for page in poppler for word in page.split()}
    assert not catalog_words() - copied, sorted(catalog_words() - copied)[:10]
    assert "\u2010" not in " ".join(poppler)
    # PDFium reads the running header after the page's text, poppler before it
    assert [Counter(page.split()) for page in pdfium_copy(path)] == \
        [Counter(page.split()) for page in poppler]


def broken_across_pages(word: str, pages: list[str]) -> bool:
    """Hyphenated on the last line of a page: no copy of a page can mend it
    (poppler keeps ``integ-``; PDFium joins it to what the page draws next,
    a margin number: ``integ3``)."""
    return any(word[cut:] in after.split()
               and any(token.startswith(word[:cut]) for token in before.split())
               for before, after in zip(pages, pages[1:]) for cut in range(2, len(word) - 1))


def test_the_bilingual_edition_copies_its_english_whole(built):
    path = built / f"{SAMPLE_SLUG}.bilingual.pdf"
    for pages in poppler_copy(path), pdfium_copy(path):
        copied = {word for page in pages for word in page.split()}
        split = sorted(word for word in catalog_words() - copied
                       if not broken_across_pages(word, pages))
        assert not split, split[:10]


def languages_of_text(path: Path) -> list[tuple[str, str]]:
    """(language, text) of every marked-content sequence the structure tree
    holds: ``/Lang`` inherited down the tree from the catalog's, the text
    from the glyphs carrying the sequence's MCID."""
    language = {}
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}

        def walk(element, lang, page):
            if isinstance(element, int):
                language[(page, element)] = lang
                return
            if not isinstance(element, pikepdf.Dictionary):
                return
            lang = str(element.get("/Lang", lang))
            if "/Pg" in element:
                page = pages[element.Pg.objgen]
            kids = element.get("/K", [])
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid, lang, page)

        walk(pdf.Root.StructTreeRoot, str(pdf.Root.Lang), None)
    texts = {}
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (index, char["mcid"])
                    texts[key] = texts.get(key, "") + char["text"]
    return [(language[key], text) for key, text in texts.items() if key in language]


def test_the_bilingual_edition_marks_its_english(built):
    """Every English text (a lowercase word: the publication's English name
    too, a setting in no catalog) is in a structure element whose language
    is English; every Chinese one in Chinese; the document's own language
    stays."""
    path = built / f"{SAMPLE_SLUG}.bilingual.pdf"
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "zh-Hans"
    publication = load_project(ROOT).publication
    marked = languages_of_text(path)
    assert ("en", publication) in [(lang, text.strip()) for lang, text in marked]
    english = [(lang, text) for lang, text in marked if re.search(r"[a-z]{3,}", text)]
    chinese = [(lang, text) for lang, text in marked if HAN.search(text)]
    assert len(english) > 30 and len(chinese) > 30
    assert all(lang == "en" for lang, _ in english), [t for t in english if t[0] != "en"][:3]
    assert all(lang == "zh-Hans" for lang, _ in chinese), [t for t in chinese
                                                           if t[0] != "zh-Hans"][:3]


def test_chinese_in_the_english_edition_is_marked(capsys, project_copy):
    """An English draft shows an untranslated heading in Chinese: that text
    is Chinese in the structure tree, the rest English."""
    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Refined plans set the compass for transformation"', 'msgstr ""'),
        encoding="utf-8")
    run(capsys, project_copy, "build", "--edition", "en", "--allow-incomplete")
    path = project_copy / "dist" / f"{SAMPLE_SLUG}.en.draft.pdf"
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "en"
    marked = languages_of_text(path)
    chinese = [(lang, text) for lang, text in marked if HAN.search(text)]
    assert chinese and all(lang == "zh-Hans" for lang, _ in chinese), chinese
    english = [lang for lang, text in marked if re.search(r"[a-z]{3,}", text)]
    assert len(english) > 30 and set(english) == {"en"}
