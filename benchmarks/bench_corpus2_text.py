"""Reading page text from sites the reader was not written for (issue 28):
the corpus of issue 27 as a browser's "select all, copy" gives it.

``tests/data/corpus2/text/NNN-site.txt`` is Chromium's ``innerText`` of
``html/NNN-site.html`` (``tests/corpus/make_page_text.py --out
tests/data/corpus2/text tests/data/corpus2/html/*.html``). Its labels
(``text-labels/``) are the HTML labels, adjusted where the page text differs
(each file's ``text_notes`` says how: captions and furniture that only the
markup holds dropped, a date that only the markup gives made null, a body
that a script reveals cut to what shows); a page whose text holds no article
is ``excluded``. Pages whose number is 2 modulo 3 are the blind split, as
for HTML. No page of the corpus is damaged (no U+FFFD; every ``?`` beside a
Han character is a question mark), so any damage warning is a false alarm.

Scored as ``bench_corpus2.py`` scores HTML (its ``score`` and ``table``),
with the author the reader fills (``Article.author``: what the editions
print), and besides: wrong titles without a "title guessed" warning, right
titles with one, pages with a damage warning.

    python benchmarks/bench_corpus2_text.py [--split dev|blind|all] [--show]

``--show`` prints, page by page, what the toolkit read wrong (and whether a
wrong or right title came with the "title guessed" warning); development
pages only (the blind split is never read to change the reader).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus2 import CORPUS, is_blind, same, score, show, table  # noqa: E402

#: Words of the reader's damage warnings (toolkit.read.damage).
_DAMAGE_WORDS = ("replacement characters", "inside Chinese text", "mojibake", "markup left",
                 "pinyin")


def text_reading(path: Path, seen: dict) -> dict:
    from toolkit.read import load_article

    article = load_article(path)
    seen[path.stem] = article.warnings
    return {"title": article.title, "date": article.date.isoformat() if article.date else None,
            "author": article.author or None,
            "headings": [b.text for b in article.blocks if b.kind == "heading"],
            "paragraphs": [b.text for b in article.blocks if b.kind == "paragraph"],
            "text": [b.text for b in article.blocks]}


def score_text(pages: list[Path], labels: dict, verbose: bool = False) -> tuple[dict, float]:
    seen: dict = {}
    found: dict = {}

    def reader(path: Path) -> dict:
        found[path.stem] = text_reading(path, seen)
        return found[path.stem]

    tally, seconds = score(pages, reader, labels)
    tally.update(wrong_unwarned=0, right_warned=0, damage_pages=0, damage_warnings=0)
    for stem, reading in found.items():
        warnings = [message for _, message in seen[stem]]
        guessed = any(message.startswith("title guessed") for message in warnings)
        right = same(labels[stem]["title"], reading["title"])
        tally["wrong_unwarned"] += not right and not guessed
        tally["right_warned"] += right and guessed
        damage = [m for m in warnings if any(word in m for word in _DAMAGE_WORDS)]
        if verbose:
            show(stem, labels[stem], reading)
            if right == guessed:
                why = next((m for m in warnings if m.startswith("title guessed")), "")
                print(f"  {stem}: {'RIGHT title warned' if right else 'WRONG title unwarned'}: "
                      f"{reading['title']!r} {why[:120]}")
            for message in damage:
                print(f"  damage: {message}")
        tally["damage_pages"] += bool(damage)
        tally["damage_warnings"] += len(damage)
    return tally, seconds


def text_table(rows: dict[str, tuple[dict, float]]) -> str:
    names = list(rows)
    out = [table(rows)]
    for title, render in (
            ("wrong titles without a warning · right titles warned",
             lambda t: f"{t['wrong_unwarned']} · {t['right_warned']}"),
            ("damage warnings on undamaged text (pages · warnings)",
             lambda t: f"{t['damage_pages']} · {t['damage_warnings']}")):
        out.append(f"| {title} | " + " | ".join(render(rows[n][0]) for n in names) + " |")
    return "\n".join(out)


def load(corpus: Path = CORPUS) -> tuple[list[Path], dict]:
    labels = {path.stem: json.loads(path.read_text(encoding="utf-8"))
              for path in sorted((corpus / "text-labels").glob("*.json"))}
    pages = [p for p in sorted((corpus / "text").glob("*.txt"))
             if p.stem in labels and not labels[p.stem].get("excluded")]
    return pages, labels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "blind", "all"), default="all")
    parser.add_argument("--show", action="store_true",
                        help="print what the toolkit read wrong, development pages only")
    args = parser.parse_args()
    if args.show and args.split != "dev":
        parser.error("--show is for the development split only (--split dev)")
    pages, labels = load()
    excluded = sorted(stem for stem, label in labels.items() if label.get("excluded"))
    print(f"{len(pages)} labelled page texts (excluded: {', '.join(excluded) or 'none'})")
    for split in (("dev", "blind") if args.split == "all" else (args.split,)):
        chosen = [p for p in pages if is_blind(p.name) == (split == "blind")]
        print(f"\n{split} ({len(chosen)} pages)\n")
        print(text_table({"toolkit": score_text(chosen, labels, args.show)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
