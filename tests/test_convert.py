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


from pathlib import Path  # noqa: E402

from toolkit.convert import SIMPLIFYING_CONFIGS, config_file, read_phrases  # noqa: E402
from toolkit.errors import ConfigError  # noqa: E402
from toolkit.report import conversion_report  # noqa: E402

SENTENCE = "五個方面著手，天徵聚合，乾隆年間，軟體"


@pytest.mark.parametrize("config", SIMPLIFYING_CONFIGS)
def test_project_phrases_override_opencc_in_every_config(tmp_path, config):
    phrases_file = tmp_path / "phrases.txt"
    phrases_file.write_text("# house names\n\n天徵聚合\t天徵聚合\n著手\t着手\n", encoding="utf-8")
    phrases = read_phrases(phrases_file)
    bare = to_simplified(SENTENCE, config)
    ours = to_simplified(SENTENCE, config, phrases)
    assert "天征聚合" in bare  # OpenCC alone turns the name's 徵 into 征
    assert "天徵聚合" in ours and "着手" in ours
    # everything else converts as OpenCC does
    assert ours.replace("天徵聚合", "天征聚合").replace("着手", "著手") == \
        bare.replace("着手", "著手")


def test_phrase_file_errors_name_the_line(tmp_path):
    path = tmp_path / "phrases.txt"
    path.write_text("著手\t着手\nno tab here\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        read_phrases(path)
    assert str(info.value).startswith(f"{path}:2: config: expected 'Traditional<TAB>Simplified'")


def test_unknown_config_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown OpenCC config 's2t'"):
        config_file("s2t")


def test_report_lists_glosses_conversions_and_ambiguous_characters():
    source = load_article(SAMPLE)
    report = conversion_report(source, convert_article(source, "tw2s"), config="tw2s")
    assert "Stripped: 180 pinyin glosses, 1 boilerplate lines" in report
    assert "  line 1: 轉(zhuǎn) 區(qū) 區(qū) 數(shù) 轉(zhuǎn)" in report
    assert "line 16: dropped (share widget) '分享讓更多人看到'" in report
    assert "Normalised: 67 half-width punctuation marks made full-width" in report
    assert "數→数 ×34" in report
    assert "  line 6: 著 → 着: …字安全等五个方面[着]手，逐步将金山打…" in report
    assert "  line 15: 徵 → 征: …" in report
