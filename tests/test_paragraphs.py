"""English paragraphs broken as a whole, hyphenation with discipline, flush
lines (issue 25): the break search on its own, then the PDFs."""
from __future__ import annotations

import subprocess
import sys

import pytest

from latin_lines import MM, body_lines, measure
from support import SAMPLE_SLUG
from toolkit.pdf.extension.document import Hyphenation
from toolkit.pdf.extension import paragraphs
from toolkit.pdf.extension.paragraphs import Breakpoint, Measured, _hyphen_points, plan, total_fit

# --- The break search, on made-up widths: every character 1 wide, spaces 1.


def measured(words: list[str], hyphens: dict[str, list[int]] | None = None,
             names: set[str] = frozenset()) -> tuple[str, Measured]:
    """A paragraph of ``words`` (monospaced, width 1 a character), with
    hyphenation points inside the words given (after that many letters)."""
    text = " ".join(words)
    x = [float(i) for i in range(len(text) + 1)]
    spaces, counts = [0.0], [0]
    for char in text:
        spaces.append(spaces[-1] + (char == " "))
        counts.append(counts[-1] + (char == " "))
    points, start = [], 0
    for word in words:
        for cut in (hyphens or {}).get(word, []):
            points.append(Breakpoint(start + cut, start + cut, hyphen=1.0, penalty=(
                paragraphs.HYPHEN_COST + (paragraphs.NAME_COST if word in names else 0)),
                name=word in names))
        start += len(word)
        if start < len(text):
            points.append(Breakpoint(start, start + 1))
        start += 1
    points.sort(key=lambda p: p.end)
    points.append(Breakpoint(len(text), len(text)))
    return text, Measured(tuple(x), tuple(spaces), tuple(points), tuple(counts), em=2.0)


def lines_of(text: str, lines) -> list[str]:
    return [text[line.start:line.end] + ("-" if line.hyphenated else "") for line in lines]


