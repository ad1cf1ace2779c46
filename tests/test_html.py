"""Saved web pages as sources (issue 10): the real pages against their
labels, encodings that lie, ruby glosses, no clock, no network."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from support import DATA, ROOT, key
from toolkit.cli import main
from toolkit.read import load_article

PAGES = DATA / "real_pages"
CORPUS = ROOT / "tests" / "corpus"


def labels() -> dict[str, dict]:
    """title, date (a day), author ('' for none), a body sentence, and the
    lines that must be dropped (those of the same page's text, tests/corpus)."""
    found = {}
    for name, label in json.loads((PAGES / "tw-labels.json").read_text(encoding="utf-8")).items():
        found[name] = {"title": label["title"], "date": label["date"][:10],
                       "author": label["author"] or "", "body": label["body_contains"]}
    for name in ("n4k-chinese_article_001", "n4k-chinese_article_002"):
        meta = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
        found[name] = {"title": meta["title"], "date": meta["publish_date"][:10],
                       "author": "".join(meta["authors"]), "body": None}
    must_drop = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
    for name, label in found.items():
        label["must_drop"] = must_drop[name]["must_drop"]
    return found


LABELS = labels()


@pytest.fixture(scope="module")
def articles():
    return {name: load_article(PAGES / f"{name}.html") for name in LABELS}


@pytest.mark.parametrize("name", sorted(LABELS))
def test_a_real_page_reads_as_its_labels_say(articles, name):
    article, label = articles[name], LABELS[name]
    assert key(article.title) == key(label["title"])
    assert article.date is not None and article.date.isoformat() == label["date"]
    assert article.author == label["author"]
    body = [key(b.text) for b in article.blocks]
    if label["body"]:
        assert any(key(label["body"]) in text for text in body)
    for line in label["must_drop"]:
        assert not any(key(line) in text for text in [key(article.title), *body]), line


def test_the_dropped_page_is_in_the_report(articles):
    from toolkit.convert.report import conversion_report

    article = articles["tw-udn"]
    report = conversion_report(article, article, config="t2s")
    assert "outside the main content" in report and "熱門文章" in report


PAGE = """<!DOCTYPE html><html><head>{meta}<title>兩岸青年共度中秋 | 測試新聞網</title></head>
<body><nav><a href="/">首頁</a> | <a href="/news">新聞</a></nav>
<h1>兩岸青年共度中秋</h1><div class="byline"><span class="author">記者王小明</span></div>
<article><p>中新社北京九月二十七日電 兩岸青年二十六日在北京共度中秋，大家一起學做月餅，現場氣氛熱烈，參與者紛紛表示收穫很多。</p>
<p>{ruby}活動主辦方表示，今後還將舉辦更多交流活動，讓兩岸青年有更多機會面對面交流，增進了解，加深感情，共同成長。</p>
<p>[責任編輯：段雯婷]</p></article>
<footer>版權所有 測試新聞網</footer></body></html>"""


def write_page(tmp_path: Path, encoding: str, declared: str, ruby: str = "") -> Path:
    meta = f'<meta charset="{declared}">' if declared else ""
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(meta=meta, ruby=ruby).encode(encoding))
    return path


@pytest.mark.parametrize("encoding, declared", [
    ("big5", "big5"), ("gb18030", "gb18030"), ("utf-8", "gb2312"), ("big5", "utf-8"),
    ("utf-8", "")])
def test_encodings_are_judged_by_the_result(tmp_path, encoding, declared):
    article = load_article(write_page(tmp_path, encoding, declared))
    assert article.title == "兩岸青年共度中秋"
    assert article.author == "王小明"
    assert article.dateline.agency == "中新社" and (article.dateline.month, article.dateline.day) == (9, 27)
    assert [b.text[:4] for b in article.blocks] == ["兩岸青年", "活動主辦"]
    assert any(rule == "editor credit" for _, _, rule in article.dropped)
    assert article.date is None  # the page gives none, and none is taken from the clock


