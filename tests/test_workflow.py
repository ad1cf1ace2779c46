"""The translation workflow through the command line, on a copy of the sample."""
import json
import subprocess

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import SAMPLE_SLUG, run
from toolkit.catalogs.merge import merge
from toolkit.catalogs.po import catalog_bytes, parse_catalog, read_catalog
from toolkit.catalogs.segments import article_template, new_catalog
from toolkit.read.page_text import read_article

PO = f"locales/en/LC_MESSAGES/{SAMPLE_SLUG}.po"


def edit_source(project, old, new):
    path = project / "sources" / f"{SAMPLE_SLUG}.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_character_edit_fuzzes_exactly_one_message(capsys, project_copy):
    edit_source(project_copy, "打造標桿場景6個", "打造標桿場景8個")
    assert run(capsys, project_copy, "update")[0] == 0
    catalog = read_catalog(project_copy / PO)
    fuzzy = [m for m in catalog if m.fuzzy]
    assert len(fuzzy) == 1 and "打造标杆场景8个" in fuzzy[0].id
    assert fuzzy[0].previous_id and "打造标杆场景6个" in fuzzy[0].previous_id[0]
    assert [m for m in catalog if m.id and not m.string] == []
    status, out, _ = run(capsys, project_copy, "status", "--json")
    row = next(r for r in json.loads(out) if r["domain"] == SAMPLE_SLUG)
    assert (row["translated"], row["fuzzy"], row["untranslated"]) == (18, 1, 0)
    # the edition is withheld until the translator reviews it …
    status, out, err = run(capsys, project_copy, "check")
    assert status == 1 and f"{PO}:" in out and ": fuzzy: error:" in out
    assert ": numbers: error: 8 in the source, " in out and "six in the translation" in out
    # … and the build says so, and still writes the Chinese edition
    status, out, err = run(capsys, project_copy, "build")
    assert status == 1 and "en edition not built: 1 fuzzy, 1 check errors" in err
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(project_copy / PO)], check=True)


def test_inserted_paragraph_fuzzes_nothing_else(capsys, project_copy):
    edit_source(project_copy, "合作簽約", "新插入的一段話，講述了另一件事情。\n合作簽約")
    run(capsys, project_copy, "update")
    catalog = read_catalog(project_copy / PO)
    assert [m.id for m in catalog if m.fuzzy] == []
    assert [m.id for m in catalog if m.id and not m.string] == ["新插入的一段话，讲述了另一件事情。"]


def test_removed_paragraph_is_kept_obsolete_and_revived(capsys, project_copy):
    path = project_copy / "sources" / f"{SAMPLE_SLUG}.txt"
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    path.write_text("\n".join(lines[:10] + lines[11:]), encoding="utf-8")
    run(capsys, project_copy, "update")
    catalog = read_catalog(project_copy / PO)
    assert len(catalog.obsolete) == 1
    (gone,) = catalog.obsolete.values()
    assert gone.string.startswith("In daily life, they will cooperate")
    path.write_text(original, encoding="utf-8")
    run(capsys, project_copy, "update")
    catalog = read_catalog(project_copy / PO)
    assert not catalog.obsolete and not [m for m in catalog if m.fuzzy]
    assert run(capsys, project_copy, "check")[0] == 0


def test_no_change_update_rewrites_nothing(capsys, project_copy):
    before = {p: p.read_bytes() for p in (project_copy / "locales").rglob("*.po*")}
    status, out, _ = run(capsys, project_copy, "update")
    # (the templates and the catalogs: update brings both up to date)
    assert status == 0 and "wrote" not in out and "6 catalogs unchanged" in out
    assert before == {p: p.read_bytes() for p in (project_copy / "locales").rglob("*.po*")}


def test_update_refuses_to_touch_anything_when_a_catalog_is_malformed(capsys, project_copy):
    edit_source(project_copy, "打造標桿場景6個", "打造標桿場景8個")
    labels = project_copy / "locales/en/LC_MESSAGES/labels.po"
    labels.write_text(labels.read_text(encoding="utf-8") + 'msgid "x\n', encoding="utf-8")
    before = (project_copy / PO).read_bytes()
    status, _, err = run(capsys, project_copy, "update")
    assert status == 2 and err.startswith(f"{labels}:") and "catalog:" in err
    assert (project_copy / PO).read_bytes() == before


