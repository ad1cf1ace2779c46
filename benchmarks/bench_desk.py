"""The desk at scale (issue 13): the toolkit beside Typst and bare WeasyPrint.

Makes a project of N variants of the sample (each its own title), then, in
one run, runs interleaved so both sides see the same machine, and prints
medians of ``--runs`` runs:

* a cold batch of N Chinese editions with ``toolkit build`` (fresh process,
  default jobs) and the same text set by Typst's Python binding (one process,
  one ``Compiler``, one document after another; each article's document is
  written by :func:`typst_document` from the toolkit's own Simplified text,
  on the template ``benchmarks/typst/brief.typ``): briefs per second, ratio;
* peak resident memory of the toolkit's process and its workers, summed
  (sampled every 10 ms), for N = 10 and N = 100;
* a no-op rebuild of the N articles, and a rebuild after one source changed,
  each against a cold one-article build (start-up included);
* a cold build of the sample's three editions against bare WeasyPrint's one
  edition (``benchmarks/bare_weasy.py``, a copy of the reference script);
* the size of the sample's Chinese edition beside Typst's PDF of the same
  text (``benchmarks/typst/jinshan-digital-transformation.typ``), per page;
* the time to lay out and write that edition in a warm process with the
  toolkit's lean CJK subsets and with WeasyPrint's own subsetting.

    python benchmarks/bench_desk.py [--runs 7] [--articles 100]
"""
from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SLUG = "jinshan-digital-transformation"
TYPST_TEMPLATE = Path(__file__).resolve().parent / "typst" / "brief.typ"
TOOLKIT = [sys.executable, "-m", "toolkit"]


def make_desk(folder: Path, count: int) -> Path:
    """A project of ``count`` variants of the sample, each its own title."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "toolkit.toml", folder / "toolkit.toml")
    shutil.copytree(ROOT / "templates", folder / "templates")
    sources = folder / "sources"
    sources.mkdir()
    lines = (ROOT / "sources" / f"{SLUG}.txt").read_text(encoding="utf-8").split("\n")
    meta = (ROOT / "sources" / f"{SLUG}.meta.toml").read_bytes()
    for n in range(count):
        variant = [lines[0] + f"（第{n + 1}期）"] + lines[1:]
        (sources / f"brief-{n:03}.txt").write_text("\n".join(variant), encoding="utf-8")
        (sources / f"brief-{n:03}.meta.toml").write_bytes(meta)
    return folder


def _typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_document(article) -> str:
    """One article as a Typst document on the benchmark's template: the
    title as the heading, the dateline and paragraphs as paragraphs, the
    article's headings as second-level headings (text as string literals, so
    nothing in it is read as markup)."""
    from toolkit.convert.simplify import article_text

    blocks = [b for b in article_text(article).split("\n\n") if b.strip()]
    headings = {b.text for b in article.blocks if b.kind == "heading"}
    body = [f"#heading(level: 2, {_typst_string(b)})" if b in headings else f"#{_typst_string(b)}"
            for b in blocks[1:]]
    return (f'#import "brief.typ": brief\n#show: brief.with(title: {_typst_string(blocks[0])})\n\n'
            + "\n\n".join(body) + "\n")


def sample_typst_document() -> str:
    """The sample's Typst document (committed as
    benchmarks/typst/jinshan-digital-transformation.typ; regenerate with
    ``--write-sample``)."""
    from toolkit.pipeline.snapshot import load_source, project_phrases
    from toolkit.project import load_project

    project = load_project(ROOT)
    article = load_source(project, ROOT / "sources" / f"{SLUG}.txt", None, None,
                          project_phrases(project, None)).article
    return typst_document(article)


def pdf_pages(data: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def write_typst_documents(desk: Path, folder: Path) -> list[Path]:
    from toolkit.pipeline.snapshot import load_source, project_phrases
    from toolkit.project import load_project

    project = load_project(desk)
    phrases = project_phrases(project, None)
    folder.mkdir()
    shutil.copy(TYPST_TEMPLATE, folder / "brief.typ")
    documents = []
    for source in sorted((desk / "sources").glob("*.txt")):
        article = load_source(project, source, None, None, phrases).article
        path = folder / f"{source.stem}.typ"
        path.write_text(typst_document(article), encoding="utf-8")
        documents.append(path)
    return documents


#: Typst in one process, one document after another: one Compiler for the
#: batch (fonts scanned once), as a Typst batch tool would do it.
TYPST_BATCH = """\
import os, sys, typst
compiler = typst.Compiler(root=os.path.dirname(sys.argv[1]))
for path in sys.argv[1:]:
    with open(path[:-4] + ".pdf", "wb") as out:
        out.write(compiler.compile(path))
