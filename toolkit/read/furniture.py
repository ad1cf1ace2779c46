"""Site furniture in page text: which lines are not the article, and why.

Page text (a browser's copy of a whole page, or a scraper's) carries the
site around the article: navigation, breadcrumbs, share widgets, credits,
copyright footers, related links, notices. Two kinds of knowledge live here:

* :data:`RULES`, named regular expressions that match a whole line of
  furniture wherever it stands (a project adds its own in ``toolkit.toml``);
* classifiers of line *shapes* (timestamps, bylines, nav bars, captions,
  site names) that :mod:`toolkit.read.page_text` weighs by position: a timestamp
  under the title dates the article, the same line in a list of related
  links is furniture.

Patterns are written for Traditional and Simplified text alike; they are
matched after NFC and full-width punctuation (see :mod:`toolkit.read.chars`).
"""

from __future__ import annotations

import datetime
import functools
import re

from toolkit.han import has_han
from toolkit.patterns import fullmatch, user_pattern

# Characters that come in Traditional and Simplified forms, as classes.
_T = {"網": "[網网]", "頁": "[頁页]", "編": "[編编]", "輯": "[輯辑]", "責": "[責责]",
      "權": "[權权]", "聲": "[聲声]", "關": "[關关]", "閉": "[閉闭]", "頂": "[頂顶]",
      "點": "[點点]", "擊": "[擊击]", "載": "[載载]", "讀": "[讀读]",
      "體": "[體体]", "號": "[號号]", "來": "[來来]", "圖": "[圖图]", "攝": "[攝摄]",
      "資": "[資资]", "聞": "[聞闻]", "導": "[導导]", "報": "[報报]",
      "紙": "[紙纸]", "閱": "[閱阅]", "論": "[論论]", "區": "[區区]",
      "線": "[線线]", "門": "[門门]", "專": "[專专]", "諮": "[諮咨]", "詢": "[詢询]",
      "協": "[協协]", "談": "[談谈]", "機": "[機机]", "會": "[會会]", "給": "[給给]",
      "轉": "[轉转]", "發": "[發发]", "見": "[見见]", "處": "[處处]", "鍵": "[鍵键]",
      "詞": "[詞词]", "廣": "[廣广]", "歡": "[歡欢]",
      "錯": "[錯错]", "掃": "[掃扫]",
      "糾": "[糾纠]", "籤": "[籤签]", "復": "[復复覆]", "製": "[製制]",
      "結": "[結结]", "連": "[連连]", "寫": "[寫写]", "驗": "[驗验]", "證": "[證证]",
      "備": "[備备]", "範": "[範范]", "車": "[車车]", "員": "[員员]", "費": "[費费]",
      "時": "[時时]", "鐘": "[鐘钟]", "剛": "[剛刚]", "間": "[間间]", "內": "[內内]", "業": "[業业]",
      "務": "[務务]", "經": "[經经]", "營": "[營营]", "許": "[許许]", "鏈": "[鏈链]", "戶": "[戶户]", "註": "[註注]", "冊": "[冊册]", "錄": "[錄录]",
      "動": "[動动]", "態": "[態态]", "們": "[們们]", "於": "[於于]", "聯": "[聯联]",
      "絡": "[絡络]", "尋": "[尋寻]",
      "覽": "[覽览]", "佈": "[佈布]", "獻": "[獻献]", "參": "[參参]", "釋": "[釋释]", "腳": "[腳脚]", "維": "[維维]", "隱": "[隱隐]", "訂": "[訂订]", "檢": "[檢检]", "識": "[識识]", "創": "[創创]", "條": "[條条]", "紹": "[紹绍]", "標": "[標标]", "碼": "[碼码]", "裝": "[裝装]", "戲": "[戲戏]",
      "續": "[續续]", "請": "[請请]", "繼": "[繼继]", "屬": "[屬属]", "貼": "[貼贴]",
      "臺": "[臺台]", "灣": "[灣湾]", "視": "[視视]", "頻": "[頻频]", "贊": "[贊赞]",
      "個": "[個个]", "護": "[護护]", "張": "[張张]", "師": "[師师]", "勵": "[勵励]",
      "計": "[計计]", "學": "[學学]", "應": "[應应]", "傳": "[傳传]", "統": "[統统]",
      "熱": "[熱热]", "薦": "[薦荐]", "擴": "[擴扩]", "爲": "[爲为為]", "為": "[為为爲]", "遊": "[遊游]", "樂": "[樂乐]",
      "滿": "[滿满]", "歲": "[歲岁]", "僅": "[僅仅]", "適": "[適适]", "瀏": "[瀏浏]",
      "電": "[電电]", "郵": "[郵邮]", "話": "[話话]", "問": "[問问]", "題": "[題题]",
      "級": "[級级]", "設": "[設设]", "這": "[這这]", "裡": "[裡里]",
      "評": "[評评]", "紀": "[紀纪]", "國": "[國国]", "際": "[際际]", "進": "[進进]",
      "階": "[階阶]", "據": "[據据]", "顯": "[顯显]", "產": "[產产]",
      "類": "[類类]", "頭": "[頭头]", "簡": "[簡简]", "繁": "[繁]",
      "觀": "[觀观]", "準": "[準准]", "眾": "[眾众]", "稱": "[稱称]", "飾": "[飾饰]"}


