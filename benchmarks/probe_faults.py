"""Faults injected into the commands that write (issue 21): nothing lost,
nothing corrupted.

Each round starts a command in a fresh process and kills it (SIGKILL, no
chance to clean up) at a random point of the time it takes uninterrupted
(measured first), then checks what it left:

* ``build`` of a desk of sample variants (all editions): every PDF in
  ``dist/`` opens with pypdf and has its pages, the manifest reads, and the
  next build makes only what is missing (the journal's work);
* ``update`` after the source gained a paragraph, ``import`` of an XLIFF
  file with every translation changed, and saves from the desk (its
  library's ``save``, one after another): the catalog parses and holds as
  many translations as before, each either as it was or as the command
  meant it;
* two builds into one ``dist/`` at once, each of other editions: the
  manifest keeps the entries of both.

Prints the faults injected and the files lost or corrupted (the target:
none), and exits 1 if any was.

    python benchmarks/probe_faults.py [--rounds 12] [--seed 1]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_pages import copy_sample  # noqa: E402

SLUG = "jinshan-digital-transformation"
TOOLKIT = [sys.executable, "-m", "toolkit"]


def killed(command: list[str], delay: float, cwd: Path) -> bool:
    """Run ``command``, SIGKILL it after ``delay`` seconds; whether it was
    still running then (a fault injected) rather than done."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # (the command and its layout workers)
        process.wait()
        return True


def duration(command: list[str], cwd: Path) -> float:
    """Seconds ``command`` takes uninterrupted (the kills land within it)."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, capture_output=True)
    return time.perf_counter() - started


def pdf_problems(dist: Path) -> list[str]:
    """The PDFs of ``dist`` that do not open whole."""
    from pypdf import PdfReader

    problems = []
    for path in sorted(dist.glob("*.pdf")):
        try:
            if len(PdfReader(path, strict=True).pages) < 1:
                problems.append(f"{path.name}: no pages")
        except Exception as error:  # noqa: BLE001 - any failure to open is the finding
            problems.append(f"{path.name}: {type(error).__name__}: {error}")
    return problems


def translations(project: Path) -> dict[str, str]:
    """msgid → msgstr of the sample's English catalog (raises if it does not parse)."""
    from toolkit.catalogs.po import read_catalog

    catalog = read_catalog(project / "locales" / "en" / "LC_MESSAGES" / f"{SLUG}.po", "en")
    return {message.id: message.string for message in catalog if message.id and message.string}


def make_desk(folder: Path, variants: int) -> Path:
    """The sample and ``variants`` copies of it under other names (their
    catalogs copied too, so every edition of each is built)."""
    project = copy_sample(folder)
    messages = project / "locales" / "en" / "LC_MESSAGES"
    for n in range(variants):
        for suffix in (".txt", ".meta.toml"):
            shutil.copy(project / "sources" / f"{SLUG}{suffix}",
                        project / "sources" / f"copy-{n}{suffix}")
        shutil.copy(messages / f"{SLUG}.po", messages / f"copy-{n}.po")
    return project


def probe_builds(base: Path, rounds: int, rng: random.Random) -> tuple[int, list[str], int]:
    """(faults, problems, PDFs the next build did not have to make again)."""
    project = make_desk(base / "builds", 9)
    whole = duration([*TOOLKIT, "build", "--quiet"], project)
    faults, problems, kept = 0, [], 0
    for _ in range(rounds):
        shutil.rmtree(project / "dist", ignore_errors=True)
        fault = killed([*TOOLKIT, "build", "--quiet"], rng.uniform(0.1, 0.95) * whole, project)
        faults += fault
        problems += pdf_problems(project / "dist")
        done = subprocess.run([*TOOLKIT, "build", "--json"], cwd=project, capture_output=True,
                              text=True)
        summary = json.loads(done.stdout or "{}")
        if done.returncode != 0:
            problems.append(f"build after the kill: exit {done.returncode}: {done.stderr[-300:]}")
        kept += len(summary.get("unchanged", [])) if fault else 0
        problems += pdf_problems(project / "dist")
        left = list((project / "dist").glob(".*.tmp"))
        problems += [f"{path.name}: a temporary file left" for path in left]
    return faults, problems, kept


def probe_catalog_writer(base: Path, name: str, rounds: int, rng: random.Random,
                         prepare, command: list[str]) -> tuple[int, list[str]]:
    """Kill ``command`` (run in a fresh copy prepared by ``prepare``) and
    check the catalog: it parses, and no translation is gone."""
    faults, problems = 0, []
    trial = copy_sample(base / f"{name}-trial")
    prepare(trial)
    whole = duration(command, trial)
    for round_number in range(rounds):
        project = copy_sample(base / f"{name}-{round_number}")
        meant = prepare(project)
        before = translations(project)
        faults += killed(command, rng.uniform(0.1, 1.0) * whole, project)
        try:
            after = translations(project)
        except Exception as error:  # noqa: BLE001 - a catalog that does not parse is the finding
            problems.append(f"{name}: the catalog does not parse: {error}")
            continue
        for msgid, text in before.items():
            if after.get(msgid) not in (text, meant.get(msgid, text)):
                problems.append(f"{name}: {msgid[:20]}…: {text[:30]!r} became "
                                f"{after.get(msgid)!r}")
    return faults, problems


