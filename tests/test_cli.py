"""The command line: output, exit statuses, and nothing written on bad input."""
import json
import shutil
import subprocess
import sys

import pytest

from support import ROOT, SAMPLE, SAMPLE_SLUG, cli


def test_convert_prints_normalised_simplified_text(capsys):
    status, out, err = cli(capsys, "-C", str(ROOT), "convert", str(SAMPLE))
    assert status == 0 and err == ""
    blocks = out.split("\n\n")
    assert blocks[0] == "加快转型升级 助力“三个湾区”，金山区召开城市数字化转型推进大会"
    assert blocks[1] == "人民网上海7月21日电（王文娟）"
    assert blocks[4] == "完善规划，锚定转型“定盘星”"
    assert len(blocks) == 15 and out.endswith("。\n")


def test_convert_opencc_option(capsys):
    status, out, _ = cli(capsys, "convert", "--opencc", "tw2sp", str(SAMPLE))
    # tw2sp changes vocabulary (智慧 → 智能); the project's tw2s keeps it
    assert status == 0 and "智慧" not in out and "智能" in out
    status, out, _ = cli(capsys, "convert", str(SAMPLE))
    assert status == 0 and "智慧" in out


@pytest.mark.parametrize("name, content, message", [
    ("missing.txt", None, ": source: no such file"),
    ("empty.txt", b"", ": source: empty file"),
    # a byte-order mark or zero-width space alone is no text either
    ("bom.txt", "\ufeff\n\u200b\n".encode(), ":1: source: empty file"),
    ("latin1.txt", "標題\n".encode() + b"caf\xe9\n", ":2: source: byte 10: cannot decode 0xe9"),
])
def test_bad_input_is_one_line_exit_2_and_fails_that_article_alone(capsys, project_copy, name,
                                                                   content, message):
    """An article's own bad source fails that article alone (issue 13): one
    line naming it, exit 2, nothing of it written; the others are built."""
    bad = project_copy / "sources" / name
    if content is not None:
        bad.write_bytes(content)
    status, out, err = cli(capsys, "-C", str(project_copy), "build", str(SAMPLE), str(bad),
                           "--edition", "zh-Hans")
    assert status == 2
    assert err.count("\n") == 1 and err.startswith(str(bad)) and message in err
    assert sorted(p.name for p in (project_copy / "dist").iterdir() if not p.name.startswith(".")) == [
        f"{SAMPLE_SLUG}.conversion.txt", f"{SAMPLE_SLUG}.zh-Hans.pdf"]
    assert "1 articles failed" in out


def test_a_bad_source_among_sources_fails_alone_and_a_bad_setting_stops_all(capsys, project_copy):
    (project_copy / "sources" / "zz-broken.txt").write_bytes(b"\xff\xfe\x00")
    status, _, err = cli(capsys, "-C", str(project_copy), "build", "--edition", "zh-Hans")
    assert status == 2 and "zz-broken.txt:1: source:" in err
    assert (project_copy / "dist" / f"{SAMPLE_SLUG}.zh-Hans.pdf").exists()
    settings = project_copy / "toolkit.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "nonsense = 1\n", "utf-8")
    (project_copy / "dist" / f"{SAMPLE_SLUG}.zh-Hans.pdf").unlink()
    status, _, err = cli(capsys, "-C", str(project_copy), "build", "--edition", "zh-Hans")
    assert status == 2 and "toolkit.toml" in err
    assert not (project_copy / "dist" / f"{SAMPLE_SLUG}.zh-Hans.pdf").exists()


def test_build_json_summary(capsys, project_copy):
    status, out, _ = cli(capsys, "-C", str(project_copy), "build", "--json", "--edition", "zh-Hans")
    summary = json.loads(out)
    assert status == 0 and summary["failed"] == [] and summary["withheld"] == []
    assert [p.endswith(".zh-Hans.pdf") for p in summary["built"]].count(True) == 1
    assert summary["seconds"] > 0


