"""Figures: plot functions, the figure registry and the explorer.

- :mod:`~analysis.figures.plotting`: plot functions that take an ``ax`` (or
  make a figure), return the ``Figure``, and never show or save.
- :mod:`~analysis.figures.registry`: the registered figures, their inputs and
  :func:`save_figure`, the one function that writes files.
- :mod:`~analysis.figures.exploring`: :func:`explore`, interactive counts in JupyterLab.

Examples
--------
>>> from analysis import figures
>>> "plot_counts" in figures.__all__
True
"""

from analysis._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "new_figure": "analysis.figures.plotting",
        "plot_counts": "analysis.figures.plotting",
        "plot_trend": "analysis.figures.plotting",
        "build_figure": "analysis.figures.registry",
        "build_figures": "analysis.figures.registry",
        "save_figure": "analysis.figures.registry",
        "list_figures": "analysis.figures.registry",
        "explore": "analysis.figures.exploring",
    },
)