def first_fit(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def test_the_paragraph_is_broken_as_a_whole():
    """First-fit fills the first line and leaves the second one loose (spaces
    6 wide); total fit moves a word down and evens the paragraph out."""
    words = ["aaaa", "bbbbbbb", "c", "d", "eeeee", "fffff", "ggggggg", "h", "iiii", "jjjjjj",
             "kkkkk", "lll", "mmmmm", "nnn"]
    text, paragraph = measured(words)
    greedy = first_fit(text, 16)
    assert greedy[:2] == ["aaaa bbbbbbb c d", "eeeee fffff"]
    lines = plan(paragraph, 16, 16)
    assert lines is not None
    chosen = lines_of(text, lines)
    assert " ".join(chosen) == text
    assert chosen[:2] == ["aaaa bbbbbbb c", "d eeeee fffff"]

    def loosest(found):
        return max((16 - len(line)) / max(line.count(" "), 1) for line in found[:-1])

    assert loosest(greedy) == 5 and loosest(chosen) == 1.5


def test_at_most_two_hyphenated_lines_in_a_row():
    words = ["abcdefgh"] * 14
    text, paragraph = measured(words, {"abcdefgh": [3, 5]})
    planned = 0
    for width in range(9, 30):
        lines = plan(paragraph, width, width)
        if lines is None:
            continue
        planned += 1
        run = 0
        for line in lines:
            run = run + 1 if line.hyphenated else 0
            assert run <= 2, lines_of(text, lines)
    assert planned > 10

    def longest_run(lines):
        runs, run = [0], 0
        for line in lines or ():
            run = run + 1 if line.hyphenated else 0
            runs.append(run)
        return max(runs)

    # without the limit, the cheapest settings would hyphenate three lines and more in a row
    assert any(longest_run(plan(paragraph, width, width, limits=Hyphenation(max_run=9))) > 2
               for width in range(9, 30))
    one = plan(paragraph, 20, 20, limits=Hyphenation(max_run=1))
    assert one and not any(a.hyphenated and b.hyphenated for a, b in zip(one, one[1:]))


def test_a_hyphen_on_the_last_full_line_only_to_keep_spaces_within_limits(monkeypatch):
    """The rule holds where the spaces allow it, and gives way before them."""
    words = ["aaaa", "bbbb", "ccc", "dd", "eeee", "fff", "ggg", "hh", "iii", "jjjjjj", "kkkkk",
             "lllllllll", "mm", "nn"]
    text, paragraph = measured(words, {"lllllllll": [3, 5], "jjjjjj": [3]})

    def plans(cost):
        monkeypatch.setattr(paragraphs, "FINAL_HYPHEN_COST", cost)
        return {width: total_fit(paragraph, width, width) for width in range(12, 30)}

    real = plans(paragraphs.FINAL_HYPHEN_COST)
    free, strict = plans(0), plans(paragraphs.LOOSE_COST * 100)

    def final_hyphen(lines):
        return lines is not None and len(lines) > 1 and lines[-2].hyphenated

    def loose(lines):
        return lines is not None and max(line.ratio for line in lines) > paragraphs.MAX_RATIO

    kept = [w for w in real if final_hyphen(free[w]) and not final_hyphen(real[w])]
    given = [w for w in real if loose(strict[w]) and not loose(real[w]) and final_hyphen(real[w])]
    assert kept, "no width where the rule held against a cheaper setting"
    assert given, "no width where the rule had to give way to the spaces"
    for lines in real.values():  # never a hyphen's tail alone on the last line
        if final_hyphen(lines):
            assert " " in text[lines[-1].start:lines[-1].end]


def test_a_name_is_broken_only_when_nothing_else_keeps_the_spaces(monkeypatch):
    words = ["aaaa", "bbbb", "ccc", "dd", "eeee", "fff", "ggg", "hh", "iii", "jjjjjj", "kkkkk",
             "Namename", "lll", "mm", "nnn", "ooo"]
    # as cheap as any word's, the name's hyphen would make the best paragraph
    monkeypatch.setattr(paragraphs, "NAME_COST", 0)
    text, paragraph = measured(words, {"Namename": [3, 4, 5]}, names={"Namename"})
    assert "jjjjjj kkkkk Nam-" in lines_of(text, total_fit(paragraph, 18, 18))
    monkeypatch.undo()
    # but a setting within the space limits without it exists: that one
    text, paragraph = measured(words, {"Namename": [3, 4, 5]}, names={"Namename"})
    lines = plan(paragraph, 18, 18)
    assert not any(line.hyphenated for line in lines), lines_of(text, lines)
    assert max(line.ratio for line in lines) <= 2
    # no other way: one long name, lines too narrow to hold it with its spaces
    text, paragraph = measured(["a", "Abcdefghijklmn", "b"], {"Abcdefghijklmn": [7]},
                               names={"Abcdefghijklmn"})
    lines = plan(paragraph, 10, 10)
    assert lines and lines[0].hyphenated and max(line.ratio for line in lines) <= 2


def test_no_plan_for_a_word_wider_than_the_line():
    text, paragraph = measured(["a", "b" * 30, "c"])
    assert plan(paragraph, 10, 10) is None


def test_no_hyphen_in_addresses_and_within_the_limits():
    import pyphen

    dictionary = pyphen.Pyphen(lang="en", left=1, right=1)
    text = ("See taipedia.cca.gov.tw, write to information@example.com or visit "
            "https://www.transformation.org/implementation for implementation details.")
    points = _hyphen_points(text, dictionary, Hyphenation())
    addresses = [(text.index("taipedia"), text.index(", write")),
                 (text.index("information@"), text.index(" or visit")),
                 (text.index("https"), text.index(" for"))]
    assert points, "the plain words are hyphenated"
    for index, _, _ in points:
        assert not any(a <= index <= b for a, b in addresses), text[index - 5:index + 5]
        word_start = text.rfind(" ", 0, index) + 1
        word_end = min(i for i in (text.find(" ", index), text.find(".", index), len(text))
                       if i >= 0)
        assert index - word_start >= 3 and word_end - index >= 3
        assert word_end - word_start >= 6
    short = _hyphen_points("Taken again", dictionary, Hyphenation())
    assert short == []  # five letters: never


# --- The PDFs.

@pytest.fixture(scope="module")
def first_fit_dist(project_copy_module):
    settings = project_copy_module / "toolkit.toml"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + '\n[typography]\nline_breaking = "first-fit"\n', encoding="utf-8")
    subprocess.run([sys.executable, "-m", "toolkit", "build", "--edition", "en"],
                   cwd=project_copy_module, check=True, capture_output=True)
    return project_copy_module / "dist"


@pytest.fixture(scope="module")
def project_copy_module(tmp_path_factory):
    from support import copy_sample_project

    return copy_sample_project(tmp_path_factory.mktemp("first-fit") / "project")


@pytest.mark.parametrize("edition", ["en", "bilingual"])
def test_the_english_pages_keep_the_rules(built, edition):
    size = 10.5 if edition == "en" else 9.5
    found = measure(body_lines(built / f"{SAMPLE_SLUG}.{edition}.pdf", size=size), size=size)
    assert found.justified > 20
    assert found.longest_run <= 2
    assert found.widest_space <= 2 * found.normal_space + 0.01
    assert found.loose_lines == 0
    # (a hyphen on a paragraph's last full line gives way before the spaces'
    # limit: test_a_hyphen_on_the_last_full_line_only_to_keep_spaces_within_limits)
    assert found.tails == 0
    assert found.page_turns == 0
    assert found.flush == found.justified, found.short


