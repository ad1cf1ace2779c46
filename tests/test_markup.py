"""Saved pages read by their markup (issue 27, points 2 and 3): structured
data and meta tags, captions, asides and streams, subheads, bylines. Each
page here is a small one written for the rule it shows."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from toolkit.read import load_article
from toolkit.read.markup import captions, drop_streams, is_caption_line, read_markup

PARAGRAPHS = [f"金山区第{n}段正文，推进城市数字化转型的工作，会议强调要加快推进落实。"
              for n in range(1, 7)]


def page(tmp_path: Path, body: str, head: str = "", name: str = "page") -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(f"<html><head><meta charset='utf-8'><title>金山召開大會 - 新聞網</title>"
                    f"{head}</head><body>{body}</body></html>", encoding="utf-8")
    return path


def texts(article, kind: str | None = None) -> list[str]:
    return [b.text for b in article.blocks if kind is None or b.kind == kind]


def test_json_ld_and_meta_tags_give_headline_date_author_and_body():
    tree = lxml.html.document_fromstring("""<html><head>
      <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "金山召開大會",
         "datePublished": "2024-03-05T08:00:00+08:00", "author": [{"@type": "Person",
         "name": "王小明"}], "editor": "李大同", "articleBody": "正文第一段。"}]}</script>
      <script type="application/ld+json">{broken</script>
      <meta property="og:title" content="金山召開大會 | 新聞網">
      <meta property="og:image:alt" content="金山區舉行大會的現場照片">
      <meta name="author" content="https://example.com/people/1">
      </head><body><p>x</p></body></html>""")
    markup = read_markup(tree)
    assert markup.titles[:2] == ("金山召開大會", "金山召開大會 | 新聞網")
    assert markup.published.startswith("2024-03-05")
    assert markup.authors == ("王小明",)  # (a URL is no name)
    assert markup.editors == ("李大同",)
    assert markup.body == "正文第一段。"
    assert "金山區舉行大會的現場照片" in markup.captions


def test_captions_come_from_figures_caption_classes_and_alt_text():
    tree = lxml.html.document_fromstring("""<html><body>
      <figure><img src="a.jpg" alt="市民在廣場上排隊等候"><figcaption>圖為大會會場全景</figcaption></figure>
      <div class="photo-text">警方在現場調查取證</div><img src="logo.png" alt="logo">
      </body></html>""")
    assert captions(tree) == {"市民在廣場上排隊等候", "圖為大會會場全景", "警方在現場調查取證"}


@pytest.mark.parametrize("line, caption", [
    ("图注：会议现场", True), ("▲市民排隊等候。", True), ("◎ 电影《长安》截图", True),
    ("會場外的人群（資料圖片）", True), ("會場外的人群（圖／中央社）", True),
    ("市民在廣場上排隊等候入場，場面熱鬧。", False), ("圖書館今天重開", False),
])
def test_a_caption_line_is_known_by_its_own_words(line, caption):
    assert is_caption_line(line) is caption


def test_asides_related_boxes_and_an_infinite_scroll_are_taken_out():
    tree = lxml.html.document_fromstring("""<html><body>
      <article><h1>金山召開大會</h1><p>正文。</p><div class="related-news">別的新聞</div></article>
      <aside>熱門</aside><div id="comments">留言</div>
      <article><h2>下一篇新聞</h2><p>另一篇的正文。</p></article>
      </body></html>""")
    assert drop_streams(tree) == 4
    text = tree.text_content()
    assert "正文" in text and "金山召開大會" in text
    for gone in ("別的新聞", "熱門", "留言", "另一篇的正文"):
        assert gone not in text


def test_an_element_holding_the_headline_stays_whatever_its_class():
    tree = lxml.html.document_fromstring(
        "<html><body><div class='has-sidebar'><h1>金山召開大會</h1><p>正文。</p></div></body></html>")
    assert drop_streams(tree) == 0


def test_a_caption_is_never_a_paragraph_and_the_stream_never_the_body(tmp_path):
    body = ("<article><h1>金山召開大會</h1>"
            "<figure><img src='a.jpg'><figcaption>金山區舉行大會的現場照片一張</figcaption></figure>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4])
            + "<p>▲市民在會場外排隊等候入場</p>" + f"<p>{PARAGRAPHS[4]}</p></article>"
            "<article><h2>另一篇：明天有雨</h2>" + "".join(
                f"<p>氣象局表示明天第{n}區有雨，請市民出門帶傘，注意安全。</p>" for n in range(5))
            + "</article>")
    article = load_article(page(tmp_path, body))
    assert article.title == "金山召開大會"
    assert texts(article) == PARAGRAPHS[:5]


def test_the_pages_own_subheads_are_headings_questions_quotes_and_runs(tmp_path):
    body = ("<div class='content'><h1>金山召開大會</h1>" + f"<p>{PARAGRAPHS[0]}</p>"
            "<h2>數字化轉型是什麼？</h2>" + f"<p>{PARAGRAPHS[1]}</p>"
            "<h3>「我們要加快推進」</h3>" + f"<p>{PARAGRAPHS[2]}</p>"
            "<p><strong>第一步 建平台</strong></p><p><b>第二步 聚人才</b></p>"
            + f"<p>{PARAGRAPHS[3]}</p><p>{PARAGRAPHS[4]}</p></div>")
    article = load_article(page(tmp_path, body))
    assert texts(article, "heading") == ["數字化轉型是什麼？", "「我們要加快推進」",
                                         "第一步 建平台", "第二步 聚人才"]
    assert texts(article, "paragraph") == PARAGRAPHS[:5]


def test_a_sidebar_title_is_no_subhead(tmp_path):
    body = ("<div><h1>金山召開大會</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:5])
            + "</div><div><h3>熱門排行榜單</h3><ul><li><a href='/1'>另一條新聞</a></li></ul></div>")
    article = load_article(page(tmp_path, body))
    assert texts(article, "heading") == []


def test_a_reporters_credit_line_names_the_author_and_is_no_paragraph(tmp_path):
    body = ("<h1>金山召開大會</h1><p>記者鄧厚仁報道</p>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:5]))
    article = load_article(page(tmp_path, body))
    assert article.author == "鄧厚仁"
    assert texts(article) == PARAGRAPHS[:5]


def test_an_author_field_naming_the_pages_editor_is_no_author(tmp_path):
    body = ("<h1>金山召開大會</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:5])
            + "<p>（编辑：严玉洁）</p>")
    article = load_article(page(tmp_path, body, head="<meta name='author' content='严玉洁'>"))
    assert article.author == ""


def test_json_ld_author_is_the_author(tmp_path):
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", '
            '"author": {"@type": "Person", "name": "陳子謙"}}</script>')
    body = "<h1>金山召開大會</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:5])
    assert load_article(page(tmp_path, body, head=head)).author == "陳子謙"


def test_the_lead_left_out_comes_back_by_the_pages_description(tmp_path):
    lead = "金山区今天举行城市数字化转型大会，区委书记在会上作了动员讲话，部署全年工作。"
    head = f"<meta property='og:description' content='{lead[:40]}'>"
    body = (f"<h1>金山召開大會</h1><div class='nav'><a href='/'>首頁</a></div><div>{lead}<br>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:5]) + "</div>")
    article = load_article(page(tmp_path, body, head=head))
    assert texts(article)[0] == lead


def test_a_body_in_a_box_the_extractor_drops_is_found_by_its_sentences(tmp_path):
    paragraphs = PARAGRAPHS + PARAGRAPHS[:2]
    body = ("<h3 class='bigTitle'>金山召開大會</h3><div class='mixRelatedNewsBlk'>"
            + "".join(f"<div><span>{p}</span></div>" for p in paragraphs) + "</div>")
    article = load_article(page(tmp_path, body))
    assert article.title == "金山召開大會"
    assert texts(article) == paragraphs


# The article's date and headline where a reader sees them (toolkit.read.headline).

def test_the_timestamp_under_the_headline_dates_the_article_not_the_header(tmp_path):
    body = ("<div class='top'>2014/12/13 星期六 │ 加入最愛</div>"
            "<a href='#'><span>金山召開大會</span></a><span class='d'>2014/12/1 18:13</span>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    head = "<meta property='article:published_time' content='2014-12-13'>"
    article = load_article(page(tmp_path, body, head))
    assert str(article.date) == "2014-12-01"


def test_a_month_first_stamp_with_a_desk_dates_the_article(tmp_path):
    body = ("<select><option>另一篇 (10/11/2014)</option></select>"
            "<div><b>金山召開大會</b></div><span>- 編輯部 @ 11-22-2014 / 今日</span>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    assert str(load_article(page(tmp_path, body)).date) == "2014-11-22"


def test_time_datetime_before_the_markups_guesses(tmp_path):
    body = ("<h1>金山召開大會</h1><p>" + PARAGRAPHS[0] + "</p>"
            "<time datetime='2020-08-08T10:00:00+08:00'>8月8日</time>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]))
    head = "<meta name='pubdate' content='2021-01-01'>"
    assert str(load_article(page(tmp_path, body, head)).date) == "2020-08-08"


def test_a_headline_the_markup_does_not_name_is_the_line_over_the_timestamp(tmp_path):
    path = tmp_path / "bare.html"
    path.write_text("<html><head><meta charset='utf-8'><title>某某廣播公司全球資訊網</title></head>"
                    "<body><div class='nav'>首頁 > 生活</div><div class='t'>寒流明天南下 愈晚愈冷</div>"
                    "<div>2014/12/11 18:58 報導</div><div>" + "<br><br>".join(PARAGRAPHS)
                    + "</div><div>本網站內容屬於某某廣播公司全球資訊網所有</div></body></html>",
                    encoding="utf-8")
    article = load_article(path)
    assert article.title == "寒流明天南下 愈晚愈冷"
    assert str(article.date) == "2014-12-11"


def test_a_sidebar_of_teasers_is_not_the_body_the_headline_stands_over(tmp_path):
    teasers = "".join(f"<li><a href='/n{n}' class='title'>別的新聞第{n}則</a><br><span>"
                      f"別的新聞第{n}則的開頭，寫得很長很長，講了一件事情。然後又講了另一件事情，"
                      f"還有第三件事情...</span><a href='/n{n}'>更多</a></li>" for n in range(6))
    body = ("<div class='main'><a href='#'><span>金山召開大會</span></a>"
            "<span>2014/12/1 18:13</span><div>轉寄 | 目前字級</div><span>"
            + "<br><br>".join(PARAGRAPHS[:4]) + "</span></div>"
            f"<div class='r'><b>其它新聞</b><ul>{teasers}</ul></div>")
    article = load_article(page(tmp_path, body))
    assert texts(article, "paragraph")[0] == PARAGRAPHS[0]
    assert texts(article, "paragraph")[-1] == PARAGRAPHS[3]


def test_a_stream_in_a_table_after_the_article_is_not_the_body(tmp_path):
    stream = "".join(f"<tr><td><a href='/a{n}'>另一篇報道第{n}篇</a> ({n + 1:02d}/05/2014)</td>"
                     f"<td>另一篇報道第{n}篇的摘要，說了很多很多的事情，內容十分豐富。還有更多的"
                     f"內容在這裏，讀者可以點擊閱讀全文。再多寫一句話，讓它更長一點。</td></tr>"
                     for n in range(3))
    body = ("<table><tr><td><b>金山召開大會</b> - 編輯部 @ 05-19-2013<br>"
            + "".join(f"<span>{p}</span><br><br>" for p in PARAGRAPHS) + "</td></tr></table>"
            f"<table class='x'>{stream}</table>")
    article = load_article(page(tmp_path, body))
    assert texts(article, "paragraph")[0] == PARAGRAPHS[0]
    assert "另一篇" not in "".join(texts(article))


def test_a_pre_body_is_split_at_its_blank_lines(tmp_path):
    body = "<h1>金山召開大會</h1><pre>" + "\n\n".join(PARAGRAPHS) + "\n</pre>"
    assert texts(load_article(page(tmp_path, body)), "paragraph") == PARAGRAPHS


def test_css_with_font_names_left_in_the_body_is_no_paragraph(tmp_path):
    css = ("body { MARGIN: 0 0 0 0; } #NewsTopText { padding:3px 8px; line-height: 20px; "
           "font-family : Verdana, 新細明體, 細明體; FONT-SIZE: 13px; }")
    body = f"<h1>金山召開大會</h1><div>{css}</div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert texts(load_article(page(tmp_path, body)), "paragraph")[0] == PARAGRAPHS[0]


def test_a_related_link_glued_to_the_last_paragraph_is_cut(tmp_path):
    body = "<h1>金山召開大會</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:-1]) + \
        f"<p>{PARAGRAPHS[-1]}相關新聞刊P4版</p>"
    assert texts(load_article(page(tmp_path, body)), "paragraph")[-1] == PARAGRAPHS[-1]


def test_a_name_alone_atop_the_body_is_the_columnists_byline(tmp_path):
    body = "<h1>金山召開大會</h1><p>顧信之</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = load_article(page(tmp_path, body))
    assert article.author == "顧信之"
    assert texts(article, "paragraph")[0] == PARAGRAPHS[0]


@pytest.mark.parametrize("credit, name", [
    ("上報快訊／王小明", "王小明"), ("作者︱陳大文", "陳大文"), ("（作者：Atwood Wong）", "Atwood Wong"),
    ("新華社記者 王小明", "王小明"), ("本報記者王小明報道", "王小明"),
    ("圖：Atwood Wong", ""), ("責任編輯：王小明", ""), ("全文見報社記者會", "")])
def test_byline_forms_name_the_author_and_editor_credits_never(credit, name):
    from toolkit.read.people import credited

    assert credited([credit]) == name


def test_a_date_run_into_a_byline_element_is_no_part_of_the_author(tmp_path):
    body = ("<h1>金山召開大會</h1><address class='author'>王小明<time datetime='2020-08-08'>"
            "2020-08-08 10:00</time></address>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    article = load_article(page(tmp_path, body))
    assert article.author == "王小明"
    assert str(article.date) == "2020-08-08"


def test_htmldates_wider_search_is_told_the_pages_languages(tmp_path):
    import htmldate.extractors

    from toolkit.read.html import DATE_LANGUAGES, page_date_parser

    body = "".join(f"<p>{'市政府今天公布新的交通計劃，將增設三條巴士路線。' * 3}</p>" for _ in range(4))
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>巴士新路線明年開辦</title></head><body>"
                    f"<h1>巴士新路線明年開辦</h1><div class='info'>Posted on 3 December 2019</div>"
                    f"{body}</body></html>", encoding="utf-8")
    article = load_article(page)
    assert str(article.date) == "2019-12-03"
    # htmldate's wider search is given our parser (told Chinese and English),
    # which reads what the wider search sends it
    assert htmldate.extractors.get_external_parser is page_date_parser
    assert set(page_date_parser().languages) == set(DATE_LANGUAGES)
    assert str(htmldate.extractors._external_date("3 December 2019").date()) == "2019-12-03"
    assert str(page_date_parser().get_date_data("2007年08月20日 星期一")["date_obj"].date()) == "2007-08-20"


def test_a_wechat_articles_sections_are_its_paragraphs(tmp_path):
    sections = "".join(f"<section style='margin: 0 16px'><span style='font-size: 15px'>{p}</span>"
                       "</section>" for p in PARAGRAPHS[:5])
    article = load_article(page(tmp_path, "<div class='rich_media_content' id='js_content'>"
                                          f"<h2 class='rich_media_title'>金山召開大會</h2>{sections}</div>"))
    assert texts(article) == PARAGRAPHS[:5]


def test_a_list_of_links_inside_the_article_is_no_part_of_it():
    from toolkit.read.markup import drop_link_lists

    tree = lxml.html.document_fromstring(
        "<html><body><div class='post-article'><p>第一段。</p>"
        "<ul>\n<li><a href='https://example.com/article/652453'>美韓例行軍演展開 首加入太空軍</a></li>\n</ul>"
        "<p>第二段。</p><ul><li>第一項：市民可以<a href='/x'>網上</a>報名參加。</li></ul>"
        "<ol><li>第一步</li><li><a href='/y'>第二步</a></li></ol>"
        "<ol><li><a href='/s1'>" + "市政府今天公布新的交通計劃，將在明年增設三條巴士路線。" * 2 + "</a></li></ol>"
        "</div></body></html>")
    assert drop_link_lists(tree) == 1  # (a list of whole linked sentences is the article's)
    text = tree.text_content()
    assert "美韓例行軍演" not in text
    assert "第一段。" in text and "第二段。" in text and "網上" in text and "第一步" in text
