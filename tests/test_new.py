"""``toolkit new``: a desk of one's own, the design in the package (issue 29)."""
from __future__ import annotations

from support import ROOT, SAMPLE_SLUG, cli, pdf_text


def test_a_new_desk_builds_an_article_and_makes_its_catalogs(capsys, tmp_path):
    desk = tmp_path / "desk"
    status, out, _ = cli(capsys, "new", str(desk))
    assert status == 0 and "toolkit build" in out and "toolkit serve" in out
    assert sorted(p.name for p in desk.iterdir()) == [".gitignore", "locales", "sources",
                                                       "toolkit.toml"]
    assert "# opencc = " in (desk / "toolkit.toml").read_text(encoding="utf-8")
    (desk / "sources" / "brief.txt").write_bytes((ROOT / "sources" / f"{SAMPLE_SLUG}.txt")
                                                  .read_bytes())
    status, out, err = cli(capsys, "-C", str(desk), "build")
    assert status == 1 and "not started" in err  # the English waits for its catalog
    assert "加快转型升级" in pdf_text(desk / "dist" / "brief.zh-Hans.pdf")
    assert cli(capsys, "-C", str(desk), "update")[0] == 0
    assert (desk / "locales/en/LC_MESSAGES/brief.po").is_file()
    assert not (desk / "templates").exists()  # the design stays in the package


def test_a_new_desk_refuses_a_folder_that_is_not_empty(capsys, tmp_path):
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    status, _, err = cli(capsys, "new", str(tmp_path))
    assert status == 2 and "not empty" in err and len(err.strip().splitlines()) == 1
    assert cli(capsys, "new", str(tmp_path), "--force", "--templates")[0] == 0
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (tmp_path / "templates" / "brief.css").is_file()  # the design, to change


def test_the_sample_desk_builds_what_the_repository_builds(capsys, tmp_path):
    desk = tmp_path / "sample"
    assert cli(capsys, "new", str(desk), "--sample")[0] == 0
    assert cli(capsys, "-C", str(desk), "build")[0] == 0
    reference = tmp_path / "reference"
    assert cli(capsys, "-C", str(ROOT), "build", "-o", str(reference))[0] == 0
    for edition in ("zh-Hans", "en", "bilingual"):
        name = f"{SAMPLE_SLUG}.{edition}.pdf"
        assert pdf_text(desk / "dist" / name) == pdf_text(reference / name), edition


def test_the_packaged_sample_is_the_repository_sample():
    from toolkit.workflow.new import SAMPLE

    for name in (f"sources/{SAMPLE_SLUG}.txt", f"sources/{SAMPLE_SLUG}.meta.toml",
                 f"locales/en/LC_MESSAGES/{SAMPLE_SLUG}.po", "locales/en/glossary.tsv",
                 "toolkit.toml"):
        assert (SAMPLE / name).read_bytes() == (ROOT / name).read_bytes(), name


def test_the_built_wheel_installed_away_from_the_repository_makes_a_desk(tmp_path):
    """pip install of the wheel into a fresh virtual environment (its
    dependencies those of the test environment, through a .pth: no network),
    then, in a folder far from the repository: toolkit new, a saved page,
    toolkit build and toolkit update."""
    import os
    import subprocess
    import sys
    import sysconfig
    import zipfile

    out = tmp_path / "wheel"
    clean = dict(os.environ, PIP_NO_INDEX="1", PIP_NO_CACHE_DIR="1", HOME=str(tmp_path),
                 PIP_DISABLE_PIP_VERSION_CHECK="1")
    clean.pop("PYTHONPATH", None)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=300, env=clean)
    (wheel,) = out.glob("*.whl")
    assert any(n.startswith("toolkit/render/design/templates/")
               for n in zipfile.ZipFile(wheel).namelist())
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next(venv.glob("lib/python*/site-packages"))
    # the test environment's packages, not its editable toolkit (a plain path
    # entry: the .pth files of that folder, the editable finder's, are not run)
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "--quiet", "--no-deps", str(wheel)],
                   check=True, capture_output=True, timeout=300, env=clean)
    toolkit = venv / "bin" / "toolkit"
    far = tmp_path / "elsewhere"
    far.mkdir()

    def run(*argv, cwd=far):
        return subprocess.run([str(toolkit), *argv], cwd=cwd, capture_output=True, text=True,
                              env=clean, timeout=300)

    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("toolkit 0.")
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import toolkit; print(toolkit.__file__)"], capture_output=True,
                           text=True, env=clean, cwd=far)
    assert str(site) in where.stdout, where.stdout  # the wheel's toolkit, not the checkout's
    assert run("new", "desk").returncode == 0
    desk = far / "desk"
    page = ROOT / "tests" / "data" / "real_pages" / "n4k-chinese_article_001.html"
    (desk / "sources" / "page.html").write_bytes(page.read_bytes())
    built = run("build", cwd=desk)
    assert built.returncode == 1 and "not started" in built.stderr, built.stderr
    assert pdf_text(desk / "dist" / "page.zh-Hans.pdf").strip()
    assert run("update", cwd=desk).returncode == 0
    assert (desk / "locales" / "en" / "LC_MESSAGES" / "page.po").is_file()
