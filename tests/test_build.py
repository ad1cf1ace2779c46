"""The sample built end to end, checked as a reader gets it: text, outline,
fonts, metadata of the PDFs."""
import re

import pytest
from pypdf import PdfReader

from support import HAN, ROOT, SAMPLE_SLUG, pdf_text
from toolkit.catalogs.po import read_catalog

TRADITIONAL_ONLY = "數轉區灣網這創發規劃錨盤簽鍵啟"


def squeeze(text: str) -> str:
    """Text with line breaks, spaces and hyphens (line-end hyphenation) removed."""
    return re.sub(r"[\s\-\u2010\u00ad]", "", text)


@pytest.fixture(scope="module")
def zh(built):
    return built / f"{SAMPLE_SLUG}.zh-Hans.pdf"


@pytest.fixture(scope="module")
def en(built):
    return built / f"{SAMPLE_SLUG}.en.pdf"


def test_all_three_editions_are_written(built):
    assert sorted(p.name for p in built.iterdir() if p.name != ".toolkit-manifest.json") == [
        f"{SAMPLE_SLUG}.bilingual.pdf", f"{SAMPLE_SLUG}.conversion.txt", f"{SAMPLE_SLUG}.en.pdf",
        f"{SAMPLE_SLUG}.zh-Hans.pdf"]


def test_chinese_edition_text(zh):
    text = pdf_text(zh)
    flat = squeeze(text)
    assert "数字化转型" in flat and "金山区" in flat
    assert "人民网上海7月21日电" in flat
    for char in TRADITIONAL_ONLY:
        assert char not in text, char
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)", text)
    assert "分享" not in text
    assert "，金山区召开" in flat and "（王文娟）" not in flat  # reporter goes to the byline
    # The source credits "(王文娟)" without 记者: the edition adds nothing.
    assert "电王文娟7月21日" in flat and "记者" not in flat


def test_chinese_outline_has_title_and_three_headings(zh):
    reader = PdfReader(zh)
    top = reader.outline
    titles = [item.title for item in top if not isinstance(item, list)]
    children = [item.title for item in top[1]] if isinstance(top[1], list) else []
    assert titles == ["加快转型升级 助力“三个湾区”，金山区召开城市数字化转型推进大会"]
    assert children == ["完善规划，锚定转型“定盘星”", "合作签约，按下转型“加速键”",
                        "授牌基地，开启转型“新征程”"]


def test_english_edition_holds_the_whole_translation_and_no_han(en):
    text = pdf_text(en)
    assert not HAN.search(text), HAN.findall(text)[:10]
    assert "Page 1 of " in text and "Jinshan’s Digital Transformation Drive" in text
    flat = squeeze(pdf_text(en, body_only=True))
    catalog = read_catalog(ROOT / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po")
    for message in catalog:
        if message.id and message.context not in ("publication", "short_title"):
            assert squeeze(message.string) in flat, message.string[:60]
    assert "Shanghai,July21,2021(People’sDailyOnline)" in flat
    assert "ByWangWenjuan" in flat and "Source:People’sDailyOnline" in flat


@pytest.mark.parametrize("edition, lang, title_start", [
    ("zh-Hans", "zh-Hans", "加快转型升级"), ("en", "en", "Jinshan District Holds")])
def test_metadata(built, edition, lang, title_start):
    reader = PdfReader(built / f"{SAMPLE_SLUG}.{edition}.pdf")
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata.title.startswith(title_start)
    assert reader.metadata["/CreationDate"].startswith("D:20210721")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert len(reader.pages) >= 2


def embedded_fonts(path):
    """(base font name, has an embedded font file) for every font used."""
    reader = PdfReader(path)
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                has_file = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[str(descendant.get_object()["/BaseFont"])] = has_file
    return found


@pytest.mark.parametrize("edition", ["zh-Hans", "en"])
def test_fonts_are_embedded_subsets(built, edition):
    fonts = embedded_fonts(built / f"{SAMPLE_SLUG}.{edition}.pdf")
    assert fonts
    for name, has_file in fonts.items():
        assert has_file, name
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
    if edition == "zh-Hans":
        assert any("Noto-Serif-CJK-SC" in name for name in fonts)
    else:
        assert any(re.search(r"\+Noto-?Serif$", name) for name in fonts), fonts


def test_a_desk_without_a_design_uses_the_packaged_one_and_overrides_file_by_file(
        capsys, project_copy):
    """No templates/ and no labels: the packaged design and its English
    labels; one file of the project's own: it, over the rest of the package's."""
    import shutil

    from support import pdf_text
    from toolkit.cli import main

    shutil.rmtree(project_copy / "templates")
    (project_copy / "locales/en/LC_MESSAGES/labels.po").unlink()
    (project_copy / "locales/labels.pot").unlink()
    assert main(["-C", str(project_copy), "build"]) == 0
    dist = project_copy / "dist"
    assert "English edition" in pdf_text(dist / "jinshan-digital-transformation.en.pdf")
    (project_copy / "templates").mkdir()
    (project_copy / "templates" / "brief.css").write_text(
        (ROOT / "templates" / "brief.css").read_text(encoding="utf-8")
        + "\n.masthead::after { content: 'HOUSE STYLE'; }\n", encoding="utf-8")
    assert main(["-C", str(project_copy), "build"]) == 0  # every edition made again
    capsys.readouterr()
    assert "HOUSE STYLE" in pdf_text(dist / "jinshan-digital-transformation.zh-Hans.pdf")
