"""Layer frames -> a folium map with evidence popups, site frames and number labels.

The data is built in `layers.frames` (what is drawn), the legend in `layers.legend`; this
module draws them. Pure: same claims, date and layer ids in, same map out; nothing is read from
or written to the page's network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from typing import Any

import folium
import shapely
from folium.utilities import JsCode
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.boundaries import default_governorates
from geo.claims import Claim
from geo.gazetteer import Place
from geo.layers_io import IRAQ_BOUNDS, rounded_geojson
from geo.posture import Status
from layers.assets import use_assets
from layers.catalog import LAYERS
from layers.compact import CLAIM_HTML, compact_geojson
from layers.context import add_context, keep_legend_below_popups, map_options
from layers.decorations import Decorations
from layers.frames import (
    APPROX_RADIUS_M,
    NATIONAL,
    default_claims,
    evidence_records,
    frame_records,
    layer_frame,
    layer_frames,
    resolve_layer_ids,
)
from layers.icons import REGION_RANK, STATUS_Z, count_label, frame_icon, label_rank, total_icon
from layers.legend import HATCH_ID, legend_control, legend_html
from layers.popups import esc, feature_attributes, popup_parts, tooltip_html
from layers.spec import FRAME_ASPECT, LayerKind, LayerSpec, Style, frame_width

__all__ = [  # the public face; frames and legend are re-exported for older imports
    "base_map",
    "build_map",
    "default_claims",
    "evidence_records",
    "feature_attributes",
    "frame_records",
    "layer_frames",
    "layer_groups",
    "legend_html",
    "resolve_layer_ids",
]

# coverage_simplify keeps shared borders shared; 0.01 deg (~1 km) is below a pixel at the
# zoom that shows all of Iraq and cuts the governorates from ~340 kB to well under 100 kB.
DISPLAY_TOLERANCE_DEG = 0.01
MAP_CENTER = (33.2, 43.7)
LEGEND_WIDTH_PX = 290  # .pm-legend's width with its margin
LABELS_Z = 450  # the governorate-name pane: above the layer panes (390+), below the markers (600)
# --- drawing ---------------------------------------------------------------------------------


def build_map(
    layer_ids: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    claims: Iterable[Claim] | None = None,
    tiles: bool = False,
    places: Mapping[str, Place] | None = None,
) -> folium.Map:
    """The map: one FeatureGroup per chosen layer, a layer control, a legend; offline by default.

    `tiles=True` adds OpenStreetMap as an optional base layer; without it the governorates
    (and a faint outline of Iraq) are the base map, so the page draws with no network.
    """
    m = base_map(tiles=tiles)
    for group in layer_groups(layer_ids, as_of=as_of, claims=claims, places=places):
        group.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    return m


def layer_groups(
    layer_ids: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    claims: Iterable[Claim] | None = None,
    places: Mapping[str, Place] | None = None,
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per chosen layer, so a layer control has exactly one entry per layer.

    Each draws exactly the rows of `layer_frames` for the same arguments. The dashboard adds
    them to a map built by `base_map`; build_map adds them to its own.
    """
    pool = tuple(default_claims() if claims is None else claims)
    groups = []
    for layer_id in resolve_layer_ids(layer_ids):
        spec = LAYERS[layer_id]
        # Leaflet's layer control sets the name as innerHTML: escape it once, here.
        group = folium.FeatureGroup(name=esc(spec.title), show=spec.show, control=True)
        if places is None:
            collection = _layer_collection(layer_id, as_of, pool)
        else:
            collection = _collection(layer_id, as_of, pool, places)
        _geojson(spec, collection).add_to(group)
        groups.append(group)
    return groups


@lru_cache(maxsize=256)
def _layer_collection(
    layer_id: str, as_of: dt.date | None, claims: tuple[Claim, ...]
) -> dict[str, Any]:
    """The layer's features as a GeoJSON dict, shared by every map that draws it.

    folium only reads it: each feature has an `id`, so folium adds none (a test holds it).
    """
    return _collection(layer_id, as_of, claims, None)


def _collection(
    layer_id: str,
    as_of: dt.date | None,
    claims: tuple[Claim, ...],
    places: Mapping[str, Place] | None,
) -> dict[str, Any]:
    frame = layer_frame(layer_id, as_of=as_of, claims=claims, places=places)
    claim_html: dict[str, int] = {}  # each claim's <li>, once, numbered (layers.compact)
    features = [_feature(LAYERS[layer_id], row, claim_html) for row in frame_records(frame)]
    return {"type": "FeatureCollection", "features": features, CLAIM_HTML: list(claim_html)}


