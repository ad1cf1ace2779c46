"""The options of the document being laid out: typography a project or a
caller chooses per document (line-edge punctuation, lean font subsetting),
carried with the document and read by the extension's hooks.

They live in a context variable, set around one document's layout and
writing: each thread (a Dask worker runs tasks in threads) and each
document sees its own, and nothing needs resetting by hand.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentOptions:
    #: punctuation at a line's edges set half-width (toolkit.toml's
    #: ``[typography] line_edge_punctuation``)
    line_edge_punctuation: bool = True
    #: CID-keyed CJK fonts subset without retained glyph ids (toolkit.pdf.
    #: extension.leanfonts); off: as WeasyPrint subsets them (to compare)
    lean_fonts: bool = True


_CURRENT: ContextVar[DocumentOptions] = ContextVar("toolkit_document_options",
                                                   default=DocumentOptions())


def current() -> DocumentOptions:
    """The options of the document this thread is laying out."""
    return _CURRENT.get()


@contextlib.contextmanager
def laying_out(options: DocumentOptions):
    """Within the block, this thread lays out a document with ``options``."""
    token = _CURRENT.set(options)
    try:
        yield
    finally:
        _CURRENT.reset(token)
