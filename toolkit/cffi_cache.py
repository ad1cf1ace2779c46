"""A disk cache for the C declarations cffi parses when WeasyPrint loads.

WeasyPrint declares Pango, HarfBuzz and fontconfig to cffi in ABI mode,
and cffi parses those declarations with pycparser at every start: about a
third of a second of the ~0.7 s ``import weasyprint`` takes, paid by every
``toolkit build``. The parse result depends only on the text parsed, so it
is pickled once (keyed by a hash of that text and the versions of cffi and
pycparser) and read back after. Anything unexpected — an unreadable or
stale file, a result that will not pickle, an entry of the wrong type —
falls back to parsing.

Unpickling runs code, so the cache is only read from a folder that only
this user can write: the toolkit's folders are created 0700, and they (and
every entry) must be owned by this user, not symlinks, and writable by no
one else. Anything else (a shared or planted cache folder)
means no cache, never a load.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

from pycparser import c_ast


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bilingual-brief" / "cffi"


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def private_folder(folder: Path) -> bool:
    """Make ``folder`` (0700) if need be, and say whether it and the folders
    the toolkit made above it are this user's alone."""
    ours = [folder, folder.parent]  # .../bilingual-brief/cffi
    for path in reversed(ours):
        try:
            path.mkdir(mode=0o700, exist_ok=True)
            st = os.lstat(path)
        except OSError:
            return False
        if not stat.S_ISDIR(st.st_mode) or not _private(st):
            return False
    return True


def _load(path: Path):
    """The entry at ``path`` if it is a private regular file, else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or not _private(st):
            return None
        return pickle.load(fh)


class _CachingParser:
    def __init__(self, parser, folder: Path, salt: str):
        self._parser, self._folder, self._salt = parser, folder, salt

    def parse(self, text, *args, **kwargs):
        key = hashlib.sha256((self._salt + text).encode()).hexdigest()[:40]
        path = self._folder / f"{key}.pickle"
        usable = private_folder(self._folder)
        if usable:
            try:
                ast = _load(path)
                if isinstance(ast, c_ast.FileAST):
                    return ast
            except Exception:  # truncated, from another version: parse
                pass
        ast = self._parser.parse(text, *args, **kwargs)
        if not usable:
            return ast
        try:
            data = pickle.dumps(ast, protocol=pickle.HIGHEST_PROTOCOL)
            fd, tmp = tempfile.mkstemp(dir=self._folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except Exception:  # a read-only home, an AST that will not pickle: no cache
            pass
        return ast

    def __getattr__(self, name):
        return getattr(self._parser, name)


def install(folder: Path | None = None) -> None:
    """Put the cache in front of cffi's parser (before WeasyPrint is imported)."""
    import cffi
    import pycparser
    from cffi import cparser

    if getattr(cparser, "_toolkit_cache", False):
        return
    original = cparser._get_parser
    # Everything the pickled parse depends on: the text (hashed per entry), the
    # parser's and cffi's versions, and the Python that pickles it.
    salt = (f"cffi {cffi.__version__} pycparser {pycparser.__version__} "
            f"python {sys.version_info[0]}.{sys.version_info[1]}\n")
    state: dict = {}

    def _get_parser():
        if "parser" not in state:
            state["parser"] = _CachingParser(original(), folder or cache_dir(), salt)
        return state["parser"]

    cparser._get_parser = _get_parser
    cparser._toolkit_cache = True
