"""Write the provenance sidecar (``<file>.meta.json``) of every seed file.

The facts below come from the files themselves and from the shared data
folder's README.md and ATTRIBUTION.txt (the project's record of where each
file was obtained); nothing here is guessed.  Where a fact is not known (a
retrieval date, a licence) the sidecar says so.  The checksum is computed
from the file.  Rerun after a seed file is added: ``python scripts/write_seed_sidecars.py``.
``analysis.sources.provenance.verify_seeds`` checks the result.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from analysis.config import (
    BADIA_2024_DIR,
    BADIA_2024_EVENTS,
    BADIA_2024_EVENTS_RAW,
    BADIA_2024_TOTALS,
    GAZETTEER,
    GAZETTEER_ADDED,
    SEED_ARTICLE_RECORDS,
    SEED_ARTICLE_TEXT,
    UCDP_BADIA_MONTHLY_REFERENCE,
    UCDP_DIR,
    UCDP_GED_SYRIA,
)
from analysis.records.schema import COLUMNS
from analysis.sources.provenance import compute_sha256, read_csv_header, sidecar_path

ACCESSED = "2026-11-25"
ACCESSED_NOTE = (
    "accessed is the day the file was copied into seeds/ from the project's shared data "
    "folder; the day the data scout first retrieved it is not recorded."
)

UCDP_LICENCE = "CC BY 4.0"
GED_CITATION = [
    "Sundberg, Ralph and Erik Melander (2013). Introducing the UCDP Georeferenced Event "
    "Dataset. Journal of Peace Research 50(4): 523-532.",
    "Högbladh, Stina (2019). UCDP GED Codebook version 19.1. Department of Peace and Conflict "
    "Research, Uppsala University.",
]
SEED_URL = (
    "https://aajae.co/politics/%D8%BA%D8%A7%D8%B1%D8%A7%D8%AA-%D8%B1%D9%88%D8%B3%D9%8A%D8%A9-"
    "%D8%AA%D9%85%D9%87%D9%8A%D8%AF%D8%A7%D9%8B-%D9%84%D8%AD%D9%85%D9%84%D8%A9-%D8%B9%D8%B3"
    "%D9%83%D8%B1%D9%8A%D8%A9-%D8%B6%D8%AF%D9%91-%D8%AF%D8%A7%D8%B9%D8%B4-%D9%81%D9%8A-%D8%A7"
    "%D9%84%D8%A8%D8%A7%D8%AF%D9%8A%D8%A9-%D8%A7%D9%84%D8%B3%D9%88%D8%B1%D9%8A%D8%A9"
)
SEED_TITLE = "غارات روسية تمهيداً لحملة عسكرية ضدّ داعش في البادية السورية"
SEED_CITATION = (
    "Al-Araby Al-Jadeed (October 2024, day not recorded; between 4 and 8 October 2024). "
    f"{SEED_TITLE} [Russian strikes ahead of a military campaign against ISIS in the Syrian "
    f"Badia]. {SEED_URL}"
)
COMPILATION_LICENCE = (
    "No licence stated. A compilation made for this project from public news reports "
    "(one per row, cited by URL); the facts are the outlets' reports, the notes are the "
    "compiler's own words."
)

RECORD_ADDED = BADIA_2024_DIR / "badia_2024_events_added.csv"
RECORD_SOURCES = BADIA_2024_DIR / "badia_2024_event_sources.csv"
RECORD_AMENDMENTS = BADIA_2024_DIR / "badia_2024_amendments.csv"
RECORD_MERGED = BADIA_2024_DIR / "events_2024_record.csv"
RECORD_ACCESSED = "2026-12-06"
RECORD_ACCESSED_NOTE = (
    "accessed is the day the reports were read, from stored copies of public news pages, "
    "while growing the 2024 record; each row keeps its report's own URL."
)
SAMPLE_COVERAGE = {
    "start": "2023-08-01",
    "end": "2024-10-31",
    "note": (
        "The span of the sample's windows. Gathered for timing and texture, without a "
        "month-by-month search: a month without rows here is not a month without events. "
        "Count on events_2024_record.csv and its coverage instead."
    ),
}
UCDP_SYRIA_COVERAGE = {
    "start": "2016-01-01",
    "end": "2019-11-30",
    "note": "Every event of the GED Syria release in its span (the release's title gives "
            "20160101-20191130).",
}
SAMPLE_NONE = "A random sample of events: it covers no period completely."
RECORD_COVERAGE = {
    "start": "2024-01-01",
    "end": "2024-10-31",
    "note": (
        "Searched month by month in Arabic, English and Russian. Well covered: January-March "
        "(SOHR, Hawar, Jusoor), May-June (AP/AFP mirrors, Rudaw, Gulan, Russian MoD briefings) "
        "and September-October (Rudaw, Russian MoD briefings, CENTCOM). Thin: April and July-"
        "August (one new attack in July, none in August; the rest are Russian MoD claims). "
        "The coverage ends with October although November and December were searched too: "
        "November gave no attack or strike (the only row touching it is the window of the "
        "December executions, which starts 27 November) while CEP counts at least 6 attacks "
        "that month, and December gave only events after the government's collapse "
        "(executions, shepherds, US strikes). Counted as months, they would read as a fall "
        "in attacks that is a fall in what was found; their rows stay in the file and count "
        "as outside the coverage. Not a complete count."
    ),
}
RAW_RECORD_COLUMNS: dict[str, str] = {
    "event_id": "Row identifier (B24-1nn: added in the 2024 record drive).",
    "date_start": "First day of the window in which the event happened.",
    "date_end": "Last day of the window (equal to date_start for a known day).",
    "date_precision": "day (a known day or a night over two days) | days (3 days) | week | "
                      "month (a longer window): how the window was known.",
    "event_type": "airstrike | sweep | attack.",
    "count": "Strikes for an airstrike row, attacks for an attack row (1, or the number the "
             "report gives for several together); empty where the report gives no number.",
    "count_qualifier": "exact | at_least (notes quote 'more than N' or 'at least N') | about | "
                       "approx_range | dozens (empty count, at least 20); empty with an empty "
                       "count for a plural with no number (notes say which wording).",
    "actor": "Who carried it out, as reported.",
    "target": "Who or what was targeted, as reported.",
    "places": "';'-separated English place names as the report gives them.",
    "governorate": "One governorate, 'multiple', or empty where the report names none.",
    "killed": "People killed as first reported (disagreements in notes); militants killed in "
              "strikes stay in notes.",
    "wounded": "People wounded as first reported.",
    "source_name": "Outlet (and whom it cites).",
    "source_url": "Address of the report the row rests on (the first or best).",
    "published": "Publication date; blank where the stored copy had no date line.",
    "notes": "How the row was dated, overlaps with other rows, disagreements (own words).",
    "other_urls": "Other reports of the same event, ';'-separated.",
    "coding": "machine-read, reviewed (read with analysis.extract_events, then checked by "
              "hand) | hand-coded (the extractor, which reads Arabic, gave nothing usable).",
}


def schema_columns(names: list[str]) -> dict[str, str]:
    """Return the column dictionary of a canonical records file, from analysis.records.schema."""
    return {n: COLUMNS[n].description for n in names}


GED_COLUMNS: dict[str, str] = {
    "id": "UCDP event id, unique in the data set (kept as source_id 'ucdp-<id>').",
    "relid": "Release-specific event identifier (GED >= 20).",
    "year": "Year of the event.",
    "active_year": "1 if the event belongs to a dyad/actor that is active (passed the "
                   "25-deaths threshold) in that year, else 0.",
    "code_status": "Coding status of the event (e.g. 'Clear').",
    "type_of_violence": "1 state-based conflict, 2 non-state conflict, 3 one-sided violence.",
    "conflict_dset_id": "Conflict identifier in the version-specific conflict data set.",
    "conflict_new_id": "UCDP conflict identifier.",
    "conflict_name": "Name of the conflict (e.g. 'Syria: Islamic State').",
    "dyad_dset_id": "Dyad identifier in the version-specific dyadic data set.",
    "dyad_new_id": "UCDP dyad identifier.",
    "dyad_name": "Name of the dyad: side_a - side_b.",
    "side_a_dset_id": "Side A identifier in the version-specific actor list.",
    "side_a_new_id": "UCDP actor identifier of side A.",
    "side_a": "Side A of the dyad (a government in state-based conflict).",
    "side_b_dset_id": "Side B identifier in the version-specific actor list.",
    "side_b_new_id": "UCDP actor identifier of side B.",
    "side_b": "Side B of the dyad ('Civilians' in one-sided violence).",
    "gwnoa": "Gleditsch-Ward country code of side A where it is a state.",
    "gwnob": "Gleditsch-Ward country code of side B where it is a state.",
    "number_of_sources": "Number of sources UCDP used for the event (-1 where not recorded).",
    "source_article": "References of the source articles (outlet, date, headline).",
    "source_office": "Office or outlet of the source.",
    "source_date": "Date(s) of the source report(s).",
    "source_headline": "Headline(s) of the source report(s); mostly English SOHR headlines "
                       "in the Syria file.",
    "source_original": "The original source the outlet cites (e.g. SOHR).",
    "where_prec": "Precision of the location, 1 (exact place) to 7 (country or sea).",
    "where_coordinates": "Name of the place whose coordinates are given.",
    "where_description": "Free-text description of the location.",
    "adm_1": "First-order administrative division (governorate) as UCDP writes it, "
             "e.g. 'Homs governorate'.",
    "adm_2": "Second-order administrative division (district).",
    "latitude": "Latitude (WGS84) of the place.",
    "longitude": "Longitude (WGS84) of the place.",
    "geom_wkt": "The point as well-known text.",
    "priogrid_gid": "PRIO-GRID cell identifier of the point.",
    "country": "Country where the event took place.",
    "country_id": "Gleditsch-Ward code of that country (652 = Syria).",
    "region": "World region.",
    "event_clarity": "1 a clearly identified event, 2 an aggregate of several events whose "
                     "deaths could not be split.",
    "date_prec": "Precision of the date: 1 exact day, 2 a window of 2-6 days, 3 a week, "
                 "4 up to a month, 5 more than a month within a year.",
    "date_start": "Earliest possible day of the event (YYYY-MM-DD).",
    "date_end": "Latest possible day of the event (YYYY-MM-DD).",
    "deaths_a": "Best estimate of side A deaths.",
    "deaths_b": "Best estimate of side B deaths.",
    "deaths_civilians": "Best estimate of civilian deaths.",
    "deaths_unknown": "Best estimate of deaths of unknown status.",
    "low": "Lowest reliable estimate of total deaths.",
    "best": "Best estimate of total deaths (deaths_a + deaths_b + deaths_civilians + "
            "deaths_unknown).",
    "high": "Highest reliable estimate of total deaths.",
}


def header_of(path: Path) -> list[str]:
    """Return the column names of a CSV file (gzip or not)."""
    return read_csv_header(path)


def ged_columns(path: Path) -> dict[str, str]:
    """Return the GED column dictionary in the file's own column order."""
    return {c: GED_COLUMNS[c] for c in header_of(path)}

