"""Page text from unseen sites: the headline, how sure its choice is, and
the furniture around an article (issue 28). Snippets written for the tests."""
from __future__ import annotations

import pytest

from toolkit.read.page_text import read_article

BODY = ("市政府今天公布新的交通計劃，將在明年增設三條巴士路線，以紓緩上下班時間的擠迫情況。\n"
        "計劃預計耗資兩億元，當局表示會在下月諮詢區議會，並在年底前完成詳細設計工作。\n"
        "有議員表示歡迎，但認為當局應同時檢討現有路線的班次，避免乘客在總站等候太久。\n")


def guessed(article) -> list[str]:
    return [m for _, m in article.warnings if m.startswith("title guessed")]


def read(text: str):
    return read_article(text, path="p.txt", slug="p")


def test_an_anchored_headline_alone_is_sure():
    article = read("首頁 新聞 體育 娛樂 財經 生活\n巴士新路線明年開辦 紓緩繁忙時間\n"
                   "2024-03-05 10:20\n" + BODY)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert not guessed(article)


def test_a_headline_right_above_the_body_is_sure():
    article = read("首頁\n港聞\n上一則\n巴士新路線明年開辦 紓緩繁忙時間\n" + BODY)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert not guessed(article)


def test_the_last_of_a_list_of_headlines_above_the_body_is_a_guess():
    article = read("其他新聞\n颱風明日襲港 天文台考慮改發八號風球\n股市今早高開 恒指升三百點\n"
                   "巴士新路線明年開辦 紓緩繁忙時間\n" + BODY)
    assert guessed(article)


def test_a_rival_headline_with_its_own_timestamp_makes_the_choice_a_guess():
    article = read("颱風明日襲港 天文台考慮改發八號風球\n2024-03-04 09:00\n"
                   "天文台表示颱風正向本港移動。\n"
                   "巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + BODY)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert any("stands as a headline too" in m for m in guessed(article))


@pytest.mark.parametrize("header", [
    "今日 16:24 港聞\n巴士新路線明年開辦 紓緩繁忙時間\n",
    "巴士新路線明年開辦 紓緩繁忙時間\n（3/5 18:05 更新）\n",
    "巴士新路線明年開辦 紓緩繁忙時間\n發布於：台北\n",
])
def test_undated_times_and_places_of_posting_anchor_a_headline(header):
    article = read("首頁 新聞 體育 娛樂 財經 生活\n" + header + BODY)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert not guessed(article)


@pytest.mark.parametrize("title", ["駐華盛頓特派員", "港聞一", "第一章 總則", "記者 王小明攝影"])
def test_a_title_shaped_like_a_credit_a_menu_or_a_section_is_a_guess(title):
    from toolkit.read.page_title import unlike_headline

    assert unlike_headline(title)


@pytest.mark.parametrize("title", ["巴士新路線明年開辦 紓緩繁忙時間", "林鄭記者會：不會延後選舉",
                                   "【新冠肺炎】本港新增72宗確診"])
def test_headlines_read_as_headlines(title):
    from toolkit.read.page_title import unlike_headline

    assert not unlike_headline(title)


@pytest.mark.parametrize("line", [
    "【上報徵稿】歡迎讀者投稿，來稿請寄編輯部", "【聲明】本網站並無進行電話推廣活動",
    "平台声明：该文观点仅代表作者本人", "返回搜狐，查看更多", "大家都在看", "24小时热文",
    "訂閱Telegram頻道，緊貼最新消息", "加入Telegram群组", "檢索： 帳戶  密碼", "« 返回前頁",
    "限時優惠：立即搶購", "您也可能喜歡...",
])
def test_kinds_of_furniture_are_dropped(line):
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + BODY + line + "\n")
    assert line not in "".join(b.text for b in article.blocks)


@pytest.mark.parametrize("line", ["■巴士總站外排隊的乘客，人龍長達百米。",
                                  "圖像加註文字，巴士總站外排隊的乘客"])
def test_captions_by_their_mark_or_label_are_dropped(line):
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + line + "\n" + BODY)
    assert line not in "".join(b.text for b in article.blocks)
    assert article.blocks[0].text.startswith("市政府")


