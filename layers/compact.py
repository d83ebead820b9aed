"""Layer data written into the page compactly: it is most of an export's bytes.

folium writes a GeoJson's data with Jinja's `tojson`: a space after every comma and colon,
non-ASCII as six-byte escapes, and each <, >, & and ' as a six-byte escape too; popups are
HTML, so a quarter of their bytes were escapes. Here folium's layer gets an empty collection
and `_AddData` adds the features through folium's own `<layer>_add` function, as JSON with no
spaces and UTF-8 text. Inside <script> only "</" (it could end the element) and "<!" (it could
open a comment) matter; both are escaped (script_json), as are U+2028 and U+2029. Popup HTML is
escaped where it is built (layers.popups); this changes only how the JSON string is written.

Many claims are shown in several popups of a layer (a region's claim at each place inside it),
so a layer's collection may carry each claim's <li> once (CLAIM_HTML) and its popups as head,
claim numbers and tail; the script puts each popup together before Leaflet sees it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode

# Every layer of ours carries its Leaflet style in the feature's `_style` property.
_STYLE = JsCode("function(feature) { return feature.properties._style; }")
_EMPTY = {"type": "FeatureCollection", "features": []}
# A FeatureCollection member (foreign to GeoJSON, ignored by Leaflet): each claim's <li> once,
# so a claim shown in several popups of a layer is written once; popups number their claims.
CLAIM_HTML = "_claim_html"


def script_json(value: Any) -> str:
    """JSON text that is safe inside a <script> element and has no redundant bytes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("</", "<\\/")
        .replace("<!", "\\u003c!")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _AddData(MacroElement):
    """`<layer>_add(<data>);` after folium's GeoJson script: the layer's features, compact.

    When the data has CLAIM_HTML, each feature's popup is put together first, as
    layers.popups.popup_html would write it: head, the <li> of each claim it numbers, tail.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {%- if this.has_claims %}
            (function(c) {
                c.features.forEach(function(f) {
                    var p = f.properties;
                    if (!p._claims) { return; }
                    var items = p._claims.map(function(i) { return c.__CLAIMS__[i]; });
                    p._popup = p._popup + items.join("") + p._popup_end;
                });
                {{ this._parent.get_name() }}_add(c);
            })({{ this.data }});
        {%- else %}
            {{ this._parent.get_name() }}_add({{ this.data }});
        {%- endif %}
        {% endmacro %}
    """.replace("__CLAIMS__", CLAIM_HTML)
    )

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "AddData"
        self.data = script_json(data)
        self.has_claims = CLAIM_HTML in data


class CompactGeoJson(folium.GeoJson):
    """folium.GeoJson styled by each feature's `_style`, its features written by _AddData.

    folium's own `data` is an empty collection (streamlit-folium renders folium's template of
    each element directly); the layer's data is `collection`. No style_function: folium would
    turn it into a switch over feature ids.
    """

    def __init__(self, data: Mapping[str, Any] | str, **kwargs: Any) -> None:
        """`data` is a FeatureCollection or its JSON text; `kwargs` go to folium.GeoJson."""
        super().__init__(_EMPTY, style=_STYLE, **kwargs)
        self.collection: Mapping[str, Any] = json.loads(data) if isinstance(data, str) else data
        self.add_child(_AddData(self.collection))


def compact_geojson(data: Mapping[str, Any] | str, **kwargs: Any) -> folium.GeoJson:
    """A layer of `data` (a FeatureCollection, or its JSON text); `kwargs` go to folium.GeoJson."""
    return CompactGeoJson(data, **kwargs)
