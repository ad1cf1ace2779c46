"""Who wrote an article: a person's name in a byline or credit line.

An author is a person, never a desk (即時新聞, 社會中心), an editor credit,
menu text (個人中心, 發佈時間), a date or a column name: Han names of two to
four characters that start with a surname (several joined by 、), or a
Latin name. Page text has no markup to say which line is the byline, so
the credit's own words (記者 X, 作者：X, 文／X, X／高雄報導) say it; a saved
page's reader (:mod:`toolkit.read.html`) weighs its byline elements first
and then these same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from toolkit.read.dateline import parse_byline

#: Words of a desk, not a person: 即時新聞, 社會中心, 編輯部.
_DESK = re.compile(r"(?:中心|新聞|新闻|編輯部|编辑部|編輯|编辑|小組|小组|部|台|網|网|社|報|报)$")
#: The common Chinese surnames (both scripts) and the compound ones.
_SURNAMES = set(
    "王李張张劉刘陳陈楊杨黃黄趙赵吳吴周徐孫孙馬马朱胡郭何林高羅罗鄭郑梁謝谢宋唐許许韓韩馮冯鄧邓"
    "曹彭曾蕭萧肖田董潘袁蔡蔣蒋余于杜葉叶程魏蘇苏呂吕丁任盧卢姚沈鍾钟姜崔譚谭陸陆范汪廖石金韋韦"
    "賈贾夏付傅方鄒邹熊白孟秦邱侯江尹薛閻阎段雷龍龙黎史陶賀贺毛郝顧顾龔龚邵萬万覃武錢钱戴嚴严莫"
    "孔向常湯汤康易喬乔賴赖文施洪辛柯莊庄樊殷瞿倪溫温尤翁甘游伍簡简古麥麦祝梅關关區区歐欧鄺邝"
    "岑冼勞劳駱骆霍單单紀纪卓塗涂凌聶聂包車车詹練练植藍蓝鄔邬邢費费葛聞闻牛凃卜盛童滕"
    "符柴左喻蒙陰阴饒饶申景裴應应蘭兰黨党柳苗華华魯鲁衛卫尚封季宮宫閔闵雲云敖俞脫脱顏颜")
_COMPOUND_SURNAMES = ("歐陽", "欧阳", "司馬", "司马", "諸葛", "诸葛", "上官", "司徒", "端木",
                      "公孫", "公孙", "夏侯", "尉遲", "尉迟", "皇甫", "令狐", "慕容", "長孫",
                      "长孙", "東方", "东方")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z.]+){1,3}")
#: A Latin name as bylines print it, capitals and initials too: DAVID E. SANGER.
_LATIN_BYLINE_NAME = re.compile(r"[A-Z][A-Za-z'’-]*\.?(?:[ -]+[A-Z][A-Za-z'’-]*\.?){1,3}")
#: Words of a page's buttons and menus, never of a name.
UI_WORDS = frozenset((
    "login", "logout", "log", "register", "signup", "signin", "sign", "profile", "account",
    "settings", "previous", "next", "prev", "home", "share", "more", "menu", "search", "close",
    "print", "email", "mail", "back", "top", "news", "my", "feed", "follow", "subscribe", "read",
    "view", "all", "page", "the", "of", "in", "on", "up", "a", "an", "to", "for", "by", "photo",
    "video"))
_NAME_LIST = re.compile(r"\s*(?:,|，|、|&|\band\b)\s*")
_HAN_NAMES = r"[\u4e00-\u9fff]{2,4}(?:[、，][\u4e00-\u9fff]{2,4})*"
# How an outlet's name ends, before its reporter (本报记者, 南都记者, 澎湃新闻记者).
_OUTLET_END = r"(?:社|报|報|网|網|台|臺|刊|都|新闻|新聞)"
# What ends a credited name: a reporting verb, a bracket, a space, the end.
_NAME_END = r"(?=報道|报道|報導|报导|撰|攝|摄|[）)】\]／/\s,，。]|$)"
#: Credit lines: 記者 陳子謙, 星島日報記者 X, 作者：方敏, 文／王小明; 【財訊快報／陳孟朔】;
#: 金名/高雄報導; （民視新聞陳韻平、郭文海台北報導）.
CREDITS = (
    # (記者 after an agency's or a paper's name: 新華社記者 王小明, 本報記者王小明)
    re.compile(r"(?:^|[（(【\s]|[報报社網网台臺聞闻])(?:記者|记者|作者|撰文|文)\s*[：:︰／/︱｜|]?\s*"
               rf"({_HAN_NAMES}){_NAME_END}"),
    # a line that opens with a paper's reporter, spaced: 采写：南都记者 余毅菁 向雪妮
    re.compile(r"^\s*(?:[\u4e00-\u9fff]{1,4}\s*[：:︰]\s*)?[\u4e00-\u9fff]{0,5}"
               rf"{_OUTLET_END}(?:記者|记者)\s+({_HAN_NAMES}){_NAME_END}"),
    re.compile(r"[【\[][^】\]／/]{2,12}[／/]\s*([\u4e00-\u9fff]{2,4})\s*[】\]]"),
    re.compile(r"(?:^|\s)([\u4e00-\u9fff]{2,4})\s*[／/]\s*[\u4e00-\u9fff]{2,4}"
               r"(?:報導|报导|報道|报道)"),
    # a name glued to its job title: 王小明駐京特派員, 陳大文 資深記者, 特約記者王小明
    re.compile(r"^\s*([\u4e00-\u9fff]{2,4}?)\s*(?:駐\S{1,4})?(?:資深|特約|實習|見習|首席)?"
               r"(?:記者|记者|特派員|特派员|通訊員|通讯员|撰稿人|評論員|评论员)\s*$"),
    re.compile(r"(?:特派員|特派员|通訊員|通讯员|撰稿人|特約記者|特约记者|實習記者|实习记者|首席記者)"
               rf"\s*[：:︰／/]?\s*({_HAN_NAMES}){_NAME_END}"),
    re.compile(r"[（(][^（）()]{0,12}?([\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})+)"
               r"[\u4e00-\u9fff]{0,4}(?:報導|报导|報道|报道)[）)]"),
    # 上報快訊／王小明, 中央社專訊／王小明: a desk's flash with the reporter after it
    re.compile(r"(?:^|\s)[\u4e00-\u9fff]{1,6}(?:快訊|快讯|專訊|专讯|特稿)\s*[／/]\s*"
               r"([\u4e00-\u9fff]{2,4})" + _NAME_END),
    # 石佳/中国青年报: a name, then the paper it writes for (a line of its own)
    re.compile(r"^\s*([\u4e00-\u9fff]{2,4})\s*[／/]\s*[\u4e00-\u9fff]{2,10}"
               r"(?:報|报|網|网|社|新聞|新闻|雜誌|杂志|電視台|电视台)\s*$"),
    # 作者：Atwood Wong, By Atwood Wong
    re.compile(r"(?:^|[（(【\s])(?:記者|记者|作者|撰文|文|By)\s*[：:︰／/︱｜|]?\s*"
               r"([A-Z][a-z]+(?:[ -][A-Z][a-z.]+){1,3})"),
)
#: A line that is only a credit: printed as the author, not as a paragraph.
CREDIT_LINE = re.compile(r"\s*[（(【\[]?\s*(?:(?:采写|採寫|撰稿)\s*[：:︰／/]\s*)?"
                         rf"(?:(?:[\u4e00-\u9fff]{{0,5}}{_OUTLET_END})?(?:記者|记者)"
                         r"|作者|撰文|文|採訪|采访|采写|採寫)"
                         r"\s*[：:︰／/]?\s*"
                         r"[\u4e00-\u9fff·]{2,4}(?:(?:[、，]|\s+)[\u4e00-\u9fff·]{2,4})*\s*"
                         r"(?:報道|报道|報導|报导)?\s*[）)】\]]?\s*")


def is_person(name: str) -> bool:
    """Han names of two to four characters that start with a surname
    (several joined by 、), or a Latin name (Atwood Wong)."""
    if _LATIN_NAME.fullmatch(name):
        return True

    parts = re.split(r"[、，,]\s*|\s+", name)
    return bool(parts) and all(
        _NAME.fullmatch(part) and (part[0] in _SURNAMES or part.startswith(_COMPOUND_SURNAMES))
        for part in parts)


def latin_byline(text: str) -> bool:
    """Whether a byline element's text is Latin names as bylines print
    them (DAVID E. SANGER, STEVEN LEE MYERS): only where the markup says it
    is a byline, since words in capitals (NEW YORK, BBC NEWS) look the same."""
    names = [part for part in _NAME_LIST.split(text.strip()) if part]
    return text.isascii() and bool(names) and all(
        _LATIN_BYLINE_NAME.fullmatch(part) and all(
            (len(word) >= 2 or word.endswith(".")) and word.lower().strip(".") not in UI_WORDS
            for word in re.split(r"[\s-]+", part) if word.strip("."))
        for part in names)


def person(name: str) -> str:
    """The reporter a credit names, or '' for a desk (即時新聞, 社會中心)."""
    name = name.strip().lstrip("︰:：").strip()
    if not name:
        return ""
    byline = parse_byline(name)
    if byline is not None:
        name = byline.reporter.lstrip("︰:：").strip()
    name = re.sub(r"^(?:記者|记者|文|作者)\s*[:：︰／/]?\s*", "", name).strip()
    if not name or _DESK.search(name) or len(name) > 12 or not is_person(name):
        return ""
    return name


#: A credit whose name runs into the author's post: 作者：方敏北京大学经济学院教授.
_CREDIT_WITH_POST = re.compile(
    r"(?:作者|撰文|文)\s*[：:︰／/]\s*([\u4e00-\u9fff]{2,24}?)(?:大學|大学|學院|学院|研究院|研究所|教授|"
    r"研究員|研究员|主任|院長|院长|學者|学者|博士|律師|律师|醫生|医生|作家|總監|总监|經理|经理|主席|"
    r"會長|会长|委員|委员|專家|专家|社長|社长|校長|校长)")
# Where an author's post starts, after the name: a place or a country.
_POST_STARTS = ("北京", "上海", "天津", "重慶", "重庆", "香港", "澳門", "澳门", "台灣", "臺灣", "台湾",
                "中國", "中国", "國立", "国立", "清華", "清华", "南京", "廣州", "广州", "深圳", "武漢",
                "武汉", "浙江", "復旦", "复旦", "美國", "美国", "英國", "英国", "日本", "新加坡", "國際",
                "国际", "國家", "国家", "中央", "省", "市")


def _name_before_post(run: str) -> str:
    """``方敏北京大学经济`` → 方敏: the name is the two or three characters
    before the post's place (a three-character name when none is known)."""
    for size in (3, 2):
        if run[size:].startswith(_POST_STARTS):
            return run[:size]
    return run[:3]


