"""What every map page carries besides its layers: CSS, the hatch pattern, label upkeep.

Added by script rather than in the page head, so it also works inside Streamlit's iframe.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from layers.legend import HATCH_ID
from layers.popups import POPUP_CSS
from layers.spec import HOSTILE_RED

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
.pm-count-label{background:rgba(255,255,255,.88);border:1px solid #1f5fa8;box-shadow:none;
 padding:1px 4px;color:#0b2545;font:600 11px system-ui,sans-serif;white-space:nowrap}
.pm-count-label:before{display:none}
.pm-site-count{font-weight:700}
.pm-label-hidden{visibility:hidden}
.pm-total{display:inline-block;white-space:nowrap;font:600 11px/1.2 system-ui,sans-serif;
 color:#0b2545;background:rgba(255,255,255,.9);border:1px solid #0b2545;border-radius:3px;
 padding:2px 5px;transform:translate(-50%,0)}
.pm-sizes{gap:4px}
.pm-legend{background:rgba(255,255,255,.94);padding:8px 10px;border-radius:4px;
 box-shadow:0 1px 4px rgba(0,0,0,.35);font:12px/1.3 system-ui,sans-serif;width:260px}
.pm-legend summary{font-weight:600;font-size:13px;cursor:pointer}
.pm-legend h5{margin:6px 0 2px;font-size:12px;color:#333}
.pm-legend div{display:flex;align-items:center;gap:6px;margin:2px 0}
.pm-legend svg{flex:none}
.pm-legend p{margin:4px 0 0;color:#555;font-size:11px}
.pm-legend div.pm-legend-note{display:block;margin:0 0 2px;color:#555;font-size:11px}
"""


class Decorations(MacroElement):
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
                declutter();
            }
            // Site labels carry the numbers: where two would overlap, the one that ranks
            // higher (what holds now, then more personnel) is shown; hover still names the
            // other, and zooming in brings it back.
            function rank(label) {
                var holder = label.closest("[data-rank]");
                return holder ? parseFloat(holder.getAttribute("data-rank")) : 0;
            }
            function declutter() {
                var labels = Array.prototype.slice.call(map.getContainer().querySelectorAll(
                    ".pm-site-label, .pm-total, .pm-count"));
                // A count label's box is its tooltip: that is what is measured and hidden.
                function box(l) { return l.closest(".leaflet-tooltip") || l; }
                labels.forEach(function(l) { box(l).classList.remove("pm-label-hidden"); });
                labels.sort(function(a, b) { return rank(b) - rank(a); });
                var shown = [];
                labels.forEach(function(l) {
                    var r = box(l).getBoundingClientRect();
                    if (!r.width) { return; }  // not displayed (a withdrawn site, zoomed out)
                    var hit = shown.some(function(s) {
                        return r.left < s.right && s.left < r.right &&
                               r.top < s.bottom && s.top < r.bottom;
                    });
                    if (hit) { box(l).classList.add("pm-label-hidden"); } else { shown.push(r); }
                });
            }
            // How far a permanent label sits from its point (the same measure the tests use).
            function drift(tip) {
                var el = tip.getElement();
                if (!el || !el.offsetWidth) { return 0; }
                var at = map.latLngToLayerPoint(tip.getLatLng());
                return L.DomUtil.getPosition(el)
                    .add([el.offsetWidth / 2, el.offsetHeight / 2]).distanceTo(at);
            }
            // Under load the iframe can take its final size after the last event this hears
            // (seen: every label ~half the map's width off): look again a little later and
            // re-place if any label is off, and follow the container's own size changes.
            function settle() {
                var off = false;
                map.eachLayer(function(layer) {
                    var tip = layer.getTooltip && layer.getTooltip();
                    if (tip && tip.options.permanent && map.hasLayer(tip) && drift(tip) > 1) {
                        off = true;
                    }
                });
                if (off) { replace(); }
            }
            var checks = [];
            function queue() {
                if (!queued) { queued = true; window.requestAnimationFrame(replace); }
                checks.forEach(window.clearTimeout);  // one set of checks after the last event
                checks = [250, 1000, 3000].map(function(ms) {
                    return window.setTimeout(settle, ms);
                });
            }
            map.on("moveend zoomend resize viewreset layeradd layerremove", queue);
            if (window.ResizeObserver) {
                new ResizeObserver(function() { map.invalidateSize(); queue(); })
                    .observe(map.getContainer());
            }
            queue();
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        """The CSS (site, label and popup styles) and the hatch pattern's SVG defs."""
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
