# The project's commands.  `make help` lists them.  The first command run on a
# fresh machine creates .venv and installs the locked versions into it.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export MPLBACKEND := Agg
export PYTHONHASHSEED := 0

.DEFAULT_GOAL := help
.PHONY: help setup figures test lab check format schema docs bench clean

help: ## List the commands
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-9s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[all]'
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the locked dependencies

figures: $(STAMP) ## Rebuild every figure in figures/ from seeds/
	$(PY) -m analysis figures

test: $(STAMP) ## Run the whole test suite, notebooks included
	$(PY) -m pytest -n 2 --dist loadgroup

# The lab's settings: saving writes notebooks as git keeps them (no outputs; see
# notebooks/jupyter_server_config.py and notebooks/jupytext.toml).
LAB_OPTIONS := --config=notebooks/jupyter_server_config.py --notebook-dir=notebooks

lab: $(STAMP) ## Open JupyterLab on notebooks/ (options: make lab ARGS="--port 8899 --ip 127.0.0.1")
	@# MPLBACKEND=Agg is for the tests and figures; kernels in the lab get the inline backend.
	@# JupyterLab refuses to run as root unless told (containers, CI machines).
	env -u MPLBACKEND $(VENV)/bin/jupyter lab $(LAB_OPTIONS) $(if $(filter 0,$(shell id -u)),--allow-root) $(ARGS)

check: $(STAMP) ## Lint (ruff) and type-check (mypy) the code
	$(VENV)/bin/ruff check analysis tests benchmarks validation scripts notebooks
	$(VENV)/bin/ruff format --check analysis tests
	$(VENV)/bin/mypy

format: $(STAMP) ## Format the code and fix what ruff can
	$(VENV)/bin/ruff format analysis tests
	$(VENV)/bin/ruff check --fix analysis tests

schema: $(STAMP) ## Regenerate docs/schema.md from analysis/schema.py
	$(PY) -m analysis schema > docs/schema.md

docs: schema ## Regenerate the generated docs (schema.md, figures.md)
	$(PY) -m analysis figures --markdown > docs/figures.md

bench: $(STAMP) ## Run the benchmarks and write benchmarks/REPORT.md (takes minutes)
	$(PY) benchmarks/run.py

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis
