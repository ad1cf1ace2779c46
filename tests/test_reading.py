"""Reading page text: furniture, datelines, damage, and the editor's sidecar."""
from __future__ import annotations

import pytest

from support import SAMPLE_SLUG, run
from toolkit.model import chinese_byline, chinese_dateline
from toolkit.read.dateline import parse_byline, parse_dateline
from toolkit.errors import SourceError
from toolkit.model import HEADING, PARAGRAPH
from toolkit.render.filters import tidy
from toolkit.read.page_text import read_article

PAGE = """人民網
首頁|時政|國際|社會|財經
人民網>>社會>>正文
金山區召開城市數字化轉型推進大會
2021年07月21日15:00 | 來源：人民網－上海頻道
小字號
人民網上海7月21日電 （記者王文娟）7月21日，金山區舉行城市數字化轉型推進大會，再謀劃、再部署、再動員。
金山將以轉型新發展塑造新形象為主線，以產業轉型為核心，全面統籌空間轉型和治理轉型，全力打響城市品牌。
完善規劃
會上，解讀了實施意見，對建設內涵進行了進一步豐富和明確，金山將從五個方面著手推進轉型。
[責任編輯：段雯婷]
分享
相關新聞
金山區舉辦數字經濟論壇
關於我們|本網動態|人民網招聘|聯繫我們
"""


def test_a_page_reads_as_its_article():
    article = read_article(PAGE, path="p.txt", slug="p")
    assert article.title == "金山區召開城市數字化轉型推進大會"
    d = article.dateline
    assert (d.agency, d.place, d.month, d.day, d.reporter, d.reporter_title) == (
        "人民網", "上海", 7, 21, "王文娟", "記者")
    assert str(article.date) == "2021-07-21"
    assert [(b.kind, b.text[:4]) for b in article.blocks] == [
        (PARAGRAPH, "7月21"), (PARAGRAPH, "金山將以"), (HEADING, "完善規劃"), (PARAGRAPH, "會上，解")]
    rules = {text: rule for _, text, rule in article.dropped}
    assert rules["[責任編輯：段雯婷]"] == "editor credit"
    assert rules["關於我們|本網動態|人民網招聘|聯繫我們"] in ("nav bar", "contact line")
    assert rules["人民網>>社會>>正文"] == "breadcrumb"
    assert rules["金山區舉辦數字經濟論壇"] == "related links"


@pytest.mark.parametrize("text, parts", [
    ("中新社北京九月二十七日電 題：兩岸青年", ("中新社", "北京", 9, 27, "")),
    ("（中央社記者邱俊欽桃園19日電）桃園市", ("中央社", "桃園", 0, 19, "邱俊欽")),
    ("台灣網12月10日陵縣消息 9日，", ("台灣網", "陵縣", 12, 10, "")),
    ("〔記者凌美雪／台北報導〕文化部", ("", "台北", 0, 0, "凌美雪")),
    ("（北京綜合訊）北京市交通委員會", ("", "北京", 0, 0, "")),
    ("新华社北京11月17日电 记者17日从", ("新华社", "北京", 11, 17, "")),
])
def test_datelines_of_many_agencies(text, parts):
    dateline, rest = parse_dateline(text)
    assert (dateline.agency, dateline.place, dateline.month, dateline.day,
            dateline.reporter) == parts
    assert rest and rest[0] not in "）〕 "


def test_a_date_before_the_headline_dates_the_article():
    text = ("首頁 > 政策\n"
            "date 2025-09-26 政府公布新一期長者數碼計劃\n"
            "政府今日公布，新一期計劃將於十月一日起推行，為期兩年，繼續以外展形式為長者提供培訓。\n")
    article = read_article(text, path="p.txt", slug="p")
    assert article.title == "政府公布新一期長者數碼計劃" and str(article.date) == "2025-09-26"


def test_a_day_only_dateline_takes_its_month_from_the_article_date():
    text = ("平鎮輪胎行惡火 疏散7人1女命喪\n最新更新：2016/03/19 10:48\n"
            "（中央社記者邱俊欽桃園19日電）桃園市平鎮區一家輪胎行今天清晨發生大火，7人從火場中疏散。\n")
    d = read_article(text, path="p.txt", slug="p").dateline
    assert (d.month, d.day) == (3, 19)


