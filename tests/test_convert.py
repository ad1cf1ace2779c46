import csv

import pytest

from support import DATA, SAMPLE
from toolkit.convert.simplify import article_text, convert_article, to_simplified
from toolkit.read import load_article

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


from toolkit.convert.simplify import config_file, read_phrases
from toolkit.project import SIMPLIFYING_CONFIGS
from toolkit.errors import ConfigError
from toolkit.convert.report import conversion_report

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


# The toolkit's phrase dictionary (toolkit/convert/data/phrases.tsv), between a
# project's phrases and OpenCC's own dictionaries.
import sys  # noqa: E402

import opencc  # noqa: E402

from toolkit.convert.simplify import TOOLKIT_PHRASES, converter, toolkit_phrases

sys.path.insert(0, str(DATA.parent.parent / "benchmarks"))
from bench_convert import han_errors as _han_errors  # noqa: E402  (the benchmark's measure)

with (DATA / "ud_gsd_trad_simp_pairs.tsv").open(encoding="utf-8") as pairs_file:
    UD_PAIRS = [tuple(line.rstrip("\n").split("\t")) for line in pairs_file if line.strip()]


@pytest.mark.parametrize("config", SIMPLIFYING_CONFIGS)
def test_particle_zhe_after_a_verb_before_a_zhu_word(config):
    # OpenCC alone takes 著錄 as a word: 举著录音笔 in every config
    assert to_simplified("舉著錄音筆", config, toolkit=False) == "举著录音笔"
    assert to_simplified("舉著錄音筆", config) == "举着录音笔"
    assert to_simplified("他拿著書，隨著時間，起著作用", config) == "他拿着书，随着时间，起着作用"
    # … while 著 stays where it is zhù
    assert to_simplified("著名學者的著作，成效顯著地提高，土著", config) == \
        "著名学者的著作，成效显著地提高，土著"
    assert to_simplified("邀請著名導演，以美食著稱，發表著作", config) == \
        "邀请著名导演，以美食著称，发表著作"


@pytest.mark.parametrize("config", SIMPLIFYING_CONFIGS)
def test_mainland_forms_that_opencc_leaves(config):
    assert to_simplified("牠們的砲彈，姪子的帳戶，模様", config) == "它们的炮弹，侄子的账户，模样"
    assert to_simplified("走入帳篷", config) == "走入帐篷"


@pytest.mark.parametrize("config", ["t2s", "tw2s"])
def test_fewer_han_errors_than_bare_opencc_on_the_ud_pairs(config):
    bare, ours = converter(config, toolkit=False), converter(config)
    bare_errors = sum(_han_errors(bare.convert(t), s) for t, s in UD_PAIRS)
    our_errors = sum(_han_errors(ours.convert(t), s) for t, s in UD_PAIRS)
    assert our_errors < bare_errors
    # and no sentence is made worse
    assert not [t for t, s in UD_PAIRS
                if _han_errors(ours.convert(t), s) > _han_errors(bare.convert(t), s)]


@pytest.mark.parametrize("config", SIMPLIFYING_CONFIGS)
def test_project_phrases_beat_the_toolkits(tmp_path, config):
    phrases_file = tmp_path / "phrases.txt"
    phrases_file.write_text("帳戶\t帐户\n執著\t执著\n", encoding="utf-8")  # a house style
    text = "銀行帳戶，執著，拿著書"
    assert to_simplified(text, config) == "银行账户，执着，拿着书"
    assert to_simplified(text, config, read_phrases(phrases_file)) == "银行帐户，执著，拿着书"


@pytest.mark.parametrize("config", SIMPLIFYING_CONFIGS)
def test_bare_opencc_on_request_and_no_change_without_entries(config):
    text = "頭髮回覆乾淨，後來發展軟體"  # no entry of the toolkit's in it
    bare = opencc.OpenCC(config).convert(text)
    assert converter(config, toolkit=False).convert(text) == bare
    assert to_simplified(text, config) == bare  # OpenCC's phrases still apply (回覆 → 回复)


def test_toolkit_phrases_ship_with_the_package_and_parse():
    assert TOOLKIT_PHRASES.parent.name == "data" and TOOLKIT_PHRASES.parent.parent.name == "convert"
    phrases = toolkit_phrases()
    keys = [t for t, _ in phrases.pairs]
    assert len(keys) == len(set(keys)) > 500
    assert ("舉著", "举着") in phrases.pairs and ("牠", "它") in phrases.pairs
    assert toolkit_phrases() is phrases  # read once per process
