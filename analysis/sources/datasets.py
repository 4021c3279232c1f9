"""The shipped seeds, read and prepared once for figures, notebooks and tests.

Each loader reads one seed of ``seeds/`` with the package's own reader and
returns it ready to count or chart, so that the figure registry, the
notebooks and a user's own notebook start from the same records.  Nothing
here invents or edits data: filters are named and documented, and every
loader reads the file afresh (callers may change what they get).

Examples
--------
>>> from analysis.sources.datasets import load_seed_records
>>> seed = load_seed_records()
>>> seed[["event_id", "event_type", "is_aggregate"]].head(2)
     event_id event_type  is_aggregate
0  seed000-01  airstrike         False
1  seed000-02      sweep         False
"""

from __future__ import annotations

import functools
from typing import cast

import pandas as pd

from analysis.config import (
    BADIA_2024_RECORD,
    BADIA_2024_REPORTED_TOTALS,
    SEED_ARTICLE_RECORDS,
    SEED_ARTICLE_TEXT,
    UCDP_GED_SYRIA,
)
from analysis.sources.places import (
    BADIA_GOVERNORATES,
    IS_SIDE_PATTERN,
)
from analysis.sources.provenance import Coverage, read_coverage


def seed_article_text() -> str:
    """Return the seed report's text exactly as shipped.

    Returns
    -------
    str
        ``seeds/seed_article/000_d910dc413e6c6c9a.txt``; record evidence
        offsets index into this string.

    Examples
    --------
    >>> "أكثر من 30 غارة" in seed_article_text()
    True
    """
    return SEED_ARTICLE_TEXT.read_text(encoding="utf-8")


def load_seed_records() -> pd.DataFrame:
    """Return the seed report's hand-coded records, validated.

    Returns
    -------
    pandas.DataFrame
        Four records: the Russian strikes ("more than 30" in the past 72
        hours), the sweep launched "last Wednesday", and two period
        aggregates ("dozens" of attacks and "about 17" campaigns since
        January, ``is_aggregate`` True, never counted as events by default).

    Examples
    --------
    >>> load_seed_records()["is_aggregate"].sum()
    np.int64(2)
    """
    from analysis.records.loading import load_events

    return load_events(SEED_ARTICLE_RECORDS)


def load_badia_2024(*, seed_aggregates: bool = False) -> pd.DataFrame:
    """Return the 2024 Badia event record as validated canonical records.

    The record is ``seeds/badia_2024/events_2024_record.csv``: the first
    sample of news reports, its documented amendments and the rows added from
    further reports, merged by ``scripts/build_badia_2024_record.py``.  The
    period its gathering covered is :func:`load_badia_2024_coverage`: count
    with it (``count_events(events, coverage=...)``) so that months nobody
    searched are no data, not zeros.

    Parameters
    ----------
    seed_aggregates : bool, default False
        Also return the seed report's two period aggregates ("about 17"
        sweep campaigns and "dozens" of attacks since January).  They are
        ``is_aggregate`` records: counts leave them out, and
        :func:`analysis.stats.campaigns.campaigns` sets the reported total of
        campaigns beside the dated launches from them, comparing like with
        like (only launches inside the aggregate's window).

    Returns
    -------
    pandas.DataFrame
        133 records gathered from public news reports (four from 2023, before
        the declared coverage), each with its URL; the columns of the schema
        then ``other_urls``, ``coding``, ``origin`` and ``amended`` (and the
        two aggregates last, when asked).  A record of reports, not a
        complete count of events.

    Examples
    --------
    >>> len(load_badia_2024()), len(load_badia_2024(seed_aggregates=True))
    (133, 135)
    """
    from analysis.records.loading import load_events

    events = load_events(BADIA_2024_RECORD)
    if not seed_aggregates:
        return events
    seed = load_seed_records()
    return pd.concat([events, seed[seed["is_aggregate"]]], ignore_index=True)


def load_badia_2024_coverage() -> Coverage:
    """Return the period the gathering of the 2024 record covered, as its sidecar declares.

    Returns
    -------
    Coverage
        2024-01-01..2024-10-31, with the sidecar's note on which months are
        well covered and which are thin.  Pass it to
        :func:`analysis.count_events` as ``coverage=``: periods outside it are
        left out (no data), and the records outside it (the four of 2023, those
        of November and December 2024) are
        accounted in the count report.

    Examples
    --------
    >>> cov = load_badia_2024_coverage()
    >>> str(cov)
    '2024-01-01..2024-10-31 (declared for events_2024_record.csv)'
    """
    return read_coverage(BADIA_2024_RECORD)


def load_totals() -> pd.DataFrame:
    """Return the published totals (CEP, SOHR, CENTCOM, the seed report, ...), checked.

    Returns
    -------
    pandas.DataFrame
        :func:`analysis.sources.totals.load_reported_totals` of
        ``seeds/badia_2024/reported_totals.csv``: the first compilation, its
        documented amendments and the figures added from further reports,
        merged by ``scripts/merge_reported_totals.py``.  Each series'
        coverage: :func:`analysis.read_coverage` of that file with
        ``series=``.

    Examples
    --------
    >>> sorted(load_totals()["source"].unique())[:2]
    ['Al Mayadeen English', 'Al-Araby Al-Jadeed']
    """
    from analysis.sources.totals import load_reported_totals

    return load_reported_totals(BADIA_2024_REPORTED_TOTALS)


def load_ucdp_badia(governorates: tuple[str, ...] = BADIA_GOVERNORATES) -> pd.DataFrame:
    """Return the UCDP GED Syria events that involve IS in the Badia governorates.

    An event involves IS when its ``side_a`` or ``side_b`` names ``IS`` as a
    whole word (:data:`IS_SIDE_PATTERN`); its governorate is UCDP's
    ``adm_1``, normalised.  The same selection as the reference table
    ``seeds/ucdp/ucdp_ged_syria_is_badia_monthly_2016_2019.csv``, which a
    test matches month by month.

    Parameters
    ----------
    governorates : tuple of str
        Governorates to keep (English names as in ``admin1``).

    Returns
    -------
    pandas.DataFrame
        Canonical records with the ``ucdp_*`` columns; ``event_type`` from the
        headline classifier (:mod:`analysis.sources.classifying`).

    Examples
    --------
    >>> ucdp = load_ucdp_badia()
    >>> sorted(ucdp["admin1"].unique())
    ['Aleppo', 'Deir ez-Zor', 'Hama', 'Homs', 'Raqqa']
    """
    events = _ucdp_syria()
    involves_is = events["ucdp_side_a"].str.contains(IS_SIDE_PATTERN) | events[
        "ucdp_side_b"
    ].str.contains(IS_SIDE_PATTERN)
    keep = involves_is.fillna(False).astype(bool) & events["admin1"].isin(governorates)
    return events.loc[keep].reset_index(drop=True)


@functools.cache
def _ucdp_syria_cached(key: str) -> pd.DataFrame:
    from analysis.sources.ucdp import read_ucdp_ged

    del key  # size and mtime of the file: a changed file is read afresh
    return cast("pd.DataFrame", read_ucdp_ged(UCDP_GED_SYRIA))


def _ucdp_syria() -> pd.DataFrame:
    """Return the UCDP Syria file, read once per process (4-5 s), as a copy."""
    stat = UCDP_GED_SYRIA.stat()
    return _ucdp_syria_cached(f"{stat.st_size}:{stat.st_mtime_ns}").copy()