def test_ruby_and_text_glosses_are_removed_and_counted(tmp_path):
    ruby = "<ruby>轉<rp>(</rp><rt>zhuǎn</rt><rp>)</rp></ruby>型升級(jí)，"
    article = load_article(write_page(tmp_path, "utf-8", "utf-8", ruby))
    assert article.blocks[1].text.startswith("轉型升級，活動")
    assert {(g.han, g.reading) for g in article.glosses} == {("轉", "zhuǎn"), ("級", "jí")}


def test_reading_a_page_never_touches_the_network(tmp_path, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = write_page(tmp_path, "utf-8", "utf-8").read_text(encoding="utf-8")
    (tmp_path / "page.html").write_text(page.replace(
        "<title>", '<link rel="canonical" href="http://127.0.0.1:9/x"><meta property="og:url" '
                   'content="http://127.0.0.1:9/x"><title>'), encoding="utf-8")
    assert load_article(tmp_path / "page.html").title == "兩岸青年共度中秋"


def test_a_saved_page_builds_a_brief(capsys, project_copy):
    from pypdf import PdfReader

    page = project_copy / "sources" / "udn.html"
    page.write_bytes((PAGES / "tw-udn.html").read_bytes())
    status = main(["-C", str(project_copy), "build", str(page), "--edition", "zh-Hans"])
    _, err = capsys.readouterr()
    assert status == 0, err
    text = "".join(p.extract_text() for p in PdfReader(project_copy / "dist" / "udn.zh-Hans.pdf").pages)
    flat = "".join(text.split())
    assert "血溅桃机" in flat and "陈嘉宁" in flat and "热门文章" not in flat


@pytest.mark.parametrize("lead, whole", [
    # trafilatura kept this comment in the headline: the reader's traceback
    ("<h1><span>金山召开城市数字化转型推进大会</span><!-- 标题结束 --></h1>",
     "金山召开城市数字化转型推进大会"),
    # and dropped the rest of this paragraph after the comment in its bold lead
    ("<p><b>金山<!-- 广告 -->召开</b>城市数字化转型推进大会的第一段正文很长很长。</p>",
     "金山召开城市数字化转型推进大会的第一段正文很长很长。"),
])
def test_comments_in_a_page_are_no_text_and_no_crash(tmp_path, lead, whole):
    page = tmp_path / "commented.html"
    body = "".join(f"<p>金山区第{n}段正文，推进城市数字化转型的工作。</p>" for n in range(1, 8))
    page.write_text(f"<html><body><article>{lead}{body}</article></body></html>",
                    encoding="utf-8")
    article = load_article(page)
    text = " ".join([article.title, *(block.text for block in article.blocks)])
    assert whole in text
    assert "广告" not in text and "标题结束" not in text
    assert sum("推进城市数字化转型的工作" in block.text for block in article.blocks) == 7


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PAGES = sorted([*(DATA / "real_pages").glob("*.html"),
                 *(DATA / "corpus2" / "html").glob("*.html")])
_MARKUP = ["<!-- x -->", "<?php echo 1 ?>", "</div>", "<div>", "<p>", "</p>", "<h2>",
           "<script>var a = '<p>';</script>", "<![CDATA[ ]]>", "<table><tr><td>", "&#0;",
           "&#xD800;", "<b>", "\x00", "<meta charset=big5>", "<title>"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=st.sampled_from(_PAGES), cut=st.floats(0.05, 1.0),
       encoding=st.sampled_from(["utf-8", "big5", "gb18030", "utf-16", "cp1252"]),
       inserts=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_MARKUP)), max_size=6))
def test_any_real_page_truncated_reencoded_or_mangled_reads_or_fails_in_one_line(
        tmp_path_factory, page, cut, encoding, inserts):
    """The saved pages of the corpus, cut short, in another encoding, with
    markup thrown in: an article, or a SourceError (one line), never a
    traceback."""
    from toolkit.errors import ToolkitError

    text = page.read_bytes().decode("utf-8", "replace")
    text = text[:max(1, int(len(text) * cut))]
    for where, markup in sorted(inserts):
        at = int(len(text) * where)
        text = text[:at] + markup + text[at:]
    data = text.encode(encoding, "replace")
    path = tmp_path_factory.mktemp("mangled") / "page.html"
    path.write_bytes(data)
    try:
        article = load_article(path)
    except ToolkitError as error:
        assert len(str(error).splitlines()) == 1
    else:
        assert article.title is not None


