"""``toolkit new DIR``: a desk of one's own, as ``mkdocs new`` makes a site.

A commented ``toolkit.toml`` with every setting at its default, ``sources/``
with a note of what goes there, ``locales/`` ready, a ``.gitignore`` for
``dist/``; the design stays in the package (``--templates`` copies it in to be
changed, see :mod:`toolkit.render.design`); ``--sample`` adds the sample
article with its translation and the sample's own settings, so that its build
matches the repository's.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import ConfigError
from toolkit.render.design import PACKAGED_TEMPLATES

#: The sample desk's own files, shipped with the package (the repository's
#: sources/, locales/ and toolkit.toml; a test keeps the two identical).
SAMPLE = Path(__file__).resolve().parent / "sample"

SETTINGS = '''# Settings of this desk (toolkit new). Every setting is shown at its default;
# remove the # of a line to change it.
[project]
# The name on every brief's masthead.
publication = "{publication}"
# The editions' languages besides Chinese (a translated and a paired edition each).
locales = ["en"]
# OpenCC's configuration for Traditional → Simplified: t2s, tw2s (Taiwan),
# tw2sp (Taiwan, with its vocabulary), hk2s, hk2sp, or a .json of your own.
# opencc = "t2s"
# Your own phrases, Traditional<TAB>Simplified a line, over OpenCC's:
# opencc_phrases = "phrases.tsv"
# Lines of a saved page or pasted text that are the site, not the article
# (regular expressions, one line each):
# boilerplate = []
# How alike a translation memory's match must be to be offered (0–100):
# tm_threshold = 75
# How alike a changed segment must be to keep its old translation, as fuzzy:
# merge_threshold = 60
# Publish only translations a reviewer approved:
# require_review = false
# The largest source read, in megabytes:
# max_source_mb = 2

[review]
# Who approves (also TOOLKIT_REVIEWER, or the name the browser desk asks):
# name = ""

[typography]
# Closing punctuation may hang at a Chinese line's end, as W3C clreq allows:
# line_edge_punctuation = true
# English paragraphs broken as a whole ("total-fit", as TeX and Typst do) or
# line by line ("first-fit"):
# line_breaking = "total-fit"
# Hyphenation: words of 6 letters or more, 3 on each side of the hyphen, at
# most 2 hyphenated lines in a row:
# hyphenate_min_word = 6
# hyphenate_min_left = 3
# hyphenate_min_right = 3
# max_consecutive_hyphens = 2
'''

SOURCES_NOTE = """The articles of this desk: one file each, named as the article's
slug (letters, digits, _ and -): a saved web page (.html), text as a browser
copies it or a scraper gives it (.txt), or a Markdown draft (.md).
Beside an article, <slug>.meta.toml overrides what reading guessed
(title, date, author…). This note has no suffix, so it is not an article.
"""


def new_desk(folder: Path, templates: bool = False, sample: bool = False,
             force: bool = False) -> list[Path]:
    """Make a desk in ``folder`` (made if missing; a folder holding anything
    is refused unless ``force``); the files written."""
    if folder.exists() and not folder.is_dir():
        raise ConfigError("is a file, not a folder for a new desk", str(folder))
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ConfigError("is not empty: a new desk goes into an empty folder (--force to "
                          "add one here all the same; no file of yours is overwritten)",
                          str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        if path.exists():
            return  # (never over a file of the user's)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)

    if sample:
        for path in sorted(SAMPLE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                write(folder / path.relative_to(SAMPLE), path.read_bytes())
    else:
        write(folder / "toolkit.toml",
              SETTINGS.format(publication=folder.resolve().name or "Bilingual Brief").encode())
        write(folder / "sources" / "README", SOURCES_NOTE.encode())
    (folder / "locales").mkdir(exist_ok=True)
    write(folder / ".gitignore", b"dist/\n")
    if templates:
        for path in sorted(PACKAGED_TEMPLATES.iterdir()):
            if path.is_file():
                write(folder / "templates" / path.name, path.read_bytes())
    return written
