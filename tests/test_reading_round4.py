"""Saved pages, round four: captions laid out under a picture, subheads in
unmarked text, headings that cannot be one, and bylines in info bars and
credits. Each page here is a small one written for the rule it shows."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from toolkit.read import load_article
from toolkit.read.figures import image_captions, reads_as_caption
from toolkit.read.people import closing_name, credited, info_bar_author, pen_names
from toolkit.read.subheads import never_a_heading, plain_subheads

PROSE = [f"金山区第{n}段正文，推进城市数字化转型的工作，会议强调要加快推进落实。"
         for n in range(1, 7)]


def page(tmp_path: Path, body: str, name: str = "page") -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text("<html><head><meta charset='utf-8'><title>金山召开推进大会 - 新闻网</title>"
                    f"</head><body><h1>金山召开推进大会</h1><div>2024-05-02 10:00</div>"
                    f"{body}</body></html>", encoding="utf-8")
    return path


def texts(article, kind: str | None = None) -> list[str]:
    return [b.text for b in article.blocks if kind is None or b.kind == kind]


def test_a_short_line_under_a_picture_is_its_caption(tmp_path):
    # the caption is a plain <p> after the picture's own <p>: no class says so
    body = ("<div><p>" + PROSE[0] + "</p><p><img src='a.jpg'></p><p>会场一角。</p>"
            + "".join(f"<p>{p}</p>" for p in PROSE[1:]) + "</div>")
    article = load_article(page(tmp_path, body))
    assert "会场一角。" not in texts(article)
    assert texts(article, "paragraph")[0] == PROSE[0]


def test_a_long_paragraph_under_a_picture_stays_text():
    tree = lxml.html.document_fromstring(
        f"<body><p><img src='a.jpg'></p><p>{PROSE[0]}{PROSE[1]}</p></body>")
    assert image_captions(tree) == frozenset()


def test_a_bold_centred_caption_is_no_heading(tmp_path):
    body = ("<div>" + "".join(f"<div>{p}</div>" for p in PROSE[:3])
            + "<div style='text-align:center'><b><img src='b.jpg'></b></div>"
            "<div style='text-align:center'><b>工作人员正在检查设备</b></div>"
            + "".join(f"<div>{p}</div>" for p in PROSE[3:]) + "</div>")
    article = load_article(page(tmp_path, body))
    assert "工作人员正在检查设备" not in texts(article)


@pytest.mark.parametrize("line", ["中新社记者 王小明 摄", "会场外景。 李华供图",
                                  "某报网站的报道截图。", "图片来源：某某网"])
def test_a_line_ending_in_a_picture_credit_is_a_caption(line):
    assert reads_as_caption(line)


def test_a_works_title_under_a_picture_is_a_subhead_not_a_caption():
    # (a poem's title often stands under the picture that illustrates it)
    assert not reads_as_caption("《春夜喜雨》")


def test_subheads_in_text_divided_by_line_breaks():
    tree = lxml.html.document_fromstring(
        f"<body><div>市场综述<br><br>{PROSE[0]}<br><br>国内动态<br><br>{PROSE[1]}"
        f"<br><br>{PROSE[2]}</div></body>")
    found = [text for text, _ in plain_subheads(tree)]
    assert "国内动态" in found and "市场综述" in found
    assert not any(p in found for p in PROSE)


def test_a_short_line_with_a_comma_in_unmarked_text_is_no_subhead():
    # (a comma makes it a sentence's clause: a question leading into the text)
    tree = lxml.html.document_fromstring(
        f"<body><div>{PROSE[0]}<br>你还记得，上次花了多少钱吗？<br>{PROSE[1]}<br>{PROSE[2]}</div></body>")
    assert plain_subheads(tree) == ()


@pytest.mark.parametrize("line", ["一句话，全怪别人。", "——（宋）某诗人", "点评：",
                                  "转载请注明出处：某网", "嗯，“这可不是我的错！”", "但短暂的等待换来的是"])
def test_lines_that_are_never_a_heading(line):
    assert never_a_heading(line)


@pytest.mark.parametrize("line", ["为什么要涨价？", "“我们不会放弃！”", "英国《某某报》：",
                                  "市场竞争下的自我救赎"])
def test_lines_that_may_be_a_heading(line):
    assert not never_a_heading(line)


def test_a_bold_sentence_in_the_flow_is_a_paragraph(tmp_path):
    body = ("<div>" + "".join(f"<p>{p}</p>" for p in PROSE[:3])
            + "<p><strong>一句话，全怪别人。</strong></p>"
            + "".join(f"<p>{p}</p>" for p in PROSE[3:]) + "</div>")
    article = load_article(page(tmp_path, body))
    assert "一句话，全怪别人。" not in texts(article, "heading")


def test_an_info_bars_author_field_names_the_author(tmp_path):
    # the name has no common surname: the field's label says it is a person
    body = ("<div class='bar'>2024-05-02 10:00 出处：某科技 作者：<a href='/u/1'>宪明</a> "
            "编辑：宪明 人气：100</div><div>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>")
    assert load_article(page(tmp_path, body)).author == "宪明"


@pytest.mark.parametrize("text, name", [
    ("来源 某网 | 作者 魏明", "魏明"),
    ("时间：2019-09-25 作者：网络整理 阅读：12", ""),  # (no one: compiled from the web)
    ("作者：未知 来源：本站", ""),
])
def test_info_bar_author(text, name):
    assert info_bar_author(text) == name


def test_bylines_in_their_forms():
    assert credited(["王小明/某某日报"]) == "王小明"
    # two reporters spaced after 记者
    assert credited(["某某新闻记者 王小明 李华"]) == "王小明、李华"
    # ... in the credit's bracket before the lead, and after a paper's short name
    assert credited(["（职工通讯员 王小明 李华）为深入推进工作，我院举办竞赛。"]) == "王小明、李华"
    assert credited(["采写：南都记者 王小明 李华"]) == "王小明、李华"
    assert credited(["他告诉记者 王明 今天会来"]) == ""  # (a sentence, not a credit)
    # a line that is only the writer's credit names a pen name too; never a desk
    assert credited(["作者︱春春"]) == "春春"
    assert credited(["作者：网络整理"]) == credited(["作者：编辑部"]) == ""
    from toolkit.read.people import CREDIT_LINE
    assert CREDIT_LINE.fullmatch("采写：南都记者 王小明 李华")
    assert not CREDIT_LINE.fullmatch("中外记者走进新疆")  # (a subhead)
    # a photographer is no author
    assert credited(["资料图：街景。某社记者 王小明 摄"]) == ""
    assert pen_names("执笔/阿三、某某&李小二") == "阿三、某某、李小二"
    assert closing_name("会议在北京举行。（张大明）") == "张大明"
    assert closing_name("会议在北京举行。（完）") == ""


def test_a_photo_credit_never_gives_the_author(tmp_path):
    body = ("<div><p>" + PROSE[0] + "</p><p><strong>资料图：街景。某社记者 王小明 摄</strong></p>"
            + "".join(f"<p>{p}</p>" for p in PROSE[1:]) + "</div>")
    article = load_article(page(tmp_path, body))
    assert article.author != "王小明"
    assert not any("王小明 摄" in t for t in texts(article))


def test_a_one_paragraph_story_beside_a_disclaimer_is_read(tmp_path):
    # the extractor keeps only the disclaimer; the story's sentence is broken by a link
    story = ("据某社消息，今日从发布会获悉，目前<a href='/x'>三地</a>交通一体化建设各项工作取得积极成效，"
             "下一步将着力打造三地综合立体交通网络，实现区域内快速铁路覆盖所有地级及以上城市。")
    body = (f"<div class='box'><p>{story}</p></div><div class='statement'><p>【免责声明】本文仅代表"
            "作者本人观点，与本网无关。本网对文中陈述、观点判断保持中立，不对内容的准确性提供任何保证。"
            "请读者仅作参考，并请自行承担全部责任。</p></div>")
    article = load_article(page(tmp_path, body))
    assert texts(article, "paragraph") and texts(article, "paragraph")[0].startswith("据某社消息")


@pytest.mark.parametrize("body", ["<p><img></p>", "<p><img><img></p><p></p>", "<div><br><br></div>",
                                  "<p><img src='x'>", "<div>甲<br>乙<br></div>"])
def test_odd_markup_never_raises(body):
    tree = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    image_captions(tree)
    plain_subheads(tree)


def test_a_site_name_after_a_space_in_the_title_is_not_the_headlines(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><meta charset='utf-8'><title>【不忘初心】我院举办中药理论知识与专业技能大赛 "
                    "某某省中医药研究院附属医院</title></head><body><div class='title'>新闻动态</div>"
                    "<div class='title'>【不忘初心】我院举办中药理论知识与专业技能大赛</div>"
                    "<div class='title_blow'>来源：本站原创&nbsp;&nbsp;作者：药剂党支部<br>"
                    "时间：2019年10月31日 23:00&nbsp;&nbsp;浏览：<span>33</span></div><div>"
                    + "".join(f"<p>{p}</p>" for p in PROSE)
                    + "</div><div>版权所有：某某省中医药研究院附属医院</div></body></html>",
                    encoding="utf-8")
    assert load_article(path).title == "【不忘初心】我院举办中药理论知识与专业技能大赛"


def test_a_page_after_a_stray_end_tag_with_its_meta_date_and_no_hidden_editor(tmp_path):
    # 中国政府网's shape: a header included with its own </html>; the web
    # editor in <meta name=author> (the page never shows the name); the
    # article's date in firstpublishedtime, the page's build time elsewhere
    path = tmp_path / "page.html"
    path.write_text("<html><head><meta charset='utf-8'><title>金山召开推进大会_公报</title>"
                    "<meta name='author' content='马小娟'>"
                    "<meta name='firstpublishedtime' content='2007-08-20-23:59:59'>"
                    "<meta name='others' content='页面生成时间 2023-10-23 11:23:36'>"
                    "</head><body><div class='header'>首页</div></html>\n"
                    "<div class='content'><h1>金山召开推进大会</h1>"
                    + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></body></html>",
                    encoding="utf-8")
    article = load_article(path)
    assert texts(article)[0] == PROSE[0] and texts(article)[-1] == PROSE[-1]
    assert str(article.date) == "2007-08-20"
    assert article.author != "马小娟"
    # the same name shown as the page's byline is the author
    path.write_text(path.read_text(encoding="utf-8").replace(
        "<h1>金山召开推进大会</h1>", "<h1>金山召开推进大会</h1><div>作者：马小娟</div>"), encoding="utf-8")
    assert load_article(path).author == "马小娟"


def test_the_editors_credit_closes_the_article_and_an_embedded_story_after_it_is_dropped(tmp_path):
    body = ("<div class='post'>" + "".join(f"<p>{p}</p>" for p in PROSE)
            + "<p>采写：某报记者 王小明 李华</p><p>责任编辑：<span></span></p>"
            "<blockquote><p>另一篇：香港警方谴责造谣者</p><p>港铁公司营运总监表示，当晚因示威者的破坏行为，"
            "港铁公司启动疏散程序。</p></blockquote>,某某都市报</div>")
    article = load_article(page(tmp_path, body))
    assert texts(article)[-1] == PROSE[-1]
    assert not any("港铁" in t or "香港警方" in t for t in texts(article))
    assert article.author == "王小明、李华"


@pytest.mark.parametrize("byline, author", [
    # Latin names in capitals in the byline element of a Chinese page
    ("<div class='byline'><address>DAVID E. SANGER, STEVEN LEE MYERS</address>"
     "<time>2024年5月2日</time></div>", "DAVID E. SANGER, STEVEN LEE MYERS"),
    # a pen name that is its own writer's page
    ("<p class='post-meta-info'><span><a class='nickname' href='https://example.com/users/janus'>"
     "janus</a></span> 發表於 2024年5月2日</p>", "janus"),
    ("<span class='vcard author'><span class='author-name'><a rel='author' "
     "href='https://example.com/author/kisplay'>Kisplay</a></span></span>", "Kisplay"),
    # the outlet before the reporter's name
    ("<li class='publish-author'><span class='organization'>某某時報</span> "
     "<span class='name'>林淑惠</span></li>", "林淑惠"),
])
def test_byline_elements_in_their_forms(tmp_path, byline, author):
    body = byline + "<div>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>"
    assert load_article(page(tmp_path, body)).author == author


def test_a_menu_link_or_another_storys_byline_is_no_author(tmp_path):
    body = ("<div class='top'><a href='/user/login'>Login</a></div>"
            "<ul class='inline-menu'><li><a href='/profile/bookmarks'>Bookmarks</a></li>"
            "<li><a href='/profile/feed'>My Feed</a></li></ul><div>"
            + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>"
            "<div id='btm_related_art'><ul><li><a href='/story/2'>另一篇報道的標題</a>"
            "<p class='editor_choice_author'>Ko Tin-yau｜ EJ Insight</p></li></ul></div>")
    assert load_article(page(tmp_path, body)).author == ""


def test_a_title_for_search_engines_that_the_page_never_shows_gives_way_to_its_h1(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><meta charset='utf-8'><title>金山推城市數字化！轉型是什麼，有何不同？</title>"
                    "<meta property='og:title' content='金山推城市數字化！轉型是什麼，有何不同？'></head>"
                    "<body><div>2024.10.14 | 城市</div><h1>金山召開推進大會，數字化轉型何時見效？</h1>"
                    "<div>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</div></body></html>",
                    encoding="utf-8")
    assert load_article(path).title == "金山召開推進大會，數字化轉型何時見效？"
