"""Every registry entry renders; the HTML is checked as parsed structure, not as pixels."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from html.parser import HTMLParser
from typing import Any

import folium
import pytest

from geo.errors import PostureMapError
from geo.posture import COALITION_STATUSES, Status
from layers.catalog import LAYERS
from layers.export import geojson_collection
from layers.popups import esc, popup_html, safe_url
from layers.render import build_map, layer_frames, layer_groups, legend_html
from layers.spec import LayerKind
from tests.test_layers_helpers import HOSTILE, hostile_claims, seed_claims

EXPECTED_FEATURES = {
    "governorates": 18,
    "isis_activity_governorates": 0,  # the seed names no governorate for ISIS activity
    "disputed_provinces": 4,
    "kurdistan_region": 1,
    "isis_activity_zones": 3,
    "isis_activity_reports": 0,  # nor any town or wadi
    "coalition_positions": 6,
}


class _Tree(HTMLParser):
    """Tags, attributes and text of an HTML fragment, as the browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree


def collections(page: str) -> list[dict[str, Any]]:
    """The FeatureCollections the page adds to its layers, decoded, popups put together.

    They are written as `geo_json_<id>_add({...});`, or with numbered claims as
    `(function(c) {...})({...});`, whose function puts each popup together as done here.
    """
    found = re.findall(r"(?:_add|\}\))\((\{.*?\})\);\n", page)
    return [with_popups(json.loads(text)) for text in found]


def group_data(group: folium.FeatureGroup) -> dict[str, Any]:
    """The FeatureCollection a layer group draws: its layer's, as the page's script gets it."""
    return dict(next(iter(group._children.values())).collection)


def with_popups(collection: dict[str, Any]) -> dict[str, Any]:
    """A layer's collection with each popup put together from its numbered claims, as the
    page's script does: head, the claims' <li>, tail."""
    collection = copy.deepcopy(collection)
    for feature in collection["features"]:
        props = feature["properties"]
        if "_claims" in props:
            claims = [collection["_claim_html"][i] for i in props["_claims"]]
            props["_popup"] = props["_popup"] + "".join(claims) + props["_popup_end"]
    return collection


def layer_control_names(page: str) -> list[str]:
    block = re.search(r"overlays\s*:\s*\{(.*?)\},", page, re.S)
    assert block, "no layer control overlays in the page"
    return [
        json.loads(name)
        for name in re.findall(r'("(?:[^"\\]|\\.)*")\s*:\s*feature_group_', block.group(1))
    ]


def render(layer_ids: list[str] | None = None, **kwargs: Any) -> str:
    return (
        build_map(layer_ids, claims=kwargs.pop("claims", seed_claims()), **kwargs)
        .get_root()
        .render()
    )


def test_registry_ids_are_stable_snake_case_and_titled() -> None:
    assert list(LAYERS) == [
        "governorates",
        "isis_activity_governorates",
        "disputed_provinces",
        "kurdistan_region",
        "isis_activity_zones",
        "isis_activity_reports",
        "coalition_positions",
    ]
    for layer_id, spec in LAYERS.items():
        assert spec.id == layer_id
        assert re.fullmatch(r"[a-z][a-z0-9_]*", layer_id)
        assert spec.title
        assert spec.description
    assert len({s.title for s in LAYERS.values()}) == len(LAYERS)


