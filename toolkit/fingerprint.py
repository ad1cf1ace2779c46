"""Content hashes: of a file, and of the toolkit's own code (so that
a cache or a manifest written by another version is never trusted)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path


def file_hash(digest, path: Path | None) -> None:
    """A file's name and bytes into ``digest`` (a marker alone if it is absent)."""
    bytes_hash(digest, path.name if path is not None else "",
               path.read_bytes() if path is not None and path.is_file() else None)


def bytes_hash(digest, name: str, data: bytes | None) -> None:
    """A file's name and bytes, read already, into ``digest`` as
    :func:`file_hash` puts them (``None``: the file is absent)."""
    digest.update(b"\0")
    if data is not None:
        digest.update(name.encode())
        digest.update(data)


@functools.cache
def toolkit_fingerprint() -> str:
    """The toolkit's own files (its version string never changes in a checkout)."""
    # lazy: importlib.metadata (≈12 ms): only when a cache or manifest is keyed
    from importlib import metadata

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tsv", ".json", ".txt"):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    # (jieba decides where headlines break, pyphen where words hyphenate)
    for package_name in ("weasyprint", "opencc", "trafilatura", "babel", "jinja2", "jieba",
                         "pyphen"):
        try:  # the libraries whose versions change what a brief says or looks like
            digest.update(f"{package_name} {metadata.version(package_name)}\n".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()
