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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import geopandas as gpd
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from geo.activity import (
    ISIS_KINDS,
    REPORT_RADIUS_M,
    ZONE_KIND,
    IsisPlace,
    isis_posture,
    report_area,
)
from geo.articles import load_articles
from geo.boundaries import default_governorates, disputed_provinces, kurdistan_region
from geo.claims import Claim, ClaimKind, Personnel
from geo.errors import PostureMapError
from geo.evidence import claim_row
from geo.extract import extract_articles
from geo.gazetteer import Place, default_gazetteer
from geo.layers_io import WGS84
from geo.posture import (
    Evidence,
    Figure,
    PlacePosture,
    claim_date,
    coalition_posture,
    first_reported,
    place_evidence,
)
from geo.zones import default_activity_zones
from layers.catalog import LAYERS

APPROX_RADIUS_M = 8_000  # a hand-estimated site is drawn as an area this wide, never a pin
NATIONAL = "national total"  # the precision of a country's row: a label, not a position
ATTRIBUTE_COLUMNS = (
    "id",
    "name",
    "layer",
    "status",
    "reason",
    "precision",
    "note",
    "personnel_min",
    "personnel_max",
    "personnel_approximate",
    "personnel_text",
    "personnel_as_of",
    "countries",
    "country_count",
    "label",
    "reports_differ",
    "figures",
    "first_reported",
    "as_of",
    "evidence",
)


@dataclass(frozen=True, slots=True)
class _Context:
    """What every layer is built from: the claims, the date and the place lookup."""

    claims: tuple[Claim, ...]
    as_of: dt.date | None
    places: Mapping[str, Place]
    posture: Mapping[str, PlacePosture]


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


def evidence_records(
    evidence: Iterable[Evidence], places: Mapping[str, Place]
) -> list[dict[str, Any]]:
    """Evidence as claim rows plus role and `via` place: what popups show and GeoJSON carries.

    `via` runs two ways: a coalition claim about a region holds for the places inside it
    (geo.posture); an ISIS claim about a place inside a zone makes the zone active (geo.activity).
    """
    return [
        {
            **claim_row(e.claim),
            "role": e.role.value,
            "via": e.via or "",
            "via_name": _name(e.via, places),
            "via_note": _via_note(e, places),
        }
        for e in evidence
    ]


def _name(place_id: str | None, places: Mapping[str, Place]) -> str:
    return places[place_id].name if place_id and place_id in places else (place_id or "")


def _via_note(e: Evidence, places: Mapping[str, Place]) -> str:
    if not e.via:
        return ""
    if e.claim.kind in ISIS_KINDS:
        return f"Reported at {_name(e.via, places)}, which lies inside this area."
    return f"Said of {_name(e.via, places)}, which contains this place."


def figure_text(personnel: Personnel) -> str:
    """A head count as a short label: '4–5', '≈1,500', '300'."""
    lo, hi = personnel.min, personnel.max
    return ("≈" if personnel.approximate else "") + (f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}")


def move_text(figure: Figure) -> str:
    """A moving figure as a label: '+300 arriving', '+300 arrived', '−2,000 leaving'."""
    done = figure.claim.status == "completed"
    if figure.moving == "+":
        verb = "arrived" if done else "arriving"
    else:
        verb = "left" if done else "leaving"
    return f"{figure.moving}{figure_text(figure.personnel)} {verb}"


def posture_label(posture: PlacePosture) -> str:
    """The numbers drawn on the map for a place: its head count, moves, and any disagreement."""
    parts = []
    if posture.personnel:
        parts.append(figure_text(posture.personnel))
    elif posture.earlier_figure:
        earlier = posture.earlier_figure
        parts.append(f"{figure_text(earlier.personnel)} as of {claim_date(earlier.claim):%d %b %Y}")
    elif posture.reports_differ and posture.figures:
        parts.append(" / ".join(dict.fromkeys(figure_text(f.personnel) for f in posture.figures)))
    parts.extend(move_text(f) for f in posture.moves)
    if posture.country_count:
        parts.append(f"{posture.country_count} countries")
    if posture.reports_differ:
        parts.append("reports differ")
    return " · ".join(parts)


# Cached on (layer, date, claims), all hashable, so the dashboard's rerun after a toggle
# rebuilds nothing it has drawn before; the cached values are never handed out to mutate.
@lru_cache(maxsize=32)
def _default_context(as_of: dt.date | None, claims: tuple[Claim, ...]) -> _Context:
    return _make_context(as_of, claims, default_gazetteer().places)


def _make_context(
    as_of: dt.date | None, claims: tuple[Claim, ...], places: Mapping[str, Place]
) -> _Context:
    return _Context(claims, as_of, places, coalition_posture(claims, as_of=as_of, places=places))


@lru_cache(maxsize=256)
def _cached_frame(
    layer_id: str, as_of: dt.date | None, claims: tuple[Claim, ...]
) -> gpd.GeoDataFrame:
    return _FRAMES[layer_id](_default_context(as_of, claims))


