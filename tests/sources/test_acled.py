"""Reading ACLED exports, on SYNTHETIC rows written by this module in each real layout.

ACLED's terms forbid redistributing its rows, so every row here is made up by
code: the events, ids (SYN...), actors' deeds, places and numbers are
fictional.  The layouts, column names and date forms are ACLED's own (and
those of exports saved again in a spreadsheet).
"""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
import pytest

import analysis as an
from analysis.config import UCDP_BADIA_MONTHLY_REFERENCE
from analysis.records.reading import FileFormatError, LayoutError
from analysis.records.validating import EventValidationError, Validated, validate_events
from analysis.sources.acled import (
    ACLED_2019_COLUMNS,
    ACLED_COLUMNS,
    LAYOUTS,
    acled_to_events,
    detect_acled_layout,
    parse_acled_dates,
    read_acled,
    read_acled_export,
)

SYNTHETIC = "SYNTHETIC TEST ROW, not a real event."

# The pre-2019 layout's header (ACLED versions 5-8 and the old API), for the refusal test.
LEGACY_COLUMNS = (
    "GWNO",
    "EVENT_ID_CNTY",
    "EVENT_ID_NO_CNTY",
    "EVENT_DATE",
    "YEAR",
    "TIME_PRECISION",
    "EVENT_TYPE",
    "ACTOR1",
    "ALLY_ACTOR_1",
    "INTER1",
    "ACTOR2",
    "ALLY_ACTOR_2",
    "INTER2",
    "INTERACTION",
    "COUNTRY",
    "ADMIN1",
    "ADMIN2",
    "ADMIN3",
    "LOCATION",
    "LATITUDE",
    "LONGITUDE",
    "GEO_PRECISION",
    "SOURCE",
    "NOTES",
    "FATALITIES",
)


def synthetic_row(layout: str = "acled_2023", **values: str) -> dict[str, str]:
    """One made-up row in an ACLED layout; every field not given is plausible filler."""
    row = dict.fromkeys(LAYOUTS[layout], "")
    filler = {
        "data_id": "1",
        "iso": "760",
        "iso3": "SYR",
        "event_id_cnty": "SYN0",
        "event_id_no_cnty": "0",
        "event_date": "2024-03-15",
        "year": "2024",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Syria (2000-2024)",
        "inter1": "State forces",
        "actor2": "Islamic State (Syria)",
        "inter2": "Rebel group",
        "interaction": "State forces-Rebel group",
        "region": "Middle East",
        "country": "Syria",
        "admin1": "Homs",
        "admin2": "Tadmor",
        "location": "Tadmor",
        "latitude": "34.5600",
        "longitude": "38.2800",
        "geo_precision": "2",
        "source": "Synthetic Source",
        "source_scale": "National",
        "notes": SYNTHETIC,
        "fatalities": "0",
        "timestamp": "1710000000",
    }
    row.update({k: v for k, v in filler.items() if k in row})
    row.update(values)
    return row


def synthetic_export() -> pd.DataFrame:
    return pd.DataFrame(
        [
            synthetic_row(
                event_id_cnty="SYN1",
                sub_event_type="Air/drone strike",
                event_type="Explosions/Remote violence",
                actor1="Military Forces of Russia (2000-)",
                inter1="External/Other forces",
                fatalities="3",
            ),
            synthetic_row(
                event_id_cnty="SYN2",
                event_date="15 March 2024",
                time_precision="2",
                event_type="Violence against civilians",
                sub_event_type="Attack",
                actor1="Islamic State (Syria)",
                actor2="Civilians (Syria)",
                admin1="Deir ez Zor",
            ),
            synthetic_row(
                event_id_cnty="SYN3",
                time_precision="3",
                disorder_type="Strategic developments",
                event_type="Strategic developments",
                sub_event_type="Other",
                actor2="",
                notes=f"{SYNTHETIC} Government forces launched a combing operation.",
            ),
            synthetic_row(event_id_cnty="SYN4"),  # IS only as actor2: no direction -> other
            synthetic_row(
                event_id_cnty="SYN5",
                actor1="Unidentified Armed Group (Syria)",
                inter1="Rebel group",
                assoc_actor_1="Islamic State (Syria)",
                sub_event_type="Remote explosive/landmine/IED",
                event_type="Explosions/Remote violence",
            ),
            synthetic_row(
                event_id_cnty="SYN6",
                disorder_type="Demonstrations",
                event_type="Protests",
                sub_event_type="Peaceful protest",
                actor1="Protesters (Syria)",
                inter1="Protesters",
                actor2="",
                admin1="Idleb",
            ),
        ]
    )


