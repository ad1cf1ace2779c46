"""Reading accuracy on the corpus of page text (tests/corpus/): real saved
pages of 10 sites as a browser's copy gives them, the sample, and fixtures
written here on the patterns of other sites. Per-field accuracy is printed
(pytest -s, or python tests/test_corpus.py) and must stay above the issue's
floors: title 95 %, dateline 90 %, heading precision 90 % and recall 80 %
(micro-averaged), and no must-drop line inside any block."""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from support import key
from toolkit.read import load_article

CORPUS = Path(__file__).parent / "corpus"
FLOORS = {"title": 0.95, "dateline": 0.90, "heading precision": 0.90, "heading recall": 0.80}


def labels() -> dict[str, dict]:
    found = {}
    for path in sorted(CORPUS.glob("expected*.toml")):
        found.update(tomllib.loads(path.read_text(encoding="utf-8")))
    return found


@cache
def _dateline_parts(dateline) -> dict | None:
    if dateline is None:
        return None
    return {"agency": key(dateline.agency), "place": key(dateline.place),
            "month": dateline.month, "day": dateline.day, "reporter": key(dateline.reporter)}


def score(name: str, label: dict) -> dict:
    """One fixture read and compared with its labels: what went right, and
    the problems, each a line of text."""
    article = load_article(CORPUS / "pages" / f"{name}.txt")
    problems = []
    title_ok = key(article.title) == key(label["title"])
    if not title_ok:
        problems.append(f"title {article.title!r}, expected {label['title']!r}")
    expected_dateline = None
    if label["dateline"]:
        expected_dateline = {"agency": "", "place": "", "month": 0, "day": 0, "reporter": ""}
        expected_dateline.update({k: key(v) if isinstance(v, str) else v
                                  for k, v in label["dateline"].items()})
    got_dateline = _dateline_parts(article.dateline)
    dateline_ok = got_dateline == expected_dateline
    if not dateline_ok:
        problems.append(f"dateline {got_dateline}, expected {expected_dateline}")
    date = article.date.isoformat() if article.date else ""
    if date != label["date"]:
        problems.append(f"date {date!r}, expected {label['date']!r}")
    got_headings = [key(b.text) for b in article.headings]
    expected_headings = [key(h) for h in label["headings"]]
    right = sum(1 for h in got_headings if h in expected_headings)
    for h in set(got_headings) ^ set(expected_headings):
        problems.append(f"heading {h!r} {'not expected' if h in got_headings else 'missed'}")
    paragraphs = [key(b.text) for b in article.blocks if b.kind == "paragraph"]
    for field, paragraph in (("first", paragraphs[:1]), ("last", paragraphs[-1:])):
        if not paragraph or not paragraph[0].startswith(key(label[field])):
            problems.append(f"{field} paragraph {paragraph[0][:20] if paragraph else None!r}, "
                            f"expected {key(label[field])!r}")
    texts = [key(article.title)] + [key(b.text) for b in article.blocks]
    for line in label["must_drop"]:
        if any(key(line) in text for text in texts):
            problems.append(f"furniture kept: {line!r}")
    return {"title": title_ok, "dateline": dateline_ok, "headings found": len(got_headings),
            "headings expected": len(expected_headings), "headings right": right,
            "problems": problems}


def accuracy(results: dict[str, dict]) -> dict[str, float]:
    n = len(results)
    found = sum(r["headings found"] for r in results.values())
    expected = sum(r["headings expected"] for r in results.values())
    right = sum(r["headings right"] for r in results.values())
    return {"title": sum(r["title"] for r in results.values()) / n,
            "dateline": sum(r["dateline"] for r in results.values()) / n,
            "heading precision": right / found if found else 1.0,
            "heading recall": right / expected if expected else 1.0}


def report(results: dict[str, dict]) -> str:
    lines = [f"{name}: {'ok' if not r['problems'] else '; '.join(r['problems'])}"
             for name, r in results.items()]
    lines += [f"{field}: {value:.1%} (floor {FLOORS[field]:.0%})"
              for field, value in accuracy(results).items()]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def results():
    return {name: score(name, label) for name, label in labels().items()}


def test_corpus_accuracy_is_above_the_floors(results):
    print("\n" + report(results))
    for field, value in accuracy(results).items():
        assert value >= FLOORS[field], report(results)


@pytest.mark.parametrize("name", sorted(labels()))
def test_no_furniture_in_the_brief(results, name):
    kept = [p for p in results[name]["problems"] if p.startswith("furniture kept")]
    assert not kept


if __name__ == "__main__":
    print(report({name: score(name, label) for name, label in labels().items()}))
