"""Typographic quotes (issue 26, point 1): what translators type straight is
printed curly in the English and bilingual editions, the catalogs keep what
was typed, and no check tells straight from curly marks."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import ROOT, SAMPLE_SLUG, pdf_text, run
from test_checks import findings
from toolkit.catalogs.checks import read_glossary
from toolkit.catalogs.quotes import is_english, plain_quotes, typeset_quotes, unsettled_quotes


@pytest.mark.parametrize("typed, printed", [
    ('"Start of a paragraph," she said.', "“Start of a paragraph,” she said."),
    ('He paused—"no."', "He paused—“no.”"),
    ('a plan ("the first") and ["another"]', "a plan (“the first”) and [“another”]"),
    ('"She said \'hi\' to me."', "“She said ‘hi’ to me.”"),
    ('"She said \'hi.\'"', "“She said ‘hi.’”"),
    ('"No"—he stopped—"never."', "“No”—he stopped—“never.”"),
    ('"\'Tis true," he said.', "“’Tis true,” he said."),
    ("the '90s and the '08 crisis", "the ’90s and the ’08 crisis"),
    ("'tis the season, 'twas said; rock 'n' roll",
     "’tis the season, ’twas said; rock ’n’ roll"),
    ("don't, O'Brien's, the 1980's", "don’t, O’Brien’s, the 1980’s"),
    ("the investors' funds", "the investors’ funds"),
    ("'the investors' money'", "‘the investors’ money’"),
    ("People's Daily", "People’s Daily"),
    ("he was 5'10\" tall, on a 12\" record", "he was 5'10\" tall, on a 12\" record"),
    ('the "Made in China 2025" plan', "the “Made in China 2025” plan"),
    ('the slogan "共同富裕" (common prosperity)',
     "the slogan “共同富裕” (common prosperity)"),
    ("他说\"好\"，的'AI'的", "他说“好”，的‘AI’的"),
    ("{reporter}'s report", "{reporter}’s report"),  # a label before its placeholder is filled
    ('“typed" half curly', "“typed” half curly"),
    ("“all curly” and ’90s stay as typed", "“all curly” and ’90s stay as typed"),
])
def test_straight_marks_are_set_curly(typed, printed):
    assert typeset_quotes(typed) == printed


@pytest.mark.parametrize("typed, said", [
    ('"a quotation never closed', "“ never closed"),
    ('he said "yes" "', '" with a space on each side'),
    ('a"b', '" inside a word'),
    ('"the 12" record"', "” closes no quotation"),
    ("he left 'cuz he could", "‘ never closed (if it is an apostrophe"),
    ('"He said \'go."', "‘ never closed"),
])
def test_what_setting_cannot_settle_is_said(typed, said):
    (message,) = [m for m in unsettled_quotes(typed) if said in m]
    assert typed[:8] in message or typed[-8:] in message  # where it is


@pytest.mark.parametrize("typed", [
    '"Hi," she said.', "the investors' funds", "he was 5'10\" tall", "'tis the '90s",
    '“all curly, never closed',  # curly alone: the brackets check's business
])
def test_settled_marks_are_not_reported(typed):
    assert unsettled_quotes(typed) == []


def test_only_english_is_set():
    assert [is_english(locale) for locale in ("en", "en_GB", "en-US", "fr", "pt_BR", None)] == [
        True, True, True, False, False, False]


def test_plain_quotes_for_comparing():
    assert plain_quotes("People’s “smart brain”") == "People's \"smart brain\""


# The checks: none tells straight from curly marks.

GLOSSARY = read_glossary("人民网\tPeople’s Daily Online\n", "glossary.tsv")


def test_the_glossary_is_met_by_straight_marks():
    assert findings(("人民网", "People's Daily Online"), glossary=GLOSSARY) == []
    assert findings(("人民网", "People’s Daily Online"), glossary=GLOSSARY) == []
    straight_glossary = read_glossary("人民网\tPeople's Daily Online\n", "glossary.tsv")
    assert findings(("人民网", "People’s Daily Online"), glossary=straight_glossary) == []
    assert findings(("人民网", "Peoples Daily Online"), glossary=GLOSSARY) == [
        (10, "glossary", "error")]


def test_identical_and_numbers_compare_plain_marks():
    assert (10, "identical", "warning") in findings(("“金山”", '"金山"'))
    assert findings(("70年代", "the '70s"), ) == findings(("70年代", "the ’70s")) == []


def test_mixed_typing_is_one_balanced_quotation():
    assert findings(("他说“好”", "he said “yes\"")) == []
    assert findings(("他说“好”", "he said “yes")) == [(10, "brackets", "error")]
    assert findings(("他说“好”", 'he said "yes')) == [(10, "quotes", "warning")]
    waived = ("他说“好”", 'he said "yes', (), ["ignore-check: quotes (the quotation goes on)"])
    assert findings(waived) == []


# The editions: built from a catalog typed with straight marks.

def _straighten_translations(po_text: str) -> str:
    """Every msgstr of a catalog as a translator typing straight marks would
    have written it (msgids, comments and the header untouched)."""
    lines, in_msgstr = [], False
    for line in po_text.splitlines(keepends=True):
        if line.startswith("msgstr"):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        if in_msgstr:
            line = re.sub("[“”]", r'\\"', line).replace("’", "'").replace("‘", "'")
        lines.append(line)
    return "".join(lines)


def test_editions_print_curly_quotes_from_a_catalog_typed_straight(capsys, project_copy):
    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    typed = _straighten_translations(po.read_text(encoding="utf-8"))
    assert "People's Daily Online" in typed and 'Jinshan\'s \\"smart brain,\\"' in typed
    po.write_text(typed, encoding="utf-8")
    (project_copy / "locales/en/glossary.tsv").write_text(
        (ROOT / "locales/en/glossary.tsv").read_text(encoding="utf-8")
        + "人民网\tPeople’s Daily Online\n", encoding="utf-8")

    status, out, _ = run(capsys, project_copy, "check")
    assert status == 0, out
    assert "glossary" not in out and "quotes" not in out

    status, _, err = run(capsys, project_copy, "build", "--edition", "en",
                         "--edition", "bilingual")
    assert status == 0, err
    assert "not built" not in err
    for edition in ("en", "bilingual"):
        text = pdf_text(project_copy / "dist" / f"{SAMPLE_SLUG}.{edition}.pdf")
        assert "People’s Daily Online" in text
        assert "Jinshan’s “smart brain,”" in " ".join(text.split())
        assert "‘Three Bay Areas’" in " ".join(text.split())
        assert '"' not in text and "'" not in text
    assert po.read_text(encoding="utf-8") == typed  # the catalog keeps what was typed


# The HTML: quotes set on the text, before the templates escape it.

def test_quotes_are_set_on_text_before_the_templates_escape_it(article):
    from toolkit.catalogs.po import read_catalog
    from toolkit.editions import project_editions
    from toolkit.render.context import edition_context
    from toolkit.render.labels import Labels
    from toolkit.render.templates import make_environment, render_html

    catalog = read_catalog(ROOT / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po")
    title = next(m for m in catalog if m.context == "title")
    title.string = 'Jinshan\'s "<b>5 < 6</b>" & \'more\''
    labels = Labels(read_catalog(ROOT / "locales/en/LC_MESSAGES/labels.po"), "en")
    editions = {e.kind: e for e in project_editions(("en",))}
    for kind, env in (("translated", make_environment(ROOT / "templates", labels, labels)),
                      ("paired", make_environment(ROOT / "templates", None, labels))):
        edition = editions[kind]
        html = render_html(env, edition, edition_context(article, "Brief", edition, catalog))
        printed = "Jinshan’s “&lt;b&gt;5 &lt; 6&lt;/b&gt;” &amp; ‘more’"
        assert f">{printed}</" in html  # the heading: text escaped, marks curly
        assert f'data-bookmark="{printed}' in html or f"· {printed}\"" in html
        assert "&#34;" not in html and "&#39;" not in html and "&quot;" not in html
        if kind == "paired":  # the Chinese beside it as it was
            assert "助力“三个湾区”" in html


def test_a_translated_label_is_set_in_english_only():
    from babel.messages.catalog import Catalog

    from toolkit.render.labels import Labels

    catalog = Catalog(locale="en")
    catalog.add("来源：{publication}", "Source: \"{publication}\"")
    assert Labels(catalog, "en").gettext("来源：{publication}") == "Source: “{publication}”"
    assert Labels(catalog, "fr").gettext("来源：{publication}") == 'Source: "{publication}"'
    assert Labels(None, "en").gettext("来源：{publication}") == "来源：{publication}"


QUOTE_MARKS = set("\"'“”‘’")


@given(st.text(alphabet=st.sampled_from(list("ab5 .,—(）好\n\"'“”‘’")), max_size=40))
def test_setting_changes_only_quote_marks_and_is_stable(text):
    printed = typeset_quotes(text)
    assert len(printed) == len(text)
    assert all(a == b or {a, b} <= QUOTE_MARKS for a, b in zip(text, printed))
    assert typeset_quotes(printed) == printed  # set text stays as it is
    assert plain_quotes(printed) == plain_quotes(text)


def test_a_language_printed_as_typed_is_still_told_of_straight_marks():
    """Only English has its quotes set: in another language a straight mark
    prints as typed, so the quotes check says so, and brackets count “” in
    full."""
    from babel.messages.catalog import Catalog

    from toolkit.catalogs.checks import check_catalog

    for locale, expected in (("fr", True), ("en", False)):
        catalog = Catalog(locale=locale)
        catalog.add("他说“好”。", 'Il a dit "bonjour".')
        catalog.add("“一”", "“un")
        found = check_catalog(catalog, "x.po", with_ratio=False)
        quotes = [f for f in found if f.check == "quotes"]
        assert bool(quotes) is expected, (locale, found)
        assert any(f.check == "brackets" for f in found), (locale, found)