def test_status_table(capsys, project_copy):
    status, out, _ = run(capsys, project_copy, "status")
    lines = out.splitlines()
    assert lines[0].split() == ["locale", "domain", "translated", "fuzzy", "untranslated",
                                "approved", "source", "chars", "covered"]
    assert lines[1].split()[:5] == ["en", SAMPLE_SLUG, "19", "0", "0"]
    assert lines[1].endswith("(100%)")


def test_sample_catalogs_pass_every_check(capsys, project_copy):
    status, out, err = run(capsys, project_copy, "check")
    assert (status, out) == (0, "") and "0 errors, 0 warnings" in err


def test_stale_catalog_is_a_check_error(capsys, project_copy):
    edit_source(project_copy, "打造標桿場景6個", "打造標桿場景8個")
    status, out, _ = run(capsys, project_copy, "check")
    assert status == 1
    assert f"sources/{SAMPLE_SLUG}.txt:7: stale: error: not in the en catalog" in out


def test_xliff_round_trip_updates_the_catalog(capsys, project_copy, tmp_path):
    status, out, _ = run(capsys, project_copy, "export", "--format", "xliff", "-o", str(tmp_path))
    xlf = tmp_path / f"{SAMPLE_SLUG}.en.xlf"
    assert status == 0 and str(xlf) in out
    text = xlf.read_text(encoding="utf-8")
    assert 'source-language="zh-Hans"' in text and 'target-language="en"' in text
    assert 'resname="heading"' in text
    # a CAT tool revises a heading and sends the file back
    text = text.replace("Refined plans set the compass for transformation",
                        "Better plans fix the course of transformation")
    xlf.write_text(text, encoding="utf-8")
    status, out, _ = run(capsys, project_copy, "import", str(xlf))
    assert status == 0 and "1 updated" in out
    catalog = read_catalog(project_copy / PO)
    heading = catalog.get("完善规划，锚定转型“定盘星”", context="heading")
    assert heading.string == "Better plans fix the course of transformation"
    assert not heading.fuzzy
    assert any("Official English name not confirmed" in c
               for m in catalog for c in m.user_comments)


def test_import_of_an_unknown_catalog_is_an_error(capsys, project_copy, tmp_path):
    run(capsys, project_copy, "export", "--format", "xliff", "-o", str(tmp_path))
    xlf = tmp_path / "labels.en.xlf"
    xlf.write_text(xlf.read_text(encoding="utf-8").replace('target-language="en"',
                                                           'target-language="fr"'),
                   encoding="utf-8")
    status, _, err = run(capsys, project_copy, "import", str(xlf))
    assert status == 2 and "names domain 'labels' and locale 'fr'" in err


def test_tmx_export_holds_finished_translations(capsys, project_copy, tmp_path):
    from translate.storage import tmx

    run(capsys, project_copy, "export", "--format", "tmx", "-o", str(tmp_path))
    store = tmx.tmxfile.parsefile(str(tmp_path / "en.tmx"))
    pairs = {unit.source: unit.target for unit in store.units}
    assert len(pairs) == 18  # 19 messages, 人民网 twice (agency, publication)
    assert pairs["上海"] == "Shanghai"


def test_translation_memory_prefills_close_matches(capsys, project_copy):
    second = project_copy / "sources" / "second.txt"
    second.write_text("金山區召開第二次大會\n\n"
                      "在生活領域，將開展人工智能技術成果轉化、發展社區生活服務生態等方面的合作，"
                      "促進數字技術在金山百姓生活中的應用和賦能，提升金山百姓智慧生活水平。\n",
                      encoding="utf-8")
    status, _, _ = run(capsys, project_copy, "update", "--tm")
    catalog = read_catalog(project_copy / "locales/en/LC_MESSAGES/second.po")
    (filled,) = [m for m in catalog if m.id and m.string]
    assert filled.fuzzy and filled.string.startswith("In daily life, they will cooperate")
    assert any(c.startswith("tm: ") and f"from '{SAMPLE_SLUG}'" in c
               for c in filled.user_comments)
    assert not catalog.get("金山区召开第二次大会", context="title").string
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null",
                    str(project_copy / "locales/en/LC_MESSAGES/second.po")], check=True)


