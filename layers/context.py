"""The base map's surroundings in folium: neighbours, Iraq's border, the Tigris and Euphrates.

Drawn in panes of their own around the layers' panes (390+): the neighbours under Iraq's
outline, the rivers and the border over the layers' fills (the governorates are opaque) but
under the place names (450) and the site frames (600). Also here: the zoom limits and bounds
the map keeps, and the legend's move below the popups.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode
from shapely.geometry import mapping

from geo.context import (
    default_land,
    default_neighbours,
    default_rivers,
    iraq_border,
)
from geo.layers_io import rounded_geojson
from layers.compact import compact_geojson
from layers.popups import esc

MIN_ZOOM = 5  # Iraq and all six neighbours in a small window; below it the map is mostly sea
MAX_ZOOM = 14  # a base or a town; the data are no finer than ~10 m
# The view is held inside this box (lon_min, lat_min, lon_max, lat_max): Iraq and the near
# part of its neighbours. The context is drawn further out (CONTEXT_BOUNDS), so a view wider
# than this box, at the lowest zoom, still shows land rather than an empty edge.
VIEW_BOUNDS = (33.0, 25.0, 56.0, 41.0)
NEIGHBOURS_Z = 385  # under the outline of Iraq (pane "base", 390)
RIVERS_Z = 440  # over the layers' fills (391-399), under the place names (450)
BORDER_Z = 445
LEGEND_Z = 680  # over the site frames (600) and tooltips (650), under the popups (700)
RIVER_BLUE = "#2f7bbf"
BORDER_INK = "#3a3a3a"
NEIGHBOUR_FILL = "#e3dfd6"
LAND_FILL = "#ece9e2"  # other countries: lighter than the six neighbours, unnamed
CONTEXT_CSS = """
.pm-country-label{background:none;border:none;box-shadow:none;padding:0;color:#8a847a;
 font:600 12px system-ui,sans-serif;letter-spacing:.12em;text-transform:uppercase;
 text-shadow:0 0 2px #fff,0 0 2px #fff}
.pm-country-label:before{display:none}
.pm-legend div.pm-legend-context{display:block;margin:0}
.pm-legend-pane .pm-legend{position:absolute;right:10px;bottom:10px;margin:0;pointer-events:auto}
"""


def map_options() -> dict[str, Any]:
    """folium.Map keywords that make the zoom limits and bounds hold with no tile layer.

    folium hands `min_zoom`/`max_zoom` only to a tile layer it creates; with `tiles=None`
    Leaflet never sees them (getMinZoom() is 0, getMaxZoom() Infinity). These go to L.map.
    """
    lon0, lat0, lon1, lat1 = VIEW_BOUNDS
    return {
        "minZoom": MIN_ZOOM,
        "maxZoom": MAX_ZOOM,
        "max_bounds": True,
        "min_lat": lat0,
        "max_lat": lat1,
        "min_lon": lon0,
        "max_lon": lon1,
        "maxBoundsViscosity": 1.0,
    }


def add_context(m: folium.Map, *, fills: bool = True) -> folium.Map:
    """Add the neighbours, the rivers and the border, each in its own pane, to a base map.

    `fills=False` (a map with online tiles, which draw the countries) leaves out the land and
    the neighbours, whose opaque fills would hide the tiles.
    """
    for name, z in (("neighbours", NEIGHBOURS_Z), ("rivers", RIVERS_Z), ("border", BORDER_Z)):
        folium.map.CustomPane(_pane(name), z_index=z, pointer_events=True).add_to(m)
    _ContextStyle().add_to(m)
    if fills:
        _lines("land", _land_data(), interactive=False, pane="neighbours").add_to(m)
        _lines("neighbours", _neighbours_data(), interactive=False).add_to(m)
    _lines("rivers", _rivers_data(), interactive=True).add_to(m)
    _lines("border", _border_data(), interactive=True).add_to(m)
    return m


def keep_legend_below_popups(m: folium.Map) -> folium.Map:
    """Move the legend into a pane under the popup pane; call after the legend is added.

    Leaflet's controls sit above every pane, so a popup opened near the legend was hidden
    under it. The pane is kept over the map's container as the map moves.
    """
    _LegendPane().add_to(m)
    return m


_LABELLED = """function(feature, layer) {
    var p = feature.properties;
    if (p._label_at === undefined && p._tooltip === undefined) { return; }
    if (p._label_at) {
        var at = L.latLng(p._label_at);
        layer.getCenter = function() { return at; };
        layer.bindTooltip(p._label, {permanent: true, direction: "center",
                                     className: "pm-country-label", pane: "pm-pane-labels"});
    } else {
        layer.bindTooltip(p._tooltip, {sticky: true});
    }
}"""


def _lines(name: str, data: str, *, interactive: bool, pane: str | None = None) -> folium.GeoJson:
    return compact_geojson(
        data,
        name=name,
        control=False,
        interactive=interactive,
        pane=_pane(pane or name),
        class_name=f"pm-context pm-context-{name}",
        on_each_feature=JsCode(_LABELLED),
        bubbling_mouse_events=False,
    )


def _pane(name: str) -> str:
    return f"pm-pane-{name}"


@cache
def _land_data() -> str:
    style = {"stroke": False, "fillColor": LAND_FILL, "fillOpacity": 1.0}
    return _collection(default_land(), lambda row: {"_style": style})


@cache
def _neighbours_data() -> str:
    style = {"color": "#b8b2a6", "weight": 0.8, "fillColor": NEIGHBOUR_FILL, "fillOpacity": 1.0}
    return _collection(
        default_neighbours(),
        lambda row: {
            "_style": style,
            "_label": esc(row.name),
            "_label_at": [row.label_lat, row.label_lon],
        },
    )


@cache
def _rivers_data() -> str:
    style = {"color": RIVER_BLUE, "weight": 2.2, "opacity": 0.9, "lineCap": "round"}
    return _collection(
        default_rivers(),
        lambda row: {
            "_style": style,
            "_tooltip": f"<b>{esc(row.name)}</b><br>river (Natural Earth 1:50m centre line)",
        },
    )


@cache
def _border_data() -> str:
    style = {"color": BORDER_INK, "weight": 2.6, "opacity": 0.95}
    return _collection(
        iraq_border(),
        lambda row: {
            "_style": style,
            "_tooltip": f"<b>{esc(row.name)}</b><br>international border (Natural Earth 1:10m)",
        },
    )


def _collection(frame: gpd.GeoDataFrame, props: Any) -> str:
    """A frame as compact GeoJSON text: id, name, drawing properties, rounded coordinates."""
    features = [
        {
            "type": "Feature",
            "id": str(row.id),
            "properties": {"id": str(row.id), "name": str(row.name), **props(row)},
            "geometry": rounded_geojson(mapping(row.geometry)),
        }
        for row in frame.itertuples(index=False)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))


class _ContextStyle(MacroElement):
    """The country-name and legend-pane CSS, added by script so it also works in Streamlit."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            if (document.getElementById("pm-context-style")) { return; }
            var style = document.createElement("style");
            style.id = "pm-context-style";
            style.textContent = {{ this.css|tojson }};
            document.head.appendChild(style);
        })();
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "ContextStyle"
        self.css = CONTEXT_CSS


