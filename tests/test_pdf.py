"""The environment check and the atomic write of PDFs."""
import pytest

from toolkit.pdf import fonts
from toolkit.errors import EnvironmentProblem
from toolkit.files import write_atomic


@pytest.fixture
def fresh_check():
    fonts.check_environment.cache_clear()
    yield fonts.check_environment
    fonts.check_environment.cache_clear()


def test_environment_of_this_machine_passes(fresh_check):
    fresh_check()


def test_missing_subsetter_names_the_package(fresh_check, monkeypatch):
    from weasyprint.text import ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    with pytest.raises(EnvironmentProblem,
                       match="subsetter.*'sudo apt-get install -y libharfbuzz-subset0'"):
        fresh_check()


@pytest.mark.parametrize("missing, package", [("No Such Font CJK SC", "fonts-noto-cjk"),
                                              ("No Such Serif", "fonts-noto-core")])
def test_a_missing_face_names_the_package(fresh_check, monkeypatch, missing, package):
    """The CJK faces, and the Latin ones the English is set in (without
    them the English edition would come out in the CJK face's Latin)."""
    faces = list(fonts.FACES)
    faces[0 if "CJK" in missing else 2] = missing
    monkeypatch.setattr(fonts, "FACES", tuple(faces))
    with pytest.raises(EnvironmentProblem,
                       match=f"lacks the font '{missing}'.*'sudo apt-get install -y {package}'"):
        fresh_check()


def test_everything_missing_is_said_at_once_with_one_install_line(fresh_check, monkeypatch):
    from weasyprint.text import ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    monkeypatch.setattr(fonts, "FACES", ("No Such CJK", "Other CJK", "No Such Serif"))
    with pytest.raises(EnvironmentProblem) as said:
        fresh_check()
    assert str(said.value).count("apt-get") == 1
    assert "libharfbuzz-subset0 fonts-noto-cjk fonts-noto-core'" in str(said.value)


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")


    with pytest.raises(TypeError):
        write_atomic(target, object())  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


# -- The one extension of WeasyPrint and cffi ---------------------------------

def test_the_extension_verifies_the_upstream_functions_it_wraps():
    from toolkit.pdf import extension

    extension.install()
    extension.verify()  # after install too: the originals are what is checked


def test_a_changed_upstream_function_is_refused_naming_versions(monkeypatch):
    from toolkit.pdf import extension

    monkeypatch.setitem(extension.UPSTREAM, "weasyprint.layout.inline.text_align", "0" * 16)
    with pytest.raises(EnvironmentProblem) as error:
        extension.verify()
    assert "weasyprint 70.0" in error.value.message and "text_align" in error.value.message


def test_doctor_says_what_it_verified(capsys):
    from toolkit.cli import main

    assert main(["doctor"]) == 0
    assert "extension verified against weasyprint 70.0, cffi 2.1.1" in capsys.readouterr().out


def test_doctor_refuses_another_version_in_one_line(capsys, monkeypatch):
    from toolkit.pdf import extension
    from toolkit.cli import main

    monkeypatch.setitem(extension.UPSTREAM, "cffi.cparser._get_parser", "0" * 16)
    assert main(["doctor"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "environment:" in err and "cffi 2.1.1" in err
