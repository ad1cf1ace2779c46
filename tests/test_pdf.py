"""The environment check and the atomic write of PDFs."""
import pytest

from toolkit import pdf
from toolkit.errors import EnvironmentProblem
from toolkit.files import write_atomic


@pytest.fixture
def fresh_check():
    pdf.check_environment.cache_clear()
    yield pdf.check_environment
    pdf.check_environment.cache_clear()


def test_environment_of_this_machine_passes(fresh_check):
    fresh_check()


def test_missing_subsetter_names_the_package(fresh_check, monkeypatch):
    from weasyprint.text import ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    with pytest.raises(EnvironmentProblem, match="install the Debian package libharfbuzz-subset0"):
        fresh_check()


def test_missing_cjk_font_names_the_package(fresh_check, monkeypatch):
    monkeypatch.setattr(pdf, "CJK_FONT", "No Such Font SC")
    with pytest.raises(EnvironmentProblem, match="install the Debian package fonts-noto-cjk"):
        fresh_check()


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")


    with pytest.raises(TypeError):
        write_atomic(target, object())  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
