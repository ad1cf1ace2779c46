import pytest

from toolkit.read.chars import full_width_punctuation, is_pinyin_syllable, strip_glosses


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
    from toolkit.read.lines import normalise

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


@pytest.mark.parametrize("text, expected", [
    # curly quotes count as what they quote
    ("“好”,“壞”", "“好”，“壞”"),
    ("“AI”,“大數據”", "“AI”，“大數據”"),
    ("‘甲’;‘乙’", "‘甲’；‘乙’"),
    ("他說:“你好”", "他說：“你好”"),
    ("「好」,「壞」", "「好」，「壞」"),
    ("“Hello”, he said", "“Hello”, he said"),
    ("‘a’:‘b’", "‘a’:‘b’"),
    # a run of ? and ! turns as one
    ("真的?!", "真的？！"),
    ("真的!?", "真的！？"),
    ("太好了!!", "太好了！！"),
    ("真的？!", "真的？！"),
    ("真的!？", "真的！？"),
    ("what?!", "what?!"),
    # the small form variants of Big5 text
    ("你好﹔我好﹐他﹑她﹕是﹖對﹗", "你好；我好，他、她：是？對！"),
    ("圓周率3﹒14", "圓周率3﹒14"),
])
def test_full_width_punctuation_quotes_runs_and_small_forms(text, expected):
    assert full_width_punctuation(text) == expected


def test_changed_marks_are_reported_at_their_offsets():
    changes: list[int] = []
    result = full_width_punctuation("“好”,“壞”?!﹔a, b", changes)
    assert result == "“好”，“壞”？！；a, b"
    assert changes == [3, 7, 8, 9]
    assert all(result[offset] in "，？！；" for offset in changes)
