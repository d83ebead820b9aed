"""Claims and geography -> per-layer GeoDataFrames -> a folium map with evidence popups.

`layer_frames` is the data (full-resolution geometry, attributes, evidence records) that the
GeoJSON export and the dashboard reuse; `build_map` draws it. Both are pure: same claims, date
and layer ids in, same output; nothing is read from or written to the page's network.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import folium
import geopandas as gpd
import shapely
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.articles import load_articles
from geo.boundaries import default_governorates, disputed_provinces, kurdistan_region
from geo.claims import Claim, ClaimKind
from geo.errors import PostureMapError
from geo.extract import extract_articles
from geo.gazetteer import Place, default_gazetteer
from geo.layers_io import IRAQ_BOUNDS, WGS84
from geo.posture import (
    Evidence,
    PlacePosture,
    Status,
    coalition_posture,
    in_force,
    place_evidence,
    when,
)
from geo.zones import default_activity_zones
from layers.assets import use_assets
from layers.catalog import LAYERS
from layers.context import add_context, keep_legend_below_popups, map_options
from layers.popups import POPUP_CSS, esc, popup_html, tooltip_html
from layers.spec import FRIEND_BLUE, HOSTILE_RED, LayerKind, LayerSpec, Style

# coverage_simplify keeps shared borders shared; 0.01 deg (~1 km) is below a pixel at the
# zoom that shows all of Iraq and cuts the governorates from ~340 kB to well under 100 kB.
DISPLAY_TOLERANCE_DEG = 0.01
COORD_DECIMALS = 4  # ~10 m: far finer than the data's own accuracy
APPROX_RADIUS_M = 8_000  # a hand-estimated site is drawn as an area this wide, never a pin
HATCH_ID = "pm-hatch-hostile"
MAP_CENTER = (33.2, 43.7)
LEGEND_WIDTH_PX = 290  # .pm-legend's width with its margin
FRAME_ASPECT = 1.5  # APP-6 friendly land-unit frame: a rectangle 1.5 wide per 1 high
LABELS_Z = 450  # the governorate-name pane: above the layer panes (390+), below the markers (600)
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
    "countries",
    "country_count",
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
    """Claims extracted from data/articles (the convenience default of every public function)."""
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
) -> dict[str, gpd.GeoDataFrame]:
    """Each chosen layer as a GeoDataFrame in WGS84: attributes, status and evidence records."""
    pool = tuple(default_claims() if claims is None else claims)
    return {
        lid: _layer_frame(lid, as_of, pool).copy(deep=False) for lid in resolve_layer_ids(layer_ids)
    }


# Cached on (layer, date, claims), all hashable, so the dashboard's rerun after a toggle
# rebuilds nothing it has drawn before; the cached values are never handed out to mutate.
@lru_cache(maxsize=32)
def _context(as_of: dt.date | None, claims: tuple[Claim, ...]) -> _Context:
    places = default_gazetteer().places
    return _Context(claims, as_of, places, coalition_posture(claims, as_of=as_of, places=places))


@lru_cache(maxsize=256)
def _layer_frame(
    layer_id: str, as_of: dt.date | None, claims: tuple[Claim, ...]
) -> gpd.GeoDataFrame:
    return _FRAMES[layer_id](_context(as_of, claims))


@lru_cache(maxsize=256)
def _layer_collection(
    layer_id: str, as_of: dt.date | None, claims: tuple[Claim, ...]
) -> dict[str, Any]:
    """The layer's features as a GeoJSON dict, shared by every map that draws it.

    folium only reads it: each feature has an `id`, so folium adds none (a test holds it).
    """
    frame = _layer_frame(layer_id, as_of, claims)
    return {
        "type": "FeatureCollection",
        "features": [_feature(LAYERS[layer_id], row) for row in frame_records(frame)],
    }


def evidence_records(
    evidence: Iterable[Evidence], places: Mapping[str, Place]
) -> list[dict[str, Any]]:
    """Evidence as plain dicts: what the popups show and the GeoJSON export carries."""
    records = []
    for e in evidence:
        c = e.claim
        records.append(
            {
                "role": e.role.value,
                "kind": str(c.kind),
                "status": c.status or "",
                "quote": c.quote,
                "place_text": c.place_text,
                "date_text": when(c) if c.date else "",
                "date_start": c.date.start.isoformat() if c.date else "",
                "date_end": c.date.end.isoformat() if c.date else "",
                "outlet": c.source.outlet,
                "title": c.source.title,
                "url": c.source.url or "",
                "published": c.source.published.isoformat(),
                "article_id": c.source.article_id,
                "start": c.start,
                "end": c.end,
                "via": e.via or "",
                "via_name": places[e.via].name if e.via and e.via in places else (e.via or ""),
            }
        )
    return records


def _row(
    context: _Context,
    layer: str,
    place_id: str,
    name: str,
    geometry: BaseGeometry,
    evidence: Sequence[Evidence],
    **fields: Any,
) -> dict[str, Any]:
    personnel = fields.pop("personnel", None)
    return {
        "id": place_id,
        "name": name,
        "layer": layer,
        "status": fields.pop("status", ""),
        "reason": fields.pop("reason", ""),
        "precision": fields.pop("precision", "exact"),
        "note": fields.pop("note", ""),
        "personnel_min": personnel.min if personnel else None,
        "personnel_max": personnel.max if personnel else None,
        "personnel_approximate": personnel.approximate if personnel else None,
        "personnel_text": personnel.text if personnel else "",
        "countries": list(fields.pop("countries", ())),
        "country_count": fields.pop("country_count", None),
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
    rows = []
    for r in disputed_provinces().itertuples(index=False):
        evidence = place_evidence(context.claims, r.id, as_of=context.as_of)
        threat = place_evidence(
            context.claims, r.id, as_of=context.as_of, kinds=[ClaimKind.ISIS_THREAT]
        )
        status = "threatened" if in_force(threat) else "no threat reported"
        rows.append(
            _row(
                context,
                "disputed_provinces",
                r.id,
                r.name,
                r.geometry,
                evidence,
                status=status,
                region=r.region,
            )
        )
    return _frame(rows, ("region",))


def _kurdistan(context: _Context) -> gpd.GeoDataFrame:
    region = kurdistan_region().iloc[0]
    posture = context.posture.get(region.id)
    evidence = (
        posture.evidence
        if posture
        else place_evidence(context.claims, region.id, as_of=context.as_of)
    )
    row = _row(
        context,
        "kurdistan_region",
        region.id,
        region.name,
        region.geometry,
        evidence,
        status=str(posture.status) if posture else str(Status.UNKNOWN),
        reason=posture.reason if posture else "no report of coalition forces",
        personnel=posture.personnel if posture else None,
        countries=posture.countries if posture else (),
        country_count=posture.country_count if posture else None,
        members=list(region.members),
    )
    return _frame([row], ("members",))


def _activity_zones(context: _Context) -> gpd.GeoDataFrame:
    rows = []
    for z in default_activity_zones().itertuples(index=False):
        evidence = place_evidence(
            context.claims, z.id, as_of=context.as_of, kinds=[ClaimKind.ISIS_ACTIVITY]
        )
        if not in_force(evidence):
            continue  # a zone is drawn only while a claim says ISIS operates there
        rows.append(
            _row(
                context,
                "isis_activity_zones",
                z.id,
                z.name,
                z.geometry,
                evidence,
                status="active",
                precision="approximate",
                note=f"Approximate area, drawn from cited points: {z.method}.",
            )
        )
    return _frame(rows)


def _coalition_positions(context: _Context) -> gpd.GeoDataFrame:
    rows = []
    for place_id, posture in context.posture.items():
        place = context.places.get(place_id)
        if place is None or place.kind == "region" or posture.status is Status.UNKNOWN:
            continue  # regions have their own layers; unknown means nothing to draw yet
        point = place.geometry
        approximate = place.precision == "approximate" or point.geom_type != "Point"
        if point.geom_type != "Point":
            point = point.representative_point()
        note = (
            f"Position approximate (a hand estimate): drawn as an area about "
            f"{APPROX_RADIUS_M * 2 // 1000} km across, not a precise location."
            if approximate
            else ""
        )
        rows.append(
            _row(
                context,
                "coalition_positions",
                place_id,
                place.name,
                point,
                posture.evidence,
                status=str(posture.status),
                reason=posture.reason,
                precision="approximate" if approximate else "exact",
                note=note,
                personnel=posture.personnel,
                countries=posture.countries,
                country_count=posture.country_count,
                site_kind=place.kind,
            )
        )
    return _frame(rows, ("site_kind",))


_FRAMES: Mapping[str, Callable[[_Context], gpd.GeoDataFrame]] = {
    "governorates": _governorates,
    "disputed_provinces": _disputed,
    "kurdistan_region": _kurdistan,
    "isis_activity_zones": _activity_zones,
    "coalition_positions": _coalition_positions,
}


# --- drawing ---------------------------------------------------------------------------------


def build_map(
    layer_ids: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    claims: Iterable[Claim] | None = None,
    tiles: bool = False,
) -> folium.Map:
    """The map: one FeatureGroup per chosen layer, a layer control, a legend; offline by default.

    `tiles=True` adds OpenStreetMap as an optional base layer; without it the governorates
    (and a faint outline of Iraq) are the base map, so the page draws with no network.
    """
    m = base_map(tiles=tiles)
    for group in layer_groups(layer_ids, as_of=as_of, claims=claims):
        group.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    return m


def layer_groups(
    layer_ids: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    claims: Iterable[Claim] | None = None,
) -> list[folium.FeatureGroup]:
    """One FeatureGroup per chosen layer, so a layer control has exactly one entry per layer.

    The dashboard adds them to a map built by `base_map`; build_map adds them to its own.
    """
    pool = tuple(default_claims() if claims is None else claims)
    groups = []
    for layer_id in resolve_layer_ids(layer_ids):
        spec = LAYERS[layer_id]
        # Leaflet's layer control sets the name as innerHTML: escape it once, here.
        group = folium.FeatureGroup(name=esc(spec.title), show=spec.show, control=True)
        _geojson(spec, _layer_collection(layer_id, as_of, pool)).add_to(group)
        groups.append(group)
    return groups


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
    return folium.GeoJson(
        collection,
        name=esc(spec.title),
        control=False,
        show=True,
        style_function=lambda f: f["properties"]["_style"],
        on_each_feature=JsCode(_ON_EACH_FEATURE.replace("__LABELS__", _pane("labels"))),
        pane=_pane(spec.id),
        class_name=f"pm-layer pm-layer-{spec.id}",
        bubbling_mouse_events=False,
        **options,
    )


def frame_records(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """A frame's rows as dicts, with pandas' NaN for missing numbers turned back into None."""
    return [
        {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def _feature(spec: LayerSpec, row: Mapping[str, Any]) -> dict[str, Any]:
    style = spec.style_for(str(row["status"]))
    props: dict[str, Any] = {
        "id": row["id"],
        "name": row["name"],
        "status": row["status"],
        "_style": _leaflet_style(style),
        "_popup": popup_html(
            str(row["name"]), feature_attributes(row), row["evidence"], note=row["note"] or None
        ),
        "_tooltip": tooltip_html(str(row["name"]), _short_status(row)),
    }
    if spec.id == "governorates":
        props["_label"] = esc(row["name"])  # the base map names every governorate
        props["_label_at"] = [row["label_lat"], row["label_lon"]]  # Natural Earth's label point
    geometry = row["geometry"]
    if spec.kind is LayerKind.SITES:
        approx = row["precision"] == "approximate"
        props["_approx"] = approx
        props["_radius"] = APPROX_RADIUS_M
        width = _frame_width(row)
        # What holds now sits on top; a withdrawn site is drawn smaller and underneath, so
        # Baghdad's remaining few are not hidden by the airport's departed frame.
        props["_z"] = _STATUS_Z.get(str(row["status"]), 0)
        if row["status"] == "withdrawn":
            width = round(width * 0.7)
        props["_w"], props["_h"] = width, round(width / FRAME_ASPECT)
        props["_icon"] = _frame_icon(row, style, width)
    else:
        geometry = _display_geometry(str(row["id"]), geometry)
    return {
        "type": "Feature",
        "id": row["id"],
        "properties": props,
        "geometry": _rounded(mapping(geometry)),
    }


def _leaflet_style(style: Style) -> dict[str, Any]:
    options = style.to_leaflet()
    if style.hatch:
        # SVG paint with a fallback colour: the hatch where the pattern exists, else flat red.
        options["fillColor"] = f"url(#{HATCH_ID}) {style.fill_color}"
    return options


def feature_attributes(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The attribute rows a popup (or the dashboard's evidence panel) shows for a feature."""
    personnel = ""
    if row["personnel_min"] is not None:
        lo, hi = int(row["personnel_min"]), int(row["personnel_max"])
        figure = f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"
        personnel = (
            ("≈" if row["personnel_approximate"] else "") + figure + f" (“{row['personnel_text']}”)"
        )
    countries = ", ".join(row["countries"])
    if row["country_count"]:
        named = f": {countries}" if countries else ""
        countries = f"{row['country_count']} countries{named}"
    return [
        ("Status", str(row["status"])),
        ("Why", str(row["reason"])),
        ("Personnel", personnel),
        ("Countries", countries),
        ("Region", str(row.get("region") or "")),
        ("As of", str(row["as_of"] or "latest")),
    ]


