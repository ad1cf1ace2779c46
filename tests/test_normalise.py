import pytest

from toolkit.normalise import full_width_punctuation, is_pinyin_syllable, strip_glosses


@pytest.mark.parametrize("text, expected, readings", [
    ("加快轉(zhuǎn)型", "加快轉型", ["zhuǎn"]),
    ("灣區(qū)", "灣區", ["qū"]),
    ("綠(lǜ)色", "綠色", ["lǜ"]),
    ("嗯(ń)", "嗯", ["ń"]),
    ("網(wǎng)絡(luò)化 河北農(nóng)業(yè)大學", "網絡化 河北農業大學", ["wǎng", "luò", "nóng", "yè"]),
])
def test_glosses_are_stripped(text, expected, readings):
    stripped, removed = strip_glosses(text)
    assert stripped == expected
    assert [reading for _, _, reading in removed] == readings
    assert all(text[offset - 1] == han for offset, han, _ in removed)


@pytest.mark.parametrize("text", [
    "人工智能(AI)", "年份(2021)", "首都(Beijing)", "電 (王文娟)", "詳情(見附件)",
    "第(1)條", "轉型(zhuǎnxíng)", "的(de)", "(zhuǎn)開頭",
])
def test_real_parenthesised_text_stays(text):
    assert strip_glosses(text) == (text, [])


def test_gloss_written_with_combining_tone_mark_is_stripped():
    from toolkit.source import normalise

    decomposed = "標題\n轉(zhua\u030cn)型"  # NFD input, as some scrapers produce
    normal = normalise(decomposed)
    assert normal.text == "標題\n轉型"
    assert [(g.line, g.han, g.reading) for g in normal.glosses] == [(2, "轉", "zhuǎn")]


def test_pinyin_syllable_shape():
    assert is_pinyin_syllable("zhuǎn") and is_pinyin_syllable("nǚ")
    assert not is_pinyin_syllable("zhuan")  # no tone mark: not a gloss we can be sure of
    assert not is_pinyin_syllable("zhuǎnxíng")


@pytest.mark.parametrize("text, expected", [
    ("7月21日,金山", "7月21日，金山"),
    ("70%,金山", "70%，金山"),
    ("(王文娟)", "（王文娟）"),
    ("電 (王文娟)7月", "電 （王文娟）7月"),
    ("“三個灣區”,金山", "“三個灣區”，金山"),
    ("中國科技開發院(上海)創新", "中國科技開發院（上海）創新"),
    ("在(AI)領域", "在（AI）領域"),
    ("為什麼?真的!", "為什麼？真的！"),
    ("比例:70%;繼續", "比例：70%；繼續"),
    ("“1+1+3”轉型", "“1+1+3”轉型"),
    ("AI+應用", "AI+應用"),
    ("3:2", "3:2"),
    ("a, b (c)", "a, b (c)"),
])
def test_full_width_punctuation(text, expected):
    assert full_width_punctuation(text) == expected
