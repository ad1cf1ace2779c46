"""Reading and conversion against bare OpenCC: accuracy and throughput.

Accuracy: the 1,000 real Traditional/Simplified sentence pairs in
tests/data/ud_gsd_trad_simp_pairs.tsv (UD Chinese-GSD / GSDSimp, whose
Simplified side was corrected by hand), converted once by bare OpenCC one
sentence at a time, once by OpenCC with the toolkit's phrase dictionary
(toolkit/convert/data/phrases.tsv, the same sentences one at a time: what the
dictionary alone does), and once through the toolkit's whole path (a document
of those sentences read by the reader, then converted). Printed: the
Han-character error rate and the share of sentences exactly right.
Target (issue 3): the toolkit makes no more Han errors than bare OpenCC;
(issue 8) with its dictionary, fewer than bare OpenCC for t2s and tw2s.
The UD pairs are a report, not a tuning set: no dictionary entry is read off
them (toolkit/convert/data/README.md).

Throughput: a 10 MB document of the same sentences, five to a paragraph
(article-like), read and converted by the toolkit vs. one bare
``OpenCC.convert`` call on the same text. Target: ≥ 50% of bare OpenCC.

    python benchmarks/bench_convert.py [--mb 10] [--configs t2s,tw2s]
"""
from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.convert.simplify import convert_article, converter
from toolkit.han import HAN_RE
from toolkit.project import SIMPLIFYING_CONFIGS
from toolkit.read.page_text import read_article

PAIRS = ROOT / "tests" / "data" / "ud_gsd_trad_simp_pairs.tsv"


def load_pairs() -> list[tuple[str, str]]:
    with PAIRS.open(encoding="utf-8") as fh:
        return [tuple(line.rstrip("\n").split("\t")) for line in fh if line.strip()]


def han_errors(output: str, expected: str) -> int:
    """Han characters of the reference that the output gets wrong."""
    if len(output) == len(expected):
        return sum(1 for o, e in zip(output, expected) if o != e and HAN_RE.match(e))
    errors = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, expected, output,
                                                        autojunk=False).get_opcodes():
        if tag != "equal":
            errors += max(len(HAN_RE.findall(expected[i1:i2])), len(HAN_RE.findall(output[j1:j2])))
    return errors


def score(outputs: list[str], pairs) -> tuple[float, float]:
    total = sum(len(HAN_RE.findall(s)) for _, s in pairs)
    wrong = sum(han_errors(o, s) for o, (_, s) in zip(outputs, pairs))
    exact = sum(o == s for o, (_, s) in zip(outputs, pairs))
    return 100 * wrong / total, 100 * exact / len(pairs)


def toolkit_outputs(pairs, config: str) -> list[str]:
    """Each sentence a paragraph of one document, read and converted."""
    text = "標題\n\n" + "\n\n".join(t for t, _ in pairs) + "\n"
    article = convert_article(read_article(text, path="ud.txt", slug="ud"), config)
    by_line = {b.line: b.text for b in article.blocks}
    if article.dateline:  # a sentence that reads as a dateline keeps its text
        by_line.setdefault(article.dateline.line, "")
    # sentence i stands on line 3 + 2 i
    return [by_line.get(3 + 2 * i, "") for i in range(len(pairs))]


def big_document(pairs, megabytes: float) -> str:
    sentences = [t for t, _ in pairs]
    paragraphs = ["".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    unit = "\n\n".join(paragraphs) + "\n\n"
    repeat = int(megabytes * 1_000_000 / len(unit.encode())) + 1
    return "標題\n\n" + unit * repeat


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--configs", default=",".join(SIMPLIFYING_CONFIGS))
    args = parser.parse_args()
    pairs = load_pairs()
    document = big_document(pairs, args.mb)
    size = len(document.encode()) / 1e6
    print(f"{len(pairs)} sentence pairs; throughput on {size:.1f} MB, median of {args.runs}")
    print("Han err / exact: bare OpenCC; OpenCC + toolkit phrases (sentence by sentence);"
          " the toolkit's whole path")
    print(f"{'config':7} {'bare Han err':>12} {'+phrases':>9} {'toolkit':>8} {'bare exact':>10} "
          f"{'+phrases':>9} {'toolkit':>8} {'bare MB/s':>9} {'toolkit MB/s':>12} {'share':>6}")
    failed = False
    for config in args.configs.split(","):
        bare = opencc.OpenCC(config)
        bare_err, bare_exact = score([bare.convert(t) for t, _ in pairs], pairs)
        with_phrases = converter(config)  # no project phrases: the toolkit's only
        dict_err, dict_exact = score([with_phrases.convert(t) for t, _ in pairs], pairs)
        ours_err, ours_exact = score(toolkit_outputs(pairs, config), pairs)
        bare_s = best_of(args.runs, lambda: bare.convert(document))
        ours_s = best_of(args.runs, lambda: convert_article(
            read_article(document, path="big.txt", slug="big"), config))
        share = bare_s / ours_s
        failed |= ours_err > bare_err or share < 0.5
        failed |= config in ("t2s", "tw2s") and not dict_err < bare_err
        print(f"{config:7} {bare_err:11.3f}% {dict_err:8.3f}% {ours_err:7.3f}% {bare_exact:9.1f}% "
              f"{dict_exact:8.1f}% {ours_exact:7.1f}% {size / bare_s:9.1f} {size / ours_s:12.1f} "
              f"{share:6.0%}")
    print("targets (toolkit errors ≤ bare, with the phrases < bare for t2s and tw2s,"
          " throughput ≥ 50% of bare):", "NOT met" if failed else "met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