def _short_status(row: Mapping[str, Any]) -> str:
    label = _figure(row)
    return f"{row['status']}" + (f", {label} personnel" if label else "")


def _figure(row: Mapping[str, Any]) -> str:
    if row["personnel_min"] is None:
        return ""
    lo, hi = int(row["personnel_min"]), int(row["personnel_max"])
    return ("≈" if row["personnel_approximate"] else "") + (
        f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"
    )


def _frame_width(row: Mapping[str, Any]) -> int:
    """Frame width grows with the log of the head count: 4-5 people small, 1,500 large."""
    if row["personnel_max"] is None:
        return 30
    return int(24 + 8 * math.log10(max(int(row["personnel_max"]), 1)))


def _frame_icon(row: Mapping[str, Any], style: Style, width: int) -> str:
    """An APP-6 friendly land frame (a rectangle) as inline SVG, with name and head count."""
    height = round(width / FRAME_ASPECT)
    dash = f' stroke-dasharray="{esc(style.dash_array)}"' if style.dash_array else ""
    label = esc(row["name"]) + (f" · {esc(_figure(row))}" if _figure(row) else "")
    return (
        f'<div class="pm-site-frame" data-place-id="{esc(row["id"])}" '
        f'data-status="{esc(row["status"])}">'
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}"'
        f' fill="{esc(style.fill_color)}" fill-opacity="{style.fill_opacity}"'
        f' stroke="{esc(style.color)}" stroke-width="{style.weight}"{dash}/></svg>'
        f'<span class="pm-site-label">{label}</span></div>'
    )


