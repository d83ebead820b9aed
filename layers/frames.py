"""Claims and geography -> one GeoDataFrame per layer: exactly the features the map draws.

A row exists only where a claim holds at the date shown (`geo.posture`'s rule: no status
before the first evidence), so counting a frame's rows counts what is drawn. The governorates
are the exception: they are the base map, not a status. Each row carries its evidence records,
its head count, the on-map `label` with the numbers ("4–5", "+300 arriving") and
`reports_differ` when sources disagree.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

import geopandas as gpd
from shapely.ops import polylabel

from geo.articles import load_articles
from geo.boundaries import default_governorates, kurdistan_region
from geo.claims import Claim
from geo.errors import PostureMapError
from geo.extract import extract_articles
from geo.gazetteer import Place, default_gazetteer
from geo.posture import coalition_posture, place_evidence
from layers.catalog import LAYERS
from layers.isis_frames import (
    activity_zones_frame,
    disputed_frame,
    isis_governorates_frame,
    isis_reports_frame,
)
from layers.rows import (
    ATTRIBUTE_COLUMNS,
    FrameContext,
    evidence_records,
    feature_row,
    figure_text,
    layer_table,
    move_text,
    posture_label,
)

__all__ = [  # row helpers live in layers.rows; re-exported for older imports
    "APPROX_RADIUS_M",
    "ATTRIBUTE_COLUMNS",
    "NATIONAL",
    "default_claims",
    "evidence_records",
    "figure_text",
    "frame_records",
    "layer_frame",
    "layer_frames",
    "move_text",
    "posture_label",
    "resolve_layer_ids",
]

APPROX_RADIUS_M = 8_000  # a hand-estimated site is drawn as an area this wide, never a pin
NATIONAL = "national total"  # the precision of a country's row: a label, not a position


def default_claims() -> list[Claim]:
    """Claims extracted from the articles folder (the default of every public function)."""
    articles, _problems = load_articles()
    return list(extract_articles(articles))


def resolve_layer_ids(layer_ids: Iterable[str] | None) -> list[str]:
    """The chosen layer ids in drawing order (all when None); unknown ids are refused."""
    chosen = list(LAYERS) if layer_ids is None else list(dict.fromkeys(layer_ids))
    unknown = [lid for lid in chosen if lid not in LAYERS]
    if unknown:
        raise PostureMapError(
            f"unknown layer id(s) {', '.join(unknown)}; known: {', '.join(LAYERS)}"
        )
    return [lid for lid in LAYERS if lid in chosen]


def layer_frames(
    layer_ids: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    claims: Iterable[Claim] | None = None,
    places: Mapping[str, Place] | None = None,
) -> dict[str, gpd.GeoDataFrame]:
    """Each chosen layer as a GeoDataFrame in WGS84: one row per drawn feature, with evidence.

    `places` replaces the gazetteer (tests, other place lists); the default is cached.
    """
    pool = tuple(default_claims() if claims is None else claims)
    return {
        lid: layer_frame(lid, as_of=as_of, claims=pool, places=places).copy(deep=False)
        for lid in resolve_layer_ids(layer_ids)
    }


def layer_frame(
    layer_id: str,
    *,
    as_of: dt.date | None,
    claims: tuple[Claim, ...],
    places: Mapping[str, Place] | None = None,
) -> gpd.GeoDataFrame:
    """One layer's frame; shared (cached) when drawn from the default gazetteer: do not mutate."""
    if places is None:
        return _cached_frame(layer_id, as_of, claims)
    return _FRAMES[layer_id](_make_context(as_of, claims, places))


def frame_records(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """A frame's rows as dicts, with pandas' NaN for missing numbers turned back into None."""
    return [
        {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


@lru_cache(maxsize=32)
def _default_context(as_of: dt.date | None, claims: tuple[Claim, ...]) -> FrameContext:
    return _make_context(as_of, claims, default_gazetteer().places)


def _make_context(
    as_of: dt.date | None, claims: tuple[Claim, ...], places: Mapping[str, Place]
) -> FrameContext:
    return FrameContext(
        claims, as_of, places, coalition_posture(claims, as_of=as_of, places=places)
    )


@lru_cache(maxsize=256)
def _cached_frame(
    layer_id: str, as_of: dt.date | None, claims: tuple[Claim, ...]
) -> gpd.GeoDataFrame:
    return _FRAMES[layer_id](_default_context(as_of, claims))


def _governorates(context: FrameContext) -> gpd.GeoDataFrame:
    # The base map: drawn at every date, with no status of its own.
    rows = [
        feature_row(
            context,
            "governorates",
            r.id,
            r.name,
            r.geometry,
            place_evidence(context.claims, r.id, as_of=context.as_of),
            region=r.region,
            hasc=r.hasc,
            label_lat=r.label_lat,
            label_lon=r.label_lon,
        )
        for r in default_governorates().itertuples(index=False)
    ]
    return layer_table(rows, ("region", "hasc", "label_lat", "label_lon"))


def _kurdistan(context: FrameContext) -> gpd.GeoDataFrame:
    region = kurdistan_region().iloc[0]
    posture = context.posture.get(region.id)
    if posture is None or not posture.drawn:
        return layer_table([], ("members", "label_lat", "label_lon"))  # no coalition report yet
    # The visual centre of its largest part: clear of the sites round Erbil at national zoom.
    parts = getattr(region.geometry, "geoms", [region.geometry])
    at = polylabel(max(parts, key=lambda part: part.area), tolerance=0.01)
    row = feature_row(
        context,
        "kurdistan_region",
        region.id,
        region["name"],  # not .name: on a row that is its index label
        region.geometry,
        posture.evidence,
        posture=posture,
        members=list(region.members),
        label_lat=at.y,
        label_lon=at.x,
    )
    return layer_table([row], ("members", "label_lat", "label_lon"))


def _coalition_positions(context: FrameContext) -> gpd.GeoDataFrame:
    rows = []
    for place_id, posture in context.posture.items():
        place = context.places.get(place_id)
        if place is None or place.kind == "region" or not posture.drawn:
            continue  # regions have their own layers; no reporting means nothing to draw yet
        point = place.geometry
        national = place.kind == "country"
        approximate = not national and (
            place.precision == "approximate" or point.geom_type != "Point"
        )
        if point.geom_type != "Point":
            point = point.representative_point()
        if national:
            note = "National total: its label sits inside the country, not at a site."
        elif approximate:
            note = (
                f"Position approximate (a hand estimate): drawn as an area about "
                f"{APPROX_RADIUS_M * 2 // 1000} km across, not a precise location."
            )
        else:
            note = ""
        rows.append(
            feature_row(
                context,
                "coalition_positions",
                place_id,
                place.name,
                point,
                posture.evidence,
                posture=posture,
                precision=NATIONAL if national else "approximate" if approximate else "exact",
                note=note,
                site_kind=place.kind,
            )
        )
    return layer_table(rows, ("site_kind",))


_FRAMES: Mapping[str, Callable[[FrameContext], gpd.GeoDataFrame]] = {
    "governorates": _governorates,
    "disputed_provinces": disputed_frame,
    "kurdistan_region": _kurdistan,
    "isis_activity_zones": activity_zones_frame,
    "isis_activity_reports": isis_reports_frame,
    "isis_activity_governorates": isis_governorates_frame,
    "coalition_positions": _coalition_positions,
}
