"""ISIS activity zones drawn from cited anchor points: fuzzy places, derived, never hand-typed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import shapely
from shapely.geometry import LineString, MultiPoint

from geo.boundaries import default_governorates
from geo.errors import DataError
from geo.layers_io import METRIC_CRS, WGS84
from geo.sites import default_sites

# Widths are judgement calls stated in each zone's `method`: the Euphrates valley's irrigated
# strip and towns reach ~10-20 km from the river; the Hamrin is a ridge ~15-25 km wide;
# the Kirkuk wadis are estimated positions, so each gets a generous radius.
EUPHRATES_BUFFER_M = 20_000
HAMRIN_BUFFER_M = 12_000
WADI_BUFFER_M = 10_000


@dataclass(frozen=True, slots=True)
class ZoneDef:
    """One activity zone: its names, the governorates it is named for and how it is drawn."""

    id: str
    name: str
    aliases: tuple[str, ...]
    governorates: tuple[str, ...]
    anchors: tuple[str, ...]
    method: str


ZONES: tuple[ZoneDef, ...] = (
    ZoneDef(
        id="anbar_desert",
        name="Anbar desert",
        aliases=(
            "Anbar desert",
            "Anbar deserts",
            "desert of Anbar",
            "western desert",
            "Anbar's desert",
            "deserts of Anbar",
            "Anbar desert areas",
        ),
        governorates=("anbar_governorate",),
        anchors=("al_qaim", "anah", "haditha", "hit", "ramadi", "fallujah"),
        method=(
            f"Anbar governorate minus a {EUPHRATES_BUFFER_M // 1000} km buffer around the "
            "Euphrates valley, drawn as a line through the cited river towns Al-Qa'im, Anah, "
            "Haditha, Hit, Ramadi and Fallujah (buffered in UTM 38N)"
        ),
    ),
    ZoneDef(
        id="hamrin_mountains",
        name="Hamrin Mountains",
        aliases=(
            "Hamrin Mountains",
            "Hamrin mountain",
            "Hamrin range",
            "Hamrin",
            "Jebel Hamrin",
            "Jabal Hamrin",
            "Himreen",
            "Himreen Mountains",
            "Hemrin",
            "Hemrin Mountains",
            "Hamreen",
            "Hamreen Mountains",
            "Mount Hamrin",
            "Hamrin mountain range",
        ),
        governorates=("salahaddin_governorate", "kirkuk_governorate", "diyala_governorate"),
        anchors=(
            "hamrin_ridge_1",
            "hamrin_ridge_2",
            "hamrin_ridge_3",
            "hamrin_ridge_4",
            "lake_hamrin",
        ),
        method=(
            f"{HAMRIN_BUFFER_M // 1000} km buffer around the ridge line through five cited "
            "points, north-west to south-east: the al-Fatha gorge on the Tigris (estimate), "
            "the Wikipedia and ru-Wikipedia reference points, the Kirkuk-Tikrit road "
            "crossing and Lake Hamrin (buffered in UTM 38N, clipped to Iraq)"
        ),
    ),
    ZoneDef(
        id="kirkuk_valleys",
        name="Valleys of Kirkuk",
        aliases=(
            "valleys in Kirkuk",
            "valleys of Kirkuk",
            "Kirkuk valleys",
            "Kirkuk's valleys",
            "valleys of Kirkuk province",
            "valleys south of Kirkuk",
            "valleys in Kirkuk province",
            "Kirkuk valley",
        ),
        governorates=("kirkuk_governorate",),
        anchors=("wadi_al_shay", "wadi_zghaytun", "wadi_al_zarka"),
        method=(
            f"convex hull of {WADI_BUFFER_M // 1000} km buffers around the estimated "
            "positions of Wadi al-Shay, Wadi Zghaytun and Wadi al-Zarka, in Daquq and "
            "al-Rashad 45-55 km south of Kirkuk (buffered in UTM 38N, clipped to Iraq)"
        ),
    ),
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
