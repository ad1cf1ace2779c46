"""Incremental builds: unchanged outputs are not rebuilt (issue 13, part 1)."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SAMPLE_SLUG
from toolkit.cli import main


def build(capsys, project, *argv):
    status = main(["-C", str(project), "build", "--json", *argv])
    out, err = capsys.readouterr()
    return status, json.loads(out)


def built_names(summary) -> set[str]:
    return {p.rsplit("/", 1)[1] for p in summary["built"] if p.endswith(".pdf")}


def test_a_second_build_rebuilds_nothing_and_changes_rebuild_what_they_touch(capsys, project_copy):
    status, first = build(capsys, project_copy)
    assert status == 0 and len(built_names(first)) == 3
    pdf = project_copy / "dist" / f"{SAMPLE_SLUG}.zh-Hans.pdf"
    stamp = pdf.stat().st_mtime_ns
    status, second = build(capsys, project_copy)
    assert built_names(second) == set() and len(second["unchanged"]) == 3
    assert pdf.stat().st_mtime_ns == stamp
    # a translation changes: the editions that show it, not the Chinese one
    po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Shanghai"', 'msgstr "Shanghai City"', 1), encoding="utf-8")
    status, third = build(capsys, project_copy)
    assert built_names(third) == {f"{SAMPLE_SLUG}.en.pdf", f"{SAMPLE_SLUG}.bilingual.pdf"}
    # the stylesheet changes: everything
    css = project_copy / "templates" / "brief.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* a designer's edit */\n", "utf-8")
    assert len(built_names(build(capsys, project_copy)[1])) == 3
    assert len(built_names(build(capsys, project_copy, "--force")[1])) == 3


def test_a_damaged_manifest_is_not_trusted(capsys, project_copy):
    build(capsys, project_copy, "--edition", "zh-Hans")
    (project_copy / "dist" / ".toolkit-manifest.json").write_text("{not json", "utf-8")
    status, summary = build(capsys, project_copy, "--edition", "zh-Hans")
    assert built_names(summary) == {f"{SAMPLE_SLUG}.zh-Hans.pdf"}
    assert any("not trusted" in w for w in summary["warnings"])


def test_outputs_of_a_vanished_source_are_reported_and_cleaned(capsys, project_copy):
    sources = project_copy / "sources"
    (sources / "gone.txt").write_bytes((sources / f"{SAMPLE_SLUG}.txt").read_bytes())
    build(capsys, project_copy, "--edition", "zh-Hans")
    (sources / "gone.txt").unlink()
    status, summary = build(capsys, project_copy, "--edition", "zh-Hans")
    assert [p.rsplit("/", 1)[1] for p in summary["orphaned"]] == ["gone.zh-Hans.pdf"]
    assert (project_copy / "dist" / "gone.zh-Hans.pdf").exists()  # reported, kept
    status, summary = build(capsys, project_copy, "--edition", "zh-Hans", "--clean")
    assert not (project_copy / "dist" / "gone.zh-Hans.pdf").exists()
    assert not (project_copy / "dist" / "gone.conversion.txt").exists()


def test_a_no_op_rebuild_never_imports_weasyprint(capsys, project_copy):
    build(capsys, project_copy, "--edition", "zh-Hans")
    script = ("import sys\nfrom toolkit.cli import main\n"
              f"status = main(['-C', {str(project_copy)!r}, 'build', '--edition', 'zh-Hans'])\n"
              "print(status, 'weasyprint' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT).stdout
    assert out.strip().endswith("0 False"), out


def test_one_process_or_many_make_the_same_pdfs(capsys, project_copy, tmp_path):
    one, many = tmp_path / "one", tmp_path / "many"
    assert main(["-C", str(project_copy), "build", "--jobs", "1", "-o", str(one)]) == 0
    assert main(["-C", str(project_copy), "build", "--jobs", "2", "-o", str(many)]) == 0
    capsys.readouterr()
    for pdf in one.glob("*.pdf"):
        assert pdf.read_bytes() == (many / pdf.name).read_bytes()
