"""Articles read once: a cache of the read phase, keyed by its inputs.

Reading and converting an article takes about 7 ms (its conversion report
3 ms more); a desk's no-op rebuild of 100 articles spent most of its time
there. The read phase is a pure function of the source's and sidecar's
bytes, the project's settings and phrases, the options given and the
toolkit's own code, so its result is kept, pickled, under a key hashing all
of them, in a folder only this user can write (:mod:`toolkit.cache`).
A changed byte anywhere gives another key; entries no key reaches any more
are pruned when the cache grows past :data:`MAX_ENTRIES`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from toolkit import cache as private_cache
from toolkit.fingerprint import bytes_hash, file_hash, toolkit_fingerprint
from toolkit.project import Project
from toolkit.read.sidecar import meta_path

#: Entries kept at most; past this, the oldest fifth goes.
MAX_ENTRIES = 5000


def key(project: Project, path: Path, opencc: str | None, encoding: str | None,
        phrases, files: tuple[bytes, bytes | None]) -> str:
    """Everything :func:`toolkit.pipeline.snapshot.load_source` reads, hashed
    (``files``: the source's and its sidecar's bytes, as read)."""
    config = opencc or project.opencc
    parts = [phrases.path if phrases else None, config if config.endswith(".json") else None]
    # (whole paths: the report names the phrase file, the article its source)
    digest = hashlib.sha256(f"{toolkit_fingerprint()}\0python {sys.version_info[:2]}\0"
                            f"{project.root}\0{config}\0{encoding}\0"
                            f"{[str(part) for part in [*parts, path, meta_path(path)]]}".encode())
    for part in parts:
        file_hash(digest, Path(part) if part is not None else None)
    for name, data in ((path.name, files[0]), (meta_path(path).name, files[1])):
        bytes_hash(digest, name, data)
    digest.update(project.output_settings().encode())  # (not the whole toolkit.toml)
    return digest.hexdigest()


def cached_load_source(load_source: Callable, kind: type, project: Project, path: Path,
                       opencc: str | None, encoding: str | None, phrases,
                       files: tuple[bytes, bytes | None]):
    """``load_source(project, path, opencc, encoding, phrases, files)`` (the
    read phase's, :func:`toolkit.pipeline.snapshot.load_source`; ``files``:
    the source's and sidecar's bytes), from the cache when its inputs are
    unchanged; an entry that is not a ``kind`` is read again. Errors are
    never cached: they are raised every time. (The loader comes as an
    argument so that this cache imports nothing of the read phase it
    serves.) The entry keeps neither the phrases nor the files' bytes: the
    caller has them."""
    folder = private_cache.cache_dir("articles")
    if os.environ.get("TOOLKIT_NO_CACHE") or not private_cache.private_folder(folder):
        return load_source(project, path, opencc, encoding, phrases, files)
    entry = folder / f"{key(project, path, opencc, encoding, phrases, files)[:40]}.pickle"
    item = private_cache.recall(entry, lambda found: isinstance(found, kind))
    if item is not None:
        return dataclasses.replace(item, phrases=phrases)
    item = load_source(project, path, opencc, encoding, phrases, files)
    item = dataclasses.replace(item, report_text=item.report())
    private_cache.store(entry, dataclasses.replace(item, phrases=None, data=b"", sidecar=None))
    if entry.name.startswith("0"):  # now and then (1 store in 16): prune
        _prune(folder)
    return item


def _prune(folder: Path) -> None:
    try:
        entries = list(folder.glob("*.pickle"))
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda path: path.stat().st_mtime)
        for old in entries[:len(entries) - MAX_ENTRIES + MAX_ENTRIES // 5]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