"""
#: The same with typst.compile() per document (the system's fonts scanned
#: for each), the binding's one-call API.
TYPST_EACH = """\
import os, sys, typst
for path in sys.argv[1:]:
    typst.compile(path, output=path[:-4] + ".pdf", root=os.path.dirname(path))
"""


def lean_against_upstream(runs: int) -> tuple[float, float, int, int]:
    """Median seconds to lay out and write the sample's Chinese edition in a
    warm process, with the toolkit's lean CJK subsets and with WeasyPrint's
    own subsetting, runs interleaved; and the two PDFs' sizes."""
    from toolkit.pdf.workers import Document, lay_out_one
    from toolkit.pipeline.build import render_documents
    from toolkit.project import load_project

    project = load_project(ROOT)
    html = next(h for job, h in render_documents(project) if job.edition.name == "zh-Hans")
    document = Document(html, project.templates_dir, {"profile": "screen"})
    # the same document, its fonts subset as WeasyPrint subsets them
    as_upstream = Document(html, project.templates_dir, {"profile": "screen", "lean_fonts": False})
    lay_out_one(document)  # warm: fonts loaded, faces read
    lean, upstream = [], []
    for _ in range(runs):
        start = time.perf_counter()
        lean_pdf = lay_out_one(document)
        lean.append(time.perf_counter() - start)
        start = time.perf_counter()
        upstream_pdf = lay_out_one(as_upstream)
        upstream.append(time.perf_counter() - start)
    return median(lean), median(upstream), len(lean_pdf), len(upstream_pdf)


class PeakMemory:
    """Peak of the summed resident memory of a process and its descendants."""

    def __init__(self, pid: int):
        import psutil

        self.process = psutil.Process(pid)
        self.peak = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        import psutil

        while not self.done.is_set():
            total = 0
            try:
                for process in [self.process] + self.process.children(recursive=True):
                    try:
                        total += process.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            self.peak = max(self.peak, total)
            self.done.wait(0.01)

    def stop(self) -> int:
        self.done.set()
        self.thread.join()
        return self.peak


