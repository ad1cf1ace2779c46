"""The house: packages by stage, the import contracts, no circle, and a
wheel that holds the whole package."""
from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import grimp
import pytest

import toolkit
from support import ROOT

STAGES = ("read", "convert", "catalogs", "render", "pdf", "pdf.extension", "pipeline", "workflow", "web")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    """`lint-imports` on the toolkit found first on the path under ``tree``."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(tree / "pyproject.toml")],
                          cwd=tree, env=env, capture_output=True, text=True, timeout=120)


def verdicts(report: str) -> dict[str, str]:
    """Contract name → KEPT or BROKEN, from lint-imports' summary (names wrap
    at 80 columns there)."""
    summary = report.split(" dependencies.", 1)[1].split("Contracts:", 1)[0]
    summary = " ".join(summary.lstrip().lstrip("-").split())
    found = re.findall(r"(.+?) (KEPT|BROKEN)(?: |$)", summary)
    return {name.strip(): verdict for name, verdict in found}


def copy_of_the_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "toolkit", tree / "toolkit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    shutil.copy(ROOT / "README.md", tree / "README.md")
    return tree


def plant(tree: Path, module: str, line: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = tree / module.replace(".", "/") / "__init__.py"
    text = path.read_text(encoding="utf-8")
    at = text.index("\nfrom toolkit") + 1  # among its own imports, at the top
    path.write_text(text[:at] + line + "\n" + text[at:], encoding="utf-8")


def test_the_listing_shows_the_stages_each_saying_what_it_turns_into_what():
    for stage in STAGES:
        package = importlib.import_module(f"toolkit.{stage}")
        assert Path(package.__file__).name == "__init__.py", stage
        assert package.__doc__ and ("→" in package.__doc__ or "↔" in package.__doc__), stage
    flat = sorted(p.stem for p in Path(toolkit.__file__).parent.glob("*.py"))
    assert len(flat) <= 13, flat  # the ground floor, the CLI and the package itself


def test_the_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert verdicts(result.stdout) and set(verdicts(result.stdout).values()) == {"KEPT"}


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("toolkit.read.chars", "from toolkit import cli", "Stages run one way"),
    ("toolkit.catalogs.po", "from toolkit.read import sidecar", "Stages run one way"),
    ("toolkit.render.filters", "from toolkit.read import chars", "Rendering adds catalogs"),
    ("toolkit.pdf.extension.typeset", "from toolkit.pdf import fonts", "extension stands alone"),
    ("toolkit.workflow.status", "from toolkit.pipeline import build", "never the plan or the build"),
    ("toolkit.read.chars", "from toolkit.read import lines", "No circle"),
])
def test_a_planted_import_is_refused(tmp_path, module, line, contract):
    tree = copy_of_the_tree(tmp_path)
    plant(tree, module, line)
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [name for name, verdict in verdicts(result.stdout).items() if verdict == "BROKEN"]
    assert any(contract in name for name in broken), result.stdout


def strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's components of more than one module (or a module importing
    itself): every circle in the graph lies inside one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1 or module in graph.find_modules_directly_imported_by(module):
                found.append(component)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_circle_anywhere_imports_inside_functions_included():
    graph = grimp.build_graph("toolkit", cache_dir=None)
    assert strongly_connected(graph) == []
    # ...and the finder finds one when there is one
    graph.add_import(importer="toolkit.files", imported="toolkit.project")
    assert strongly_connected(graph) == [{"toolkit.files", "toolkit.project"}]


def test_toolkit_imports_sit_at_the_top():
    """An import inside a function is kept only for a heavy library, with a
    note; the toolkit's own modules are all imported at the top."""
    import ast

    hidden = []
    for path in Path(toolkit.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = path.read_text(encoding="utf-8").splitlines()
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("toolkit"):
                    hidden.append(f"{path}:{node.lineno}")
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    above = lines[node.lineno - 2].strip()
                    first_of_group = not lines[node.lineno - 2].lstrip().startswith(("import ", "from "))
                    if first_of_group and not above.startswith("# lazy:"):
                        hidden.append(f"{path}:{node.lineno} (no note)")
    assert hidden == []


def test_the_wheel_holds_every_module_and_data_file(tmp_path):
    tree = copy_of_the_tree(tmp_path)
    out = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--disable-pip-version-check", "-w", str(out), str(tree)],
                   check=True, capture_output=True, timeout=300,
                   # (a home of its own: build tools may leave settings there)
                   env=dict(os.environ, PIP_NO_INDEX="1", PIP_NO_CACHE_DIR="1",
                            HOME=str(tmp_path)))
    (wheel,) = out.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "toolkit"
    expected = {p.relative_to(ROOT).as_posix() for p in package.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    assert expected - names == set()
    assert {"toolkit/convert/data/phrases.tsv", "toolkit/web/templates/review.html",
            "toolkit/web/static/app.js", "toolkit/pdf/extension/typeset.py"} <= names


def test_the_sample_desk_design_is_the_packaged_design():
    """Two copies, one design: the repository's templates/ and label
    catalogs are the sample desk's, and must not drift from the package's."""
    from toolkit.render.design import DESIGN

    ours = {p.name: p.read_bytes() for p in (ROOT / "templates").iterdir() if p.is_file()}
    packaged = {p.name: p.read_bytes() for p in (DESIGN / "templates").iterdir() if p.is_file()}
    assert ours == packaged, "templates/ and toolkit/render/design/templates/ differ"
    labels = ROOT / "locales" / "en" / "LC_MESSAGES" / "labels.po"
    assert labels.read_bytes() == (DESIGN / "locales/en/LC_MESSAGES/labels.po").read_bytes()
    assert (ROOT / "locales/labels.pot").read_bytes() == (DESIGN / "locales/labels.pot").read_bytes()
