import csv

import pytest

from conftest import DATA, SAMPLE
from toolkit.convert import article_text, convert_article, to_simplified
from toolkit.source import load_article

with (DATA / "opencc_t2s_cases.tsv").open(encoding="utf-8") as cases_file:
    CASES = list(csv.reader(cases_file, delimiter="\t"))


@pytest.mark.parametrize("config, source, expected", CASES,
                         ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CASES)])
def test_opencc_hard_cases(config, source, expected):
    assert to_simplified(source, config) == expected


def test_sample_converts_to_simplified():
    article = convert_article(load_article(SAMPLE), "tw2s")
    text = article_text(article)
    assert article.script == "zh-Hans"
    assert "数字化转型" in text and "金山区" in text
    for traditional in "數轉區灣網著":
        assert traditional not in text
    assert "着手" in text and "标志着" in text
    assert text.startswith("加快转型升级 助力“三个湾区”，金山区召开城市数字化转型推进大会\n\n"
                           "人民网上海7月21日电（王文娟）\n\n7月21日，金山区举行")
    assert article.dateline.agency == "人民网"


def test_corner_brackets_become_curly_quotes():
    assert to_simplified("他說「你好『朋友』」") == "他说“你好‘朋友’”"
