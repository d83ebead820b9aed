"""The evidence behind a place: its claims newest first, and the place under a map click."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo.claims import Claim

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


def claims_table(claims: Iterable[Claim]) -> pd.DataFrame:
    """One flat row per claim, for a table to filter and a CSV to download."""
    rows = []
    for c in claims:
        rows.append(
            {
                "kind": str(c.kind),
                "place_id": c.place_id,
                "place_text": c.place_text,
                "status": c.status or "",
                "personnel_min": c.personnel.min if c.personnel else None,
                "personnel_max": c.personnel.max if c.personnel else None,
                "personnel_approximate": c.personnel.approximate if c.personnel else None,
                "countries": "; ".join(c.countries),
                "country_count": c.country_count,
                "roles": "; ".join(c.roles),
                "date_start": c.date.start.isoformat() if c.date else "",
                "date_end": c.date.end.isoformat() if c.date else "",
                "quote": c.quote,
                "outlet": c.source.outlet,
                "published": c.source.published.isoformat(),
                "title": c.source.title,
                "url": c.source.url or "",
                "article_id": c.source.article_id,
                "start": c.start,
                "end": c.end,
            }
        )
    return pd.DataFrame(rows, columns=list(_COLUMNS))


_COLUMNS = (
    "kind",
    "place_id",
    "place_text",
    "status",
    "personnel_min",
    "personnel_max",
    "personnel_approximate",
    "countries",
    "country_count",
    "roles",
    "date_start",
    "date_end",
    "quote",
    "outlet",
    "published",
    "title",
    "url",
    "article_id",
    "start",
    "end",
)
