"""The quick library lookup answers as ctypes does (toolkit/libraries.py)."""
from __future__ import annotations

import ctypes.util
import sys

import pytest

from toolkit.pdf.extension.libraries import ld_cache_finder

#: Every name WeasyPrint 70 tries, found or not (weasyprint/text/ffi.py).
WEASYPRINT_NAMES = [
    "libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", "libgobject-2.0.so.0",
    "libpango-1.0-0", "pango-1.0-0", "pango-1.0", "libpango-1.0.so.0",
    "libharfbuzz-0", "harfbuzz", "harfbuzz-0.0", "libharfbuzz.so.0",
    "libharfbuzz-subset-0", "harfbuzz-subset", "harfbuzz-subset-0.0",
    "libfontconfig-1", "fontconfig-1", "fontconfig", "libpangoft2-1.0-0", "pangoft2-1.0-0",
    "pangoft2-1.0", "no-such-library-anywhere", "c", "m",
]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig is Linux's")
def test_the_ld_cache_finder_agrees_with_ctypes():
    finder = ld_cache_finder()
    assert finder is not None
    answers = {name: finder(name) for name in WEASYPRINT_NAMES}
    assert answers == {name: ctypes.util.find_library(name) for name in WEASYPRINT_NAMES}
    assert answers["pango-1.0"] and answers["harfbuzz-subset"]  # the ones that matter
    assert answers["no-such-library-anywhere"] is None


def test_weasyprint_imported_with_the_quick_lookup_has_its_libraries():
    from toolkit.pdf.extension import install

    install()
    from weasyprint.text import ffi

    assert ffi.harfbuzz_subset is not None and ffi.pango is not None
