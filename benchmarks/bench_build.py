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


_LOAD_WORDS = ("import time; from toolkit.render import words; start = time.perf_counter(); "
               "words.tokenizer(); print(time.perf_counter() - start)")


def time_word_dictionary(runs: int) -> tuple[float, list[float]]:
    """jieba's dictionary as the headlines load it, in fresh processes: the
    first load (read and sorted, then kept in the private cache), and the
    loads after it (from that cache)."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache, "PYTHONPATH": str(ROOT)}

        def load() -> float:
            done = subprocess.run([sys.executable, "-c", _LOAD_WORDS], cwd=ROOT, env=env,
                                  check=True, capture_output=True, text=True)
            return float(done.stdout)

        first = load()
        return first, [load() for _ in range(runs)]


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
    first, cached = time_word_dictionary(args.runs)
    print(f"jieba's dictionary for headlines, per build process: {first:.3f} s the first time "
          f"(read, sorted, cached), then median {statistics.median(cached):.3f} s "
          f"(min {min(cached):.3f}, max {max(cached):.3f}, {len(cached)} runs)")
    ratio = statistics.median(three) / statistics.median(two)
    print(f"three editions / two editions: {ratio:.2f}× "
          f"(target ≤ 1.6×: {'met' if ratio <= 1.6 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
