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
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hyphenation:
    """``[typography]`` hyphenation limits (toolkit.toml): words of at
    least ``min_word`` letters, with ``min_left`` and ``min_right`` letters on
    either side of a hyphen, and at most ``max_run`` hyphenated lines in a row
    (that one is kept by total-fit breaking only)."""
    min_word: int = 6
    min_left: int = 3
    min_right: int = 3
    max_run: int = 2


@dataclass(frozen=True)
class DocumentOptions:
    #: punctuation at a line's edges set half-width (toolkit.toml's
    #: ``[typography] line_edge_punctuation``)
    line_edge_punctuation: bool = True
    #: CID-keyed CJK fonts subset without retained glyph ids (toolkit.pdf.
    #: extension.leanfonts); off: as WeasyPrint subsets them (to compare)
    lean_fonts: bool = True
    #: ``[typography] line_breaking``: "total-fit" (Latin paragraphs broken
    #: as a whole: toolkit.pdf.extension.paragraphs) or "first-fit" (as
    #: WeasyPrint breaks them)
    line_breaking: str = "total-fit"
    hyphenation: Hyphenation = Hyphenation()
    #: paragraph elements → hyphens a page turn fell on in an earlier pass of
    #: this document's layout (not planned again); filled as it is laid out
    page_turns: dict = field(default_factory=dict, compare=False, hash=False)
    #: total-fit plans of this document's paragraphs, kept for its layouts
    #: again (toolkit.pdf.extension.paragraphs)
    plans: dict = field(default_factory=dict, compare=False, hash=False)


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
