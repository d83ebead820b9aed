"""The legend: every swatch drawn from the catalog's styles, every status word from `Status`."""

from __future__ import annotations

from collections.abc import Mapping

from branca.element import MacroElement
from folium.template import Template

from geo.activity import ACTIVITY_HOLDS_DAYS
from geo.posture import Status
from layers.catalog import LAYERS
from layers.popups import esc
from layers.spec import FRAME_ASPECT, LayerSpec, Style, frame_width

HATCH_ID = "pm-hatch-hostile"
STATUS_LABELS: Mapping[Status, str] = {
    Status.PRESENT: "present",
    Status.RESIDUAL: "residual: a few remain",
    Status.DEPARTING: "departing: planned or under way",
    Status.ARRIVING: "arriving: move planned or under way",
    Status.WITHDRAWN: "withdrawn (empty, grey, smaller)",
    Status.DIFFERING: "reports differ: sources disagree",
}
SIZE_SAMPLES = (5, 100, 1_500)  # head counts whose frame widths the legend shows


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

    def __init__(self, layers: Mapping[str, LayerSpec] = LAYERS) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(layers)


def legend_html(layers: Mapping[str, LayerSpec] = LAYERS) -> str:
    """Legend HTML from the layers' styles (static text, escaped anyway)."""
    sites, region = layers["coalition_positions"], layers["kurdistan_region"]
    zones, threat = layers["isis_activity_zones"], layers["disputed_provinces"]
    reports, areas = layers["isis_activity_reports"], layers["isis_activity_governorates"]
    # A <details> element, so a reader can fold the legend away from the map's east.
    rows = [
        "<details open><summary>Legend</summary>",
        "<h5>Control: where coalition forces are (friendly, blue)</h5>",
    ]
    for status, style in sites.status_styles:
        rows.append(f"<div>{_frame_swatch(style)}{esc(STATUS_LABELS.get(status, status))}</div>")
    rows.append(
        f"<div>{_circle_swatch(sites.style_for(Status.PRESENT))}approximate position: an area</div>"
    )
    sizes = "".join(
        f"{_frame_swatch(sites.style_for(Status.PRESENT), width=frame_width(n))}{n:,} "
        for n in SIZE_SAMPLES
    )
    rows.append(f'<div class="pm-sizes">{sizes}</div>')
    # Not a <p>: the legend's one <p> is its closing note (context rows go before it).
    rows.append(
        '<div class="pm-legend-note">Width: reported head count (none: smallest). '
        "Labels: personnel; +N arriving, −N leaving.</div>"
    )
    rows.append(f"<div>{_area_swatch(region.style_for(Status.PRESENT))}{esc(region.title)}</div>")
    # One row per convention, several swatches each: the legend fits under the layer control.
    rows.append("<h5>Activity: where ISIS operates (red, hatched: approximate)</h5>")
    rows.append(
        f"<div>{_area_swatch(zones.style_for(Status.ACTIVE))}zone "
        f"{_area_swatch(reports.style_for(Status.ACTIVE))}place "
        f"{_area_swatch(areas.style_for(Status.ACTIVE))}province</div>"
    )
    rows.append(
        f'<div class="pm-legend-note">A report holds {ACTIVITY_HOLDS_DAYS} days, then quiet.</div>'
    )
    rows.append("<h5>Threat: where ISIS may strike</h5>")
    rows.append(
        f"<div>{_area_swatch(threat.style_for(Status.THREATENED))}disputed province "
        f"{_area_swatch(reports.style_for(Status.THREATENED))}other place</div>"
    )
    rows.append("<h5>Base</h5>")
    rows.append(f"<div>{_area_swatch(layers['governorates'].style)}governorate</div>")
    rows.append(
        "<p>Nothing is drawn before its first report. Click a feature for its evidence.</p>"
    )
    return "".join(rows) + "</details>"


def _frame_swatch(style: Style, *, width: int = 24) -> str:
    height = round(width / FRAME_ASPECT)
    dash = f' stroke-dasharray="{esc(style.dash_array)}"' if style.dash_array else ""
    return (
        f'<svg width="{width}" height="{height}"><rect x="1" y="1" width="{width - 2}" '
        f'height="{height - 2}" fill="{esc(style.fill_color)}" '
        f'fill-opacity="{style.fill_opacity}" stroke="{esc(style.color)}" '
        f'stroke-width="{style.weight}"{dash}/></svg>'
    )


def _circle_swatch(style: Style) -> str:
    # The approximate area is drawn with the site's style (see render._feature).
    return (
        f'<svg width="24" height="16"><circle cx="12" cy="8" r="6.5" '
        f'fill="{esc(style.fill_color)}" fill-opacity="{style.fill_opacity}" '
        f'stroke="{esc(style.color)}" stroke-width="{style.weight}"/></svg>'
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


def legend_control(layers: Mapping[str, LayerSpec] = LAYERS) -> MacroElement:
    """The legend as a control to add to a map."""
    return _Legend(layers)