def _rounded(geometry: Any) -> Any:
    """GeoJSON coordinates rounded to COORD_DECIMALS (tuples become lists)."""
    if isinstance(geometry, dict):
        return {k: _rounded(v) for k, v in geometry.items()}
    if isinstance(geometry, list | tuple):
        if geometry and isinstance(geometry[0], float | int):
            return [round(float(v), COORD_DECIMALS) for v in geometry]
        return [_rounded(v) for v in geometry]
    return geometry


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


@cache
def _outline_data() -> str:
    iraq = shapely.union_all(list(_simplified_governorates().values()))
    return json.dumps({"type": "Feature", "properties": {}, "geometry": _rounded(mapping(iraq))})


def _outline() -> folium.GeoJson:
    """A faint outline of Iraq under every layer, so the map reads even with none ticked."""
    return folium.GeoJson(
        _outline_data(),
        control=False,
        interactive=False,
        pane=_pane("base"),
        style_function=lambda f: {
            "color": "#8a8a8a",
            "weight": 1,
            "fillColor": "#f7f4ee",
            "fillOpacity": 1.0,
        },
    )


_STATUS_Z = {"present": 1000, "residual": 1000, "departing": 500, "arriving": 500, "withdrawn": 0}

_ON_EACH_FEATURE = """function(feature, layer) {
    var p = feature.properties;
    layer.bindPopup(p._popup, {maxWidth: 380});
    if (p._label) {
        // Pinned: Leaflet would put the name at the centre of the polygon's projected rings,
        // stale when the map is resized before its first redraw (as in an iframe).
        var at = L.latLng(p._label_at);
        layer.getCenter = function() { return at; };
        layer.bindTooltip(p._label, {permanent: true, direction: "center",
                                     className: "pm-gov-label", pane: "__LABELS__"});
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

_SITE_CSS = """
.leaflet-container{background:#d4e2ea}
.pm-site{background:none;border:none}
.pm-site-frame{position:relative;line-height:0}
.pm-site-label{position:absolute;left:100%;top:50%;transform:translateY(-50%);margin-left:3px;
 white-space:nowrap;line-height:1.1;font:600 11px system-ui,sans-serif;color:#0b2545;
 padding:0 3px;border-radius:2px;background:rgba(255,255,255,.82)}
.pm-site-frame[data-status=withdrawn] .pm-site-label{color:#5f6f7a;font-weight:400;
 background:rgba(255,255,255,.6)}
.pm-zoomed-out .pm-site-frame[data-status=withdrawn] .pm-site-label{display:none}
.pm-gov-label{background:none;border:none;box-shadow:none;padding:0;color:#6b6b6b;
 font:11px system-ui,sans-serif;text-shadow:0 0 2px #fff,0 0 2px #fff}
.pm-gov-label:before{display:none}
.pm-legend{background:rgba(255,255,255,.94);padding:8px 10px;border-radius:4px;
 box-shadow:0 1px 4px rgba(0,0,0,.35);font:12px/1.3 system-ui,sans-serif;width:260px}
.pm-legend summary{font-weight:600;font-size:13px;cursor:pointer}
.pm-legend h5{margin:6px 0 2px;font-size:12px;color:#333}
.pm-legend div{display:flex;align-items:center;gap:6px;margin:2px 0}
.pm-legend svg{flex:none}
.pm-legend p{margin:4px 0 0;color:#555;font-size:11px}
"""


class _Decorations(MacroElement):
    """Page CSS and the SVG hatch pattern, added by script so it also works inside Streamlit."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            if (document.getElementById("pm-style")) { return; }
            var style = document.createElement("style");
            style.id = "pm-style";
            style.textContent = {{ this.css|tojson }};
            document.head.appendChild(style);
            var holder = document.createElement("div");
            holder.innerHTML = {{ this.defs|tojson }};
            document.body.appendChild(holder.firstChild);
        })();
        (function(map) {
            // Crowded labels of withdrawn sites (Baghdad's cluster) only show when zoomed in.
            function mark() {
                map.getContainer().classList.toggle("pm-zoomed-out", map.getZoom() < 8);
            }
            map.on("zoomend", mark);
            mark();
            // Governorate names are permanent tooltips, placed once when added. In an iframe
            // (the dashboard) the map can be drawn before it has its final size, leaving them
            // behind their polygons: re-place them, once a frame, when the view or layers change.
            var queued = false;
            function replace() {
                queued = false;
                map.eachLayer(function(layer) {
                    var tip = layer.getTooltip && layer.getTooltip();
                    if (tip && tip.options.permanent && map.hasLayer(tip)) { tip.update(); }
                });
            }
            map.on("moveend zoomend resize viewreset layeradd", function() {
                if (!queued) { queued = true; window.requestAnimationFrame(replace); }
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "Decorations"
        self.css = _SITE_CSS + POPUP_CSS
        self.defs = (
            '<svg id="pm-defs" width="0" height="0" style="position:absolute" aria-hidden="true">'
            f'<defs><pattern id="{HATCH_ID}" width="8" height="8" patternUnits="userSpaceOnUse"'
            ' patternTransform="rotate(45)">'
            f'<rect width="8" height="8" fill="{HOSTILE_RED}" fill-opacity="0.35"/>'
            '<line x1="0" y1="0" x2="0" y2="8" stroke="#c62828" stroke-width="3"/>'
            "</pattern></defs></svg>"
        )


class _Legend(MacroElement):
    """The legend as a Leaflet control: symbols and colours for control, activity, threat."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function() {
                var div = L.DomUtil.create("div", "pm-legend leaflet-control");
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = legend_html()


def legend_html() -> str:
    """Legend HTML from the catalog's styles (static text, escaped anyway)."""
    sites = LAYERS["coalition_positions"]
    # A <details> element, so a reader can fold the legend away from the map's east.
    rows = [
        "<details open><summary>Legend</summary>",
        "<h5>Control: where coalition forces are (friendly, blue)</h5>",
    ]
    labels = {
        "present": "present",
        "residual": "residual: a few remain (figure shown)",
        "departing": "departing: planned or under way (dashed)",
        "arriving": "arriving: move planned or under way (dashed, pale)",
        "withdrawn": "withdrawn / departed (empty, grey)",
    }
    for status, style in sites.status_styles:
        rows.append(f"<div>{_frame_swatch(style)}{esc(labels.get(status, status))}</div>")
    rows.append(
        f"<div>{_circle_swatch(sites.style_for('present'))}"
        "position approximate (drawn as an area)</div>"
    )
    rows.append(
        f"<div>{_area_swatch(LAYERS['kurdistan_region'].style)}"
        f"{esc(LAYERS['kurdistan_region'].title)}</div>"
    )
    rows.append("<h5>Activity: where ISIS operates (hostile, red)</h5>")
    rows.append(
        f"<div>{_area_swatch(LAYERS['isis_activity_zones'].style)}"
        "activity zone, hatched: approximate</div>"
    )
    rows.append("<h5>Threat: where ISIS may strike</h5>")
    rows.append(
        f"<div>{_area_swatch(LAYERS['disputed_provinces'].style)}"
        "disputed province threatened by sleeper cells</div>"
    )
    rows.append("<h5>Base</h5>")
    rows.append(f"<div>{_area_swatch(LAYERS['governorates'].style)}governorate</div>")
    rows.append("<p>Frame size grows with personnel. Click a feature for its evidence.</p>")
    return "".join(rows) + "</details>"


def _frame_swatch(style: Style) -> str:
    dash = f' stroke-dasharray="{esc(style.dash_array)}"' if style.dash_array else ""
    return (
        f'<svg width="24" height="16"><rect x="1" y="1" width="22" height="14" '
        f'fill="{esc(style.fill_color)}" fill-opacity="{style.fill_opacity}" '
        f'stroke="{esc(style.color)}" stroke-width="{style.weight}"{dash}/></svg>'
    )


def _circle_swatch(style: Style) -> str:
    return (
        f'<svg width="24" height="16"><circle cx="12" cy="8" r="6.5" fill="{FRIEND_BLUE}" '
        f'fill-opacity="0.2" stroke="#1f5fa8" stroke-width="1.5"/></svg>'
    )


def _area_swatch(style: Style) -> str:
    dash = f' stroke-dasharray="{esc(style.dash_array)}"' if style.dash_array else ""
    fill = f"url(#{HATCH_ID})" if style.hatch else esc(style.fill_color)
    opacity = 1.0 if style.hatch else style.fill_opacity
    return (
        f'<svg width="24" height="16"><rect x="1" y="1" width="22" height="14" '
        f'fill="{fill}" fill-opacity="{opacity}" stroke="{esc(style.color)}" '
        f'stroke-width="{min(style.weight, 2.0)}"{dash}/></svg>'
    )
