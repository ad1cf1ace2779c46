"""Catalog workflow at scale: update and check for many articles.

Generates a project of N articles from the sample with varied edits (a
figure changed, a paragraph inserted, one dropped, two swapped), gives every
message a translation, then edits the sources again and times, in process:
``update`` after the edits, a no-change ``update``, and ``check``. Run for
several N to see how it grows. Targets (issue 4): near-linear in the number
of messages; a no-change update well under 1 s per 100 catalogs.

    python benchmarks/bench_catalogs.py [--sizes 50,100,200]
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.catalogs.po import read_po_file, write_catalog
from toolkit.project import load_project
from toolkit.workflow.status import check
from toolkit.workflow.update import update

SAMPLE = ROOT / "sources" / "jinshan-digital-transformation.txt"


def vary(lines: list[str], rng: random.Random, n: int) -> list[str]:
    """One article's worth of edits on the sample's lines (title, blank, body)."""
    lines = list(lines)
    body = list(range(2, len(lines) - 1))
    lines[0] = lines[0] + f"（之{n}）"  # every article its own title
    for _ in range(rng.randint(1, 3)):
        i = rng.choice(body)
        kind = rng.choice(["figure", "insert", "drop", "swap"])
        if kind == "figure" and any(c.isdigit() for c in lines[i]):
            digits = [k for k, c in enumerate(lines[i]) if c.isdigit()]
            k = rng.choice(digits)
            lines[i] = lines[i][:k] + str((int(lines[i][k]) + 1) % 10) + lines[i][k + 1:]
        elif kind == "insert":
            lines.insert(i, f"第{n}篇新增的一段，說明第{rng.randint(1, 99)}項工作的進展情況。")
        elif kind == "drop" and len(lines) > 6:
            del lines[i]
        elif kind == "swap":
            j = rng.choice(body)
            lines[i], lines[j] = lines[j], lines[i]
    return lines


def make_project(folder: Path, n: int, rng: random.Random) -> list[list[str]]:
    for name in ("locales", "templates"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "toolkit.toml", folder / "toolkit.toml")
    (folder / "sources").mkdir()
    sample = SAMPLE.read_text(encoding="utf-8").split("\n")
    articles = [vary(sample, rng, k) for k in range(n)]
    for k, lines in enumerate(articles):
        (folder / "sources" / f"article-{k:03d}.txt").write_text("\n".join(lines), "utf-8")
    return articles


def translate_everything(project) -> int:
    count = 0
    for path in (project.locales_dir / "en" / "LC_MESSAGES").glob("article-*.po"):
        po = read_po_file(path, "en")
        for message in po.catalog:
            if message.id and not message.string:
                message.string = f"EN {len(message.id)} {message.id[:4]}"
                count += 1
        write_catalog(path, po.catalog, po.layout)
    return count


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,100,200")
    args = parser.parse_args()
    print(f"{'articles':>8} {'messages':>8} {'update after edits':>18} {'no-change update':>16} "
          f"{'per 100':>8} {'check':>7}")
    for n in map(int, args.sizes.split(",")):
        rng = random.Random(n)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            articles = make_project(folder, n, rng)
            project = load_project(folder)
            update(project)
            messages = translate_everything(project)
            for k, lines in enumerate(articles):  # the sources change again
                (folder / "sources" / f"article-{k:03d}.txt").write_text(
                    "\n".join(vary(lines, rng, k)), "utf-8")
            edited, _ = timed(lambda: update(project))
            unchanged, written = timed(lambda: update(project))
            assert not written.changed, "a no-change update wrote files"
            checked, findings = timed(lambda: check(project))
            print(f"{n:8d} {messages:8d} {edited:17.2f}s {unchanged:15.2f}s "
                  f"{unchanged * 100 / n:7.2f}s {checked:6.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