def write_csv(path, frame: pd.DataFrame, **options) -> None:
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
            frame.to_csv(fh, index=False, **options)
    else:
        frame.to_csv(path, index=False, **options)


@pytest.fixture
def export_path(tmp_path):
    def write(frame: pd.DataFrame | None = None, name: str = "acled_synthetic.csv", **options):
        path = tmp_path / name
        write_csv(path, synthetic_export() if frame is None else frame, **options)
        return path

    return write


# ---------------------------------------------------------------- the current layout
def test_every_row_is_read_and_typed(export_path):
    events = read_acled(export_path())
    assert events["source_id"].tolist() == [f"SYN{i}" for i in range(1, 7)]
    assert events["event_type"].tolist() == [
        "airstrike",
        "attack",
        "sweep",
        "other",
        "attack",
        "other",
    ]
    assert (events["count"] == 1).all()
    assert events.loc[0, "event_id"] == "acled-SYN1"
    assert events.loc[0, "evidence"] == SYNTHETIC
    assert events.loc[0, "acled_sub_event_type"] == "Air/drone strike"
    assert events["admin1"].tolist()[1] == "Deir ez-Zor"
    assert events["admin1"].tolist()[5] == "Idlib"  # ACLED's "Idleb"
    assert events["acled_is_attribution"].tolist() == ["", "named", "", "", "named", ""]


def test_fatalities_are_carried_as_killed_without_invented_bounds(export_path):
    events = read_acled(export_path())
    assert events["killed"].tolist() == [3.0, 0, 0, 0, 0, 0]
    assert events["killed"].dtype == "float64"
    # ACLED gives one figure: no low or high bound is made up
    assert events["killed_low"].isna().all()
    assert events["killed_high"].isna().all()


def test_records_are_canonical_validation_changes_nothing(export_path):
    events = read_acled(export_path())
    checked = validate_events(events)
    assert len(checked.rejects) == 0
    pd.testing.assert_frame_equal(checked.events, events)


def test_time_precision_builds_day_week_and_month_windows(export_path):
    events = read_acled(export_path()).set_index("source_id")
    day, week, month = events.loc["SYN1"], events.loc["SYN2"], events.loc["SYN3"]
    assert (day["date_start"], day["date_end"], day["date_precision"]) == (
        pd.Timestamp("2024-03-15"),
        pd.Timestamp("2024-03-15"),
        "day",
    )
    # '15 March 2024' at week precision: 7 days centred on it
    assert (week["date_start"], week["date_end"], week["date_precision"]) == (
        pd.Timestamp("2024-03-12"),
        pd.Timestamp("2024-03-18"),
        "week",
    )
    assert (month["date_start"], month["date_end"], month["date_precision"]) == (
        pd.Timestamp("2024-03-01"),
        pd.Timestamp("2024-03-31"),
        "month",
    )


def test_the_wide_week_window_holds_the_week_wherever_the_day_lies(export_path):
    events = read_acled(export_path(), week_window="wide").set_index("source_id")
    assert events.loc["SYN2", "date_start"] == pd.Timestamp("2024-03-09")
    assert events.loc["SYN2", "date_end"] == pd.Timestamp("2024-03-21")
    assert events.loc["SYN1", "date_end"] == pd.Timestamp("2024-03-15")  # days unchanged
    with pytest.raises(ValueError, match="week_window"):
        read_acled(export_path(), week_window="narrow")


