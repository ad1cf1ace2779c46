"""XLIFF 1.2 states both ways, region subtags, TMX memories (issue 12)."""
from __future__ import annotations

import re

import pytest

from support import SAMPLE_SLUG, run
from toolkit.catalogs.po import read_catalog
from toolkit.catalogs.states import state


@pytest.fixture
def exported(capsys, project_copy, tmp_path):
    assert run(capsys, project_copy, "export", "--format", "xliff", "-o", str(tmp_path))[0] == 0
    return tmp_path / f"{SAMPLE_SLUG}.en.xlf"


def test_xliff_is_1_2_with_states_and_unique_context_groups(exported):
    text = exported.read_text(encoding="utf-8")
    assert 'version="1.2"' in text and "document:1.2" in text and "document:1.1" not in text
    assert 'approved="yes"' not in text  # no unit is reviewed: none says so
    assert text.count('state="translated"') >= 19
    for unit in re.findall(r"<trans-unit.*?</trans-unit>", text, re.S):
        names = re.findall(r'<context-group name="([^"]+)"', unit)
        assert len(names) == len(set(names))


def _set_state(xlf, msgid_fragment: str, state_value: str | None, approved: str | None = None):
    text = xlf.read_text(encoding="utf-8")
    units = re.findall(r"<trans-unit.*?</trans-unit>", text, re.S)
    unit = next(u for u in units if msgid_fragment in u)
    changed = re.sub(r' state="[^"]*"', f' state="{state_value}"' if state_value else "", unit)
    changed = changed.replace("<target", "<target", 1)
    if approved:
        changed = changed.replace("<trans-unit ", f'<trans-unit approved="{approved}" ', 1)
    changed = changed.replace("</target>", " (revised)</target>", 1)
    xlf.write_text(text.replace(unit, changed), encoding="utf-8")


@pytest.mark.parametrize("state_value, approved, expected", [
    ("final", None, "translated"), ("signed-off", None, "translated"),
    ("translated", None, "translated"), ("needs-review-translation", None, "fuzzy"),
    ("needs-adaptation", None, "fuzzy"), (None, "yes", "translated"), (None, None, "fuzzy"),
    ("needs-translation", None, "unchanged"), ("new", None, "unchanged")])
def test_import_follows_the_unit_state(capsys, project_copy, exported, state_value, approved,
                                       expected):
    _set_state(exported, "金山区召开城市数字化转型推进大会", state_value, approved)
    status, out, err = run(capsys, project_copy, "import", str(exported))
    assert status == 0, err
    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    title = next(m for m in read_catalog(po, "en") if m.context == "title")
    if expected == "unchanged":
        assert not title.string.endswith("(revised)")
    else:
        assert title.string.endswith("(revised)") and state(title) == expected


def test_a_region_subtag_finds_the_locale(capsys, project_copy, exported):
    text = exported.read_text(encoding="utf-8").replace('target-language="en"',
                                                        'target-language="en-US"')
    exported.write_text(text, encoding="utf-8")
    _set_state(exported, "金山区召开城市数字化转型推进大会", "final")
    status, out, err = run(capsys, project_copy, "import", str(exported))
    assert status == 0 and "1 updated" in out, err


