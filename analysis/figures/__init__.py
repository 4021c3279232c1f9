"""Figures: plot functions, the figure registry and the explorer.

- :mod:`~analysis.figures.plotting`: the style and the general plots
  (:func:`plot_counts`, :func:`plot_trend`), which take an ``ax`` (or make a
  figure), return the ``Figure``, and never show or save.
- :mod:`~analysis.figures.labelling`: :func:`label_points`, point labels
  placed clear of one another, of the points and of the legend.
- :mod:`~analysis.figures.stories`: the plots that tell one story of the
  seeds, and the builders of the registered figures.
- :mod:`~analysis.figures.sweeps`: the 2024 sweep campaigns against attacks:
  attacks by source with every launch, the cumulative count, the event study.
- :mod:`~analysis.figures.registry`: the registered figures, their inputs,
  :func:`build_figure` and :func:`build_figures`.
- :mod:`~analysis.figures.saving`: :func:`save_figure`, the one function that
  writes figure files.
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
        "add_source_line": "analysis.figures.plotting",
        "plot_counts": "analysis.figures.plotting",
        "plot_trend": "analysis.figures.plotting",
        "build_figure": "analysis.figures.registry",
        "build_figures": "analysis.figures.registry",
        "save_figure": "analysis.figures.saving",
        "list_figures": "analysis.figures.registry",
        "explore": "analysis.figures.exploring",
    },
)