def test_first_fit_is_still_there_and_looser(built, first_fit_dist):
    total = measure(body_lines(built / f"{SAMPLE_SLUG}.en.pdf"))
    first = measure(body_lines(first_fit_dist / f"{SAMPLE_SLUG}.en.pdf"))
    assert first.widest_space > total.widest_space
    assert first.hyphens > total.hyphens
    assert first.flush == first.justified  # quantized spaces, both ways


@pytest.mark.parametrize("edition", ["en", "bilingual"])
def test_hyphenated_words_keep_three_letters_each_side(built, first_fit_dist, edition):
    size = 10.5 if edition == "en" else 9.5
    pdfs = [built / f"{SAMPLE_SLUG}.{edition}.pdf"]
    if edition == "en":
        pdfs.append(first_fit_dist / f"{SAMPLE_SLUG}.en.pdf")
    for pdf in pdfs:
        lines = body_lines(pdf, size=size)
        for line, following in zip(lines, lines[1:]):
            if line.hyphenated():
                head = line.words[-1][0][:-1].split("-")[-1].lstrip("“‘(")
                tail = following.words[0][0].rstrip(",.;:”’)")
                assert len(head) >= 3 and len(tail) >= 3 and len(head + tail) >= 6, \
                    (pdf.name, head, tail)


# --- A hyphen at a page turn, made on purpose: an English paragraph on pages
# of many heights; wherever the first layout ends a page with a hyphen, the
# document is laid out again without it.

PARAGRAPH = ("The district will implement comprehensive transformation programmes across "
             "manufacturing, governance, infrastructure and environmental protection, "
             "establishing interconnected platforms, standardised procedures and "
             "accountability mechanisms; administrators anticipate considerable "
             "improvements in productivity, transparency and responsiveness. ")


def page_turn_html(height_mm: float) -> str:
    return (f"<html lang='en'><head><style>@page {{ size: 120mm {height_mm}mm; margin: 10mm }}"
            "body { font: 10.5pt/1.5 'Noto Serif'; } p { margin: 0; text-align: justify; "
            "hyphens: auto; orphans: 1; widows: 1 }</style></head><body>"
            + "".join(f"<p>{PARAGRAPH * 2}</p>" for _ in range(3)) + "</body></html>")


def page_turn_hyphens(pdf: bytes, tmp_path, height_mm: float) -> int:
    path = tmp_path / "turn.pdf"
    path.write_bytes(pdf)
    frame = (10 * MM, 10 * MM, 110 * MM, (height_mm - 10) * MM)
    return measure(body_lines(path, frame=frame), right=110 * MM).page_turns


def test_no_hyphen_at_a_page_turn(tmp_path, monkeypatch):
    from toolkit.pdf import write

    single, relaid, passes = 0, 0, write.LAYOUT_PASSES
    for height in range(60, 130, 8):
        html = page_turn_html(height)
        monkeypatch.setattr(write, "LAYOUT_PASSES", 1)
        single += page_turn_hyphens(write.html_to_pdf(html, tmp_path), tmp_path, height)
        monkeypatch.setattr(write, "LAYOUT_PASSES", passes)
        relaid += page_turn_hyphens(write.html_to_pdf(html, tmp_path), tmp_path, height)
    assert single > 0, "the heights tried never put a hyphen at a page turn: try others"
    assert relaid == 0


def test_typography_settings_are_checked(project_copy):
    settings = project_copy / "toolkit.toml"
    text = settings.read_text(encoding="utf-8")
    for bad in ('line_breaking = "best-fit"', "hyphenate_min_left = 0",
                'max_consecutive_hyphens = "two"', "hyphenation = true"):
        settings.write_text(text + f"\n[typography]\n{bad}\n", encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "toolkit", "build"], cwd=project_copy,
                              capture_output=True, text=True)
        assert done.returncode == 2, (bad, done.stderr)
        assert done.stderr.startswith("toolkit.toml") and "[typography]" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


# --- Lines no plan made, and plans made for another width.

NAMES = ("The Netherlands Commission met the Massachusetts Collaborative and the "
         "Philadelphia Conservatory, with Guangdong Provincial representatives and the "
         "Hongxingyun Innovation Consortium, in Copenhagen and Johannesburg. ")


