"""Shared fixtures: the bundled sample project, built once per test session."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Hermetic: the suite's caches (the toolkit's private ones: cffi, labels, read
# articles), what Chromium keeps (~/.config/chromium) and Hypothesis's files
# live in a folder of this session, never in the developer's home or the
# checkout; subprocesses and workers inherit it. Set before any toolkit import.
SESSION_HOME = tempfile.mkdtemp(prefix="toolkit-tests-")
for variable, folder in (("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_DATA_HOME", "data"),
                         ("HYPOTHESIS_STORAGE_DIRECTORY", "hypothesis")):
    os.environ[variable] = os.path.join(SESSION_HOME, folder)

from support import ROOT, SAMPLE, SAMPLE_SLUG, copy_sample_project  # noqa: E402

# CI runs the same examples every time (a red CI must be reproducible);
# locally every run explores new ones. Neither keeps a database in the checkout.
settings.register_profile("ci", derandomize=True, print_blob=True, database=None)
settings.register_profile("local", database=None)
settings.load_profile("ci" if os.environ.get("CI") else "local")


def pytest_unconfigure(config):
    shutil.rmtree(SESSION_HOME, ignore_errors=True)


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
