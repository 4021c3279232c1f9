"""The one geography: governorates and their spellings, the gazetteer, the IS actor patterns.

Every reader and every figure takes its place names from here: UCDP writes
``Ar Raqqah governorate``, ACLED ``Ar-Raqqa``, the gazetteer ``Raqqa``; all
three become the gazetteer's name through :func:`normalise_governorate`.
The gazetteer table (``seeds/gazetteer/``) is read by :func:`gazetteer_rows`
(plain rows, no pandas: the Arabic extractor compiles them) and
:func:`load_places` (a table for figures and notebooks).

Examples
--------
>>> normalise_governorate("Deir ez Zor Governorate"), normalise_governorate("Idleb")
('Deir ez-Zor', 'Idlib')
>>> BADIA_GOVERNORATES
('Homs', 'Deir ez-Zor', 'Raqqa', 'Hama', 'Aleppo')
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

from analysis.config import GAZETTEER, GAZETTEER_ADDED

if TYPE_CHECKING:
    import pandas as pd

GOVERNORATES: Final[tuple[str, ...]] = (
    "Aleppo",
    "Damascus",
    "Damascus countryside",
    "Daraa",
    "Deir ez-Zor",
    "Hama",
    "Hasakah",
    "Homs",
    "Idlib",
    "Latakia",
    "Quneitra",
    "Raqqa",
    "Suwayda",
    "Tartus",
)
"""Syria's fourteen governorates, as the gazetteer and every record name them."""

BADIA_GOVERNORATES: Final[tuple[str, ...]] = ("Homs", "Deir ez-Zor", "Raqqa", "Hama", "Aleppo")
"""The five governorates of the central-Syria insurgency as CEP and SOHR count
it (Aleppo for its eastern desert), and as the UCDP reference table uses."""

GOVERNORATE_SPELLINGS: Final[dict[str, str]] = {
    # UCDP GED (adm_1 without "governorate")
    "al hasakah": "Hasakah",
    "ar raqqah": "Raqqa",
    "as suwayda": "Suwayda",
    "deir ez zor": "Deir ez-Zor",
    "hamah": "Hama",
    "rif dimashq": "Damascus countryside",
    # ACLED admin1
    "deir ezzor": "Deir ez-Zor",
    "ar raqqa": "Raqqa",
    "rural damascus": "Damascus countryside",
    "as sweida": "Suwayda",
    "al hasakeh": "Hasakah",
    "lattakia": "Latakia",
    "tartous": "Tartus",
    "dara'a": "Daraa",
    "dar'a": "Daraa",
    "dara": "Daraa",
    "idleb": "Idlib",
    # the gazetteer's own English aliases and other common transliterations
    "dayr az zawr": "Deir ez-Zor",
    "deir al zour": "Deir ez-Zor",
    "deir al zor": "Deir ez-Zor",
    "raqqah": "Raqqa",
    "al raqqa": "Raqqa",
    "hamat": "Hama",
    "hims": "Homs",
    "halab": "Aleppo",
    "sweida": "Suwayda",
    "suwaida": "Suwayda",
    "hasakeh": "Hasakah",
    "deraa": "Daraa",
    "al ladhiqiyah": "Latakia",
    "al qunaytirah": "Quneitra",
    **{name.lower().replace("-", " "): name for name in GOVERNORATES},
}
"""A governorate spelling (lower case, hyphens as spaces, no "governorate") ->
its name in :data:`GOVERNORATES`."""

IS_SIDE_PATTERN: Final[re.Pattern[str]] = re.compile(r"\bIS\b")
"""A UCDP side that is the Islamic State: its name contains the word ``IS``."""

