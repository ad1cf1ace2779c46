"""Typesetting checked on the PDFs, as a reader gets them (W3C clreq for
Chinese; hyphenation and indents for English; the bilingual pairing)."""
import re

import pytest

from support import ROOT, SAMPLE_SLUG
from pdf_lines import HAN, LEFT, RIGHT, body_lines, paragraph_lines
from toolkit.catalogs.segments import segments
from toolkit.catalogs.states import lookup

LINE_START_FORBIDDEN = set("、，。；：？！”’」』）》〉】")
LINE_END_FORBIDDEN = set("“‘「『（《〈【")
LATIN = re.compile(r"[A-Za-z0-9]")


def chinese_paragraphs(article):
    return [b.text for b in article.blocks if b.kind == "paragraph"]


@pytest.fixture(scope="module", params=["zh-Hans", "bilingual"])
def chinese_pdf(request, built):
    return body_lines(built / f"{SAMPLE_SLUG}.{request.param}.pdf")


def test_r1_r2_no_forbidden_punctuation_at_line_start_or_end(chinese_pdf):
    for line in chinese_pdf:
        if HAN.search(line.text):
            assert line.text[0] not in LINE_START_FORBIDDEN, line.text
            assert line.text[-1] not in LINE_END_FORBIDDEN, line.text


#: How far a justified line's end may stand from the frame's edge: the
#: quantized spacing and the zeroed glyph offsets keep it under 0.01 pt on
#: the sample; without either it reaches 0.44 pt.
FLUSH = 0.05


def flush_edge(line) -> float:
    """Where a justified line's last character ends: at the frame, or half an
    em beyond it for a closing mark set half-width at the line's end (its
    blank half in the margin, its ink at the frame: issue 15)."""
    from toolkit.pdf.extension.typeset import CLOSING

    return RIGHT + (line.size / 2 if line.text[-1] in CLOSING else 0)


def test_r7_every_line_but_the_last_is_flush_right(chinese_pdf, article):
    checked, start = 0, 0
    for paragraph in chinese_paragraphs(article):
        lines, start = paragraph_lines(chinese_pdf, paragraph, start)
        for line in lines[:-1]:
            assert abs(line.x1 - flush_edge(line)) <= FLUSH, (line.text, flush_edge(line) - line.x1)
            checked += 1
    assert checked >= 25  # the sample's paragraphs make about 27 non-final lines


def test_r7_pure_han_lines_are_flush_too(chinese_pdf, article):
    pure = [line for paragraph in chinese_paragraphs(article)
            for line in paragraph_lines(chinese_pdf, paragraph)[0][:-1]
            if not LATIN.search(line.text) and " " not in line.text]
    assert len(pure) >= 5
    assert all(abs(line.x1 - flush_edge(line)) <= FLUSH for line in pure)


def test_r8_quarter_em_between_han_and_latin(chinese_pdf, built):
    gaps = []
    for line in chinese_pdf:
        for here, following in zip(line.chars, line.chars[1:]):
            if (HAN.match(here["text"]) and LATIN.match(following["text"])) or \
                    (LATIN.match(here["text"]) and HAN.match(following["text"])):
                gap = (following["x0"] - here["x1"]) / here["size"]
                if gap < 1:  # farther apart, they are not neighbours in the text
                    gaps.append(gap)
    assert len(gaps) >= 20
    assert all(0.2 <= gap <= 0.33 for gap in gaps), sorted(gaps)[:3] + sorted(gaps)[-3:]


