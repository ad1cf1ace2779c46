"""The desk's pages at scale (issue 21): a 10,000-article desk and a
100,000-message article, each answered within a second.

Makes two projects in a temporary folder: a desk of ``--articles`` short
articles (each with its English catalog, some segments translated), and a
desk of one article of ``--messages`` paragraphs (its catalog translated in
part, so the review page offers memory suggestions). Serves each with
``toolkit serve``'s application (uvicorn, in a thread, on 127.0.0.1, without
the background drafts, which would compete for the same core) and asks, over
HTTP, with the session's cookie:

* ``GET /`` of the big desk, and ``GET /article/<slug>`` of the long article:
  the first answer (cold: nothing cached in the process, the read cache on
  disk warm as after any build) and the median of ``--runs`` answers after;
* the same pages of the bundled sample's one-article desk, measured in the
  same run: the baseline each figure is also given as a ratio to;
* the long article's review page right after a save from the desk (the
  desk keeps the catalog it wrote), and the save itself.

Target: every answer within a second.

    python benchmarks/bench_pages.py [--runs 5] [--articles 10000] [--messages 100000]
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_serve import copy_sample_project as copy_sample  # noqa: E402

SAMPLE = "jinshan-digital-transformation"
TARGET_SECONDS = 1.0
SETTINGS = '[project]\npublication = "Bench Desk"\nlocales = ["en"]\nmax_source_mb = 50\n'


def _catalog_for(project_root: Path, source: Path, translated_every: int) -> None:
    """The English catalog of one source: every ``translated_every``-th
    segment translated (a stand-in English), the rest untranslated."""
    from toolkit.catalogs.po import catalog_bytes
    from toolkit.catalogs.segments import article_template
    from toolkit.files import article_slug
    from toolkit.pipeline.snapshot import load_source
    from toolkit.project import load_project

    project = load_project(project_root)
    item = load_source(project, source)
    catalog = article_template(item.article)
    catalog.locale = "en"
    for number, message in enumerate(catalog):
        if message.id and number % translated_every == 0:
            message.string = f"Segment {number} in English."
    path = project.catalog_path("en", article_slug(source))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(catalog_bytes(catalog))


def make_big_desk(folder: Path, count: int) -> Path:
    """``count`` short articles (a title and five paragraphs each), one
    catalog made and copied to every article (so each has a few matches)."""
    (folder / "sources").mkdir(parents=True)
    (folder / "toolkit.toml").write_text(SETTINGS, encoding="utf-8")
    shutil.copytree(ROOT / "templates", folder / "templates")
    body = ["人民网上海7月21日电 金山区举行城市数字化转型大会。"] + [
        f"第{k}段：金山将以转型新发展塑造新形象为主线，推进产业数字化。" for k in range(1, 5)]
    for n in range(count):
        text = "\n\n".join([f"金山区城市数字化转型简报（第{n + 1}期）", *body]) + "\n"
        (folder / "sources" / f"brief-{n:05}.txt").write_text(text, encoding="utf-8")
    first = folder / "sources" / "brief-00000.txt"
    _catalog_for(folder, first, 2)
    catalog = (folder / "locales" / "en" / "LC_MESSAGES" / "brief-00000.po").read_bytes()
    for n in range(1, count):
        (folder / "locales" / "en" / "LC_MESSAGES" / f"brief-{n:05}.po").write_bytes(catalog)
    return folder


def make_long_article(folder: Path, count: int) -> Path:
    """One article of ``count`` paragraphs, every third translated."""
    (folder / "sources").mkdir(parents=True)
    (folder / "toolkit.toml").write_text(SETTINGS, encoding="utf-8")
    shutil.copytree(ROOT / "templates", folder / "templates")
    lines = ["金山区城市数字化转型长篇报告"] + [
        f"第{k}段：金山将以转型新发展塑造新形象为主线，推进第{k}项产业数字化。"
        for k in range(1, count)]
    source = folder / "sources" / "long.txt"
    source.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    _catalog_for(folder, source, 3)
    return folder


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """The desk's application over one project, served by uvicorn in a
    thread; ``get`` asks a page with the session's cookie."""

    def __init__(self, project: Path, drafts: bool = False):
        import uvicorn

        from toolkit.web.app import create_app

        self.app = create_app(project, watch=False)
        if not drafts:  # (no drafts: see the docstring)
            self.app.state.desk.rebuild_soon = lambda first=None: None
        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        token = self.app.state.desk.token
        self.opener.open(f"http://127.0.0.1:{self.port}/static/app.js?token={token}").read()

    def get(self, path: str) -> tuple[float, int]:
        """Seconds to the whole answer, and its size in bytes."""
        start = time.perf_counter()
        with self.opener.open(f"http://127.0.0.1:{self.port}{path}", timeout=900) as answer:
            size = len(answer.read())
        return time.perf_counter() - start, size

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join()


