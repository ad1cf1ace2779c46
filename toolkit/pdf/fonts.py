"""The fonts an edition is set in: the CJK face the system must have, the
fontconfig WeasyPrint is given, and their fingerprint for the manifest."""

from __future__ import annotations

import functools
import hashlib
import subprocess
from pathlib import Path

from toolkit.errors import EnvironmentProblem

#: The face every Chinese edition needs (Debian package fonts-noto-cjk).
CJK_FONT = "Noto Serif CJK SC"


@functools.cache
def check_environment() -> None:
    """Stop early, naming the package, when WeasyPrint would silently degrade:
    without HarfBuzz's subsetter it falls back to fontTools (a 2-page CJK brief
    takes ~15 s instead of ~0.3 s); without the SC face, Chinese comes out in
    whatever font fontconfig finds, or as tofu. Both checks run in-process on
    the libraries WeasyPrint itself loaded. (Call :func:`toolkit.pdf.extension.install`
    first: it must come before WeasyPrint's import.)"""
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    from weasyprint.text import ffi as wffi

    lacking, packages = [], []
    if wffi.harfbuzz_subset is None or not wffi.harfbuzz.hb_version_atleast(4, 1, 0):
        lacking.append("HarfBuzz's subsetter (libharfbuzz-subset.so.0), without which "
                       "WeasyPrint falls back to fontTools, 50 times slower")
        packages.append("libharfbuzz-subset0")
    for face in FACES:  # the CJK faces, and the Latin ones English is set in
        if _matched_family(wffi, face) != face:
            package = "fonts-noto-cjk" if "CJK" in face else "fonts-noto-core"
            lacking.append(f"the font {face!r}")
            if package not in packages:
                packages.append(package)
    if lacking:
        raise EnvironmentProblem(missing_message(lacking, packages))


def missing_message(lacking: list[str], packages: list[str]) -> str:
    """What the system lacks, and the one line that installs it all."""
    return (f"this system lacks {'; '.join(lacking)}: install with "
            f"'sudo apt-get install -y {' '.join(packages)}' (Debian, Ubuntu)")


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


@functools.cache
def font_configuration():
    """One WeasyPrint font configuration for every document this process
    lays out: its Pango font map, with the faces it has loaded and their
    HarfBuzz data, is reused instead of made again for each document (the
    templates declare no ``@font-face``, the only thing a document adds)."""
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


#: The faces the brief's stylesheet asks for.
FACES = (CJK_FONT, "Noto Sans CJK SC", "Noto Serif", "Noto Sans")


@functools.cache
def fonts_fingerprint() -> str:
    """The font files fontconfig resolves for the brief's faces, by path,
    size and modification time (asked of fc-match: no WeasyPrint needed)."""
    digest = hashlib.sha256()
    for face in FACES:
        digest.update(f"{face}\0{resolved_font(face)}\n".encode())
    return digest.hexdigest()


def resolved_font(face: str, with_mtime: bool = True) -> str:
    """``path\0size[\0mtime]`` of the file fontconfig gives for ``face``
    (another machine's copy of a font has its own modification time)."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", face], capture_output=True,
                               text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    path = Path(found) if found else None
    stat = path.stat() if path is not None and path.is_file() else None
    fields = [found, str(stat.st_size if stat else 0)]
    if with_mtime:
        fields.append(str(stat.st_mtime_ns if stat else 0))
    return "\0".join(fields)