#: A picture's credit after a name: 中新社记者 X 摄 names the photographer.
_PHOTO_CREDIT = re.compile(r"\s*(?:摄|攝|供图|供圖|/?\s*图$|/?\s*圖$)")
#: More reporters after the first, spaced: 澎湃新闻记者 段彦超 廖艳.
_MORE_NAMES = re.compile(r"(?:\s+[\u4e00-\u9fff]{2,3}(?=[\s）)】\]]|$)){1,4}")


def _more_names(text: str, end: int) -> list[str]:
    """The names spaced after a credited one (each a person), when the
    line or the credit's bracket ends with them (（通讯员 李琴雯 刘会）…)."""
    found = _MORE_NAMES.match(text, end)
    rest = text[found.end():].strip() if found is not None else ""
    if found is None or rest and rest[0] not in "）)】]":
        return []
    names = found.group(0).split()
    return names if all(is_person(name) for name in names) else []


def credited(texts: Iterable[str]) -> str:
    """The first person a credit line among ``texts`` names, or ''. A
    picture's credit (记者 X 摄) names a photographer, never the author;
    reporters spaced after the first are named with it (X、Y)."""
    for text in texts:
        for pattern in CREDITS:
            for match in pattern.finditer(text):
                if _PHOTO_CREDIT.match(text, match.end(1)):
                    continue
                name = person(match.group(1))
                if name:
                    more = _more_names(text, match.end(1)) if "、" not in name else []
                    return "、".join([name, *more])
        for match in _CREDIT_WITH_POST.finditer(text):
            name = person(_name_before_post(match.group(1)))
            if name:
                return name
        # a line that is only 作者︱X names its writer, a pen name too (春春)
        alone = _AUTHOR_ALONE.fullmatch(text)
        if alone and not _DESK.search(alone.group(1)) and not _NO_ONE.search(alone.group(1)):
            return alone.group(1)
    return ""


