"""``toolkit serve``'s live preview: a rebuild after one edit beside a cold build.

In one run, interleaved, medians of ``--runs``: the server's rebuild after a
translation is saved, until the edition on screen is ready (in its process,
WeasyPrint imported; the page reloads then, and the other editions showing
the translation follow), and a cold ``toolkit build --edition en`` in a fresh process (start-up
included), the time a translator would otherwise wait. Target (issue 14):
the rebuild at most half the cold build.

    python benchmarks/bench_serve.py [--runs 7]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def copy_sample_project(root: Path) -> Path:
    root.mkdir()
    for name in ("sources", "locales", "templates"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "toolkit.toml", root / "toolkit.toml")
    return root


SLUG = "jinshan-digital-transformation"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from toolkit.pipeline.build import build
    from toolkit.web import desk as workbench
    from toolkit.web.app import Desk

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_sample_project(Path(tmp) / "project")
        desk = Desk(project)
        desk.rebuild()  # the server's start: every draft built once
        cold_command = [sys.executable, "-m", "toolkit", "-C", str(project), "build", "--quiet",
                        "--force", "--edition", "en", "-o", str(Path(tmp) / "cold")]
        subprocess.run(cold_command, check=True, capture_output=True)  # warm the OS caches
        rebuilds, colds = [], []
        for run in range(args.runs):
            review = workbench.review(desk.project(), SLUG, "en")
            row = review.rows[0]
            workbench.save(desk.project(), SLUG, "en", row.key,
                           f"{row.translation.split(' (')[0]} ({run})", "translated",
                           row.fingerprint)
            # what the server does on a save: the edition on screen first (the
            # page reloads when it is ready), then the rest
            shown = desk.version
            start = time.perf_counter()
            desk._build(build, sources=[project / "sources" / f"{SLUG}.txt"], editions=("en",))
            rebuilds.append(time.perf_counter() - start)
            assert desk.version > shown, "the edition on screen was not rebuilt"
            desk.rebuild()
            start = time.perf_counter()
            subprocess.run(cold_command, check=True, capture_output=True)
            colds.append(time.perf_counter() - start)
        if desk.problem:
            raise SystemExit(desk.problem)
    rebuild, cold = statistics.median(rebuilds), statistics.median(colds)
    print(f"rebuild after one saved translation (in the server): {rebuild:.3f} s "
          f"(min {min(rebuilds):.3f}, max {max(rebuilds):.3f})")
    print(f"cold toolkit build --edition en (fresh process):    {cold:.3f} s "
          f"(min {min(colds):.3f}, max {max(colds):.3f})")
    print(f"rebuild / cold: {rebuild / cold:.2f}× (target ≤ 0.5×: "
          f"{'met' if rebuild <= 0.5 * cold else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
