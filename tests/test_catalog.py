"""Catalogs: message ids, the loss-free merge, reading errors, the shipped .po files."""
import subprocess
from pathlib import Path

import pytest
from support import ROOT, SAMPLE
from toolkit.catalogs.merge import merge
from toolkit.catalogs.po import catalog_bytes, parse_catalog, read_catalog
from toolkit.catalogs.segments import article_template, new_catalog, segments
from toolkit.convert.simplify import convert_article
from toolkit.errors import CatalogError
from toolkit.read.page_text import read_article


def template_of(*paragraphs, title="标题"):
    text = title + "\n\n" + "\n".join(paragraphs) + "\n"
    return article_template(read_article(text, path="a.txt", slug="a"))


def translated(template, **strings):
    catalog = merge(new_catalog("a", "en"), template)
    for message in catalog:
        if message.id:
            message.string = f"EN {message.id}"
    return catalog


def roundtrip(catalog):
    """Write and read back, as a catalog on disk would be."""
    return parse_catalog(catalog_bytes(catalog), "a.po", locale="en")


def test_msgids_are_simplified_text_with_kind_as_context():
    from toolkit.read import load_article

    article = convert_article(load_article(SAMPLE), "tw2s")
    found = [(s.context, s.text[:6]) for s in segments(article)]
    assert found[:5] == [("title", "加快转型升级"), ("agency", "人民网"), ("place", "上海"),
                         ("reporter", "王文娟"), (None, "7月21日，")]
    assert ("heading", "完善规划，锚") in found


def test_one_character_edit_fuzzes_exactly_that_message():
    old = roundtrip(translated(template_of("第一段。", "第二段很长的一段话。", "第三段。")))
    new = roundtrip(merge(old, template_of("第一段。", "第二段很长的一段话！", "第三段。")))
    fuzzy = [m.id for m in new if m.fuzzy]
    assert fuzzy == ["第二段很长的一段话！"]
    message = new.get("第二段很长的一段话！")
    assert message.string == "EN 第二段很长的一段话。"
    assert message.previous_id == ["第二段很长的一段话。"]
    assert new.get("第一段。").string == "EN 第一段。" and not new.get("第一段。").fuzzy
    # the old translation is also kept as obsolete
    assert "第二段很长的一段话。" in new.obsolete


def test_inserting_a_paragraph_fuzzes_nothing():
    old = roundtrip(translated(template_of("第一段。", "第三段。")))
    new = roundtrip(merge(old, template_of("第一段。", "新插入的第二段。", "第三段。")))
    assert [m.id for m in new if m.fuzzy] == []
    assert new.get("新插入的第二段。").string == ""
    assert new.get("第三段。").string == "EN 第三段。"


def test_vanished_message_becomes_obsolete_and_revives():
    old = roundtrip(translated(template_of("第一段。", "第二段。")))
    gone = roundtrip(merge(old, template_of("第一段。")))
    assert gone.get("第二段。") is None
    assert gone.obsolete["第二段。"].string == "EN 第二段。"
    back = roundtrip(merge(gone, template_of("第一段。", "第二段。")))
    assert back.get("第二段。").string == "EN 第二段。" and not back.get("第二段。").fuzzy
    assert "第二段。" not in back.obsolete


def test_translator_comments_survive():
    catalog = translated(template_of("第一段。"))
    catalog.get("第一段。").user_comments = ["check the name"]
    again = roundtrip(merge(roundtrip(catalog), template_of("第一段。")))
    assert again.get("第一段。").user_comments == ["check the name"]


def test_catalog_lines_are_not_rewrapped():
    long = "很长的段落" * 40 + "。"
    data = catalog_bytes(translated(template_of(long))).decode()
    assert f'msgid "{long}"' in data


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


@pytest.mark.parametrize("body, line, what", [
    ('msgid "a"\nmsgstr "b\n', 6, "unterminated"),
    ('msgid "a"\nmsgstr "b\\q"\n', 6, "invalid escape"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 8, "duplicate message (first defined at line 5)"),
    ('msgid "a"\nmsgstr "b"\nnonsense\n', 7, "unexpected text"),
])
def test_malformed_po_names_file_and_line(tmp_path, body, line, what):
    path = tmp_path / "bad.po"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        read_catalog(path)
    assert str(info.value).startswith(f"{path}:{line}: catalog: ")
    assert what in str(info.value)


