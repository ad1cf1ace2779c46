"""HTML → PDF (WeasyPrint), written atomically.

WeasyPrint is imported here and only here, lazily: importing it costs about
0.7 s, which ``toolkit convert`` and the catalog commands should not pay.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from .errors import EnvironmentProblem

#: The face every Chinese edition needs (Debian package fonts-noto-cjk).
CJK_FONT = "Noto Serif CJK SC"


@functools.cache
def check_environment() -> None:
    """Stop early, naming the package, when WeasyPrint would silently degrade:
    without HarfBuzz's subsetter it falls back to fontTools (a 2-page CJK brief
    takes ~15 s instead of ~0.3 s); without the SC face, Chinese comes out in
    whatever font fontconfig finds, or as tofu. Both checks run in-process on
    the libraries WeasyPrint itself loaded."""
    from weasyprint.text import ffi as wffi

    if wffi.harfbuzz_subset is None or not wffi.harfbuzz.hb_version_atleast(4, 1, 0):
        raise EnvironmentProblem(
            "WeasyPrint cannot load HarfBuzz's subsetter (libharfbuzz-subset.so.0); "
            "install the Debian package libharfbuzz-subset0")
    if _matched_family(wffi, CJK_FONT) != CJK_FONT:
        raise EnvironmentProblem(
            f"font {CJK_FONT!r} not found by fontconfig; install the Debian package fonts-noto-cjk")


def _matched_family(wffi, family: str) -> str:
    ffi, fc = wffi.ffi, wffi.fontconfig
    pattern = fc.FcPatternCreate()
    try:
        fc.FcPatternAddString(pattern, b"family", family.encode())
        fc.FcConfigSubstitute(ffi.NULL, pattern, 0)  # FcMatchPattern
        fc.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fc.FcFontMatch(ffi.NULL, pattern, result)
        if match == ffi.NULL:
            return ""
        try:
            value = ffi.new("FcChar8 **")
            if fc.FcPatternGetString(match, b"family", 0, value) != 0:
                return ""
            return ffi.string(value[0]).decode()
        finally:
            fc.FcPatternDestroy(match)
    finally:
        fc.FcPatternDestroy(pattern)


def html_to_pdf(html: str, base_url: Path, **options) -> bytes:
    """Lay out and write one PDF; ``options`` go to ``write_pdf``
    (e.g. ``pdf_variant``)."""
    check_environment()
    from weasyprint import HTML

    return HTML(string=html, base_url=str(base_url) + os.sep).write_pdf(**options)
