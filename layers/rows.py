"""One feature row of a layer frame: the columns every layer shares, evidence and numbers.

Shared by layers.frames (coalition, base) and layers.isis_frames (ISIS activity and threat).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo.activity import ISIS_KINDS
from geo.claims import Claim, Personnel
from geo.evidence import claim_row
from geo.gazetteer import Place
from geo.layers_io import WGS84
from geo.posture import Evidence, Figure, PlacePosture, claim_date, first_reported

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
class FrameContext:
    """What every layer is built from: the claims, the date and the place lookup."""

    claims: tuple[Claim, ...]
    as_of: dt.date | None
    places: Mapping[str, Place]
    posture: Mapping[str, PlacePosture]


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


def feature_row(
    context: FrameContext,
    layer: str,
    place_id: str,
    name: str,
    geometry: BaseGeometry,
    evidence: Sequence[Evidence],
    *,
    posture: PlacePosture | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """One feature: shared columns from the posture (or `fields`), evidence records, geometry."""
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


def layer_table(rows: list[dict[str, Any]], extra: Sequence[str] = ()) -> gpd.GeoDataFrame:
    """Rows as a layer frame: shared columns, then the layer's own, indexed by place id."""
    columns = [*ATTRIBUTE_COLUMNS, *extra, "geometry"]
    frame = gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs=WGS84)
    return frame.set_index("id", drop=False).rename_axis(None)