def test_a_tmx_memory_is_kept_and_offered(capsys, project_copy, tmp_path):
    assert run(capsys, project_copy, "export", "--format", "tmx", "-o", str(tmp_path))[0] == 0
    tmx = tmp_path / "en.tmx"
    status, out, err = run(capsys, project_copy, "import", str(tmx))
    assert status == 0, err
    kept = project_copy / "locales/en/memory/en.tmx"
    assert kept.read_bytes() == tmx.read_bytes()
    # a new article whose catalog nothing else could fill: the memory does
    (project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po").unlink()
    assert run(capsys, project_copy, "update", "--tm")[0] == 0
    catalog = read_catalog(project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po", "en")
    offered = [m for m in catalog if m.id and m.string]
    assert len(offered) >= 18 and all(m.fuzzy for m in offered)
    assert any("from 'en.tmx'" in c for m in offered for c in m.user_comments)


def test_a_broken_tmx_is_one_line(capsys, project_copy, tmp_path):
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    status, _, err = run(capsys, project_copy, "import", str(bad))
    assert status == 2 and len(err.strip().splitlines()) == 1 and "bad.tmx" in err


def test_check_status_and_export_take_article_slugs(capsys, project_copy, tmp_path):
    import json

    sources = project_copy / "sources"
    (sources / "second.txt").write_bytes((sources / f"{SAMPLE_SLUG}.txt").read_bytes())
    assert run(capsys, project_copy, "update")[0] == 0
    status, out, _ = run(capsys, project_copy, "status", "--json", SAMPLE_SLUG)
    assert [row["domain"] for row in json.loads(out)] == [SAMPLE_SLUG]
    status, out, _ = run(capsys, project_copy, "check", "--json", "second")
    findings = json.loads(out)
    assert findings and {f["path"] for f in findings} == {"locales/en/LC_MESSAGES/second.po"}
    assert all(re.fullmatch(r"[0-9a-f]{16}", f["unit"]) for f in findings)
    out_dir = tmp_path / "out"
    assert run(capsys, project_copy, "export", "--format", "xliff", "-o", str(out_dir),
               "second")[0] == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["second.en.xlf"]
    # the unit ids of check are those of the export
    xlf = (out_dir / "second.en.xlf").read_text(encoding="utf-8")
    assert all(f'id="{f["unit"]}"' in xlf for f in findings)
    status, _, err = run(capsys, project_copy, "check", "nosuch")
    assert status == 2 and "no article 'nosuch'" in err


def test_a_fuzzy_unit_carries_the_source_it_was_translated_from(capsys, project_copy, tmp_path):
    source = project_copy / "sources" / f"{SAMPLE_SLUG}.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("打造標桿場景6個", "打造標桿場景8個"), encoding="utf-8")
    assert run(capsys, project_copy, "update")[0] == 0
    source.write_text(text.replace("打造標桿場景6個", "打造標桿場景9個"), encoding="utf-8")
    assert run(capsys, project_copy, "update")[0] == 0
    po = (project_copy / PO_PATH).read_text(encoding="utf-8")
    # two edits before review: the previous msgid is still the one translated
    previous = [line for line in po.split("\n") if line.startswith("#|")]
    assert previous and any("打造标杆场景6个" in line for line in previous)
    assert not any("打造标杆场景8个" in line for line in previous)
    out = tmp_path / "out"
    assert run(capsys, project_copy, "export", "--format", "xliff", "-o", str(out))[0] == 0
    xlf = (out / f"{SAMPLE_SLUG}.en.xlf").read_text(encoding="utf-8")
    alt = re.search(r'<alt-trans origin="previous-source">\s*<source>(.*?)</source>', xlf, re.S)
    assert alt and "打造标杆场景6个" in alt.group(1)
    status, out_text, err = run(capsys, project_copy, "import", str(out / f"{SAMPLE_SLUG}.en.xlf"))
    assert status == 0, err  # and it reads back


PO_PATH = f"locales/en/LC_MESSAGES/{SAMPLE_SLUG}.po"



def test_an_entity_in_a_target_is_refused_naming_the_unit(capsys, project_copy, exported, tmp_path):
    """An external (or DTD) entity is never expanded, and never silently
    dropped from a translation either."""
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the catalog")
    text = exported.read_text(encoding="utf-8")
    head, rest = text.split("?>", 1)
    text = head + f'?><!DOCTYPE xliff [<!ENTITY e SYSTEM "file://{secret}">]>' + rest
    text = text.replace("<target", "<target", 1)
    start = text.index("<target")
    end = text.index(">", start) + 1
    text = text[:end] + "&e;" + text[end:]
    exported.write_text(text, encoding="utf-8")
    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    before = po.read_bytes()
    status, _, err = run(capsys, project_copy, "import", str(exported))
    assert status == 2 and len(err.strip().splitlines()) == 1, err
    assert "unit " in err and "&e;" in err and "not expanded" in err
    assert po.read_bytes() == before and "not for the catalog" not in po.read_text("utf-8")


def test_an_import_of_several_files_applies_all_or_none(capsys, project_copy, exported):
    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    before = po.read_bytes()
    text = exported.read_text(encoding="utf-8")
    start = text.index("<target")
    end = text.index("</target>", start)
    changed = text[:text.index(">", start) + 1] + "A title changed in the CAT tool" + text[end:]
    exported.write_text(changed, encoding="utf-8")
    stray = exported.with_name("stray.xlf")
    stray.write_text(changed.replace(f'original="{SAMPLE_SLUG}"', 'original="no-such-article"'),
                     encoding="utf-8")
    status, out, err = run(capsys, project_copy, "import", str(exported), str(stray))
    assert status == 2 and "no-such-article" in err and len(err.strip().splitlines()) == 1
    assert po.read_bytes() == before and out == ""  # the good file was not applied alone
    status, out, _ = run(capsys, project_copy, "import", str(exported))
    assert status == 0 and "A title changed in the CAT tool" in po.read_text(encoding="utf-8")


def _schema():
    from lxml import etree

    from support import DATA

    return etree.XMLSchema(etree.parse(str(DATA / "xliff" / "xliff-core-1.2-strict.xsd")))


def test_every_export_validates_against_the_xliff_1_2_strict_schema(capsys, project_copy,
                                                                   tmp_path):
    from lxml import etree

    assert run(capsys, project_copy, "export", "--format", "xliff", "-o", str(tmp_path))[0] == 0
    schema = _schema()
    exported = sorted(tmp_path.glob("*.xlf"))
    assert [p.name for p in exported] == [f"{SAMPLE_SLUG}.en.xlf", "labels.en.xlf"]
    for path in exported:
        assert schema.validate(etree.parse(str(path))), (path.name, str(schema.error_log))


def _worked_catalog(project_copy):
    """The sample's catalog with one message of each kind a round trip must
    keep: approved, fuzzy with its previous source, with notes of two
    authors; its path."""
    from toolkit.catalogs.po import read_po_file, write_catalog
    from toolkit.catalogs.states import approve

    po_path = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    po = read_po_file(po_path)
    messages = [m for m in po.catalog if m.id]
    approve(messages[0], "Li Wei", "2026-11-30")
    messages[1].flags.add("fuzzy")
    messages[1].previous_id = ["金山区召开大会"]
    messages[2].user_comments = ["keep the district's own spelling", "Li Wei: checked"]
    write_catalog(po_path, po.catalog, po.layout)
    return po_path


def test_a_round_trip_through_translate_toolkit_loses_nothing(capsys, project_copy, tmp_path,
                                                              monkeypatch):
    """Exported, read and written again by translate-toolkit's XLIFF store (as
    a CAT tool built on it would), and imported into a catalog that lost its
    translations: source, target, state, approval (who and when), notes
    with their authors, context and previous source all come back."""
    from lxml import etree
    from translate.storage import xliff

    from toolkit.catalogs.po import read_catalog
    from toolkit.catalogs.states import approval

    monkeypatch.setenv("TOOLKIT_REVIEWER", "Importer")
    po_path = _worked_catalog(project_copy)
    before = {(m.context, m.id): m for m in read_catalog(po_path, "en") if m.id}
    assert run(capsys, project_copy, "export", "--format", "xliff", "-o", str(tmp_path))[0] == 0
    exported = tmp_path / f"{SAMPLE_SLUG}.en.xlf"
    store = xliff.xlifffile.parsestring(exported.read_bytes())
    units = {(u.xmlelement.get("resname"), u.source): u for u in store.units if not u.isheader()}
    assert set(units) == set(before)
    first, second, third = list(before.values())[:3]
    assert units[first.context, first.id].xmlelement.get("approved") == "yes"
    assert "Li Wei: checked" in units[third.context, third.id].getnotes("translator")
    alt = units[second.context, second.id].xmlelement.find("{*}alt-trans/{*}source")
    assert alt is not None and alt.text == "金山区召开大会"
    again = tmp_path / "again.xlf"
    again.write_bytes(bytes(store))
    assert _schema().validate(etree.parse(str(again)))
    # the catalog loses every translation, state and note; the import brings them back
    text = po_path.read_text(encoding="utf-8")
    blank = read_catalog(po_path, "en")
    for message in blank:
        if message.id:
            message.string, message.user_comments = "", []
            message.flags.discard("fuzzy")
            message.previous_id = []
    from toolkit.catalogs.po import write_catalog

    write_catalog(po_path, blank)
    status, out, err = run(capsys, project_copy, "import", str(again))
    assert status == 0, err
    after = {(m.context, m.id): m for m in read_catalog(po_path, "en") if m.id}
    for key, old in before.items():
        new = after[key]
        assert (new.string, new.fuzzy, new.user_comments) == (old.string, old.fuzzy,
                                                              old.user_comments), key
    assert approval(after[first.context, first.id]) == ("Li Wei", "2026-11-30")  # not re-stamped
    assert text.count("#| msgid") == po_path.read_text(encoding="utf-8").count("#| msgid")


def test_every_note_comes_in_with_its_author_and_a_note_does_not_restamp(capsys, project_copy,
                                                                          tmp_path, monkeypatch):
    from toolkit.catalogs.po import read_catalog
    from toolkit.catalogs.states import approval

    monkeypatch.setenv("TOOLKIT_REVIEWER", "Importer")
    po_path = _worked_catalog(project_copy)
    title = next(m for m in read_catalog(po_path, "en") if m.id)
    assert run(capsys, project_copy, "export", "--format", "xliff", "-o", str(tmp_path))[0] == 0
    exported = tmp_path / f"{SAMPLE_SLUG}.en.xlf"
    text = exported.read_text(encoding="utf-8")
    unit = next(u for u in re.findall(r"<trans-unit.*?</trans-unit>", text, re.S) if title.id in u)
    noted = unit.replace("</trans-unit>", '<note>a bare note</note><note from="Zhang San">'
                         "a reviewer's query</note></trans-unit>")
    exported.write_text(text.replace(unit, noted), encoding="utf-8")
    status, out, err = run(capsys, project_copy, "import", str(exported))
    assert status == 0, err
    message = next(m for m in read_catalog(po_path, "en") if m.id == title.id)
    assert "a bare note" in message.user_comments
    assert "Zhang San: a reviewer's query" in message.user_comments
    assert approval(message) == ("Li Wei", "2026-11-30")  # the reviewer's, not the importer's


def _tmx(units, tool="OmegaT", source_lang="ZH-CN", target_lang="EN-US") -> str:
    """A TMX memory as CAT tools write it (upper-case tags, as OmegaT's)."""
    body = "".join(f'<tu><tuv xml:lang="{source_lang}"><seg>{zh}</seg></tuv>'
                   f'<tuv xml:lang="{target_lang}"><seg>{en}</seg></tuv></tu>'
                   for zh, en in units)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
            f'creationtool="{tool}" srclang="{source_lang}" adminlang="EN-US" segtype="sentence" '
            f'datatype="plaintext" o-tmf="{tool}"/><body>{body}</body></tmx>')


def _sample_messages(project_copy):
    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    return [m for m in read_catalog(po, "en") if m.id]


def _offers(capsys, project_copy):
    """Update --tm on a catalog nobody translated yet: msgid → message."""
    (project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po").unlink()
    assert run(capsys, project_copy, "update", "--tm")[0] == 0
    return {m.id: m for m in _sample_messages(project_copy)}


def test_a_memory_is_read_whatever_the_case_of_its_tags_and_traditional_is_converted(
        capsys, project_copy, tmp_path):
    """EN-US is the project's en; a zh-TW memory's source is converted with the
    project's OpenCC set-up before it is matched (an exact match, not none)."""
    title, place = _sample_messages(project_copy)[0], _sample_messages(project_copy)[3]
    traditional = "加快轉型升級 助力“三個灣區”，金山區召開城市數字化轉型推進大會"
    assert "转型" in title.id and traditional != title.id
    memory = tmp_path / "taiwan.tmx"
    memory.write_text(_tmx([(traditional, "From Taiwan: the title"), (place.id, "From OmegaT")],
                           source_lang="zh-TW"), encoding="utf-8")
    status, out, err = run(capsys, project_copy, "import", str(memory))
    assert status == 0 and "2 updated" in out, err
    offers = _offers(capsys, project_copy)
    assert offers[title.id].string == "From Taiwan: the title"
    assert any("tm: 100% match from 'taiwan.tmx'" in c for c in offers[title.id].user_comments)
    assert offers[place.id].string == "From OmegaT"


def test_a_memory_of_a_name_already_kept_is_added_beside_it_or_replaces_it_grown(
        capsys, project_copy, tmp_path):
    messages = _sample_messages(project_copy)
    big = [(m.id, f"big {n}") for n, m in enumerate(messages[:6])]
    first = tmp_path / "one" / "project_save.tmx"
    first.parent.mkdir()
    first.write_text(_tmx(big), encoding="utf-8")
    assert run(capsys, project_copy, "import", str(first))[0] == 0
    kept = project_copy / "locales/en/memory"
    # another project's project_save.tmx (OmegaT names them all so): kept beside
    other = tmp_path / "two" / "project_save.tmx"
    other.parent.mkdir()
    other.write_text(_tmx([(messages[7].id, "small")], tool="Trados"), encoding="utf-8")
    status, out, _ = run(capsys, project_copy, "import", str(other))
    assert status == 0 and "kept beside the other project_save.tmx" in out
    assert sorted(p.name for p in kept.iterdir()) == ["project_save-2.tmx", "project_save.tmx"]
    assert (kept / "project_save.tmx").read_bytes() == first.read_bytes()  # 6 units, kept
    # the first memory saved again, grown by a unit: it replaces its older self
    grown = tmp_path / "three" / "project_save.tmx"
    grown.parent.mkdir()
    grown.write_text(_tmx(big + [(messages[8].id, "new")]), encoding="utf-8")
    status, out, _ = run(capsys, project_copy, "import", str(grown))
    assert status == 0 and "replaces the older project_save.tmx" in out
    assert (kept / "project_save.tmx").read_bytes() == grown.read_bytes()
    assert sorted(p.name for p in kept.iterdir()) == ["project_save-2.tmx", "project_save.tmx"]
    status, out, _ = run(capsys, project_copy, "import", str(grown))
    assert status == 0 and "already kept" in out
    offers = _offers(capsys, project_copy)  # both memories offer
    assert offers[messages[7].id].string == "small" and offers[messages[0].id].string == "big 0"


def test_formatting_codes_are_reduced_to_their_text_and_placeholders_flagged(
        capsys, project_copy, tmp_path):
    from toolkit.catalogs.exchange import read_tmx

    messages = _sample_messages(project_copy)
    bold, placeholder = messages[3], messages[4]
    memory = tmp_path / "codes.tmx"
    memory.write_text(_tmx([
        (f'<bpt i="1">&lt;b&gt;</bpt>{bold.id}<ept i="1">&lt;/b&gt;</ept>',
         '<bpt i="1">&lt;b&gt;</bpt>Bold<ept i="1">&lt;/b&gt;</ept> <hi>text</hi>'),
        (placeholder.id, 'Reported by <ph x="1">{0}</ph>')]), encoding="utf-8")
    units = read_tmx(memory.read_bytes(), str(memory)).units
    assert [(u.source, u.target, u.codes) for u in units] == [
        (bold.id, "Bold text", False), (placeholder.id, "Reported by", True)]
    assert run(capsys, project_copy, "import", str(memory))[0] == 0
    offers = _offers(capsys, project_copy)
    assert offers[bold.id].string == "Bold text" and offers[bold.id].fuzzy
    flagged = offers[placeholder.id]
    assert flagged.fuzzy and any("placeholders" in c for c in flagged.user_comments)


@pytest.mark.parametrize("name, text", [
    ("memory.xlf", _tmx([("金山区", "Jinshan")])),  # a TMX named .xlf
    ("page.xlf", "<!doctype html><html><body><p>金山区</p></body></html>"),
    ("units.tmx", '<?xml version="1.0"?><xliff version="1.2"><file original="x" '
                  'source-language="zh" target-language="en"><body/></file></xliff>'),
    ("binary.xlf", "\ufeff\x00\x01 not text"),
])
def test_a_file_that_is_not_what_its_suffix_says_is_one_line(capsys, project_copy, tmp_path,
                                                             name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = {p: p.read_bytes() for p in (project_copy / "locales").rglob("*.po")}
    status, out, err = run(capsys, project_copy, "import", str(path))
    assert status == 2 and len(err.strip().splitlines()) == 1 and name in err, err
    assert "Traceback" not in err and out == ""
    assert before == {p: p.read_bytes() for p in (project_copy / "locales").rglob("*.po")}
