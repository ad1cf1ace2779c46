"""Finding the shared libraries WeasyPrint loads, in milliseconds.

WeasyPrint tries several names for each library it loads (``libpango-1.0-0``,
``pango-1.0-0``, ``pango-1.0``, …, for every platform), and cffi asks
:func:`ctypes.util.find_library` about each name that does not load as
given. On Linux every such question runs ``ldconfig -p`` and, for a name it
lacks, ``gcc`` and ``ld`` as well: 22 questions, about 0.2 s of every
``toolkit build``'s start. While WeasyPrint is imported, the questions are
answered from one reading of ldconfig's cache, as ctypes reads it, and from
``LD_LIBRARY_PATH`` as ctypes' ``ld`` fallback does; anything else (another
system, no ldconfig) keeps ctypes' own answer.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import re
import struct
import subprocess
import sys

LDCONFIG = "/sbin/ldconfig"


def _abi_type() -> str:
    # As ctypes.util._findSoname_ldconfig names the ABI in ldconfig's listing.
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    return {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
            "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")


def ld_cache_finder():
    """A ``find_library`` reading ldconfig's cache once, or None where that
    cannot be done (not Linux, no ldconfig)."""
    if not sys.platform.startswith("linux") or not os.access(LDCONFIG, os.X_OK):
        return None
    try:
        listing = subprocess.run([LDCONFIG, "-p"], stdin=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 env={"LC_ALL": "C", "LANG": "C"}, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    abi = _abi_type()
    search_path = [d for d in os.environ.get("LD_LIBRARY_PATH", "").split(":") if d]

    def find_library(name: str) -> str | None:
        found = re.search(os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"), listing)
        if found:
            return os.fsdecode(found.group(1))
        for folder in search_path:  # ctypes' last resort, `ld -L…` over LD_LIBRARY_PATH
            try:
                names = sorted(n for n in os.listdir(folder) if n.startswith(f"lib{name}.so"))
            except OSError:
                continue
            if names:
                return names[0]
        return None

    return find_library


@contextlib.contextmanager
def quick_find_library():
    """Within the block, ``ctypes.util.find_library`` answers from
    :func:`ld_cache_finder` (where it can)."""
    finder = ld_cache_finder()
    if finder is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = finder
    try:
        yield
    finally:
        ctypes.util.find_library = original