def test_untranslated_english_is_withheld_and_exit_1(capsys, project_copy):
    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Wang Wenjuan"', 'msgstr ""'), encoding="utf-8")
    status, out, err = cli(capsys, "-C", str(project_copy), "build", "-o", str(project_copy / "out"))
    assert status == 1
    assert "en edition not built: 1 untranslated" in err
    assert sorted(p.name for p in (project_copy / "out").iterdir() if not p.name.startswith(".")) == [
        f"{SAMPLE_SLUG}.conversion.txt", f"{SAMPLE_SLUG}.zh-Hans.pdf"]
    # --json: the same lines under the same key, and the reasons as fields
    status, out, _ = cli(capsys, "-C", str(project_copy), "build", "--json", "--edition", "en",
                         "-o", str(project_copy / "out"))
    summary = json.loads(out)
    assert status == 1 and summary["withheld"] == [line for line in err.splitlines()
                                                   if " en edition not built" in line]
    assert summary["withheld_editions"] == [{
        "slug": SAMPLE_SLUG, "edition": "en", "catalog": str(po),
        "reasons": [{"kind": "untranslated", "count": 1}],
        "fix": "toolkit check; --allow-incomplete builds a draft"}]


def test_malformed_catalog_is_exit_2_naming_line(capsys, project_copy):
    po = project_copy / "locales/en/LC_MESSAGES/labels.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "unterminated\n',
                  encoding="utf-8")
    status, _, err = cli(capsys, "-C", str(project_copy), "build")
    assert status == 2 and f"{po}:" in err and ": catalog: unterminated" in err
    assert not (project_copy / "dist").exists()


def test_usage_error_is_exit_2():
    completed = subprocess.run([sys.executable, "-m", "toolkit", "build", "--no-such-option"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 2 and "usage:" in completed.stderr


def test_console_script_is_installed():
    script = shutil.which("toolkit", path=str(ROOT / ".venv" / "bin")) or shutil.which("toolkit")
    assert script, "the toolkit console script is not installed"
    completed = subprocess.run([script, "--help"], capture_output=True, text=True)
    assert completed.returncode == 0 and "build" in completed.stdout


def test_untranslated_label_withholds_english(capsys, project_copy):
    """A label of the project's own design that no catalog translates (a
    label the packaged design translates falls back to it)."""
    page = project_copy / "templates" / "translated.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        '{% block date %}{{ date.tr }}{% endblock %}',
        '{% block date %}{{ date.tr }} {{ _("内部参考") }}{% endblock %}'), encoding="utf-8")
    assert cli(capsys, "-C", str(project_copy), "update")[0] == 0
    status, _, err = cli(capsys, "-C", str(project_copy), "build", "--edition", "en")
    assert status == 1 and "1 template labels not translated" in err
    assert not list((project_copy / "dist").glob("*.pdf"))


def test_allow_incomplete_builds_a_marked_draft_under_its_own_name(capsys, project_copy):
    """A draft is never written under a publishable name, counts withheld
    (exit 1), is listed as a draft, marks untranslated, fuzzy and failing
    segments (and an untranslated byline) where they stand, and is removed
    by the build that makes its edition whole."""
    import pdfplumber

    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    original = po.read_text(encoding="utf-8")
    text = original.replace('msgstr "Refined plans set the compass for transformation"',
                            'msgstr ""')
    text = text.replace('msgstr "Wang Wenjuan"', 'msgstr ""')  # the byline
    # a fuzzy paragraph's English is shown, marked, not hidden behind the Chinese
    fuzzy = next(block for block in text.split("\n\n") if 'msgstr "Shanghai"' in block)
    text = text.replace(fuzzy, "#, fuzzy\n" + fuzzy)
    # a translation that fails a check (Han left in it) is marked too
    text = text.replace('msgstr "Jinshan District Holds', 'msgstr "Jinshan 金山 District Holds')
    po.write_text(text, encoding="utf-8")
    status, out, err = cli(capsys, "-C", str(project_copy), "build", "--edition", "en",
                           "--allow-incomplete", "--json")
    summary = json.loads(out)
    dist = project_copy / "dist"
    draft = dist / f"{SAMPLE_SLUG}.en.draft.pdf"
    assert status == 1 and summary["drafts"] == [str(draft)] and summary["withheld"]
    assert not (dist / f"{SAMPLE_SLUG}.en.pdf").exists()  # never the publishable name
    with pdfplumber.open(draft) as pdf:
        text = "".join(p.extract_text() for p in pdf.pages)
        heading = pdf.pages[0].search("完善规划")[0]
        marks = pdf.pages[0].search("UNTRANSLATED")
        fuzzy_marks = [m for p in pdf.pages for m in p.search("FUZZY")]
        failing = [m for p in pdf.pages for m in p.search("CHECK FAILS")]
        banners = [p.search("DRAFT: untranslated passages, not for publication") for p in pdf.pages]
    assert "完善规划，锚定转型“定盘星”" in text and "Shanghai" in text
    # the note stands in the left margin, level with the untranslated heading
    assert any(m["x1"] < heading["x0"] - 10 and abs(m["top"] - heading["top"]) < 8
               for m in marks)
    assert len(marks) == 2  # the heading, and the byline's reporter where it stands
    assert len(fuzzy_marks) == 1 and len(failing) == 1
    assert all(banners), "every page of a draft says so"
    # made whole: the edition is built under its name and the draft goes
    po.write_text(original, encoding="utf-8")
    status, out, _ = cli(capsys, "-C", str(project_copy), "build", "--edition", "en")
    assert status == 0 and "removed" in out and not draft.exists()
    assert (dist / f"{SAMPLE_SLUG}.en.pdf").exists()


