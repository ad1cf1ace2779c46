"""Files shared by every stage: atomic writes, names and paths from data."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .errors import ToolkitError


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place, so
    a reader never sees a half-written PDF or catalog, and a failure leaves
    the previous file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


#: What a slug or a catalog domain may be: Unicode letters and digits, _ and -
#: (no dot, space or separator: it becomes part of file names).
NAME = re.compile(r"[\w-]+")
#: A locale as gettext spells it: zh_Hans_CN, en, pt-BR, sr@latin.
LOCALE = re.compile(r"[A-Za-z]{2,8}(?:[_-][A-Za-z0-9]{1,8})*(?:@[A-Za-z0-9]{1,16})?")


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, symlinks followed, stays inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def check_inside(path: Path, root: Path, error: type[ToolkitError] = ToolkitError) -> Path:
    """``path`` if it stays inside ``root`` (symlinks followed), else an
    error naming it: nothing the toolkit reads or writes for a project may
    lead out of it."""
    if not inside(path, root):
        target = os.path.realpath(path)
        raise error(f"leads outside the project (to {target}): refused", str(path))
    return path