def test_a_far_headline_with_its_timestamp_is_sure_unless_a_headline_stands_over_the_body():
    menu = "".join(f"欄目{n}\n" for n in range(6))
    sure = read("巴士新路線明年開辦 紓緩繁忙時間\n社會\n2024-03-05 10:20\n" + menu + BODY)
    assert sure.title == "巴士新路線明年開辦 紓緩繁忙時間" and not guessed(sure)
    rival = read("巴士新路線明年開辦 紓緩繁忙時間\n社會\n2024-03-05 10:20\n" + menu
                 + "颱風明日襲港 天文台考慮改發八號風球\n" + BODY)
    assert guessed(rival)


def test_list_lines_are_never_joined_into_a_paragraph():
    items = ("全民檢測下月展開 政府指定三間機構承包化驗工作 涉款料可達二十四億\n"
             "三間指定公司全屬內地上市企業 料每日可做五十萬次檢測\n"
             "高危組別驗出零點零四確診 專家料成效不大\n")
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + BODY + "\n相關新聞\n" + items)
    texts = [b.text for b in article.blocks]
    assert not any("涉款料可達二十四億三間" in t for t in texts)
    assert texts[-1].startswith("有議員表示歡迎")


def test_the_article_ends_before_a_stream_of_other_stories():
    stream = "".join(f"其他新聞標題第{n}則 內容簡介\n這是另一則新聞的簡介，講述了事情的經過和各方的回應，內容與本文無關\n"
                     for n in range(1, 6))
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + BODY + "即時新聞\n" + stream)
    assert article.blocks[-1].text.startswith("有議員表示歡迎")


def test_captions_over_a_lead_that_opens_with_its_source_are_dropped():
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n巴士總站外排隊的乘客。\n"
                   "（本報報道）" + BODY)
    assert article.blocks[0].text.startswith("（本報報道）市政府")


def test_script_left_in_the_text_is_never_the_body():
    script = "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start': new Date().getTime()});\n" * 4
    article = read(script + "巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + BODY)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert article.blocks[0].text.startswith("市政府")


@pytest.mark.parametrize("credit, name", [
    ("（作者：方明北京大學經濟學院教授）", "方明"), ("作者：陳大文律師", "陳大文"),
    ("王小明駐京特派員", "王小明"), ("特約記者王小明", "王小明")])
def test_a_name_glued_to_its_post_is_the_author(credit, name):
    from toolkit.read.people import credited

    assert credited([credit]) == name


def test_a_credit_far_below_the_body_names_the_author():
    widgets = "".join(f"標籤{n}\n" for n in range(15))
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + BODY + widgets
                   + "記者：王小明\n")
    assert article.author == "王小明"


def test_a_job_title_under_the_byline_is_never_the_title():
    article = read("首頁 新聞 體育 娛樂 財經 生活\n巴士新路線明年開辦 紓緩繁忙時間\n記者 王小明\n"
                   "駐華盛頓特派員\n2024-03-05 10:20\n" + BODY)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"


# Round three (issue 28, part two): lines a page prints in the header under a
# headline (a reader count, a pen name, a source, keywords, a caption) are
# closer to the body than the headline, and stood anchored by the same
# timestamp; the headline is the line over the timestamp.
@pytest.mark.parametrize("header_line", [
    "1250人参与86评论",
    "执笔/小明、阿强",
    "信息来源： 市交通局、市规划局等",
    "巴士新路线。资料图片",
])
def test_a_line_in_the_header_under_a_headline_is_not_the_title(header_line):
    article = read("首页 新闻 体育\n巴士新路线明年开办 纾缓繁忙时间\n2024年3月5日 10:20\n"
                   f"{header_line}\n" + BODY)
    assert article.title == "巴士新路线明年开办 纾缓繁忙时间"
    assert not guessed(article)


def test_a_headline_like_line_past_the_timestamp_still_makes_the_choice_a_guess():
    # Either a subhead opening the body or the headline itself (a page that
    # prints the timestamp over its headline): the choice is not sure.
    article = read("首页 新闻 体育\n巴士新路线明年开办 纾缓繁忙时间\n2024年3月5日 10:20\n"
                   "市民普遍欢迎新路线 议员促检讨班次\n" + BODY)
    assert article.title == "巴士新路线明年开办 纾缓繁忙时间"
    assert guessed(article)


def test_a_name_and_outlet_line_is_a_credit_not_a_headline():
    article = read("首页\n巴士新路线明年开办 纾缓繁忙时间\n王小明/城市日报\n2024-03-05 10:20\n" + BODY)
    assert article.title == "巴士新路线明年开办 纾缓繁忙时间"
    assert not guessed(article)