def test_the_coded_window_puts_every_row_on_its_event_date(export_path):
    events = read_acled(export_path(), window="coded")
    assert (events["date_start"] == events["acled_event_date"]).all()
    assert (events["date_end"] == events["acled_event_date"]).all()
    # what ACLED knew is still said
    assert events["date_precision"].tolist()[:3] == ["day", "week", "month"]
    with pytest.raises(ValueError, match="window"):
        read_acled(export_path(), window="spread")


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2024-03-15", "2024-03-15"),  # the API
        ("15 March 2024", "2024-03-15"),  # the export tool
        ("15-March-2024", "2024-03-15"),  # exports of 2018-2021
        ("15-Mar-24", "2024-03-15"),  # saved again in a spreadsheet
        ("9-May-20", "2020-05-09"),
        ("05-Aug-24", "2024-08-05"),
        ("15-Mar-2024", "2024-03-15"),
        ("30-Sept-24", "2024-09-30"),  # a spreadsheet locale's September
        ("  2024-02-29 ", "2024-02-29"),
    ],
)
def test_every_date_form_acled_and_spreadsheets_write_is_read(written, day):
    assert parse_acled_dates(pd.Series([written])).iloc[0] == pd.Timestamp(day)


def test_a_column_of_mixed_date_forms_is_parsed_row_by_row_correctly():
    written = pd.Series(["15-Mar-24", "2024-03-16", "17 March 2024", "", "16/03/2024"])
    parsed = parse_acled_dates(written)
    assert parsed.iloc[:3].tolist() == list(
        pd.to_datetime(["2024-03-15", "2024-03-16", "2024-03-17"])
    )
    assert parsed.iloc[3:].isna().all()  # blank, and a day/month order it cannot know


def test_a_gzipped_export_reads_the_same(export_path):
    plain = read_acled(export_path())
    zipped = read_acled(export_path(name="acled_synthetic.csv.gz"))
    pd.testing.assert_frame_equal(plain, zipped)


def test_capitalised_headers_windows_line_ends_and_an_index_column_read_the_same(export_path):
    plain = read_acled(export_path())
    frame = synthetic_export()
    frame.columns = [c.upper() for c in frame.columns]
    path = export_path(frame.rename_axis("").reset_index(), name="excel.csv", lineterminator="\r\n")
    pd.testing.assert_frame_equal(read_acled(path), plain)


def test_the_input_frame_is_not_modified():
    raw = synthetic_export()
    before = raw.copy()
    acled_to_events(raw)
    pd.testing.assert_frame_equal(raw, before)


# ---------------------------------------------------------------- the 2019-2023 layout
def export_2019() -> pd.DataFrame:
    """SYNTHETIC rows in the 2019 layout, dates as a spreadsheet saves them."""
    rows = [
        synthetic_row(
            "acled_2019",
            data_id="7001",
            event_id_cnty="SYN20",
            event_date="9-May-20",
            year="2020",
            event_type="Violence against civilians",
            sub_event_type="Attack",
            actor1="Islamic State (Syria)",
            inter1="2",
            actor2="Civilians (Syria)",
            inter2="7",
            fatalities="4",
        ),
        synthetic_row(
            "acled_2019",
            data_id="7002",
            event_id_cnty="SYN21",
            event_date="10-May-20",
            year="2020",
            event_type="Riots",
            sub_event_type="Mob violence",
            actor1="Rioters (Syria)",
            inter1="5",
            actor2="Islamic State (Syria)",
        ),
        synthetic_row(
            "acled_2019",
            data_id="7003",
            event_id_cnty="SYN22",
            event_date="11-May-20",
            year="2020",
            event_type="Strategic developments",
            sub_event_type="Other",
            actor1="Military Forces of Syria (2000-)",
            inter1="1",
            actor2="",
            notes=f"{SYNTHETIC} Regime forces began a combing operation in the desert.",
        ),
    ]
    return pd.DataFrame(rows)


def test_the_2019_layout_with_spreadsheet_dates_reads_one_record_per_row(export_path):
    export = read_acled_export(export_path(export_2019()))
    assert export.layout == "acled_2019"
    assert list(LAYOUTS["acled_2019"]) == list(ACLED_2019_COLUMNS)
    events = export.events
    assert events["source_id"].tolist() == ["SYN20", "SYN21", "SYN22"]
    assert events["date_start"].tolist() == list(
        pd.to_datetime(["2020-05-09", "2020-05-10", "2020-05-11"])
    )
    assert events["event_type"].tolist() == ["attack", "other", "sweep"]
    assert events["killed"].tolist() == [4.0, 0.0, 0.0]
    # disorder_type, missing from this layout, derived as ACLED defines it
    assert events["acled_disorder_type"].tolist() == [
        "Political violence",
        "Political violence",
        "Strategic developments",
    ]
    assert events["notes"].str.contains("derived from event_type").all()
    assert (export.coverage.start.isoformat(), export.coverage.end.isoformat()) == (
        "2020-05-09",
        "2020-05-11",
    )


