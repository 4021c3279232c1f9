"""Columns as Arrow arrays: the text of a column, stripped, and its distinct values (private).

Validation reads a column's text once, as an Arrow array (without a copy
where the column holds Arrow strings already, as a CSV read gives them), and
parses each *distinct* value once: a file of a million records has a few
thousand distinct days, a few dozen counts and two booleans, so a value that
needs a careful parser is parsed once and its result is taken for every row
that holds it.

Examples
--------
>>> import pandas as pd
>>> codes, values = encode(stripped_text(pd.Series([" a", "b", None, "a "])))
>>> codes.tolist(), values.to_pylist()
([0, 1, 2, 0], ['a', 'b', None])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def arrow_text(raw: pd.Series) -> pa.ChunkedArray:
    """Return a column as Arrow strings, as ``raw.astype("string")`` gives them.

    A column of Arrow strings is returned without a copy; any other column
    is converted (each value by ``str``, missing values as null).
    """
    dtype = raw.dtype
    if isinstance(dtype, pd.CategoricalDtype):  # each category's text, taken for each row
        categories = arrow_text(pd.Series(dtype.categories)).combine_chunks()
        codes = raw.cat.codes.to_numpy()
        return pa.chunked_array([categories.take(pa.array(codes, mask=codes < 0))])
    if dtype == np.dtype(object):
        values = raw.to_numpy()
        if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
            # Only strings and missing values: Arrow converts them as pandas does.
            return pa.chunked_array([pa.array(values, type=pa.large_string(), from_pandas=True)])
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        raw = raw.astype("string")
    text = raw.array.__arrow_array__()
    if not isinstance(text, pa.ChunkedArray):
        text = pa.chunked_array([text])
    return text if text.type == pa.large_string() else text.cast(pa.large_string())


def stripped_text(raw: pd.Series) -> pa.ChunkedArray:
    """Return a column as Arrow strings without surrounding white space (missing as null)."""
    return pc.utf8_trim_whitespace(arrow_text(raw))


def encode(text: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Return each value's code and the distinct values (null among them, if any).

    ``values.take(codes)`` is the column again.
    """
    if not len(text):
        return np.zeros(0, dtype=np.int64), pa.array([], type=text.type)
    encoded = pc.dictionary_encode(text, null_encoding="encode").combine_chunks()
    codes = np.asarray(encoded.indices).astype(np.int64, copy=False)
    return codes, encoded.dictionary


def encode_columns(columns: Sequence[pd.Series]) -> tuple[dict[int, np.ndarray], pa.Array]:
    """Encode several columns' stripped text against one set of distinct values.

    Each column is encoded as written (a categorical column by its own
    codes), then only the distinct values are stripped and encoded together:
    the cost of stripping is that of the distinct values, not of every cell.

    Returns
    -------
    codes : dict of int to numpy.ndarray
        Each column's codes (by position in ``columns``) into ``distinct``.
    distinct : pyarrow.Array
        The distinct stripped values (null among them, if any).

    Examples
    --------
    >>> codes, distinct = encode_columns([pd.Series([" a", "b"]), pd.Series(["a", None])])
    >>> [distinct.take(pa.array(c)).to_pylist() for c in codes.values()]
    [['a', 'b'], ['a', None]]
    """
    with ThreadPoolExecutor(2) as pool:  # Arrow's kernels run beside each other
        parts = list(pool.map(_column_codes, columns))
    if not parts:
        return {}, pa.array([], type=pa.large_string())
    written = pa.chunked_array([values for _, values in parts], type=pa.large_string())
    to_distinct, distinct = encode(pc.utf8_trim_whitespace(written))
    offsets = np.cumsum([0] + [len(values) for _, values in parts])
    return {i: to_distinct[offsets[i] + codes] for i, (codes, _) in enumerate(parts)}, distinct


def _column_codes(raw: pd.Series) -> tuple[np.ndarray, pa.Array]:
    """Return a column's codes and its distinct values as written (large strings)."""
    if isinstance(raw.dtype, pd.CategoricalDtype):
        categories = arrow_text(pd.Series(raw.dtype.categories)).combine_chunks()
        codes = raw.cat.codes.to_numpy().astype(np.int64)
        if (codes < 0).any():  # missing: a null after the categories
            codes = np.where(codes < 0, len(categories), codes)
            categories = pa.concat_arrays([categories, pa.nulls(1, type=categories.type)])
        return codes, categories
    return encode(arrow_text(raw))


def blank_values(values: pa.Array) -> np.ndarray:
    """Whether each (stripped) value is missing or empty."""
    empty = pc.fill_null(pc.equal(values, ""), True)
    return np.asarray(empty, dtype=bool)


def nulls_for_empty(text: pa.ChunkedArray) -> pa.ChunkedArray:
    """Return the strings with ``""`` as null."""
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, text.type), text)


def string_array(text: pa.ChunkedArray | pa.Array) -> pd.api.extensions.ExtensionArray:
    """Wrap Arrow strings as pandas' ``string`` array (no copy)."""
    return pd.arrays.ArrowStringArray(text)


class TextColumns:
    """Several columns' text, stripped, as one Arrow array: each kernel runs once for all.

    A frame of a handful of records then costs a few kernel calls, not a few
    per column; a large one costs what its columns cost one by one (the
    columns are joined without a copy).

    Parameters
    ----------
    columns : mapping of str to pandas.Series
        Columns of equal length.
    names : sequence of str
        The columns to read, in order.

    Examples
    --------
    >>> text = TextColumns({"a": pd.Series([" x", ""]), "b": pd.Series(["y", None])}, ["a", "b"])
    >>> text.stripped("b").to_pylist(), text.span("b")
    (['y', None], (2, 4))
    """

    def __init__(self, columns: Mapping[str, pd.Series], names: Sequence[str]) -> None:
        self.names = list(names)
        self.n = len(next(iter(columns.values()))) if columns else 0
        chunks = [chunk for name in self.names for chunk in arrow_text(columns[name]).chunks]
        joined = pa.chunked_array(chunks, type=pa.large_string())
        self.all = pc.utf8_trim_whitespace(joined) if joined.null_count < len(joined) else joined

    def span(self, name: str) -> tuple[int, int]:
        """Where a column's values are in :attr:`all`: ``(start, stop)``."""
        start = self.names.index(name) * self.n
        return start, start + self.n

    def stripped(self, name: str) -> pa.ChunkedArray:
        """Return a column's stripped text."""
        return self.all.slice(self.span(name)[0], self.n)
