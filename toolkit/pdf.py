"""HTML → PDF (WeasyPrint), laid out on every core.

WeasyPrint is imported here and only here, lazily: importing it costs about
0.7 s, which ``toolkit convert`` and the catalog commands should not pay.
"""
from __future__ import annotations

import datetime
import functools
import multiprocessing
import os
from pathlib import Path

from .errors import ConfigError, EnvironmentProblem
from .files import inside, utc_midnight
from .normalise import HAN_RE

#: The face every Chinese edition needs (Debian package fonts-noto-cjk).
CJK_FONT = "Noto Serif CJK SC"


@functools.cache
def check_environment() -> None:
    """Stop early, naming the package, when WeasyPrint would silently degrade:
    without HarfBuzz's subsetter it falls back to fontTools (a 2-page CJK brief
    takes ~15 s instead of ~0.3 s); without the SC face, Chinese comes out in
    whatever font fontconfig finds, or as tofu. Both checks run in-process on
    the libraries WeasyPrint itself loaded. (Call :func:`toolkit.extension.install`
    first: it must come before WeasyPrint's import.)"""
    from weasyprint.text import ffi as wffi

    if wffi.harfbuzz_subset is None or not wffi.harfbuzz.hb_version_atleast(4, 1, 0):
        raise EnvironmentProblem(
            "WeasyPrint cannot load HarfBuzz's subsetter (libharfbuzz-subset.so.0); "
            "install the Debian package libharfbuzz-subset0")
    if _matched_family(wffi, CJK_FONT) != CJK_FONT:
        raise EnvironmentProblem(
            f"font {CJK_FONT!r} not found by fontconfig; install the Debian package fonts-noto-cjk")


def _matched_family(wffi, family: str) -> str:
    ffi, fc = wffi.ffi, wffi.fontconfig
    pattern = fc.FcPatternCreate()
    try:
        fc.FcPatternAddString(pattern, b"family", family.encode())
        fc.FcConfigSubstitute(ffi.NULL, pattern, 0)  # FcMatchPattern
        fc.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fc.FcFontMatch(ffi.NULL, pattern, result)
        if match == ffi.NULL:
            return ""
        try:
            value = ffi.new("FcChar8 **")
            if fc.FcPatternGetString(match, b"family", 0, value) != 0:
                return ""
            return ffi.string(value[0]).decode()
        finally:
            fc.FcPatternDestroy(match)
    finally:
        fc.FcPatternDestroy(pattern)


#: The C types WeasyPrint allocates while laying out. cffi parses a type
#: string with pycparser the first time it sees it (about 10 ms each); parsed
#: before forking, the workers inherit the parsed types.
_FFI_TYPES = ("PangoRectangle *", "unsigned int *", "PangoFcFontMap *", "hb_tag_t[100]",
              "char[]", "char[4]", "PangoLogAttr[]", "FcResult *", "FcChar8 **", "int *")


@functools.cache
def prepare() -> None:
    """The extension installed and WeasyPrint's C types parsed, before any
    document, and before forking workers that inherit both."""
    from .extension import install

    install()
    from weasyprint.text.ffi import ffi

    for name in _FFI_TYPES:
        ffi.typeof(name)


#: Print profiles: screen (tagged PDF declaring PDF/UA-1), press (3 mm
#: bleed and crop marks around an A4 trim box), archive (PDF/A-3u with the
#: article's source and catalogs attached).
PRESS_CSS = "@page { bleed: 3mm; marks: crop; }"


@functools.cache
def _fetcher_class():
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

        def __init__(self, root: Path):
            super().__init__(allowed_protocols=("data", "file"))
            self.root = root.resolve()

        def fetch(self, url, headers=None):
            from urllib.parse import unquote, urlsplit

            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path))
                if inside(path, self.root):
                    if not path.is_file():
                        raise MissingProjectFile(path)
                    return super().fetch(url, headers)
            raise ValueError(f"refused to fetch {url}: only the files of "
                             f"{self.root} and data: URLs")

    return ProjectFetcher, MissingProjectFile


def html_to_pdf(html: str, base_url: Path, options: dict | None = None) -> bytes:
    """Lay out and write one PDF in a print profile (``options`` from
    :func:`toolkit.build.profile_options`)."""
    prepare()
    check_environment()
    fetcher, missing = _fetcher_class()
    try:
        return _write_pdf(html, base_url, fetcher(base_url), options)
    except missing as error:
        raise ConfigError("missing, and the template links it", str(error.path)) from None


def _write_pdf(html: str, base_url: Path, fetcher, options: dict | None) -> bytes:
    from weasyprint import CSS, HTML, Attachment

    options = dict(options or {})
    profile = options.pop("profile", "screen")
    document = HTML(string=html, base_url=str(base_url) + os.sep, url_fetcher=fetcher)
    if profile == "screen":
        return document.write_pdf(pdf_variant="pdf/ua-1")
    if profile == "press":
        return document.write_pdf(stylesheets=[CSS(string=PRESS_CSS, url_fetcher=fetcher)])
    # archive: attachment dates are the article's, never the clock's.
    date = options.get("date")
    stamp = utc_midnight(date) if date else _epoch()
    attachments = [Attachment(string=data, name=name, description=name,
                              created=stamp, modified=stamp)
                   for name, data in options.get("attachments", [])]
    return document.write_pdf(pdf_variant="pdf/a-3u", attachments=attachments)


def _epoch() -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` if set, else 1970-01-01: never the clock."""
    seconds = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)


def lay_out(documents: list[tuple[str, Path, dict]], jobs: int | None = None) -> list[bytes]:
    """HTML → PDF bytes for each document, on every core.

    Layout is CPU-bound Python and the machine has cores to spare, so the
    documents are shared out by their expected cost (longest first, each to
    the least loaded, Han text weighing most: CJK fonts cost the most to lay
    out and subset); the parent lays out its share while forked workers take
    theirs. The workers inherit the imported WeasyPrint and the checked
    environment, which is why the parent imports and checks first (a fresh
    interpreter would pay ~0.7 s of imports again).
    """
    prepare()
    check_environment()
    workers = min(len(documents), jobs or os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _lay_out_share(documents)
    shares: list[list[int]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for index in sorted(range(len(documents)), key=lambda i: -_cost(documents[i][0])):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += _cost(documents[index][0])
    from concurrent.futures import ProcessPoolExecutor

    results: dict[int, bytes] = {}
    with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"),
                             initializer=die_with_parent) as pool:
        futures = [(share, pool.submit(_lay_out_share, [documents[i] for i in share]))
                   for share in shares[1:] if share]
        results.update(zip(shares[0], _lay_out_share([documents[i] for i in shares[0]])))
        for share, future in futures:
            results.update(zip(share, future.result()))
    return [results[i] for i in range(len(documents))]


def die_with_parent() -> None:
    """In a forked worker: be killed when the parent dies (``kill -9`` of a
    build must not leave workers behind). Linux's PR_SET_PDEATHSIG; elsewhere
    the pool's own shutdown is all there is."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the call: follow it
        os._exit(1)


def _lay_out_share(documents: list[tuple[str, Path, dict]]) -> list[bytes]:
    return [html_to_pdf(*document) for document in documents]


def _cost(html: str) -> int:
    """A layout cost estimate: Han characters weigh about four Latin ones."""
    return len(html) + 4 * len(HAN_RE.findall(html))
