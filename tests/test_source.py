
import pytest

from support import SAMPLE
from toolkit.errors import SourceError
from toolkit.model import HEADING, PARAGRAPH
from toolkit.read import load_article
from toolkit.read.page_text import read_article


@pytest.fixture(scope="module")
def sample():
    return load_article(SAMPLE)


def test_sample_structure(sample):
    assert sample.slug == "jinshan-digital-transformation"
    assert sample.title == "加快轉型升級 助力“三個灣區”，金山區召開城市數字化轉型推進大會"
    assert [b.text for b in sample.headings] == [
        "完善規劃，錨定轉型“定盤星”", "合作簽約，按下轉型“加速鍵”", "授牌基地，開啟轉型“新征程”"]
    assert [b.line for b in sample.headings] == [5, 8, 13]
    assert sum(b.kind == PARAGRAPH for b in sample.blocks) == 10


def test_sample_dateline_is_fields_and_leaves_the_paragraph(sample):
    d = sample.dateline
    assert (d.agency, d.place, d.month, d.day, d.reporter) == ("人民網", "上海", 7, 21, "王文娟")
    assert sample.blocks[0].text.startswith("7月21日，金山區舉行")


def test_sample_loses_glosses_and_share_widget(sample):
    text = "".join(b.text for b in sample.blocks) + sample.title
    assert "(" not in text and "zhuǎn" not in text
    assert len(sample.glosses) == 180
    assert sample.glosses[0].han == "轉" and sample.glosses[0].reading == "zhuǎn"
    assert sample.dropped == ((16, "分享讓更多人看到", "share widget"),)
    assert "分享" not in text


def test_author_spaces_stay(sample):
    assert "升級 助力" in sample.title
    assert "數字化轉型 加快" in sample.blocks[3].text


def test_hard_wrapped_lines_are_joined_without_space():
    text = ("標題\n\n"
            "這是一個被硬換行的很長的段落，它的第一行沒有句末標點所以應該和下一行\n"
            "連在一起，成為一個段落。\n")
    article = read_article(text, path="x.txt", slug="x")
    assert [b.text for b in article.blocks] == [
        "這是一個被硬換行的很長的段落，它的第一行沒有句末標點所以應該和下一行連在一起，成為一個段落。"]


def test_heading_needs_paragraph_after_it():
    article = read_article("標題\n第一段。\n小標題\n第二段。\n結尾短句\n", path="x.txt", slug="x")
    assert [(b.kind, b.text) for b in article.blocks] == [
        (PARAGRAPH, "第一段。"), (HEADING, "小標題"), (PARAGRAPH, "第二段。"), (PARAGRAPH, "結尾短句")]


def test_missing_file(tmp_path):
    with pytest.raises(SourceError) as info:
        load_article(tmp_path / "nope.txt")
    assert str(info.value) == f"{tmp_path / 'nope.txt'}: source: no such file"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match="empty file"):
        load_article(path)


def test_blank_file_names_line(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n")
    with pytest.raises(SourceError) as info:
        load_article(path)
    assert str(info.value).startswith(f"{path}:1: source: empty file")


def test_not_utf8_names_line_and_byte(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("標題\n第一段。\n".encode() + b"\xff\xfe broken\n")
    with pytest.raises(SourceError) as info:
        load_article(path)
    assert str(info.value).startswith(f"{path}:3: source: byte 20: cannot decode 0xff")
    assert info.value.exit_status == 2


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "標題\n正文。\n".encode())
    assert load_article(path).title == "標題"


def test_long_unpunctuated_title_does_not_swallow_the_first_paragraph():
    title = "轉" * 40
    article = read_article(f"{title}\n第一段。\n", path="x.txt", slug="x")
    assert article.title == title and [b.text for b in article.blocks] == ["第一段。"]
