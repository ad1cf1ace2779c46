"""Property tests on the reader (hypothesis)."""
import unicodedata
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.errors import SourceError
from toolkit.han import HAN_RE
from toolkit.read.furniture import DEFAULT_BOILERPLATE
from toolkit.read.page_text import read_article

# Text that looks like our sources: Han, pinyin glosses, half-width and
# full-width punctuation, datelines, boilerplate, Latin, blank lines.
PIECES = st.sampled_from([
    "轉", "區", "數", "網", "電", "月", "日", "人民網", "上海", "7月21日電", " (王文娟)",
    "(zhuǎn)", "(qū)", "(AI)", "(2021)", "(zhuǎnxíng)", ",", ";", ":", "?", "!", "(", ")",
    "，", "。", "“", "”", "「", "」", "AI+", "1+1+3", "70%", " ", "\n", "\n\n", "\r\n",
    "分享讓更多人看到", "責任編輯：張三", "abc", "\u0301", "\ufeff", "\u3000", "\t",
])
SOURCE_LIKE = st.lists(PIECES | st.characters(), max_size=60).map("".join)


def han_counter(text: str) -> Counter:
    return Counter(HAN_RE.findall(text))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(SOURCE_LIKE)
def test_any_input_reads_or_raises_a_located_error(text):
    try:
        read_article(text, path="p.txt", slug="p")
    except SourceError as error:
        assert error.path == "p.txt"
        # a line, except for a file with no lines at all
        assert (error.line is not None and error.line >= 1) or text == ""


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(SOURCE_LIKE)
def test_reading_never_drops_a_han_character(text):
    try:
        article = read_article(text, path="p.txt", slug="p")
    except SourceError:
        return
    normal = unicodedata.normalize("NFC", text)
    expected = han_counter(normal)
    # What reading may take away: boilerplate lines, and a dateline's own
    # words (月 日 電 記者), whose facts become fields.
    for _, line, _ in article.dropped:
        expected -= han_counter(line)
    got = han_counter(article.title) + sum(
        (han_counter(b.text) for b in article.blocks), Counter())
    if article.dateline:
        d = article.dateline
        got += han_counter(d.agency + d.place + d.reporter)
        # the date's own words and numerals, the verb and the reporter's label
        expected -= Counter("月日電电訊讯記者记者" + d.verb + d.reporter_title
                            + "〇零一二兩三四五六七八九十")
    assert not (expected - got), (expected - got)
    assert not (got - han_counter(normal)), "reading invented characters"


def test_boilerplate_defaults_are_valid_patterns():
    import re

    for pattern in DEFAULT_BOILERPLATE:
        re.compile(pattern)