# ---------------------------------------------------------------- monadic exports
def export_monadic() -> pd.DataFrame:
    """SYNTHETIC rows of a monadic export: a two-actor event on two rows under one id."""
    layout = "acled_2023_monadic"
    rows = [
        synthetic_row(
            layout,
            event_id_cnty="SYN30",
            actor1="Islamic State (Syria)",
            inter1="Rebel group",
            event_type="Violence against civilians",
            sub_event_type="Attack",
            fatalities="5",
        ),
        synthetic_row(
            layout,
            event_id_cnty="SYN31",
            actor1="Protesters (Syria)",
            inter1="Protesters",
            disorder_type="Demonstrations",
            event_type="Protests",
            sub_event_type="Peaceful protest",
        ),
        synthetic_row(
            layout,
            event_id_cnty="SYN30",
            actor1="Civilians (Syria)",
            inter1="Civilians",
            event_type="Violence against civilians",
            sub_event_type="Attack",
            fatalities="5",
        ),
        synthetic_row(
            layout,
            event_id_cnty="SYN32",
            actor1="Military Forces of Syria (2000-2024)",
            assoc_actor_1="NDF: National Defence Forces",
            inter1="State forces",
        ),
        synthetic_row(
            layout, event_id_cnty="SYN32", actor1="Islamic State (Syria)", inter1="Rebel group"
        ),
    ]
    return pd.DataFrame(rows)


def test_a_monadic_export_reads_one_record_per_event_as_the_dyadic_one(export_path):
    frame = export_monadic()
    assert len(frame.columns) == 28
    export = read_acled_export(export_path(frame))
    assert export.layout == "acled_2023_monadic"
    assert (export.rows, export.merged) == (5, 2)
    assert len(export.events) + len(export.rejects) + export.merged == export.rows
    events = export.events.set_index("source_id")
    assert list(events.index) == ["SYN30", "SYN31", "SYN32"]
    assert events.loc["SYN30", ["actor", "target"]].tolist() == [
        "Islamic State (Syria)",
        "Civilians (Syria)",
    ]
    assert events.loc["SYN32", "acled_assoc_actor_1"] == "NDF: National Defence Forces"
    assert pd.isna(events.loc["SYN31", "target"])
    assert events["event_type"].tolist() == ["attack", "other", "other"]
    # the event's deaths once, not once per row
    assert events.loc["SYN30", "killed"] == 5


def test_a_monadic_export_equals_the_dyadic_export_of_the_same_events(export_path):
    monadic = read_acled(export_path(export_monadic(), name="monadic.csv"))
    dyadic_rows = pd.DataFrame(
        [
            synthetic_row(
                event_id_cnty="SYN30",
                actor1="Islamic State (Syria)",
                inter1="Rebel group",
                actor2="Civilians (Syria)",
                inter2="Civilians",
                event_type="Violence against civilians",
                sub_event_type="Attack",
                fatalities="5",
            ),
            synthetic_row(
                event_id_cnty="SYN31",
                actor1="Protesters (Syria)",
                inter1="Protesters",
                actor2="",
                inter2="",
                disorder_type="Demonstrations",
                event_type="Protests",
                sub_event_type="Peaceful protest",
            ),
            synthetic_row(
                event_id_cnty="SYN32",
                actor1="Military Forces of Syria (2000-2024)",
                assoc_actor_1="NDF: National Defence Forces",
                inter1="State forces",
                actor2="Islamic State (Syria)",
                inter2="Rebel group",
            ),
        ]
    )
    dyadic = read_acled(export_path(dyadic_rows, name="dyadic.csv"))
    same = [c for c in dyadic.columns if c != "notes"]
    pd.testing.assert_frame_equal(monadic[same], dyadic[same])


