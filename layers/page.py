"""What makes an exported map stand alone: a <title>, a title block, and the view it opens at.

A shared file must say what it shows, as of which day, from which reporting. The title block
is a header above the map (not a control over it), so it covers no part of Iraq. Outlet names
come from article files: untrusted, escaped here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
from branca.element import Element, Figure

from geo.errors import PostureMapError
from geo.posture import Role
from layers.catalog import LAYERS
from layers.context import MAX_ZOOM, MIN_ZOOM
from layers.popups import esc

TITLE = "Iraq: coalition posture and ISIS activity"
_PAGE_CSS = """
<style>
body{display:flex;flex-direction:column}
body>.folium-map{flex:1 1 auto;height:auto!important;min-height:0}
.pm-title-block{flex:none;padding:8px 14px 7px;border-bottom:1px solid #c9c3b6;background:#fbfaf7;
 font:13px/1.35 system-ui,sans-serif;color:#333}
.pm-title-block h1{margin:0 0 2px;font-size:17px;color:#0b2545}
.pm-title-block p{margin:0}
.pm-title-block .pm-as-of{font-weight:600}
.pm-title-block .pm-shown,.pm-title-block .pm-sources{color:#555}
</style>
"""


@dataclass(frozen=True, slots=True)
class MapView:
    """Where an exported map opens: a centre and zoom, or bounds to fit (south-west, north-east).

    The dashboard builds it from what st_folium returns (`center` and `zoom`, or `bounds`).
    """

    center: tuple[float, float] | None = None
    zoom: float | None = None
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None

    def __post_init__(self) -> None:
        """Refuse a view that would open nowhere: half given, not finite, or off the globe."""
        if self.bounds is None and (self.center is None or self.zoom is None):
            raise PostureMapError("a map view needs a centre and a zoom, or bounds")
        points = [self.center] if self.bounds is None else list(self.bounds)
        for lat, lon in points:  # type: ignore[misc]
            if not (_finite(lat, lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
                raise PostureMapError(f"map view: ({lat}, {lon}) is not a latitude, longitude")
        if self.bounds is None and not _finite(self.zoom):
            raise PostureMapError(f"map view: zoom {self.zoom!r} is not a number")

    @classmethod
    def from_leaflet(cls, state: Mapping[str, Any]) -> MapView | None:
        """From Leaflet's (st_folium's) `center` {lat, lng} and `zoom`, else `bounds`; else None."""
        center, zoom = state.get("center"), state.get("zoom")
        if isinstance(center, Mapping) and zoom is not None:
            return cls(center=(float(center["lat"]), float(center["lng"])), zoom=float(zoom))
        bounds = state.get("bounds")
        if isinstance(bounds, Mapping) and bounds.get("_southWest") and bounds.get("_northEast"):
            sw, ne = bounds["_southWest"], bounds["_northEast"]
            return cls(
                bounds=((float(sw["lat"]), float(sw["lng"])), (float(ne["lat"]), float(ne["lng"])))
            )
        return None


def apply_view(m: folium.Map, view: MapView) -> folium.Map:
    """Open the map at `view` instead of its fitted default; zoom is held to the map's limits."""
    # branca has no public way to remove a child: the fitted default's FitBounds is dropped here.
    for key, child in list(m._children.items()):
        if isinstance(child, folium.map.FitBounds):
            del m._children[key]
    if view.bounds is not None:
        m.fit_bounds([list(view.bounds[0]), list(view.bounds[1])])
    else:
        center, zoom = view.center or (0.0, 0.0), float(view.zoom or 0.0)  # set: __post_init__
        m.location = [float(center[0]), float(center[1])]
        m.options["zoom"] = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
    return m


@dataclass(frozen=True, slots=True)
class TitleFacts:
    """What the title block states: layers shown, the date, and the reporting behind them."""

    layer_titles: tuple[str, ...]
    as_of: dt.date | None
    latest: dt.date | None  # the newest publication date among the evidence shown
    articles: int
    outlets: tuple[str, ...]


def title_facts(
    layer_ids: Iterable[str], frames: Mapping[str, gpd.GeoDataFrame], as_of: dt.date | None
) -> TitleFacts:
    """Count the articles and outlets whose quotes the drawn layers carry as evidence.

    Evidence "reported for a later date" supports nothing drawn as of `as_of`: not counted.
    """
    articles: set[str] = set()
    outlets: set[str] = set()
    latest: dt.date | None = None
    for frame in frames.values():
        for records in frame["evidence"]:
            for record in records:
                if record["role"] == Role.LATER:
                    continue
                articles.add(str(record["article_id"]))
                outlets.add(str(record["outlet"]))
                published = dt.date.fromisoformat(str(record["published"]))
                latest = published if latest is None else max(latest, published)
    return TitleFacts(
        layer_titles=tuple(LAYERS[lid].title for lid in layer_ids),
        as_of=as_of,
        latest=latest,
        articles=len(articles),
        outlets=tuple(sorted(outlets, key=str.casefold)),
    )


def page_title(facts: TitleFacts) -> str:
    """The text of the page's <title> (unescaped)."""
    return f"{TITLE}, {_date_phrase(facts)}"


def title_block_html(facts: TitleFacts) -> str:
    """The visible block above the map: what, as of when, from how many articles, by whom."""
    if facts.articles:
        noun = "article" if facts.articles == 1 else "articles"
        sources = f"From {facts.articles} {noun} by {', '.join(facts.outlets)}."
    else:
        sources = "No reporting in the record supports anything drawn as of this date."
    shown = " · ".join(facts.layer_titles) or "no layers"
    return (
        '<header class="pm-title-block">'
        f"<h1>{esc(TITLE)}</h1>"
        f'<p class="pm-as-of"><time datetime="{esc(_iso(facts))}">'
        f"{esc(_capitalised(_date_phrase(facts)))}</time></p>"
        f'<p class="pm-shown">Shown: {esc(shown)}</p>'
        f'<p class="pm-sources">{esc(sources)}</p>'
        "</header>"
    )


def add_title_block(m: folium.Map, facts: TitleFacts) -> folium.Map:
    """Put the <title> and the title block into the map's page; call before rendering it."""
    root = m.get_root()
    if not isinstance(root, Figure):
        raise PostureMapError("the map is not in a page (a branca Figure) to title")
    root.header.add_child(Element(f"<title>{esc(page_title(facts))}</title>"), name="pm_title")
    root.header.add_child(Element(_PAGE_CSS), name="pm_title_css")
    # Added before the map renders its own <div>, so the block comes first in <body>.
    root.html.add_child(Element(title_block_html(facts)), name="pm_title_block")
    return m


def _date_phrase(facts: TitleFacts) -> str:
    if facts.as_of is not None:
        return f"as of {_day(facts.as_of)}"
    if facts.latest is not None:
        return f"latest reporting (to {_day(facts.latest)})"
    return "latest reporting"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _iso(facts: TitleFacts) -> str:
    day = facts.as_of or facts.latest
    return day.isoformat() if day else ""


def _finite(*values: object) -> bool:
    return all(isinstance(v, int | float) and math.isfinite(v) for v in values)
