"""The evidence behind a place: its claims newest first, and the place under a map click."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo.claims import Claim, ClaimKind, SourceRef
from geo.posture import claim_date, when

CLICK_TOLERANCE_DEG = 0.05  # ~5 km: a click on a marker icon lands near, not on, its point


def claims_about(claims: Iterable[Claim], place_id: str) -> list[Claim]:
    """Every claim about a place, newest first (by the date it holds, then by publication)."""
    about = [c for c in claims if c.place_id == place_id]
    return sorted(
        about, key=lambda c: (c.effective_date, c.source.published, -c.start), reverse=True
    )


def places_at(frames: Mapping[str, gpd.GeoDataFrame], *, lat: float, lon: float) -> list[str]:
    """Ids of the features under a click: points within a few km first, then polygons."""
    click = Point(lon, lat)
    near: list[tuple[float, str]] = []
    inside: list[tuple[float, str]] = []
    for frame in frames.values():
        for row in frame.itertuples(index=False):
            geom = row.geometry
            if geom.geom_type == "Point":
                distance = geom.distance(click)
                if distance <= CLICK_TOLERANCE_DEG:
                    near.append((distance, str(row.id)))
            elif geom.covers(click):
                inside.append((geom.area, str(row.id)))  # smallest polygon first
    ordered = [pid for _, pid in sorted(near)] + [pid for _, pid in sorted(inside)]
    return list(dict.fromkeys(ordered))


def claim_row(claim: Claim) -> dict[str, Any]:
    """One claim as a flat row: the single flattening behind the table, the CSV and popups."""
    c = claim
    return {
        "kind": str(c.kind),
        "place_id": c.place_id,
        "place_text": c.place_text,
        "status": c.status or "",
        "personnel_min": c.personnel.min if c.personnel else None,
        "personnel_max": c.personnel.max if c.personnel else None,
        "personnel_approximate": c.personnel.approximate if c.personnel else None,
        "personnel_text": c.personnel.text if c.personnel else "",
        "countries": "; ".join(c.countries),
        "country_count": c.country_count,
        "roles": "; ".join(c.roles),
        "date_text": when(c) if c.date else "",
        "date_start": c.date.start.isoformat() if c.date else "",
        "date_end": c.date.end.isoformat() if c.date else "",
        "effective_date": claim_date(c).isoformat(),
        "quote": c.quote,
        "outlet": c.source.outlet,
        "published": c.source.published.isoformat(),
        "title": c.source.title,
        "url": c.source.url or "",
        "article_id": c.source.article_id,
        "start": c.start,
        "end": c.end,
    }


CLAIM_COLUMNS = tuple(
    claim_row(
        Claim(
            kind=ClaimKind.COALITION_PRESENCE,
            place_id="",
            place_text="",
            quote="",
            start=0,
            end=0,
            source=SourceRef("", "", "", None, dt.date.min),
        )
    )
)
"""The columns of claim_row, in order (also those of an empty table)."""


def claim_rows(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """Claims as flat rows (see claim_row)."""
    return [claim_row(c) for c in claims]


def claims_table(claims: Iterable[Claim]) -> pd.DataFrame:
    """One flat row per claim, for a table to filter and a CSV to download."""
    return pd.DataFrame(claim_rows(claims), columns=list(CLAIM_COLUMNS))
