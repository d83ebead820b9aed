"""Layer switches inside the map: toggled by Leaflet in the browser, reported back to the app.

A switch outside the map (a Streamlit widget) reruns the script and re-sends the map's layers,
~300 ms a toggle. Here every layer is sent once; Leaflet's own layer control shows and hides it
(~2 ms) and the map keeps its view. The app still needs to know what is on screen (exports are
"exactly what is shown"), so the page reports it through streamlit-folium's `selected_layers`.

streamlit-folium (0.27) fills `selected_layers` only for WMS layers: on Leaflet's
`overlayadd`/`overlayremove` it records a layer that has `_url` and `wmsParams.layers`. Each
group is given those two fields (`url` = LAYER_URL, `layers` = the layer id), so the stock
component reports our groups without a fork. A READY entry says the report is complete: until
it arrives (the first moments after the page opens) the app assumes each layer's default.

The browser also remembers which layers the reader switched off (`window.__pmHidden`), so a
new date, which re-sends the layers, does not switch them back on; a layer that was not on the
map before (the changes, switched on in the sidebar) comes in shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import folium
from branca.element import MacroElement
from folium.template import Template

from layers.catalog import LAYERS

LAYER_URL = "posture-map"  # the `url` of every entry this module reports
READY = "__ready__"  # the entry saying the page has reported every group once


def layer_control(
    groups: Sequence[folium.FeatureGroup], layer_ids: Sequence[str]
) -> folium.LayerControl:
    """Leaflet's layer control, expanded, with the script that reports what it shows.

    Each group is known to the page by its name in the control, mapped here to its layer id.
    """
    control = folium.LayerControl(collapsed=False, position="topright")
    ids = {g.layer_name: lid for g, lid in zip(groups, layer_ids, strict=True)}
    _ReportLayers(ids).add_to(control)
    return control


def shown_layers(
    map_state: Mapping[str, Any] | None, *, default: Iterable[str] | None = None
) -> list[str]:
    """The layer ids the page reports as shown, in drawing order; `default` until it reports.

    `default` None means every layer whose spec is shown on opening.
    """
    entries = (map_state or {}).get("selected_layers") or []
    names = {
        str(e.get("name")) for e in entries if isinstance(e, Mapping) and e.get("url") == LAYER_URL
    }
    if READY not in names:
        names = set(default if default is not None else (s.id for s in LAYERS.values() if s.show))
    return [layer_id for layer_id in LAYERS if layer_id in names]


_CONTROL_CSS = (
    # Above the legend (bottom right) should a tall legend reach up to it: switches stay usable.
    ".leaflet-top.leaflet-right{z-index:1001}"
    # ...and the legend (its own pane, pinned bottom right) stops below them and scrolls: in
    # the dashboard's iframe (its viewport) seven switches and the whole legend do not both fit.
    ".pm-legend-pane .pm-legend{max-height:calc(100vh - 200px);overflow-y:auto}"
    ".leaflet-control-layers{font:12px/1.35 system-ui,sans-serif}"
    ".leaflet-control-layers-expanded{padding:4px 8px 4px 6px}"
    ".leaflet-control-layers label{margin:1px 0}"
)


class _ReportLayers(MacroElement):
    """Runs after the control is built (it is the control's child in the page's script)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(map, control) {
            if (!document.getElementById("pm-switch-style")) {
                // As small as the legend's text, so the two fit one above the other.
                var style = document.createElement("style");
                style.id = "pm-switch-style";
                style.textContent = {{ this.css|tojson }};
                document.head.appendChild(style);
            }
            var hidden = window.__pmHidden = window.__pmHidden || {};
            function report(group, shown) {
                map.fire(shown ? "overlayadd" : "overlayremove", {layer: group});
            }
            var ids = {{ this.ids|tojson }};
            var groups = control._layers
                .filter(function(entry) { return ids.hasOwnProperty(entry.name); })
                .map(function(entry) {
                    // What streamlit-folium reports for a WMS layer: see layers/switches.py.
                    entry.layer._url = {{ this.url|tojson }};
                    entry.layer.wmsParams = {layers: ids[entry.name]};
                    return entry.layer;
                });
            var before = window.__pmLayers || {};
            window.__pmLayers = {};
            groups.forEach(function(group) {
                var id = group.wmsParams.layers;
                window.__pmLayers[id] = true;
                if (!before[id]) {
                    delete hidden[id];  // a layer new to the map (the changes) starts shown
                } else if (hidden[id] && map.hasLayer(group)) {
                    map.removeLayer(group);
                }
                report(group, map.hasLayer(group));
            });
            report({_url: {{ this.url|tojson }}, wmsParams: {layers: {{ this.ready|tojson }}}},
                   true);
            // A reader's click (not the removal of the old groups when new ones come).
            L.DomEvent.on(control.getContainer(), "change", function() {
                groups.forEach(function(group) {
                    hidden[group.wmsParams.layers] = !map.hasLayer(group);
                });
            });
        })({{ this._parent._parent.get_name() }}, {{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, ids: Mapping[str, str]) -> None:
        super().__init__()
        self._name = "ReportLayers"
        self.ids = dict(ids)
        self.css = _CONTROL_CSS
        self.url = LAYER_URL
        self.ready = READY