def test_r8_spacing_is_layout_not_characters(built):
    """The PDF's text, the HTML's text and the catalogs keep 7月21日 as is."""
    import pdfplumber

    with pdfplumber.open(built / f"{SAMPLE_SLUG}.zh-Hans.pdf") as pdf:
        text = pdf.pages[0].extract_text()
    assert "7月21日，金山区举行" in text
    catalog = (ROOT / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po").read_text(encoding="utf-8")
    assert 'msgid "7月21日，金山区举行' in catalog


def test_r9_chinese_first_line_indent_is_two_em(chinese_pdf, article):
    start = 0
    for paragraph in chinese_paragraphs(article):
        lines, start = paragraph_lines(chinese_pdf, paragraph, start)
        first = lines[0]
        assert abs(first.x0 - (LEFT + 2 * first.size)) <= 0.5, first.text
        for line in lines[1:]:
            assert abs(line.x0 - LEFT) <= 0.5


def test_r9_english_no_indent_after_a_heading(built, article, english):
    lines = body_lines(built / f"{SAMPLE_SLUG}.en.pdf")
    start, after_heading, following = 0, 0, 0
    previous_kind = "title"
    for segment in segments(article):
        if segment.context not in (None, "heading"):
            continue
        text = lookup(english, segment)
        found, start = paragraph_lines(lines, text, start)
        if segment.context is None:
            indent = found[0].x0 - LEFT
            if previous_kind == "paragraph":
                assert abs(indent - 1.5 * found[0].size) <= 0.5, text[:40]
                following += 1
            else:
                assert abs(indent) <= 0.5, text[:40]
                after_heading += 1
        previous_kind = "heading" if segment.context else "paragraph"
    assert after_heading == 4 and following == 6


def test_english_is_hyphenated(built):
    lines = body_lines(built / f"{SAMPLE_SLUG}.en.pdf")
    hyphenated = [line for line in lines if re.search(r"[a-z][\u2010-]$", line.text)]
    assert len(hyphenated) >= 3


def test_r10_simplified_text_uses_curly_quotes(built):
    for edition in ("zh-Hans", "bilingual"):
        text = "".join(line.text for line in body_lines(built / f"{SAMPLE_SLUG}.{edition}.pdf"))
        assert "“" in text and not re.search("[「」『』]", text)


@pytest.mark.parametrize("edition", ["zh-Hans", "en", "bilingual"])
def test_r12_han_glyphs_come_from_the_sc_face(built, edition):
    import pdfplumber

    with pdfplumber.open(built / f"{SAMPLE_SLUG}.{edition}.pdf") as pdf:
        han = [c for page in pdf.pages for c in page.chars if HAN.match(c["text"])]
    if edition == "en":
        assert han == []
        return
    assert han
    faces = {c["fontname"] for c in han}
    assert all(re.fullmatch(r"[A-Z]{6}\+Noto-(Serif|Sans)-CJK-SC(-Bold)?", f) for f in faces), faces


def test_bilingual_pairs_each_chinese_paragraph_with_its_english(built, article, english):
    lines = body_lines(built / f"{SAMPLE_SLUG}.bilingual.pdf")
    start = 0
    for segment in segments(article):
        if segment.context not in (None, "heading"):
            continue
        # the Chinese, then right after it its English, then the next block
        _, start = paragraph_lines(lines, segment.text, start)
        _, start = paragraph_lines(lines, lookup(english, segment), start)


def test_running_header_and_page_footer(built):
    import pdfplumber

    for edition, header, footer in (("zh-Hans", "金山区推进城市数字化转型", "第 {} 页 / 共 {} 页"),
                                    ("en", "Jinshan’s Digital Transformation Drive",
                                     "Page {} of {}")):
        with pdfplumber.open(built / f"{SAMPLE_SLUG}.{edition}.pdf") as pdf:
            total = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                top = page.crop((0, 0, page.width, 24 * 72 / 25.4)).extract_text() or ""
                bottom = page.crop((0, page.height - 24 * 72 / 25.4, page.width,
                                    page.height)).extract_text() or ""
                assert (header in top) == (number > 1), (edition, number, top)
                assert footer.format(number, total).replace(" ", "") in bottom.replace(" ", "")


# -- The extension's pieces, as values ---------------------------------------

def test_justification_gaps_are_next_to_cjk_and_never_at_spaces():
    from toolkit.pdf.extension.typeset import justification_gaps

    assert justification_gaps("金山區") == [0, 1]
    assert justification_gaps("AI+應用") == [2, 3]  # + before 應, 應 before 用
    assert justification_gaps("a b") == []
    assert justification_gaps("數字 化") == [0]  # at the space: it stretches on its own
    assert justification_gaps("“好”，") == [0, 1, 2]


def test_quantized_spacing_is_whole_thousandths_and_adds_up():
    from toolkit.pdf.extension.typeset import _quantized

    size, to_units = 10.5, 1024
    units = _quantized(0.37, 7, size, to_units)
    quantum = size / 1000
    thousandths = [round((u - 1) / to_units / quantum) for u in units]
    assert sum(thousandths) == round(0.37 * 7 / quantum)  # nothing lost to rounding
    assert max(thousandths) - min(thousandths) <= 1  # spread evenly
    for u, t in zip(units, thousandths):
        # a hair over a whole number of thousandths, so truncation takes nothing off
        assert t * quantum * to_units < u <= t * quantum * to_units + 2


def test_spacing_margins_are_trimmed_at_line_ends_only():
    from weasyprint.formatting_structure import boxes

    from toolkit.pdf.extension.typeset import _trim_spacing_margins

    class Element(dict):
        def get(self, key, default=None):
            return super().get(key, default)

    class Box:
        def __init__(self, margin_left=0.0, margin_right=0.0, spacing=False):
            self.element = Element({"class": "hl hl-before"}) if spacing else None
            self.margin_left, self.margin_right = margin_left, margin_right
            self.children, self.moved = [], 0.0

        def is_in_normal_flow(self):
            return True

        def translate(self, dx, dy, ignore_floats=False):
            self.moved += dx

    class Span(Box, boxes.InlineBox):
        pass

    first, middle, last = Span(2.5, 0, True), Span(2.5, 2.5, True), Span(0, 2.5, True)
    line = Box()
    line.children, line.width = [first, middle, last], 100.0
    _trim_spacing_margins(line, boxes)
    assert first.margin_left == 0 and last.margin_right == 0
    assert (middle.margin_left, middle.margin_right) == (2.5, 2.5)  # inside the line: kept
    assert line.width == 95.0 and middle.moved == -2.5 and last.moved == -2.5
