"""The ISIS layers' frames: activity zones, reported places and provinces, disputed threat.

Status comes from geo.activity: a report holds for a window, then the place goes quiet and is
not drawn; zones are active through the places inside them (evidence marked `via`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo.activity import (
    ISIS_KINDS,
    REPORT_RADIUS_M,
    ZONE_KIND,
    IsisPlace,
    isis_posture,
    report_area,
)
from geo.boundaries import disputed_provinces
from geo.claims import ClaimKind
from geo.gazetteer import Place
from geo.posture import Evidence, claim_date, place_evidence
from geo.zones import default_activity_zones
from layers.rows import FrameContext, feature_row, layer_table


def disputed_frame(context: FrameContext) -> gpd.GeoDataFrame:
    """The four disputed provinces, each drawn while a threat report about it holds."""
    threat = isis_posture(
        context.claims, as_of=context.as_of, kind=ClaimKind.ISIS_THREAT, places=context.places
    )
    rows = []
    for r in disputed_provinces().itertuples(index=False):
        found = threat.get(r.id)
        if found is None or not found.drawn:
            continue  # drawn only while a threat report holds (geo.activity's window)
        others = place_evidence(context.claims, r.id, as_of=context.as_of)
        rows.append(
            _isis_row(
                context,
                "disputed_provinces",
                r.id,
                r.name,
                r.geometry,
                found,
                (*found.evidence, *(e for e in others if e.claim.kind not in ISIS_KINDS)),
                region=r.region,
            )
        )
    return layer_table(rows, ("region", "last_reported"))


def activity_zones_frame(context: FrameContext) -> gpd.GeoDataFrame:
    """The zones drawn while a report about them, or a place inside them, holds."""
    activity = isis_posture(context.claims, as_of=context.as_of, places=context.places)
    rows = []
    for z in default_activity_zones().itertuples(index=False):
        found = activity.get(z.id)
        if found is None or not found.drawn:
            continue  # drawn only while a report about it, or a place inside it, holds
        rows.append(
            _isis_row(
                context,
                "isis_activity_zones",
                z.id,
                z.name,
                z.geometry,
                found,
                found.evidence,
                precision="approximate",
                note=f"Approximate area, drawn from cited points: {z.method}.",
            )
        )
    return layer_table(rows, ("last_reported",))


def isis_reports_frame(context: FrameContext) -> gpd.GeoDataFrame:
    """Point places with an ISIS report in force, each as a circle: the report names no spot."""
    rows = [
        _isis_row(
            context,
            "isis_activity_reports",
            place.id,
            place.name,
            report_area(place.geometry),
            shown,
            evidence,
            precision="approximate",
            note=(
                f"Approximate area: the report names {place.name}, not a position; drawn "
                f"as a circle of {REPORT_RADIUS_M // 1000} km radius around its cited point."
            ),
            method=(
                f"{REPORT_RADIUS_M // 1000} km buffer (UTM 38N) around the gazetteer point of "
                f"{place.name} ({place.precision}); the report locates ISIS only near it"
            ),
        )
        for place, shown, evidence in _reported_places(context)
        if place.geometry.geom_type == "Point"
    ]
    return layer_table(rows, ("last_reported", "method"))


def isis_governorates_frame(context: FrameContext) -> gpd.GeoDataFrame:
    """Governorates a report names as a whole for ISIS activity (or a threat outside the four)."""
    rows = [
        _isis_row(
            context,
            "isis_activity_governorates",
            place.id,
            place.name,
            place.geometry,
            shown,
            evidence,
            precision="approximate",
            note=(
                f"Reported of {place.name} as a whole: ISIS {shown.kind.value[5:]} somewhere "
                "in the governorate, not across all of it."
            ),
            method="the governorate's boundary; the report names no place inside it",
        )
        for place, shown, evidence in _reported_places(context)
        if place.kind == "governorate"
    ]
    return layer_table(rows, ("last_reported", "method"))


def _reported_places(context: FrameContext) -> list[tuple[Place, IsisPlace, tuple[Evidence, ...]]]:
    """Places (not zones) where an ISIS report holds: activity first, else a threat.

    A threat to one of the four disputed provinces has its own layer; a threat anywhere else
    (a city, a wadi, Anbar) is drawn here in the threat style, or it would reach no layer.
    """
    found = [
        isis_posture(context.claims, as_of=context.as_of, kind=kind, places=context.places)
        for kind in (ClaimKind.ISIS_ACTIVITY, ClaimKind.ISIS_THREAT)
    ]
    activity, threat = found
    disputed = set(disputed_provinces().index)
    out = []
    for place_id in sorted({*activity, *threat}):
        place = context.places.get(place_id)
        if place is None or place.kind == ZONE_KIND:
            continue  # zones are drawn by isis_activity_zones
        act, thr = activity.get(place_id), threat.get(place_id)
        if act is not None and act.drawn:
            shown = act
        elif thr is not None and thr.drawn and place_id not in disputed:
            shown = thr
        else:
            continue  # quiet, not yet reported, or a disputed province's threat
        evidence = sorted(
            (e for p in (act, thr) if p is not None for e in p.evidence),
            key=lambda e: (claim_date(e.claim), e.claim.source.published),
            reverse=True,
        )
        out.append((place, shown, tuple(evidence)))
    return out


def _isis_row(
    context: FrameContext,
    layer: str,
    place_id: str,
    name: str,
    geometry: BaseGeometry,
    found: IsisPlace,
    evidence: Sequence[Evidence],
    **fields: Any,
) -> dict[str, Any]:
    last = found.last_reported.isoformat() if found.last_reported else ""
    return feature_row(
        context,
        layer,
        place_id,
        name,
        geometry,
        evidence,
        status=found.status,
        reason=found.reason,
        first=found.first_reported,
        last_reported=last,
        **fields,
    )