def base_map(*, tiles: bool = False, asset_urls: Mapping[str, str] | None = None) -> folium.Map:
    """An empty map of Iraq with panes, styles, hatch pattern and legend, but no layers."""
    m = folium.Map(
        location=MAP_CENTER,
        zoom_start=6,
        tiles=None,
        control_scale=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
        **map_options(),  # zoom limits and bounds that hold without a tile layer
    )
    use_assets(m, asset_urls)
    if tiles:
        folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap (online)", control=True, overlay=False
        ).add_to(m)
    for z, layer_id in enumerate(["base", *LAYERS]):
        folium.map.CustomPane(_pane(layer_id), z_index=390 + z, pointer_events=True).add_to(m)
    # Place names above every layer's shapes but under the site frames (Leaflet's marker pane
    # is 600, its tooltip pane 650): a governorate's name must not print over a position.
    folium.map.CustomPane(_pane("labels"), z_index=LABELS_Z, pointer_events=False).add_to(m)
    _Decorations().add_to(m)
    _outline().add_to(m)
    # Neighbours under the outline (unless tiles draw them); rivers and border over the layers.
    add_context(m, fills=not tiles)
    _Legend().add_to(m)
    keep_legend_below_popups(m)
    lon0, lat0, lon1, lat1 = _iraq_bounds()
    # Iraq fits in the space left of the legend (bottom right), so the legend hides no layer.
    m.fit_bounds(
        [[lat0, lon0], [lat1, lon1]],
        padding_top_left=(12, 12),
        padding_bottom_right=(LEGEND_WIDTH_PX, 12),
    )
    return m


def _pane(layer_id: str) -> str:
    return f"pm-pane-{layer_id}"


def _geojson(spec: LayerSpec, collection: dict[str, Any]) -> folium.GeoJson:
    options: dict[str, Any] = {}
    if spec.kind is LayerKind.SITES:
        options["point_to_layer"] = JsCode(
            _POINT_TO_LAYER.replace("__PANE__", _pane(spec.id)).replace(
                "__CLASS__", f"pm-layer-{spec.id}"
            )
        )
    return compact_geojson(
        collection,
        name=esc(spec.title),
        control=False,
        show=True,
        on_each_feature=JsCode(_ON_EACH_FEATURE.replace("__LABELS__", _pane("labels"))),
        pane=_pane(spec.id),
        class_name=f"pm-layer pm-layer-{spec.id}",
        bubbling_mouse_events=False,
        **options,
    )


def _feature(spec: LayerSpec, row: Mapping[str, Any], claim_html: dict[str, int]) -> dict[str, Any]:
    """The feature with its drawing properties; its popup's claims are numbers in claim_html."""
    status = str(row["status"])
    style = spec.style_for(status)
    label = str(row.get("label") or "")
    props: dict[str, Any] = {
        "id": row["id"],
        "name": row["name"],
        "status": status,
        "label": label,
        "reports_differ": bool(row.get("reports_differ")),
        "_style": _leaflet_style(style),
        "_tooltip": tooltip_html(str(row["name"]), ", ".join(filter(None, [status, label]))),
    }
    head, claims, tail = popup_parts(
        str(row["name"]), feature_attributes(row), row["evidence"], note=row["note"] or None
    )
    props["_popup"] = head
    if claims:
        props["_claims"] = [claim_html.setdefault(item, len(claim_html)) for item in claims]
        props["_popup_end"] = tail
    if spec.id == "governorates":
        props["_label"] = esc(row["name"])  # the base map names every governorate
        props["_label_at"] = [row["label_lat"], row["label_lon"]]  # Natural Earth's label point
    elif spec.id == "kurdistan_region" and label:
        # The region's head count and countries are drawn on the map, not only in its popup.
        props["_label"] = count_label(str(row["name"]), label, status, rank=REGION_RANK)
        props["_label_at"] = [row["label_lat"], row["label_lon"]]
        props["_label_class"] = "pm-count-label"
    geometry = row["geometry"]
    if spec.kind is LayerKind.SITES:
        national = row["precision"] == NATIONAL
        props["_approx"] = row["precision"] == "approximate"
        props["_radius"] = APPROX_RADIUS_M
        width = frame_width(row["personnel_max"], status)
        # What holds now sits on top; a withdrawn site is drawn smaller and underneath, so
        # Baghdad's remaining few are not hidden by the airport's departed frame.
        props["_z"] = -500 if national else STATUS_Z.get(Status(status), 0)
        # A national total is a label anchored at its point (its box centres itself in CSS).
        props["_w"], props["_h"] = (0, 0) if national else (width, round(width / FRAME_ASPECT))
        props["_icon"] = (
            total_icon(row, label) if national else frame_icon(row, style, width, label)
        )
        if props["_approx"] and label:
            # An approximate site is an area, not a frame: its numbers go on a label over it.
            props["_label"] = count_label(
                str(row["name"]), label, status, rank=label_rank(row, width)
            )
            props["_label_at"] = [geometry.y, geometry.x]
            props["_label_class"] = "pm-count-label"
    else:
        geometry = _display_geometry(str(row["id"]), geometry)
    return {
        "type": "Feature",
        "id": row["id"],
        "properties": props,
        "geometry": rounded_geojson(mapping(geometry)),
    }


