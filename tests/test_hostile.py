"""Hostile input and faults: nothing escapes the project, nothing runs,
nothing is lost, every failure is one located line (issue 9)."""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pytest

from support import SAMPLE_SLUG, cli, pdf_text, run
from toolkit.pdf.extension import cffi_cache
from toolkit.cli import main


# -- Nothing runs: the cffi cache ------------------------------------------

class Planted:
    """A pickle that, when loaded, creates a file: proof that code ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


class FakeParser:
    def __init__(self):
        self.calls = 0

    def parse(self, text):
        from pycparser import c_ast

        self.calls += 1
        return c_ast.FileAST([])


def plant(folder: Path, payload) -> None:
    """Put ``payload`` where the cache would look for the text ``int x;``."""
    key = hashlib.sha256(("salt" + "int x;").encode()).hexdigest()[:40]
    (folder / f"{key}.pickle").write_bytes(pickle.dumps(payload))


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_a_cache_folder_others_can_write_is_never_read(tmp_path, mode):
    folder = tmp_path / "bilingual-brief" / "cffi"
    folder.mkdir(parents=True)
    marker = tmp_path / "code-ran"
    plant(folder, Planted(marker))
    folder.chmod(mode)
    parser = FakeParser()
    cffi_cache._CachingParser(parser, folder, "salt").parse("int x;")
    assert not marker.exists() and parser.calls == 1


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to give a file to another user")
def test_a_cache_entry_owned_by_another_user_is_never_read(tmp_path):
    folder = tmp_path / "bilingual-brief" / "cffi"
    folder.mkdir(parents=True)
    for path in (folder, folder.parent):
        path.chmod(0o700)
    marker = tmp_path / "code-ran"
    plant(folder, Planted(marker))
    for entry in folder.iterdir():
        os.chown(entry, 4242, 4242)
    parser = FakeParser()
    cffi_cache._CachingParser(parser, folder, "salt").parse("int x;")
    assert not marker.exists() and parser.calls == 1


def test_the_private_cache_is_used_and_wrong_entries_fall_back(tmp_path):
    folder = tmp_path / "bilingual-brief" / "cffi"
    parser = FakeParser()
    cache = cffi_cache._CachingParser(parser, folder, "salt")
    cache.parse("int x;")
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    cache.parse("int x;")
    assert parser.calls == 1  # the second came from the cache
    plant(folder, ["not", "an", "AST"])
    cache.parse("int x;")
    assert parser.calls == 2  # a wrong-typed entry: parsed again
    for entry in folder.glob("*.pickle"):
        entry.write_bytes(b"\x80\x04truncated")
    cache.parse("int x;")
    assert parser.calls == 3


# -- Nothing outside the project ---------------------------------------------

SLUG = "jinshan-digital-transformation"


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


@pytest.mark.parametrize("slug", ["../../elsewhere/x", "/tmp/x", "a b", "a.v1", "..", "labels"])
def test_a_front_matter_slug_is_a_name_not_a_path(capsys, project_copy, tmp_path, slug):
    source = project_copy / "sources" / f"{SLUG}.txt"
    text = source.read_text(encoding="utf-8")
    source.unlink()
    (project_copy / "sources" / "draft.md").write_text(
        f"---\ntitle: 標題\nslug: '{slug}'\n---\n\n{text}", encoding="utf-8")
    outside = files_under(tmp_path) - files_under(project_copy)
    for command in (["build", "--edition", "zh-Hans"], ["update"], ["extract"]):
        status, _, err = run(capsys, project_copy, *command)
        assert status == 2, err
        assert err.startswith(f"{project_copy / 'sources' / 'draft.md'}:") and "source:" in err
    assert files_under(tmp_path) - files_under(project_copy) == outside
    assert not (project_copy / "dist").exists()


def test_two_versions_of_a_file_name_are_refused_not_overwritten(capsys, project_copy):
    source = project_copy / "sources" / f"{SLUG}.txt"
    source.rename(project_copy / "sources" / "a.v1.txt")
    status, _, err = run(capsys, project_copy, "build", "--edition", "zh-Hans")
    assert status == 2 and "a.v1.txt" in err and "rename" in err and "'a-v1'" in err


def test_an_xliff_original_is_a_name_not_a_path(capsys, project_copy, tmp_path):
    status, _, _ = run(capsys, project_copy, "export", "--format", "xliff", "-o", str(tmp_path))
    assert status == 0
    xlf = tmp_path / f"{SLUG}.en.xlf"
    victim = tmp_path / "victim.po"
    victim.write_text("untouched", encoding="utf-8")
    text = xlf.read_text(encoding="utf-8")
    xlf.write_text(text.replace(f'original="{SLUG}"', 'original="../../../../victim"'),
                   encoding="utf-8")
    status, _, err = run(capsys, project_copy, "import", str(xlf))
    assert status == 2 and str(xlf) in err and "catalog" in err
    assert victim.read_text(encoding="utf-8") == "untouched"


def test_symlinks_out_of_the_project_are_refused(capsys, project_copy, tmp_path):
    secret = tmp_path / "secret.po"
    secret.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      'msgid "x"\nmsgstr "SECRET"\n', encoding="utf-8")
    catalog = project_copy / "locales" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog.unlink()
    catalog.symlink_to(secret)
    for command in (["build", "--profile", "archive"], ["status"], ["check"], ["update"]):
        status, _, err = run(capsys, project_copy, *command)
        assert status == 2 and "outside the project" in err, (command, err)
    assert not any((project_copy / "dist").glob("*.pdf")) if (project_copy / "dist").exists() else True
    source = project_copy / "sources" / "linked.txt"
    source.symlink_to(tmp_path / "secret.po")
    catalog.unlink()
    status, _, err = run(capsys, project_copy, "build", "--edition", "zh-Hans")
    assert status == 2 and "linked.txt" in err and "outside the project" in err


# -- Nothing runs: what a translation or a template reaches ------------------

def edit_labels(project: Path, old: str, new: str) -> None:
    path = project / "locales" / "en" / "LC_MESSAGES" / "labels.po"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def listener():
    """A web server on 127.0.0.1 that records every request it gets."""
    import http.server
    import threading

    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { display: none }")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


def test_a_translated_label_cannot_break_out_of_css(capsys, project_copy, listener):
    url, requests = listener
    # In the .po: a newline and a quote (escaped, as gettext writes them), then CSS.
    hostile = (f'Page {{page}} of {{pages}}\\n\\"}} @import url({url}/a.css); '
               f'.masthead {{ display: none }} @page {{ background: url(file:///etc/passwd) }}')
    edit_labels(project_copy, 'msgstr "Page {page} of {pages}"', f'msgstr "{hostile}"')
    status, _, err = run(capsys, project_copy, "build", "--edition", "en", "--allow-incomplete")
    assert status == 1 and "check errors" in err, err  # withheld: a draft stands in
    assert requests == []
    text = pdf_text(project_copy / "dist" / f"{SLUG}.en.draft.pdf")
    assert "Shanghai Digital Brief" in text  # the masthead is still there


def test_the_pdf_fetches_nothing_outside_the_templates(capsys, project_copy, listener):
    url, requests = listener
    template = project_copy / "templates" / "brief.html"
    html = template.read_text(encoding="utf-8")
    template.write_text(html.replace(
        '<link rel="stylesheet" href="brief.css">',
        f'<link rel="stylesheet" href="brief.css"><link rel="stylesheet" href="{url}/x.css">'
        '<link rel="stylesheet" href="file:///etc/passwd"><img src="../sources/x.png">'), "utf-8")
    status, _, err = run(capsys, project_copy, "build", "--edition", "zh-Hans")
    assert status == 0, err
    assert requests == []
    assert "Shanghai Digital Brief" in pdf_text(project_copy / "dist" / f"{SLUG}.zh-Hans.pdf")


def test_a_missing_stylesheet_is_an_error_naming_it(capsys, project_copy):
    """(A file of the design the project lacks comes from the packaged
    design; a stylesheet neither has is an error.)"""
    page = project_copy / "templates" / "brief.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="brief.css"',
                                                             'href="house.css"'), "utf-8")
    status, _, err = run(capsys, project_copy, "build", "--edition", "zh-Hans")
    assert status == 2 and "house.css" in err and "config:" in err
    assert not (project_copy / "dist").exists() or not any((project_copy / "dist").glob("*.pdf"))


def test_broken_label_placeholders_fail_check_and_withhold_the_edition(capsys, project_copy):
    edit_labels(project_copy, 'msgstr "Page {page} of {pages}"', 'msgstr "Page {page of {pagez}"')
    status, out, _ = run(capsys, project_copy, "check")
    assert status == 1 and "labels.po:" in out and "placeholders" in out
    status, _, err = run(capsys, project_copy, "build", "--edition", "en")
    assert status == 1 and "en edition not built" in err and "check errors" in err
    assert not (project_copy / "dist" / f"{SLUG}.en.pdf").exists()


# -- Catalogs always readable ------------------------------------------------

SEPARATORS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def msgfmt_accepts(path: Path) -> bool:
    import subprocess

    return subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
                          capture_output=True).returncode == 0


@pytest.mark.parametrize("separator", SEPARATORS)
def test_a_line_separator_in_a_source_never_breaks_a_catalog(capsys, project_copy, separator):
    source = project_copy / "sources" / f"{SLUG}.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("金山將以轉", f"金山將{separator}以轉", 1), encoding="utf-8")
    assert run(capsys, project_copy, "update")[0] == 0
    for command in (["status"], ["check"], ["update"]):
        status, _, err = run(capsys, project_copy, *command)
        assert status in (0, 1) and "catalog:" not in err, (command, err)
    for po in (project_copy / "locales").rglob("*.po"):
        assert separator not in po.read_text(encoding="utf-8")
        assert msgfmt_accepts(po), po


@pytest.mark.parametrize("separator", SEPARATORS)
def test_a_line_separator_in_a_translation_is_kept_escaped(capsys, project_copy, separator):
    from toolkit.catalogs.po import read_catalog

    po = project_copy / "locales" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Shanghai Digital Brief"' not in text
    text = text.replace('msgstr "By {reporter}"', 'msgstr "By {reporter}"', 1)
    # a translator's editor wrote the character raw inside a translation
    first = text.index('msgstr "', text.index("msgctxt \"title\""))
    text = text[:first + 8] + separator + text[first + 8:]
    po.write_text(text, encoding="utf-8")
    assert run(capsys, project_copy, "update")[0] == 0
    written = po.read_text(encoding="utf-8")
    assert separator not in written and msgfmt_accepts(po)
    title = next(m for m in read_catalog(po, "en") if m.context == "title")
    assert title.string.startswith(separator)
    assert run(capsys, project_copy, "status")[0] == 0


@pytest.mark.parametrize("charset", ["latin-1", "ascii", "big5", "CHARSET"])
def test_catalogs_are_written_in_utf8_whatever_the_header_says(capsys, project_copy, charset):
    from toolkit.catalogs.po import read_catalog

    po = project_copy / "locales" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("charset=utf-8", f"charset={charset}", 1), encoding="utf-8")
    status, _, err = run(capsys, project_copy, "update")
    assert status == 0, err
    written = po.read_text(encoding="utf-8")
    assert "charset=utf-8" in written and "\\u" not in written and "金山" in written
    assert len(read_catalog(po, "en")) > 10


def test_gettext_escapes_are_read_as_msgfmt_reads_them(capsys, project_copy):
    from toolkit.catalogs.po import read_catalog

    edit_labels(project_copy, 'msgstr "{language} edition"', 'msgstr "{language} \\105d\\x69tion"')
    labels = project_copy / "locales" / "en" / "LC_MESSAGES" / "labels.po"
    assert msgfmt_accepts(labels)
    status, _, err = run(capsys, project_copy, "build", "--edition", "en")
    assert status == 0, err
    assert "English Edition" in pdf_text(project_copy / "dist" / f"{SLUG}.en.pdf")
    assert run(capsys, project_copy, "update")[0] == 0  # and back: nothing doubled
    assert "\\\\x" not in labels.read_text(encoding="utf-8")
    message = next(m for m in read_catalog(labels, "en") if m.id == "{language}版")
    assert message.string == "{language} Edition"


# -- No lost work ------------------------------------------------------------

def test_a_save_during_update_is_never_overwritten(capsys, project_copy, monkeypatch):
    from toolkit.workflow import update as workflow

    po = project_copy / "locales" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    source = project_copy / "sources" / f"{SLUG}.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("金山將以", "金山將要以", 1),
                      encoding="utf-8")
    merge = workflow.merge

    def merge_while_the_translator_saves(old, pot, cutoff):
        merged = merge(old, pot, cutoff)
        if old.domain == SLUG:  # the translator's editor saves now
            po.write_text(po.read_text(encoding="utf-8") + "\n# translator's save\n", "utf-8")
        return merged

    monkeypatch.setattr(workflow, "merge", merge_while_the_translator_saves)
    status, _, err = run(capsys, project_copy, "update")
    assert status == 2 and f"{po}:" in err and "changed on disk" in err
    assert po.read_text(encoding="utf-8").endswith("# translator's save\n")
    assert not list(po.parent.glob(".*.tmp"))


def test_workers_die_with_a_killed_parent(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        "import concurrent.futures, multiprocessing, os, time\n"
        "from toolkit.pdf.workers import die_with_parent\n"
        "pool = concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("
        "'fork'), initializer=die_with_parent)\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "pool.submit(time.sleep, 60)\n"
        "time.sleep(60)\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parent.parent)
    worker = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    for _ in range(50):
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            break
        try:  # a zombie of ours is dead too
            if Path(f"/proc/{worker}/stat").read_text().split()[2] == "Z":
                break
        except OSError:
            break
        time.sleep(0.1)
    else:
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the worker outlived its parent")


def test_abandoned_temporary_files_are_removed_never_a_running_writers(capsys, project_copy):
    dist = project_copy / "dist"
    dist.mkdir()
    abandoned = dist / f".{SLUG}.zh-Hans.pdf.999999999.x1.tmp"
    running = dist / f".{SLUG}.zh-Hans.pdf.{os.getpid()}.x2.tmp"
    abandoned.write_bytes(b"half")
    running.write_bytes(b"half")
    status, _, err = run(capsys, project_copy, "build", "--edition", "zh-Hans")
    assert status == 0, err
    assert not abandoned.exists() and running.exists()


# -- Clean failures: one line, exit 2 ----------------------------------------

def _source(project):
    return project / "sources" / f"{SLUG}.txt"


def _draft(project, front_matter):
    _source(project).unlink()
    path = project / "sources" / "draft.md"
    path.write_text(f"---\n{front_matter}---\n\n段落。\n", encoding="utf-8")
    return path


def _alias_bomb(project):
    lines = ['title: x', 'q: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return _draft(project, "\n".join(lines) + "\n")


def _append(path: Path, data: str | bytes) -> None:
    with path.open("ab") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


def _replace_by_folder(path: Path) -> None:
    if path.exists():
        path.unlink()
    path.mkdir()


ALL, BUILD_AND_UPDATE = (["build"], ["update"], ["check"]), (["build"], ["update"])
FAILURES = {
    "NUL byte": (lambda p: _append(_source(p), b"\x00abc"), "source", ":16:", ALL),
    "bad date": (lambda p: _draft(p, "title: t\ndate: 2021-13-45\n"), "source", ":3:", ALL),
    "list title": (lambda p: _draft(p, "title: [1, 2]\n"), "source", ":2:", ALL),
    "alias bomb": (_alias_bomb, "source", "aliases", ALL),
    "catalog folder": (lambda p: _replace_by_folder(p / "locales/en/LC_MESSAGES" / f"{SLUG}.po"),
                       "catalog", "folder", ALL),
    "no template": (lambda p: (p / "templates/chinese.html").write_text(
        '{% extends "house.html" %}', encoding="utf-8"), "config", "house.html",
        (["build"],)),
    "template syntax": (lambda p: _append(p / "templates/brief.html", "{% if %}\n"),
                        "config", "brief.html:", (["build"], ["extract"])),
    "settings folder": (lambda p: _replace_by_folder(p / "toolkit.toml"), "config",
                        "toolkit.toml", ALL),
    "glossary folder": (lambda p: _replace_by_folder(p / "locales/en/glossary.tsv"), "config",
                        "glossary", (["build"], ["check"])),
    "output is a file": (lambda p: (p / "dist").write_text("x"), "io", "dist", (["build"],)),
    "slow pattern": (lambda p: (_append(p / "toolkit.toml", 'boilerplate = ["(a|aa)+$"]\n'),
                                _append(_source(p), "\n" + "a" * 40 + "!\n")),
                     "config", "(a|aa)+$", ALL),
    # round two (issue 21): these were tracebacks with exit 1
    "sidecar month 13": (lambda p: _append(p / "sources" / f"{SLUG}.meta.toml",
                                           "\n[dateline]\nmonth = 13\nday = 40\n"),
                         "config", "dateline.month must be 1 to 12", ALL),
    "sidecar 30 February": (lambda p: _append(p / "sources" / f"{SLUG}.meta.toml",
                                              "\n[dateline]\nmonth = 2\nday = 30\n"),
                            "config", "dateline.day must be 1 to 29", ALL),
    "undefined in a template": (lambda p: _edit(p / "templates/chinese.html", "{{ zh(date.zh) }}",
                                                "{{ no_such_variable }}"),
                                "config", "chinese.html:6:", (["build"],)),
    "binary template": (lambda p: (p / "templates/macros.html").write_bytes(
                            b"\x7fELF\x02\x01\x01\x00" + bytes(range(256))),
                        "config", "macros.html", (["build"], ["extract"])),
    "not XLIFF": (lambda p: (p / "other.xlf").write_text('<?xml version="1.0"?><root/>'),
                  "catalog", "other.xlf:1:", (["import", "other.xlf"],)),
    "rot13": (lambda p: None, "source", "'rot13' is not a text encoding",
              (["convert", "--encoding", "rot13", f"sources/{SLUG}.txt"],)),
    "sidecar folder": (lambda p: _replace_by_folder(p / "sources" / f"{SLUG}.meta.toml"),
                       "config", "is a folder, not a sidecar", ALL),
    "source too big": (lambda p: _append(p / "toolkit.toml", "max_source_mb = 0.001\n"),
                       "source", "more than [project] max_source_mb = 0.001", ALL),
}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_bad_input_is_one_located_line_and_exit_2(capsys, project_copy, case):
    setup, category, detail, commands = FAILURES[case]
    setup(project_copy)
    for command in commands:
        status, out, err = run(capsys, project_copy, *command)
        assert status == 2, (command, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in err, err
        assert f" {category}: " in lines[0] and detail in lines[0], lines[0]


def test_utf16_without_a_byte_order_mark_reads(capsys, project_copy):
    text = _source(project_copy).read_text(encoding="utf-8")
    _source(project_copy).write_bytes(text.encode("utf-16-be"))
    status, out, err = run(capsys, project_copy, "convert", str(_source(project_copy)))
    assert status == 0 and out.startswith("加快转型升级"), err


# -- Properties: whatever the text, the commands fail cleanly and lose nothing --

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

HOSTILE = st.lists(st.sampled_from(
    ["轉", "區", "網", "。", "，", "\n", "\n\n", " ", "a", "(", ")", "{", "}", '"', "\\", "<", ">",
     "&", "%", "#", "~", "|", "｜", ">>", "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028",
     "\u2029", "\ufffd", "\u200b", "\ud7ff", "\U0001f600", "責任編輯：", "人民網上海7月21日電",
     "msgid", "---\n", "${x}", "{{ 1 }}", "{% if %}", "url(http://127.0.0.1:9/x)"])
    | st.characters(), max_size=60).map("".join)


def _catalogs_readable_and_translations_kept(project: Path, before: dict) -> None:
    from toolkit.catalogs.po import read_catalog

    for po in (project / "locales").rglob("*.po"):
        catalog = read_catalog(po, "en")
        kept = {m.string for m in [*catalog, *catalog.obsolete.values()] if m.id and m.string}
        assert before.get(po, set()) <= kept, po


def _translations(project: Path) -> dict:
    from toolkit.catalogs.po import read_catalog

    found = {}
    for po in (project / "locales").rglob("*.po"):
        catalog = read_catalog(po, "en")
        found[po] = {m.string for m in catalog if m.id and m.string}
    return found


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(article=HOSTILE, translation=HOSTILE)
def test_any_text_fails_cleanly_and_loses_no_translation(capsys, project_copy, article, translation):
    """Read → update → check on a hostile article and a hostile translation:
    exit 0, 1 or 2 only, never a traceback, nothing written outside the
    project, every catalog readable after, no translation lost."""
    import shutil

    work = project_copy.parent / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(project_copy, work)
    (work / "sources" / "hostile.txt").write_text(article, encoding="utf-8", errors="surrogatepass")
    po = work / "locales" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    text = po.read_text(encoding="utf-8")
    escaped = translation.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    first = text.index('msgstr "', text.index('msgctxt "title"'))
    po.write_text(text[:first + 8] + escaped + text[first + 8:], encoding="utf-8",
                  errors="surrogatepass")
    try:
        before = _translations(work)
    except Exception:
        before = None  # the hostile translation made the catalog unreadable: update must say so
    outside = {p for p in project_copy.parent.iterdir()}
    for command in (["update"], ["check"], ["status"], ["convert", str(work / "sources" / "hostile.txt")]):
        try:
            status = main(["-C", str(work), *command])
        except SystemExit as exit:  # argparse
            status = exit.code
        out, err = capsys.readouterr()
        assert status in (0, 1, 2), (command, err)
        assert "Traceback" not in err
        if status == 2:
            assert len(err.strip().splitlines()) == 1, err
    assert {p for p in project_copy.parent.iterdir()} == outside
    if before is not None:
        _catalogs_readable_and_translations_kept(work, before)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(article=HOSTILE)
def test_any_text_builds_or_fails_cleanly(capsys, project_copy, article):
    from pypdf import PdfReader

    source = project_copy / "sources" / "hostile.txt"
    source.write_text(article, encoding="utf-8", errors="surrogatepass")
    dist = project_copy / "dist"
    status = main(["-C", str(project_copy), "build", str(source), "--edition", "zh-Hans",
                   "--edition", "bilingual", "--allow-incomplete"])
    _, err = capsys.readouterr()
    # (1: the bilingual edition withheld, a draft standing in for it)
    assert status in (0, 1, 2) and "Traceback" not in err, err
    if status != 2:
        pdf = dist / "hostile.zh-Hans.pdf"
        assert len(PdfReader(pdf).pages) >= 1
    assert all(p.parent == dist for p in dist.rglob("*")) if dist.exists() else True


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=HOSTILE, body=HOSTILE, markup=st.sampled_from(
    ["<p>{}</p>", "<ruby>{}<rt>{}</rt></ruby>", "<div>{}<br>{}</div>", "<h1>{}</h1><p>{}</p>",
     "<meta charset='{}'>", "<![CDATA[{}]]>", "<script>{}</script>", "{}<p>{}"]))
def test_any_saved_page_reads_or_fails_cleanly(capsys, project_copy, title, body, markup):
    page = project_copy / "sources" / "page.html"
    content = markup.replace("{}", body, 1).replace("{}", title)
    page.write_text(f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
                    f"{content}<p>{body}{body}</p></body></html>", encoding="utf-8",
                    errors="surrogatepass")
    status = main(["-C", str(project_copy), "convert", str(page)])
    _, err = capsys.readouterr()
    assert status in (0, 2) and "Traceback" not in err, err
    if status == 2:
        assert len(err.strip().splitlines()) == 1 and "page.html" in err, err


# -- Caches that cannot run anyone's code (issue 21) ---------------------------

@pytest.mark.parametrize("planted, runs", [
    ("this user's own", True),  # the control: a well-formed entry of ours is used
    ("writable by others", False),
    ("another user's", False),
    ("a symlink", False),
])
def test_a_compiled_template_is_read_only_when_it_is_this_users_alone(tmp_path, monkeypatch,
                                                                      planted, runs):
    """Jinja2's bytecode cache is a pickle: an entry someone else could have
    written is never read (opened first, then checked on the open file)."""
    from jinja2.bccache import bc_magic

    from support import ROOT
    from toolkit.render.templates import make_environment

    if planted == "another user's" and os.getuid() != 0:
        pytest.skip("needs root to give a file to another user")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    make_environment(ROOT / "templates").get_template("macros.html")  # compiled and kept
    (entry,) = (tmp_path / "cache" / "bilingual-brief" / "jinja").glob("__jinja2_*.cache")
    marker = tmp_path / "code-ran"
    payload = bc_magic + pickle.dumps(Planted(marker))
    if planted == "a symlink":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.write_bytes(payload)
        entry.unlink()
        entry.symlink_to(elsewhere)
    else:
        entry.write_bytes(payload)
        entry.chmod(0o666 if planted == "writable by others" else 0o600)
        if planted == "another user's":
            os.chown(entry, 4242, 4242)
    make_environment(ROOT / "templates").get_template("macros.html")
    assert marker.exists() == runs


def test_cache_folders_are_made_private_whatever_the_umask(tmp_path, monkeypatch):
    from toolkit import cache

    base = tmp_path / "new" / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(base))
    old = os.umask(0)
    try:
        assert cache.private_folder(cache.cache_dir("labels"))
    finally:
        os.umask(old)
    for folder in (tmp_path / "new", base, base / "bilingual-brief",
                   base / "bilingual-brief" / "labels"):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder


# -- No traceback, whatever the sidecar, template or exchange file (issue 21) --

_TOML_VALUES = st.one_of(
    st.integers(-10**12, 10**12), st.booleans(), st.text(max_size=30), st.floats(),
    st.dates().map(str), st.lists(st.integers(-40, 40), max_size=3),
    st.dictionaries(st.sampled_from(["agency", "place", "month", "day", "reporter", "x"]),
                    st.one_of(st.integers(-40, 40), st.text(max_size=8)), max_size=4))


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if value == value and abs(value) != float("inf") else "nan"
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["date", "publication", "url", "author", "short_title",
                                        "title", "dateline", "drop", "headings", "other"]),
                       _TOML_VALUES, max_size=5) | st.binary(max_size=60).map(lambda b: b))
def test_any_sidecar_is_read_or_refused_in_one_line(capsys, project_copy, fields):
    sidecar = project_copy / "sources" / f"{SLUG}.meta.toml"
    if isinstance(fields, bytes):
        sidecar.write_bytes(fields)
    else:
        sidecar.write_text("".join(f"{k} = {_toml(v)}\n" for k, v in fields.items()),
                           encoding="utf-8")
    status, _, err = run(capsys, project_copy, "convert", f"sources/{SLUG}.txt")
    assert status in (0, 2) and "Traceback" not in err, err
    assert status == 0 or len(err.strip().splitlines()) == 1, err


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: f'<?xml version="1.0"?><xliff version="1.2">{t}'),
    st.builds(lambda unit, target: (
        '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f'<file original="{SLUG}" source-language="zh-CN" target-language="en" datatype="po">'
        f'<body><trans-unit id="{unit}"><source>{unit}</source><target>{target}</target>'
        '</trans-unit></body></file></xliff>'),
        st.text(alphabet="abc&<>;\"'", max_size=10), st.text(max_size=20))))
def test_any_exchange_file_is_imported_or_refused_in_one_line(capsys, project_copy, data):
    path = project_copy / "in.xlf"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    po = project_copy / "locales" / "en" / "LC_MESSAGES" / f"{SLUG}.po"
    before = po.read_bytes()
    status, _, err = run(capsys, project_copy, "import", "in.xlf")
    assert status in (0, 1, 2) and "Traceback" not in err, err
    assert status == 0 or len(err.strip().splitlines()) == 1, err
    if status == 2:
        assert po.read_bytes() == before  # refused: nothing written


def _template_edit_builds_or_is_refused(capsys, project, text: str) -> tuple[int, str]:
    template = project / "templates" / "chinese.html"
    original = template.read_text(encoding="utf-8")
    template.write_text(original.replace("{% block date %}", "{% block date %}" + text, 1),
                        encoding="utf-8")
    try:
        status, _, err = run(capsys, project, "build", "--quiet", "--force", "--edition",
                             "zh-Hans")
    finally:
        template.write_text(original, encoding="utf-8")
    assert status in (0, 2) and "Traceback" not in err, err
    problems = [line for line in err.strip().splitlines() if not line.startswith("built ")]
    assert status == 0 or len(problems) == 1, err
    return status, err


@pytest.mark.parametrize("text", ["{{ nothing.there }}", "{{ 1 / 0 }}", "{% include 'nope.html' %}",
                                  "{{ x | nofilter }}", "{% for x in 3 %}{% endfor %}",
                                  "{{ title.zh.nope() }}", "{{ '%d' % 'x' }}"])
def test_a_template_that_fails_is_refused_in_one_line(capsys, project_copy, text):
    status, err = _template_edit_builds_or_is_refused(capsys, project_copy, text)
    assert status == 2 and ("chinese.html" in err or "nope.html" in err)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("{}%#()|.'\"abc 1/+-*~\n")), max_size=40))
def test_any_template_edit_builds_or_is_refused_in_one_line(capsys, project_copy, text):
    _template_edit_builds_or_is_refused(capsys, project_copy, text)



# -- Bounded work (issue 21) -----------------------------------------------

def test_user_patterns_share_a_budget_per_article(capsys, project_copy, monkeypatch):
    """Each line has its limit, and the whole article one too: a pattern a
    little slow on each of many lines cannot run a build for minutes."""
    from toolkit import patterns

    source = project_copy / "sources" / f"{SLUG}.txt"
    _append(project_copy / "toolkit.toml", 'boilerplate = ["(a|aa)+b"]\n')
    _append(source, "".join("\n" + "a" * 18 + "!\n" for _ in range(40)))
    status, _, err = run(capsys, project_copy, "convert", f"sources/{SLUG}.txt")
    assert status == 0, err  # within the budget
    monkeypatch.setattr(patterns, "ARTICLE_BUDGET", 0.002)
    status, _, err = run(capsys, project_copy, "convert", f"sources/{SLUG}.txt")
    assert status == 2 and len(err.strip().splitlines()) == 1, err
    assert "(a|aa)+b" in err and "took over 0.002 s on this article" in err


@pytest.mark.parametrize("paragraphs, whole", [(400, True), (1500, False)])
def test_a_deeply_nested_page_is_read_whole_or_refused(tmp_path, paragraphs, whole):
    from toolkit.errors import SourceError
    from toolkit.read import load_article

    page = tmp_path / "deep.html"
    page.write_text("<html><head><title>标题</title></head><body><h1>深层页面的标题</h1>"
                    + "".join(f"<p><font>这是第{i}个段落，内容足够长以便被识别为正文。"
                              for i in range(paragraphs)) + "</body></html>", encoding="utf-8")
    if whole:
        text = "".join(block.text for block in load_article(page).blocks)
        assert all(f"第{i}个段落" in text for i in range(paragraphs))  # none cut
    else:
        with pytest.raises(SourceError) as error:
            load_article(page)
        assert "nested" in str(error.value) and str(page) in str(error.value)



def test_a_source_with_a_bad_name_fails_alone(capsys, project_copy):
    """The others are built; that one is named with the way out."""
    sources = project_copy / "sources"
    (sources / "a bad name.txt").write_bytes((sources / f"{SLUG}.txt").read_bytes())
    status, _, err = run(capsys, project_copy, "build", "--quiet", "--edition", "zh-Hans")
    assert status == 2 and "'a bad name' cannot be an article's name" in err
    assert (project_copy / "dist" / f"{SLUG}.zh-Hans.pdf").is_file()


def test_an_edit_made_at_the_rename_is_never_overwritten(tmp_path, monkeypatch):
    """The check is made again at the rename itself: the new file is
    exchanged with the old and what came out is compared with what was read;
    an edit that came in between goes back in place, and with it every file
    of the set already placed."""
    from toolkit import files
    from toolkit.errors import ChangedOnDisk

    first, second = tmp_path / "a.po", tmp_path / "b.po"
    first.write_bytes(b"a as read")
    second.write_bytes(b"b as read")
    exchange = files._exchange

    def an_editor_saves_first(tmp, path):
        if path == second:
            path.write_bytes(b"b as the editor saved it")
        return exchange(tmp, path)

    monkeypatch.setattr(files, "_exchange", an_editor_saves_first)
    with pytest.raises(ChangedOnDisk) as refused:
        files.write_all_atomic([(first, b"a new", b"a as read"), (second, b"b new", b"b as read")])
    assert str(second) in str(refused.value)
    assert second.read_bytes() == b"b as the editor saved it"
    assert first.read_bytes() == b"a as read"  # all or none
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po", "b.po"]  # no temporary left
    # unhindered, both go in
    monkeypatch.setattr(files, "_exchange", exchange)
    files.write_all_atomic([(first, b"a new", b"a as read"),
                            (second, b"b new", b"b as the editor saved it")])
    assert (first.read_bytes(), second.read_bytes()) == (b"a new", b"b new")
    # a file meant to be new is not put over one that appeared meanwhile
    fresh = tmp_path / "c.po"
    link = os.link

    def one_appears(source, target):
        Path(target).write_bytes(b"made meanwhile")
        return link(source, target)

    monkeypatch.setattr(files.os, "link", one_appears)
    with pytest.raises(ChangedOnDisk):
        files.write_atomic(fresh, b"c new", expected=None)
    assert fresh.read_bytes() == b"made meanwhile"


def test_a_full_disk_is_one_line_naming_the_file(capsys, project_copy, monkeypatch):
    """A write the disk refuses names the file meant, as the project names it
    (not the temporary file beside it), exit 2, and leaves nothing behind."""
    import tempfile

    mkstemp = tempfile.mkstemp

    def on_a_full_disk(*args, dir=None, **kwargs):
        fd, name = mkstemp(*args, dir=dir, **kwargs)
        if Path(dir).name == "dist":  # its writes fail as on a full disk
            os.close(fd)
            fd = os.open("/dev/full", os.O_WRONLY)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", on_a_full_disk)
    monkeypatch.chdir(project_copy)
    status, out, err = cli(capsys, "build", "--edition", "zh-Hans")
    assert status == 2
    assert err.strip().splitlines() == [
        f"dist/{SAMPLE_SLUG}.zh-Hans.pdf: io: cannot write: No space left on device"]
    assert not list((project_copy / "dist").glob(".*.tmp"))