def _counted(posture: PlacePosture | None) -> Figure | None:
    """The head count the frame is sized by: the current one, else the newest earlier one."""
    if posture is None:
        return None
    if posture.personnel:
        return next(f for f in posture.figures if f.personnel == posture.personnel)
    return posture.earlier_figure


def _figure_record(figure: Figure) -> dict[str, Any]:
    c = figure.claim
    return {
        "text": figure.personnel.text,
        "label": move_text(figure) if figure.moving else figure_text(figure.personnel),
        "min": figure.personnel.min,
        "max": figure.personnel.max,
        "approximate": figure.personnel.approximate,
        "moving": figure.moving,
        "outlet": c.source.outlet,
        "published": c.source.published.isoformat(),
        "article_id": c.source.article_id,
        "quote": c.quote,
    }


def _row(
    context: _Context,
    layer: str,
    place_id: str,
    name: str,
    geometry: BaseGeometry,
    evidence: Sequence[Evidence],
    *,
    posture: PlacePosture | None = None,
    **fields: Any,
) -> dict[str, Any]:
    counted = _counted(posture)
    personnel = counted.personnel if counted else None
    figures = (*posture.figures, *posture.moves) if posture else ()
    first = (
        posture.first_reported
        if posture
        else fields.pop("first", None) or first_reported(context.claims, place_id)
    )
    return {
        "id": place_id,
        "name": name,
        "layer": layer,
        "status": str(posture.status) if posture else str(fields.pop("status", "")),
        "reason": posture.reason if posture else str(fields.pop("reason", "")),
        "precision": fields.pop("precision", "exact"),
        "note": fields.pop("note", ""),
        "personnel_min": personnel.min if personnel else None,
        "personnel_max": personnel.max if personnel else None,
        "personnel_approximate": personnel.approximate if personnel else None,
        "personnel_text": personnel.text if personnel else "",
        "personnel_as_of": claim_date(counted.claim).isoformat() if counted else "",
        "countries": list(posture.countries) if posture else [],
        "country_count": posture.country_count if posture else None,
        "label": posture_label(posture) if posture else "",
        "reports_differ": posture.reports_differ if posture else False,
        "figures": [_figure_record(f) for f in figures],
        "first_reported": first.isoformat() if first else "",
        "as_of": context.as_of.isoformat() if context.as_of else "",
        "evidence": evidence_records(evidence, context.places),
        **fields,
        "geometry": geometry,
    }


def _frame(rows: list[dict[str, Any]], extra: Sequence[str] = ()) -> gpd.GeoDataFrame:
    columns = [*ATTRIBUTE_COLUMNS, *extra, "geometry"]
    frame = gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs=WGS84)
    return frame.set_index("id", drop=False).rename_axis(None)


def _governorates(context: _Context) -> gpd.GeoDataFrame:
    # The base map: drawn at every date, with no status of its own.
    rows = [
        _row(
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
    return _frame(rows, ("region", "hasc", "label_lat", "label_lon"))


def _disputed(context: _Context) -> gpd.GeoDataFrame:
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
    return _frame(rows, ("region", "last_reported"))


def _kurdistan(context: _Context) -> gpd.GeoDataFrame:
    region = kurdistan_region().iloc[0]
    posture = context.posture.get(region.id)
    if posture is None or not posture.drawn:
        return _frame([], ("members", "label_lat", "label_lon"))  # no coalition report yet
    # The visual centre of its largest part: clear of the sites round Erbil at national zoom.
    parts = getattr(region.geometry, "geoms", [region.geometry])
    at = polylabel(max(parts, key=lambda part: part.area), tolerance=0.01)
    row = _row(
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
    return _frame([row], ("members", "label_lat", "label_lon"))


def _activity_zones(context: _Context) -> gpd.GeoDataFrame:
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
    return _frame(rows, ("last_reported",))


def _isis_reports(context: _Context) -> gpd.GeoDataFrame:
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
    return _frame(rows, ("last_reported", "method"))


def _isis_governorates(context: _Context) -> gpd.GeoDataFrame:
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
    return _frame(rows, ("last_reported", "method"))


def _reported_places(context: _Context) -> list[tuple[Place, IsisPlace, tuple[Evidence, ...]]]:
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
    context: _Context,
    layer: str,
    place_id: str,
    name: str,
    geometry: BaseGeometry,
    found: IsisPlace,
    evidence: Sequence[Evidence],
    **fields: Any,
) -> dict[str, Any]:
    last = found.last_reported.isoformat() if found.last_reported else ""
    return _row(
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


def _coalition_positions(context: _Context) -> gpd.GeoDataFrame:
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
            _row(
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
    return _frame(rows, ("site_kind",))


_FRAMES: Mapping[str, Callable[[_Context], gpd.GeoDataFrame]] = {
    "governorates": _governorates,
    "disputed_provinces": _disputed,
    "kurdistan_region": _kurdistan,
    "isis_activity_zones": _activity_zones,
    "isis_activity_reports": _isis_reports,
    "isis_activity_governorates": _isis_governorates,
    "coalition_positions": _coalition_positions,
}