def test_editions_print_only_the_parts_the_source_has():
    unlabelled = parse_dateline("人民网上海7月21日电 （王文娟）7月")[0]
    assert chinese_dateline(unlabelled) == "人民网上海7月21日电"
    assert chinese_byline(unlabelled) == "王文娟"  # no 记者 the source did not write
    byline = parse_byline("〔记者凌美雪／台北报导〕")
    assert chinese_dateline(byline) == "" and chinese_byline(byline) == "记者凌美雪／台北报导"
    day_only = parse_dateline("中央社／ 台北10日電 行政院")[0]
    assert chinese_dateline(day_only) == "中央社台北10日電"
    assert tidy(", March 10 ()") == "March 10" and tidy("TAIPEI, March 10 (CNA)") == \
        "TAIPEI, March 10 (CNA)"


def test_a_sentence_closed_by_a_credit_is_not_joined_to_the_next_line():
    text = ("標題在這裡\n"
            "這是一個很長的段落，在最後有一個來源的括號，不應把下一行接上來，否則文字就被改了。（來源：新華社）\n"
            "下一行是另一個段落，它也有足夠的長度，所以不會被當成小標題來處理，也會被保留下來。\n")
    blocks = read_article(text, path="p.txt", slug="p").blocks
    assert len(blocks) == 2
    assert blocks[0].text.endswith("。（來源：新華社）") and blocks[1].text.endswith("也會被保留下來。")


@pytest.mark.parametrize("line", ["2019年11月08日15:00 |", "5034", "****************", "小字號",
                                  "（圖片來源：中國臺灣網）", "【字體：大 中 小】", "微信公眾號"])
def test_furniture_is_never_a_heading(line):
    text = ("標題在這裡\n第一段很長，足以成為正文的一部分，而且以句號結束，這樣就是正文。\n"
            f"{line}\n第二段也很長，足以成為正文的一部分，而且以句號結束，這樣就是正文。\n")
    article = read_article(text, path="p.txt", slug="p")
    assert not article.headings
    assert line not in [b.text for b in article.blocks]


def test_damage_is_a_warning_with_its_line():
    text = ("標題\n\n第一段正常的文字，說明情況。\n\n"
            "這裡有亂碼跟茠漱Q年和?qū)Я髦的文字，還有<li id=\"x\"></li>標記。\n\n袡C(jī)会議\n")
    article = read_article(text, path="p.txt", slug="p")
    messages = {line: [] for line, _ in article.warnings}
    for line, message in article.warnings:
        messages[line].append(message)
    assert any("mojibake" in m for m in messages[5])
    assert any("markup" in m for m in messages[5])
    assert any("pinyin" in m for m in messages[7])
    # the gloss next to damage is reported, not made full-width
    assert any("(jī)" in b.text for b in article.blocks)


def test_a_source_mostly_damaged_is_refused():
    text = "標題\n\n" + "茠漱Q袡C" * 20 + "正常。\n"
    with pytest.raises(SourceError) as error:
        read_article(text, path="p.txt", slug="p")
    assert error.value.line == 3 and "damaged" in error.value.message


def test_an_unsure_title_is_said_with_the_sidecar_fix():
    text = "一段很長的摘要文字，沒有標題，直接開始講事情的經過，並且以句號結束。\n第二段。\n"
    article = read_article(text, path="p.txt", slug="p")
    assert any("title guessed" in m and "p.meta.toml" in m for _, m in article.warnings)


# The sidecar, through the command line, in a copy of the sample project.

def write_sidecar(project, text):
    path = project / "sources" / f"{SAMPLE_SLUG}.meta.toml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def convert_json(capsys, project):
    import json

    status, out, err = run(capsys, project, "convert", "--json",
                           str(project / "sources" / f"{SAMPLE_SLUG}.txt"))
    assert status == 0, err
    return json.loads(out), err