def _tc(pattern: str) -> str:
    """Write a pattern with Traditional characters; match both scripts."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif ch in _T:
            out.append(_T[ch].strip("[]") if in_class else _T[ch])
            continue
        out.append(ch)
    return "".join(out)


_OPEN, _CLOSE = "[【〔\\[（(〈《「]", "[】〕\\]）)〉》」]"
#: One named rule per kind of furniture; each matches a whole line.
RULES: tuple[tuple[str, str], ...] = tuple((name, _tc(pattern)) for name, pattern in (
    ("share widget", r"分享[讓让]更多人看到|分享\s*[:：]?|分享到.*|分享至.*|(?:分享到)?微信(?:朋友圈)?|"
                     r"(?:Facebook|Twitter|Line|LINE|Weibo|Plurk|Google\+|微博|新浪微博|QQ空間|qq空間|"
                     r"人人|開心網|豆瓣|推特|臉書|複製連結|轉寄朋友|打印文稿|列印|打印|推|讚|收藏|"
                     r"myshare書籤|聯合報書籤|百度搜藏|複製網址|[\s,，、|｜/／])+"),
    ("share widget", r"(?:已|已經)?(?:將|把)?.{0,12}(?:網址|連結|鏈接)?.{0,6}(?:複製|拷貝)(?:到|至)"
                     r".{0,6}(?:剪貼簿|剪貼板).{0,6}|(?:網址|連結)已複製.{0,10}"),
    ("editor credit", rf"{_OPEN}?\s*(?:(?:責任)?編輯|責編)\s*[:：／/]?\s*[^】〕\]）)]{{0,30}}\s*{_CLOSE}?"),
    ("editor credit", rf"{_OPEN}?糾錯{_CLOSE}?\s*{_OPEN}?\s*責任編輯.*"),
    ("copyright", r".{0,40}(?:版權所有|版權聲明|Copyright|COPYRIGHT|All [Rr]ights [Rr]eserved|©|"
                  r"不得轉載|禁止轉載|未經授權.{0,10}轉載|非經授權).*"),
    ("licence", r".{0,30}(?:ICP|京公網安備|公網安備|增值電信業務經營許可證|網路文化經營許可證|"
                r"廣播電視節目製作經營許可證|互聯網新聞信息服務許可證|信息網絡傳播視聽節目許可證|"
                r"違法和不良信息舉報|舉報電話|舉報郵箱|新出網證).*"),
    ("print or close", r"(?:打印|列印)本[頁稿]|[關]閉窗口|[關]閉|返回[頂]部|回到[頂]部|回到頁首|返回頁首|"
                       r"TOP|Top|top|回頂端|回到最上方|點擊\s*頁首|關閉窗口|返回頁頂|回到頁頂|回頁頂"),
    ("back to home", r"[«‹<]?\s*(?:返回|回到?)(?:前頁|上頁|上一頁|上層|上一層|列表|目錄|上)|"
                     r"返回.{0,12}首頁.*|回首頁|回.{0,8}首頁|返回[^。]{0,20}查看更多.*"),
    ("font size", rf"{_OPEN}?\s*字[體号號]\s*[:：]?\s*大\s*中\s*小\s*{_CLOSE}?|"
                  r"字[體號号級级]\s*[:：]?.{0,12}|[小大中]字[號号]|[小中大]\s+[小中大](?:\s+[小中大特])?|"
                  r"字級設定.*|A[-+]|A-\s*A\+|[大中小]"),
    ("follow us", r".{0,20}(?:微信公眾號|微信公众号|公眾號|關注我們|點擊關注|掃碼關注|掃(?:描|碼)二維碼|"
                  r"掃一掃|長按識別|訂閱電子報|馬上訂閱|加入.{0,12}粉絲團|按讚加入|看更多！請加入|"
                  r"追蹤我們|關注.{0,6}(?:facebook|Facebook|line|LINE)|Google新聞|小鈴鐺|按讚訂閱|訂閱頻道|"
                  r"YouTube頻道|最HOT話題).*"),
    ("click prompt", r"(?:點擊|點選|點此|按此|輕觸)[^。！？]{0,24}"),
    ("click prompt", r".{0,20}(?:點擊|點我|按我|點此|戳這裡|請點擊)(?:查看|進入|下載|關注|觀看|閱讀|這裡|"
                     r"此處|此|看|收聽|播放|參與|了解|報名|前往|訂閱|.{0,4}(?:活動|詳情|全文|原文|更多)).{0,30}"),
    ("abstract", r"(?:摘要|內容提要|提要|導讀|導語)\s*[:：].*"),
    ("app download", r".{0,40}(?:下載.{0,30}(?:APP|App|app|Apps|客戶端|iPhone|Android)|(?:APP|App)\s*下載|"
                     r"iOS\s*(?:載點|下載)|Android\s*(?:載點|下載)|活動辦法).*"),
    ("related links", rf"{_OPEN}?\s*(?:相關(?:新聞|內容|閱讀|文章|報導|連結|鏈接|專題|閱讀推薦)|延伸閱讀|"
                      r"推薦閱讀|推薦新聞|熱門新聞|熱門文章|熱門推薦|最新新聞|今日新聞|即時新聞|"
                      r"更多(?:新聞)?(?:短片|影片|視頻)|更多新聞|更多內容|新聞推薦|為你推薦|猜你喜歡|"
                      r"[你您]可能.{0,4}(?:喜歡|感興趣|感兴趣)(?:的)?(?:文章|內容|新聞)?|相關推薦|"
                      r"也許您會感興趣|精彩推薦|深度觀察|大數據推薦|閱讀下一篇|下一篇|上一篇|"
                      r"下一則新聞|上一則新聞|看更多|更多|MORE|more|\.\.\. more|本日最多瀏覽|"
                      r"編輯推薦|網友推薦|推薦|夯影音|精選影音|與內文相關的鏈接|與內文相關的連結|大家都在看|"
                      r"\d{1,2}\s*小時熱文|熱文(?:排行|推薦)?|熱門排行|排行榜|最新文章|最新回應|"
                      r"您?也?可能(?:也)?喜歡.{0,3}|看了又看|猜你想看|熱門話題|人氣文章|熱讀|熱搜)"
                      rf"\s*{_CLOSE}?\s*[:：]?\s*"),
    ("related links", r"(?:相關新聞|相關閱讀|相關報導|相關報道|延伸閱讀|推薦閱讀|閱讀下一篇|下一篇|上一篇|"
                      r"下一則新聞|上一則新聞)\s*[:：].{0,60}|(?:下一篇|上一篇|下一則|上一則|上\s*/\s*下一篇)"
                      r"(?:新聞|文章)?(?:\s.{0,60})?"),
    ("related links", rf"{_OPEN}\s*(?:相關|延伸|推薦|更多)(?:新聞|閱讀|報導|報道|文章|內容)?\s*{_CLOSE}.{{0,60}}"),
    ("comments", r"(?:我要)?(?:留言|評論|發表(?:意見|評論)|留言規則|網友評論|已有\d+人(?:參與|評論)|"
                 r"\d+\s*(?:則)?(?:留言|評論)|發表|登入|註冊|登入\s*[|｜]\s*註冊|會員中心)"),
    ("comment rules", r".{0,40}(?:留言系統|留言規則|發言涉及|刪除留言|封鎖帳號|網友發言|發言前|留言區).*|"
                      r"(?:請勿|請不要|禁止)(?:重覆|重複|刊登|發表|轉貼|提供|以發文|發文|張貼|使用|留下).{0,80}|"
                      r"(?:請確認|請注意)(?:發表|回覆|留言).*"),
    ("continue reading", r"(?:請)?繼續(?:往下)?閱讀.{0,6}|閱讀全文.{0,6}|展開全文.{0,6}|"
                         r"(?:廣告|贊助廣告|Advertisement|ADVERTISEMENT)"),
    ("keywords", r"(?:關鍵[詞字]|標籤|Tags?|TAG|熱門關鍵字)\s*[:：].*|(?:關鍵[詞字]|標籤|熱門關鍵字)|"
                 r"(?:#\S+\s*)+"),
    ("skip link", r"跳(?:至|到)(?:主要內容|主內容|導覽|導航|搜尋|搜索|內容)|直接前往.{0,10}|"
                  r"瀏覽協助|無障礙.{0,10}|Skip to .*|:::"),
    ("language link", r"English|ENGLISH|EN|简体版?|繁體版?|簡體版?|简体中文|繁體中文|簡|繁|"
                      r"中文版|日本語|한국어|Español|Français|Deutsch|Русский|BBC Chinese|"
                      r"(?:简体版?|繁體版?|English)(?:\s*[|｜/／]\s*(?:简体版?|繁體版?|English))+"),
    ("ad slot", r"ad\w*[_-]?\d+(?:\s*[*xX×]\s*\d+)?|[a-zA-Z]+\d*_\d+\s*[*xX×]\s*\d+|廣告|AD|ADV"),
    ("counter", r"[\d,，]+|(?:閱讀|瀏覽|點擊|觀看|閱)(?:數|量|次數)?\s*[:：]?\s*[\d,，]+.{0,4}|"
                r"[\d,，]+\s*(?:次)?(?:閱讀|瀏覽|人次|點擊|觀看)"),
    ("rule", r"[-*_=~—·•.。\s]{3,}"),
    ("suicide prevention notice",
     r".{0,30}(?:給自己(?:一次)?機會|珍惜生命|自殺防治|安心專線|生命線(?:協談)?(?:專線)?\s*[:：]\s*\d|"
     r"張老師(?:專線)?\s*[:：]\s*\d|自殺(?:諮詢)?專線|關心[你您]：?$|^《[^》]{1,8}》關心[你您]).*"),
    ("paywall notice", r".{0,40}(?:付費會員|會員閱覽|會員專屬|已過查詢時效|訂閱.{0,6}會員|"
                       r"登入會員|升級會員|加入會員).*"),
    ("site notice", r"[【\[][^】\]]{0,6}(?:徵稿|征稿|聲明|公告|啟事|启事|通告|通知)[】\]].{0,80}|"
                    r"(?:平台|平臺|本站|本網|網站)聲明\s*[:：]?.*"),
    ("channel promo", r"[^。]{0,30}(?:訂閱|加入|追蹤|關注|Follow|follow|下載)[^。]{0,20}"
                      r"(?:Telegram|WhatsApp|Instagram|Threads|Signal|頻道|群組|群组|專頁|专页)[^。]{0,40}|"
                      r"[^。]{0,20}(?:Telegram|WhatsApp|Instagram|Threads)(?:\s*(?:頻道|群組|群组|專頁))?"),
    ("shopping promo", r"[^。]{0,40}(?:立即購買|立即搶購|馬上搶購|限時優惠|優惠碼|折扣碼|購物金|免運費?|"
                       r"好物推薦|商品推薦|團購|網購優惠|購物節|優惠及送禮)[^。]{0,60}"),
    ("login form", r"[^。，]{0,20}(?:帳戶|帳號|账户|账号|密碼|密码|用戶名|用户名|驗證碼|验证码|忘記密碼)"
                   r"[^。，]{0,20}"),
    ("disclaimer", r".{0,30}(?:不代表本?.{0,12}(?:觀點|立場)|僅代表作者本人|僅供參考|免責聲明|投資有風險).*|"
                   r".{0,60}(?:不構成.{0,8}投資(?:意見|建議)|資料由.{2,30}(?:提供|供應)).*"),
    ("privacy notice", r".{0,40}(?:隱私權(?:政策|聲明)|隱私政策|Cookie|cookie|使用相關網站技術|"
                       r"服務條款|使用條款|使用者條款|免責聲明).*"),
    ("contact line", r".{0,30}(?:聯絡我們|聯繫我們|客服(?:專線|信箱)|服務信箱|專線\s*[:：]\s*[\d-]{6,}|"
                     r"信箱\s*[:：]\s*\S+@\S+|(?:電話|傳真)\s*[:：]\s*[\d()\s-]{6,}|"
                     r"地址\s*[:：].{0,40}).*"),
    ("nav bar", r"[^。，！？\n]{0,12}(?:\s*[|｜]\s*[^。，！？|｜\n]{1,12}){2,}\s*[|｜]?"),
    ("breadcrumb", r".{0,20}(?:您(?:現在)?的?(?:位置|所在位置)|當前位置|目前位置|所在位置|現在位置)\s*[:：].*|"
                   r"[^。，！？]{0,40}(?:>>?|»|＞＞?|›)\s*[^。，！？]{0,40}|首頁\s*[/／]\s*\S{1,8}"),
    ("age gate", r".{0,40}(?:(?:滿|年滿|已滿)\s*18\s*歲|18歲以上|未滿18|限制級|成人內容).*"),
    ("site slogan", r".{0,20}(?:網站地圖|設為首頁|加入收藏|加入最愛|網站導航|RSS訂閱|RSS|"
                    r"關於我們|本網動態|人民網招聘|招聘英才|廣告服務|合作夥伴|網站聲明).*"),
    ("site tagline", r"維基百科，自由的百科全書|維基百科|Wikipedia|本條目.{0,40}|本文介紹的是.{0,60}|"
                     r"座標\s*[:：].{0,40}"),
    ("table of contents", r"目錄|目次|Contents|隱藏|\d+(?:\.\d+)*\s+\S{1,16}"),
    ("footnote", r"\^\s?.*|↑\s?.*"),
    ("page info", r"(?:分類|頁面分類|Categories|隱藏分類)\s*[:：].*|本頁面最後(?:修訂|修改|編輯)於.*|"
                  r"本站的全部文字.*|.{0,20}(?:知識共享|創用CC|CC BY-SA|CC-BY-SA).*|手機版(?:檢視)?|"
                  r"電腦版|桌面版|關於維基百科|免責聲明|維基百科.{0,10}"),
    ("reference section", r"(?:參考文獻|參考資料|參考來源|外部連結|外部鏈接|參見|參看|注釋|腳註|註釋|延伸閱讀|"
                          r"相關條目)(?:\[編輯\])?"),
    ("video or photo prompt", r"(?:影音|影片|圖輯|直播|播放|觀看影片|更多圖片|點圖放大|放大圖片|"
                              r"上一張|下一張|看大圖|\d+\s*/\s*\d+)"),
    # A video's label with its running time: 觀看影片 07:12, 影片 1:02:33.
    ("video label", r"(?:觀看影片|觀看視頻|播放影片|影片|視頻|影音|Video|VIDEO|[Ww]atch)\s*[:：]?\s*"
                    r"\d{1,2}:\d{2}(?::\d{2})?.{0,30}|.{0,40}\s\d{1,2}:\d{2}(?::\d{2})?\s*(?:影片|視頻)"),
    ("job title", r"(?:[A-Z][a-z]+\s+){0,3}(?:[Cc]orrespondent|[Rr]eporter|[Ee]ditor|[Pp]roducer|"
                  r"[Cc]olumnist|[Cc]ontributor)(?:\s*[,，].{0,30})?"),
    ("author bio", r"[（(※*]?\s*(?:作者簡介|關於作者|本文作者|作者為|作者是|作者係|作者現為|作者目前)[^。]{0,6}"
                   r"[:：，,]?.{0,300}"),
    # the header of an author's box alone (作者)
    ("author bio", r"作者\s*[:：]?"),
    # a bio that opens with a Latin name (David E. Sanger是白宮和國家安全記者…):
    # furniture, but no end of the article, and never a line that reports
    # what someone said (John Smith是…教授，他表示…)
    ("writer's bio", r"(?!.*(?:表示|指出|說|認為|稱|透露|強調|提到|告訴|坦言|直言))"
                     r"[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]*){1,3}\s*(?:是|為|現為|曾為)"
                     r"[^。]{0,40}(?:記者|編輯|作家|專欄|撰稿人|通訊員|主編|特派員|評論員|研究員|教授|"
                     r"[Cc]orrespondent|[Rr]eporter|[Ee]ditor).{0,300}"),
    # a promo in brackets between paragraphs: （熱門點閱：…）
    ("related links", rf"{_OPEN}\s*(?:熱門點閱|熱門推薦|編輯推薦|推薦閱讀|延伸閱讀|看更多|熱門新聞|相關新聞)"
                      rf"\s*[:：].{{1,80}}{_CLOSE}"),
))

#: The rules as they were before the library (kept: a project's toolkit.toml
#: adds to the defaults, and old sidecars name these).
DEFAULT_BOILERPLATE = tuple(pattern for _, pattern in RULES)


#: Furniture runs long only in a few ways, each with its word near the
#: start: a line longer than LONG_LINE is tested only when one of these words
#: is in its first 64 characters, or it starts like a rule, a counter, a
#: footnote or a list of tags. Prose lines run to hundreds of characters and
#: sources to megabytes; ``in`` on a short slice is far cheaper than a regex.
LONG_LINE = 150
_HINT_WORDS_TRADITIONAL = (
    "版權", "Copyright", "COPYRIGHT", "ights", "©", "轉載", "授權", "ICP", "公網安備", "許可證", "舉報",
    "新出網證", "返回", "首頁", "微信", "公眾號", "關注", "掃", "長按", "訂閱", "粉絲團", "按讚", "追蹤",
    "Google", "小鈴鐺", "YouTube", "HOT", "摘要", "提要", "導讀", "導語", "下載", "APP", "App", "app",
    "客戶端", "iOS", "Android", "活動辦法", "留言", "發言", "帳號", "關鍵", "標籤", "Tag", "TAG", "給自己",
    "珍惜生命", "自殺", "專線", "生命線", "張老師", "關心", "會員", "查詢時效", "隱私", "ookie", "網站技術",
    "條款", "聲明", "不代表", "僅供參考", "投資有風險", "不構成", "概不", "聯絡", "聯繫", "客服", "信箱", "電話", "傳真",
    "地址", "歲", "限制級", "成人", "網站地圖", "設為首頁", "加入收藏", "加入最愛", "網站導航", "RSS",
    "關於我們", "本網動態", "招聘", "廣告", "合作夥伴", "位置", "糾錯", "|", "｜", "分類", "ategories",
    "本頁面", "本站", "知識共享", "創用", "BY", "請勿", "請不要", "禁止", "請確認", "請注意", "網友")
_HINT_WORDS = tuple(sorted({variant for word in _HINT_WORDS_TRADITIONAL for variant in (
    word, "".join(_T[ch][2] if _T.get(ch, "").startswith("[") and len(_T[ch]) > 3 else ch
                  for ch in word))}))
_RULE_STARTS = frozenset("-*_=~—·•.。#^↑0123456789０１２３４５６７８９ \t\u3000")


def _may_be_furniture(line: str) -> bool:
    if len(line) <= LONG_LINE or line[0] in _RULE_STARTS:
        return True
    head = line[:64]
    return any(word in head for word in _HINT_WORDS)


@functools.lru_cache(maxsize=16)
def furniture_matcher(extra: tuple[str, ...] = ()):
    """``line → rule name or None``: the library's rules, then the project's
    own patterns (named ``project pattern``). A project's pattern runs with a
    time limit (:func:`user_pattern`); one that exceeds it raises
    :class:`PatternTimeout`."""
    # One alternation with a named group per rule: a single C-level match per line.
    combined = re.compile("|".join(f"(?P<r{i}>{pattern})" for i, (_, pattern) in enumerate(RULES)))
    names = [name for name, _ in RULES]
    project = [user_pattern(pattern) for pattern in extra]

    def match(line: str) -> str | None:
        if _may_be_furniture(line):
            found = combined.fullmatch(line)
            if found is not None:
                return names[int(found.lastgroup[1:])] if found.lastgroup else "furniture"
        if any(fullmatch(pattern, line) for pattern in project):
            return "project pattern"
        return None

    return match


_DIGITS = "0-9０-９"
_CN_NUM = "〇零一二三四五六七八九十"
#: A date or time as sites print them: 2019-03-18 23:59, 2016/05/21,
#: 2021年07月21日15:00, 15:312018/09/16, 2023 11/ 17 20:52:15, 105年3月19日.
#: English month names, as Singaporean, Malaysian and international
#: Chinese sites print them: 01 Dec 2025, Dec 1, 2025, 1 December 2025.
_MONTH_NAMES = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_ENGLISH_DATE = (rf"(?:\d{{1,2}}\s+{_MONTH_NAMES}\.?,?\s+\d{{4}}"
                 rf"|{_MONTH_NAMES}\.?\s+\d{{1,2}},?\s+\d{{4}})")
_DATE = (r"(?:(?:\d{4}|\d{3})\s*(?:[-/.年]\s*\d{1,2}\s*[-/.月]?\s*|\s+\d{1,2}\s*/\s*)"
         rf"\d{{1,2}}\s*日?|\d{{1,2}}/\d{{1,2}}/\d{{4}}|{_ENGLISH_DATE})")
_TIME = r"\d{1,2}\s*[:：時时]\s*\d{2}(?:\s*[:：分]\s*\d{2}秒?)?(?:分)?"
_STAMP_WORDS = _tc(r"(?:更新時間|發布時間|發佈時間|發表時間|出版時間|建立時間|修改時間|最後更新時間|"
                   r"最新更新|最後更新|更新|發布|發佈|發表|出版|修改|刊出|"
                   r"發稿時間|時間|日期|刊登日期|上傳時間|date|Date|DATE|格林尼治標準時間|北京時間|香港時間|"
                   r"台北時間|臺北時間)")
TIMESTAMP = re.compile(
    rf"\s*(?:{_STAMP_WORDS}\s*[:：/／]?\s*)?(?:(?:{_TIME}\s*)?{_DATE}(?:[\s,，]*(?:{_STAMP_WORDS}\s*)?"
    rf"(?:星期.|週.|\(.\)|（.）)?\s*[-–]?\s*(?:{_TIME})?)?|{_TIME})\s*[|｜]?\s*")
_SOURCE_WORDS = _tc(r"(?:來源|出處|稿源|本文作者|作者|記者|編輯|責任編輯|攝影|撰文|文|圖|原標題|發布者|"
                    r"發布單位|點擊|瀏覽|閱讀|人氣|Source|By)")
#: A timestamp line may go on with a source or author: "2023-11-17 20:52:15 來源： 新華網",
#: or with the section after a bar: "2024.10.14 | 半導體與電子產業".
STAMP_LINE = re.compile(rf"{TIMESTAMP.pattern}(?:(?:{_SOURCE_WORDS})\s*[:：]\s*.{{0,40}})*"
                        r"(?:(?<=[|｜])\s*[^\s。，！？|｜]{1,12})?")
#: A source or author line under a title: "來源：新華網", "作者：張三（研究員）".
SOURCE_LINE = re.compile(
    rf"(?:\s*(?:{_SOURCE_WORDS})\s*[:：／/]\s*[^。！？]{{0,40}}?\s*(?:{TIMESTAMP.pattern})?)+")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")
_DATE_PARTS = re.compile(r"(?=(?:(?P<y>\d{4}|\d{3})\s*[-/.年]?\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
                         r"|(?P<y2>\d{4})\s+(?P<m2>\d{1,2})\s*/\s*(?P<d2>\d{1,2})))")
#: The date footer of Hong Kong government releases: "2025年7月23日（星期三）".
HK_FOOTER_DATE = re.compile(r"\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*[（(]星期.[）)]\s*")
HK_FOOTER_TIME = re.compile(r"\s*香港時間\s*\d{1,2}時\d{1,2}分\s*|\s*香港时间\s*\d{1,2}时\d{1,2}分\s*")


def stamp_date(line: str):
    """The date a timestamp line gives, or None. Years of the Republic of
    China calendar (105年) are counted from 1911."""
    day_first = _DAY_FIRST.search(line)  # 18/04/2024, as European sites write it
    if day_first:
        day, month, year = (int(day_first[1]), int(day_first[3]), int(day_first[4]))
        if month > 12 >= day:  # 11/22/2014, 05-19-2013: an American site's month first
            day, month = month, day
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    # Overlapping matches: in "15:312018/09/16" the year starts inside the time.
    for match in _DATE_PARTS.finditer(line):
        year, month, day = (int(match["y"] or match["y2"]), int(match["m"] or match["m2"]),
                            int(match["d"] or match["d2"]))
        if year < 1000:
            year += 1911
        if 1900 <= year <= 2100:
            try:
                return datetime.date(year, month, day)
            except ValueError:
                continue
    english = _ENGLISH_DATE_PARTS.search(line)
    if english:
        month = _MONTH_NUMBER[(english["m"] or english["m2"])[:3].lower()]
        try:
            return datetime.date(int(english["y"] or english["y2"]), month,
                                 int(english["d"] or english["d2"]))
        except ValueError:
            pass
    return None


_ENGLISH_DATE_PARTS = re.compile(
    rf"(?<![\w])(?:(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_NAMES})\.?,?\s+(?P<y>\d{{4}})"
    rf"|(?P<m2>{_MONTH_NAMES})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}}))(?!\d)")
_MONTH_NUMBER = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


#: Times a page prints without a date, under a headline: ``今日 16:24 中國財經``
#: (and a section's name), ``3小時前``, ``（8/23 18:05 更新）``, and where a post
#: was sent from (``發布於：台北``, ``IP屬地：廣東``), a day and time without
#: the year (``發布時間：09-30 22:46``).
UNDATED_STAMP = re.compile(_tc(
    r"\s*(?:(?:更新|發布|發佈|發表)\s*[:：]?\s*)?(?:(?:今日|今天|昨日|昨天|前天)\s*\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*(?:分鐘|小時|天)前|剛剛)"
    r"(?:\s+\S{1,8})?\s*|"
    # an account's name and when it posted (a WeChat article: 爱否科技 昨天)
    r"\s*(?:\S{1,12}\s+)?(?:今天|昨天|前天|剛剛|\d{1,2}\s*(?:分鐘|小時|天)前)\s*|"
    r"\s*[（(]\s*(?:最後|最新)?(?:更新)?\s*[:：]?\s*(?:\d{1,4}[/-]\d{1,2}(?:[/-]\d{1,2})?\s*)?"
    r"\d{1,2}\s*[:：]\s*\d{2}\s*(?:更新)?\s*[）)]\s*|"
    r"\s*(?:發佈於|發布於|IP屬地|發文地區)\s*[:：]?\s*\S{1,10}\s*|"
    # a month and day without the year, glued to the time and the publisher:
    # 發布時間：09-3022:46某某公司
    r"\s*(?:發布|發佈|發表|更新)?時間\s*[:：]\s*\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?\s*"
    r"\d{1,2}\s*[:：]\s*\d{2}(?:\s*\S.{0,30})?"))


def is_timestamp(line: str) -> bool:
    return (STAMP_LINE.fullmatch(line) is not None or SOURCE_LINE.fullmatch(line) is not None
            or UNDATED_STAMP.fullmatch(line) is not None)


#: A date (and time) anywhere in a line: 2014.10.24, 01/09/2023 - 09:49,
#: 11-22-2014, 2014-12-17 (17:30), 2024-04-23 12:27:25.
DATE_IN_LINE = re.compile(
    rf"(?:{_TIME}\s*)?(?:{_DATE}|\d{{1,2}}-\d{{1,2}}-\d{{4}})(?!\d)"
    rf"(?:\s*(?:星期.|週.|\(.\)|（.）))?(?:\s*[-–@|｜]?\s*[（(]?{_TIME}[）)]?)?")
# Words of a line that dates and credits an article, not of a headline.
_META_WORDS = re.compile(_tc(
    r"記者|報導|報道|编译|編譯|編輯|中心|作者|來源|原創|發佈|發布|發表|日期|更新|撰文|攝影|出版|刊出|"
    r"時間\s*[:：]|[Bb]y\b|專訊|快訊|綜合|\bago\b|今日|昨日"))
_META_SEPARATORS = re.compile(r"[\s|｜/／\-–:：()（）@\[\]【】,，·•]+")
_PERSON_LIKE = re.compile(r"[\u4e00-\u9fff]{2,5}|[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}")


def split_meta_line(line: str) -> tuple[datetime.date, str] | None:
    """A line that dates an article under its headline, and what else it
    says (a desk, a site, a name, a credit), or None: ``編譯中心 2014年12月13日
    09:33``, ``發佈日期 : 2017-09-10``, ``原創：site2024-04-23 12:27:25``,
    ``2023/08/25 王小明``, ``- 編輯部 @ 11-22-2014 / 今日``, ``01/09/2023 - 09:49``.
    A headline with a date after it (an item of a list of stories) is not one:
    its words are neither a credit nor a name."""
    if len(line) > 60 or "。" in line:
        return None
    found = DATE_IN_LINE.search(line)
    if found is None or (date := stamp_date(found.group(0))) is None:
        return None
    rest = (line[:found.start()] + " " + line[found.end():]).strip()
    words = _META_SEPARATORS.sub(" ", rest).strip()
    # Besides a credit or a name: the buttons beside a date (列印 文字大小).
    if (not words or _META_WORDS.search(words) or _PERSON_LIKE.fullmatch(words)
            or all(len(word) <= 4 or is_site_name(word) or word.isascii()
                   for word in words.split())):
        return date, rest
    return None


def split_trailing_stamp(line: str) -> tuple[str, datetime.date] | None:
    """A headline printed with its timestamp after it (``…出頭天2014/12/1
    18:13``, ``… (2010-07-20)``): the headline and the date, or None."""
    for found in DATE_IN_LINE.finditer(line):
        tail = line[found.end():].strip(" )）]】")
        if tail or found.start() < 4:
            continue
        date = stamp_date(found.group(0))
        head = line[:found.start()].rstrip(" (（[【-–|｜")
        if date is not None and head:
            return head, date
    return None


_SITE_SUFFIX = re.compile(_tc(
    r"[\w\s·.]{0,14}(?:網|新聞網|新聞雲|日報|晚報|時報|電子報|報|新聞|中文網|中文|電視台|頻道|"
    r"首頁|Homepage|News|NEWS|\.com|\.cn|\.tw|\.hk|網站|中文網首頁|App|APP)"))


def is_site_name(line: str) -> bool:
    """``人民網``, ``ETtoday新聞雲``, ``China Daily Homepage``: a short line
    that is only a site's name."""
    return len(line) <= 16 and _SITE_SUFFIX.fullmatch(line) is not None