#: A line that is only the writer's credit: 作者︱春春, 作者：春春, 【作者：X】.
_AUTHOR_ALONE = re.compile(r"\s*[（(【\[]?\s*(?:作者|撰文|文)\s*[：:︰／/︱｜|]\s*([\u4e00-\u9fff]{2,4})\s*"
                           r"[）)】\]]?\s*")


#: A pen-name credit: 执笔/甲、乙&丙 (names the writers choose, of any
#: characters: no surname is needed).
_PEN_NAMES = re.compile(r"^\s*(?:执笔|執筆)\s*[：:︰／/]\s*((?:[\u4e00-\u9fff]{2,5}\s*[、&＆和,，]\s*)*"
                        r"[\u4e00-\u9fff]{2,5})\s*$")
#: The fields of an article's info bar: 来源 X | 作者 Y | 发布时间 …
_INFO_FIELDS = re.compile(r"来源|來源|出处|出處|发表于|發表於|发布|發佈|發布|时间|時間|阅读|閱讀|"
                          r"编辑|編輯|责编|責編|浏览|瀏覽|评论|評論|\d{4}-\d{1,2}-\d{1,2}")
_INFO_AUTHOR = re.compile(r"(?:^|[\s|｜])(?:作者|作\s者)\s*[：:︰]?\s*"
                          r"([\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})(?=[\s|｜,，]|$)")