def test_names_stay_whole_on_lines_no_plan_made(tmp_path):
    """Left-aligned English is hyphenated but not planned: a capitalised
    word is never broken there (it would be, were the plan's licence for
    names left on)."""
    from toolkit.pdf.write import html_to_pdf

    html = ("<html lang='en'><head><style>@page { size: 70mm 200mm; margin: 10mm }"
            "body { font: 10.5pt/1.5 'Noto Serif'; } p { margin: 0; text-align: left; "
            "hyphens: auto }</style></head><body>"
            f"<p>{NAMES * 3} and a transformation programme of considerable administrative "
            "sophistication, interconnectedness and accountability.</p></body></html>")
    path = tmp_path / "left.pdf"
    path.write_bytes(html_to_pdf(html, tmp_path))
    lines = body_lines(path, frame=(10 * MM, 10 * MM, 60 * MM, 190 * MM))
    broken = [line.words[-1][0] for line in lines if line.words[-1][0].endswith("\u2010")]
    assert broken, "the column is narrow enough to hyphenate"
    assert not [word for word in broken if word.lstrip("“(")[0].isupper()], broken


def test_a_paragraph_running_onto_a_narrower_page_is_planned_for_it(tmp_path):
    """The first page is wider than the next: the lines on the next page are
    planned for its width, never squeezed from the first page's plan."""
    from toolkit.pdf.write import html_to_pdf

    html = ("<html lang='en'><head><style>@page { size: 120mm 70mm; margin: 10mm 30mm 10mm 10mm }"
            "@page :first { margin-right: 10mm } body { margin: 0; font: 10.5pt/1.5 'Noto Serif' } "
            "p { margin: 0; text-align: justify; hyphens: auto }</style></head><body>"
            f"<p>{PARAGRAPH * 4}</p></body></html>")
    path = tmp_path / "narrower.pdf"
    path.write_bytes(html_to_pdf(html, tmp_path))
    first = measure(body_lines(path, frame=(10 * MM, 10 * MM, 110 * MM, 60 * MM)),
                    right=110 * MM)
    lines = body_lines(path, frame=(10 * MM, 10 * MM, 90 * MM, 60 * MM))
    later = measure([line for line in lines if line.page > 0], right=90 * MM)
    assert first.justified >= 3 and later.justified >= 3
    for found in (first, later):
        assert found.flush == found.justified, found.short
        gaps = [gap for line in lines for gap in line.gaps]
        assert min(gaps) > 0.6 * found.normal_space  # never squeezed past ⅔ of a space


def column_turn_hyphens(pdf: bytes, tmp_path, height_mm: float) -> int:
    """Hyphenated lines after which the text goes on in the next column or
    on the next page (two columns of 55 mm, 4 mm apart)."""
    path = tmp_path / "columns.pdf"
    path.write_bytes(pdf)
    top, bottom = 10 * MM, (height_mm - 10) * MM
    columns = [body_lines(path, frame=(10 * MM, top, 65 * MM, bottom)),
               body_lines(path, frame=(69 * MM, top, 124 * MM, bottom))]
    order = sorted([(line.page, side, index, line) for side, lines in enumerate(columns)
                    for index, line in enumerate(lines)], key=lambda row: row[:3])
    return sum(1 for (page, side, _, line), (next_page, next_side, _, _) in zip(order, order[1:])
               if line.hyphenated() and (page, side) != (next_page, next_side))


def test_no_hyphen_at_a_column_turn(tmp_path, monkeypatch):
    from toolkit.pdf import write

    single, relaid, passes = 0, 0, write.LAYOUT_PASSES
    for height in range(60, 130, 10):
        html = (f"<html lang='en'><head><style>@page {{ size: 134mm {height}mm; margin: 10mm }}"
                "body { margin: 0; font: 10.5pt/1.5 'Noto Serif' } div { columns: 2; "
                "column-gap: 4mm } p { margin: 0; text-align: justify; hyphens: auto; orphans: 1;"
                " widows: 1 }</style></head><body><div>"
                + "".join(f"<p>{PARAGRAPH * 2}</p>" for _ in range(3)) + "</div></body></html>")
        monkeypatch.setattr(write, "LAYOUT_PASSES", 1)
        single += column_turn_hyphens(write.html_to_pdf(html, tmp_path), tmp_path, height)
        monkeypatch.setattr(write, "LAYOUT_PASSES", passes)
        relaid += column_turn_hyphens(write.html_to_pdf(html, tmp_path), tmp_path, height)
    assert single > 0, "the heights tried never put a hyphen at a turn: try others"
    assert relaid == 0
