"""The Jupyter server settings of the project's notebooks: ``make lab`` loads this file.

Saving a notebook in JupyterLab writes the form the repository keeps, so that
opening, running and saving a notebook leaves ``git status`` clean:

- the ``.ipynb`` keeps its cells and their ``tags`` only: no outputs, no
  execution counts, no saved widget state, and of the notebook metadata only
  ``kernelspec`` and ``jupytext`` (the pairing).  The running lab still shows
  the outputs; they are never written to the file;
- the ``.py`` twin is written by jupytext as ``jupytext.toml`` (in this
  folder) says: no jupytext version stamp and no cell metadata but ``tags``.

Run the lab with ``make lab`` (``ARGS="--port 8899 --ip 127.0.0.1"`` passes
options on); by hand, ``jupyter lab --config=notebooks/jupyter_server_config.py``.
"""

import warnings
from typing import Any

KEPT_NOTEBOOK_METADATA = ("kernelspec", "jupytext")
"""Notebook metadata written to the ``.ipynb``; the rest is the lab's working state."""

KEPT_CELL_METADATA = ("tags",)
"""Cell metadata written (``tags``: the ``parameters`` cell of papermill)."""


def strip_for_git(model: dict[str, Any], **kwargs: Any) -> None:
    """Remove outputs and working metadata from a notebook about to be saved (in place)."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    notebook = model["content"]
    metadata = notebook.get("metadata", {})
    for key in [k for k in metadata if k not in KEPT_NOTEBOOK_METADATA]:
        del metadata[key]
    for cell in notebook.get("cells", []):
        for key in [k for k in cell.get("metadata", {}) if k not in KEPT_CELL_METADATA]:
            del cell["metadata"][key]
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None


c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)
c.ContentsManager.pre_save_hook = strip_for_git
# The server applies its configuration again when its extensions load, and
# the contents manager warns at each new assignment of the same hook.
warnings.filterwarnings(
    "ignore", message=r"Overriding existing pre_save_hook \(strip_for_git\)", category=UserWarning
)
