"""Files shared by every stage: atomic writes, names and paths from data."""

from __future__ import annotations

import contextlib
import ctypes
import datetime
import errno
import fcntl
import functools
import os
import re
import tempfile
import tomllib
from pathlib import Path

from toolkit.errors import ChangedOnDisk, ConfigError, OutputError, SourceError, ToolkitError

#: ``expected`` of :func:`write_atomic` when the file's present state does not matter.
ANY = object()


def write_atomic(path: Path, data: bytes, expected: bytes | None | object = ANY) -> None:
    """Write to a temporary file beside ``path`` and rename it into place, so
    a reader never sees a half-written PDF or catalog, and a failure leaves
    the previous file as it was. With ``expected`` (the bytes read before,
    None for no file), a file that changed meanwhile (a translator's save, an
    import) is not overwritten: :class:`ChangedOnDisk`. The temporary file's
    name holds this process's id, so a later run can tell an abandoned one."""
    write_all_atomic([(path, data, expected)])


def write_all_atomic(files: list[tuple[Path, bytes, object]]) -> None:
    """Write several files all or none (:func:`write_atomic`'s ``(path,
    data, expected)`` each): every one is written beside its place and
    checked against what was read before any is renamed into place, so one
    that changed on disk, or a full disk, leaves every file as it was.

    A file with an ``expected`` state is checked again at the rename itself,
    not only before it: the new file is exchanged with the old in one step
    (``renameat2(RENAME_EXCHANGE)``) and what was swapped out is compared
    with what was read; an edit that came in between is swapped back, and
    every file already put in place goes back as it was. (A new file goes in
    by a link that fails if one appeared meanwhile.)"""
    staged: list[tuple[str, Path]] = []
    #: files put in place whose old bytes wait at the temporary name (None:
    #: there was no file) until every file is in
    placed: list[tuple[str, Path, bool]] = []
    try:
        for path, data, _ in files:
            with _naming(path):  # (a full disk names the file meant, not the temporary one)
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent,
                                           prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
                staged.append((tmp, path))
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.chmod(tmp, 0o644)
        for path, _, expected in files:
            if expected is not ANY and _current(path) != expected:
                raise _changed(path)
        for (tmp, path), (_, _, expected) in zip(staged, files):
            with _naming(path):
                _put_in_place(tmp, path, expected, placed)
        for tmp, _, _ in placed:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        placed.clear()
        staged.clear()
    except BaseException:
        for tmp, path, exchanged in reversed(placed):  # back as they were
            with contextlib.suppress(OSError):
                if exchanged:
                    _exchange(tmp, path)
                else:
                    os.unlink(path)
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def _put_in_place(tmp: str, path: Path, expected, placed: list) -> None:
    """Rename ``tmp`` to ``path``, checking at that step that ``path`` is
    still as ``expected`` (see :func:`write_all_atomic`)."""
    if expected is ANY:
        os.replace(tmp, path)
    elif expected is None:
        try:
            os.link(tmp, path)  # (fails if a file appeared since the check)
        except FileExistsError:
            raise _changed(path) from None
        placed.append((tmp, path, False))
    elif _exchange(tmp, path):
        placed.append((tmp, path, True))
        if _current(Path(tmp)) != expected:  # what was swapped out: the file as it was
            raise _changed(path)
    else:  # no exchange on this file system: the check just made stands
        os.replace(tmp, path)


@contextlib.contextmanager
def _naming(path: Path):
    """An OS error while writing ``path`` as an :class:`OutputError` naming it."""
    try:
        yield
    except FileNotFoundError as exc:
        if exc.filename and Path(exc.filename) == path:  # (the old file went: see _exchange)
            raise _changed(path) from None
        raise OutputError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", str(path)) from None


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _changed(path: Path) -> ChangedOnDisk:
    return ChangedOnDisk("changed on disk while this command ran (another save?): left as it "
                         "is; run the command again", str(path))


RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@functools.cache
def _renameat2():
    """glibc's ``renameat2`` (Python has no binding), or None."""
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None


def _exchange(a: str, b: Path) -> bool:
    """Swap two files in one step; False when this system cannot."""
    call = _renameat2()
    if call is None:
        return False
    if call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), b)


_TEMPORARY = re.compile(r"\..+\.(\d+)\.[^.]+\.tmp")


def remove_abandoned(folder: Path) -> None:
    """Remove the temporary files of writers that no longer run (a build
    killed mid-write leaves one); never a running process's."""
    if not folder.is_dir():
        return
    for path in folder.glob(".*.tmp"):
        match = _TEMPORARY.fullmatch(path.name)
        if match and not _running(int(match.group(1))):
            try:
                path.unlink()
            except OSError:
                pass


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def locked(folder: Path):
    """An exclusive lock among toolkit processes on ``folder`` (``flock`` on
    the folder itself: no lock file to leave behind), held while catalogs are
    read, merged and written."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


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


def tab_pairs(text: str, path: str, expected: str, spaces_in_first: bool = True
              ) -> list[tuple[str, str]]:
    """``first<TAB>second`` per line, ``#`` comments and blank lines skipped:
    the format of phrase files and glossaries. A line of another shape is a
    :class:`ConfigError` with its line, saying what was ``expected``."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.strip().split("\t")
        if len(fields) != 2 or not all(f.strip() for f in fields) or (
                not spaces_in_first and " " in fields[0]):
            raise ConfigError(f"expected '{expected}'", path, number)
        pairs.append((fields[0].strip(), fields[1].strip()))
    return pairs


def utc_midnight(date):
    """A calendar day as the UTC datetime of its start (catalog headers, PDF
    attachment dates: never the clock's time)."""
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.timezone.utc)


def read_input(path: Path, error: type[ToolkitError], what: str) -> bytes:
    """The bytes of a file the user gave, or ``error`` naming it: missing, a
    folder where ``what`` should be, or unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error("no such file", str(path)) from None
    except IsADirectoryError:
        raise error(f"is a folder, not {what}", str(path)) from None
    except OSError as exc:
        raise error(exc.strerror or str(exc), str(path)) from None


def article_slug(path: Path) -> str:
    """An article's slug is its file's name without the last suffix
    (``sources/foo.txt`` → ``foo``); it names the article's PDFs, catalogs
    and sidecar, so it must be a plain name (letters, digits, _ and -)."""
    slug = path.stem
    check_slug(slug, str(path))
    return slug


def check_slug(slug: str, path: str, line: int | None = None) -> str:
    if not NAME.fullmatch(slug):
        suggestion = re.sub(r"[^\w-]+", "-", slug).strip("-") or "article"
        raise SourceError(f"{slug!r} cannot be an article's name (it names files: letters, "
                          f"digits, _ and - only); rename, e.g. to {suggestion!r}", path, line)
    return slug


def load_toml(path: Path, data: bytes | None = None) -> dict:
    """A TOML file (or ``data``, its bytes read already), or a located
    :class:`ConfigError`."""
    try:
        if data is None:
            data = path.read_bytes()
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 7)"; lift the line out for the location.
        message = str(exc)
        line = None
        if "(at line " in message:
            line = int(message.rsplit("(at line ", 1)[1].split(",")[0])
            message = message.rsplit(" (at line ", 1)[0]
        raise ConfigError(message, str(path), line) from None
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", str(path)) from None