def test_a_top_bar_is_never_the_first_line_of_a_two_line_headline():
    # A login name (月落_长安) and 首页/登录 say the line is the page's bar.
    article = read("网站首页登录小明_长安\n巴士新路线明年开办 纾缓繁忙时间\n城市日报\n"
                   "发布时间：03-0510:20城市日报社\n" + BODY)
    assert article.title == "巴士新路线明年开办 纾缓繁忙时间"


def test_a_headline_line_right_over_the_title_makes_it_a_guess():
    # A headline whose first line ends with ？ is not joined by deck_head;
    # the title chosen may be its second line.
    article = read("首页\n巴士路线为何一改再改？\n当局回应：明年开办三条新线\n"
                   "2024-03-05 10:20\n" + BODY)
    assert guessed(article)


def test_a_wechat_scan_prompt_is_furniture():
    from toolkit.read.furniture import furniture_matcher

    assert furniture_matcher()("用微信扫描二维码") == "follow us"
    assert furniture_matcher()("用微信扫码二维码") == "follow us"


# Authors in the forms of mainland pages (round three).
def test_the_author_from_a_name_and_outlet_line_under_the_headline():
    article = read("首页\n巴士新路线明年开办 纾缓繁忙时间\n王小明/城市日报\n2024-03-05 10:20\n" + BODY)
    assert article.author == "王小明"


def test_the_author_from_a_dateline_reporter_with_what_they_did():
    # 记者X 整合: the reporter compiled the story; the name is the first word.
    article = read("首页\n巴士新路线明年开办 纾缓繁忙时间\n2024-03-05 10:20\n"
                   "城市网3月5日讯（记者王小明 整合） " + BODY)
    assert article.author == "王小明"


def test_the_author_in_brackets_closing_the_body():
    article = read("首页\n巴士新路线明年开办 纾缓繁忙时间\n2024-03-05 10:20\n"
                   + BODY.rstrip("\n") + "（王小明）\n")
    assert article.author == "王小明"


def test_a_name_the_page_prints_again_and_again_is_a_button_not_the_author():
    article = read("首页\n巴士新路线明年开办 纾缓繁忙时间\n2024-03-05 10:20\n易信\n" + BODY
                   + "分享到\n易信\n微博\n易信\n")
    assert article.author == ""


def test_a_quotation_s_attribution_is_not_a_heading():
    # ——（朝代）作者 closes a quoted poem: a short line, but no subhead.
    article = read("首页\n巴士新路线明年开办 纾缓繁忙时间\n2024-03-05 10:20\n" + BODY
                   + "——（唐）某诗人\n" + BODY)
    assert not [b for b in article.blocks if b.kind == "heading"]


@pytest.mark.parametrize("line", ["（责编：王小明、李大同）", "分享："])
def test_an_editor_credit_and_a_share_label_are_furniture(line):
    from toolkit.read.furniture import furniture_matcher

    assert furniture_matcher()(line)


def test_an_anchored_line_that_shares_no_words_with_the_body_is_a_guess():
    # a stream's story stands over its own timestamp, right above our body
    article = read("首頁 新聞 體育 娛樂 財經 生活\n明星演唱會門票今日開售 歌迷通宵排隊\n"
                   "2024-03-05 10:20\n" + BODY)
    assert any("shares almost no words" in m for m in guessed(article))
    # the same page with the story's own headline: sure
    article = read("首頁 新聞 體育 娛樂 財經 生活\n市政府公布交通計劃 明年增設巴士路線\n"
                   "2024-03-05 10:20\n" + BODY)
    assert not guessed(article)


@pytest.mark.parametrize("stamp, day", [
    ("发布 : 01 Dec 2025 10:56", "2025-12-01"),
    ("Published: Dec 1, 2025", "2025-12-01"),
    ("1 December 2025", "2025-12-01"),
])
def test_dates_with_english_month_names_anchor_the_headline(stamp, day):
    # a Singaporean page: a widget's label over its buttons, then the story's header
    article = read("新功能\n查看词典，学华文！\n知道了\n字号\n极小\n小\n中\n大\n"
                   "巴士新路線明年開辦 紓緩繁忙時間\n国际\n" + stamp + "\n更新 : 44分钟前\n\n" + BODY)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert str(article.date) == day


def test_a_language_menu_is_no_rival_headline():
    article = read("語言：繁 简\n13 August 2020\n主頁\n巴士新路線明年開辦 紓緩繁忙時間\n"
                   "2020-08-13 10:20\n" + BODY)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert not guessed(article)


