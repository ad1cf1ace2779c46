"""The sample's editions render as their golden HTML (see golden.py)."""
import pytest

from golden import GOLDEN, SLUG, rendered


@pytest.fixture(scope="module")
def html():
    return rendered()


@pytest.mark.parametrize("edition", ["zh-Hans", "en", "bilingual"])
def test_edition_renders_as_its_golden_file(html, edition):
    assert html[edition] == (GOLDEN / f"{SLUG}.{edition}.html").read_text(encoding="utf-8"), (
        "the HTML changed: review the difference, then regenerate with "
        ".venv/bin/python tests/golden.py")
