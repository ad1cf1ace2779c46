"""Headlines break between words, Latin tokens in Chinese text never break,
and the page's furniture keeps to one line (issue 26, points 2 and 3),
checked on the PDFs."""
from __future__ import annotations

import os
import re
import stat
import subprocess
import sys

import pdfplumber
import pytest

from pdf_lines import body_lines, paragraph_lines
from support import MARGIN, ROOT, SAMPLE_SLUG, run
from toolkit.render.fit import ELLIPSIS, banner, cut_at_word, em_width
from toolkit.render.words import WORD_JOINER, glue_tokens, glue_words, words

TITLE = "加快转型升级 助力“三个湾区”，金山区召开城市数字化转型推进大会"
LICENCE = "by-nc-sa"


def squeezed(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("edition", ["zh-Hans", "bilingual"])
def test_the_sample_title_breaks_between_words_after_the_comma(built, edition):
    lines, _ = paragraph_lines(body_lines(built / f"{SAMPLE_SLUG}.{edition}.pdf"), TITLE)
    texts = [squeezed(line.text) for line in lines]
    assert texts == ["加快转型升级助力“三个湾区”，", "金山区召开城市数字化转型推进大会"]
    # every break falls between two of jieba's words
    boundaries, position = set(), 0
    for word in words(squeezed(TITLE)):
        position += len(word)
        boundaries.add(position)
    assert len(texts[0]) in boundaries


def test_headings_break_only_between_words_at_any_width(project_copy, capsys):
    """The sample's title narrowed line by line: at no width does a line end
    inside a word (as it did: ``…，金 / 山区召开…``)."""
    css = project_copy / "templates" / "brief.css"
    for width in (60, 75, 90, 105):
        css.write_text(css.read_text(encoding="utf-8")
                       + f"\nh1 {{ width: {width}mm; }}\n", encoding="utf-8")
        assert run(capsys, project_copy, "build", "--quiet", "--force",
                   "--edition", "zh-Hans")[0] == 0
        lines, _ = paragraph_lines(
            body_lines(project_copy / "dist" / f"{SAMPLE_SLUG}.zh-Hans.pdf"), TITLE)
        assert len(lines) >= 2
        boundaries, position = set(), 0
        for word in words(squeezed(TITLE)):
            position += len(word)
            boundaries.add(position)
        ends, total = [], 0
        for line in lines[:-1]:
            total += len(squeezed(line.text))
            ends.append(total)
        assert set(ends) <= boundaries, ([line.text for line in lines], width)


def test_a_latin_token_in_chinese_text_is_never_broken(project_copy, capsys):
    """A paragraph with ``（by-nc-sa）`` at every offset of a line: Pango
    would break after either hyphen; the token stays whole."""
    source = project_copy / "sources" / f"{SAMPLE_SLUG}.txt"
    filler = "轉型發展"
    paragraph = "".join(f"第{n}條採用（{LICENCE}）許可{filler * (n % 4)}{'數' * (n % 3)}，"
                        for n in range(1, 40)) + "特此說明。"
    lines = source.read_text(encoding="utf-8").split("\n")
    lines.insert(4, paragraph)
    source.write_text("\n".join(lines), encoding="utf-8")
    assert run(capsys, project_copy, "build", "--quiet", "--edition", "zh-Hans")[0] == 0
    pdf = project_copy / "dist" / f"{SAMPLE_SLUG}.zh-Hans.pdf"
    found = [squeezed(line.text) for line in body_lines(pdf) if "條" in line.text
             or "条" in line.text or re.search(r"\b(nc|sa)\b", line.text)]
    text = "\n".join(found)
    assert text.count(LICENCE) == 39, text  # every one whole, on one line
    assert not re.search(r"(by|nc)[-\u2010]$", text, re.M)
    # the text layer carries no word joiner
    with pdfplumber.open(pdf) as document:
        assert WORD_JOINER not in "".join(page.extract_text() for page in document.pages)
    # (poppler-utils is installed by the setup: bootstrap.sh)
    result = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                            check=True)
    assert WORD_JOINER not in result.stdout and "\u200b" not in result.stdout


def test_a_url_longer_than_a_line_breaks_after_a_slash(project_copy, capsys):
    """Latin tokens stay whole, but a URL longer than the line would run off
    the page: it may break after a slash, and no line leaves the frame."""
    source = project_copy / "sources" / f"{SAMPLE_SLUG}.txt"
    url = ("https://www.example.gov.cn/zwgk/zcwj/2021/07/21/digital-transformation-"
           "implementation-opinions-of-jinshan-district/full-text/index.html")
    short = "https://www.jinshan.gov.cn/"
    lines = source.read_text(encoding="utf-8").split("\n")
    lines.insert(4, f"全文見{url}，另見{short}與（by-nc-sa）許可。")
    source.write_text("\n".join(lines), encoding="utf-8")
    assert run(capsys, project_copy, "build", "--quiet", "--edition", "zh-Hans")[0] == 0
    pdf = project_copy / "dist" / f"{SAMPLE_SLUG}.zh-Hans.pdf"
    found = body_lines(pdf)
    text = "".join(squeezed(line.text) for line in found)
    assert url in text and short in text
    pieces = [line for line in found if any(piece in squeezed(line.text) for piece in
                                            ("example", "transformation", "index.html"))]
    assert len(pieces) >= 2, [line.text for line in pieces]  # the URL took two lines
    assert squeezed(pieces[0].text).endswith("/")
    assert all(line.x1 <= 595.276 - 20 * 72 / 25.4 + 0.5 for line in pieces)  # on the page