#: A line that closes an article: the editor's credit, a portal's way back
#: (返回搜狐，查看更多). What follows it, shorter than the article, is the site's.
CLOSES_ARTICLE = re.compile(r"^\s*[（(【\[]?\s*(?:责任编辑|責任編輯|责编|責編)\s*[：:／/]"
                            r"|^\s*返回\S{0,8}[，,]\s*查看更多")


def is_nav_bar(line: str) -> bool:
    """``首頁 即時 影劇 播吧 運動 …``: several short words with spaces between
    and no sentence punctuation."""
    words = line.split()
    # (a headline spaced into phrases ends in a long one: 郵票 車票 場刊 紙品收藏見證香港文化;
    # one with a product's Latin name has a long Han phrase: 三星 Galaxy S20 系列手机正式发布)
    longest_han = max((len(w) for w in words if has_han(w)), default=0)
    return (len(words) >= 4 and sum(len(w) <= 8 for w in words) >= 0.8 * len(words)
            and (len(words) >= 6 or max(len(w) for w in words) <= 8 and longest_han <= 6)
            and not re.search("[，。；！？、]", line))


# Photo credits only: a paragraph may end with a text credit (（來源：新華社）).
_CREDIT = _tc(r"(?:圖|照片|圖片|攝影|影像|資料照|翻攝|截圖|示意圖|提供|攝|取自|Getty|AFP|Reuters)")
#: A photo credit in brackets: （圖／翻攝畫面）, （圖片來源：中國臺灣網）, （記者凌美雪攝）.
CREDIT_BRACKET = re.compile(rf"[（(〔【][^（）()〔〕【】]{{0,30}}{_CREDIT}[^（）()〔〕【】]{{0,30}}[）)〕】]")