def test_a_third_row_of_one_event_is_named_with_the_exports_own_column(export_path):
    frame = pd.concat([export_monadic(), export_monadic().iloc[[0]]], ignore_index=True)
    with pytest.raises(EventValidationError) as info:
        read_acled(export_path(frame))
    message = str(info.value)
    assert "'event_id_cnty'" in message
    assert "duplicate_id" in message
    assert "line 2," in message
    assert "line 7," in message


# ---------------------------------------------------------------- counting
def random_export(n: int, seed: int, *, precision=("1",), forms=("%Y-%m-%d",)) -> pd.DataFrame:
    """SYNTHETIC rows of random types, days and date forms."""
    rng = np.random.default_rng(seed)
    days = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 200, n), unit="D")
    kinds = [
        {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "actor1": "Military Forces of Russia (2000-)",
        },
        {
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "actor1": "Islamic State (Syria)",
        },
        {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "QSD: Syrian Democratic Forces",
        },
    ]
    rows = []
    for i, (day, k, form, tp) in enumerate(
        zip(
            days,
            rng.integers(0, 3, n),
            rng.choice(list(forms), n),
            rng.choice(list(precision), n),
            strict=True,
        )
    ):
        rows.append(
            synthetic_row(
                event_id_cnty=f"SYN{i}",
                event_date=day.strftime(form),
                year=str(day.year),
                time_precision=str(tp),
                **kinds[k],
            )
        )
    return pd.DataFrame(rows)


def test_weekly_counts_of_day_rows_equal_an_independent_pandas_count(export_path):
    from analysis.counting import count_events

    raw = random_export(600, seed=3, forms=("%Y-%m-%d", "%d %B %Y", "%d-%b-%y"))
    events = read_acled(export_path(raw))
    weekly = count_events(events, freq="W-FRI").astype({"event_type": str})
    ours = weekly.groupby(["period", "event_type"])["count"].sum()
    ours = ours[ours > 0]
    # independent: pandas parses each form itself and counts rows per Saturday-Friday week
    day = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    for form in ("%Y-%m-%d", "%d %B %Y", "%d-%b-%y"):
        day = day.fillna(pd.to_datetime(raw["event_date"], format=form, errors="coerce"))
    week = day.dt.to_period("W-FRI").dt.start_time.astype("datetime64[ns]")
    kind = raw["sub_event_type"].map(
        {"Air/drone strike": "airstrike", "Attack": "attack", "Armed clash": "other"}
    )
    theirs = raw.groupby([week.rename("period"), kind.rename("event_type")]).size()
    assert len(theirs) > 50
    pd.testing.assert_series_equal(ours.astype(int), theirs.astype(int), check_names=False)


def test_coded_weekly_counts_equal_a_plain_count_of_rows_by_event_date(export_path):
    from analysis.counting import count_events

    raw = random_export(500, seed=5, precision=("1", "2", "3"))
    coded = read_acled(export_path(raw), window="coded")
    weekly = count_events(coded, freq="W-FRI").groupby("period")["count"].sum()
    weekly = weekly[weekly > 0]
    week = pd.to_datetime(raw["event_date"]).dt.to_period("W-FRI").dt.start_time
    plain = week.astype("datetime64[ns]").value_counts().sort_index()
    np.testing.assert_array_equal(weekly.index, plain.index)
    np.testing.assert_array_equal(weekly.to_numpy(), plain.to_numpy())
    # the precision windows spread the same rows differently
    spread = count_events(read_acled(export_path(raw)), freq="W-FRI")
    assert not spread.groupby("period")["count"].sum().reindex(plain.index).eq(plain).all()


def test_the_coverage_is_the_exports_own_span_not_its_windows(export_path):
    raw = pd.DataFrame(
        [
            synthetic_row(event_id_cnty="SYN40", event_date="2024-03-03", time_precision="3"),
            synthetic_row(event_id_cnty="SYN41", event_date="2024-03-01", time_precision="1"),
        ]
    )
    export = read_acled_export(export_path(raw))
    assert (export.coverage.start, export.coverage.end) == (
        pd.Timestamp("2024-03-01").date(),
        pd.Timestamp("2024-03-03").date(),
    )
    weekly = an.count_events(export.events, freq="D", coverage=export.coverage)
    assert weekly["period"].min() == pd.Timestamp("2024-03-01")
    assert weekly["period"].max() == pd.Timestamp("2024-03-03")
    assert export.events["date_end"].max() == pd.Timestamp("2024-03-31")