def test_sidecar_sets_title_drops_blocks_and_moves_headings(capsys, project_copy):
    source = project_copy / "sources" / f"{SAMPLE_SLUG}.txt"
    before = source.read_bytes()
    write_sidecar(project_copy, '\ntitle = "金山區推進城市數字化轉型"\n'
                                'drop = ["近期.*"]\n'
                                'headings = { force = ["在經濟領域，將開展“一區一特”數字賦能、無人系統研發應用、'
                                '數字服務商培育等方面的合作，共同推動人工智能技術在金山農業、化工和傳統製造業的深度應用，'
                                '促進金山“數商”新業態的形成。"], forbid = ["完善规划，锚定转型“定盘星”"] }\n'
                                'dateline = false\n')
    document, _ = convert_json(capsys, project_copy)
    assert document["title"] == "金山区推进城市数字化转型"
    assert document["dateline"] is None
    texts = [b["text"] for b in document["blocks"]]
    assert not any(t.startswith("近期") for t in texts)
    kinds = {b["text"][:4]: b["kind"] for b in document["blocks"]}
    assert kinds["完善规划"] == "paragraph" and kinds["在经济领"] == "heading"
    assert source.read_bytes() == before  # the source stays byte-identical


def test_sidecar_dateline_table_and_unknown_key(capsys, project_copy):
    write_sidecar(project_copy, '\ntitel = "typo"\n[dateline]\nagency = "人民網"\nplace = "北京"\n'
                                'month = 7\nday = 22\n')
    document, err = convert_json(capsys, project_copy)
    assert document["dateline"]["place"] == "北京" and document["dateline"]["day"] == 22
    assert f"{SAMPLE_SLUG}.meta.toml:" in err and "config: warning: unknown key 'titel'" in err
    status, out, _ = run(capsys, project_copy, "check")
    assert "config: warning: unknown key 'titel'" in out


def test_title_from_sidecar_is_not_repeated_in_the_body(capsys, project_copy):
    write_sidecar(project_copy, '\ntitle = "完善規劃，錨定轉型“定盤星”"\n')
    document, _ = convert_json(capsys, project_copy)
    assert document["title"] == "完善规划，锚定转型“定盘星”"
    assert all(b["text"] != document["title"] for b in document["blocks"])


def test_sidecar_beats_front_matter(capsys, project_copy):
    (project_copy / "sources" / f"{SAMPLE_SLUG}.txt").unlink()
    (project_copy / "sources" / f"{SAMPLE_SLUG}.md").write_text(
        "---\ntitle: 草稿標題\ndate: 2020-01-01\n---\n\n第一段。\n", encoding="utf-8")
    write_sidecar(project_copy, '\ntitle = "編輯定的標題"\n')
    status, out, err = run(capsys, project_copy, "convert", "--json",
                           str(project_copy / "sources" / f"{SAMPLE_SLUG}.md"))
    assert status == 0, err
    assert '"title": "编辑定的标题"' in out and '"date": "2021-07-21"' in out


def test_two_sources_of_one_slug_are_an_error_naming_both(capsys, project_copy):
    (project_copy / "sources" / f"{SAMPLE_SLUG}.md").write_text("# 標題\n\n段落。\n", "utf-8")
    status, _, err = run(capsys, project_copy, "build", "--edition", "zh-Hans")
    assert status == 2
    assert f"{SAMPLE_SLUG}.md" in err and f"{SAMPLE_SLUG}.txt" in err and "source:" in err


def test_warnings_reach_stderr_of_convert_and_the_report(capsys, project_copy, tmp_path):
    page = project_copy / "sources" / "damaged.txt"
    page.write_text("標題\n\n第一段正常的文字，說明情況。\n\n這裡有亂碼跟茠漱Q年的文字。\n", "utf-8")
    report = tmp_path / "report.txt"
    status, _, err = run(capsys, project_copy, "convert", "--report", str(report), str(page))
    assert status == 0
    assert f"{page}:5: source: warning: mojibake" in err
    assert "line 5: mojibake" in report.read_text(encoding="utf-8")
    status, out, _ = run(capsys, project_copy, "check")
    assert "sources/damaged.txt:5: source: warning: mojibake" in out


