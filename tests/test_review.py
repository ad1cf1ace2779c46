"""Four states: untranslated, fuzzy, translated, approved (issue 12)."""
from __future__ import annotations

import re

from support import SAMPLE_SLUG, run
from toolkit.catalogs.po import read_catalog
from toolkit.catalogs.states import APPROVED, TRANSLATED, state

PO = f"locales/en/LC_MESSAGES/{SAMPLE_SLUG}.po"


def states(project):
    return [state(m) for m in read_catalog(project / PO, "en") if m.id]


def test_review_approves_and_an_edit_lapses_it(capsys, project_copy, monkeypatch):
    monkeypatch.setenv("TOOLKIT_REVIEWER", "Li Wei")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    status, out, err = run(capsys, project_copy, "review", "--all")
    assert status == 0 and f"{PO}: 19 approved" in out, err
    text = (project_copy / PO).read_text(encoding="utf-8")
    assert re.search(r"# approved: Li Wei 2023-11-14 [0-9a-f]{8}", text)
    assert '"Last-Translator: Li Wei' in text
    assert set(states(project_copy)) == {APPROVED}
    assert run(capsys, project_copy, "status", "--json")[1].count('"approved": 19') == 1
    # an edit to the translation lapses the approval of that message only
    po = project_copy / PO
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Shanghai"', 'msgstr "Shanghai City"', 1), encoding="utf-8")
    assert states(project_copy).count(TRANSLATED) == 1


def test_review_needs_a_reviewer_and_a_terminal(capsys, project_copy, monkeypatch):
    monkeypatch.delenv("TOOLKIT_REVIEWER", raising=False)
    status, _, err = run(capsys, project_copy, "review", "--all")
    assert status == 2 and "who reviews?" in err
    monkeypatch.setenv("TOOLKIT_REVIEWER", "Li Wei")
    status, _, err = run(capsys, project_copy, "review")  # stdin is not a terminal under pytest
    assert status == 2 and "--all" in err


def test_require_review_publishes_only_approved(capsys, project_copy, monkeypatch):
    settings = project_copy / "toolkit.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[project]", "[project]\nrequire_review = true", 1), encoding="utf-8")
    status, _, err = run(capsys, project_copy, "build", "--edition", "en")
    assert status == 1 and "19 not reviewed" in err
    monkeypatch.setenv("TOOLKIT_REVIEWER", "Li Wei")
    assert run(capsys, project_copy, "review", "--all")[0] == 0
    status, _, err = run(capsys, project_copy, "build", "--edition", "en")
    assert status == 0, err


def test_xliff_carries_approval_both_ways(capsys, project_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_REVIEWER", "Li Wei")
    assert run(capsys, project_copy, "review", "--all")[0] == 0
    assert run(capsys, project_copy, "export", "--format", "xliff", "-o", str(tmp_path))[0] == 0
    xlf = (tmp_path / f"{SAMPLE_SLUG}.en.xlf").read_text(encoding="utf-8")
    assert xlf.count('approved="yes"') == 19 and xlf.count('state="final"') == 19
    # a CAT tool signs off a revised unit: it comes back approved by the importer
    po = project_copy / PO
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Shanghai"', 'msgstr "Shanghai City"', 1), encoding="utf-8")
    assert TRANSLATED in states(project_copy)
    status, out, err = run(capsys, project_copy, "import", str(tmp_path / f"{SAMPLE_SLUG}.en.xlf"))
    assert status == 0 and "1 updated" in out, err
    assert set(states(project_copy)) == {APPROVED}


def test_review_asks_per_message_and_stops_when_told(project_copy, monkeypatch):
    """What the terminal review does, as the library sees it: yes, no, quit."""
    from toolkit.project import load_project
    from toolkit.workflow.review import review

    monkeypatch.setenv("TOOLKIT_REVIEWER", "Li Wei")
    answers = iter([True, False, True, None])
    approved = review(load_project(project_copy), decide=lambda message: next(answers))
    assert list(approved.values()) == [2]  # two yes, one no, then quit: the rest untouched
    assert states(project_copy).count(APPROVED) == 2