def test_acled_weeks_count_saturday_to_friday(export_path):
    from analysis.counting import count_events

    frame = pd.DataFrame(
        [
            synthetic_row(event_id_cnty="SYN9", event_date="2024-03-15"),  # a Friday
            synthetic_row(event_id_cnty="SYN10", event_date="2024-03-16"),  # a Saturday
        ]
    )
    weekly = count_events(read_acled(export_path(frame)), freq="W-FRI")
    other = weekly[weekly["event_type"] == "other"]
    assert other["period"].tolist() == [pd.Timestamp("2024-03-09"), pd.Timestamp("2024-03-16")]
    assert other["count"].tolist() == [1.0, 1.0]


# ---------------------------------------------------------------- actors and types
@pytest.mark.parametrize(
    ("values", "event_type"),
    [
        # the coalition's own raid on IS: its name mentions Daesh, it is not IS
        (
            {
                "actor1": "Global Coalition Against Daesh",
                "actor2": "Islamic State (Syria)",
                "inter1": "External/Other forces",
            },
            "other",
        ),
        (
            {
                "actor1": "Global Coalition Against Daesh",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike",
                "actor2": "Islamic State (Syria)",
            },
            "airstrike",
        ),
        # the coalition as an associated actor of an SDF clash
        (
            {
                "actor1": "QSD: Syrian Democratic Forces",
                "assoc_actor_1": (
                    "Global Coalition Against Daesh; Military Forces of the United States (2021-)"
                ),
                "actor2": "Islamic State (Syria)",
                "inter1": "Rebel group",
            },
            "other",
        ),
        (
            {
                "actor1": "Islamic State (Syria)",
                "actor2": "QSD: Syrian Democratic Forces",
                "inter1": "Rebel group",
            },
            "attack",
        ),
        ({"actor1": "Islamic State (Iraq)", "inter1": "Rebel group"}, "attack"),
        # one of the names on the first side is IS
        (
            {
                "actor1": "Unidentified Armed Group (Syria)",
                "inter1": "Rebel group",
                "assoc_actor_1": "Tribal Militia (Syria); Islamic State (Syria)",
            },
            "attack",
        ),
        # IS on the second side only
        (
            {
                "actor1": "QSD: Syrian Democratic Forces",
                "actor2": "Islamic State (Syria)",
                "inter1": "Rebel group",
            },
            "other",
        ),
        # not political violence
        (
            {
                "actor1": "Islamic State (Syria)",
                "disorder_type": "Strategic developments",
                "event_type": "Strategic developments",
                "sub_event_type": "Looting/property destruction",
                "inter1": "Rebel group",
            },
            "other",
        ),
    ],
)
def test_is_is_an_actor_name_not_a_word_inside_one(values, event_type):
    events = acled_to_events(pd.DataFrame([synthetic_row(**values)])).events
    assert events.loc[0, "event_type"] == event_type


def unidentified_attacks() -> pd.DataFrame:
    rows = [
        synthetic_row(
            event_id_cnty=f"SYN5{i}",
            actor1="Unidentified Armed Group (Syria)",
            inter1="Rebel group",
            event_type="Explosions/Remote violence",
            sub_event_type="Remote explosive/landmine/IED",
            admin1=place,
        )
        for i, place in enumerate(["Homs", "Deir ez Zor", "Idleb", "Aleppo"])
    ]
    return pd.DataFrame(rows)


def test_unidentified_attackers_are_suspected_is_only_when_asked():
    raw = unidentified_attacks()
    assert (acled_to_events(raw).events["event_type"] == "other").all()
    asked = acled_to_events(raw, suspected_is=True).events
    assert asked["event_type"].tolist() == ["attack", "attack", "other", "attack"]
    assert asked["acled_is_attribution"].tolist() == ["suspected", "suspected", "", "suspected"]
    narrow = acled_to_events(raw, suspected_is=["Homs", "Deir ez-Zor"]).events
    assert narrow["event_type"].tolist() == ["attack", "attack", "other", "other"]
    with pytest.raises(ValueError, match="suspected_is"):
        acled_to_events(raw, suspected_is="Homs")


