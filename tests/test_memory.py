"""Translation memory: identical segments of other articles, one threshold (issue 12)."""
import datetime
from support import SAMPLE_SLUG, run
from toolkit.catalogs.po import read_catalog


def test_identical_segments_of_another_article_are_offered(capsys, project_copy):
    sources = project_copy / "sources"
    (sources / "copy.txt").write_bytes((sources / f"{SAMPLE_SLUG}.txt").read_bytes())
    status, _, err = run(capsys, project_copy, "update", "--tm")
    assert status == 0, err
    original = {m.id: m.string for m in read_catalog(
        project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po", "en") if m.id}
    copy = [m for m in read_catalog(project_copy / "locales/en/LC_MESSAGES/copy.po", "en") if m.id]
    assert copy and all(m.string == original[m.id] for m in copy)  # every one, 人民网 and 上海 too
    assert all(m.fuzzy and any("tm: 100% match from" in c for c in m.user_comments)
               for m in copy)  # offered, not published: a person confirms


def test_the_threshold_is_a_setting(capsys, project_copy):
    settings = project_copy / "toolkit.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "tm_threshold = 101\n", "utf-8")
    status, _, err = run(capsys, project_copy, "update", "--tm")
    assert status == 2 and "tm_threshold must be between 0 and 100" in err


def test_an_approved_identical_segment_is_applied_as_translated(capsys, project_copy, monkeypatch):
    monkeypatch.setenv("TOOLKIT_REVIEWER", "Li Wei")
    assert run(capsys, project_copy, "review", "--all")[0] == 0
    sources = project_copy / "sources"
    (sources / "copy.txt").write_bytes((sources / f"{SAMPLE_SLUG}.txt").read_bytes())
    assert run(capsys, project_copy, "update", "--tm")[0] == 0
    copy = [m for m in read_catalog(project_copy / "locales/en/LC_MESSAGES/copy.po", "en") if m.id]
    assert copy and not any(m.fuzzy for m in copy)  # reviewed text, same place: ready
    assert all(any("100% approved match" in c for c in m.user_comments) for m in copy)


def test_a_memory_never_offers_a_blank_target(capsys, project_copy):
    """An OmegaT memory may carry whitespace-only targets: never a match."""
    title = next(m for m in read_catalog(
        project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po", "en") if m.context == "title")
    memory = project_copy / "locales/en/memory"
    memory.mkdir(parents=True)
    (memory / "project_save.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
        'creationtool="OmegaT" segtype="sentence" adminlang="EN-US" datatype="plaintext" '
        'o-tmf="OmegaT TMX"/><body>'
        f'<tu><tuv xml:lang="zh-CN"><seg>{title.id}</seg></tuv>'
        '<tuv xml:lang="EN"><seg>   </seg></tuv></tu>'
        '<tu><tuv xml:lang="zh-CN"><seg>别的句子。</seg></tuv>'
        '<tuv xml:lang="EN"><seg>Another sentence.</seg></tuv></tu></body></tmx>',
        encoding="utf-8")
    (project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po").unlink()
    assert run(capsys, project_copy, "update", "--tm")[0] == 0
    catalog = read_catalog(project_copy / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po", "en")
    assert not next(m for m in catalog if m.context == "title").string.strip()
    assert all(not m.string or m.string.strip() for m in catalog if m.id)


def test_the_freshest_approved_translation_wins_and_says_others_differ():
    """A reference reworded and approved again: new articles are offered the
    new wording, not the first catalog's; approved beats translated, however
    recent; the offer says that others differ."""
    from babel.messages.catalog import Catalog

    from toolkit.catalogs.memory import Memory
    from toolkit.catalogs.states import approve

    def catalog(text, approved_on=None, revised="2026-01-01"):
        made = Catalog(locale="en", revision_date=datetime.datetime.fromisoformat(revised))
        message = made.add("金山区召开大会", text)
        if approved_on:
            approve(message, "Li Wei", approved_on)
        return made

    memory = Memory()
    memory.add_catalog(catalog("Old wording", approved_on="2025-03-01"), "first")
    memory.add_catalog(catalog("New wording", approved_on="2026-06-01"), "reworded")
    memory.add_catalog(catalog("Unreviewed", revised="2026-11-30"), "latest-draft")
    match = memory.best("金山区召开大会")
    assert (match.translation, match.origin, match.approved) == ("New wording", "reworded", True)
    assert match.note == "2 others differ: first, latest-draft"
    # without approvals, the catalog revised last
    drafts = Memory()
    drafts.add_catalog(catalog("Draft A", revised="2026-02-01"), "a")
    drafts.add_catalog(catalog("Draft B", revised="2026-05-01"), "b")
    assert drafts.best("金山区召开大会").translation == "Draft B"
    assert drafts.best("金山区召开大会会议", 50).translation == "Draft B"  # close matches too
