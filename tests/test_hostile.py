"""Hostile input and faults: nothing escapes the project, nothing runs,
nothing is lost, every failure is one located line (issue 9)."""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pytest

from toolkit import cffi_cache
from toolkit.cli import main


def run(capsys, project, *argv):
    status = main(["-C", str(project), *argv])
    out, err = capsys.readouterr()
    return status, out, err


# -- Nothing runs: the cffi cache ------------------------------------------

class Planted:
    """A pickle that, when loaded, creates a file: proof that code ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


class FakeParser:
    def __init__(self):
        self.calls = 0

    def parse(self, text):
        from pycparser import c_ast

        self.calls += 1
        return c_ast.FileAST([])


def plant(folder: Path, payload) -> None:
    """Put ``payload`` where the cache would look for the text ``int x;``."""
    key = hashlib.sha256(("salt" + "int x;").encode()).hexdigest()[:40]
    (folder / f"{key}.pickle").write_bytes(pickle.dumps(payload))


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_a_cache_folder_others_can_write_is_never_read(tmp_path, mode):
    folder = tmp_path / "bilingual-brief" / "cffi"
    folder.mkdir(parents=True)
    marker = tmp_path / "code-ran"
    plant(folder, Planted(marker))
    folder.chmod(mode)
    parser = FakeParser()
    cffi_cache._CachingParser(parser, folder, "salt").parse("int x;")
    assert not marker.exists() and parser.calls == 1


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to give a file to another user")
def test_a_cache_entry_owned_by_another_user_is_never_read(tmp_path):
    folder = tmp_path / "bilingual-brief" / "cffi"
    folder.mkdir(parents=True)
    for path in (folder, folder.parent):
        path.chmod(0o700)
    marker = tmp_path / "code-ran"
    plant(folder, Planted(marker))
    for entry in folder.iterdir():
        os.chown(entry, 4242, 4242)
    parser = FakeParser()
    cffi_cache._CachingParser(parser, folder, "salt").parse("int x;")
    assert not marker.exists() and parser.calls == 1


def test_the_private_cache_is_used_and_wrong_entries_fall_back(tmp_path):
    folder = tmp_path / "bilingual-brief" / "cffi"
    parser = FakeParser()
    cache = cffi_cache._CachingParser(parser, folder, "salt")
    cache.parse("int x;")
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    cache.parse("int x;")
    assert parser.calls == 1  # the second came from the cache
    plant(folder, ["not", "an", "AST"])
    cache.parse("int x;")
    assert parser.calls == 2  # a wrong-typed entry: parsed again
    for entry in folder.glob("*.pickle"):
        entry.write_bytes(b"\x80\x04truncated")
    cache.parse("int x;")
    assert parser.calls == 3
