"""Whole-process wall time of building the sample's editions.

Each run is a fresh `python -m toolkit build` process (imports, fonts and
all), as a user or a script would pay it; the median of several runs is
printed, runs of the two builds interleaved so both see the same machine.
Targets on a 2-core machine: the two plain editions (zh-Hans, en) ≤ 1.5 s
(issue 2); all three editions ≤ 1.6 × the two (issue 5).

    python benchmarks/bench_build.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.5


def time_build(editions: list[str], runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "toolkit", "build", "--force", "-o", out]
        for edition in editions:
            command += ["--edition", edition]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)  # warm the OS caches
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    two, three = [], []
    for _ in range(args.runs):
        two += time_build(["zh-Hans", "en"], 1)
        three += time_build(["zh-Hans", "en", "bilingual"], 1)
    for label, times, target in (("zh-Hans + en", two, TARGET_SECONDS),
                                 ("zh-Hans + en + bilingual", three, None)):
        median = statistics.median(times)
        verdict = "" if target is None else \
            f"; target ≤ {target} s: {'met' if median <= target else 'NOT met'}"
        print(f"build {label}, fresh process: median {median:.3f} s "
              f"(min {min(times):.3f}, max {max(times):.3f}, {len(times)} runs){verdict}")
    ratio = statistics.median(three) / statistics.median(two)
    print(f"three editions / two editions: {ratio:.2f}× "
          f"(target ≤ 1.6×: {'met' if ratio <= 1.6 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