@pytest.mark.parametrize(
    ("values", "event_type"),
    [
        (
            {
                "actor1": "Military Forces of Syria (2000-2024)",
                "inter1": "State forces",
                "notes": "SYNTHETIC: troops began a combing operation east of Tadmor.",
            },
            "sweep",
        ),
        (
            {
                "actor1": "NDF: National Defence Forces",
                "inter1": "Political militia",
                "notes": "SYNTHETIC: militiamen swept the desert for IS cells.",
            },
            "sweep",
        ),
        (
            {
                "actor1": "QSD: Syrian Democratic Forces",
                "inter1": "Rebel group",
                "notes": "SYNTHETIC: a security campaign against IS cells began.",
            },
            "sweep",
        ),
        # a street-sweeping protest
        (
            {
                "actor1": "Protesters (Syria)",
                "inter1": "Protesters",
                "actor2": "",
                "disorder_type": "Demonstrations",
                "event_type": "Protests",
                "sub_event_type": "Peaceful protest",
                "notes": "SYNTHETIC: municipal street sweepers protested unpaid wages.",
            },
            "other",
        ),
        # police force against a protester, described with a sweep kick
        (
            {
                "actor1": "Police Forces of Syria (2000-2024)",
                "inter1": "State forces",
                "disorder_type": "Political violence; Demonstrations",
                "event_type": "Protests",
                "sub_event_type": "Excessive force against protesters",
                "notes": "SYNTHETIC: an officer floored a protester with a sweep kick.",
            },
            "other",
        ),
        (
            {
                "actor1": "Military Forces of Syria (2000-2024)",
                "inter1": "State forces",
                "notes": "SYNTHETIC: an officer floored a detainee with a sweep kick.",
            },
            "other",
        ),
        # militants fire on troops during a cordon and search operation (Kashmir)
        (
            {
                "actor1": "Unidentified Armed Group (India)",
                "inter1": "Rebel group",
                "actor2": "Military Forces of India (2014-)",
                "admin1": "Jammu and Kashmir",
                "notes": "SYNTHETIC: militants fired on troops during a cordon and search "
                "operation in a village.",
            },
            "other",
        ),
        (
            {
                "actor1": "Military Forces of Syria (2000-2024)",
                "inter1": "State forces",
                "notes": "SYNTHETIC: army engineers carried out mine sweeping on the road.",
            },
            "other",
        ),
    ],
)
def test_sweeps_come_from_operations_of_state_or_allied_forces(values, event_type):
    events = acled_to_events(pd.DataFrame([synthetic_row(**values)])).events
    assert events.loc[0, "event_type"] == event_type


# ---------------------------------------------------------------- layouts and errors
def test_layouts_are_told_apart_by_their_columns():
    assert detect_acled_layout(ACLED_COLUMNS) == "acled_2023"
    assert detect_acled_layout([c.upper() for c in ACLED_2019_COLUMNS]) == "acled_2019"
    assert detect_acled_layout(LAYOUTS["acled_2019_monadic"]) == "acled_2019_monadic"
    assert detect_acled_layout([*ACLED_COLUMNS, "population_best"]) == "acled_2023"


def test_a_missing_column_is_named_with_the_layout(export_path):
    path = export_path(synthetic_export().drop(columns=["time_precision"]))
    with pytest.raises(
        LayoutError,
        match=r"acled_2023, 31 columns\) that misses 1 column"
        r"\(s\) the reader needs: time_precision",
    ):
        read_acled(path)


def test_the_layout_before_2019_is_refused_saying_what_it_misses(export_path):
    legacy = pd.DataFrame([dict.fromkeys(LEGACY_COLUMNS, "")])
    with pytest.raises(LayoutError) as info:
        read_acled(export_path(legacy))
    message = str(info.value)
    for part in (
        "acled_synthetic.csv",
        "layout used before 2019",
        "sub_event_type",
        "assoc_actor_1",
        "export them again",
    ):
        assert part in message


def test_a_file_not_in_utf8_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "excel.csv"
    frame = synthetic_export()
    frame.loc[2, "location"] = "Hajín"
    path.write_bytes(frame.to_csv(index=False).encode("cp1252"))  # Excel's plain "CSV"
    with pytest.raises(FileFormatError, match=r"excel\.csv: line 4: .* not valid UTF-8"):
        read_acled(path)


