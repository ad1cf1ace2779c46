"""Pickled caches in folders only this user can write.

Unpickling runs code, so a cache is only read from a folder that only this
user can write: the toolkit's folders (``~/.cache/bilingual-brief/<name>``,
or ``$XDG_CACHE_HOME``) are created 0700, and they (and every entry) must be
owned by this user, not symlinks, and writable by no one else. Anything else
(a shared or planted cache folder) means no cache, never a load. Writing is
best effort: a read-only home means no cache, not an error.
"""

from __future__ import annotations

import os
import pickle
import stat
import tempfile
from pathlib import Path


def cache_dir(name: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bilingual-brief" / name


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def private_folder(folder: Path) -> bool:
    """Make ``folder`` (0700) if need be, and say whether it and the folder
    the toolkit made above it are this user's alone."""
    for path in (folder.parent, folder):  # .../bilingual-brief/<name>
        try:
            # (~/.cache itself may not exist yet on a new machine)
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = os.lstat(path)
        except OSError:
            return False
        if not stat.S_ISDIR(st.st_mode) or not _private(st):
            return False
    return True


def load(path: Path):
    """The entry at ``path`` if it is a private regular file, else None
    (unpickling errors propagate: the caller falls back)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or not _private(st):
            return None
        return pickle.load(fh)


def recall(path: Path, valid):
    """The entry at ``path`` if it loads and ``valid(entry)`` says it is of
    the kind expected, else None: missing, foreign, truncated or written by
    another version all mean "compute it again"."""
    try:
        value = load(path)
    except Exception:  # noqa: BLE001 - truncated, from another version
        return None
    return value if value is not None and valid(value) else None


def store(path: Path, value) -> None:
    """Pickle ``value`` to ``path`` atomically; silently nothing if it will
    not pickle or the folder cannot be written."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # noqa: BLE001 - a read-only home, a value that will not pickle
        pass
