"""Saved pages: the toolkit's reading beside the raw output of each
extractor evaluated for it (trafilatura with htmldate, GeneralNewsExtractor,
readability-lxml), on the labelled real pages of tests/data/real_pages, in
one run. Prints, per extractor: titles, dates, authors and body sentences
right, pages whose text still holds furniture (lines that must be dropped),
and the median time per page (medians of 3 runs).

    .venv/bin/pip install -c constraints.txt -e '.[bench]'   # gne, readability-lxml
    .venv/bin/python benchmarks/bench_html.py

Titles compare as the page-text corpus does (Simplified, NFC, without
punctuation and spaces), dates by day, an author of null as none.
"""
from __future__ import annotations

import copy
import json
import statistics
import sys
import time
import tomllib
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from toolkit.convert.simplify import to_simplified  # noqa: E402
from toolkit.read import load_article  # noqa: E402
from toolkit.read.decode import decode_source  # noqa: E402
from toolkit.read.people import person  # noqa: E402

# The labelled pages, read as tests/test_html.py reads them (a benchmark
# does not import the tests).
PAGES = ROOT / "tests" / "data" / "real_pages"
CORPUS = ROOT / "tests" / "corpus"


def key(text: str) -> str:
    """Simplified, NFC, without punctuation, symbols and spaces."""
    text = to_simplified(unicodedata.normalize("NFC", text))
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZS")


def labels() -> dict[str, dict]:
    """title, date (a day), author, a body sentence and the lines that must
    be dropped, of each labelled page."""
    found = {}
    for name, label in json.loads((PAGES / "tw-labels.json").read_text(encoding="utf-8")).items():
        found[name] = {"title": label["title"], "date": label["date"][:10],
                       "author": label["author"] or "", "body": label["body_contains"]}
    for name in ("n4k-chinese_article_001", "n4k-chinese_article_002"):
        meta = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
        found[name] = {"title": meta["title"], "date": meta["publish_date"][:10],
                       "author": "".join(meta["authors"]), "body": None}
    must_drop = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
    for name, label in found.items():
        label["must_drop"] = must_drop[name]["must_drop"]
    return found


LABELS = labels()


def toolkit(html: str, path: Path) -> dict:
    article = load_article(path)
    return {"title": article.title, "date": article.date.isoformat() if article.date else "",
            "author": article.author, "body": [b.text for b in article.blocks]}


def trafilatura_raw(html: str, path: Path) -> dict:
    import lxml.html
    import trafilatura
    from trafilatura.metadata import extract_metadata

    tree = lxml.html.document_fromstring(html)
    meta = extract_metadata(copy.deepcopy(tree))
    text = trafilatura.extract(copy.deepcopy(tree), include_comments=False) or ""
    return {"title": meta.title or "", "date": (meta.date or "")[:10], "author": meta.author or "",
            "body": text.split("\n")}


def gne_raw(html: str, path: Path) -> dict:
    from gne import GeneralNewsExtractor

    found = GeneralNewsExtractor().extract(html)
    return {"title": found.get("title") or "", "date": (found.get("publish_time") or "")[:10],
            "author": found.get("author") or "", "body": (found.get("content") or "").split("\n")}


def readability_raw(html: str, path: Path) -> dict:
    import lxml.html
    from readability import Document

    document = Document(html)
    body = lxml.html.fromstring(document.summary()).text_content()
    return {"title": document.short_title(), "date": "", "author": "",
            "body": [line for line in body.split("\n") if line.strip()]}


EXTRACTORS = {"toolkit (trafilatura + reader)": toolkit, "trafilatura raw": trafilatura_raw,
              "gne raw": gne_raw, "readability-lxml raw": readability_raw}


def judge(found: dict, label: dict) -> dict[str, bool]:
    body = [key(line) for line in found["body"]]
    texts = [key(found["title"]), *body]
    return {
        "title": key(found["title"]) == key(label["title"]),
        "date": found["date"] == label["date"],
        # the raw extractors give a credit as the page writes it: judged by its person
        "author": person(found["author"]) == label["author"] or found["author"] == label["author"],
        "body": label["body"] is None or any(key(label["body"]) in text for text in body),
        "no furniture": not any(key(line) in text for line in label["must_drop"] for text in texts),
    }


def main() -> None:
    pages = {name: (PAGES / f"{name}.html") for name in sorted(LABELS)}
    htmls = {name: decode_source(path.read_bytes(), str(path))[0] for name, path in pages.items()}
    print(f"{len(pages)} labelled real pages (tests/data/real_pages); time: median of 3 runs")
    header = f"{'extractor':32} {'title':>6} {'date':>6} {'author':>7} {'body':>6} {'clean':>6} {'ms/page':>8}"
    print(header)
    for name, extract in EXTRACTORS.items():
        try:
            results, times = {}, []
            for _ in range(3):
                start = time.perf_counter()
                results = {page: extract(htmls[page], pages[page]) for page in pages}
                times.append((time.perf_counter() - start) / len(pages) * 1000)
        except ImportError as exc:
            print(f"{name:32} not installed ({exc.name}): pip install -e '.[bench]'")
            continue
        scores = [judge(results[page], LABELS[page]) for page in pages]
        counts = {field: sum(s[field] for s in scores) for field in scores[0]}
        print(f"{name:32} {counts['title']:>3}/{len(pages):<2} {counts['date']:>3}/{len(pages):<2} "
              f"{counts['author']:>4}/{len(pages):<2} {counts['body']:>3}/{len(pages):<2} "
              f"{counts['no furniture']:>3}/{len(pages):<2} {statistics.median(times):8.1f}")


if __name__ == "__main__":
    main()
