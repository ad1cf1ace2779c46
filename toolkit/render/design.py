"""The design that ships inside the package, and a project's own over it.

The brief's templates, stylesheet and label catalogs live in
``toolkit/render/design/``: a desk without a ``templates/`` folder uses them
as they are. A project's ``templates/`` overrides them file by file (as an
mkdocs ``custom_dir`` does): a folder holding every file of the design is
used as it is; one holding some of them is laid over the packaged design in
a folder of the private cache, named by what it holds, so that everything
that reads "the templates" (the renderer, the labels' extraction, the
manifest's hashes, the files sent to a cluster's workers, the PDF writer's
allow-list) reads one folder. A project's label catalog overrides the
packaged one message by message (:func:`labels_catalog`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from toolkit import cache
from toolkit.catalogs.states import finished
from toolkit.errors import ConfigError
from toolkit.files import check_inside

#: The packaged design: ``templates/`` and ``locales/`` (labels.pot and its
#: shipped translations, ``locales/<locale>/LC_MESSAGES/labels.po``).
DESIGN = Path(__file__).resolve().parent / "design"
PACKAGED_TEMPLATES = DESIGN / "templates"


def design_dir(templates: Path, project_root: Path) -> Path:
    """The folder of templates a project's documents are made from: its own
    ``templates`` (when it holds the whole design), the packaged design (when
    it has none), or the two laid together (a file of the project's over the
    package's of the same name). A project's file that leads out of the
    project is refused, as everywhere."""
    if not templates.is_dir():
        return PACKAGED_TEMPLATES
    packaged = {path.name for path in PACKAGED_TEMPLATES.iterdir() if path.is_file()}
    own = {}
    for path in sorted(templates.iterdir()):
        if path.is_file():
            check_inside(path, project_root, ConfigError)
            own[path.name] = path.read_bytes()
    if packaged <= set(own):
        return templates
    files = {name: (PACKAGED_TEMPLATES / name).read_bytes() for name in packaged - set(own)}
    files.update(own)
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    folder = cache.cache_dir("designs") / digest.hexdigest()[:24]
    if not cache.private_folder(folder):
        raise ConfigError("templates/ holds part of the design, and the private cache folder to "
                          f"lay it over the packaged one ({folder}) cannot be made: copy the "
                          "rest of the design in (toolkit new --templates)", str(templates))
    for name, data in files.items():
        target = folder / name
        if cache.read_private(target) != data:
            cache.write_private(target, data)
    return folder


def packaged_labels(locale: str) -> Path | None:
    """The packaged translation of the labels into ``locale`` (its language
    without the region if there is none for the region), or None."""
    for name in (locale, locale.split("_", 1)[0]):
        path = DESIGN / "locales" / name / "LC_MESSAGES" / "labels.po"
        if path.is_file():
            return path
    return None


def labels_catalog(own, packaged):
    """A project's label catalog over the packaged one, message by message:
    each label the project translates is its own, every other the
    package's (``own`` or ``packaged`` may be None)."""
    if own is None:
        return packaged
    if packaged is None:
        return own
    for message in packaged:
        if not message.id:
            continue
        mine = own.get(message.id, context=message.context)
        if mine is None:
            own[message.id] = message
        elif not finished(mine) and finished(message):
            own.delete(message.id, context=message.context)
            own[message.id] = message
    return own
