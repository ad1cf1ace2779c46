"""A disk cache for the C declarations cffi parses when WeasyPrint loads.

WeasyPrint declares Pango, HarfBuzz and fontconfig to cffi in ABI mode,
and cffi parses those declarations with pycparser at every start: about a
third of a second of the ~0.7 s ``import weasyprint`` takes, paid by every
``toolkit build``. The parse result depends only on the text parsed, so it
is pickled once (keyed by a hash of that text and the versions of cffi and
pycparser) and read back after. Anything unexpected — an unreadable or
stale file, a result that will not pickle — falls back to parsing.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bilingual-brief" / "cffi"


class _CachingParser:
    def __init__(self, parser, folder: Path, salt: str):
        self._parser, self._folder, self._salt = parser, folder, salt

    def parse(self, text, *args, **kwargs):
        key = hashlib.sha256((self._salt + text).encode()).hexdigest()[:40]
        path = self._folder / f"{key}.pickle"
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # missing, truncated, from another version: parse
            pass
        ast = self._parser.parse(text, *args, **kwargs)
        try:
            data = pickle.dumps(ast, protocol=pickle.HIGHEST_PROTOCOL)
            self._folder.mkdir(parents=True, exist_ok=True)
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
    salt = f"cffi {cffi.__version__} pycparser {pycparser.__version__}\n"
    state: dict = {}

    def _get_parser():
        if "parser" not in state:
            state["parser"] = _CachingParser(original(), folder or cache_dir(), salt)
        return state["parser"]

    cparser._get_parser = _get_parser
    cparser._toolkit_cache = True
