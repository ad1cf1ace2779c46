"""Whole-process wall time of building the sample's editions.

Each run is a fresh `python -m toolkit build` process (imports, fonts and
all), as a user or a script would pay it; the median of several runs is
printed. Target on a 2-core machine (issue 2): both editions ≤ 1.5 s.

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
        command = [sys.executable, "-m", "toolkit", "build", "-o", out]
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
    two = time_build(["zh-Hans", "en"], args.runs)
    median = statistics.median(two)
    print(f"build zh-Hans + en, fresh process: median {median:.3f} s "
          f"(min {min(two):.3f}, max {max(two):.3f}, {args.runs} runs); "
          f"target ≤ {TARGET_SECONDS} s: {'met' if median <= TARGET_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
