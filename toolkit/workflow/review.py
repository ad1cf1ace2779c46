"""Who approves, and when: the reviewer's name and date on approved
messages (toolkit review, and the desk's approve)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from toolkit.catalogs.po import catalog_bytes
from toolkit.catalogs.states import TRANSLATED, approve, state
from toolkit.errors import ConfigError
from toolkit.files import locked, write_atomic
from toolkit.project import LABELS_DOMAIN, Project
from toolkit.workflow.status import locale_catalogs


def reviewer(project: Project) -> str:
    """Who approves: TOOLKIT_REVIEWER, else toolkit.toml's ``[review] name``."""
    name = os.environ.get("TOOLKIT_REVIEWER", "").strip() or project.reviewer.strip()
    return " ".join(name.split())


def required_reviewer(project: Project) -> str:
    """The :func:`reviewer`, or an error saying how to name one (approval
    records who approved)."""
    name = reviewer(project)
    if not name:
        raise ConfigError("who reviews? set TOOLKIT_REVIEWER or [review] name = \"…\" in "
                          "toolkit.toml", str(project.config_path or project.root / "toolkit.toml"))
    return name


def review_date() -> str:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` (reproducible runs)."""
    seconds = os.environ.get("SOURCE_DATE_EPOCH")
    if seconds is not None:
        return datetime.datetime.fromtimestamp(int(seconds), tz=datetime.timezone.utc).date().isoformat()
    return datetime.date.today().isoformat()


def translator(catalog, name: str) -> None:
    """The toolkit changed translations: Last-Translator and the revision date say who and when."""
    if name:
        catalog.last_translator = name
    catalog.revision_date = datetime.datetime.fromisoformat(review_date()).replace(
        tzinfo=datetime.timezone.utc)


def review(project: Project, slugs: tuple[str, ...] = (), locales: tuple[str, ...] | None = None,
           decide=None) -> dict[Path, int]:
    """Approve translated messages of the catalogs of ``slugs`` (default: all
    articles): each one ``decide(message)`` says yes to (``decide`` None:
    every one). Returns how many were approved, per catalog written."""
    name = required_reviewer(project)
    date = review_date()
    approved: dict[Path, int] = {}
    with locked(project.locales_dir):
        for locale, domain, path, po in locale_catalogs(project, locales):
            catalog = po.catalog
            if domain == LABELS_DOMAIN or (slugs and domain not in slugs):
                continue
            before = path.read_bytes()
            count = 0
            for message in catalog:
                if message.id and state(message) == TRANSLATED:
                    if decide is not None:
                        answer = decide(message)
                        if answer is None:  # stop here; what was approved is kept
                            break
                        if not answer:
                            continue
                    approve(message, name, date)
                    count += 1
            if count:
                translator(catalog, name)
                write_atomic(path, catalog_bytes(catalog, po.layout), expected=before)
                approved[path] = count
    return approved
