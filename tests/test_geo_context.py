"""Iraq's surroundings: neighbours, border, rivers and land are real geography, checked."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import LineString, Point

from geo.boundaries import load_governorates
from geo.context import (
    CONTEXT_BOUNDS,
    iraq_border,
    load_land,
    load_neighbours,
    load_rivers,
)
from geo.errors import DataError
from geo.layers_io import METRIC_CRS
from geo.sites import load_sites
from tests.conftest import REPO, collection, square

# CIA World Factbook, Iraq: land boundaries (km).
BORDER_KM = {
    "syria": 599,
    "iran": 1599,
    "turkey": 367,
    "jordan": 179,
    "saudi_arabia": 811,
    "kuwait": 254,
}


@pytest.fixture(scope="module")
def neighbours() -> gpd.GeoDataFrame:
    return load_neighbours()


@pytest.fixture(scope="module")
def iraq() -> shapely.Geometry:
    return shapely.union_all(shapely.buffer(load_governorates().geometry.values, 1e-9))


@pytest.fixture(scope="module")
def towns() -> dict[str, Point]:
    return dict(zip(load_sites()["id"], load_sites().geometry, strict=True))


def _km(geometry: shapely.Geometry) -> float:
    return float(gpd.GeoSeries([geometry], crs="EPSG:4326").to_crs(METRIC_CRS).length.iloc[0]) / 1e3


def test_six_neighbours_named_valid_and_outside_iraq(
    neighbours: gpd.GeoDataFrame, iraq: shapely.Geometry
) -> None:
    assert dict(zip(neighbours["id"], neighbours["name"], strict=True)) == {
        "syria": "Syria",
        "iran": "Iran",
        "turkey": "Turkey",
        "jordan": "Jordan",
        "saudi_arabia": "Saudi Arabia",
        "kuwait": "Kuwait",
    }
    assert set(neighbours["iso_a3"]) == {"SYR", "IRN", "TUR", "JOR", "SAU", "KWT"}
    for row in neighbours.itertuples():
        assert row.geometry.is_valid, row.id
        # Shares Iraq's border without covering Iraq: the overlap is float noise, not land.
        assert row.geometry.intersection(iraq).area < 1e-4 * iraq.area, row.id
        assert row.geometry.distance(iraq) < 1e-6, row.id
        assert row.geometry.contains(Point(row.label_lon, row.label_lat)), row.id


def test_border_lengths_match_the_published_ones(neighbours: gpd.GeoDataFrame) -> None:
    border = iraq_border(neighbours)
    assert list(border["neighbour"]) == list(BORDER_KM)
    for row in border.itertuples():
        assert (
            row.geom_type if False else row.geometry.geom_type in {"LineString", "MultiLineString"}
        )
        # The 1:10m line is generalised (shorter in the mountains), never another line.
        assert _km(row.geometry) == pytest.approx(BORDER_KM[row.neighbour], rel=0.25), row.id
    assert border.loc["border_syria", "name"] == "Iraq–Syria border"


def test_border_runs_along_iraqs_outline(
    neighbours: gpd.GeoDataFrame, iraq: shapely.Geometry
) -> None:
    border = shapely.union_all(iraq_border(neighbours).geometry.values)
    # Iraq's outline is border everywhere but its ~60 km coast at the Gulf.
    land_outline = iraq.boundary.intersection(border.buffer(0.02))
    assert _km(iraq.boundary) - _km(land_outline) < 150
    assert border.hausdorff_distance(land_outline) < 0.03


def test_rivers_pass_their_towns_and_not_the_others(towns: dict[str, Point]) -> None:
    rivers = load_rivers()
    assert list(rivers["id"]) == ["tigris", "euphrates"]
    tigris, euphrates = rivers.loc["tigris", "geometry"], rivers.loc["euphrates", "geometry"]
    km8 = 8 / 111
    for town in ("mosul", "tikrit", "samarra", "baghdad"):
        assert tigris.distance(towns[town]) < km8, town
        assert euphrates.distance(towns[town]) > 3 * km8, town
    for town in ("ramadi", "fallujah", "haditha", "hit", "anah"):
        assert euphrates.distance(towns[town]) < km8, town
        assert tigris.distance(towns[town]) > 3 * km8, town
    # They meet at Qurna (31.0 N, 47.4 E) and run ~1,000 and ~900 km through Iraq.
    assert tigris.distance(euphrates) < 0.05
    assert tigris.distance(Point(47.43, 31.0)) < 0.1
    assert 800 < _km(tigris) < 1200
    assert 700 < _km(euphrates) < 1100


def test_land_is_land_and_the_sea_is_not() -> None:
    land = load_land().geometry.iloc[0]
    assert land.contains(Point(44.51, 40.18))  # Yerevan, Armenia: not a neighbour, still land
    assert land.contains(Point(35.90, 33.85))  # Zahlé, Lebanon
    assert not land.contains(Point(51.0, 27.0))  # the Gulf
    assert not land.contains(Point(51.0, 40.0))  # the Caspian Sea


def test_context_lies_in_its_box() -> None:
    lon0, lat0, lon1, lat1 = CONTEXT_BOUNDS
    for frame in (load_neighbours(), load_rivers(), load_land()):
        minx, miny, maxx, maxy = frame.total_bounds
        assert lon0 <= minx
        assert lat0 <= miny
        assert maxx <= lon1
        assert maxy <= lat1


# --- bad data: a clear error naming the file and the feature -------------------------------


def _country(**overrides: Any) -> dict[str, Any]:
    properties = {
        "id": "x",
        "name": "X",
        "iso_a3": "XXX",
        "label_lat": 34.2,
        "label_lon": 36.2,
    }
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": square(36.0, 34.0),
        **overrides,
    }


def test_a_river_drawn_as_a_polygon_is_refused(write_geojson: Callable[..., Path]) -> None:
    river = {
        "type": "Feature",
        "properties": {"id": "nile", "name": "Nile"},
        "geometry": square(44.0, 33.0),
    }
    path = write_geojson(collection(river), "rivers.geojson")
    with pytest.raises(DataError, match=r"rivers\.geojson: feature #0 \(nile\).*LineString"):
        load_rivers(path)


def test_a_country_outside_the_box_is_refused(write_geojson: Callable[..., Path]) -> None:
    far = _country(geometry=square(10.0, 50.0))
    path = write_geojson(collection(_country(), far), "neighbours.geojson")
    with pytest.raises(DataError, match=r"feature #1 \(x\).*outside the map's context box"):
        load_neighbours(path)


def test_a_country_without_its_code_or_a_doubled_id_is_refused(
    write_geojson: Callable[..., Path],
) -> None:
    bare = _country()
    del bare["properties"]["iso_a3"]
    with pytest.raises(DataError, match="lacks required properties: iso_a3"):
        load_neighbours(write_geojson(collection(bare)))
    with pytest.raises(DataError, match=r"the id\(s\) x appear twice"):
        load_neighbours(write_geojson(collection(_country(), _country())))


def test_no_neighbour_touching_iraq_is_an_error(write_geojson: Callable[..., Path]) -> None:
    lone = load_neighbours(write_geojson(collection(_country())))
    with pytest.raises(DataError, match="no neighbouring country touches Iraq"):
        iraq_border(lone)


# --- the rebuild script's own logic, without npm -----------------------------------------


def _build_context() -> ModuleType:
    path = REPO / "data" / "build" / "build_context.py"
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("build_context", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_topojson_arcs_are_decoded_with_deltas_and_reversals() -> None:
    build = _build_context()
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [40.0, 30.0]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {
            "shapes": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]]},
                    {"type": "LineString", "arcs": [-1]},
                ],
            }
        },
    }
    polygon, line = build.topojson_features(topology, "shapes")
    assert list(polygon.exterior.coords) == [(40, 30), (41, 30), (41, 31), (40, 31), (40, 30)]
    assert list(line.coords) == [(41, 31), (41, 30), (40, 30)]


def test_rivers_are_named_by_their_towns_or_left_out(towns: dict[str, Point]) -> None:
    build = _build_context()
    tigris = LineString([towns[t].coords[0] for t in build.RIVER_TOWNS["Tigris"]])
    euphrates = LineString([towns[t].coords[0] for t in build.RIVER_TOWNS["Euphrates"]])
    crossing = LineString([towns["mosul"].coords[0], towns["ramadi"].coords[0]])
    lines = [tigris, euphrates, crossing, LineString([(36.0, 39.0), (36.5, 39.5)])]
    arcs = [[list(p) for p in g.coords] for g in lines]
    topology = {
        "arcs": arcs,
        "objects": {
            "rivers": {
                "geometries": [{"type": "LineString", "arcs": [i]} for i in range(len(arcs))]
            }
        },
    }
    rivers = build.build_rivers(topology, towns)
    named = {
        f["properties"]["name"]: shapely.geometry.shape(f["geometry"]) for f in rivers["features"]
    }
    assert set(named) == {"Tigris", "Euphrates"}
    assert named["Tigris"].equals_exact(tigris, 1e-4)
    topology["objects"]["rivers"]["geometries"].append({"type": "LineString", "arcs": [0]})
    with pytest.raises(SystemExit, match="Tigris: 2 Natural Earth lines"):
        build.build_rivers(topology, towns)
