"""The notebooks: each runs top to bottom in a real kernel, and stays thin and paired.

Execution tests (marked ``notebook``) run every ``.ipynb`` in a Jupyter kernel
started from this interpreter, with the working directory ``notebooks/`` and
the Agg backend, and fail on the first cell that raises or writes to stderr;
the executed notebook, saved through the Jupyter server's contents manager as
JupyterLab saves it (with the configuration ``make lab`` loads), must give the
committed files byte for byte.  The other tests read the files only: the
``.py`` and ``.ipynb`` twins hold the same cells, the committed ``.ipynb``
carry no outputs, each notebook has one ``parameters`` cell for papermill,
and no notebook defines a function or class.
"""

from __future__ import annotations

import ast
import asyncio
import json
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

from analysis.config import NOTEBOOKS_DIR, ROOT_DIR

nbformat = pytest.importorskip("nbformat")
jupytext = pytest.importorskip("jupytext")

NOTEBOOKS = (
    "01_from_report_to_records",
    "02_counts_daily_weekly_monthly",
    "03_sweeps_against_attacks",
    "04_long_run_2016_2019",
    "05_methods_check",
)
KERNEL_NAME = "badia-analysis-test"
CELL_TIMEOUT_S = 120
# The last line a notebook prints in the test: which interpreter runs its kernel.
EXECUTABLE_PROBE = "import sys\nprint(sys.executable)"
LAB_CONFIG = NOTEBOOKS_DIR / "jupyter_server_config.py"
"""The Jupyter server configuration that ``make lab`` loads."""


def _ipynb(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)


def _py(name: str) -> nbformat.NotebookNode:
    return jupytext.read(NOTEBOOKS_DIR / f"{name}.py")


def _cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    return [
        (cell.cell_type, cell.source, list(cell.metadata.get("tags", [])))
        for cell in notebook.cells
    ]


@pytest.fixture(scope="session")
def kernel_spec_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kernelspec of this interpreter, so no user-level ``python3`` spec can stand in."""
    root = tmp_path_factory.mktemp("kernels")
    spec = root / KERNEL_NAME
    spec.mkdir()
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "badia-analysis (test)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    return root


class Lab:
    """JupyterLab's contents manager on a copy of ``notebooks/``, configured as ``make lab``."""

    def __init__(self, root: Path) -> None:
        from jupyter_server.serverapp import ServerApp

        shutil.copytree(NOTEBOOKS_DIR, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        self.root = root
        self.app = ServerApp()
        with warnings.catch_warnings():  # the extensions' own deprecation notices
            warnings.simplefilter("ignore", DeprecationWarning)
            self.app.initialize(
                argv=[f"--config={LAB_CONFIG}", f"--ServerApp.root_dir={root}", "--allow-root"],
                new_httpserver=False,
            )
        self.contents = self.app.contents_manager

    def open(self, name: str) -> Any:
        """The notebook as the lab loads it (jupytext reads the pair)."""
        model = asyncio.run(self.contents.get(f"{name}.ipynb", content=True, type="notebook"))
        return nbformat.from_dict(model["content"])

    def save(self, name: str, notebook: Any) -> list[str]:
        """Save as the lab does; return the files of the pair that differ from git's."""
        model = {"type": "notebook", "format": "json", "content": notebook}
        asyncio.run(self.contents.save(model, f"{name}.ipynb"))
        return [
            path.name
            for path in (self.root / f"{name}.ipynb", self.root / f"{name}.py")
            if path.read_bytes() != (NOTEBOOKS_DIR / path.name).read_bytes()
        ]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    pytest.importorskip("jupyter_server")
    return Lab(tmp_path_factory.mktemp("lab") / "notebooks")


def test_make_lab_loads_the_project_config_and_passes_options_on() -> None:
    """`make lab ARGS="..."` passes options to JupyterLab, after the project's own."""
    run = ["make", "-n", "lab", "ARGS=--port 8899 --ip 127.0.0.1"]
    out = subprocess.run(run, cwd=ROOT_DIR, capture_output=True, text=True, check=True).stdout
    (command,) = [line for line in out.splitlines() if "jupyter lab" in line]
    options = command.split("jupyter lab", 1)[1].split()
    assert options[0] == f"--config={LAB_CONFIG.relative_to(ROOT_DIR)}"
    assert options[-4:] == ["--port", "8899", "--ip", "127.0.0.1"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_saving_from_the_lab_writes_no_outputs_and_no_working_state(name: str, lab: Lab) -> None:
    """What the lab adds to a notebook it runs never reaches the files: outputs, execution
    counts, the kernel's language_info, saved widget state, cell view state."""
    notebook = lab.open(name)
    notebook.metadata["language_info"] = {"name": "python", "version": "3.11.14"}
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    for cell in notebook.cells:
        cell.metadata.update(scrolled=True, jupyter={"outputs_hidden": True})
        cell.metadata["execution"] = {"iopub.execute_input": "2024-10-06T10:00:00Z"}
        if cell.cell_type == "code":
            cell.execution_count = 7
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="7\n")]
    assert lab.save(name, notebook) == []