def gain_a_paragraph(project: Path) -> dict[str, str]:
    source = project / "sources" / f"{SLUG}.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.rstrip("\n") + "\n\n金山区新增一段说明文字。\n", encoding="utf-8")
    return {}


def an_xliff_with_every_translation_changed(project: Path) -> dict[str, str]:
    subprocess.run([*TOOLKIT, "export", "--format", "xliff", "-o", "xliff"], cwd=project,
                   check=True, capture_output=True)
    path = next((project / "xliff").glob(f"{SLUG}*.xlf"))
    meant = {msgid: f"{text} (imported)" for msgid, text in translations(project).items()}
    data = path.read_text(encoding="utf-8")
    for text in sorted({t for t in translations(project).values()}, key=len, reverse=True):
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        data = data.replace(f">{escaped}</target>", f">{escaped} (imported)</target>")
    path.write_text(data, encoding="utf-8")
    return meant


SAVES = """
import sys
from pathlib import Path
from toolkit.project import load_project
from toolkit.web import desk
project = load_project(Path("."))
for run in range(1000):
    for row in desk.review(project, sys.argv[1], "en", size=1000).rows:
        desk.save(project, sys.argv[1], "en", row.key, row.translation.split(" (")[0]
                  + f" (save {run})", "translated", row.fingerprint)
"""


def probe_saves(base: Path, rounds: int, rng: random.Random) -> tuple[int, list[str]]:
    faults, problems = 0, []
    for round_number in range(rounds):
        project = copy_sample(base / f"saves-{round_number}")
        before = translations(project)
        faults += killed([sys.executable, "-c", SAVES, SLUG], rng.uniform(1.0, 4.0), project)
        try:
            after = translations(project)
        except Exception as error:  # noqa: BLE001
            problems.append(f"saves: the catalog does not parse: {error}")
            continue
        for msgid, text in before.items():
            if not (after.get(msgid) or "").startswith(text.split(" (")[0]):
                problems.append(f"saves: {msgid[:20]}…: {text[:30]!r} became "
                                f"{after.get(msgid)!r}")
    return faults, problems


def probe_concurrent_builds(base: Path, rounds: int) -> tuple[int, list[str]]:
    project = make_desk(base / "concurrent", 1)
    problems = []
    for _ in range(rounds):
        shutil.rmtree(project / "dist", ignore_errors=True)
        runs = [subprocess.Popen([*TOOLKIT, "build", "--quiet", "--edition", edition],
                                 cwd=project, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
                for edition in ("zh-Hans", "en")]
        for run in runs:
            run.wait()
        data = json.loads((project / "dist" / ".toolkit-manifest.json").read_text("utf-8"))
        names = set(data["outputs"])
        wanted = {f"{slug}.{edition}.pdf" for slug in (SLUG, "copy-0")
                  for edition in ("zh-Hans", "en")}
        if not wanted <= names:
            problems.append(f"two builds: the manifest lost {sorted(wanted - names)}")
        problems += pdf_problems(project / "dist")
    return rounds, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(base / "cache")
        os.environ.setdefault("TOOLKIT_REVIEWER", "Probe")
        results = {}
        faults, problems, kept = probe_builds(base, args.rounds, rng)
        results["build killed"] = (faults, problems)
        results["update killed"] = probe_catalog_writer(
            base, "update", args.rounds, rng, gain_a_paragraph, [*TOOLKIT, "update"])
        results["import killed"] = probe_catalog_writer(
            base, "import", args.rounds, rng, an_xliff_with_every_translation_changed,
            [*TOOLKIT, "import", f"xliff/{SLUG}.en.xlf"])
        results["desk saves killed"] = probe_saves(base, args.rounds, rng)
        results["builds at once"] = probe_concurrent_builds(base, max(2, args.rounds // 3))
    total_faults = sum(faults for faults, _ in results.values())
    total_problems = [problem for _, problems in results.values() for problem in problems]
    for name, (faults, problems) in results.items():
        print(f"{name}: {faults} faults, {len(problems)} files lost or corrupted")
        for problem in problems[:5]:
            print(f"  {problem}")
    print(f"build resumed: {kept} PDFs kept from killed builds, not made again")
    print(f"in all: {total_faults} faults injected, {len(total_problems)} files lost or "
          f"corrupted ({time.perf_counter() - started:.0f} s)")
    return 1 if total_problems else 0


if __name__ == "__main__":
    sys.exit(main())
