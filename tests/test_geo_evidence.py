"""The evidence panel's logic: claims about a place newest first, the place under a click."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
from shapely.geometry import Point, box

from geo.claims import Claim, ClaimKind, DateSpan, SourceRef
from geo.evidence import CLAIM_COLUMNS, claim_rows, claims_about, claims_table, places_at
from geo.gazetteer import default_gazetteer
from geo.posture import place_evidence
from layers.export import claims_frame
from layers.frames import evidence_records

OLD = SourceRef("a1", "Old", "Wire", None, date(2025, 8, 30))
NEW = SourceRef("a2", "New", "Rudaw", "https://example.org/n", date(2025, 11, 26))


def claim(place_id: str, source: SourceRef, *, start: int = 0, **kw: object) -> Claim:
    return Claim(
        kind=ClaimKind.COALITION_DEPARTURE,
        place_id=place_id,
        place_text=place_id,
        quote=f"quote about {place_id}",
        start=start,
        end=start + 5,
        source=source,
        **kw,
    )  # type: ignore[arg-type]


def test_claims_about_a_place_are_newest_first() -> None:
    dated = claim("green_zone", NEW, date=DateSpan(date(2025, 8, 21), date(2025, 8, 31), "late"))
    claims = [claim("green_zone", OLD), claim("erbil", NEW), claim("green_zone", NEW), dated]
    got = claims_about(claims, "green_zone")
    assert [(c.source.article_id, c.date is not None) for c in got] == [
        ("a2", False),
        ("a1", False),
        ("a2", True),
    ]


def test_places_at_prefers_nearby_points_then_the_smallest_polygon() -> None:
    frames = {
        "sites": gpd.GeoDataFrame({"id": ["base"]}, geometry=[Point(44.0, 33.0)], crs=4326),
        "areas": gpd.GeoDataFrame(
            {"id": ["big", "small"]},
            geometry=[box(43, 32, 45, 34), box(43.9, 32.9, 44.1, 33.1)],
            crs=4326,
        ),
    }
    assert places_at(frames, lat=33.01, lon=44.01) == ["base", "small", "big"]
    assert places_at(frames, lat=33.5, lon=44.5) == ["big"]
    assert places_at(frames, lat=10.0, lon=10.0) == []


def test_claims_table_has_one_row_per_claim_and_stable_columns() -> None:
    table = claims_table([claim("erbil", NEW), claim("baghdad", OLD)])
    assert list(table["place_id"]) == ["erbil", "baghdad"]
    assert table.loc[0, "url"] == "https://example.org/n"
    assert list(claims_table([]).columns) == list(table.columns)


def test_one_flattening_behind_the_table_the_csv_and_the_popups() -> None:
    dated = claim(
        "green_zone",
        NEW,
        status="planned",
        date=DateSpan(date(2025, 8, 21), date(2025, 8, 31), "late August"),
    )
    claims = [dated, claim("green_zone", OLD)]
    rows = claim_rows(claims)
    assert tuple(rows[0]) == CLAIM_COLUMNS
    assert rows[0]["date_text"] == "late August (21 Aug–31 Aug 2025)"
    assert rows[1]["effective_date"] == "2025-08-30"  # undated: the publication day
    assert claims_table(claims).to_dict("records") == rows
    frame = claims_frame(claims)
    assert set(CLAIM_COLUMNS) <= set(frame.columns)
    assert list(frame["quote"]) == [r["quote"] for r in rows]
    records = evidence_records(place_evidence(claims, "green_zone"), default_gazetteer().places)
    by_quote = {r["article_id"]: r for r in records}
    for row in rows:
        assert {k: by_quote[row["article_id"]][k] for k in CLAIM_COLUMNS} == row
