"""Governorates, sites, derived regions and activity zones: real geography, checked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo.boundaries import (
    disputed_provinces,
    federal_iraq,
    kurdistan_region,
    load_governorates,
)
from geo.errors import DataError, DataWarning
from geo.layers_io import EQUAL_AREA_CRS, IRAQ_BOUNDS
from geo.sites import load_sites
from geo.zones import activity_zones
from tests.conftest import collection, governorate_feature, square

IRAQ_KM2 = 438_317  # CIA World Factbook total area
# Float noise from reprojecting buffers: a nanodegree is ~0.1 mm.
EPS = 1e-9


@pytest.fixture(scope="module")
def governorates() -> gpd.GeoDataFrame:
    return load_governorates()


@pytest.fixture(scope="module")
def sites() -> gpd.GeoDataFrame:
    return load_sites()


@pytest.fixture(scope="module")
def zones() -> gpd.GeoDataFrame:
    return activity_zones()


def km2(gdf: gpd.GeoDataFrame) -> gpd.GeoSeries:
    return gdf.to_crs(EQUAL_AREA_CRS).area / 1e6


def test_eighteen_governorates_cover_iraq(governorates: gpd.GeoDataFrame) -> None:
    assert len(governorates) == 18
    assert governorates["id"].is_unique
    assert governorates.geometry.is_valid.all()
    assert km2(governorates).sum() == pytest.approx(IRAQ_KM2, rel=0.01)


def test_anbar_is_the_largest_at_about_138000_km2(governorates: gpd.GeoDataFrame) -> None:
    areas = km2(governorates)
    assert areas.idxmax() == "anbar_governorate"
    assert areas["anbar_governorate"] == pytest.approx(138_000, rel=0.01)


def test_governorates_keep_names_codes_and_regions(governorates: gpd.GeoDataFrame) -> None:
    erbil = governorates.loc["erbil_governorate"]
    assert erbil["hasc"] == "IQ.AR"
    assert {"Arbil", "Erbil", "Irbil"} <= set(erbil["aliases"])
    assert governorates.loc["salahaddin_governorate", "ne_name"] == "Sala ad-Din"
    kurdish = set(governorates.index[governorates["region"] == "Kurdistan"])
    assert kurdish == {"duhok_governorate", "erbil_governorate", "sulaymaniyah_governorate"}


def test_kurdistan_region_is_one_valid_polygon_of_three_governorates(
    governorates: gpd.GeoDataFrame,
) -> None:
    region = kurdistan_region(governorates)
    shape = region.geometry.iloc[0]
    assert shape.geom_type == "Polygon"
    assert shape.is_valid
    assert region.iloc[0]["members"] == [
        "duhok_governorate",
        "erbil_governorate",
        "sulaymaniyah_governorate",
    ]
    members = governorates.loc[region.iloc[0]["members"]]
    assert km2(region).iloc[0] == pytest.approx(km2(members).sum(), rel=1e-4)


def test_disputed_provinces_are_the_four_named(governorates: gpd.GeoDataFrame) -> None:
    assert set(disputed_provinces(governorates).index) == {
        "diyala_governorate",
        "kirkuk_governorate",
        "nineveh_governorate",
        "salahaddin_governorate",
    }


def test_federal_iraq_and_kurdistan_partition_iraq(governorates: gpd.GeoDataFrame) -> None:
    total = km2(governorates).sum()
    parts = km2(federal_iraq(governorates)).iloc[0] + km2(kurdistan_region(governorates)).iloc[0]
    assert parts == pytest.approx(total, rel=1e-4)


def test_every_site_lies_in_its_governorate(
    sites: gpd.GeoDataFrame, governorates: gpd.GeoDataFrame
) -> None:
    wrong = [
        (sid, row["governorate"])
        for sid, row in sites.iterrows()
        if not governorates.geometry[row["governorate"]].contains(row.geometry)
    ]
    assert wrong == []


def test_the_article_sites_are_present_with_cited_sources(sites: gpd.GeoDataFrame) -> None:
    needed = {
        "baghdad",
        "baghdad_airport",
        "green_zone",
        "joc_hq",
        "ain_al_asad",
        "erbil",
        "erbil_airport",
        "harir",
        "k1",
        "mosul",
        "kirkuk",
        "tikrit",
        "baqubah",
        "ramadi",
    }
    assert needed <= set(sites.index)
    assert sites["source"].str.len().min() > 10
    assert (sites.loc["joc_hq", "precision"], sites.loc["ain_al_asad", "precision"]) == (
        "approximate",
        "point",
    )


def test_ain_al_asad_is_at_its_published_coordinates(sites: gpd.GeoDataFrame) -> None:
    point = sites.geometry["ain_al_asad"]
    assert (point.y, point.x) == pytest.approx((33.78556, 42.44111), abs=1e-5)


def test_zones_are_valid_approximate_and_within_iraq(
    zones: gpd.GeoDataFrame, governorates: gpd.GeoDataFrame
) -> None:
    iraq = shapely.union_all(governorates.geometry.values).buffer(EPS)
    assert set(zones.index) == {"anbar_desert", "hamrin_mountains", "kirkuk_valleys"}
    for zone_id, zone in zones.iterrows():
        assert zone.geometry.is_valid, zone_id
        assert not zone.geometry.is_empty, zone_id
        assert iraq.contains(zone.geometry), zone_id
        assert zone["precision"] == "approximate"
        assert "UTM 38N" in zone["method"]


def test_anbar_desert_is_inside_anbar_and_leaves_out_the_euphrates_towns(
    zones: gpd.GeoDataFrame, governorates: gpd.GeoDataFrame, sites: gpd.GeoDataFrame
) -> None:
    desert = zones.geometry["anbar_desert"]
    assert governorates.geometry["anbar_governorate"].buffer(EPS).contains(desert)
    assert 0.5 < km2(zones)["anbar_desert"] / km2(governorates)["anbar_governorate"] < 0.98
    for town in ("ramadi", "haditha", "hit", "fallujah", "al_qaim"):
        assert not desert.contains(sites.geometry[town]), town
    assert desert.contains(sites.geometry["rutba"])


def test_hamrin_spans_salahaddin_diyala_and_kirkuk(
    zones: gpd.GeoDataFrame, governorates: gpd.GeoDataFrame
) -> None:
    ridge = zones.to_crs(EQUAL_AREA_CRS).geometry["hamrin_mountains"]
    govs = governorates.to_crs(EQUAL_AREA_CRS)
    for gov in ("salahaddin_governorate", "diyala_governorate", "kirkuk_governorate"):
        assert ridge.intersection(govs.geometry[gov]).area > 50e6, gov  # > 50 km² in each


def test_kirkuk_valleys_lie_mostly_in_kirkuk(
    zones: gpd.GeoDataFrame, governorates: gpd.GeoDataFrame
) -> None:
    valleys = zones.geometry["kirkuk_valleys"]
    share = valleys.intersection(governorates.geometry["kirkuk_governorate"]).area / valleys.area
    assert share > 0.5


# --- bad data: each case raises a DataError that names the file and the feature ----------


def test_unreadable_json_names_the_file_and_line(write_geojson: Callable[..., Path]) -> None:
    path = write_geojson('{"type": "FeatureCollection", "features": [', "broken.geojson")
    with pytest.raises(DataError, match=r"broken\.geojson: not valid JSON at line 1"):
        load_governorates(path)


def test_binary_file_is_refused(write_geojson: Callable[..., Path]) -> None:
    path = write_geojson(b"\x89PNG\r\n\x1a\n\xff\xfe", "image.geojson")
    with pytest.raises(DataError, match="not UTF-8"):
        load_governorates(path)


def test_a_foreign_crs_is_refused(write_geojson: Callable[..., Path]) -> None:
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}}
    path = write_geojson(collection(governorate_feature(), crs=crs))
    with pytest.raises(DataError, match=r"CRS is 'urn:ogc:def:crs:EPSG::32638', expected WGS84"):
        load_governorates(path)


def test_projected_coordinates_are_caught_as_outside_iraq(
    write_geojson: Callable[..., Path],
) -> None:
    utm = governorate_feature(geometry=square(400_000.0, 3_700_000.0, 1000.0))
    path = write_geojson(collection(utm))
    with pytest.raises(DataError, match=r"feature #0 \(test_governorate\).*outside Iraq"):
        load_governorates(path)


def test_swapped_lat_lon_is_caught(write_geojson: Callable[..., Path]) -> None:
    path = write_geojson(collection(governorate_feature(geometry=square(33.0, 44.0))))
    with pytest.raises(DataError, match="swapped"):
        load_governorates(path)


def test_empty_geometry_is_refused(write_geojson: Callable[..., Path]) -> None:
    empty = governorate_feature(geometry={"type": "Polygon", "coordinates": []})
    with pytest.raises(DataError, match="geometry is empty"):
        load_governorates(write_geojson(collection(empty)))


def test_missing_geometry_is_refused(write_geojson: Callable[..., Path]) -> None:
    with pytest.raises(DataError, match="has no geometry"):
        load_governorates(write_geojson(collection(governorate_feature(geometry=None))))


def test_missing_properties_are_listed(write_geojson: Callable[..., Path]) -> None:
    feature = governorate_feature()
    del feature["properties"]["hasc"], feature["properties"]["region"]
    with pytest.raises(DataError, match="lacks required properties: hasc, region"):
        load_governorates(write_geojson(collection(feature)))


def test_a_point_where_polygons_belong_is_refused(write_geojson: Callable[..., Path]) -> None:
    point = governorate_feature(geometry={"type": "Point", "coordinates": [44.0, 33.0]})
    with pytest.raises(DataError, match="expected a Polygon or MultiPolygon"):
        load_governorates(write_geojson(collection(point)))


def test_a_repairable_ring_is_repaired_and_reported(write_geojson: Callable[..., Path]) -> None:
    # A square with a zero-area spike: invalid (self-touching), safely repairable.
    ring = [
        [44.0, 33.0],
        [44.5, 33.0],
        [44.5, 33.5],
        [44.5, 33.9],
        [44.5, 33.5],
        [44.0, 33.5],
        [44.0, 33.0],
    ]
    feature = governorate_feature(geometry={"type": "Polygon", "coordinates": [ring]})
    with pytest.warns(DataWarning, match="repaired with make_valid"):
        gdf = load_governorates(write_geojson(collection(feature)))
    assert gdf.geometry.iloc[0].is_valid
    assert gdf.geometry.iloc[0].area == pytest.approx(0.25)


def test_a_bowtie_is_refused_rather_than_guessed(write_geojson: Callable[..., Path]) -> None:
    ring = [[44.0, 33.0], [44.5, 33.5], [44.5, 33.0], [44.0, 33.5], [44.0, 33.0]]
    feature = governorate_feature(geometry={"type": "Polygon", "coordinates": [ring]})
    with pytest.raises(DataError, match="cannot be repaired safely"):
        load_governorates(write_geojson(collection(feature)))


def test_not_a_feature_collection(write_geojson: Callable[..., Path]) -> None:
    with pytest.raises(DataError, match="not a GeoJSON FeatureCollection"):
        load_governorates(write_geojson({"type": "Feature"}))


def test_sites_must_be_points(write_geojson: Callable[..., Path]) -> None:
    feature = governorate_feature(
        properties={
            "id": "x",
            "name": "X",
            "kind": "city",
            "quality": "high",
            "precision": "point",
            "governorate": "baghdad_governorate",
            "source": "test",
        }
    )
    with pytest.raises(DataError, match="expected a Point"):
        load_sites(write_geojson(collection(feature)))


def test_bounds_constant_covers_all_shipped_data(governorates: gpd.GeoDataFrame) -> None:
    minx, miny, maxx, maxy = governorates.total_bounds
    lon0, lat0, lon1, lat1 = IRAQ_BOUNDS
    assert lon0 < minx
    assert lat0 < miny
    assert maxx < lon1
    assert maxy < lat1
