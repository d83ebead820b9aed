"""ISIS activity zones drawn from cited anchor points: fuzzy places, derived, never hand-typed."""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import shapely
from shapely.geometry import LineString, MultiPoint

from geo.boundaries import default_governorates
from geo.errors import DataError
from geo.layers_io import METRIC_CRS, WGS84
from geo.sites import default_sites
from geo.zone_table import (  # noqa: F401 (ZONES and ZoneDef are public here too)
    EUPHRATES_BUFFER_M,
    HAMRIN_BUFFER_M,
    WADI_BUFFER_M,
    ZONES,
    ZoneDef,
)


def activity_zones(
    governorates: gpd.GeoDataFrame | None = None, sites: gpd.GeoDataFrame | None = None
) -> gpd.GeoDataFrame:
    """The three activity zones in WGS84, each marked `precision: approximate` with its method."""
    govs = default_governorates() if governorates is None else governorates
    pts = default_sites() if sites is None else sites
    missing = [a for z in ZONES for a in z.anchors if a not in pts.index]
    if missing:
        raise DataError(f"sites lack the anchor points {missing} needed to draw activity zones")
    # Buffers are drawn in metres, then the set operations run in WGS84 against the original
    # polygons, so "inside Anbar" holds exactly rather than to a reprojection's rounding.
    pts_m = pts.to_crs(METRIC_CRS)
    anchors = {z.id: [pts_m.geometry[a] for a in z.anchors] for z in ZONES}
    drawn = gpd.GeoSeries(
        {
            "anbar_desert": LineString(anchors["anbar_desert"]).buffer(EUPHRATES_BUFFER_M),
            "hamrin_mountains": LineString(anchors["hamrin_mountains"]).buffer(HAMRIN_BUFFER_M),
            "kirkuk_valleys": MultiPoint(anchors["kirkuk_valleys"])
            .buffer(WADI_BUFFER_M)
            .convex_hull,
        },
        crs=METRIC_CRS,
    ).to_crs(WGS84)
    iraq = shapely.union_all(govs.geometry.values)
    shapes = {
        "anbar_desert": shapely.difference(
            govs.geometry["anbar_governorate"], drawn["anbar_desert"]
        ),
        "hamrin_mountains": shapely.intersection(drawn["hamrin_mountains"], iraq),
        "kirkuk_valleys": shapely.intersection(drawn["kirkuk_valleys"], iraq),
    }
    rows = [
        {
            "id": z.id,
            "name": z.name,
            "kind": "activity_zone",
            "aliases": list(z.aliases),
            "precision": "approximate",
            "method": z.method,
            "governorates": list(z.governorates),
            "anchors": list(z.anchors),
            "geometry": shapes[z.id],
        }
        for z in ZONES
    ]
    zones = gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
    return zones.set_index("id", drop=False).rename_axis(None)


@lru_cache(maxsize=1)
def default_activity_zones() -> gpd.GeoDataFrame:
    """Zones from the shipped data, computed once per process (treat as read-only)."""
    return activity_zones()
