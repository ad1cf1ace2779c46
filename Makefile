# Targets for a checkout of this project. On a fresh Debian machine start
# with `sh bootstrap.sh run` or `sh bootstrap.sh test`: they install the
# system packages (as root) and then call these targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
AXE    := .axe/node_modules/axe-core/axe.min.js

.PHONY: setup run test bench preview clean

# The virtual environment, with the exact pins of pyproject.toml; `toolkit
# doctor` fails the setup when HarfBuzz's subsetter or the CJK fonts are absent.
setup: $(VENV)/.installed
	@# Byte-compile the toolkit: with PYTHONDONTWRITEBYTECODE set (as on this
	@# project's machines) Python would otherwise compile it at every start.
	@$(BIN)/python -m compileall -q toolkit
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	@# (a current pip: the venv's own reads no normalised extra names and warns
	@# about lxml's html-clean on every install)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	$(BIN)/toolkit doctor
	@echo "toolkit is $(CURDIR)/$(BIN)/toolkit: put it on the PATH with"
	@echo "  export PATH=\"$(CURDIR)/$(BIN):\$$PATH\"   (or: pipx install $(CURDIR))"
	touch $@

# Build every article under sources/ into dist/.
run: setup
	$(BIN)/toolkit build

# The import contracts (pyproject.toml), then the suite on two processes
# (worksteal: the long browser and cluster tests do not hold one worker back).
test: setup $(AXE)
	$(BIN)/lint-imports --no-cache
	$(BIN)/mkdocs build --strict --quiet --site-dir $(VENV)/site
	$(BIN)/python -m pytest -q -n 2 --dist worksteal

# axe-core, which the accessibility tests inject into the desk's pages
# (from the npm registry, pinned; into .axe/, not committed).
$(AXE):
	npm install --silent --no-audit --no-fund --prefix .axe axe-core@4.14.1

# Build, then render the first page of each edition to dist/<slug>.<edition>.png.
preview: setup
	$(BIN)/toolkit preview

bench: setup
	@# the extractors bench_html.py compares the toolkit with (not toolkit dependencies)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_convert.py
	$(BIN)/python benchmarks/bench_catalogs.py
	$(BIN)/python benchmarks/bench_html.py
	$(BIN)/python benchmarks/bench_desk.py
	$(BIN)/python benchmarks/bench_serve.py
	$(BIN)/python benchmarks/bench_english.py
	$(BIN)/python benchmarks/bench_corpus2.py
	$(BIN)/python benchmarks/bench_corpus2_text.py

clean:
	rm -rf dist $(VENV) *.egg-info
