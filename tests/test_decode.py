"""Encodings: detected by judging the result, or given; never silent mojibake."""
import dataclasses
import re

import pytest

from support import DATA, SAMPLE
from toolkit.read.decode import decode_source
from toolkit.errors import SourceError
from toolkit.read import load_article


def ud_pairs():
    with (DATA / "ud_gsd_trad_simp_pairs.tsv").open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def same_reading(article, reference):
    return dataclasses.replace(article, source_path="", encoding="") == \
        dataclasses.replace(reference, source_path="", encoding="")


@pytest.mark.parametrize("encoding", ["big5", "gb18030", "utf-16", "utf-8-sig"])
def test_sample_reads_the_same_in_every_encoding(tmp_path, encoding):
    # Big5 has no pinyin tone marks: compare the sample without its glosses.
    text = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)", "", SAMPLE.read_text(encoding="utf-8"))
    reference, path = tmp_path / "utf8" / SAMPLE.name, tmp_path / encoding / SAMPLE.name
    reference.parent.mkdir(), path.parent.mkdir()
    reference.write_text(text, encoding="utf-8")
    path.write_bytes(text.encode(encoding))
    article = load_article(path)
    assert same_reading(article, load_article(reference))
    assert article.encoding == encoding


def test_every_ud_sentence_is_detected_in_big5_and_gb18030():
    wrong = []
    for traditional, simplified in ud_pairs():
        for text, encoding in ((traditional, "big5"), (simplified, "gb18030"),
                               (traditional, "gb18030")):
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                continue  # a character the encoding lacks
            try:
                decoded, used = decode_source(data, "x.txt")
            except SourceError as error:
                decoded = str(error)
            if decoded != text:
                wrong.append((encoding, text, decoded))
    assert wrong == []


def test_explicit_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("標題\n正文。\n".encode("big5"))
    assert load_article(path, encoding="big5").title == "標題"
    with pytest.raises(SourceError, match=r"byte \d+: not valid utf-8"):
        load_article(path, encoding="utf-8")
    with pytest.raises(SourceError, match="unknown encoding 'klingon'"):
        load_article(path, encoding="klingon")


def test_undecodable_bytes_name_line_and_byte(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"title\nline two\n\x81\x39\xff\xfe\xfa\n")
    with pytest.raises(SourceError) as info:
        load_article(path)
    assert str(info.value).startswith(f"{path}:3: source: byte 15: cannot decode 0x81")


def test_damaged_utf8_is_not_taken_for_a_legacy_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("標題\n第一段正文。\n".encode() + b"\xe6\x96\n")
    with pytest.raises(SourceError, match="not valid UTF-8"):
        load_article(path)


def test_utf16_error_counts_lines_in_utf16(tmp_path):
    path = tmp_path / "a.txt"
    data = "標題\n第二行\n".encode("utf-16") + b"\x00\xd8"  # a lone high surrogate
    path.write_bytes(data)
    with pytest.raises(SourceError) as info:
        load_article(path)
    assert str(info.value).startswith(f"{path}:3: source: byte")
