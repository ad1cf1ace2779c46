"""Quality checks on catalogs, numbers first: they must understand Chinese."""
import pytest
from babel.messages.catalog import Message

from toolkit.catalog import new_catalog
from toolkit.checks import check_catalog, read_glossary
from toolkit.numbers import chinese_quantities, missing_quantities


@pytest.mark.parametrize("source, translation", [
    ("核心数字经济产值规模突破200亿元。", "the core digital economy will top 20 billion yuan."),
    ("基地落户企业超2600家。", "more than 2,600 companies have registered."),
    ("占比高达70%。", "accounting for as much as 70 percent."),
    ("占比高达70%。", "accounting for as much as 70%."),
    ("7月21日，金山区举行大会。", "On July 21, Jinshan District held a conference."),
    ("“十四五”规划", "the 14th Five-Year Plan"),
    ("三个领域", "three areas"),
    ("建设15个互联网医院、10个智慧村庄", "building 15 internet hospitals and ten smart villages"),
    ("第三个方面", "the third aspect"),
    ("两千六百家企业", "2,600 enterprises"),
    ("1.5万人", "15,000 people"),
    ("“1+1+3”转型体系", "a “1+1+3” transformation framework"),
])
def test_numbers_understood_across_languages(source, translation):
    assert missing_quantities(source, translation) == []


@pytest.mark.parametrize("source", [
    "对建设内涵进行了进一步丰富和明确。", "吸引一批企业总部入驻。", "成为重要一员。",
    "促进区域统一发展。", "云联万家", "数融百业", "一区一特",
])
def test_words_that_are_not_quantities(source):
    assert chinese_quantities(source) == []


@pytest.mark.parametrize("source, translation, missing", [
    ("突破200亿元。", "will top 2 billion yuan.", ["200亿"]),
    ("7月21日举行", "held on July 20", ["21日"]),
    ("7月21日举行", "held on the 21st of June", ["7月21日"]),
    ("三个领域", "several areas", ["三"]),
    ("占比70%", "a share of 17%", ["70%"]),
])
def test_missing_quantities_are_found(source, translation, missing):
    assert missing_quantities(source, translation) == missing


def catalog_of(*messages):
    catalog = new_catalog("a", "en")
    for number, (msgid, msgstr, *rest) in enumerate(messages):
        flags = rest[0] if rest else ()
        comments = rest[1] if len(rest) > 1 else []
        message = Message(msgid, msgstr, flags=flags, user_comments=comments)
        message.lineno = 10 + number
        catalog[msgid] = message
    return catalog


def findings(*messages, glossary=None):
    return [(f.line, f.check, f.severity) for f in
            check_catalog(catalog_of(*messages), "a.po", glossary or {}, with_ratio=False)]


def test_each_check_reports_file_line_check_severity():
    catalog = catalog_of(("三个领域", "three areas"), ("未译", ""))
    (finding,) = check_catalog(catalog, "a.po", {}, with_ratio=False)
    assert str(finding) == "a.po:11: untranslated: error: no translation"


@pytest.mark.parametrize("message, expected", [
    (("未译", ""), [(10, "untranslated", "error")]),
    (("改过", "changed", {"fuzzy"}), [(10, "fuzzy", "error")]),
    (("金山", "金山"), [(10, "identical", "warning"), (10, "han", "error")]),
    (("金山区", "Jinshan 区"), [(10, "han", "error")]),
    (("他说“好”", 'he said "yes"'), [(10, "quotes", "warning")]),
    (("（王文娟", "(Wang Wenjuan)"), [(10, "brackets", "error")]),
    (("《意见》", "the “Opinions"), [(10, "brackets", "error")]),
    (("Jinshan’s plan", "Jinshan’s plan"), []),
    (("三个领域", "the areas"), [(10, "numbers", "error")]),
])
def test_checks(message, expected):
    assert findings(message) == expected


def test_a_translator_silences_one_check_on_one_message():
    silenced = ("三个领域", "the areas", (), ["ignore-check: numbers (the source counts loosely)"])
    assert findings(silenced) == []
    assert findings(silenced, ("七个", "the rest")) == [(11, "numbers", "error")]


def test_glossary_is_followed_wherever_the_term_occurs():
    glossary = read_glossary("# terms\n商汤集团\tSenseTime\n", "g.tsv")
    assert findings(("与商汤集团签约", "signed with Shangtang Group"), glossary=glossary) == [
        (10, "glossary", "error")]
    assert findings(("与商汤集团签约", "signed with SenseTime Group"), glossary=glossary) == []


def test_length_ratio_outliers():
    usual = [(f"第{n}个很平常的句子，长度适中。", f"Sentence {n} is an ordinary one, of medium length.")
             for n in range(2, 8)]
    odd = ("这一句的译文短得出奇，几乎什么都没有翻译出来。", "No.")
    catalog = catalog_of(*usual, odd)
    found = [(f.line, f.check) for f in check_catalog(catalog, "a.po", {})]
    assert found == [(16, "length")]
