"""Lazy public faces for the package and its stage subpackages (PEP 562).

Each ``__init__`` names its public objects and the module that defines them;
the module is imported on first access, so ``import analysis`` stays light and
pandas-heavy, statsmodels and matplotlib code loads on first use.

Examples
--------
>>> getattr_, dir_, all_ = attach("analysis.records", {"COLUMNS": "analysis.records.schema"})
>>> all_
['COLUMNS']
>>> "count" in getattr_("COLUMNS")
True
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def attach(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """Return ``__getattr__``, ``__dir__`` and ``__all__`` for a lazy face.

    Parameters
    ----------
    package : str
        The dotted name of the package whose face this is.
    exports : Mapping[str, str]
        Public name -> dotted name of the module that defines it.

    Returns
    -------
    tuple
        ``(__getattr__, __dir__, __all__)``, to assign in the package's
        ``__init__``.
    """
    names = sorted(exports)

    def __getattr__(name: str) -> Any:  # noqa: N807 (the PEP 562 hook's name)
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:  # noqa: N807 (the PEP 562 hook's name)
        return sorted(set(vars(sys.modules[package])) | set(names))

    return __getattr__, __dir__, names
