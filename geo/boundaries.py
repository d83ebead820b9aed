"""Governorates of Iraq and the regions derived from them (Kurdistan Region, disputed provinces)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import shapely

from geo.errors import DataError
from geo.gazetteer import REGION_NAMES
from geo.layers_io import DATA_DIR, read_layer

GOVERNORATES_PATH = DATA_DIR / "governorates.geojson"
GOVERNORATE_FIELDS = ("id", "name", "aliases", "hasc", "region")
# The provinces the constitution's Article 140 leaves disputed between Baghdad and Erbil, which
# the reporting names as threatened by sleeper cells.
DISPUTED_IDS = (
    "diyala_governorate",
    "kirkuk_governorate",
    "nineveh_governorate",
    "salahaddin_governorate",
)


def load_governorates(path: Path = GOVERNORATES_PATH) -> gpd.GeoDataFrame:
    """The 18 governorates (Natural Earth admin-1), validated, in WGS84."""
    gdf = read_layer(path, required=GOVERNORATE_FIELDS, polygonal=True)
    return gdf.set_index("id", drop=False).rename_axis(None)


@lru_cache(maxsize=1)
def default_governorates() -> gpd.GeoDataFrame:
    """The shipped governorates, read once per process (treat as read-only)."""
    return load_governorates()


def kurdistan_region(governorates: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Dissolve the governorates whose region is Kurdistan into one Kurdistan Region polygon."""
    govs = default_governorates() if governorates is None else governorates
    members = govs[govs["region"] == "Kurdistan"].sort_values("id")
    if members.empty:
        raise DataError("no governorate has region 'Kurdistan': cannot derive the Kurdistan Region")
    return _region("kurdistan_region", members)


def disputed_provinces(governorates: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Diyala, Kirkuk, Nineveh and Salahaddin: the disputed provinces, one row each."""
    govs = default_governorates() if governorates is None else governorates
    missing = [gid for gid in DISPUTED_IDS if gid not in govs.index]
    if missing:
        raise DataError(f"governorates lack the disputed provinces {missing}")
    return govs.loc[list(DISPUTED_IDS)].copy()


def federal_iraq(governorates: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Iraq outside the Kurdistan Region: what officials call 'federal Iraq' or 'federal areas'."""
    govs = default_governorates() if governorates is None else governorates
    return _region("federal_iraq", govs[govs["region"] != "Kurdistan"])


def _region(region_id: str, members: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row: the region's names (the gazetteer's list), its members and their dissolve."""
    names = next(r for r in REGION_NAMES if r["id"] == region_id)
    row = {**names, "members": list(members["id"]), "geometry": _dissolve(members)}
    frame = gpd.GeoDataFrame([row], geometry="geometry", crs=members.crs)
    return frame.set_index("id", drop=False).rename_axis(None)


def _dissolve(gdf: gpd.GeoDataFrame) -> shapely.Geometry:
    """Union of shared-border polygons; a nanodegree grow-and-shrink closes float-level slivers."""
    union = shapely.union_all(gdf.geometry.values)
    if union.geom_type == "MultiPolygon":
        union = shapely.buffer(shapely.union_all(shapely.buffer(gdf.geometry.values, 1e-9)), -1e-9)
    return union