def test_clean_removes_the_drafts_of_withheld_editions(capsys, project_copy):
    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Wang Wenjuan"', 'msgstr ""'),
                  encoding="utf-8")
    cli(capsys, "-C", str(project_copy), "build", "--edition", "en", "--allow-incomplete")
    draft = project_copy / "dist" / f"{SAMPLE_SLUG}.en.draft.pdf"
    assert draft.exists()
    status, _, _ = cli(capsys, "-C", str(project_copy), "build", "--edition", "en")
    assert status == 1 and draft.exists()  # still withheld: the draft stays, until --clean
    status, _, _ = cli(capsys, "-C", str(project_copy), "build", "--edition", "en", "--clean")
    assert status == 1 and not draft.exists()


def test_convert_json_has_the_model_fields(capsys):
    status, out, _ = cli(capsys, "-C", str(ROOT), "convert", "--json", str(SAMPLE))
    document = json.loads(out)
    assert status == 0
    assert document["slug"] == SAMPLE_SLUG and document["script"] == "zh-Hans"
    assert document["dateline"] == {"agency": "人民网", "place": "上海", "month": 7, "day": 21,
                                    "reporter": "王文娟", "line": 3, "reporter_title": "",
                                    "verb": "电", "style": "agency"}
    assert document["date"] == "2021-07-21" and document["publication"] == "人民网"
    assert [b["text"] for b in document["blocks"] if b["kind"] == "heading"][0] == \
        "完善规划，锚定转型“定盘星”"
    assert document["glosses"][0] == {"line": 1, "han": "轉", "reading": "zhuǎn"}


def test_convert_report_encoding_and_phrases(capsys, tmp_path):
    source = tmp_path / "big5.txt"
    source.write_bytes("天徵聚合公司成立\n\n該公司著手研發。\n".encode("big5"))
    phrases = tmp_path / "phrases.txt"
    phrases.write_text("天徵聚合\t天徵聚合\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    status, out, _ = cli(capsys, "convert", "--encoding", "big5", "--opencc", "tw2s",
                         "--opencc-phrases", str(phrases), "--report", str(report), str(source))
    assert status == 0 and out == "天徵聚合公司成立\n\n该公司着手研发。\n"
    text = report.read_text(encoding="utf-8")
    assert "encoding big5; OpenCC config tw2s; project phrases" in text
    assert "著 → 着" in text


def test_build_writes_the_conversion_report(built):
    report = (built / f"{SAMPLE_SLUG}.conversion.txt").read_text(encoding="utf-8")
    assert report.startswith("Conversion report: ")
    assert "Stripped: 180 pinyin glosses" in report


def test_project_settings_reach_the_reader(capsys, project_copy):
    (project_copy / "toolkit.toml").write_text(
        '[project]\nopencc = "t2s"\nopencc_phrases = "phrases.txt"\n'
        'boilerplate = ["本文來源：.*"]\n', encoding="utf-8")
    (project_copy / "phrases.txt").write_text("著手\t着手\n", encoding="utf-8")
    source = project_copy / "sources" / "extra.txt"
    source.write_text("標題\n\n公司著手研發，標志著新階段。\n本文來源：某網站\n", encoding="utf-8")
    status, out, _ = cli(capsys, "-C", str(project_copy), "convert", str(source))
    assert status == 0 and out == "标题\n\n公司着手研发，标志著新阶段。\n"


