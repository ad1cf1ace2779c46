"""Incremental builds: what each output was built from, kept beside it.

``dist/.toolkit-manifest.json`` records, for every output, a hash of
everything it depends on: the article's source and sidecar, the settings and
phrases, the catalogs, labels and glossary its edition uses, the templates
and stylesheet, the font files fontconfig resolves for the brief's faces
(path, size, modification time), the toolkit's own files, the versions of
WeasyPrint, OpenCC, trafilatura, Babel and Jinja2, the OpenCC config and
encoding, the edition, the profile and whether drafts were allowed. An output
whose hash is unchanged is not rebuilt, and the build decides that before it
imports WeasyPrint. A manifest that cannot be read is not trusted: every
output is rebuilt.

As each PDF is written, a line saying so is appended to
``dist/.toolkit-manifest.journal``: a build stopped half-way (Ctrl-C, a
kill, a power cut) leaves the record of what it did, and the next build
makes only the rest. The manifest takes the journal in when it is saved.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from toolkit.files import locked, write_atomic
from toolkit.fingerprint import bytes_hash, file_hash, toolkit_fingerprint
from toolkit.pdf.fonts import fonts_fingerprint
from toolkit.project import LABELS_DOMAIN
from toolkit.pipeline.snapshot import templates_of
from toolkit.read.sidecar import meta_path
from toolkit.render.design import packaged_labels

MANIFEST = ".toolkit-manifest.json"
JOURNAL = ".toolkit-manifest.journal"
VERSION = 1


def load(out_dir: Path) -> tuple[dict[str, dict], bool]:
    """``(entries by output name, whether the manifest was usable)``, the
    journal's lines applied (see :func:`note`)."""
    entries, usable = _load_manifest(out_dir)
    return {**entries, **_journal(out_dir)}, usable


def _load_manifest(out_dir: Path) -> tuple[dict[str, dict], bool]:
    path = out_dir / MANIFEST
    if not path.is_file():
        return {}, True
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["outputs"]
        if data.get("version") != VERSION or not isinstance(entries, dict) or not all(
                _is_entry(e) for e in entries.values()):
            raise ValueError("unexpected shape")
        return entries, True
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return {}, False


def _is_entry(entry) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("key"), str)


def note(out_dir: Path, name: str, entry: dict) -> None:
    """Record at once that output ``name`` was just written, as ``entry``
    says (a line appended to the journal, under the folder's lock): an
    interrupted build loses none of what it made."""
    line = json.dumps({"name": name, **entry}, ensure_ascii=False) + "\n"
    with locked(out_dir):
        fd = os.open(out_dir / JOURNAL, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)


def _journal(out_dir: Path) -> dict[str, dict]:
    """The journal's entries, the last line of a name winning; a line cut
    short by a kill, or otherwise unreadable, is passed over (its output is
    made again)."""
    try:
        text = (out_dir / JOURNAL).read_bytes().decode("utf-8", "replace")
    except OSError:
        return {}
    entries = {}
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if _is_entry(entry) and isinstance(entry.get("name"), str):
            entries[entry.pop("name")] = entry
    return entries


def save(out_dir: Path, entries: dict[str, dict], read: dict[str, dict] | None = None) -> None:
    """Write the manifest, the journal taken in. With ``read`` (the entries
    this build started from), only what this build changed is applied, under
    a lock, to the manifest as it is now: two builds into one folder keep
    each other's entries."""
    with locked(out_dir):
        if read is not None:
            now, usable = load(out_dir)
            if usable:
                changed = {name: entry for name, entry in entries.items()
                           if read.get(name) != entry}
                gone = set(read) - set(entries)
                entries = {name: entry for name, entry in {**now, **changed}.items()
                           if name not in gone}
        data = {"version": VERSION, "outputs": dict(sorted(entries.items()))}
        write_atomic(out_dir / MANIFEST,
                     (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        # (under the lock, after the manifest holds it: no line is lost)
        (out_dir / JOURNAL).unlink(missing_ok=True)


def project_fingerprint(project, phrases: Path | None) -> str:
    """What every output of the project depends on."""
    digest = hashlib.sha256()
    digest.update(toolkit_fingerprint().encode())
    digest.update(fonts_fingerprint().encode())
    digest.update(project.output_settings().encode())  # (not the reviewer's name …)
    file_hash(digest, phrases)
    templates = templates_of(project)  # (the project's, the packaged, or both laid together)
    for path in sorted(templates.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            file_hash(digest, path)
    return digest.hexdigest()


def job_key(base: str, job, project, profile: str, allow_incomplete: bool,
            files: dict[Path, bytes | None]) -> str:
    """What one output depends on, hashed: the project's part and its own,
    its files as the read phase read them (the source and sidecar on the
    job's article, catalogs and glossaries in ``files``)."""
    edition, item = job.edition, job.item
    digest = hashlib.sha256(base.encode())
    digest.update(f"{edition.name}\0{edition.kind}\0{edition.locale}\0{profile}\0"
                  f"{allow_incomplete}\0{item.opencc}\0{item.source.encoding}".encode())
    bytes_hash(digest, item.path.name, item.data)
    bytes_hash(digest, meta_path(item.path).name, item.sidecar)
    read = [project.catalog_path(edition.locale, item.article.slug),
            project.catalog_path(edition.locale, LABELS_DOMAIN),
            project.glossary_path(edition.locale)] if edition.locale else []
    if profile == "archive":  # the archive embeds the catalogs of every locale
        read += [project.catalog_path(locale, item.article.slug) for locale in project.locales]
    packaged = packaged_labels(edition.locale) if edition.locale else None
    if packaged is not None:  # (the packaged labels, under the project's)
        read.append(packaged)
    for path in read:
        bytes_hash(digest, path.name, files.get(path))
    return digest.hexdigest()


def job_keys(jobs, project, phrases: Path | None, profile: str, allow_incomplete: bool,
             files: dict[Path, bytes | None]) -> dict[str, str]:
    """Output name → the key of what it is built from, for every job."""
    base = project_fingerprint(project, phrases)
    return {job.target.name: job_key(base, job, project, profile, allow_incomplete, files)
            for job in jobs}


def outdated(job, keys: dict[str, str], entries: dict[str, dict]) -> bool:
    """Whether a job's output is missing or was built from other inputs."""
    name = job.target.name
    return not job.target.is_file() or entries.get(name, {}).get("key") != keys[name]


def record(entries: dict[str, dict], jobs, keys: dict[str, str], done: set[Path]) -> None:
    """Enter in ``entries`` every job whose output is now what its key says
    (unchanged, or written by this build); a failed one keeps its old entry."""
    entries.update({job.target.name: {"key": keys[job.target.name], "source": str(job.item.path)}
                    for job in jobs if job.target in done})
