"""Reading ACLED exports, on SYNTHETIC rows written in ACLED's 31-column layout.

ACLED's terms forbid redistributing its rows, so every row here is made up by
this module: the events, ids (SYNTH...), actors' deeds and numbers are fictional.
"""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from analysis.config import UCDP_BADIA_MONTHLY_REFERENCE
from analysis.records.reading import LayoutError
from analysis.records.validating import EventValidationError, Validated
from analysis.sources.acled import ACLED_COLUMNS, acled_to_events, read_acled

SYNTHETIC = "SYNTHETIC TEST ROW, not a real event."


def synthetic_row(**values: str) -> dict[str, str]:
    """One made-up row in ACLED's layout; every field not given is plausible filler."""
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(
        event_id_cnty="SYNTH0",
        event_date="2024-03-15",
        year="2024",
        time_precision="1",
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Syria (2000-2024)",
        inter1="State forces",
        actor2="Islamic State (Syria)",
        inter2="Rebel group",
        interaction="State forces-Rebel group",
        iso="760",
        region="Middle East",
        country="Syria",
        admin1="Homs",
        admin2="Tadmor",
        location="Tadmor",
        latitude="34.5600",
        longitude="38.2800",
        geo_precision="2",
        source="Synthetic Source",
        source_scale="National",
        notes=SYNTHETIC,
        fatalities="0",
        tags="",
        timestamp="1710000000",
    )
    row.update(values)
    return row


def synthetic_export() -> pd.DataFrame:
    return pd.DataFrame(
        [
            synthetic_row(
                event_id_cnty="SYNTH1",
                sub_event_type="Air/drone strike",
                event_type="Explosions/Remote violence",
                actor1="Military Forces of Russia (2000-)",
                fatalities="3",
            ),
            synthetic_row(
                event_id_cnty="SYNTH2",
                event_date="15 March 2024",
                time_precision="2",
                sub_event_type="Attack",
                actor1="Islamic State (Syria)",
                actor2="Military Forces of Syria (2000-2024)",
                admin1="Deir ez Zor",
            ),
            synthetic_row(
                event_id_cnty="SYNTH3",
                time_precision="3",
                notes=f"{SYNTHETIC} Government forces launched a combing operation.",
            ),
            synthetic_row(event_id_cnty="SYNTH4"),  # IS only as actor2: no direction -> other
            synthetic_row(
                event_id_cnty="SYNTH5",
                actor1="Unidentified Armed Group (Syria)",
                assoc_actor_1="Islamic State (Syria)",
                sub_event_type="Remote explosive/landmine/IED",
                event_type="Explosions/Remote violence",
            ),
            synthetic_row(
                event_id_cnty="SYNTH6",
                disorder_type="Demonstrations",
                event_type="Protests",
                sub_event_type="Peaceful protest",
                actor1="Protesters (Syria)",
                actor2="",
            ),
        ]
    )


@pytest.fixture
def export_path(tmp_path):
    def write(frame: pd.DataFrame | None = None, name: str = "acled_synthetic.csv"):
        frame = synthetic_export() if frame is None else frame
        path = tmp_path / name
        if name.endswith(".gz"):
            with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
                frame.to_csv(fh, index=False)
        else:
            frame.to_csv(path, index=False)
        return path

    return write


def test_every_row_is_read_and_typed(export_path):
    events = read_acled(export_path())
    assert events["source_id"].tolist() == [f"SYNTH{i}" for i in range(1, 7)]
    assert events["event_type"].tolist() == [
        "airstrike",
        "attack",
        "sweep",
        "other",
        "attack",
        "other",
    ]
    assert (events["count"] == 1).all()
    assert events.loc[0, "killed"] == 3
    assert events.loc[1, "admin1"] == "Deir ez-Zor"
    assert events.loc[0, "event_id"] == "acled-SYNTH1"
    assert events.loc[0, "evidence"] == SYNTHETIC
    assert events.loc[0, "acled_sub_event_type"] == "Air/drone strike"


def test_time_precision_builds_day_week_and_month_windows(export_path):
    events = read_acled(export_path()).set_index("source_id")
    day, week, month = events.loc["SYNTH1"], events.loc["SYNTH2"], events.loc["SYNTH3"]
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
    assert events.loc["SYNTH2", "date_start"] == pd.Timestamp("2024-03-09")
    assert events.loc["SYNTH2", "date_end"] == pd.Timestamp("2024-03-21")
    assert events.loc["SYNTH1", "date_end"] == pd.Timestamp("2024-03-15")  # days unchanged
    with pytest.raises(ValueError, match="week_window"):
        read_acled(export_path(), week_window="narrow")


def test_iso_and_written_dates_give_the_same_day(export_path):
    frame = pd.DataFrame(
        [
            synthetic_row(event_id_cnty="SYNTH7", event_date="2024-02-29"),
            synthetic_row(event_id_cnty="SYNTH8", event_date="29 February 2024"),
        ]
    )
    events = read_acled(export_path(frame))
    assert events["date_start"].tolist() == [pd.Timestamp("2024-02-29")] * 2


def test_a_gzipped_export_reads_the_same(export_path):
    plain = read_acled(export_path())
    zipped = read_acled(export_path(name="acled_synthetic.csv.gz"))
    pd.testing.assert_frame_equal(plain, zipped)


def test_a_missing_column_is_named(export_path):
    path = export_path(synthetic_export().drop(columns=["time_precision"]))
    with pytest.raises(LayoutError, match=r"misses 1 of its 31 columns: time_precision"):
        read_acled(path)


def test_a_file_of_another_layout_is_refused():
    with pytest.raises(LayoutError, match=r"not an ACLED export.*event_id_cnty"):
        read_acled(UCDP_BADIA_MONTHLY_REFERENCE)


def test_a_bad_date_is_named(export_path):
    frame = synthetic_export()
    frame.loc[3, "event_date"] = "15/03/2024"
    with pytest.raises(EventValidationError) as info:
        read_acled(export_path(frame))
    message = str(info.value)
    for part in ("acled_synthetic.csv", "line 5", "row 3", "'date_start'", "15/03/2024"):
        assert part in message


def test_rejects_keep_every_row(export_path):
    frame = synthetic_export()
    frame.loc[0, "event_date"] = "March 2024"
    frame.loc[4, "time_precision"] = "4"
    result = read_acled(export_path(frame), errors="reject")
    assert isinstance(result, Validated)
    assert len(result.events) + len(result.rejects) == len(frame)
    assert result.rejects["row"].tolist() == [0, 4]
    assert set(result.problems["rule"]) == {"date_unparseable", "date_precision"}


def test_mapping_does_not_mutate_its_input():
    raw = synthetic_export()
    before = raw.copy()
    acled_to_events(raw)
    pd.testing.assert_frame_equal(raw, before)


def test_acled_weeks_count_saturday_to_friday(export_path):
    from analysis.counting import count_events

    frame = pd.DataFrame(
        [
            synthetic_row(event_id_cnty="SYNTH9", event_date="2024-03-15"),  # a Friday
            synthetic_row(event_id_cnty="SYNTH10", event_date="2024-03-16"),  # a Saturday
        ]
    )
    weekly = count_events(read_acled(export_path(frame)), freq="W-FRI")
    other = weekly[weekly["event_type"] == "other"]
    assert other["period"].tolist() == [pd.Timestamp("2024-03-09"), pd.Timestamp("2024-03-16")]
    assert other["count"].tolist() == [1.0, 1.0]
