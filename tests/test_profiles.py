"""Print profiles, reproducible output and previews, checked with pikepdf."""
import hashlib

import pdfplumber
import pikepdf
import pytest

from support import ROOT, SAMPLE_SLUG
from toolkit.pipeline.build import build
from toolkit.project import load_project

A4 = (595.28, 841.89)
BLEED = 3 * 72 / 25.4


@pytest.fixture(scope="module")
def profiles(tmp_path_factory):
    out = tmp_path_factory.mktemp("profiles")
    project = load_project(ROOT)
    for profile in ("press", "archive"):
        result = build(project, out_dir=out, editions=("zh-Hans",), profile=profile)
        assert not result.withheld
    return out


def box(page, name):
    return [round(float(v), 2) for v in page.obj[name]]


def test_screen_is_tagged_and_declares_pdf_ua(built):
    with pikepdf.open(built / f"{SAMPLE_SLUG}.zh-Hans.pdf") as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "zh-Hans"
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["dc:title"].startswith("加快转型升级")
        titles = [item.title for item in pdf.open_outline().root]
        assert titles[0].startswith("加快转型升级")


def test_press_has_bleed_and_crop_marks_around_an_a4_trim(profiles):
    path = profiles / f"{SAMPLE_SLUG}.zh-Hans.press.pdf"
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            trim, bleed, media = box(page, "/TrimBox"), box(page, "/BleedBox"), box(page, "/MediaBox")
            assert (round(trim[2] - trim[0], 2), round(trim[3] - trim[1], 2)) == A4
            assert bleed == [round(trim[0] - BLEED, 2), round(trim[1] - BLEED, 2),
                             round(trim[2] + BLEED, 2), round(trim[3] + BLEED, 2)]
            assert media[0] <= bleed[0] and media[2] >= bleed[2]
    with pdfplumber.open(path) as pdf:  # crop marks: strokes outside the trim box
        page = pdf.pages[0]
        outside = [o for o in page.lines + page.curves + page.rects
                   if o["x1"] < BLEED + 0.5 or o["x0"] > page.width - BLEED - 0.5]
    assert outside, "no crop marks in the bleed area"


def test_archive_is_pdf_a_3u_with_source_and_catalog_attached(profiles):
    with pikepdf.open(profiles / f"{SAMPLE_SLUG}.zh-Hans.archive.pdf") as pdf:
        with pdf.open_metadata() as xmp:
            assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "U")
        assert len(pdf.Root.OutputIntents) == 1
        attachments = pdf.attachments
        assert sorted(attachments) == [f"{SAMPLE_SLUG}.po", f"{SAMPLE_SLUG}.txt"]
        source = attachments[f"{SAMPLE_SLUG}.txt"]
        assert source.get_file().read_bytes() == (ROOT / "sources" / f"{SAMPLE_SLUG}.txt").read_bytes()
        params = source.obj.EF.F.Params
        assert str(params.CreationDate) == str(params.ModDate) == "D:20210721000000Z"


def test_same_inputs_give_byte_identical_pdfs(tmp_path, built, profiles):
    """Another run, another folder, later: the same bytes (dates come from
    the article's metadata, never the clock or a file's ctime)."""
    project = load_project(ROOT)
    build(project, out_dir=tmp_path)
    for profile in ("press", "archive"):
        build(project, out_dir=tmp_path, editions=("zh-Hans",), profile=profile)

    def digest(path):
        return hashlib.sha256(path.read_bytes()).hexdigest()

    for edition in ("zh-Hans", "en", "bilingual"):
        name = f"{SAMPLE_SLUG}.{edition}.pdf"
        assert digest(tmp_path / name) == digest(built / name), name
    for profile in ("press", "archive"):
        name = f"{SAMPLE_SLUG}.zh-Hans.{profile}.pdf"
        assert digest(tmp_path / name) == digest(profiles / name), name


def test_preview_renders_the_first_page(tmp_path, built):
    from PIL import Image

    from toolkit.pdf.preview import first_page_png

    target = first_page_png(built / f"{SAMPLE_SLUG}.zh-Hans.pdf", tmp_path / "p.png", scale=0.5)
    with Image.open(target) as image:
        assert image.format == "PNG"
        assert image.size == (round(A4[0] * 0.5), round(A4[1] * 0.5))
        # not blank: the masthead rule and the text make dark pixels
        assert image.convert("L").getextrema()[0] < 64


def test_cffi_parse_cache_round_trips(tmp_path):
    """The cache of cffi's parses gives back what parsing gives."""
    import cffi
    from cffi import cparser

    from toolkit.pdf.extension import cffi_cache

    saved = cparser._get_parser, getattr(cparser, "_toolkit_cache", False)
    try:
        cparser._toolkit_cache = False
        cffi_cache.install(tmp_path)
        declarations = "typedef struct { int x, y; } point_t; int area(point_t *p);"
        first = cffi.FFI()
        first.cdef(declarations)
        assert len(list(tmp_path.glob("*.pickle"))) >= 1
        second = cffi.FFI()
        second.cdef(declarations)  # now read back from the cache
        assert second.sizeof("point_t") == first.sizeof("point_t") == 8
        assert second.typeof("int(*)(point_t *)") is not None
    finally:
        cparser._get_parser, cparser._toolkit_cache = saved