def test_a_wechat_article_headline_over_its_account_and_posting_day():
    article = read("三星 Galaxy S20 系列手机正式发布\n爱否科技 昨天\n"
                   "今天凌晨，三星在美国旧金山举行发布会，正式发布旗下新一代旗舰手机 Galaxy S20 系列机型。\n"
                   "此次发布的三款 S20 系列手机配置十分出色，处理器采用高通骁龙 865 与三星自研 Exynos 990。\n"
                   "价格方面，Galaxy S20 4G 版售价 899 美元，约合人民币 6300 元，下月在中国开售。\n")
    assert article.title == "三星 Galaxy S20 系列手机正式发布"
    assert article.blocks[0].text.startswith("今天凌晨")
    assert not guessed(article)


def test_the_editors_credit_closes_the_article_in_page_text():
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + BODY
                   + "采写：南都记者 王小明 李华\n\n责任编辑：\n\n香港警方谴责造谣者\n\n"
                   "港铁公司营运总监表示，当晚因示威者的破坏行为，港铁公司启动疏散程序，多个车站关闭。\n\n"
                   "医院管理局高级行政经理在记者会上表示，当晚有四十六人因参与示威受伤送院治疗。\n\n,某某都市报\n"
                   "相关文章\n")
    assert article.blocks[-1].text == BODY.splitlines()[-1]
    assert article.author == "王小明、李华"


def test_a_share_widget_in_an_icon_font_is_no_headline_over_the_title():
    article = read("首頁\n\ue609微博 \ue608微信\n巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + BODY)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert not guessed(article)


def test_a_headline_printed_twice_in_a_row_is_the_title_not_the_deck_under_it():
    article = read("首頁\n日報\n工商時報\n巴士新路線明年開辦 紓緩繁忙時間\n巴士新路線明年開辦 紓緩繁忙時間\n"
                   "交通局表示三條新路線將連接新市鎮與市中心，並吸引多間營辦商參與競投\n2024.10.09\n03:00\n"
                   "已將目前網頁的網址複製到您的剪貼簿！\n" + BODY)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert not guessed(article)


def test_a_long_headline_printed_for_wide_and_narrow_screens_over_its_date_and_section():
    headline = "巴士新路線明年開辦，繁忙時間班次最密五分鐘一班！市民何時受惠？"
    article = read(f"登入 / 註冊\n熱門 新聞 專題 影音 活動\n2024.10.14 | 交通與運輸\n{headline}\n"
                   "交通局公布三條新路線，連接新市鎮與市中心，預計明年第一季開辦，市民可望受惠嗎？\n"
                   f"＃交通 ＃巴士\n孫嘉君\n{headline}\n2024.10.14 | 交通與運輸\n孫嘉君\n分享\n收藏\n\n"
                   + BODY)
    assert article.title == headline
    assert str(article.date) == "2024-10-14"
    assert article.blocks[0].text == BODY.splitlines()[0]


def test_a_line_over_a_pictures_credit_is_its_caption_never_the_title():
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n本文作者：交通局       點擊： 2024-09-19 09:20\n" + BODY
                   + "新路線的巴士在總站等候出發\n圖／ 業者提供\n"
                   "交通局又指，新路線的車費將與現有路線看齊，長者及學生可享半價優惠，當局亦會檢討轉乘優惠。\n")
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert str(article.date) == "2024-09-19"
    assert not any("等候出發" in b.text or "業者提供" in b.text for b in article.blocks)


def test_questions_standing_alone_between_paragraphs_are_subheads_quoted_words_are_not():
    # (on a page; a clean source marks its own headings)
    first, second, third = BODY.splitlines()
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + first + "\n新路線怎樣走？\n"
                   + second + "\n「為何要等到明年？」\n" + third + "\n問：明年經濟會衰退嗎？\n" + first + "\n")
    kinds = {b.text: b.kind for b in article.blocks}
    assert kinds["新路線怎樣走？"] == "heading"
    assert kinds["「為何要等到明年？」"] == "paragraph"
    assert kinds["問：明年經濟會衰退嗎？"] == "paragraph"  # (an interview's question)