@pytest.mark.parametrize("text, name", [
    ("王小明", "王小明"), ("陳韻平、郭文海", "陳韻平、郭文海"), ("歐陽明", "歐陽明"),
    ("Atwood Wong", "Atwood Wong"), ("個人中心 退出登錄", ""), ("發佈時間", ""),
    ("我要留言 選擇登入帳號", ""), ("時事脈搏 ｜ 今日", ""), ("香港經濟日報Hket", ""),
    ("社會中心", ""), ("記者 脫芷晴", "脫芷晴"),
])
def test_an_author_is_a_person_never_menu_text_or_a_desk(text, name):
    from toolkit.read.people import person

    assert person(text) == name


@pytest.mark.parametrize("line, name", [
    ("記者：脫芷晴", "脫芷晴"), ("記者鄧厚仁報道", "鄧厚仁"), ("【財訊快報／陳孟朔】大摩報告指出", "陳孟朔"),
    ("新頭殼newtalk2014.10.24 金名/高雄報導", "金名"),
    ("最後一段。（民視新聞陳韻平、郭文海台北報導）", "陳韻平、郭文海"),
    ("（責任編輯：王小明）", ""), ("相關新聞刊P4版", ""),
])
def test_a_credit_line_names_the_reporter_not_an_editor(line, name):
    from toolkit.read.people import credited

    assert credited([line]) == name


@pytest.mark.parametrize("title, headline", [
    ("黑客恫嚇勿上映暗殺金正恩電影- 星島日報網頁", "黑客恫嚇勿上映暗殺金正恩電影"),
    ("油價跌跌不休--聯合新聞網", "油價跌跌不休"),
    ("金山召開大會 - 新聞網", "金山召開大會"),
])
def test_a_site_suffix_after_hyphens_is_no_part_of_the_title(title, headline):
    from toolkit.read.html import _title

    assert _title([title], [], [], "") == headline


def test_what_trails_the_article_on_a_page_is_no_part_of_it():
    """From a 'related news' marker on, and the short lines that end a body
    without a sentence (a counter, a button) or a bracketed note."""
    from toolkit.model import Block
    from toolkit.read.html import _without_tail

    body = [Block("paragraph", "金山区举行大会，部署城市数字化转型的工作。", 3),
            Block("paragraph", "会议强调，要加快推进。", 4)]
    for tail in (["（綜合報道）"], ["觀看人次："], ["分享", "(0)"],
                 ["相關新聞", "另一條新聞的標題很長很長很長很長很長。"], ["上一頁", "下一頁"]):
        blocks = tuple(body + [Block("paragraph", text, 9) for text in tail])
        assert _without_tail(blocks) == tuple(body), tail
    # a short closing sentence stays
    ending = tuple(body + [Block("paragraph", "會議至此結束。", 9)])
    assert _without_tail(ending) == ending


def test_code_and_an_editors_front_matter_are_no_part_of_the_article(tmp_path):
    page = tmp_path / "front.html"
    body = "".join(f"<p>金山区第{n}段正文，推进城市数字化转型的工作。</p>" for n in range(1, 8))
    page.write_text(
        "<html><body><article><h1>金山召开城市数字化转型推进大会</h1>"
        "<p>body { margin: 0; } #top { padding: 2px; }</p>"
        "<p>编者按：数字化转型是一场深刻的变革，本报今起刊发系列报道。</p>"
        f"{body}</article></body></html>", encoding="utf-8")
    article = load_article(page)
    assert article.blocks[0].text == "金山区第1段正文，推进城市数字化转型的工作。"
    assert not any("margin" in b.text or "编者按" in b.text for b in article.blocks)


def test_a_desks_credit_glued_to_the_last_paragraph_is_cut():
    from toolkit.model import Block
    from toolkit.read.html import _without_tail

    body = (Block("paragraph", "第一段正文，內容完整。", 3),
            Block("paragraph", "最後一段到此結束。（譯者：王小明/核稿：李大華）1120823", 4))
    assert _without_tail(body)[-1].text == "最後一段到此結束。"
    edited = (Block("paragraph", "最后一段。（编辑：王小明）", 4),)
    assert _without_tail(edited)[-1].text == "最后一段。"
