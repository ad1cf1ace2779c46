"""Editions as values, derived from the settings; the gate as a plan (issue 11)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import SAMPLE_SLUG, run
from toolkit.editions import PAIRED, TRANSLATED, choose, project_editions


def test_locales_give_the_editions():
    names = [e.name for e in project_editions(("en",))]
    assert names == ["zh-Hans", "en", "bilingual"]
    editions = project_editions(("en", "fr", "pt_BR"))
    assert [e.name for e in editions] == ["zh-Hans", "en", "fr", "pt_BR", "bilingual",
                                          "bilingual-fr", "bilingual-pt_BR"]
    fr = editions[2]
    assert (fr.kind, fr.lang, fr.date_locale, fr.locale) == (TRANSLATED, "fr", "fr", "fr")
    pair = editions[-1]
    assert (pair.kind, pair.lang, pair.locale, pair.template) == (PAIRED, "zh-Hans", "pt_BR",
                                                                  "paired.html")
    with pytest.raises(ValueError, match="no edition 'de'.*zh-Hans, en"):
        choose(project_editions(("en",)), ("de",))


def test_an_unknown_edition_is_a_usage_error(capsys, project_copy):
    status, _, err = run(capsys, project_copy, "build", "--edition", "fr")
    assert status == 2 and "no edition 'fr'" in err and "bilingual" in err


def _second_article(project: Path) -> None:
    source = project / "sources" / f"{SAMPLE_SLUG}.txt"
    (project / "sources" / "second.txt").write_bytes(source.read_bytes())
    (project / "sources" / "second.meta.toml").write_bytes(
        (project / "sources" / f"{SAMPLE_SLUG}.meta.toml").read_bytes())


def test_a_label_only_the_paired_edition_uses_withholds_only_it(capsys, project_copy):
    """The gate no longer depends on rendering order: blanking the paired
    edition's name withholds the paired editions of every article, naming
    labels.po, and no translated edition."""
    _second_article(project_copy)
    assert run(capsys, project_copy, "update")[0] == 0
    second_po = project_copy / "locales/en/LC_MESSAGES/second.po"
    first_po = project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    second_po.write_bytes(first_po.read_bytes().replace(
        f"Messages of '{SAMPLE_SLUG}'".encode(), b"Messages of 'second'"))
    labels = project_copy / "locales/en/LC_MESSAGES/labels.po"
    # a label of the project's own paired template, that no catalog translates
    paired = project_copy / "templates" / "paired.html"
    paired.write_text(paired.read_text(encoding="utf-8").replace(
        '{% block date %}', '{% block date %}{{ tr_("对照参考") }} ', 1), encoding="utf-8")
    assert run(capsys, project_copy, "update")[0] == 0
    status, out, err = run(capsys, project_copy, "build")
    assert status == 1
    withheld = [line for line in err.splitlines() if "not built" in line]
    assert len(withheld) == 2 and all(line.startswith(f"{labels}:") for line in withheld)
    assert all("bilingual edition not built: 1 template labels not translated" in line
               for line in withheld)
    for slug in (SAMPLE_SLUG, "second"):
        assert (project_copy / "dist" / f"{slug}.en.pdf").exists()
        assert not (project_copy / "dist" / f"{slug}.bilingual.pdf").exists()


def test_a_second_locale_gives_its_editions_with_no_code_change(capsys, project_copy):
    from pypdf import PdfReader

    settings = project_copy / "toolkit.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'locales = ["en"]', 'locales = ["en", "fr"]'), encoding="utf-8")
    assert run(capsys, project_copy, "update", "--locale", "fr")[0] == 0
    po = project_copy / "locales/fr/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgctxt "title"\nmsgid "加快转型升级 助力“三个湾区”，金山区召开城市数字化转型推进大会"\nmsgstr ""',
                        'msgctxt "title"\nmsgid "加快转型升级 助力“三个湾区”，金山区召开城市数字化转型推进大会"\n'
                        'msgstr "Jinshan accélère sa transformation numérique"')
    po.write_text(text, encoding="utf-8")
    labels = project_copy / "locales/fr/LC_MESSAGES/labels.po"
    labels.write_text(labels.read_text(encoding="utf-8").replace(
        'msgid "{language}版"\nmsgstr ""', 'msgid "{language}版"\nmsgstr "Édition en {language}"'),
        encoding="utf-8")
    status, _, err = run(capsys, project_copy, "build", "--edition", "fr", "--edition",
                         "bilingual-fr", "--allow-incomplete")
    assert status == 1 and "fr edition not built" in err, err  # drafts stand in
    fr = "".join(p.extract_text() for p in PdfReader(
        project_copy / "dist" / f"{SAMPLE_SLUG}.fr.draft.pdf").pages)
    assert "Jinshan accélère sa transformation numérique" in fr
    assert "Édition en français" in fr and "21 juillet 2021" in fr
    pair = "".join(p.extract_text() for p in PdfReader(
        project_copy / "dist" / f"{SAMPLE_SLUG}.bilingual-fr.draft.pdf").pages)
    flat = "".join(pair.split())
    assert "中法对照版" in flat and "Jinshanaccélère" in flat
    assert "2021年7月21日" in flat and "21juillet2021" in flat  # each side's dates its own
    status, _, err = run(capsys, project_copy, "build", "--edition", "fr")
    assert status == 1 and "fr edition not built" in err  # not publishable as it stands


def test_the_plan_is_a_function_of_the_snapshot(project_copy, tmp_path, monkeypatch):
    """plan(snapshot) == jobs and withheld editions, without a file touched."""
    import dataclasses

    from toolkit.pipeline.plan import plan
    from toolkit.pipeline.snapshot import read
    from toolkit.project import load_project

    project = load_project(project_copy)
    editions = project_editions(project.locales)
    snapshot = read(project, None, editions)
    out = project_copy / "nowhere"
    jobs, withheld = plan(snapshot, editions, out)
    assert [(job.edition.name, job.target.name) for job in jobs] == [
        ("zh-Hans", f"{SAMPLE_SLUG}.zh-Hans.pdf"), ("en", f"{SAMPLE_SLUG}.en.pdf"),
        ("bilingual", f"{SAMPLE_SLUG}.bilingual.pdf")]
    assert withheld == [] and not out.exists()
    # a labels catalog without the paired edition's name: only that edition waits
    labels = snapshot.catalogs["en", "labels"]
    labels.delete("中{language}对照版")
    # ...decided from the snapshot alone: the project and every cache are gone
    shutil.rmtree(project_copy)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "no-cache"))
    jobs, withheld = plan(dataclasses.replace(snapshot), editions, out)
    assert [job.edition.name for job in jobs] == ["zh-Hans", "en"]
    (held,) = withheld
    assert (held.slug, held.edition.name, held.catalog.name) == (SAMPLE_SLUG, "bilingual",
                                                                 "labels.po")
    assert [(reason.kind, reason.count) for reason in held.reasons] == [("labels", 1)]
    assert str(held) == (f"{held.catalog}: check: bilingual edition not built: 1 template "
                         "labels not translated (see toolkit update and toolkit check; "
                         "--allow-incomplete builds a draft)")
    # a draft stands in for it, under its own name, and it still counts withheld
    jobs, still = plan(snapshot, editions, out, allow_incomplete=True)
    assert [(job.target.name, job.draft) for job in jobs][-1] == (
        f"{SAMPLE_SLUG}.bilingual.draft.pdf", True) and still == withheld
    assert not project_copy.exists() and not (tmp_path / "no-cache").exists()


def test_a_kind_of_edition_is_one_template_and_one_entry(capsys, project_copy, monkeypatch):
    """A new kind of edition: its template, and its entry in editions.KINDS."""
    from pypdf import PdfReader

    from toolkit import editions

    templates = project_copy / "templates"
    (templates / "headlines.html").write_text(
        (templates / "translated.html").read_text(encoding="utf-8").replace(
            '{{ _("{language}版")|fill(language=language.tr) }}', "Headlines edition"),
        encoding="utf-8")
    monkeypatch.setattr(editions, "KINDS", (*editions.KINDS, editions.Kind(
        "headlines", per_locale=True, first_name="headlines", other_name="headlines-{locale}",
        in_translation=True)))
    status, _, err = run(capsys, project_copy, "build", "--edition", "headlines")
    assert status == 0, err
    text = "".join(p.extract_text() for p in PdfReader(
        project_copy / "dist" / f"{SAMPLE_SLUG}.headlines.pdf").pages)
    assert "Headlines edition" in text and "Jinshan" in text and "July 21, 2021" in text