def measure(project: Path, path: str, runs: int) -> tuple[float, float, int]:
    """(first answer, median of ``runs`` after, bytes) of one page."""
    served = Served(project)
    try:
        first, size = served.get(path)
        after = [served.get(path)[0] for _ in range(runs)]
    finally:
        served.stop()
    return first, statistics.median(after), size


def measure_after_save(project: Path, slug: str, path: str, runs: int) -> tuple[float, float]:
    """(median save, median answer of the page after it) of ``runs`` saves
    of one segment from the desk, the page asked once before."""
    from toolkit.web import desk as workbench

    served = Served(project)
    try:
        served.get(path)
        saves, pages = [], []
        for run in range(runs):
            desk_project = served.app.state.desk.project()
            row = workbench.review(desk_project, slug, "en").rows[1]
            started = time.perf_counter()
            workbench.save(desk_project, slug, "en", row.key, f"Edited, take {run}.",
                           "translated", row.fingerprint)
            saves.append(time.perf_counter() - started)
            pages.append(served.get(path)[0])
    finally:
        served.stop()
    return statistics.median(saves), statistics.median(pages)


def _warm_read_cache(project: Path) -> None:
    """What any build leaves: every article's reading in the read cache."""
    from toolkit.pipeline.snapshot import load_sources
    from toolkit.project import load_project

    load_sources(load_project(project))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(base / "cache")
        os.environ.setdefault("TOOLKIT_REVIEWER", "Benchmark")
        started = time.perf_counter()
        sample = copy_sample(base / "sample")
        big = make_big_desk(base / "big", args.articles)
        long = make_long_article(base / "long", args.messages)
        for project in (sample, big, long):
            _warm_read_cache(project)
        print(f"projects made in {time.perf_counter() - started:.0f} s")
        rows = [
            ("index", f"{args.articles:,} articles", big, "/", sample, "/"),
            ("review", f"{args.messages:,} messages", long, "/article/long?locale=en",
             sample, f"/article/{SAMPLE}?locale=en"),
        ]
        failed = False
        for page, size, project, path, baseline_project, baseline_path in rows:
            base_first, base_warm, _ = measure(baseline_project, baseline_path, args.runs)
            first, warm, length = measure(project, path, args.runs)
            verdict = "met" if max(first, warm) <= TARGET_SECONDS else "NOT met"
            failed |= verdict != "met"
            print(f"{page} page, {size}: first {first:.2f} s "
                  f"({first / base_first:.1f} × the sample's {base_first * 1000:.0f} ms), "
                  f"then {warm:.2f} s ({warm / base_warm:.1f} × {base_warm * 1000:.0f} ms), "
                  f"{length / 1000:.0f} kB; target ≤ {TARGET_SECONDS:.0f} s: {verdict}")
        save, after = measure_after_save(long, "long", "/article/long?locale=en", args.runs)
        verdict = "met" if after <= TARGET_SECONDS else "NOT met"
        failed |= verdict != "met"
        print(f"review page after a save from the desk, {args.messages:,} messages: {after:.2f} s;"
              f" target ≤ {TARGET_SECONDS:.0f} s: {verdict} (the save itself: {save:.2f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