#: What an author field holds when it names no one: 网络整理, 未知, 佚名, 本站原创.
_NO_ONE = re.compile(r"整理|未知|佚名|匿名|不详|不詳|本站|本网|本網|综合|綜合|原创|原創|转载|轉載|网络|網絡|"
                     r"网友|網友|小编|小編|管理|来源|來源|群$|简介|簡介|专栏|專欄")
#: A reporter named in brackets after the article's last sentence: …举行。（X）
_CLOSING_NAME = re.compile(r"[。！？”」]\s*[（(]\s*([\u4e00-\u9fff]{2,3}"
                           r"(?:[、\s][\u4e00-\u9fff]{2,3})?)\s*[）)]\s*$")


def pen_names(text: str) -> str:
    """The writers a pen-name credit names (执笔/甲、乙&丙 → 甲、乙、丙), or ''."""
    found = _PEN_NAMES.match(text)
    if found is None:
        return ""
    names = [n for n in re.split(r"\s*[、&＆和,，]\s*", found.group(1)) if n]
    if any(_DESK.search(n) for n in names):
        return ""
    return "、".join(names)


def info_bar_author(text: str) -> str:
    """The author an article's info bar names in its 作者 field, among other
    fields (出处：X 作者：Y 编辑：Z; 来源 X | 作者 Y): the field says it is
    a person, so the name needs no known surname; never a desk. Or ''."""
    if len(text) > 200 or not _INFO_FIELDS.search(text):
        return ""
    found = _INFO_AUTHOR.search(text)
    if found is None:
        return ""
    name = found.group(1)
    if _DESK.search(name) or _NO_ONE.search(name):
        return ""
    return name


def closing_name(text: str) -> str:
    """The reporter named in brackets after a paragraph's last sentence
    (……举行。（张三）), a person's name only; or ''."""
    found = _CLOSING_NAME.search(text)
    if found is None:
        return ""
    names = re.split(r"[、\s]+", found.group(1))
    return "、".join(names) if all(is_person(n) for n in names) else ""
