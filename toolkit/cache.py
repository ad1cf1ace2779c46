"""Pickled caches in folders only this user can write.

Unpickling (and Jinja2's compiled templates) runs code, so a cache is only
read from a folder that only this user can write: the toolkit's folders
(``~/.cache/bilingual-brief/<name>``, or ``$XDG_CACHE_HOME``), and any
missing folder above them, are created 0700 whatever the umask, and they
must be owned by this user, not symlinks, and writable by no one else.
Every entry is opened first (never following a link) and checked on the
open file (``fstat``: a regular file of this user's that no one else can
write) before a byte of it is read, so a folder swapped between a check and
an open gains nothing. Anything else (a shared or planted cache) means no
cache, never a load. Writing is best effort: a read-only home means no
cache, not an error.
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
    try:
        _make_folders(folder)
    except OSError:
        return False
    for path in (folder.parent, folder):  # .../bilingual-brief/<name>
        try:
            st = os.lstat(path)
        except OSError:
            return False
        if not stat.S_ISDIR(st.st_mode) or not _private(st):
            return False
    return True


def _make_folders(folder: Path) -> None:
    """Make ``folder`` and every missing folder above it, each 0700 (mkdir's
    mode, which a umask can only narrow: ``parents=True`` would make the
    ones above with the umask's default, 0777 under umask 000)."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass


def read_private(path: Path) -> bytes | None:
    """The bytes of the entry at ``path`` if, opened without following a
    link, it is a regular file of this user's that no one else can write
    (checked on the open file); else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or not _private(st):
            return None
        return fh.read()


def load(path: Path):
    """The entry at ``path`` if it is a private regular file, else None
    (unpickling errors propagate: the caller falls back)."""
    data = read_private(path)
    return None if data is None else pickle.loads(data)


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
        write_private(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - a value that will not pickle
        pass


def write_private(path: Path, data: bytes) -> None:
    """Write an entry atomically, readable and writable by this user alone;
    silently nothing if the folder cannot be written."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # noqa: BLE001 - a read-only home, a full disk
        pass