def test_the_lab_config_keeps_the_parameters_tag() -> None:
    """The one cell metadata that is content: papermill's tag survives a save."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(LAB_CONFIG.name, path=str(LAB_CONFIG.parent)).load_config()
    cell = {"cell_type": "code", "metadata": {"tags": ["parameters"], "scrolled": True}}
    model = {"type": "notebook", "content": {"metadata": {"x": 1}, "cells": [cell]}}
    config.ContentsManager.pre_save_hook(model=model, path="x.ipynb", contents_manager=None)
    assert cell == {
        "cell_type": "code",
        "metadata": {"tags": ["parameters"]},
        "outputs": [],
        "execution_count": None,
    }
    assert model["content"]["metadata"] == {}


def test_every_notebook_is_listed() -> None:
    found = sorted(path.stem for path in NOTEBOOKS_DIR.glob("*.ipynb"))
    assert found == sorted(NOTEBOOKS)
    assert sorted(path.stem for path in NOTEBOOKS_DIR.glob("[0-9]*.py")) == sorted(NOTEBOOKS)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_py_and_ipynb_twins_hold_the_same_cells(name: str) -> None:
    assert _cells(_py(name)) == _cells(_ipynb(name))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_paired_ipynb_with_py_percent(name: str) -> None:
    assert _ipynb(name).metadata["jupytext"]["formats"] == "ipynb,py:percent"
    assert _py(name).metadata["jupytext"]["formats"] == "ipynb,py:percent"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_ipynb_has_no_outputs(name: str) -> None:
    notebook = _ipynb(name)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert [i for i, cell in enumerate(code) if cell.outputs] == []
    assert [i for i, cell in enumerate(code) if cell.execution_count is not None] == []
    assert "widgets" not in notebook.metadata  # saved widget state is output too


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_has_exactly_one_parameters_cell(name: str) -> None:
    tagged = [cell for cell in _ipynb(name).cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert tagged[0].cell_type == "code"
    # papermill injects values after it: it must assign plain names only.
    tree = ast.parse(tagged[0].source)
    assert all(isinstance(node, ast.Assign | ast.AnnAssign) for node in tree.body)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_defines_no_function_or_class(name: str) -> None:
    tree = ast.parse((NOTEBOOKS_DIR / f"{name}.py").read_text(encoding="utf-8"))
    definitions = [
        f"line {node.lineno}: {type(node).__name__}"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda)
    ]
    assert definitions == []


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_opens_with_an_intro_and_closes_naming_its_figures(name: str) -> None:
    cells = _ipynb(name).cells
    assert cells[0].cell_type == "markdown"
    assert cells[0].source.startswith("# ")
    closing = cells[-1]
    assert closing.cell_type == "markdown"
    assert "make figures" in closing.source
    code = "\n".join(cell.source for cell in cells if cell.cell_type == "code")
    shown = set(re.findall(r"""build_figure\(\s*["']([\w-]+)["']""", code))
    assert {figure for figure in shown if figure not in closing.source} == set()


def test_no_code_is_copied_between_notebooks() -> None:
    """A code cell's working lines (not imports or comments) appear in one notebook only."""
    seen: dict[str, str] = {}
    copies = []
    for name in NOTEBOOKS:
        for cell in _ipynb(name).cells:
            if cell.cell_type != "code":
                continue
            lines = [
                line
                for line in (raw.strip() for raw in cell.source.splitlines())
                if line and not line.startswith(("#", "%", "import ", "from "))
            ]
            if len(lines) < 2:
                continue
            body = "\n".join(lines)
            if body in seen and seen[body] != name:
                copies.append((seen[body], name, lines[0]))
            seen.setdefault(body, name)
    assert copies == []


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.xdist_group("notebooks")
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_top_to_bottom_and_saves_as_committed(
    name: str, kernel_spec_dir: Path, lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    nbclient = pytest.importorskip("nbclient")
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = lab.open(name)
    notebook.cells.append(nbformat.v4.new_code_cell(EXECUTABLE_PROBE))
    specs = KernelSpecManager(kernel_dirs=[str(kernel_spec_dir)])
    manager = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs)
    client = nbclient.NotebookClient(
        notebook,
        km=manager,
        timeout=CELL_TIMEOUT_S,
        extra_arguments=["--InteractiveShell.colors=nocolor"],  # plain tracebacks in pytest
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    client.execute()  # raises CellExecutionError, with the traceback, on a failing cell

    stderr = [
        (i, output.text)
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "stream" and output.name == "stderr"
    ]
    assert stderr == [], "cells wrote to stderr (warnings?)"
    probe = notebook.cells[-1].outputs
    assert [output.text.strip() for output in probe] == [sys.executable]

    # Saved with its outputs as JupyterLab saves it: git sees no change.
    notebook.cells.pop()
    assert any(cell.get("outputs") for cell in notebook.cells)
    assert lab.save(name, notebook) == []
