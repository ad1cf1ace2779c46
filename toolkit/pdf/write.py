"""HTML → PDF (WeasyPrint), one document; :mod:`toolkit.pdf.workers` shares many out.

WeasyPrint is imported in ``pdf/`` only, and lazily: importing it costs
about 0.7 s, which ``toolkit convert`` and the catalog commands should not pay.
"""

from __future__ import annotations

import datetime
import functools
import mimetypes
import os
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from toolkit.errors import ConfigError
from toolkit.files import inside, utc_midnight
from toolkit.pdf.extension import install
from toolkit.pdf.extension.document import DocumentOptions, Hyphenation, current, laying_out
from toolkit.pdf.extension.paragraphs import hyphens_at_page_turns
from toolkit.pdf.fonts import check_environment, font_configuration

#: The C types WeasyPrint allocates while laying out. cffi parses a type
#: string with pycparser the first time it sees it (about 10 ms each); parsed
#: before forking, the workers inherit the parsed types.
_FFI_TYPES = ("PangoRectangle *", "unsigned int *", "PangoFcFontMap *", "hb_tag_t[100]",
              "char[]", "char[4]", "PangoLogAttr[]", "FcResult *", "FcChar8 **", "int *")


@functools.cache
def prepare() -> None:
    """The extension installed and WeasyPrint's C types parsed, before any
    document, and before forking workers that inherit both."""
    install()
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    from weasyprint.text.ffi import ffi

    for name in _FFI_TYPES:
        ffi.typeof(name)


#: Print profiles: screen (tagged PDF declaring PDF/UA-1), press (3 mm
#: bleed and crop marks around an A4 trim box), archive (PDF/A-3u with the
#: article's source and catalogs attached).
PRESS_CSS = "@page { bleed: 3mm; marks: crop; }"


@functools.cache
def _fetcher_class():
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class MissingProjectFile(FatalURLFetchingError):
        def __init__(self, path: Path):
            super().__init__(str(path))
            self.path = path

    class ProjectFetcher(URLFetcher):
        """Serves ``data:`` URLs and the files of the templates folder, and
        refuses everything else (network, files elsewhere): a brief's design
        must not reach out of its project, whatever a translation or a
        template says. Refusals are WeasyPrint's warnings; a missing file of
        the project stops the build."""

        def __init__(self, root: Path, files: dict[str, bytes] | None = None):
            super().__init__(allowed_protocols=("data", "file"))
            self.root = root.resolve()
            #: the templates folder's files sent with the job (a cluster's
            #: worker has no copy of the project): served from here, not disk
            self.files = files

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path))
                if self.files is not None:  # never the worker's disk
                    path = Path(os.path.normpath(path))
                    if path.is_relative_to(self.root):
                        return self._sent(url, path)
                elif inside(path, self.root):
                    if not path.is_file():
                        raise MissingProjectFile(path)
                    return super().fetch(url, headers)
            raise ValueError(f"refused to fetch {url}: only the files of "
                             f"{self.root} and data: URLs")

        def _sent(self, url: str, path: Path):
            # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
            from weasyprint.urls import URLFetcherResponse

            name = path.relative_to(self.root).as_posix()
            if name not in self.files:
                raise MissingProjectFile(path)
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, self.files[name], {"Content-Type": kind})

    return ProjectFetcher, MissingProjectFile


#: One layout at a time per process: the font configuration, Pango's font
#: map and the extension's caches are shared by every document, and a Dask
#: worker may run several tasks in threads (layout holds the GIL anyway).
#: (The document's own options travel with it: toolkit.pdf.extension.document.)
_one_at_a_time = threading.Lock()


def html_to_pdf(html: str, base_url: Path, options: dict | None = None,
                files: dict[str, bytes] | None = None) -> bytes:
    """Lay out and write one PDF in a print profile (``options`` from
    :func:`toolkit.pipeline.build.profile_options`). ``files``: the templates folder's
    files by relative path, for a process that cannot read the folder."""
    prepare()
    check_environment()
    fetcher, missing = _fetcher_class()
    try:
        options = dict(options or {})
        document = DocumentOptions(
            options.pop("line_edge_punctuation", True), options.pop("lean_fonts", True),
            options.pop("line_breaking", "total-fit"),
            Hyphenation(**options.pop("hyphenation", {})))
        with _one_at_a_time, laying_out(document):
            return _write_pdf(html, base_url, fetcher(base_url, files), options)
    except missing as error:
        raise ConfigError("missing, and the template links it", str(error.path)) from None


def _write_pdf(html: str, base_url: Path, fetcher, options: dict) -> bytes:
    """(``options``: html_to_pdf's own copy, which this consumes.)"""
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    from weasyprint import CSS, HTML, Attachment

    profile = options.pop("profile", "screen")
    document = HTML(string=html, base_url=str(base_url) + os.sep, url_fetcher=fetcher)
    fonts = {"font_config": font_configuration()}
    if profile == "screen":
        return _laid_out(document, pdf_variant="pdf/ua-1", **fonts)
    if profile == "press":
        return _laid_out(document, stylesheets=[CSS(string=PRESS_CSS, url_fetcher=fetcher)],
                         **fonts)
    # archive: attachment dates are the article's, never the clock's.
    date = options.get("date")
    stamp = utc_midnight(date) if date else _epoch(options.get("source_date_epoch"))
    attachments = [Attachment(string=data, name=name, description=name,
                              created=stamp, modified=stamp)
                   for name, data in options.get("attachments", [])]
    return _laid_out(document, pdf_variant="pdf/a-3u", attachments=attachments, **fonts)


#: Layouts of one document at most: a hyphen a page turn falls on is planned
#: away and the document laid out again (a new page break may bring another).
LAYOUT_PASSES = 4


def _laid_out(document, font_config, **options) -> bytes:
    """``document.write_pdf(**options)``, except that with total-fit breaking
    a hyphenated line ending a page is broken again without that hyphen
    (:func:`toolkit.pdf.extension.paragraphs.hyphens_at_page_turns`)."""
    # lazy: WeasyPrint takes ≈0.5 s to import: only when pages are laid out
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.formatting_structure.boxes import LineBox

    options = {**DEFAULT_OPTIONS, **options}
    rendered = document.render(font_config, **options)
    settings = current()
    for _ in range(LAYOUT_PASSES - 1):
        if settings.line_breaking != "total-fit" or not hyphens_at_page_turns(
                rendered, settings.page_turns, LineBox):
            break
        rendered = document.render(font_config, **options)
    return rendered.write_pdf(**options)


def _epoch(source_date_epoch: str | None) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` (the building machine's, not a worker's) if
    set, else 1970-01-01: never the clock."""
    seconds = int(source_date_epoch or "0")
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