IS_ACTOR_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"(?:^|;)\s*(?:Islamic State|ISIS|ISIL|Daesh)\b", re.IGNORECASE
)
"""An ACLED actor that is the Islamic State: a name that *is* IS, not one that mentions it.

The name must begin with ``Islamic State``, ``ISIS``, ``ISIL`` or ``Daesh``
(``Islamic State (Syria)``, ``Islamic State (Iraq)``, ``Islamic State in Iraq
and the Levant (ISIL)``); in a ``;``-separated list of actors (ACLED's
``assoc_actor_1``) any one name may.  ``Global Coalition Against Daesh`` and
other names that only mention IS do not match."""

UNIDENTIFIED_ACTOR_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"^\s*Unidentified Armed Group\b", re.IGNORECASE
)
"""ACLED's unattributed armed actor (``Unidentified Armed Group (Syria)``), which
analysts of the Badia count as a suspected IS attacker where asked to."""

STATE_OR_ALLIED_INTER: Final[frozenset[str]] = frozenset(
    {"1", "8", "state forces", "external/other forces"}
)
"""ACLED ``inter1`` codes of state forces and foreign state forces, as the 2019-2022
exports (numbers) and the current ones (names) write them."""

STATE_OR_ALLIED_ACTOR_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"^\s*(?:Military Forces of|Police Forces of|Government of|"
    r"NDF: National Defen[cs]e Forces|QSD: Syrian Democratic Forces|Asayish|"
    r"Global Coalition Against Daesh|Liwa al[- ]Quds|Hezbollah|Liwa Fatemiyoun|"
    r"Liwa Zainabiyoun)\b",
    re.IGNORECASE,
)
"""ACLED actor names of state forces and the forces allied with them in the Badia:
the Syrian, Russian and coalition militaries and police, the government's
militias (NDF, Liwa al-Quds, Hezbollah and the Iranian-backed brigades), the
SDF and its Asayish, which run the sweeps against IS cells."""

_GOVERNORATE_WORD: Final = re.compile(r"\s+governorate\s*$", re.IGNORECASE)
_SPACES: Final = re.compile(r"[\s\-]+")


def normalise_governorate(name: str) -> str:
    """Return the gazetteer's name for a governorate as UCDP, ACLED or a report spells it.

    Parameters
    ----------
    name : str
        E.g. ``"Deir ez Zor Governorate"`` (UCDP), ``"Deir-ez-Zor"`` or
        ``"Idleb"`` (ACLED), ``"Ar Raqqah"``.

    Returns
    -------
    str
        The name in :data:`GOVERNORATES`; an unknown spelling is returned as
        written, without the word "governorate"; ``""`` stays ``""``.

    Examples
    --------
    >>> normalise_governorate("Ar Raqqah Governorate"), normalise_governorate("Deir-ez-Zor")
    ('Raqqa', 'Deir ez-Zor')
    >>> normalise_governorate("Kirkuk")
    'Kirkuk'
    """
    base = _GOVERNORATE_WORD.sub("", name.strip())
    return GOVERNORATE_SPELLINGS.get(_SPACES.sub(" ", base).lower(), base)