def test_same_msgid_in_other_context_is_no_duplicate():
    catalog = parse_catalog((HEADER + 'msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n')
                            .encode(), "ok.po")
    assert catalog.get("a", context="x").string == "b" and catalog.get("a").string == "c"


def test_previous_msgid_survives_a_roundtrip():
    text = HEADER + '#, fuzzy\n#| msgid "old"\nmsgid "new"\nmsgstr "x"\n'
    catalog = parse_catalog(text.encode(), "p.po")
    assert catalog.get("new").previous_id == ["old"]
    assert catalog.get("new").user_comments == []
    written = catalog_bytes(catalog).decode()
    assert '#| msgid "old"' in written and "# |" not in written
    assert catalog_bytes(parse_catalog(written.encode(), "p.po")) == written.encode()


@pytest.mark.parametrize("po", sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po")),
                         ids=lambda p: p.name)
def test_shipped_catalogs_pass_msgfmt_check(po: Path):
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)


def test_sample_catalog_is_complete():
    catalog = read_catalog(ROOT / "locales/en/LC_MESSAGES/jinshan-digital-transformation.po")
    assert [m.id for m in catalog if m.id and (not m.string or m.fuzzy)] == []
    assert len([m for m in catalog if m.id]) == 19


def test_x_headers_survive_a_round_trip_and_an_update():
    from toolkit.catalogs.merge import merge
    from toolkit.catalogs.po import NO_LAYOUT, catalog_bytes, parse_po

    po = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"X-Generator: Poedit 3.4\\n"\n"X-Crowdin-Project: brief\\n"\n\n'
          'msgid "甲"\nmsgstr "A"\n').encode("utf-8")
    parsed = parse_po(po, "x.po", "en", "x")
    assert parsed.layout.extra_headers == (("X-Generator", "Poedit 3.4"),
                                           ("X-Crowdin-Project", "brief"))
    written = catalog_bytes(parsed.catalog, parsed.layout).decode("utf-8")
    assert '"X-Generator: Poedit 3.4\\n"' in written and '"X-Crowdin-Project: brief\\n"' in written
    again = parse_po(written.encode("utf-8"), "x.po", "en", "x")
    merged = merge(again.catalog, again.catalog)
    assert catalog_bytes(merged, again.layout).decode("utf-8").count("X-Generator: Poedit 3.4") == 1
    # the layout is a value the writer is given, not something a catalog carries
    assert "X-Generator" not in catalog_bytes(merged, NO_LAYOUT).decode("utf-8")
    assert not hasattr(parsed.catalog, "extra_headers")


def test_a_changed_heading_carries_its_previous_context_as_msgmerge_does(tmp_path):
    """``msgmerge --previous`` writes ``#| msgctxt`` and ``#| msgid`` on a
    fuzzy entry whose message has a context; so does update's merge."""
    from toolkit.catalogs.merge import merge

    po = tmp_path / "a.po"
    pot = tmp_path / "a.pot"
    po.write_text(HEADER + 'msgctxt "heading"\nmsgid "完善规划，锚定转型定盘星"\n'
                  'msgstr "Refining plans"\n', encoding="utf-8")
    pot.write_text(HEADER + 'msgctxt "heading"\nmsgid "完善规划，锚定转型的定盘星"\nmsgstr ""\n',
                   encoding="utf-8")
    ours = catalog_bytes(merge(parse_catalog(po.read_bytes(), str(po)),
                               parse_catalog(pot.read_bytes(), str(pot)))).decode()
    theirs = subprocess.run(["msgmerge", "--previous", "--quiet", "-o", "-", str(po), str(pot)],
                            check=True, capture_output=True, text=True).stdout

    def previous(text):
        return [line for line in text.splitlines() if line.startswith("#|")]

    assert previous(theirs) == ['#| msgctxt "heading"', '#| msgid "完善规划，锚定转型定盘星"']
    assert previous(ours) == previous(theirs)
    again = parse_catalog(ours.encode(), "a.po")  # read back: the previous msgid, no comment
    message = again.get("完善规划，锚定转型的定盘星", context="heading")
    assert message.previous_id == ["完善规划，锚定转型定盘星"] and message.user_comments == []
    assert catalog_bytes(again).decode() == ours