@pytest.mark.parametrize("layer_id", list(LAYERS))
def test_every_layer_renders_its_features_with_evidence_popups(layer_id: str) -> None:
    # The seed names no town or governorate for ISIS: invented reports (26 Nov) add them.
    from tests.test_layers_activity import report_claims

    page = render([layer_id], claims=[*seed_claims(), *report_claims(dt.date(2025, 11, 26))])
    expected = {**EXPECTED_FEATURES, "isis_activity_governorates": 1, "isis_activity_reports": 3}
    assert layer_control_names(page) == [LAYERS[layer_id].title]
    data = collections(page)
    layer_data = [c for c in data if c["features"] and "_popup" in c["features"][0]["properties"]]
    assert len(layer_data) == 1
    features = layer_data[0]["features"]
    assert len(features) == expected[layer_id]
    for feature in features:
        popup = parse(feature["properties"]["_popup"])
        assert ("h4", {}) in popup.tags
        assert feature["properties"]["name"] in "".join(popup.text)
        if LAYERS[layer_id].kind is LayerKind.SITES:
            icon = parse(feature["properties"]["_icon"])
            assert icon.tags[0][1]["data-place-id"] == feature["id"]


def test_the_map_has_one_group_per_layer_a_control_and_a_legend() -> None:
    m = build_map(claims=seed_claims())
    groups = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    assert [g.layer_name for g in groups] == [esc(s.title) for s in LAYERS.values()]
    assert sum(isinstance(c, folium.LayerControl) for c in m._children.values()) == 1
    page = m.get_root().render()
    assert layer_control_names(page) == [s.title for s in LAYERS.values()]
    assert "pm-legend" in page
    assert not any(isinstance(c, folium.TileLayer) for c in m._children.values())


def test_tiles_are_an_option() -> None:
    m = build_map(["governorates"], claims=seed_claims(), tiles=True)
    assert any(isinstance(c, folium.TileLayer) for c in m._children.values())


def test_legend_explains_control_activity_and_threat() -> None:
    text = "".join(parse(legend_html()).text)
    for words in (
        "Control",
        "Activity",
        "Threat",
        "present",
        "residual",
        "departing",
        "arriving: move planned or under way",
        "withdrawn",
        "approximate",
    ):
        assert words in text


def test_coalition_sites_carry_status_and_the_ain_al_asad_quote() -> None:
    frames = layer_frames(["coalition_positions"], claims=seed_claims())
    sites = frames["coalition_positions"]
    assert dict(zip(sites["id"], sites["status"], strict=True)) == {
        "ain_al_asad": "withdrawn",
        "baghdad": "residual",
        "baghdad_airport": "withdrawn",
        "erbil": "present",
        "green_zone": "withdrawn",
        "joc_hq": "withdrawn",
    }
    assert sites.loc["joc_hq", "precision"] == "approximate"
    assert "approximate" in sites.loc["joc_hq", "note"]
    quotes = [e["quote"] for e in sites.loc["ain_al_asad", "evidence"]]
    assert any("Ain al-Assad airbase" in q for q in quotes)
    assert sites.loc["baghdad", "personnel_text"] == "four to five personnel"


def test_every_drawn_status_has_its_own_style() -> None:
    sites = LAYERS["coalition_positions"]
    styled = [status for status, _ in sites.status_styles]
    assert styled == list(COALITION_STATUSES)
    assert Status.NO_REPORTING not in styled  # never drawn, so never styled
    region = [status for status, _ in LAYERS["kurdistan_region"].status_styles]
    assert region == list(COALITION_STATUSES)  # the region reads the same vocabulary
    moves = {s: sites.style_for(s) for s in ("departing", "arriving")}
    assert all(style.dash_array for style in moves.values())  # APP-6: planned is dashed
    assert moves["departing"] != moves["arriving"]
    assert moves["arriving"].fill_opacity < moves["departing"].fill_opacity  # not there yet


def test_erbil_as_it_moves_in_and_as_the_region_confirms_it() -> None:
    page = render(["coalition_positions"], as_of=dt.date(2025, 9, 15))
    features = {f["id"]: f for c in collections(page) for f in c["features"]}
    icon = parse(features["erbil"]["properties"]["_icon"])
    assert icon.tags[0][1]["data-status"] == "arriving"
    rect = next(attrs for tag, attrs in icon.tags if tag == "rect")
    assert (
        rect["stroke-dasharray"] == LAYERS["coalition_positions"].style_for("arriving").dash_array
    )
    latest = render(["coalition_positions"])
    erbil = next(f for c in collections(latest) for f in c["features"] if f["id"] == "erbil")
    popup = "".join(parse(erbil["properties"]["_popup"]).text)
    assert "Said of Kurdistan Region, which contains this place." in popup
    assert "Personnel" not in popup  # the region's 1,500 stay on the region
    assert "·" not in "".join(parse(erbil["properties"]["_icon"]).text)  # no figure on the frame