def _leaflet_style(style: Style) -> dict[str, Any]:
    options = style.to_leaflet()
    if style.hatch:
        # SVG paint with a fallback colour: the hatch where the pattern exists, else flat red.
        options["fillColor"] = f"url(#{HATCH_ID}) {style.fill_color}"
    return options


@cache
def _simplified_governorates() -> Mapping[str, BaseGeometry]:
    govs = default_governorates()
    simple = shapely.coverage_simplify(govs.geometry.values, DISPLAY_TOLERANCE_DEG)
    return dict(zip(govs["id"], simple, strict=True))


def _display_geometry(place_id: str, geometry: BaseGeometry) -> BaseGeometry:
    """Lighter geometry for drawing; governorates and regions made of them keep shared edges."""
    govs = _simplified_governorates()
    if place_id in govs:
        return govs[place_id]
    members = [
        g for gid, g in govs.items() if default_governorates().loc[gid, "region"] == "Kurdistan"
    ]
    if place_id == "kurdistan_region" and members:
        return shapely.union_all(members)
    return shapely.simplify(geometry, DISPLAY_TOLERANCE_DEG / 2, preserve_topology=True)


@cache
def _iraq_bounds() -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = default_governorates().total_bounds
    lon0, lat0, lon1, lat1 = IRAQ_BOUNDS
    return (max(minx, lon0), max(miny, lat0), min(maxx, lon1), min(maxy, lat1))


_OUTLINE_STYLE = {"color": "#8a8a8a", "weight": 1, "fillColor": "#f7f4ee", "fillOpacity": 1.0}


@cache
def _outline_data() -> dict[str, Any]:
    iraq = shapely.union_all(list(_simplified_governorates().values()))
    outline = {
        "type": "Feature",
        "id": "iraq_outline",
        "properties": {"_style": _OUTLINE_STYLE},
        "geometry": rounded_geojson(mapping(iraq)),
    }
    return {"type": "FeatureCollection", "features": [outline]}


def _outline() -> folium.GeoJson:
    """A faint outline of Iraq under every layer, so the map reads even with none ticked."""
    return compact_geojson(_outline_data(), control=False, interactive=False, pane=_pane("base"))


_ON_EACH_FEATURE = """function(feature, layer) {
    var p = feature.properties;
    layer.bindPopup(p._popup, {maxWidth: 380});
    if (p._label) {
        // Pinned: Leaflet would put the name at the centre of the polygon's projected rings,
        // stale when the map is resized before its first redraw (as in an iframe).
        var at = L.latLng(p._label_at);
        layer.getCenter = function() { return at; };
        layer.bindTooltip(p._label, {permanent: true, direction: "center",
                                     className: p._label_class || "pm-gov-label",
                                     pane: "__LABELS__"});
    } else {
        layer.bindTooltip(p._tooltip, {sticky: true});
    }
}"""

_POINT_TO_LAYER = """function(feature, latlng) {
    var p = feature.properties;
    if (p._approx) {
        return L.circle(latlng, {radius: p._radius, pane: "__PANE__",
                                 className: "pm-layer __CLASS__ pm-approximate"});
    }
    return L.marker(latlng, {
        icon: L.divIcon({html: p._icon, className: "pm-site __CLASS__",
                         iconSize: [p._w, p._h], iconAnchor: [p._w / 2, p._h / 2]}),
        keyboard: true, riseOnHover: true, zIndexOffset: p._z
    });
}"""

# base_map's names for the page decorations and the legend (kept so merges stay clean).
_Decorations = Decorations
_Legend = legend_control