# "Pictured is": the caption's own words, at the start of a clause.
_PICTURED = re.compile(r"(?:^|[，。；\s])(?:圖為|图为|照片為|照片为|上圖為|上图为|下圖為|下图为|左起|右起)")


# A photo credit without brackets at the end: "圖片來源：西溪濕地供圖".
_LOOSE_CREDIT = re.compile(_tc(r"(?:圖片來源|圖源|攝影|圖)\s*[:：／/]\s*[^，。]{1,20}$|供圖$"))
# A caption closing with its picture's source after the sentence, unbracketed:
# "特區政府嚴厲批評制裁。資料圖片", "薛夫洛根（右）和占士法蘭高。美聯社".
_CLOSING_PHOTO_CREDIT = re.compile(_tc(r"[。！？]\s*(?:[^\s。，]{0,6}(?:資料圖片|資料圖|圖片|"
                                       r"美聯社|法新社|路透社|新華社|中新社|歐新社|美聯|路透|法新)|"
                                       r"[^\s。，]{1,6}攝)$"))
# A caption closing with its picture's credit in English, unbracketed:
# "…的嘗試。 Pool photo by Andy Wong", "…指控。 Florence Lo/Reuters",
# "…對象。 Go Nakamura for The New York Times".
_LATIN_CLOSING_CREDIT = re.compile(
    r"[。！？」』”]\s*(?:(?:Pool |AP |Associated Press )?[Pp]hoto(?:graph)? by [A-Z].{0,40}"
    r"|[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,3}\s*/\s*(?:Reuters|AFP|AP|EPA|Getty Images|"
    r"Bloomberg|Associated Press|Xinhua|Shutterstock|iStock)"
    r"|[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,3} for (?:The New York Times|[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3}))$")