def top_margin_rows(page) -> dict[float, list]:
    """The characters in the page's top margin, by baseline."""
    rows: dict[float, list] = {}
    for char in page.chars:
        if char["bottom"] < MARGIN:
            rows.setdefault(round(char["matrix"][5], 1), []).append(char)
    return {base: sorted(chars, key=lambda c: c["x0"]) for base, chars in rows.items()}


def first_box(chars: list) -> list:
    """The characters of a row up to its first wide gap (the next margin box)."""
    for index in range(1, len(chars)):
        if chars[index]["x0"] - chars[index - 1]["x1"] > 10:
            return chars[:index]
    return chars


def test_a_long_english_title_runs_as_a_one_line_head(project_copy, capsys, english):
    """No short title: the running head is the title, cut at a space with
    an ellipsis, on one line."""
    meta = project_copy / "sources" / f"{SAMPLE_SLUG}.meta.toml"
    meta.write_text("".join(line for line in meta.read_text(encoding="utf-8")
                            .splitlines(keepends=True) if "short_title" not in line),
                    encoding="utf-8")
    assert run(capsys, project_copy, "build", "--quiet", "--edition", "en")[0] == 0
    title = next(m.string for m in english if m.context == "title")
    with pdfplumber.open(project_copy / "dist" / f"{SAMPLE_SLUG}.en.pdf") as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages[1:]:
            rows = top_margin_rows(page)
            assert len(rows) == 1, rows  # one line: no second line of the head
            head = "".join(c["text"] for c in first_box(next(iter(rows.values()))))
            assert head.endswith(ELLIPSIS) and len(head) > 20, head
            # cut at a space: what is kept is the title's first words
            kept = title.split(" ")
            assert any(" ".join(kept[:n]) == head[:-1] for n in range(1, len(kept))), head


def draft_project(project_copy):
    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Refined plans set the compass for transformation"', 'msgstr ""'),
        encoding="utf-8")


@pytest.mark.parametrize("edition, label", [
    ("en", "DRAFT: untranslated passages, not for publication"),
    ("bilingual", "草稿：有未翻译的段落，不得发布")])
def test_the_draft_banner_is_one_line_without_a_hyphen(project_copy, capsys, edition, label):
    draft_project(project_copy)
    status, _, err = run(capsys, project_copy, "build", "--quiet", "--edition", edition,
                         "--allow-incomplete")
    assert status == 1 and "not built: 1 untranslated" in err, err  # a draft is exit 1
    with pdfplumber.open(project_copy / "dist" / f"{SAMPLE_SLUG}.{edition}.draft.pdf") as pdf:
        assert len(pdf.pages) >= 2
        for number, page in enumerate(pdf.pages):
            rows = top_margin_rows(page)
            banners = [chars for chars in rows.values() if chars[0]["fontname"].endswith("Bold")
                       and "DRAFT" in "".join(c["text"] for c in chars)
                       or "草稿" in "".join(c["text"] for c in chars)]
            assert len(banners) == 1, rows  # one line, whole
            chars = [c for c in banners[0] if c["x0"] > page.width * 0.25]
            text = "".join(c["text"] for c in chars)
            assert text == label, text
            assert "\u2010" not in text and "\u00ad" not in text
            if number:  # between the running head and the publication, over neither
                others = [c for base, row in rows.items() for c in row if c not in chars]
                left = min(c["x0"] for c in chars)
                right = max(c["x1"] for c in chars)
                heads = [c for c in others if c["x0"] < left]
                publication = [c for c in others if c["x0"] >= left]
                assert heads and max(c["x1"] for c in heads) < left
                assert "".join(c["text"] for c in publication).strip() == "Shanghai Digital Brief"
                assert min(c["x0"] for c in publication) > right


def test_words_come_from_jieba_dictionary():
    assert "金山区" in words(TITLE) and "数字化" in words(TITLE)
    assert words("本文采用（by-nc-sa）协议，见https://example.com/a_b。") == [
        "本文", "采用", "（", "by-nc-sa", "）", "协议", "，", "见", "https://example.com/a_b", "。"]
    for text in (TITLE, "采用（by-nc-sa）的AI+应用与5G网络"):
        assert "".join(words(text)) == text
        assert glue_words(text).replace(WORD_JOINER, "") == text
    assert glue_words("金山区召开") == "金\u2060山\u2060区召\u2060开"
    assert glue_tokens("（by-nc-sa）与70%") == "（by\u2060-\u2060nc\u2060-\u2060sa）与70%"