TOTALS_ADDED = BADIA_2024_TOTALS.with_name("badia_2024_reported_totals_added.csv")
TOTALS_AMENDMENTS = BADIA_2024_TOTALS.with_name("badia_2024_reported_totals_amendments.csv")
TOTALS_MERGED = BADIA_2024_TOTALS.with_name("reported_totals.csv")

TOTALS_COLUMN_MEANINGS: dict[str, str] = {
    "source": "Who produced the figure (CEP, SOHR, Hawar, Syria Weekly, ...).",
    "reported_via": "Where the figure was read (publication or outlet).",
    "metric": "attacks (CEP confirmed; or the named source's own attack count, see scope), "
              "high_quality_attacks (the subset of CEP's confirmed attacks that CEP marks as "
              "'high quality'; never added to attacks), operations (SOHR 'ISIS operations'), "
              "killed, wounded, killed_government_side, russian_airstrikes, claimed_attacks, "
              "sweep_campaigns.",
    "kind": "period (a count for period_start..period_end) or cumulative (a running total "
            "from period_start to the as-of date period_end).",
    "period_start": "First day counted.",
    "period_end": "Last day counted, or the as-of date of a running total.",
    "end_precision": "day, or approx where the as-of date was inferred (notes say how).",
    "value": "The published figure, as published.",
    "qualifier": "exact | at_least | more_than | about.",
    "scope": "What the source counts, in words.",
    "area": "Empty for the whole scope, else one governorate.",
    "url": "Address of the publication read.",
    "notes": "Publication date, breakdowns, how the as-of date was inferred, caveats.",
}