# A caption closing with a picture agency's Latin name in brackets:
# "…私樓之下。」（iStock）", "…現場。(Getty Images)".
_LATIN_PHOTO_CREDIT = re.compile(r"[。！？」』]\s*[（(](?=[^）)]*[A-Z])[A-Za-z]+(?:[ ./&-][A-Za-z]+){0,3}[）)]$")
# A short line closing with an agency in brackets: "網約車排隊等候載客。（中新社）".
_AGENCY_CREDIT = re.compile(r"[。！？][（(][^（）()\d]{2,8}[）)]$")


#: Labels that open a caption, as some sites print them before its text.
_CAPTION_LABELS = ("圖像加註文字", "图像加注文字", "圖片說明", "图片说明", "圖說", "图说", "圖註", "图注")


def is_caption(line: str) -> bool:
    """A photo caption: starts with ▲ or ▼, ends with ``攝`` or a photo
    credit, or is a credit in brackets alone."""
    if line[:1] in "▲▼△▽↑↓圖图":
        if line[1:2] in "／/：:" or line[:1] not in "圖图":
            return True
    # A square opening a sentence marks a caption (■警方昨日接報，…); a
    # square before a short phrase may be a subhead.
    if line[:1] in "■□◆" and ("，" in line or "。" in line):
        return True
    if line.startswith(_CAPTION_LABELS):  # 圖像加註文字，… : a caption's label
        return True
    stripped = line.rstrip()
    if len(stripped) <= 150 and (_PICTURED.search(stripped) or _LOOSE_CREDIT.search(stripped)):
        return True
    if len(stripped) <= 80 and _LATIN_PHOTO_CREDIT.search(stripped):
        return True
    if len(stripped) <= 40 and _AGENCY_CREDIT.search(stripped):
        return True
    if len(stripped) <= 80 and _CLOSING_PHOTO_CREDIT.search(stripped):
        return True
    if len(stripped) <= 200 and _LATIN_CLOSING_CREDIT.search(stripped):
        return True
    if stripped.endswith(("攝", "摄", "傳真", "传真")) and len(stripped) <= 120:
        return True
    tail = CREDIT_BRACKET.search(stripped)
    if tail is None:
        return False
    after = stripped[tail.end():].strip()
    return not after or (len(after) <= 40 and (stamp_date(after) is not None
                                                or after.endswith(("傳真", "传真", "攝", "摄"))))
