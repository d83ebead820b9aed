"""The base map's context and limits as rendered: options Leaflet reads, layers it draws."""

from __future__ import annotations

import json
import re

from layers.context import MAX_ZOOM, MIN_ZOOM, VIEW_BOUNDS
from layers.render import base_map


def _map_call(page: str) -> str:
    call = re.search(r"L\.map\(\s*\"[^\"]+\",\s*\{(.*?)\}\s*\);", page, flags=re.S)
    assert call is not None
    return call.group(1)


def test_zoom_limits_and_bounds_reach_leaflet_without_tiles() -> None:
    options = _map_call(base_map().get_root().render())
    assert re.search(rf'"minZoom": {MIN_ZOOM},', options)
    assert re.search(rf'"maxZoom": {MAX_ZOOM},', options)
    bounds = re.search(r'"maxBounds": (\[.*?\]),\s*"', options, flags=re.S)
    assert bounds is not None
    lon0, lat0, lon1, lat1 = VIEW_BOUNDS
    flat = json.loads(re.sub(r",\s*\]", "]", bounds.group(1)))
    assert flat == [[lat0, lon0], [lat1, lon1]]


def test_context_layers_on_the_offline_map_and_with_tiles() -> None:
    offline = base_map().get_root().render()
    for name in ("land", "neighbours", "rivers", "border"):
        assert f"pm-context pm-context-{name}" in offline, name
    assert re.search(r'"name": ?"Saudi Arabia"', offline)
    assert re.search(r'"name": ?"Tigris"', offline)
    # Online tiles draw the countries: the opaque fills would hide them, so they are left out.
    online = base_map(tiles=True).get_root().render()
    assert "pm-context-land" not in online
    assert "pm-context-neighbours" not in online
    assert "pm-context pm-context-border" in online
    assert "pm-context pm-context-rivers" in online