def timed(command: list[str], memory: bool = False) -> tuple[float, int]:
    """Wall seconds of a command (and its peak summed memory, if asked)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    sampler = PeakMemory(child.pid) if memory else None
    _, err = child.communicate()
    seconds = time.perf_counter() - start
    peak = sampler.stop() if sampler else 0
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode(errors='replace')}")
    return seconds, peak


def build_command(desk: Path, out: Path, *extra: str) -> list[str]:
    return TOOLKIT + ["-C", str(desk), "build", "--quiet", "--edition", "zh-Hans",
                      "-o", str(out), *extra]


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--write-sample", action="store_true",
                        help="rewrite benchmarks/typst/<sample>.typ from the sample and stop")
    args = parser.parse_args()
    committed = TYPST_TEMPLATE.parent / f"{SLUG}.typ"
    if args.write_sample:
        committed.write_text(sample_typst_document(), encoding="utf-8")
        return 0
    if committed.read_text(encoding="utf-8") != sample_typst_document():
        raise SystemExit(f"{committed} is not the sample's text any more: "
                         "rerun with --write-sample")
    n, small = args.articles, max(1, args.articles // 10)
    from importlib import metadata

    import weasyprint

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"WeasyPrint {weasyprint.__version__}, typst (Python binding) "
          f"{metadata.version('typst')}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        desk, little, one = (make_desk(tmp / "desk", n), make_desk(tmp / "little", small),
                             make_desk(tmp / "one", 1))
        typst_docs = write_typst_documents(desk, tmp / "typst")
        text = tmp / "sample.txt"
        text.write_bytes(subprocess.run(TOOLKIT + ["convert", f"sources/{SLUG}.txt"], cwd=ROOT,
                                        check=True, capture_output=True).stdout)
        all_three = TOOLKIT + ["build", "--quiet", "--force", "-o", str(tmp / "three")]
        bare = [sys.executable, str(Path(__file__).parent / "bare_weasy.py"), str(text),
                str(tmp / "bare.pdf")]
        # warm the OS caches once
        timed(build_command(one, tmp / "warm"))
        timed([sys.executable, "-c", TYPST_BATCH, *map(str, typst_docs[:1])])

        figures: dict[str, list[float]] = {k: [] for k in (
            "toolkit", "typst", "typst_each", "peak_n", "peak_small", "one", "noop", "changed", "three", "bare")}
        for run in range(args.runs):
            out = tmp / f"batch-{run}"
            seconds, peak = timed(build_command(desk, out), memory=True)
            figures["toolkit"].append(seconds)
            figures["peak_n"].append(peak)
            figures["typst"].append(timed([sys.executable, "-c", TYPST_BATCH,
                                           *map(str, typst_docs)])[0])
            figures["typst_each"].append(timed([sys.executable, "-c", TYPST_EACH,
                                                *map(str, typst_docs)])[0])
            figures["peak_small"].append(timed(build_command(little, tmp / f"little-{run}"),
                                               memory=True)[1])
            figures["one"].append(timed(build_command(one, tmp / f"one-{run}"))[0])
            figures["noop"].append(timed(build_command(desk, out))[0])
            source = desk / "sources" / f"brief-{run % n:03}.txt"
            source.write_text(source.read_text(encoding="utf-8") + "\n补记。\n",
                              encoding="utf-8")
            figures["changed"].append(timed(build_command(desk, out))[0])
            figures["three"].append(timed(all_three)[0])
            figures["bare"].append(timed(bare)[0])
            shutil.rmtree(out)
        m = {k: median(v) for k, v in figures.items()}
        # PDF size of the sample's Chinese edition beside Typst's, same text
        import typst

        ours = (tmp / "three" / f"{SLUG}.zh-Hans.pdf").read_bytes()
        theirs = typst.Compiler(root=str(TYPST_TEMPLATE.parent)).compile(str(committed))

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    toolkit_rate, typst_rate, each_rate = n / m["toolkit"], n / m["typst"], n / m["typst_each"]
    print(f"batch of {n}, Chinese edition, medians of {args.runs} runs:")
    print(f"  toolkit build (default jobs):          {m['toolkit']:.2f} s, "
          f"{toolkit_rate:.1f} briefs/s")
    print(f"  Typst, one process, one Compiler:      {m['typst']:.2f} s, {typst_rate:.1f} briefs/s")
    print(f"  Typst, one process, compile() per doc: {m['typst_each']:.2f} s, "
          f"{each_rate:.1f} briefs/s")
    for label, rate in (("one Compiler", typst_rate), ("compile() per doc", each_rate)):
        print(f"  toolkit / Typst ({label}): {toolkit_rate / rate:.2f}× "
              f"(target ≥ 1.5×: {verdict(toolkit_rate / rate >= 1.5)})")
    ratio = m["peak_n"] / m["peak_small"]
    print(f"peak memory (process + workers, summed): {m['peak_small'] / 2**20:.0f} MiB for "
          f"{small}, {m['peak_n'] / 2**20:.0f} MiB for {n}: {ratio:.2f}× "
          f"(target ≤ 1.3×: {verdict(ratio <= 1.3)})")
    print(f"cold one-article build: {m['one']:.2f} s")
    print(f"no-op rebuild of {n}: {m['noop']:.2f} s = {m['noop'] / m['one']:.2f}× one article "
          f"(target ≤ 0.5×: {verdict(m['noop'] / m['one'] <= 0.5)})")
    print(f"rebuild after one source changed: {m['changed']:.2f} s = "
          f"{m['changed'] / m['one']:.2f}× one article "
          f"(target ≤ 1.5×: {verdict(m['changed'] / m['one'] <= 1.5)})")
    print(f"sample's Chinese edition: {len(ours) / 1024:.0f} KB in {pdf_pages(ours)} pages "
          f"({len(ours) / pdf_pages(ours) / 1024:.0f} KB/page); Typst: {len(theirs) / 1024:.0f} KB "
          f"in {pdf_pages(theirs)} pages ({len(theirs) / pdf_pages(theirs) / 1024:.0f} KB/page): "
          f"{len(ours) / len(theirs):.2f}× (target ≤ 1.5×: {verdict(len(ours) <= 1.5 * len(theirs))})")
    lean, upstream, lean_size, upstream_size = lean_against_upstream(args.runs)
    print(f"sample's Chinese edition in a warm process, lean CJK subsets / WeasyPrint's own: "
          f"{lean:.3f} s / {upstream:.3f} s ({lean / upstream:.2f}×), "
          f"{lean_size / 1024:.0f} KB / {upstream_size / 1024:.0f} KB")
    print(f"sample, three editions cold: {m['three']:.2f} s; bare WeasyPrint, one edition: "
          f"{m['bare']:.2f} s: {m['three'] / m['bare']:.2f}× "
          f"(target ≤ 1.3×: {verdict(m['three'] / m['bare'] <= 1.3)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