class _LegendPane(MacroElement):
    """Re-homes `.pm-legend` into a pane at LEGEND_Z that follows the map's container."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(map) {
            var pane = map.createPane("pm-pane-legend");
            pane.classList.add("pm-legend-pane");
            pane.style.zIndex = {{ this.z }};
            pane.style.pointerEvents = "none";
            function place() {
                var legend = map.getContainer().querySelector(
                    ".leaflet-control-container .pm-legend");
                if (legend) {
                    pane.appendChild(legend);
                    // The context's symbols, before the legend's closing note.
                    var holder = legend.querySelector("details") || legend;
                    var rows = document.createElement("div");
                    rows.className = "pm-legend-context";
                    rows.innerHTML = {{ this.rows|tojson }};
                    holder.insertBefore(rows, holder.querySelector(":scope > p"));
                }
                var size = map.getSize();
                L.DomUtil.setPosition(pane, map.containerPointToLayerPoint([0, 0]));
                pane.style.width = size.x + "px";
                pane.style.height = size.y + "px";
            }
            map.on("move zoom zoomend moveend viewreset resize", place);
            map.whenReady(place);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "LegendPane"
        self.z = LEGEND_Z
        self.rows = legend_rows_html()


def legend_rows_html() -> str:
    """The legend's rows for the context: a neighbouring country, the border, a river."""
    country = (
        f'<svg width="24" height="16"><rect x="1" y="1" width="22" height="14" '
        f'fill="{NEIGHBOUR_FILL}" stroke="#b8b2a6" stroke-width="0.8"/></svg>'
    )
    border = (
        f'<svg width="24" height="16"><line x1="1" y1="8" x2="23" y2="8" '
        f'stroke="{BORDER_INK}" stroke-width="2.6"/></svg>'
    )
    river = (
        f'<svg width="24" height="16"><path d="M1 11 C7 3, 13 15, 23 6" fill="none" '
        f'stroke="{RIVER_BLUE}" stroke-width="2.2"/></svg>'
    )
    return (
        "<h5>Context (Natural Earth)</h5>"
        f"<div>{country}neighbouring country</div>"
        f"<div>{border}international border of Iraq</div>"
        f"<div>{river}Tigris, Euphrates</div>"
    )
