"""The English edition beside Typst (issue 25): hyphens, word spaces, flush
lines, page turns, and layout time.

For the sample article and the trial article (``../shared/data/trial/``,
with its catalog; skipped if absent), in one warm process:

* the toolkit's English edition laid out first-fit (as WeasyPrint breaks
  lines) and total-fit (``[typography] line_breaking``, the default), runs
  interleaved, medians of ``--runs``;
* the same text (title, subheads, paragraphs, taken from the edition's
  HTML) set by Typst's Python binding: Noto Serif 10.5 pt on the same
  measure (A4, 20 mm side margins, 24 mm top and bottom), justified,
  ``hyphenate: true``, ``lang: "en"``, first-line indent 1.5 em after the
  first paragraph, line spacing 1.5 (``typst.Compiler``, warm, medians).

Every PDF is read the same way (``tests/latin_lines.py``): body-size lines
in the text frame, words and the gaps between them. Prints, per article, the
table of issue 25 for the three, plus layout time per page and the total-fit
to first-fit time ratio (target ≤ 1.5).

    python benchmarks/bench_english.py [--runs 5] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from latin_lines import body_lines, compounds_of, measure  # noqa: E402

TRIAL = ROOT.parent / "shared" / "data" / "trial"
TRIAL_SLUG = "jinshan-industrial-internet-plan"
SAMPLE_SLUG = "jinshan-digital-transformation"

TYPST_PAGE = """#set page(paper: "a4", margin: (x: 20mm, y: 24mm))
#set text(font: "Noto Serif", size: 10.5pt, lang: "en", hyphenate: true)
#set par(justify: true, first-line-indent: 1.5em, leading: 0.8em, spacing: 0.8em)
#show heading: set text(font: "Noto Sans")
#show heading.where(level: 1): set text(size: 17pt)
#show heading.where(level: 2): set text(size: 12pt)
"""


def trial_project(folder: Path) -> Path:
    """A desk of the trial article and its catalog."""
    shutil.copy(ROOT / "toolkit.toml", folder / "toolkit.toml")
    shutil.copytree(ROOT / "templates", folder / "templates")
    (folder / "sources").mkdir()
    for suffix in (".txt", ".meta.toml"):
        shutil.copy(TRIAL / f"{TRIAL_SLUG}{suffix}", folder / "sources" / f"{TRIAL_SLUG}{suffix}")
    messages = folder / "locales" / "en" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    shutil.copy(TRIAL / f"{TRIAL_SLUG}.po", messages / f"{TRIAL_SLUG}.po")
    shutil.copytree(ROOT / "locales" / "en" / "LC_MESSAGES", messages, dirs_exist_ok=True,
                    ignore=lambda _, names: [n for n in names if n.startswith(SAMPLE_SLUG)])
    shutil.copy(ROOT / "locales" / "labels.pot", folder / "locales" / "labels.pot")
    return folder


def english_html(project_root: Path, slug: str) -> str:
    from toolkit.pipeline.build import render_documents
    from toolkit.project import load_project

    project = load_project(project_root)
    return next(html for job, html in render_documents(project, allow_incomplete=True)
                if job.edition.name == "en" and job.item.article.slug == slug)


def typst_document(html: str) -> str:
    """The edition's title, subheads and paragraphs as a Typst document."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    parts = [TYPST_PAGE]
    for element in tree.iter("h1", "h2", "p"):
        text = " ".join(element.text_content().split())
        if not text:
            continue
        if element.tag in ("h1", "h2"):
            parts.append(f"#heading(level: {element.tag[1]}, {json.dumps(text)})\n")
        elif element.xpath("ancestor::main") and "text" in (element.get("class") or "").split():
            parts.append(f"#{json.dumps(text)}\n")
    return "\n".join(parts)


def median_seconds(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pages(pdf: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def compare(name: str, project_root: Path, slug: str, out: Path, runs: int) -> None:
    import typst

    from toolkit.pdf.workers import Document, lay_out_one

    html = english_html(project_root, slug)
    templates = project_root / "templates"
    documents = {mode: Document(html, templates, {"profile": "screen", "line_breaking": mode})
                 for mode in ("first-fit", "total-fit")}
    pdfs = {mode: lay_out_one(document) for mode, document in documents.items()}  # warm
    times: dict[str, list[float]] = {mode: [] for mode in documents}
    for _ in range(runs):  # interleaved: both see the same machine
        for mode, document in documents.items():
            times[mode].append(median_seconds(lambda: lay_out_one(document), 1))
    source = out / f"{slug}.typ"
    source.write_text(typst_document(html), encoding="utf-8")
    compiler = typst.Compiler(root=str(out))
    pdfs["Typst"] = compiler.compile(input=str(source))
    times["Typst"] = [median_seconds(lambda: compiler.compile(input=str(source)), 1)
                      for _ in range(runs)]
    from lxml import html as lxml_html

    compounds = compounds_of(lxml_html.fromstring(html).text_content())
    rows: dict[str, dict[str, str]] = {}
    for setter, pdf in pdfs.items():
        path = out / f"{slug}.{setter}.pdf"
        path.write_bytes(pdf)
        row = measure(body_lines(path), compounds=compounds).row()
        count = pages(pdf)
        row["layout time per page"] = f"{statistics.median(times[setter]) / count * 1000:.0f} ms " \
                                      f"({count} pages)"
        rows[setter] = row
    print(f"\n## {name}: English edition\n")
    print("| measure | toolkit first-fit | toolkit total-fit | Typst 0.15 |")
    print("| --- | --- | --- | --- |")
    for key in rows["Typst"]:
        print(f"| {key} | {rows['first-fit'][key]} | {rows['total-fit'][key]} | "
              f"{rows['Typst'][key]} |")
    ratio = statistics.median(times["total-fit"]) / statistics.median(times["first-fit"])
    print(f"\ntotal-fit layout time / first-fit: {ratio:.2f}× (target ≤ 1.5×; medians of {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the PDFs and the Typst sources here")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        out = arguments.keep or Path(temporary) / "out"
        out.mkdir(parents=True, exist_ok=True)
        compare("the sample", ROOT, SAMPLE_SLUG, out, arguments.runs)
        if TRIAL.is_dir():
            trial = Path(temporary) / "trial"
            trial.mkdir()
            compare("the trial article", trial_project(trial), TRIAL_SLUG, out, arguments.runs)
        else:
            print(f"\n(the trial article is read from {TRIAL}: not there, skipped)")


if __name__ == "__main__":
    main()