def test_jieba_loads_silently_from_the_private_cache_only(tmp_path):
    """A fresh process: nothing on stderr (jieba logs "Building prefix
    dict…"), no jieba cache in the shared temporary folder, the sorted
    dictionary kept in the toolkit's private cache (this user's alone)."""
    shared = tmp_path / "tmp"
    shared.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "TMPDIR": str(shared),
           "PYTHONPATH": str(ROOT)}
    script = "from toolkit.render.words import words; print('/'.join(words('金山区召开城市大会')))"
    for _ in range(2):  # building the cache, then reading it
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                env=env, check=True)
        assert result.stdout.strip() == "金山区/召开/城市/大会" and result.stderr == ""
    assert not list(shared.iterdir())
    entry = tmp_path / "cache" / "bilingual-brief" / "words" / "jieba-dictionary.pickle"
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_running_head_is_cut_at_a_word_and_a_banner_shrinks():
    title = "Jinshan District Holds Urban Digital Transformation Conference"
    head = cut_at_word(title, 125, 8)
    assert head == "Jinshan District Holds Urban…"
    assert em_width(head) * 8 <= 125
    assert cut_at_word(TITLE, 125, 8) == "加快转型升级 助力“三个湾区”…"
    assert cut_at_word(TITLE, 110, 8) == "加快转型升级 助力…"  # never 助力“三个…
    assert cut_at_word("金山区推进城市数字化转型", 125, 8) == "金山区推进城市数字化转型"
    text, size = banner("DRAFT: untranslated passages, not for publication", 180, 8)
    assert text.startswith("DRAFT") and not text.endswith(ELLIPSIS) and 6 <= size < 8
    assert em_width(text) * size <= 180


def test_a_heading_prefers_to_break_after_its_clause(project_copy, capsys):
    """Between words, the most even break is 全面推进城市数字化 / 转型，…
    (9 and 11 characters); a break after the comma makes the longest line
    one character longer (12 and 8) and is taken: a clause reads whole."""
    source = project_copy / "sources" / f"{SAMPLE_SLUG}.txt"
    text = source.read_text(encoding="utf-8")
    heading = next(line for line in text.split("\n") if line.startswith("完善規"))
    source.write_text(text.replace(heading, "全面推進城市數字化轉型，建設智慧灣區新城"),
                      encoding="utf-8")
    css = project_copy / "templates" / "brief.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh2 { width: 180pt; }\n",
                   encoding="utf-8")
    assert run(capsys, project_copy, "build", "--quiet", "--edition", "zh-Hans")[0] == 0
    lines, _ = paragraph_lines(body_lines(project_copy / "dist" / f"{SAMPLE_SLUG}.zh-Hans.pdf"),
                               "全面推进城市数字化转型，建设智慧湾区新城")
    assert [squeezed(line.text) for line in lines] == ["全面推进城市数字化转型，", "建设智慧湾区新城"]


@pytest.mark.parametrize("edition", ["zh-Hans", "en", "bilingual"])
def test_the_running_header_names_the_publication_from_page_two(built, edition):
    """The header's right box holds the publication (toolkit.toml) on every
    page after the first; it stayed empty while the masthead's flex item set
    the string (WeasyPrint 70 takes no string from a flex item)."""
    with pdfplumber.open(built / f"{SAMPLE_SLUG}.{edition}.pdf") as pdf:
        assert len(pdf.pages) >= 2
        first = pdf.pages[0].crop((pdf.pages[0].width / 2, 0, pdf.pages[0].width, 20 * 72 / 25.4))
        assert "Shanghai Digital Brief" not in (first.extract_text() or "")
        for page in pdf.pages[1:]:
            header = page.crop((page.width / 2, 0, page.width, 24 * 72 / 25.4))
            assert "Shanghai Digital Brief" in (header.extract_text() or ""), page.page_number


def test_a_desk_brief_of_before_the_head_boxes_still_builds(project_copy, capsys):
    """A desk that made brief.html its own before issue 26 has no
    running_head_box: the package's other templates still find one."""
    brief = project_copy / "templates" / "brief.html"
    text = brief.read_text(encoding="utf-8")
    assert "{% set running_head_box" in text
    brief.write_text("\n".join(line for line in text.split("\n")
                               if not line.startswith(("{% set running_head_box",
                                                       "{% set banner_box"))), encoding="utf-8")
    (project_copy / "templates" / "chinese.html").unlink()  # the package's is used
    status, _, err = run(capsys, project_copy, "build", "--quiet", "--edition", "zh-Hans")
    assert status == 0, err
