"""Shared fixtures: the bundled sample project, built once per test session."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red CI must be reproducible);
# locally every run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_SLUG = "jinshan-digital-transformation"
SAMPLE = ROOT / "sources" / f"{SAMPLE_SLUG}.txt"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def copy_sample_project(root: Path) -> Path:
    """A writable copy of this repository's publishing project at ``root``
    (also for the benchmarks and docs/make_screenshots.py)."""
    root.mkdir()
    for name in ("sources", "locales", "templates"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "toolkit.toml", root / "toolkit.toml")
    return root


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A writable copy of this repository's publishing project."""
    return copy_sample_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """dist/ of the sample, built once through the library."""
    from toolkit.pipeline.build import build
    from toolkit.project import load_project

    out = tmp_path_factory.mktemp("dist")
    result = build(load_project(ROOT), out_dir=out)
    assert not result.withheld, result.withheld
    return out


@pytest.fixture(scope="session")
def article():
    """The sample article, read and converted."""
    from toolkit.project import load_project
    from toolkit.pipeline.snapshot import load_source

    return load_source(load_project(ROOT), SAMPLE).article


@pytest.fixture(scope="session")
def english():
    """The sample's English catalog."""
    from toolkit.catalogs.po import read_catalog

    return read_catalog(ROOT / "locales/en/LC_MESSAGES" / f"{SAMPLE_SLUG}.po")
