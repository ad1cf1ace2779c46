"""A disk cache for the C declarations cffi parses when WeasyPrint loads.

WeasyPrint declares Pango, HarfBuzz and fontconfig to cffi in ABI mode,
and cffi parses those declarations with pycparser at every start: about a
third of a second of the ~0.7 s ``import weasyprint`` takes, paid by every
``toolkit build``. The parse result depends only on the text parsed, so it
is pickled once (keyed by a hash of that text and the versions of cffi and
pycparser) and read back after. Anything unexpected — an unreadable or
stale file, a result that will not pickle, an entry of the wrong type —
falls back to parsing.

Unpickling runs code, so the cache lives where :mod:`toolkit.cache`
keeps it: a folder only this user can write, or no cache at all.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from toolkit import cache as private_cache


def cache_dir() -> Path:
    return private_cache.cache_dir("cffi")


class _CachingParser:
    def __init__(self, parser, folder: Path, salt: str):
        self._parser, self._folder, self._salt = parser, folder, salt

    def parse(self, text, *args, **kwargs):
        # lazy: pycparser (≈12 ms): only when WeasyPrint's C types are parsed
        from pycparser import c_ast

        key = hashlib.sha256((self._salt + text).encode()).hexdigest()[:40]
        path = self._folder / f"{key}.pickle"
        usable = private_cache.private_folder(self._folder)
        if usable:
            ast = private_cache.recall(path, lambda found: isinstance(found, c_ast.FileAST))
            if ast is not None:
                return ast
        ast = self._parser.parse(text, *args, **kwargs)
        if usable:
            private_cache.store(path, ast)
        return ast

    def __getattr__(self, name):
        return getattr(self._parser, name)


def install(folder: Path | None = None) -> None:
    """Put the cache in front of cffi's parser (before WeasyPrint is imported)."""
    # lazy: cffi and pycparser: patched before WeasyPrint imports them, so loaded here
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