@pytest.mark.parametrize("setting, message", [
    ('opencc = "s2t"', "opencc 's2t' is not one of"),
    ('colour = "red"', "unknown setting 'colour'"),
    ('boilerplate = ["(unclosed"]', "boilerplate pattern '(unclosed'"),
    ('publication = ', "toolkit.toml:2: config: "),
])
def test_bad_project_settings(capsys, project_copy, setting, message):
    (project_copy / "toolkit.toml").write_text(f"[project]\n{setting}\n", encoding="utf-8")
    status, _, err = cli(capsys, "-C", str(project_copy), "convert", str(SAMPLE))
    assert status == 2 and message in err and "toolkit.toml" in err


def test_new_article_without_catalog_builds_chinese_and_withholds_the_rest(capsys, project_copy):
    (project_copy / "sources" / "new.txt").write_text("新文章的標題\n\n第一段正文。\n", encoding="utf-8")
    status, out, err = cli(capsys, "-C", str(project_copy), "build", "--edition", "zh-Hans",
                           "--edition", "en", str(project_copy / "sources" / "new.txt"))
    assert status == 1
    assert ("new.po: check: en edition not built: 2 segments, not started: no catalog yet "
            "(see toolkit update; --allow-incomplete builds a draft)") in err
    # one command starts it: update writes the template and the catalog
    status, out, _ = cli(capsys, "-C", str(project_copy), "update")
    assert status == 0 and "wrote locales/new.pot" in out.replace(str(project_copy) + "/", "")
    assert (project_copy / "locales/en/LC_MESSAGES/new.po").is_file()
    assert sorted(p.name for p in (project_copy / "dist").glob("*.pdf")) == ["new.zh-Hans.pdf"]


def test_preview_renders_what_the_build_wrote(capsys, project_copy):
    status, out, _ = cli(capsys, "-C", str(project_copy), "preview", "--edition", "zh-Hans")
    assert status == 0
    assert sorted(p.name for p in (project_copy / "dist").glob("*.png")) == [
        f"{SAMPLE_SLUG}.zh-Hans.png"]


def test_preview_draws_the_pictures_also_when_the_build_had_nothing_to_do(capsys,
                                                                           project_copy):
    """The PDFs exist (an earlier build): no PDF is made, every picture is."""
    assert cli(capsys, "-C", str(project_copy), "build")[0] == 0
    status, out, _ = cli(capsys, "-C", str(project_copy), "preview")
    assert status == 0 and "built 0 PDFs, 3 unchanged" in out
    pictures = sorted(p.name for p in (project_copy / "dist").glob("*.png"))
    assert pictures == [f"{SAMPLE_SLUG}.{e}.png" for e in ("bilingual", "en", "zh-Hans")]
    status, out, _ = cli(capsys, "-C", str(project_copy), "preview")  # up to date: kept
    assert out.count("is up to date") == 3


def test_relative_paths_are_read_from_the_project_given_with_C(capsys, project_copy, tmp_path,
                                                              monkeypatch):
    monkeypatch.chdir(tmp_path)  # another folder, with a source of the same name
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / f"{SAMPLE_SLUG}.txt").write_text("別的標題\n\n別的文章。\n", "utf-8")
    status, out, _ = cli(capsys, "-C", str(project_copy), "convert",
                         f"sources/{SAMPLE_SLUG}.txt")
    assert status == 0 and out.startswith("加快转型升级")


def test_each_withheld_edition_names_the_command_that_fixes_it(capsys, project_copy,
                                                                monkeypatch):
    """Not reviewed: toolkit review (check lists nothing for it); no catalog
    yet: toolkit update; errors: toolkit check."""
    settings = project_copy / "toolkit.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[project]", "[project]\nrequire_review = true", 1), encoding="utf-8")
    status, _, err = cli(capsys, "-C", str(project_copy), "build", "--edition", "en")
    assert status == 1
    assert "en edition not built: 19 not reviewed (see toolkit review; " in err
    status, out, _ = cli(capsys, "-C", str(project_copy), "check")
    assert "not reviewed" not in out  # (which is why the build points at review)
    (project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po").unlink()
    status, _, err = cli(capsys, "-C", str(project_copy), "build", "--edition", "en")
    assert status == 1 and "not started: no catalog yet (see toolkit update; " in err


def test_version_is_the_installed_one(capsys):
    from importlib.metadata import version

    from toolkit.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"toolkit {version('bilingual-brief-toolkit')}"