def test_governorate_names_sit_under_the_site_frames() -> None:
    page = render(["governorates", "coalition_positions"])
    z = re.search(
        r'(\w+) = \w+\.createPane\(\s*"pm-pane-labels"\);\s*\1\.style\.zIndex = (\d+)', page
    )
    assert z, "no labels pane with a z-index"
    assert 400 < int(z.group(2)) < 600  # above the layers' shapes, below Leaflet's markers
    assert 'className: p._label_class || "pm-gov-label",' in page
    assert 'pane: "pm-pane-labels"' in page


def test_kurdistan_region_carries_personnel_and_countries() -> None:
    region = layer_frames(["kurdistan_region"], claims=seed_claims())["kurdistan_region"]
    row = region.loc["kurdistan_region"]
    assert row["personnel_min"] == 1500
    assert row["personnel_approximate"]
    assert row["country_count"] == 7
    assert "France" in row["countries"]


def test_on_1_august_2025_only_the_base_map_is_drawn() -> None:
    frames = layer_frames(None, as_of=dt.date(2025, 8, 1), claims=seed_claims())
    assert {lid: len(f) for lid, f in frames.items()} == {
        "governorates": 18,
        "isis_activity_governorates": 0,
        "isis_activity_reports": 0,
        "disputed_provinces": 0,  # the threat is first reported on 26 November
        "kurdistan_region": 0,  # no "unknown" blue region
        "isis_activity_zones": 0,
        "coalition_positions": 0,  # the late-August departures are not back-dated
    }
    departing = layer_frames(
        ["coalition_positions"], as_of=dt.date(2025, 8, 21), claims=seed_claims()
    )["coalition_positions"]
    assert dict(zip(departing["id"], departing["status"], strict=True)) == {
        "ain_al_asad": "departing",
        "baghdad_airport": "departing",
        "erbil": "arriving",
        "green_zone": "departing",
        "joc_hq": "departing",
    }


def test_in_1990_nothing_is_present_threatened_or_drawn_on_any_layer() -> None:
    as_of = dt.date(1990, 1, 1)
    claims = [*hostile_claims(), *seed_claims()]
    frames = layer_frames(None, as_of=as_of, claims=claims)
    for layer_id, frame in frames.items():
        expected = 18 if layer_id == "governorates" else 0
        assert len(frame) == expected, layer_id
        assert set(frame["status"]) <= {""}, layer_id  # the base map has no status
    drawn = {
        lid: len(group_data(group)["features"])
        for lid, group in zip(LAYERS, layer_groups(None, as_of=as_of, claims=claims), strict=True)
    }
    assert drawn == {lid: len(f) for lid, f in frames.items()}  # the caption counts these
    exported = geojson_collection(as_of=as_of, claims=claims)["features"]
    assert {f["properties"]["layer"] for f in exported} == {"governorates"}


@pytest.mark.parametrize("as_of", [None, dt.date(2025, 8, 25), dt.date(2025, 11, 26)])
def test_frames_hold_exactly_what_is_drawn(as_of: dt.date | None) -> None:
    frames = layer_frames(None, as_of=as_of, claims=seed_claims())
    groups = layer_groups(None, as_of=as_of, claims=seed_claims())
    for (layer_id, frame), group in zip(frames.items(), groups, strict=True):
        features = group_data(group)["features"]
        assert [f["id"] for f in features] == list(frame["id"]), layer_id
        assert Status.NO_REPORTING not in set(frame["status"]), layer_id