@pytest.mark.parametrize("header, author", [
    ("DAVID E. SANGER, STEVEN LEE MYERS\n2024年3月5日\n", "DAVID E. SANGER, STEVEN LEE MYERS"),
    ("2024.10.09\n03:00\n某某時報 林淑惠\n", "林淑惠"),
    (" janus 發表於 2024年3月5日 08:27 收藏此文\n", "janus"),
    # a header printed twice (wide and narrow screens) prints the name twice
    ("2024.03.05 | 交通\n孫嘉君\n巴士新路線明年開辦 紓緩繁忙時間\n2024.03.05 | 交通\n孫嘉君\n", "孫嘉君"),
])
def test_header_bylines_without_a_credit_word(header, author):
    article = read("首頁\n巴士新路線明年開辦 紓緩繁忙時間\n" + header + BODY)
    assert article.author == author


@pytest.mark.parametrize("line", ["Previous Next", "HONG KONG", "Getty Images", "Reuters Staff",
                                  "A A A A"])
def test_buttons_places_and_agencies_under_a_headline_are_no_author(line):
    article = read(f"巴士新路線明年開辦 紓緩繁忙時間\n{line}\n2024-03-05 10:20\n" + BODY)
    assert article.author == ""


def test_a_paragraph_on_a_latin_named_person_is_no_bio_and_no_end():
    first, second, third = BODY.splitlines()
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + first + "\n"
                   "John Smith是哈佛大學經濟學教授，他在接受本報訪問時表示，新路線有助紓緩擠迫。\n"
                   + second + "\n" + third + "\n")
    assert [b.text for b in article.blocks][-1] == third
    assert any(b.text.startswith("John Smith") for b in article.blocks)


def test_a_long_run_of_tabs_in_a_menu_line_reads_fast():
    # (a tab run after 繁 once took the settings pattern 18 s)
    article = read("標題在這裡很清楚\n繁" + "\t" * 30000 + "x\n2024-03-05 10:20\n" + BODY)
    assert article.blocks


@pytest.mark.parametrize("caption", [
    "巴士在總站等候出發，乘客排隊上車。 Pool photo by Andy Wong",
    "運輸署署長視察新路線的總站。 Florence Lo/Reuters",
    "新路線的巴士駛經市中心，攝於上月。 Go Nakamura for The New York Times",
    "颱風可能今天下午增強，最快下午發出警告。（取自氣象局網站）",
])
def test_a_caption_with_its_credit_over_the_lead_is_no_paragraph(caption):
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n2024-03-05 10:20\n" + caption + "\n" + BODY)
    assert article.blocks[0].text == BODY.splitlines()[0]


def test_you_may_also_like_headers_are_furniture():
    from toolkit.read.furniture import furniture_matcher

    matcher = furniture_matcher(())
    assert matcher("您可能感兴趣的文章") == matcher("相关推荐") == "related links"
    assert matcher("您可能感兴趣的问题是什么？") is None


def test_the_article_stands_above_a_longer_list_of_other_stories_teasers():
    teasers = "".join(f"另一篇報道第{n}篇的標題寫在這裡 這是另一篇報道的摘要，內容講述了其他地方發生的事情，"
                      "與本文無關，讀者可以點擊閱讀全文。\n" for n in range(3))
    # (the teasers run longer than the article; the article stands above them)
    article = read("巴士新路線明年開辦 紓緩繁忙時間\n時間：2024-03-05 作者：網絡整理\n" + BODY
                   + "責編：王小明\n處理器 人工智能 芯片\n分享到：\n返回列表\n微信掃一掃\n一鍵轉發\n評論(0)\n"
                   "登錄 後參與討論\n發 布\n請先說點什麼\n按熱度\n按時間\n暫無評論\n評論已加載完畢\n"
                   "我要評論\n您可能感興趣的文章\n" + teasers)
    assert article.title == "巴士新路線明年開辦 紓緩繁忙時間"
    assert [b.text for b in article.blocks] == BODY.splitlines()
    assert str(article.date) == "2024-03-05"


def test_list_items_are_never_joined_into_a_paragraph():
    from toolkit.read.page_lines import page_lines

    items = ["【專欄】全民驗病毒 建制話成功爭取 民主派質疑點解搵中資　",
             "【專欄】林夕：就算你去國胸懷，不敵天氣 阿聰：兩鬢斑白，香港再等你",
             "巴士新路線明年開辦 紓緩繁忙時間，交通局公布三條新路線的詳細走線"]
    text = "\n".join(items) + "\n【明報專訊】" + BODY.splitlines()[0] + "\n\n" + items[2] + "\n"
    found = [line.text for line in page_lines(text, ())]
    assert found[:3] == [item.strip() for item in items]