TOTALS_NOT_FOUND: dict[tuple[str, str, str], list[str]] = {
    ("CEP", "attacks", "period"): ["2024-02", "2024-08"],
    ("CEP", "killed", "period"): ["2024-02", "2024-08"],
    ("CEP", "wounded", "period"): ["2024-02", "2024-08", "2024-11"],
    ("CEP", "high_quality_attacks", "period"): ["2024-02", "2024-08"],
    ("SOHR", "operations", "cumulative"): ["2024-09", "2024-10"],
    ("SOHR", "killed", "cumulative"): ["2024-08", "2024-09"],
}
"""Months of 2024-01..2024-11 searched for and not found, per series (docs/data.md)."""

TOTALS_CONFLICTS: list[dict[str, str]] = [
    {"source": "SOHR", "metric": metric, "area": area, "interval": "2024-02-25..2024-02-25",
     "why": "syriahr.com/en/326406 (numbered after en/326340) gives lower running totals "
            "than en/326340; both are kept"}
    for metric in ("operations", "killed")
    for area in ("", "Homs", "Raqqa")
]
"""Intervals whose implied count is negative in the merged table, and why."""


def _months(first: date, last: date) -> list[str]:
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def totals_coverage(path: Path, *, not_found: bool) -> dict[str, Any]:
    """Return which months each whole-scope series of a totals file has a figure for."""
    series: dict[tuple[str, str, str], set[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["area"]:
                continue
            start = date.fromisoformat(row["period_start"])
            end = date.fromisoformat(row["period_end"])
            months = _months(start, end) if row["kind"] == "period" else _months(end, end)
            series.setdefault((row["source"], row["metric"], row["kind"]), set()).update(months)
    entries = []
    for (source, metric, kind), months in sorted(series.items()):
        entry: dict[str, Any] = {"source": source, "metric": metric, "kind": kind,
                                 "months": sorted(months)}
        if not_found and (source, metric, kind) in TOTALS_NOT_FOUND:
            entry["not_found"] = TOTALS_NOT_FOUND[(source, metric, kind)]
        entries.append(entry)
    return {
        "rule": "Whole-scope rows (area empty). months: every month a period row touches, and "
                "the month of each running total's as-of date. not_found: months of "
                "2024-01..2024-11 searched for without finding the figure (docs/data.md).",
        "series": entries,
    }


def sidecars() -> dict[Path, dict[str, Any]]:
    """Return every seed file's provenance, without its checksum."""
    ged231 = UCDP_DIR / "ucdp_ged231_sample1000_syria_rows.csv.gz"
    ged251 = UCDP_DIR / "ucdp_ged251_yearly_random_sample_syria_minimal.csv"
    return {
        SEED_ARTICLE_TEXT: {
            "title": SEED_TITLE,
            "title_en": "Russian strikes ahead of a military campaign against ISIS in the "
                        "Syrian Badia (translated title)",
            "producer": "Al-Araby Al-Jadeed",
            "url": SEED_URL,
            "published": "2024-10-04..2024-10-08",
            "published_note": "The stored copy has no date line. The bracket is the one the "
                              "project's data notes record (badia_2024_events.csv, row "
                              "B24-061); it agrees with the text: the sweep it reports began "
                              "'last Wednesday', which is 2 October 2024 for every day of the "
                              "bracket.",
            "accessed": ACCESSED,
            "accessed_note": ACCESSED_NOTE,
            "licence": "Copyright Al-Araby Al-Jadeed; no open licence. Kept exactly as given "
                       "as the project's seed text for hand-coding and extraction tests.",
            "citation": SEED_CITATION,
            "language": "ar",
            "source_line": "Data: Al-Araby Al-Jadeed, October 2024",
            "columns": {},
            "coverage_none": "A report, not a data set of events: records.csv holds its "
                             "records and their coverage.",
            "notes": "UTF-8 plain text, 2,247 characters; evidence offsets in records.csv "
                     "are Python str indices into this text. The URL is the aajae.co copy "
                     "of the article.",
        },
        SEED_ARTICLE_RECORDS: {
            "title": "Event records of the seed report, hand-coded",
            "producer": "badia-analysis (hand-coded by the project from the seed report)",
            "url": SEED_URL,
            "published": "2024-10-04..2024-10-08",
            "accessed": ACCESSED,
            "licence": "MIT, as the project; the facts are the report's.",
            "citation": SEED_CITATION,
            "language": "en (evidence spans in ar)",
            "source_line": "Data: Al-Araby Al-Jadeed, October 2024",
            "derived_from": [SEED_ARTICLE_TEXT.name],
            "method": "Coded by hand following extraction/GUIDELINES.md; each record's "
                      "evidence is an exact span of the text (tests/sources/test_seeds.py).",
            "coverage": {"start": "2024-01-01", "end": "2024-10-08",
                         "note": "The report's own reach: its running claims count from the "
                                 "start of 2024 ('since January'), its latest events reach "
                                 "the days before publication (4-8 October 2024). One "
                                 "report: not a count of the period."},
            "columns": schema_columns(header_of(SEED_ARTICLE_RECORDS)),
        },
        BADIA_2024_EVENTS_RAW: {
            "title": "A sample of 2024 events in the Syrian Badia gathered from public news "
                     "reports",
            "producer": "The project's data scout (compiled from the reports listed per row)",
            "url": "per row: source_url",
            "published": "undated compilation; events 2023-08..2024-10",
            "accessed": ACCESSED,
            "accessed_note": ACCESSED_NOTE,
            "licence": COMPILATION_LICENCE,
            "citation": "badia_2024_events.csv, badia-analysis seeds; each row cites its "
                        "report (source_name, source_url, published).",
            "language": "en",
            "source_line": "Data: news reports compiled in badia_2024_events.csv",
            "notes": "72 rows: ISIS attacks, Russian airstrike reports and sweep launches "
                     "(4 from 2023). A sample for timing and texture, not a complete count. "
                     "Known overlaps: the seed's October strike row (B24-061) may include "
                     "the 4 October row (B24-064); one 17 August row stands for what two "
                     "outlets may describe as two events.",
            "coverage": SAMPLE_COVERAGE,
            "columns": {
                "event_id": "Row identifier (B23-nnn for 2023, B24-nnn for 2024).",
                "date_start": "First day of the window in which the event happened.",
                "date_end": "Last day of the window (equal to date_start for a known day).",
                "date_precision": "day | week | month: how the window was known.",
                "event_type": "airstrike | sweep | attack.",
                "count": "Strikes for an airstrike row, 1 for a campaign or an attack (2 where "
                         "one report gives two attacks); empty where the report gives no "
                         "number.",
                "count_qualifier": "exact | at_least ('more than N' or 'at least N'; notes "
                                   "quote which) | about | approx_range.",
                "actor": "Who carried it out, as reported.",
                "target": "Who or what was targeted, as reported.",
                "places": "';'-separated English place names as the report gives them.",
                "governorate": "One governorate, or 'multiple'.",
                "killed": "People killed as first reported (disagreements in notes).",
                "wounded": "People wounded as first reported.",
                "source_name": "Outlet (and whom it cites).",
                "source_url": "Address of the report.",
                "published": "Publication date; blank where the stored copy had no date line.",
                "notes": "How the row was dated, overlaps with other rows, disagreements.",
            },
        },
        BADIA_2024_EVENTS: {
            "title": "The 2024 Badia event sample as canonical event records",
            "producer": "badia-analysis (scripts/convert_badia_events.py)",
            "url": "per row: source_url",
            "published": "derived",
            "accessed": ACCESSED,
            "licence": COMPILATION_LICENCE,
            "citation": "badia_2024_events.csv, badia-analysis seeds; each row cites its "
                        "report (source, source_url, published).",
            "language": "en",
            "source_line": "Data: news reports compiled in badia_2024_events.csv",
            "derived_from": [BADIA_2024_EVENTS_RAW.name],
            "method": "scripts/convert_badia_events.py: count_qualifier becomes count, "
                      "count_low, count_high per extraction/GUIDELINES.md; places -> location, "
                      "governorate -> admin1, source_name -> source. Never edited by hand.",
            "coverage": SAMPLE_COVERAGE,
            "columns": schema_columns(header_of(BADIA_2024_EVENTS)),
        },
        BADIA_2024_TOTALS: {
            "title": "Published aggregate figures on the ISIS insurgency in central Syria, "
                     "2024 (and 2023 baselines)",
            "producer": "The project's data scout, from CEP, SOHR, CENTCOM, Al-Araby "
                        "Al-Jadeed and Al Mayadeen English (one per row)",
            "url": "per row: url",
            "published": "undated compilation; figures 2023-01..2024-11",
            "accessed": ACCESSED,
            "accessed_note": ACCESSED_NOTE,
            "licence": COMPILATION_LICENCE,
            "citation": "badia_2024_reported_totals.csv, badia-analysis seeds; each row cites "
                        "its publisher (source, reported_via, url).",
            "language": "en",
            "source_line": "Data: published totals (CEP, SOHR, CENTCOM, Al-Araby Al-Jadeed, "
                           "Al Mayadeen)",
            "notes": "The sources count different things (see scope): never sum or swap them.",
            "coverage": totals_coverage(BADIA_2024_TOTALS, not_found=False),
            "columns": {
                "source": "Who produced the figure (CEP, SOHR, CENTCOM, ...).",
                "reported_via": "Where the figure was read (publication or outlet).",
                "metric": "attacks (CEP confirmed), operations (SOHR 'ISIS operations'), "
                          "killed, wounded, killed_government_side, russian_airstrikes, "
                          "claimed_attacks (ISIS-claimed, Iraq and Syria together), "
                          "sweep_campaigns.",
                "kind": "period (a count for period_start..period_end) or cumulative (a "
                        "running total from period_start to the as-of date period_end).",
                "period_start": "First day counted.",
                "period_end": "Last day counted, or the as-of date of a running total.",
                "end_precision": "day, or approx where the as-of date was inferred "
                                 "(see notes).",
                "value": "The published figure.",
                "qualifier": "exact | at_least | more_than | about.",
                "scope": "What the source counts, in words.",
                "area": "Empty for the whole scope, else one governorate.",
                "url": "Address of the publication.",
                "notes": "Breakdowns, how the as-of date was inferred, caveats.",
            },
        },
        TOTALS_ADDED: {
            "title": "Published aggregate figures on the ISIS insurgency in central Syria, 2024: "
                     "rows gathered after the first compilation",
            "producer": "badia-analysis, from CEP, SOHR (via the outlets named per row), Hawar, "
                        "Al-Araby Al-Jadeed, Syria Weekly, the Middle East Institute and ISWNews "
                        "(one per row)",
            "url": "per row: url",
            "published": "undated compilation; figures 2023-10..2024-11",
            "accessed": "2026-12-06",
            "accessed_note": "the day the rows were gathered from a search of stored public news "
                             "pages; each row's publication date is in its notes.",
            "licence": COMPILATION_LICENCE,
            "citation": "badia_2024_reported_totals_added.csv, badia-analysis seeds; each row "
                        "cites its publisher (source, reported_via, url).",
            "language": "en",
            "source_line": "Data: published totals (CEP, SOHR, Hawar, Syria Weekly, MEI, ISWNews)",
            "notes": "Same columns as badia_2024_reported_totals.csv; no row repeats one of that "
                     "file (scripts/merge_reported_totals.py refuses a duplicate). New metric "
                     "high_quality_attacks. As-of dates inferred from publication dates or page "
                     "numbering are approx and say how in notes. The sources count different "
                     "things (see scope): never sum or swap them.",
            "coverage": totals_coverage(TOTALS_ADDED, not_found=False),
            "columns": TOTALS_COLUMN_MEANINGS,
        },
        TOTALS_AMENDMENTS: {
            "title": "Documented corrections of cells of badia_2024_reported_totals.csv",
            "producer": "badia-analysis (checked against the publications named per row)",
            "url": "per row: evidence_url",
            "published": "undated",
            "accessed": "2026-12-06",
            "licence": "MIT, as the project; the facts are the publishers'.",
            "citation": "badia_2024_reported_totals_amendments.csv, badia-analysis seeds.",
            "coverage_none": "Corrections of another file's cells, not a data set of its own: "
                             "the merged reported_totals.csv declares the coverage.",
            "language": "en",
            "source_line": "Data: published totals (CEP, SOHR, CENTCOM, Al-Araby Al-Jadeed, "
                           "Al Mayadeen)",
            "method": "Applied by scripts/merge_reported_totals.py, which refuses an amendment "
                      "whose old_value is not what the cell holds.",
            "columns": {
                "amendment_id": "Identifier of the amendment (A01, A02, ...).",
                "file": "The file amended (only badia_2024_reported_totals.csv).",
                "line": "Line of the amended row in that file (the header is line 1).",
                "column": "Column amended.",
                "old_value": "What the cell holds; the amendment is refused if it holds "
                             "anything else.",
                "new_value": "What the cell becomes in the merged table.",
                "reason": "Why, in the project's words.",
                "evidence_url": "The publication that shows it.",
            },
        },
        TOTALS_MERGED: {
            "title": "Published aggregate figures on the ISIS insurgency in central Syria, 2024, "
                     "merged: the first compilation with its amendments, then the added rows",
            "producer": "badia-analysis (scripts/merge_reported_totals.py)",
            "url": "per row: url",
            "published": "derived",
            "accessed": "2026-12-06",
            "licence": COMPILATION_LICENCE,
            "citation": "reported_totals.csv, badia-analysis seeds; each row cites its publisher "
                        "(source, reported_via, url).",
            "language": "en",
            "source_line": "Data: published totals (CEP, SOHR, CENTCOM, Hawar, Syria Weekly and "
                           "others named per row)",
            "derived_from": [BADIA_2024_TOTALS.name, TOTALS_ADDED.name, TOTALS_AMENDMENTS.name],
            "method": "scripts/merge_reported_totals.py: every row of the first file in order, "
                      "amendments applied, then every added row; never edited by hand. Read "
                      "with analysis.load_reported_totals(path).",
            "coverage": totals_coverage(TOTALS_MERGED, not_found=True),
            "conflicts": TOTALS_CONFLICTS,
            "columns": {
                **TOTALS_COLUMN_MEANINGS,
                "origin": "File and line the row comes from (file:line).",
                "amendments": "Amendment ids applied to the row, ';'-separated; empty if none.",
            },
        },
        RECORD_ADDED: {
            "title": "Events in the Syrian Badia, 2024, added to the sample from public news "
                     "reports (the 2024 record drive)",
            "producer": "badia-analysis, compiled from the reports listed per row",
            "url": "per row: source_url and other_urls",
            "published": "undated compilation; events 2024-01..2024-12",
            "accessed": RECORD_ACCESSED,
            "accessed_note": RECORD_ACCESSED_NOTE,
            "licence": COMPILATION_LICENCE,
            "citation": "badia_2024_events_added.csv, badia-analysis seeds; each row cites its "
                        "report (source_name, source_url, published).",
            "language": "en",
            "source_line": "Data: news reports compiled in badia_2024_events_added.csv",
            "coverage": RECORD_COVERAGE,
            "notes": "New rows only, in the layout of badia_2024_events.csv plus other_urls and "
                     "coding; ids B24-101 onward. Overlaps with sample rows are named in notes. "
                     "Text of the reports is not kept: facts, URLs and the compiler's words only.",
            "columns": RAW_RECORD_COLUMNS,
        },
        RECORD_SOURCES: {
            "title": "Further reports of events already in the 2024 sample",
            "producer": "badia-analysis",
            "url": "per row: url",
            "published": "undated compilation",
            "accessed": RECORD_ACCESSED,
            "accessed_note": RECORD_ACCESSED_NOTE,
            "licence": COMPILATION_LICENCE,
            "citation": "badia_2024_event_sources.csv, badia-analysis seeds; each row cites its "
                        "report (outlet, url, published).",
            "language": "en",
            "source_line": "Data: news reports compiled in badia_2024_event_sources.csv",
            "coverage": RECORD_COVERAGE,
            "notes": "One row per (event, report): a report that tells an event of "
                     "badia_2024_events.csv, which itself stays unchanged.",
            "columns": {
                "event_id": "The event, an event_id of badia_2024_events.csv.",
                "url": "Address of the further report.",
                "outlet": "Outlet (and whom it cites).",
                "published": "Publication date; blank where the stored copy had none.",
                "notes": "What the report adds or where it differs (own words).",
            },
        },
        RECORD_AMENDMENTS: {
            "title": "Documented corrections of rows of the 2024 sample",
            "producer": "badia-analysis",
            "url": "per row: url",
            "published": "undated compilation",
            "accessed": RECORD_ACCESSED,
            "accessed_note": RECORD_ACCESSED_NOTE,
            "licence": COMPILATION_LICENCE,
            "citation": "badia_2024_amendments.csv, badia-analysis seeds; each row cites the "
                        "report it rests on (url).",
            "language": "en",
            "source_line": "Data: amendments in badia_2024_amendments.csv",
            "coverage": {"start": "2024-06-01", "end": "2024-06-13",
                         "note": "One event (B24-047, the June campaign launch)."},
            "notes": "Applied by scripts/build_badia_2024_record.py only if the sample still "
                     "holds old_value; badia_2024_events.csv itself is never edited.",
            "columns": {
                "event_id": "The amended row of badia_2024_events.csv.",
                "column": "The raw column changed.",
                "old_value": "Its value in badia_2024_events.csv.",
                "new_value": "Its value in the merged record.",
                "reason": "Why, with the reports that disagree (own words).",
                "url": "The report the change rests on.",
            },
        },
        RECORD_MERGED: {
            "title": "The 2024 Badia event record: the sample, its amendments and the added "
                     "rows, as canonical event records",
            "producer": "badia-analysis (scripts/build_badia_2024_record.py)",
            "url": "per row: source_url and other_urls",
            "published": "derived",
            "accessed": RECORD_ACCESSED,
            "licence": COMPILATION_LICENCE,
            "citation": "events_2024_record.csv, badia-analysis seeds; each row cites its "
                        "report (source, source_url, published, other_urls).",
            "language": "en",
            "source_line": "Data: news reports compiled in badia_2024_events.csv and "
                           "badia_2024_events_added.csv",
            "coverage": {**RECORD_COVERAGE,
                         "note": RECORD_COVERAGE["note"] + " The file also carries the "
                                 "sample's four 2023 rows (August-December 2023)."},
            "derived_from": [BADIA_2024_EVENTS_RAW.name, RECORD_AMENDMENTS.name,
                             RECORD_ADDED.name, RECORD_SOURCES.name],
            "method": "scripts/build_badia_2024_record.py: the sample converted as in "
                      "scripts/convert_badia_events.py after the amendments, the added rows "
                      "converted the same way ('dozens' gives count_low 20), further reports "
                      "merged into other_urls; validated with analysis.validate_events. Never "
                      "edited by hand.",
            "columns": {
                **schema_columns(header_of(RECORD_MERGED)[:-4]),
                "other_urls": "Other reports of the same event, ';'-separated (none repeat "
                              "source_url).",
                "coding": "machine-read, reviewed | hand-coded (added rows); sample (rows of "
                          "badia_2024_events.csv, coded before the drive).",
                "origin": "The file the row comes from.",
                "amended": "Columns changed by badia_2024_amendments.csv, ';'-separated.",
            },
        },
        GAZETTEER: {
            "title": "Places of the Syrian Badia: names, governorates, coordinates",
            "producer": "The project's data scout; coordinates mostly from UCDP GED "
                        "where_coordinates (per row: coord_source)",
            "url": "https://ucdp.uu.se/downloads/ (coordinates, per row)",
            "published": "undated compilation",
            "accessed": ACCESSED,
            "accessed_note": ACCESSED_NOTE,
            "licence": "No licence stated for the compilation; coordinates taken from UCDP "
                       "GED are CC BY 4.0 (UCDP).",
            "citation": ["badia_gazetteer.csv, badia-analysis seeds.", *GED_CITATION],
            "language": "en, ar",
            "source_line": "Data: Badia gazetteer (coordinates: UCDP GED, CC BY 4.0)",
            "coverage_none": "A table of places, not of events: it covers no period.",
            "columns": {
                "name_en": "Canonical English name (what location holds).",
                "name_ar": "Arabic name.",
                "aliases_ar": "Other Arabic spellings and forms, '|'-separated.",
                "aliases_en": "Other English spellings, '|'-separated.",
                "kind": "town, village, desert, mountain, oilfield, base, area, road.",
                "admin1": "Governorate (Homs, Hama, Raqqa, Deir ez-Zor, Aleppo, ...).",
                "latitude": "WGS84 latitude (empty where not located).",
                "longitude": "WGS84 longitude (empty where not located).",
                "coord_source": "Where the coordinate came from, or why there is none.",
            },
        },
        GAZETTEER_ADDED: {
            "title": "Places of the Syrian Badia named in published reports, added to the "
                     "gazetteer",
            "producer": "badia-analysis, from the places published Arabic reports name (the "
                        "real-report set, tests/data/real_reports) and the annotation "
                        "guidelines; coordinates from UCDP GED where_coordinates (per row: "
                        "coord_source)",
            "url": "https://ucdp.uu.se/downloads/ (coordinates, per row)",
            "published": "undated compilation",
            "accessed": "2026-12-06",
            "accessed_note": "the day the rows were compiled; coordinates were read from the "
                             "shipped UCDP GED Syria file (ucdp_ged_syria_2016_2019.csv.gz).",
            "licence": "No licence stated for the compilation; coordinates taken from UCDP "
                       "GED are CC BY 4.0 (UCDP).",
            "citation": ["badia_gazetteer_added.csv, badia-analysis seeds.", *GED_CITATION],
            "coverage_none": "A table of places, not of events: it covers no period.",
            "language": "en, ar",
            "source_line": "Data: Badia gazetteer (coordinates: UCDP GED, CC BY 4.0)",
            "notes": "analysis.sources.places.gazetteer_rows merges this file with "
                     "badia_gazetteer.csv, which stays as shipped: a row whose name_en is a "
                     "shipped place only adds spellings (aliases) to it; the others are new "
                     "places. Coordinates only where the UCDP GED file names the place (one "
                     "candidate; 'probable match' where the names differ in form); empty "
                     "otherwise, with the reason. admin1 is empty where no source read here "
                     "gives the governorate (the extractor then takes the one the report "
                     "gives). A region (kind region) is written as its governorates, "
                     "';'-joined in admin1.",
            "columns": {
                "name_en": "Canonical English name (what location holds); a shipped place's "
                           "name on a row that only adds spellings.",
                "name_ar": "Arabic name (empty on a row that only adds spellings).",
                "aliases_ar": "Other Arabic spellings and forms, '|'-separated.",
                "aliases_en": "Other English spellings, '|'-separated.",
                "kind": "village, town, area, oilfield, base, road, region.",
                "admin1": "Governorate; several ';'-joined for a region or a road across a "
                          "border; empty where not established.",
                "latitude": "WGS84 latitude (empty where not located).",
                "longitude": "WGS84 longitude (empty where not located).",
                "coord_source": "Where the coordinate came from, or why there is none.",
                "source": "Where the place and its governorate were read: a passage of the "
                          "real-report set (its URL is in tests/data/real_reports/gold.jsonl), "
                          "UCDP GED, or the annotation guidelines.",
            },
        },
        UCDP_GED_SYRIA: {
            "title": "UCDP Georeferenced Event Dataset (GED) Syria 20160101-20191130 "
                     "(652.1601.1911)",
            "producer": "Uppsala Conflict Data Program (UCDP), Uppsala University",
            "url": "https://ucdp.uu.se/downloads/",
            "obtained_from": "R data package knapply/data4ds4da, data/ucdp_syria_df.rda, "
                             "commit a1a309a04617b235b59f4d90c92313d0237b6ea5; values "
                             "unchanged, dates written as YYYY-MM-DD",
            "published": "2019 (GED Syria release, GED 19.1 codebook)",
            "accessed": ACCESSED,
            "accessed_note": ACCESSED_NOTE,
            "licence": UCDP_LICENCE,
            "citation": GED_CITATION,
            "language": "en",
            "source_line": "Data: UCDP GED Syria 19.1 (CC BY 4.0)",
            "notes": "All 16,566 events in Syria 2016-01-01..2019-11-30, 41 GED columns. "
                     "Unlike GED Global it includes all clear events, whether or not the "
                     "dyad passed 25 deaths in the year.",
            "coverage": UCDP_SYRIA_COVERAGE,
            "columns": ged_columns(UCDP_GED_SYRIA),
        },
        UCDP_BADIA_MONTHLY_REFERENCE: {
            "title": "Monthly counts of IS-involved UCDP GED Syria events in five Badia "
                     "governorates, 2016-2019 (reference)",
            "producer": "The project's data scout, derived from the UCDP GED Syria file",
            "url": "https://ucdp.uu.se/downloads/",
            "published": "undated derivation",
            "accessed": ACCESSED,
            "licence": "CC BY 4.0 (derived from UCDP data)",
            "citation": GED_CITATION,
            "language": "en",
            "source_line": "Data: UCDP GED Syria 19.1 (CC BY 4.0)",
            "derived_from": [UCDP_GED_SYRIA.name],
            "method": "Events whose side_a or side_b contains the word 'IS', in adm_1 Homs, "
                      "Deir ez Zor, Ar Raqqah, Hamah and Aleppo governorates, grouped by "
                      "month of date_start x adm_1 x conflict; an independent check on the "
                      "package's own counts.",
            "coverage": {**UCDP_SYRIA_COVERAGE,
                         "note": "Derived from the GED Syria release: its span."},
            "columns": {
                "month": "Month of date_start (YYYY-MM).",
                "adm_1": "UCDP adm_1 as written in the GED file.",
                "conflict_new_id": "UCDP conflict identifier.",
                "conflict_name": "UCDP conflict name.",
                "events": "Number of events.",
                "deaths_best": "Sum of best deaths of those events.",
                "kw_air": "Events whose headline or article matches a simple air-strike "
                          "keyword pattern.",
                "kw_sweep": "Events matching a simple sweep/combing keyword pattern.",
                "kw_is_attack": "Events matching a simple IS-attack keyword pattern.",
            },
        },
        ged231: {
            "title": "UCDP GED 23.1, Syria rows of a 1,000-event random sample",
            "producer": "Uppsala Conflict Data Program (UCDP), Uppsala University",
            "url": "https://ucdp.uu.se/downloads/",
            "obtained_from": "CRAN package uncertainUCDP, data/ucdpged.rda (cran/"
                             "uncertainUCDP commit 5307652184fcb979f544d8821b337575dfd86688)",
            "published": "2023 (GED 23.1)",
            "accessed": ACCESSED,
            "accessed_note": ACCESSED_NOTE,
            "licence": UCDP_LICENCE,
            "citation": [
                GED_CITATION[0],
                "Davies, Shawn, Therese Pettersson and Magnus Öberg (2023). Organized "
                "violence 1989-2022 and the return of conflicts between states? Journal of "
                "Peace Research 60(4).",
            ],
            "language": "en",
            "source_line": "Data: UCDP GED 23.1 sample (CC BY 4.0)",
            "notes": "265 rows, 49 columns: the newer GED layout, for schema tests only. "
                     "A random sample: do not use for counts.",
            "coverage_none": SAMPLE_NONE,
            "columns": ged_columns(ged231),
        },
        ged251: {
            "title": "UCDP GED 25.1, Syria rows of a 277-events-per-year random sample "
                     "(reduced columns)",
            "producer": "Uppsala Conflict Data Program (UCDP), Uppsala University",
            "url": "https://ucdp.uu.se/downloads/",
            "obtained_from": "LiLinduo/UCDP-Conflict-Visualization-Explorer, "
                             "data/events_sample.json + data/conflicts_summary.json, commit "
                             "299fd7cd859b2a9ae63897a06c9f5a6711592143 (that repository "
                             "states no licence; the values are UCDP's)",
            "published": "2025 (GED 25.1)",
            "accessed": ACCESSED,
            "accessed_note": ACCESSED_NOTE,
            "licence": UCDP_LICENCE,
            "citation": [
                GED_CITATION[0],
                "Davies, S., Pettersson, T., Sollenberg, M. and Öberg, M. (2025). Organized "
                "violence 1989-2024, and the challenges of identifying civilian victims. "
                "Journal of Peace Research 62(4).",
            ],
            "language": "en",
            "source_line": "Data: UCDP GED 25.1 sample (CC BY 4.0)",
            "notes": "1,289 rows, 11 reduced columns + conflict_name: schema tests only "
                     "(a file of another layout for the reader's error path). A random "
                     "sample: do not use for counts.",
            "coverage_none": SAMPLE_NONE,
            "columns": {
                "id": "UCDP event id.",
                "conflict_id": "UCDP conflict identifier.",
                "latitude": "Latitude (WGS84).",
                "longitude": "Longitude (WGS84).",
                "date": "Day of the event (YYYY-MM-DD).",
                "type_of_violence": "1 state-based, 2 non-state, 3 one-sided violence.",
                "best": "Best estimate of total deaths.",
                "civilian_deaths": "Best estimate of civilian deaths.",
                "combatant_deaths": "Best estimate of combatant deaths.",
                "country": "Country.",
                "region": "World region.",
                "conflict_name": "Name of the conflict (from conflicts_summary.json).",
            },
        },
    }


README_HEAD = """# seeds/

Immutable input data. Every file here comes from a real, cited source and has a
provenance sidecar beside it, `<file>.meta.json` (title, producer, URL,
publication and access dates, licence, citation, SHA-256 checksum, language, a
figure source line and the column dictionary). Derived tables are rebuilt from
these files by committed scripts, never edited by hand:

- `badia_2024/events.csv` by `scripts/convert_badia_events.py`;
- `badia_2024/reported_totals.csv` by `scripts/merge_reported_totals.py`;
- `badia_2024/events_2024_record.csv` by `scripts/build_badia_2024_record.py`;
- this README and the sidecars by `scripts/write_seed_sidecars.py`;
- `python -c "import analysis.sources.provenance as p; p.verify_seeds()"` checks every
  checksum (a test does too).

Not shipped: the shared folder's `unverified_country_month_ucdp_fatalities_SYR_2010_2024.csv`
(its UCDP version and method are not stated). ACLED data are not shipped either:
ACLED's terms forbid redistributing its rows, so users bring their own export
(see `docs/data.md`).

## Index

| file | what | licence | source line |
|---|---|---|---|
"""


def _cite(value: Any) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def readme_text(metas: dict[Path, dict[str, Any]]) -> str:
    """Return the text of ``seeds/README.md``: an index and one section per file."""
    root = BADIA_2024_EVENTS.parents[1]
    lines = [README_HEAD.rstrip("\n")]
    for path, meta in metas.items():
        rel = path.relative_to(root).as_posix()
        lines.append(f"| [`{rel}`](#{path.name.replace('.', '')}) | {meta['title']} "
                     f"| {meta['licence'].split('. ')[0]} | {meta['source_line']} |")
    for path, meta in metas.items():
        rel = path.relative_to(root).as_posix()
        lines += ["", f"## {path.name}", "", f"`{rel}`: {meta['title']}.", ""]
        lines.append(f"- producer: {meta['producer']}")
        lines.append(f"- source: {meta['url']}")
        if "obtained_from" in meta:
            lines.append(f"- obtained from: {meta['obtained_from']}")
        if "derived_from" in meta:
            lines.append(f"- derived from: {', '.join(meta['derived_from'])}")
        lines.append(f"- published: {meta['published']}; accessed: {meta['accessed']}")
        lines.append(f"- licence: {meta['licence']}")
        lines.append(f"- citation: {_cite(meta['citation'])}")
        lines.append(f"- language: {meta['language']}")
        if "start" in meta.get("coverage", {}):
            cov = meta["coverage"]
            lines.append(f"- coverage: {cov['start']} to {cov['end']}. {cov['note']}")
        if "coverage_none" in meta:
            lines.append(f"- coverage: none. {meta['coverage_none']}")
        for key in ("method", "notes", "published_note"):
            if key in meta:
                lines.append(f"- {key.replace('_', ' ')}: {meta[key]}")
        if "series" in meta.get("coverage", {}):
            lines.append("- coverage (months with a whole-scope figure):")
            for entry in meta["coverage"]["series"]:
                missing = entry.get("not_found")
                lines.append(
                    f"  - {entry['source']} {entry['metric']} ({entry['kind']}): "
                    f"{', '.join(entry['months'])}"
                    + (f"; not found: {', '.join(missing)}" if missing else "")
                )
        for conflict in meta.get("conflicts", []):
            where = conflict["area"] or "whole scope"
            lines.append(
                f"- conflict: {conflict['source']} {conflict['metric']} ({where}), "
                f"{conflict['interval']}: {conflict['why']}"
            )
        if meta["columns"]:
            lines += ["", "| column | meaning |", "|---|---|"]
            lines += [f"| `{c}` | {m.replace('|', '&#124;')} |"
                      for c, m in meta["columns"].items()]
    return "\n".join(lines) + "\n"


def render_all() -> dict[Path, str]:
    """Return the text of every sidecar (checksum included) and of seeds/README.md."""
    metas = sidecars()
    out: dict[Path, str] = {}
    for path, meta in metas.items():
        ordered = {k: meta[k] for k in meta if k != "columns"}
        ordered["sha256"] = compute_sha256(path)
        ordered["columns"] = meta["columns"]
        out[sidecar_path(path)] = json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"
    out[BADIA_2024_EVENTS.parents[1] / "README.md"] = readme_text(metas)
    return out


def main(argv: list[str] | None = None) -> int:
    """Write every sidecar and seeds/README.md (``--check``: exit 1 if any is stale)."""
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    stale = []
    for path, text in render_all().items():
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    if check:
        print("stale: " + ", ".join(map(str, stale)) if stale else "up to date")
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
