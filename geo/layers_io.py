"""Read and validate GeoJSON layers, so bad data fails loudly with the file and feature named."""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.errors import DataError, DataWarning

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
WGS84 = "EPSG:4326"
METRIC_CRS = "EPSG:32638"  # UTM 38N: metres across Iraq, for buffers and distances
EQUAL_AREA_CRS = "ESRI:102022"  # Africa/Asia Albers equal-area: for areas in km²
Bounds = tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max
# Iraq's extent with a small margin.
IRAQ_BOUNDS: Bounds = (38.5, 28.8, 49.0, 37.6)
MAX_LAYER_BYTES = 20 * 1024 * 1024
COORD_DECIMALS = 4  # ~10 m when drawn: far finer than the data's own accuracy
_WGS84_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
    "urn:ogc:def:crs:OGC::CRS84",
}
_REPAIR_TOLERANCE = 0.01  # make_valid may change a polygon's area by at most 1 %


def read_layer(
    path: Path,
    *,
    required: Sequence[str],
    polygonal: bool | None = None,
    within_iraq: bool = True,
    lines: bool = False,
    bounds: Bounds = IRAQ_BOUNDS,
    area: str = "Iraq",
) -> gpd.GeoDataFrame:
    """Load a GeoJSON FeatureCollection in WGS84, checking every feature before any is used.

    `lines` asks for LineString/MultiLineString features; `bounds` (named `area` in messages)
    is the box every feature must lie in when `within_iraq` holds.
    """
    collection = _read_json(path)
    features = collection.get("features")
    if collection.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise DataError(f"{path}: not a GeoJSON FeatureCollection (no 'features' list)")
    _check_crs(path, collection)
    rows: list[dict[str, Any]] = []
    for index, feature in enumerate(features):
        rows.append(
            _check_feature(
                path,
                index,
                feature,
                required=required,
                polygonal=polygonal,
                within_iraq=within_iraq,
                lines=lines,
                bounds=bounds,
                area=area,
            )
        )
    if not rows:
        raise DataError(f"{path}: the FeatureCollection has no features")
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)


def rounded_geojson(geometry: Any) -> Any:
    """GeoJSON coordinates rounded to COORD_DECIMALS (tuples become lists): smaller pages."""
    if isinstance(geometry, dict):
        return {k: rounded_geojson(v) for k, v in geometry.items()}
    if isinstance(geometry, list | tuple):
        if geometry and isinstance(geometry[0], float | int):
            return [round(float(v), COORD_DECIMALS) for v in geometry]
        return [rounded_geojson(v) for v in geometry]
    return geometry


def _read_json(path: Path) -> dict[str, Any]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from exc
    if size > MAX_LAYER_BYTES:
        raise DataError(f"{path}: {size:,} bytes is over the {MAX_LAYER_BYTES:,}-byte limit")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{path}: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a JSON object, found {type(data).__name__}")
    return data


def _check_crs(path: Path, collection: dict[str, Any]) -> None:
    """RFC 7946 GeoJSON is WGS84 lon/lat; an old-style 'crs' naming anything else is refused."""
    crs = collection.get("crs")
    if crs is None:
        return
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
    if name not in _WGS84_NAMES:
        raise DataError(
            f"{path}: CRS is {name or crs!r}, expected WGS84 (EPSG:4326); "
            "reproject it, e.g. ogr2ogr -t_srs EPSG:4326"
        )


def _check_feature(
    path: Path,
    index: int,
    feature: Any,
    *,
    required: Sequence[str],
    polygonal: bool | None,
    within_iraq: bool,
    lines: bool = False,
    bounds: Bounds = IRAQ_BOUNDS,
    area: str = "Iraq",
) -> dict[str, Any]:
    if not isinstance(feature, dict):
        raise DataError(f"{path}: feature #{index} is not a JSON object")
    props = feature.get("properties") or {}
    label = f"{path}: feature #{index} ({props.get('id') or props.get('name') or 'no id'})"
    missing = [key for key in required if props.get(key) in (None, "")]
    if missing:
        raise DataError(f"{label} lacks required properties: {', '.join(missing)}")
    geometry = _geometry(label, feature.get("geometry"))
    if polygonal is not None and (geometry.geom_type in {"Polygon", "MultiPolygon"}) != polygonal:
        wanted = "a Polygon or MultiPolygon" if polygonal else "a Point"
        raise DataError(f"{label}: geometry is a {geometry.geom_type}, expected {wanted}")
    if lines and geometry.geom_type not in {"LineString", "MultiLineString"}:
        raise DataError(
            f"{label}: geometry is a {geometry.geom_type}, expected a LineString or MultiLineString"
        )
    if within_iraq:
        _check_bounds(label, geometry, bounds, area)
    if not geometry.is_valid:
        geometry = _repair(label, geometry)
    return {**props, "geometry": geometry}


def _geometry(label: str, raw: Any) -> BaseGeometry:
    if not raw:
        raise DataError(f"{label} has no geometry")
    try:
        geometry = shape(raw)
    except (ValueError, TypeError, AttributeError, KeyError, shapely.errors.GEOSException) as exc:
        raise DataError(f"{label}: geometry cannot be read ({exc})") from exc
    if geometry.is_empty:
        raise DataError(f"{label}: geometry is empty")
    return geometry


def _check_bounds(
    label: str, geometry: BaseGeometry, bounds: Bounds = IRAQ_BOUNDS, area: str = "Iraq"
) -> None:
    minx, miny, maxx, maxy = geometry.bounds
    lon0, lat0, lon1, lat1 = bounds
    if minx < lon0 or maxx > lon1 or miny < lat0 or maxy > lat1:
        hint = " (are longitude and latitude swapped, or is it not WGS84?)"
        raise DataError(
            f"{label}: coordinates ({minx:.3f}, {miny:.3f}, {maxx:.3f}, {maxy:.3f}) "
            f"fall outside {area}{hint}"
        )


def _repair(label: str, geometry: BaseGeometry) -> BaseGeometry:
    """Repair with make_valid only when the fix keeps the type family and the area: else refuse."""
    reason = shapely.is_valid_reason(geometry)
    fixed = shapely.make_valid(geometry)
    if fixed.geom_type == "GeometryCollection":
        fixed = shapely.unary_union([g for g in fixed.geoms if g.area > 0]) if fixed.area else fixed
    same_family = (fixed.geom_type in {"Polygon", "MultiPolygon"}) == (
        geometry.geom_type in {"Polygon", "MultiPolygon"}
    )
    # Shoelace area, defined even for an invalid ring; a bowtie's halves cancel to ~0, so its
    # "repair" would invent area: refused as infinite drift.
    area_before = geometry.area
    drift = abs(fixed.area - area_before) / area_before if area_before else math.inf
    if not same_family or fixed.is_empty or drift > _REPAIR_TOLERANCE:
        raise DataError(
            f"{label}: invalid geometry ({reason}) that cannot be repaired safely; "
            "fix it in the source"
        )
    warnings.warn(
        f"{label}: invalid geometry ({reason}) repaired with make_valid", DataWarning, stacklevel=4
    )
    return fixed