def normalise_governorates(names: pd.Series) -> pd.Series:
    """Apply :func:`normalise_governorate` to a column, once per distinct spelling.

    Parameters
    ----------
    names : pandas.Series
        Governorate names as a source spells them (missing values stay missing).

    Returns
    -------
    pandas.Series
        The names in :data:`GOVERNORATES` where known, same index.

    Examples
    --------
    >>> import pandas as pd
    >>> normalise_governorates(pd.Series(["Idleb", "Homs governorate", "Idleb"])).tolist()
    ['Idlib', 'Homs', 'Idlib']
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(names, use_na_sentinel=True)
    mapped = np.array([normalise_governorate(str(u)) for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=names.index, dtype="object")


def gazetteer_rows(path: str | Path | None = None) -> list[dict[str, str]]:
    """Read the gazetteer table as plain rows.

    With no ``path``, the shipped gazetteer (:data:`analysis.config.GAZETTEER`)
    merged with the places added from published reports
    (:data:`analysis.config.GAZETTEER_ADDED`): an added row whose ``name_en``
    is a shipped place adds its aliases to that place; the others are new
    places, after the shipped ones.  Every row has every column of both files.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        One gazetteer CSV (``name_en``, ``name_ar``, ``aliases_ar``,
        ``aliases_en``, ``kind``, ``admin1``, ``latitude``, ``longitude``,
        ``coord_source``), read alone.

    Returns
    -------
    list of dict
        One dict of strings per place, in file order.

    Examples
    --------
    >>> rows = gazetteer_rows()
    >>> rows[0]["name_en"], rows[0]["admin1"]
    ('Palmyra', 'Homs')
    >>> len(rows) > len(gazetteer_rows(GAZETTEER))
    True
    """
    if path is not None:
        return _read_rows(Path(path))
    rows = _read_rows(GAZETTEER)
    added = _read_rows(GAZETTEER_ADDED)
    columns = dict.fromkeys([*rows[0], *(added[0] if added else [])], "")
    rows = [{**columns, **row} for row in rows]
    by_name = {row["name_en"]: row for row in rows}
    for row in added:
        known = by_name.get(row["name_en"])
        if known is None:
            rows.append({**columns, **row})
            continue
        for key in ("aliases_ar", "aliases_en"):
            known[key] = "|".join(a for a in (known[key], row[key]) if a)
    return rows


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def load_places(path: str | Path | None = None) -> pd.DataFrame:
    """Return the gazetteer as a table of places.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        As for :func:`gazetteer_rows`.

    Returns
    -------
    pandas.DataFrame
        One row per place: ``name_en``, ``name_ar``, ``kind`` (town,
        mountain, desert, ...), ``admin1``, ``latitude``, ``longitude``
        (NaN where the place could not be located) and ``coord_source``.

    Examples
    --------
    >>> places = load_places()
    >>> places.loc[places["name_en"] == "Palmyra", "name_ar"].item()
    'تدمر'
    """
    import pandas as pd

    table = pd.DataFrame(gazetteer_rows(path), dtype="object")
    for column in ("latitude", "longitude"):
        table[column] = pd.to_numeric(table[column].replace("", None), errors="raise")
    return table


def place_mentions(events: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.Series:
    """Count the records that name each gazetteer place.

    A record names a place when one of its ``;``-separated ``location``
    parts contains the place's English name or one of its English aliases
    (``aliases_en``, ``|``-separated) as a whole word, ignoring case: "north
    of al-Sukhnah" names al-Sukhnah, "Palmyra desert" names Palmyra.  A
    record is counted once per place, however often it names it.

    Parameters
    ----------
    events : pandas.DataFrame
        Records with a ``location`` column.  Not modified.
    places : pandas.DataFrame, optional
        :func:`load_places` output (the default).

    Returns
    -------
    pandas.Series
        Records per place, indexed by ``name_en`` in gazetteer order (0 for a
        place no record names).

    Examples
    --------
    >>> import pandas as pd
    >>> events = pd.DataFrame({"location": ["north of al-Sukhnah;Palmyra desert", "Tadmur", None]})
    >>> mentions = place_mentions(events)
    >>> int(mentions["al-Sukhnah"]), int(mentions["Palmyra"]), int(mentions["Ithriya"])
    (1, 2, 0)
    """
    import pandas as pd

    table = load_places() if places is None else places
    text = events["location"].astype("string").fillna("").str.split(";")
    parts = [[p.strip().casefold() for p in row] for row in text]
    counts = {}
    for row in table.itertuples(index=False):
        names = [str(row.name_en), *(a for a in str(row.aliases_en).split("|") if a)]
        pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(n.casefold()) for n in names) + r")(?![\w-])"
        )
        counts[str(row.name_en)] = sum(any(pattern.search(p) for p in rec) for rec in parts)
    return pd.Series(counts, name="records", dtype="int64").rename_axis("name_en")