# --- nothing lost, whatever the edits -------------------------------------

PARAGRAPHS = [f"第{n}段的内容讲述了金山区的第{n}件事情。" for n in range(1, 9)]
EDITS = st.lists(st.tuples(st.sampled_from(["edit", "insert", "delete", "restore"]),
                           st.integers(0, 7), st.sampled_from("甲乙丙丁")), max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_no_translation_is_ever_lost(edits):
    """Any sequence of source edits and updates: every msgstr ever written
    stays in the catalog, as a translation, a fuzzy one, or an obsolete one."""
    paragraphs = list(PARAGRAPHS)
    catalog = new_catalog("a", "en")
    written: set[str] = set()

    def update():
        nonlocal catalog
        text = "标题\n\n" + "\n".join(paragraphs) + "\n"
        template = article_template(read_article(text, path="a.txt", slug="a"))
        data = catalog_bytes(merge(catalog, template))
        catalog = parse_catalog(data, "a.po", "en")
        assert catalog_bytes(catalog) == data  # what is written reads back the same
        for message in catalog:  # a translator translates whatever is new
            if message.id and not message.string:
                message.string = f"EN {message.id}"
                written.add(message.string)
        present = {m.string for m in catalog if m.string} | \
            {m.string for m in catalog.obsolete.values() if m.string}
        assert written <= present

    update()
    for action, index, mark in edits:
        index %= max(1, len(paragraphs))
        if action == "edit" and paragraphs:
            paragraphs[index] = paragraphs[index][:-1] + mark + "。"
        elif action == "insert":
            paragraphs.insert(index, f"新的段落{mark}，内容完全不同。")
        elif action == "delete" and len(paragraphs) > 1:
            del paragraphs[index]
        elif action == "restore":
            paragraphs = list(PARAGRAPHS)
        update()


@pytest.mark.parametrize("wrapper", ["msgcat", "translate-toolkit"])
def test_another_tools_layout_is_kept(capsys, project_copy, wrapper):
    """A catalog another tool wrapped: an update with no content change does
    not rewrite it, and one with a change keeps every other entry's bytes."""
    import subprocess

    po = project_copy / "locales" / "en" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    if wrapper == "msgcat":
        subprocess.run(["msgcat", "--width=50", "-o", str(po), str(po)], check=True)
    else:
        from translate.storage import pypo

        store = pypo.pofile(po.read_bytes(), width=50)
        for unit in store.units:  # set again, so translate-toolkit writes them wrapped
            if unit.source and not unit.isheader():
                unit.source, unit.target = unit.source, unit.target
        po.write_bytes(bytes(store))
    wrapped = po.read_text(encoding="utf-8")
    strings = [line for line in wrapped.splitlines() if line.startswith(('"', "msg"))]
    assert max(len(line) for line in strings) <= 80  # it is wrapped (short of the 500+ characters a line)
    status, out, _ = run(capsys, project_copy, "update")
    assert status == 0 and str(po) not in out  # nothing to write
    assert po.read_text(encoding="utf-8") == wrapped
    edit_source(project_copy, "打造標桿場景6個", "打造標桿場景8個")
    assert run(capsys, project_copy, "update")[0] == 0
    after = po.read_text(encoding="utf-8")
    blocks_before = {block.strip() for block in wrapped.split("\n\n")[1:]}
    blocks_after = [block.strip() for block in after.split("\n\n")[1:] if block.strip()]
    changed = [block for block in blocks_after if block not in blocks_before]
    assert len(changed) == 2  # the changed entry and the obsolete one it replaces
    assert all("场景8个" in block or "场景6个" in block for block in changed)