def test_the_long_line_shortcut_misses_no_furniture():
    """Long lines are tested against the rules only when a hint word is near
    their start; on every corpus line, that must change nothing."""
    from support import ROOT
    from toolkit.read import furniture

    fast = furniture.furniture_matcher(())
    slow = furniture.furniture_matcher(("(?!)",))  # a project pattern turns the shortcut off
    lines = [line.strip() for page in (ROOT / "tests" / "corpus" / "pages").glob("*.txt")
             for line in page.read_text(encoding="utf-8").split("\n") if line.strip()]
    lines += ["本新聞文字、照片、影片專供會員閱覽，版權所有，禁止任何媒體轉載" * 5,
              "關於我們 | 聯繫我們 | " * 20, "#標籤 " * 40, "*" * 200]
    sentences = [row.split("\t")[0] for row in
                 (ROOT / "tests" / "data" / "ud_gsd_trad_simp_pairs.tsv").read_text(
                     encoding="utf-8").splitlines()]
    lines += ["".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    assert sum(len(line) > furniture.LONG_LINE for line in lines) > 100
    for line in lines:
        assert fast(line) == slow(line), line


@pytest.mark.parametrize("line", [
    "佢話佢喺度等咗好耐，冇人理佢哋嘅嘢。",           # written Cantonese
    "家長憂心忡忡，踉踉蹌蹌走出法庭。",               # rare but real words
    "廚房見到曱甴，即刻報警。",
    "เลือกภาษา ไทย | 日本語 | Русский | 한국어 | العربية",  # a language menu
    "油價會再跌? (2014/11/06 06:00)",                 # a question mark, not a lost character
    "如何评判一个城市的好坏?专家:有三个标准",          # a clause that asks, run on
    "女子遭前男友袭击险被迷晕?警方:他1月没洗澡熏的",   # a headline set in half-width marks
    "今日推介 🍴✈️🎁 ──────",                         # emoji and a rule
])
def test_real_text_is_not_damage(line):
    from toolkit.read.damage import find_damage

    assert find_damage(line) == []


@pytest.mark.parametrize("line", ["記者陳?明報導", "台北市長陳?明今天表示，將推動新政策",
                                  "記者陳?明/台北報導", "台湾总统蔡英?表示,将继续推动改革。",
                                  "多少人见到了王?明本人。", "浣犲ソ涓枃鍙戝竷鏃堕棿", "ä¸­æ–‡網站"])
def test_lost_characters_are_damage(line):
    from toolkit.read.damage import find_damage

    assert find_damage(line)


_BODY = ("市政府今天公布新的交通計劃，將在明年增設三條巴士路線，以紓緩上下班時間的擠迫情況。\n"
         "計劃預計耗資兩億元，當局表示會在下月諮詢區議會，並在年底前完成詳細設計工作。\n")


def test_a_headline_is_the_line_over_its_timestamp_past_a_caption_and_a_prompt():
    text = ("首頁 新聞 體育 娛樂 財經 生活\n巴士新路線明年開辦 紓緩繁忙時間\n點擊圖片可瀏覽相關圖片\n"
            "▲巴士總站外排隊的乘客。\n編譯中心 2014年12月13日 09:33\n" + _BODY)
    article = read_article(text, path="p.txt", slug="p")
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert str(article.date) == "2014-12-13"
    assert not any("title guessed" in m for _, m in article.warnings)


def test_a_dated_list_of_stories_is_never_a_title_nor_joined():
    stories = "".join(f"其他新聞標題第{n}則內容很長很長很長很長很長很長很長 (11/2{n}/2014)\n" for n in range(1, 5))
    text = stories + "巴士新路線明年開辦\n- 編輯部 @ 11-22-2014 / 今日\n" + _BODY
    article = read_article(text, path="p.txt", slug="p")
    assert article.title == "巴士新路線明年開辦" and str(article.date) == "2014-11-22"
    assert all("其他新聞" not in b.text for b in article.blocks)


def test_a_headline_with_its_time_glued_on_gives_both():
    article = read_article("巴士新路線明年開辦 紓緩繁忙時間2014/12/1 18:13\n" + _BODY,
                           path="p.txt", slug="p")
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間" and str(article.date) == "2014-12-01"


@pytest.mark.parametrize("byline", ["記者：陳大文", "新頭殼newtalk2014.10.24 陳大文/高雄報導"])
def test_the_author_comes_from_a_byline_and_is_printed_once(byline):
    text = f"巴士新路線明年開辦 紓緩繁忙時間\n2014-10-24 10:00\n{byline}\n" + _BODY
    article = read_article(text, path="p.txt", slug="p")
    assert article.author == "陳大文"
    assert all("陳大文" not in b.text for b in article.blocks)
