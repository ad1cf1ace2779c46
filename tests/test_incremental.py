"""Incremental builds: unchanged outputs are not rebuilt (issue 13, part 1)."""
from __future__ import annotations

import json
import subprocess
import sys

from support import ROOT, SAMPLE_SLUG
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


def _build_on_a_terminal(project, *argv) -> tuple[str, str]:
    """stdout, and stderr as a terminal shows it (a pseudo-terminal)."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    # 24 rows of 100 columns: a new pseudo-terminal is 0 × 0, where tqdm draws nothing
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    child = subprocess.Popen([sys.executable, "-m", "toolkit", "-C", str(project), "build", *argv],
                             stdout=subprocess.PIPE, stderr=follower, cwd=ROOT)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    out = child.stdout.read().decode()
    child.stdout.close()
    child.wait()
    os.close(leader)
    return out, b"".join(chunks).decode(errors="replace")


def test_a_terminal_sees_a_progress_bar_and_quiet_sees_none(project_copy):
    out, err = _build_on_a_terminal(project_copy, "--force")
    assert "/3 [" in err and "PDF/s" in err  # tqdm: " 67%|██…| 2/3 [00:01<00:00, 1.9PDF/s]"
    assert out.count("wrote ") == 4 and "built 3 PDFs" in out
    out, err = _build_on_a_terminal(project_copy, "--force", "--quiet")
    assert "PDF/s" not in err and "wrote " not in out
    assert out.strip().startswith("built 3 PDFs, 0 unchanged, 0 withheld, 0 articles failed")


def test_no_terminal_no_progress_bar(project_copy):
    done = subprocess.run([sys.executable, "-m", "toolkit", "-C", str(project_copy), "build",
                           "--edition", "zh-Hans"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "PDF/s" not in done.stderr and "3/3" not in done.stderr
    assert "built 1 PDFs" in done.stdout


def test_a_build_reads_each_source_sidecar_catalog_and_glossary_once(project_copy, tmp_path,
                                                                     monkeypatch):
    """Everything is read once, in the read phase: the manifest's keys and the
    archive's attachments come from the bytes read then, not from the disk
    again (a file changed meanwhile cannot slip into one and not the other)."""
    import collections
    from pathlib import Path

    from toolkit.pipeline.build import build as build_project
    from toolkit.project import load_project

    monkeypatch.setenv("TOOLKIT_NO_CACHE", "1")  # the read cache would skip the source
    reads = collections.Counter()
    read_bytes = Path.read_bytes

    def counted(path):
        reads[path.resolve()] += 1
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    result = build_project(load_project(project_copy), out_dir=tmp_path / "dist",
                           editions=("en",), profile="archive")
    assert not result.failed and not result.withheld and len(result.written) == 2
    messages = project_copy / "locales" / "en" / "LC_MESSAGES"
    for path in (project_copy / "sources" / f"{SAMPLE_SLUG}.txt",
                 project_copy / "sources" / f"{SAMPLE_SLUG}.meta.toml",
                 messages / f"{SAMPLE_SLUG}.po", messages / "labels.po",
                 project_copy / "locales" / "en" / "glossary.tsv"):
        assert reads[path.resolve()] == 1, path.name


def test_two_builds_into_one_folder_keep_each_others_entries(tmp_path):
    """The manifest is saved under a lock, applying only what this build
    changed to the manifest as it is now."""
    from toolkit.pipeline import manifest

    manifest.save(tmp_path, {"a.pdf": {"key": "1", "source": "a.txt"},
                             "old.pdf": {"key": "0", "source": "old.txt"}})
    started_from, _ = manifest.load(tmp_path)
    # meanwhile another build wrote its own output
    manifest.save(tmp_path, {**started_from, "b.pdf": {"key": "2", "source": "b.txt"}})
    ours = {"a.pdf": {"key": "1b", "source": "a.txt"}, "c.pdf": {"key": "3", "source": "c.txt"}}
    manifest.save(tmp_path, ours, started_from)  # (and this one cleaned old.pdf away)
    entries, usable = manifest.load(tmp_path)
    assert usable and {name: entry["key"] for name, entry in entries.items()} == {
        "a.pdf": "1b", "b.pdf": "2", "c.pdf": "3"}


def test_a_build_stopped_half_way_resumes_where_it_stopped(capsys, project_copy):
    """Each PDF is noted in the journal as it is written: a build killed
    after its first PDF leaves that one recorded, and the next build makes
    only the other two (and takes the journal into the manifest)."""
    import pytest

    from toolkit.pdf.workers import lay_out
    from toolkit.pipeline.build import build as build_project
    from toolkit.project import load_project

    def stopped_after_one(documents, processes, count):
        for done, outcome in enumerate(lay_out(documents, 1, count=count)):
            if done == 1:
                raise KeyboardInterrupt  # as Ctrl-C or a kill would, mid-build
            yield outcome

    with pytest.raises(KeyboardInterrupt):
        build_project(load_project(project_copy), executor=stopped_after_one)
    dist = project_copy / "dist"
    assert not (dist / ".toolkit-manifest.json").exists()  # the end was never reached
    lines = (dist / ".toolkit-manifest.journal").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and (dist / json.loads(lines[0])["name"]).is_file()
    # a line cut short by the kill is passed over, not trusted
    with open(dist / ".toolkit-manifest.journal", "a", encoding="utf-8") as journal:
        journal.write('{"name": "x.pdf", "ke')
    status, resumed = build(capsys, project_copy)
    assert status == 0 and len(built_names(resumed)) == 2 and len(resumed["unchanged"]) == 1
    assert json.loads(lines[0])["name"] not in built_names(resumed)
    assert not (dist / ".toolkit-manifest.journal").exists()  # taken into the manifest
    status, again = build(capsys, project_copy)
    assert built_names(again) == set() and len(again["unchanged"]) == 3


def test_settings_that_change_no_pdf_lay_nothing_out_again(capsys, project_copy):
    """A reviewer's name, the memory's thresholds, the source size limit:
    no PDF shows them, so none is made again; the publication's name is on
    every page, so every PDF is."""
    status, first = build(capsys, project_copy)
    assert status == 0 and len(built_names(first)) == 3
    settings = project_copy / "toolkit.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("[project]", "[project]\ntm_threshold = 80\n"
                                     "max_source_mb = 3", 1) + '\n[review]\nname = "Li Wei"\n',
                        encoding="utf-8")
    status, second = build(capsys, project_copy)
    assert built_names(second) == set() and len(second["unchanged"]) == 3
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'publication = "Shanghai Digital Brief"', 'publication = "Shanghai Brief"'),
        encoding="utf-8")
    status, third = build(capsys, project_copy)
    assert len(built_names(third)) == 3