def test_approximate_sites_are_areas_not_markers() -> None:
    page = render(["coalition_positions"])
    features = {f["id"]: f for c in collections(page) for f in c["features"]}
    assert features["joc_hq"]["properties"]["_approx"] is True
    assert features["ain_al_asad"]["properties"]["_approx"] is False
    assert "L.circle(" in page


def test_popups_escape_hostile_text_exactly_once() -> None:
    page = render(["coalition_positions", "isis_activity_zones"], claims=hostile_claims())
    features = {f["id"]: f for c in collections(page) for f in c["features"]}
    popup = parse(features["ain_al_asad"]["properties"]["_popup"])
    assert {tag for tag, _ in popup.tags} <= {
        "div",
        "h4",
        "table",
        "tr",
        "th",
        "td",
        "p",
        "h5",
        "ol",
        "li",
        "span",
        "b",
        "blockquote",
        "a",
        "cite",
    }
    text = "".join(popup.text)
    assert HOSTILE in text  # shown literally, once unescaped by the parser
    assert "&lt;" not in text
    assert "&amp;" not in text
    hrefs = [a.get("href") for tag, a in popup.tags if tag == "a"]
    assert hrefs
    assert all(h and h.startswith("https://") for h in hrefs)
    assert "</script><script>" not in page.split("<body>", 1)[1].replace(" ", "")
    assert "<script>window.__pwned" not in page  # only ever as \\u003cscript\\u003e in JSON


def test_popup_html_escapes_quotes_backticks_and_markup() -> None:
    html = popup_html(
        "Tom's `base` <i>",
        [("Status", 'a "b"')],
        [
            {
                "kind": "isis_activity",
                "quote": "${x} `y` </script>",
                "outlet": "O'Brien",
                "published": "2025-01-01",
                "title": "<t>",
                "url": "javascript:alert(1)",
                "role": "current",
            }
        ],
    )
    assert "<i>" not in html
    assert "</script>" not in html
    assert "&#x27;" in html
    assert "&quot;" in html
    text = "".join(parse(html).text)
    assert "Tom's `base` <i>" in text
    assert "${x} `y` </script>" in text
    assert "O'Brien" in text
    assert not [a for tag, a in parse(html).tags if tag == "a"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.rudaw.net/x", "https://www.rudaw.net/x"),
        ("http://a.b/", "http://a.b/"),
        ("javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("file:///etc", None),
        ("//evil", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_links(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_unknown_layer_ids_are_refused() -> None:
    with pytest.raises(PostureMapError, match="unknown layer id"):
        build_map(["nope"], claims=seed_claims())


def test_layer_groups_match_frames_for_the_dashboard() -> None:
    groups = layer_groups(["governorates", "coalition_positions"], claims=seed_claims())
    assert [g.layer_name for g in groups] == [
        esc(LAYERS["governorates"].title),
        esc(LAYERS["coalition_positions"].title),
    ]


def test_drawing_maps_leaves_the_cached_layer_data_as_it_was() -> None:
    """Layer features are cached and shared between maps: rendering must not write to them."""
    claims = seed_claims()

    def data() -> list[Any]:
        return [group_data(g) for g in layer_groups(claims=claims)]

    before = copy.deepcopy(data())
    for _ in range(2):
        build_map(claims=claims).get_root().render()
    assert data() == before


def test_frames_are_wgs84_with_the_shared_attribute_columns() -> None:
    frames = layer_frames(claims=seed_claims())
    for layer_id, frame in frames.items():
        assert frame.crs is not None, layer_id
        assert frame.crs.to_epsg() == 4326, layer_id
        for column in ("id", "name", "layer", "status", "evidence", "geometry"):
            assert column in frame.columns, (layer_id, column)
        assert set(frame["layer"]) <= {layer_id}
