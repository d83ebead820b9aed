"""Iraq's surroundings for the base map: the neighbouring countries, the border, two rivers.

Plus the land around them, so a country not drawn (Armenia, Lebanon) does not read as sea.

Context only: nothing here is a place the articles' claims resolve to.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import shapely

from geo.boundaries import default_governorates
from geo.errors import DataError
from geo.layers_io import DATA_DIR, WGS84, Bounds, read_layer

NEIGHBOURS_PATH = DATA_DIR / "neighbours.geojson"
RIVERS_PATH = DATA_DIR / "rivers.geojson"
LAND_PATH = DATA_DIR / "land.geojson"
# The box data/build/build_context.py clips the context to: what the map may show of it.
CONTEXT_BOUNDS: Bounds = (24.0, 14.0, 66.0, 46.0)
NEIGHBOUR_FIELDS = ("id", "name", "iso_a3", "label_lat", "label_lon")
RIVER_FIELDS = ("id", "name")
# The neighbours are simplified at 0.01° (~1 km) together with the governorates; the part of
# a neighbour's outline within this distance of Iraq is its border with Iraq.
BORDER_SNAP_DEG = 0.015


def load_neighbours(path: Path = NEIGHBOURS_PATH) -> gpd.GeoDataFrame:
    """The six countries around Iraq (Natural Earth), validated, in WGS84."""
    return _context_layer(path, NEIGHBOUR_FIELDS, polygonal=True)


def load_rivers(path: Path = RIVERS_PATH) -> gpd.GeoDataFrame:
    """The Tigris and the Euphrates (Natural Earth centre lines), validated, in WGS84."""
    return _context_layer(path, RIVER_FIELDS, lines=True)


def load_land(path: Path = LAND_PATH) -> gpd.GeoDataFrame:
    """All land in the context box (Natural Earth), so countries not drawn do not read as sea."""
    return _context_layer(path, RIVER_FIELDS, polygonal=True)


def _context_layer(
    path: Path, required: tuple[str, ...], *, polygonal: bool | None = None, lines: bool = False
) -> gpd.GeoDataFrame:
    """A context file read and validated like the governorates, within the map's box."""
    gdf = read_layer(
        path,
        required=required,
        polygonal=polygonal,
        lines=lines,
        bounds=CONTEXT_BOUNDS,
        area="the map's context box",
    )
    return _indexed(path, gdf)


@lru_cache(maxsize=1)
def default_land() -> gpd.GeoDataFrame:
    """The shipped land polygon, read once per process (treat as read-only)."""
    return load_land()


@lru_cache(maxsize=1)
def default_neighbours() -> gpd.GeoDataFrame:
    """The shipped neighbours, read once per process (treat as read-only)."""
    return load_neighbours()


@lru_cache(maxsize=1)
def default_rivers() -> gpd.GeoDataFrame:
    """The shipped rivers, read once per process (treat as read-only)."""
    return load_rivers()


def iraq_border(
    neighbours: gpd.GeoDataFrame | None = None, governorates: gpd.GeoDataFrame | None = None
) -> gpd.GeoDataFrame:
    """Iraq's land border, one row per neighbour: the part of its outline that touches Iraq."""
    near = _iraq(governorates).buffer(BORDER_SNAP_DEG)
    rows = []
    for country in (default_neighbours() if neighbours is None else neighbours).itertuples():
        line = shapely.line_merge(country.geometry.boundary.intersection(near))
        if line.is_empty or line.length == 0:
            continue
        rows.append(
            {
                "id": f"border_{country.id}",
                "name": f"Iraq–{country.name} border",
                "neighbour": country.id,
                "geometry": line,
            }
        )
    if not rows:
        raise DataError("no neighbouring country touches Iraq: cannot draw its border")
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84).set_index("id", drop=False)


def _iraq(governorates: gpd.GeoDataFrame | None) -> shapely.Geometry:
    if governorates is None:
        return _default_iraq()
    return shapely.union_all(shapely.buffer(governorates.geometry.values, 1e-9))


@lru_cache(maxsize=1)
def _default_iraq() -> shapely.Geometry:
    return shapely.union_all(shapely.buffer(default_governorates().geometry.values, 1e-9))


def _indexed(path: Path, gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    duplicated = sorted(set(gdf["id"][gdf["id"].duplicated()]))
    if duplicated:
        raise DataError(f"{path}: the id(s) {', '.join(map(str, duplicated))} appear twice")
    return gdf.set_index("id", drop=False).rename_axis(None)
