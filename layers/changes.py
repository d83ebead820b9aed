"""The "what changed between A and B" view: a map layer of rings, a table and its CSV.

The rows come from geo.changes; here they are drawn (a ring at each changed place, coloured by
what changed, over the layers) and flattened for the table and the download.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import folium
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.changes import Change, What
from geo.gazetteer import Place, default_gazetteer
from layers.popups import tooltip_html

CHANGES_LAYER = "changes"  # the group's id in the map's layer control (not a catalog layer)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # as layers.export: CSV injection
COLUMNS = (
    "place",
    "layer",
    "what",
    "before",
    "after",
    "before_count",
    "after_count",
    "quote",
    "outlet",
    "published",
    "url",
    "place_id",
)
# Colour by what changed: emptied grey, gained blue (friendly), counts purple, ISIS red/green.
RING_COLOURS: Mapping[What, str] = {
    What.EMPTIED: "#5f6f7a",
    What.GAINED: "#1f5fa8",
    What.COUNT_CHANGED: "#7b3fa0",
    What.STATUS_CHANGED: "#7b3fa0",
    What.APPEARED: "#c62828",
    What.WENT_QUIET: "#2e7d32",
}


def changes_title(before: dt.date, after: dt.date) -> str:
    """The layer's name in the map's control and the table's heading."""
    return f"Changes {before:%d %b %Y} → {after:%d %b %Y}"


def changes_frame(rows: Sequence[Change]) -> pd.DataFrame:
    """The rows as a table, one column per field, in reading order."""
    table = pd.DataFrame([{c: getattr(r, c) for c in COLUMNS} for r in rows], columns=list(COLUMNS))
    table["what"] = table["what"].astype(str)
    return table


def changes_csv(rows: Sequence[Change]) -> str:
    """The table as CSV; every text cell that a spreadsheet would run as a formula is defused."""
    table = changes_frame(rows)
    for column in COLUMNS:
        table[column] = table[column].map(_defuse)
    return str(table.to_csv(index=False))


def changes_group(
    rows: Sequence[Change],
    *,
    title: str,
    places: Mapping[str, Place] | None = None,
) -> folium.FeatureGroup:
    """A ring at each changed place, labelled with what changed; above every other layer."""
    gazetteer = places if places is not None else default_gazetteer().places
    group = folium.FeatureGroup(name=title, show=True, control=True)
    for row in rows:
        place = gazetteer.get(row.place_id)
        if place is None:
            continue
        point = _anchor(place.geometry)
        colour = RING_COLOURS[row.what]
        counts = f" ({row.before_count or '–'} → {row.after_count or '–'})"
        detail = f"{row.what}: {row.before} → {row.after}" + (
            counts if row.before_count or row.after_count else ""
        )
        folium.CircleMarker(
            location=(point.y, point.x),
            radius=18,
            color=colour,
            weight=3,
            fill=False,
            dash_array="4 3" if row.what is What.EMPTIED else None,
            class_name=f"pm-change pm-change-{row.what.name.lower()}",
            # folium puts a tooltip in a JavaScript template literal: no backtick or ${ in it.
            tooltip=folium.Tooltip(_literal_safe(tooltip_html(row.place, detail)), sticky=True),
        ).add_to(group)
    return group


def _defuse(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _anchor(geometry: BaseGeometry) -> BaseGeometry:
    return geometry if geometry.geom_type == "Point" else geometry.representative_point()


def _literal_safe(html: str) -> str:
    return html.replace("`", "&#96;").replace("$", "&#36;")
