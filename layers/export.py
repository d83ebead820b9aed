"""Write the map as one self-contained HTML file, its layers as GeoJSON, its claims as CSV.

Every write is atomic (a temp file in the target folder, then os.replace), so a failed export
never leaves a half-written file where a good one was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from shapely.geometry import mapping

from geo.claims import Claim
from geo.errors import PostureMapError
from geo.evidence import claims_table
from geo.gazetteer import default_gazetteer
from layers.assets import inline_assets
from layers.page import MapView, add_title_block, apply_view, title_facts
from layers.render import (
    build_map,
    default_claims,
    frame_records,
    layer_frames,
    resolve_layer_ids,
)

# Spreadsheet apps run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = (
    "place_text",
    "personnel_text",
    "date_text",
    "quote",
    "outlet",
    "title",
    "url",
    "roles",
    "countries",
)


def html_text(
    layer_ids: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    claims: Iterable[Claim] | None = None,
    tiles: bool = False,
    view: MapView | None = None,
) -> str:
    """The map as one HTML page with Leaflet, jQuery and the CSS inlined: it draws offline.

    The page has a <title> and a title block (layers, date, articles and outlets behind what is
    drawn); it opens at `view` (the user's) if given, else fitted to Iraq.
    """
    ids = resolve_layer_ids(layer_ids)
    pool = tuple(default_claims() if claims is None else claims)
    m = build_map(ids, as_of=as_of, claims=pool, tiles=tiles)
    add_title_block(m, title_facts(ids, layer_frames(ids, as_of=as_of, claims=pool), as_of))
    if view is not None:
        apply_view(m, view)
    return inline_assets(m.get_root().render())


def export_html(
    path: Path,
    *,
    layer_ids: Iterable[str] | None = None,
    as_of: dt.date | None = None,
    claims: Iterable[Claim] | None = None,
    tiles: bool = False,
    view: MapView | None = None,
) -> Path:
    """Write the self-contained map to `path` (see html_text)."""
    return _write(path, html_text(layer_ids, as_of=as_of, claims=claims, tiles=tiles, view=view))


def geojson_collection(
    layer_ids: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    claims: Iterable[Claim] | None = None,
) -> dict[str, Any]:
    """The chosen layers as one RFC 7946 FeatureCollection (WGS84 lon/lat, no `crs` member).

    Each feature carries `layer`, its attributes and `evidence` (quote, outlet, date, url, role).
    """
    features = []
    for layer_id, frame in layer_frames(layer_ids, as_of=as_of, claims=claims).items():
        for row in frame_records(frame):
            geometry = row.pop("geometry")
            features.append(
                {
                    "type": "Feature",
                    "id": f"{layer_id}/{row['id']}",
                    "properties": row,
                    "geometry": mapping(geometry),
                }
            )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(
    layer_ids: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    claims: Iterable[Claim] | None = None,
) -> str:
    """geojson_collection as UTF-8 JSON text."""
    collection = geojson_collection(layer_ids, as_of=as_of, claims=claims)
    return json.dumps(collection, ensure_ascii=False, default=_json_default)


def export_geojson(
    path: Path,
    *,
    layer_ids: Iterable[str] | None = None,
    as_of: dt.date | None = None,
    claims: Iterable[Claim] | None = None,
) -> Path:
    """Write the chosen layers as GeoJSON to `path`."""
    return _write(path, geojson_text(layer_ids, as_of=as_of, claims=claims))


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """One row per claim with the place's name and lat/lon (a polygon's representative point)."""
    table = claims_table(claims)
    places = default_gazetteer().places
    names, lats, lons = [], [], []
    for place_id in table["place_id"]:
        place = places.get(place_id)
        point = None
        if place is not None:
            geom = place.geometry
            point = geom if geom.geom_type == "Point" else geom.representative_point()
        names.append(place.name if place else "")
        lats.append(round(point.y, 5) if point is not None else None)
        lons.append(round(point.x, 5) if point is not None else None)
    for column in ("personnel_min", "personnel_max", "country_count"):
        table[column] = table[column].astype("Int64")  # 4, not 4.0
    table.insert(2, "place_name", names)
    table.insert(3, "lat", lats)
    table.insert(4, "lon", lons)
    return table


def csv_text(claims: Iterable[Claim] | None = None) -> str:
    """The claims as CSV (see table_csv)."""
    return table_csv(claims_frame(default_claims() if claims is None else claims))


def table_csv(table: pd.DataFrame) -> str:
    """A claims table (or a filtered part of one) as CSV, formula-like text cells defused."""
    table = table.copy()
    for column in _TEXT_COLUMNS:
        if column in table:
            table[column] = table[column].map(_defuse)
    return str(table.to_csv(index=False))


def export_csv(path: Path, claims: Iterable[Claim] | None = None) -> Path:
    """Write the claims as a flat CSV table to `path`."""
    return _write(path, csv_text(claims))


def _defuse(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def check_target(path: Path) -> Path:
    """The file to write, or a PostureMapError if it is a folder or its folder is missing."""
    path = Path(path)
    if path.is_dir():
        raise PostureMapError(f"{path} is a folder; give a file name, e.g. {path / 'map.html'}")
    if not path.parent.is_dir():  # a bare name's parent is "."
        raise PostureMapError(f"{path}: the folder {path.parent} does not exist; create it first")
    return path


def _write(path: Path, text: str) -> Path:
    """Write text atomically: a temp file beside the target, then os.replace."""
    path = check_target(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would surprise whoever shares the file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