def test_a_file_of_another_layout_is_refused():
    with pytest.raises(LayoutError, match=r"not an ACLED export.*event_id_cnty"):
        read_acled(UCDP_BADIA_MONTHLY_REFERENCE)


def test_a_bad_date_is_named_with_the_exports_own_column(export_path):
    frame = synthetic_export()
    frame.loc[3, "event_date"] = "15/03/2024"
    with pytest.raises(EventValidationError) as info:
        read_acled(export_path(frame))
    message = str(info.value)
    for part in (
        "acled_synthetic.csv",
        "line 5",
        "row 3",
        "'event_date'",
        "15/03/2024",
        "15 March 2024",
        "15-Mar-24",
    ):
        assert part in message
    assert "date_start" not in message
    assert "date_end" not in message
    assert "ISO" not in message


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("time_precision", "4", "date_precision"),
        ("fatalities", "many", "number_unparseable"),
        ("fatalities", "-1", "negative"),
        ("latitude", "134.5", "latitude_range"),
        ("year", "2023", "date_year"),
        ("event_id_cnty", " ", "required_value"),
    ],
)
def test_each_bad_value_is_named_with_its_column_and_rule(export_path, column, value, rule):
    frame = synthetic_export()
    frame.loc[2, column] = value
    result = read_acled(export_path(frame), errors="reject")
    problems = result.problems
    assert problems[["row", "line", "rule"]].values.tolist() == [[2, 4, rule]]
    shown = "event_date" if column == "year" else column
    assert problems.loc[0, "column"] == shown


def test_rejects_keep_every_row(export_path):
    frame = synthetic_export()
    frame.loc[0, "event_date"] = "March 2024"
    frame.loc[4, "time_precision"] = "4"
    result = read_acled(export_path(frame), errors="reject")
    assert isinstance(result, Validated)
    assert len(result.events) + len(result.rejects) == len(frame)
    assert result.rejects["row"].tolist() == [0, 4]
    assert result.rejects["line"].tolist() == [2, 6]
    assert set(result.problems["rule"]) == {"date_unparseable", "date_precision"}
    assert result.rejects.loc[0, "event_date"] == "March 2024"  # as read
    with pytest.raises(ValueError, match="errors must be"):
        read_acled(export_path(frame), errors="ignore")


# ---------------------------------------------------------------- malformed rows
def _ragged(path, edits):
    """Give lines of a written file more or fewer fields: ``{line: "+" or "-"}``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for line, how in edits.items():
        text = lines[line - 1]
        lines[line - 1] = text + ",extra" if how == "+" else text.rsplit(",", 3)[0]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_rows_with_the_wrong_number_of_fields_are_rejected_not_read(export_path):
    path = _ragged(export_path(), {3: "+", 5: "-"})
    export = read_acled_export(path)
    assert len(export.events) + len(export.rejects) == export.rows == 6
    assert export.rejects["row"].tolist() == [1, 3]
    assert export.rejects["line"].tolist() == [3, 5]
    assert export.rejects["problems"].tolist() == ["field_count", "field_count"]
    fields = len(ACLED_COLUMNS)
    assert export.problems["value"].tolist() == [f"{fields + 1} fields", f"{fields - 3} fields"]
    with pytest.raises(EventValidationError) as info:
        read_acled(path)
    message = str(info.value)
    assert "acled_synthetic.csv, line 3, row 1" in message
    assert "[field_count] a row must have as many fields as the header" in message
    assert "line 5, row 3" in message


def test_a_ragged_second_row_of_a_monadic_event_rejects_the_event_on_its_own_line(export_path):
    path = _ragged(export_path(export_monadic()), {4: "+"})  # SYN30's second row
    export = read_acled_export(path)
    assert (export.rows, export.merged) == (5, 2)
    assert len(export.events) + len(export.rejects) + export.merged == export.rows
    assert export.events["source_id"].tolist() == ["SYN31", "SYN32"]
    assert export.rejects["event_id_cnty"].tolist() == ["SYN30"]
    problem = export.problems.iloc[0]
    assert (problem["line"], problem["row"], problem["rule"]) == (4, 0, "field_count")
