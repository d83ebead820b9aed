"""What the dashboard shows beside the map: the evidence behind one place, and the claims table.

Pure functions over claims and layer frames, so app.py only wires them to widgets and the
same escaping (layers.popups) guards the panel as guards the map's popups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import geopandas as gpd
import pandas as pd

from geo.claims import Claim
from geo.evidence import places_at
from geo.gazetteer import default_gazetteer
from geo.posture import place_evidence
from layers.popups import POPUP_CSS, popup_html
from layers.render import evidence_records, feature_attributes, frame_records

# The popup's width cap suits a map bubble, not a page column.
_PANEL_CSS = POPUP_CSS + ".pm-popup{max-width:none}.pm-evidence{max-height:none}"


def clicked_place(
    frames: Mapping[str, gpd.GeoDataFrame], click: Mapping[str, float] | None
) -> str | None:
    """The place under a map click (a point within a few km, else the smallest polygon)."""
    if not click:
        return None
    hits = places_at(frames, lat=click["lat"], lon=click["lng"])
    return hits[0] if hits else None


def place_choices(claims: Iterable[Claim], *, first: Iterable[str] = ()) -> list[str]:
    """Place ids to choose from: `first` (e.g. the clicked place), then every claimed place."""
    claimed = sorted({c.place_id for c in claims}, key=place_name)
    return list(dict.fromkeys([*first, *claimed]))


def place_name(place_id: str) -> str:
    """The display name of a place id (the id itself when the gazetteer does not know it)."""
    place = default_gazetteer().places.get(place_id)
    return place.name if place else place_id


def evidence_html(
    place_id: str,
    frames: Mapping[str, gpd.GeoDataFrame],
    claims: Iterable[Claim],
    *,
    as_of: dt.date | None = None,
) -> str:
    """The place's popup, as on the map, with a style block: attributes and every claim.

    When the place is drawn on a shown layer, the topmost layer's feature is used (a disputed
    province's threat, not its plain governorate row); otherwise its claims alone are listed.
    """
    for frame in reversed(list(frames.values())):
        if place_id in frame.index:
            row = frame_records(frame.loc[[place_id]])[0]
            body = popup_html(
                str(row["name"]), feature_attributes(row), row["evidence"], note=row["note"] or None
            )
            break
    else:
        places = default_gazetteer().places
        records = evidence_records(place_evidence(claims, place_id, as_of=as_of), places)
        body = popup_html(place_name(place_id), [], records)
    return f"<style>{_PANEL_CSS}</style>{body}"


def filter_claims(
    table: pd.DataFrame,
    *,
    kinds: Sequence[str] = (),
    places: Sequence[str] = (),
    outlets: Sequence[str] = (),
) -> pd.DataFrame:
    """Rows whose kind, place and outlet are among those chosen (an empty choice keeps all)."""
    keep = pd.Series(True, index=table.index)
    for column, chosen in (("kind", kinds), ("place_id", places), ("outlet", outlets)):
        if chosen:
            keep &= table[column].isin(list(chosen))
    return table[keep]
