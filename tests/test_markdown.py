"""Markdown drafts with YAML front matter."""
import datetime

import pytest

from toolkit.errors import SourceError
from toolkit.read.markdown import read_markdown
from toolkit.model import HEADING, PARAGRAPH

DRAFT = """---
title: 金山區召開大會(zhuǎn)
date: 2021-07-21
source: 人民網
author: 王文娟
slug: jinshan-draft
---

人民網上海7月21日電 (王文娟)7月21日,金山區舉行**城市數字化轉(zhuǎn)型**推進大會。
這是[第二行](https://example.org)。

## 完善規劃

第二段,有 AI 和 `code`。

- 列表項目也是段落。

分享讓更多人看到
"""


def test_front_matter_and_structure():
    article = read_markdown(DRAFT, path="d.md", slug="d")
    assert article.slug == "jinshan-draft"
    assert article.title == "金山區召開大會"
    assert article.date == datetime.date(2021, 7, 21)
    assert (article.publication, article.author, article.url) == ("人民網", "王文娟", "")
    assert article.dateline.agency == "人民網" and article.dateline.reporter == "王文娟"
    assert [(b.kind, b.text, b.line) for b in article.blocks] == [
        (PARAGRAPH, "7月21日，金山區舉行城市數字化轉型推進大會。這是第二行。", 9),
        (HEADING, "完善規劃", 12),
        (PARAGRAPH, "第二段，有 AI 和 code。", 14),
        (PARAGRAPH, "列表項目也是段落。", 16),
    ]
    assert [(g.line, g.han) for g in article.glosses] == [(9, "轉")]
    assert article.dropped == ((18, "分享讓更多人看到", "share widget"),)


def test_title_from_first_level_heading_and_url_source():
    article = read_markdown("---\nsource: https://example.org/a\n---\n# 標題\n\n正文。\n",
                            path="d.md", slug="d")
    assert article.title == "標題" and article.title_line == 4
    assert article.url == "https://example.org/a" and article.publication == ""


def test_latin_words_across_a_soft_break_keep_their_space():
    article = read_markdown("# 標題\n\n中文 Digital\nTransformation 和\n轉型。\n", path="d.md", slug="d")
    assert article.blocks[0].text == "中文 Digital Transformation 和轉型。"


@pytest.mark.parametrize("text, line, message", [
    ("---\ntitle: [unclosed\n---\n正文。\n", 3, "front matter"),
    ("---\ntitle: 標題\ncolour: red\n---\n正文。\n", 2, "unknown field(s) colour"),
    ("---\ntitle: 標題\ndate: yesterday\n---\n正文。\n", 2, "not YYYY-MM-DD"),
    ("正文。\n", 1, "no title"),
])
def test_bad_drafts_name_the_line(text, line, message):
    with pytest.raises(SourceError) as info:
        read_markdown(text, path="d.md", slug="d")
    assert str(info.value).startswith(f"d.md:{line}: source:") and message in str(info.value)
