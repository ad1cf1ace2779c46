"""The read cache: articles read once, read again when any input changes
(toolkit/readcache.py)."""
from __future__ import annotations

import pickle

import pytest

from support import SAMPLE_SLUG
from toolkit.pipeline import snapshot as reading
from toolkit.project import load_project
from toolkit.pipeline.snapshot import load_sources


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """Reads go through a counter; the cache lives in this test's folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TOOLKIT_NO_CACHE", raising=False)
    calls = []
    original = reading.load_source

    def load_source(*args, **kwargs):
        calls.append(args[1].name)
        return original(*args, **kwargs)

    monkeypatch.setattr(reading, "load_source", load_source)
    return calls


def test_an_unchanged_article_is_read_once_and_comes_back_equal(counted, project_copy):
    project = load_project(project_copy)
    first = load_sources(project)
    second = load_sources(project)
    assert counted == [f"{SAMPLE_SLUG}.txt"]
    assert second == first
    assert second[0].report() == first[0].report() and second[0].warnings() == first[0].warnings()


@pytest.mark.parametrize("edit", ["source", "sidecar", "settings", "phrases", "option"])
def test_any_changed_input_reads_again(counted, project_copy, edit):
    source = project_copy / "sources" / f"{SAMPLE_SLUG}.txt"
    phrases = project_copy / "phrases.tsv"
    phrases.write_text("金山區\t金山区\n", encoding="utf-8")
    settings = project_copy / "toolkit.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[project]", '[project]\nopencc_phrases = "phrases.tsv"'), encoding="utf-8")
    load_sources(load_project(project_copy), phrases=reading.project_phrases(
        load_project(project_copy)))
    opencc = None
    if edit == "source":
        source.write_bytes(source.read_bytes() + "補記。\n".encode())
    elif edit == "sidecar":
        sidecar = source.with_suffix(".meta.toml")
        sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(
            "金山区推进城市数字化转型", "金山区数字化转型"), encoding="utf-8")
    elif edit == "settings":  # a setting of the reading: a furniture pattern
        settings.write_text(settings.read_text(encoding="utf-8").replace(
            "[project]", '[project]\nboilerplate = ["^本报讯$"]', 1), "utf-8")
    elif edit == "phrases":
        phrases.write_text("金山區\t金山区\n數智灣區\t数智湾区\n", encoding="utf-8")
    else:
        opencc = "t2s"
    project = load_project(project_copy)
    again = load_sources(project, opencc=opencc, phrases=reading.project_phrases(project))
    assert counted == [source.name, source.name]
    if edit == "sidecar":
        assert again[0].article.short_title == "金山区数字化转型"


def test_a_cache_others_can_write_is_never_read(counted, project_copy, tmp_path):
    project = load_project(project_copy)
    load_sources(project)
    folder = tmp_path / "cache" / "bilingual-brief" / "articles"
    (entry,) = folder.glob("*.pickle")
    marker = tmp_path / "code-ran"

    class Planted:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    entry.write_bytes(pickle.dumps(Planted()))
    folder.chmod(0o777)
    load_sources(project)
    assert not marker.exists() and len(counted) == 2
    folder.chmod(0o700)
    entry.write_bytes(b"\x80\x04truncated")  # a damaged entry: read again, no error
    assert load_sources(project)[0].article.slug == SAMPLE_SLUG and len(counted) == 3


def test_errors_are_not_cached(counted, project_copy):
    from toolkit.errors import SourceError

    source = project_copy / "sources" / f"{SAMPLE_SLUG}.txt"
    source.write_bytes(b"\x00 a NUL byte is refused\n")
    for _ in range(2):
        with pytest.raises(SourceError):
            load_sources(load_project(project_copy))
    assert len(counted) == 2


def test_the_labels_an_edition_needs_follow_its_templates(project_copy, monkeypatch, tmp_path):
    """labels_required is cached by the templates' bytes: an edit is seen at once."""
    from toolkit.editions import TRANSLATED
    from toolkit.render.labels import labels_required

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = project_copy / "templates"
    first = labels_required(templates, TRANSLATED)
    assert labels_required(templates, TRANSLATED) == first  # (from the cache)
    assert list((tmp_path / "cache" / "bilingual-brief" / "labels").glob("*.pickle"))
    page = templates / "translated.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "{% endblock %}", '{{ _("新标签") }}{% endblock %}', 1), encoding="utf-8")
    assert labels_required(templates, TRANSLATED) == first | {"新标签"}


def test_settings_the_reading_does_not_use_read_nothing_again(counted, project_copy):
    """A comment, a reviewer's name, the memory's threshold: the cached
    reading stands."""
    load_sources(load_project(project_copy))
    settings = project_copy / "toolkit.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[project]", "# edited\n[project]\ntm_threshold = 90", 1) + '\n[review]\nname = "Li"\n',
        "utf-8")
    load_sources(load_project(project_copy))
    assert counted == [f"{SAMPLE_SLUG}.txt"]
