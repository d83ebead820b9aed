"""The exported HTML in real headless Chromium with the network blocked: it draws and behaves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from layers.catalog import LAYERS
from layers.context import MAX_ZOOM, MIN_ZOOM, VIEW_BOUNDS
from layers.export import export_html
from layers.page import MapView
from layers.popups import feature_attributes, popup_html
from layers.render import frame_records, layer_frames
from tests.browser.conftest import OfflinePage
from tests.test_layers_helpers import HOSTILE, hostile_claims, seed_claims
from tests.test_layers_render import parse

pytestmark = pytest.mark.browser

EXPECTED_FEATURES = {
    "governorates": 18,
    "disputed_provinces": 4,
    "kurdistan_region": 1,
    "isis_activity_zones": 3,
    "coalition_positions": 6,
}
DRAWN = (
    "() => typeof L !== 'undefined' && L.version === '1.9.3'"
    " && document.querySelectorAll('.pm-layer').length > 0"
    " && document.querySelector('.pm-legend') !== null"
)
TIMEOUT_MS = 15_000


def _count(layer_id: str) -> str:
    return f"document.querySelectorAll('.pm-layer-{layer_id}').length"


# Resolves once the map has had no move or zoom for 400 ms: the first fit to Iraq is animated,
# and a click during it can land beside the feature it aimed at.
SETTLED = """() => new Promise(resolve => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    let timer;
    const quiet = () => { clearTimeout(timer); timer = setTimeout(resolve, 400); };
    map.on("move zoom", quiet);
    quiet();
})"""


def _open(offline: OfflinePage, path: Path) -> None:
    offline.page.goto(path.as_uri())
    offline.page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)
    offline.page.evaluate(SETTLED)


def test_exported_map_draws_offline_with_control_features_popup_and_toggle(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    page = offline_page.page
    _open(offline_page, export_html(tmp_path / "map.html", claims=seed_claims()))
    labels = page.locator(".leaflet-control-layers-overlays label")
    assert [t.strip() for t in labels.all_inner_texts()] == [s.title for s in LAYERS.values()]
    for layer_id, expected in EXPECTED_FEATURES.items():
        assert page.evaluate(_count(layer_id)) == expected, layer_id

    page.click('[data-place-id="ain_al_asad"]')
    page.wait_for_function(
        "() => (document.querySelector('.leaflet-popup-content') || {})"
        ".textContent?.includes('Ain al-Assad airbase')",
        timeout=TIMEOUT_MS,
    )
    popup = page.inner_text(".leaflet-popup-content")
    assert "Ain al-Asad Air Base" in popup
    assert "withdrawn" in popup
    assert "Rudaw" in popup
    assert page.locator(".leaflet-popup-content a[href^='https://www.rudaw.net']").count() >= 1

    zones = labels.filter(has_text=LAYERS["isis_activity_zones"].title).locator("input")
    zones.uncheck()
    page.wait_for_function(f"() => {_count('isis_activity_zones')} === 0", timeout=TIMEOUT_MS)
    assert page.evaluate(_count("coalition_positions")) == 6  # the others stay
    zones.check()
    page.wait_for_function(f"() => {_count('isis_activity_zones')} === 3", timeout=TIMEOUT_MS)

    assert offline_page.blocked == []  # nothing even tried to reach the network
    assert offline_page.errors == []


def test_hostile_article_text_is_shown_not_run(offline_page: OfflinePage, tmp_path: Path) -> None:
    page = offline_page.page
    _open(offline_page, export_html(tmp_path / "hostile.html", claims=hostile_claims()))
    assert page.evaluate(_count("coalition_positions")) == 6
    page.click('[data-place-id="ain_al_asad"]')
    page.wait_for_selector(".leaflet-popup-content blockquote", timeout=TIMEOUT_MS)
    text = page.inner_text(".leaflet-popup-content")
    assert "<script>window.__pwned=1</script>" in text
    assert HOSTILE.split(" ")[1] in text  # Tom's, apostrophe intact
    assert (
        page.locator(
            ".leaflet-popup-content script, .leaflet-popup-content b:has-text('bold')"
        ).count()
        == 0
    )
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert offline_page.errors == []


def test_as_of_before_august_draws_no_site_the_reporting_has_not_reached(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    path = export_html(
        tmp_path / "aug.html",
        layer_ids=["governorates", "coalition_positions"],  # the base map: a page that draws
        as_of=dt.date(2025, 8, 1),
        claims=seed_claims(),
    )
    _open(offline_page, path)
    page = offline_page.page
    assert page.locator(".leaflet-control-layers-overlays label").count() == 2
    # The first report on Ain al-Asad is the late-August departure: nothing is back-dated.
    assert page.locator(".pm-site-frame").count() == 0
    assert page.locator('[data-place-id="erbil"]').count() == 0  # the move in comes later


def test_erbil_is_drawn_arriving_in_mid_september(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    path = export_html(
        tmp_path / "sep.html",
        layer_ids=["coalition_positions"],
        as_of=dt.date(2025, 9, 15),
        claims=seed_claims(),
    )
    _open(offline_page, path)
    page = offline_page.page
    erbil = page.locator('[data-place-id="erbil"][data-status="arriving"]')
    assert erbil.count() == 1
    assert erbil.locator("rect").get_attribute("stroke-dasharray")
    assert "arriving: move planned or under way" in page.inner_text(".pm-legend")


def test_governorate_names_print_under_the_site_frames(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    path = export_html(
        tmp_path / "labels.html",
        layer_ids=["governorates", "coalition_positions"],
        claims=seed_claims(),
    )
    _open(offline_page, path)
    z = offline_page.page.evaluate("""() => {
        const z = el => Number(getComputedStyle(el.closest('.leaflet-pane')).zIndex);
        return [z(document.querySelector('.pm-gov-label')),
                z(document.querySelector('.pm-site'))];
    }""")
    assert z[0] < z[1]  # Baghdad's name no longer covers the Baghdad frame and its figure


MAP = "Object.values(window).find(v => v instanceof L.Map)"


def _paths(name: str) -> str:
    return f"document.querySelectorAll('path.pm-context-{name}').length"


def test_exported_file_says_what_it_shows_and_when(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    path = export_html(
        tmp_path / "titled.html",
        layer_ids=["coalition_positions", "isis_activity_zones"],
        as_of=dt.date(2025, 11, 26),
        claims=hostile_claims(),
    )
    _open(offline_page, path)
    page = offline_page.page
    assert page.title() == "Iraq: coalition posture and ISIS activity, as of 26 November 2025"
    block = page.locator(".pm-title-block")
    assert block.is_visible()
    text = block.inner_text()
    assert "As of 26 November 2025" in text
    assert LAYERS["coalition_positions"].title in text
    assert LAYERS["governorates"].title not in text
    assert "From 1 article by Rudaw." in text  # the hostile article is dated after 26 Nov
    # The block sits above the map, covering none of it.
    box = block.bounding_box()
    map_box = page.locator(".folium-map").bounding_box()
    assert box is not None
    assert map_box is not None
    assert box["y"] + box["height"] <= map_box["y"] + 0.5
    assert map_box["height"] > 600
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert offline_page.blocked == []
    assert offline_page.errors == []


def test_neighbours_border_and_rivers_are_drawn_and_named(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    _open(offline_page, export_html(tmp_path / "context.html", claims=seed_claims()))
    page = offline_page.page
    counts = {n: page.evaluate(_paths(n)) for n in ("land", "neighbours", "border", "rivers")}
    assert counts == {"land": 1, "neighbours": 6, "border": 6, "rivers": 2}
    labels = page.locator(".pm-country-label").all_inner_texts()
    assert sorted(t.strip().title() for t in labels) == [
        "Iran",
        "Jordan",
        "Kuwait",
        "Saudi Arabia",
        "Syria",
        "Turkey",
    ]
    tooltips = page.evaluate(f"""() => {{
        const out = [];
        {MAP}.eachLayer(l => {{
            const name = l.feature && l.feature.properties.name;
            if (name && l.getTooltip && l.getTooltip() && l.options.className
                && l.options.className.includes('pm-context-')) {{
                out.push(l.getTooltip().getContent());
            }}
        }});
        return out;
    }}""")
    assert any("Tigris" in t for t in tooltips)
    assert any("Euphrates" in t for t in tooltips)
    assert any("Iraq–Iran border" in t for t in tooltips)
    legend = page.inner_text(".pm-legend")
    assert "international border of Iraq" in legend
    assert "Tigris, Euphrates" in legend
    # Neighbours under Iraq's outline; river and border over the layers, under place names.
    z = page.evaluate("""() => ['neighbours', 'base', 'rivers', 'border', 'labels'].map(
        n => Number(getComputedStyle(document.querySelector('.leaflet-pm-pane-' + n + '-pane'))
                    .zIndex))""")
    assert z == sorted(z)
    assert offline_page.errors == []


def test_zoom_limits_and_bounds_hold(offline_page: OfflinePage, tmp_path: Path) -> None:
    _open(offline_page, export_html(tmp_path / "zoom.html", claims=seed_claims()))
    page = offline_page.page
    assert page.evaluate(f"() => [{MAP}.getMinZoom(), {MAP}.getMaxZoom()]") == [
        MIN_ZOOM,
        MAX_ZOOM,
    ]
    out = page.locator(".leaflet-control-zoom-out")
    # Click "zoom out" as a user would, each click after the last zoom ended, until disabled.
    click_and_settle = f"""() => new Promise(done => {{
        {MAP}.once('zoomend', () => done({MAP}.getZoom()));
        document.querySelector('.leaflet-control-zoom-out').click();
    }})"""
    zooms = []
    while "leaflet-disabled" not in (out.get_attribute("class") or "") and len(zooms) < 12:
        zooms.append(page.evaluate(click_and_settle))
    assert zooms[-1] == MIN_ZOOM
    assert zooms == sorted(zooms, reverse=True)
    # One more click at the limit starts no zoom at all.
    started = page.evaluate(f"""() => {{
        let started = false;
        {MAP}.once('zoomstart', () => {{ started = true; }});
        document.querySelector('.leaflet-control-zoom-out').click();
        return started;
    }}""")
    assert started is False
    assert page.evaluate(f"() => {MAP}.getZoom()") == MIN_ZOOM
    page.evaluate(f"() => {MAP}.setZoom(2, {{animate: false}})")
    assert page.evaluate(f"() => {MAP}.getZoom()") == MIN_ZOOM
    page.evaluate(f"() => {MAP}.setZoom(19, {{animate: false}})")
    assert page.evaluate(f"() => {MAP}.getZoom()") == MAX_ZOOM
    # Panned to Paris, the view is pulled back inside the bounds around Iraq.
    page.evaluate(f"() => {MAP}.setView([48.85, 2.35], 7, {{animate: false}})")
    lon0, lat0, lon1, lat1 = VIEW_BOUNDS
    page.wait_for_function(
        f"""() => {{ const c = {MAP}.getCenter();
            return c.lat >= {lat0} && c.lat <= {lat1} && c.lng >= {lon0} && c.lng <= {lon1}; }}""",
        timeout=TIMEOUT_MS,
    )


def test_a_popup_opens_over_the_legend(offline_page: OfflinePage, tmp_path: Path) -> None:
    _open(offline_page, export_html(tmp_path / "popup.html", claims=seed_claims()))
    page = offline_page.page
    legend = page.locator(".pm-legend").bounding_box()
    assert legend is not None
    x, y = legend["x"] + 40, legend["y"] + 30  # a point on the legend's heading
    assert page.evaluate(f"() => !!document.elementFromPoint({x}, {y}).closest('.pm-legend')")
    # A popup anchored just below that point opens upwards, across the legend.
    page.evaluate(f"""() => {{
        const map = {MAP};
        const at = map.containerPointToLatLng(
            map.mouseEventToContainerPoint({{clientX: {x}, clientY: {y + 60}}}));
        L.popup({{autoPan: false, maxWidth: 300}})
            .setLatLng(at).setContent('<div style="width:260px;height:120px">evidence</div>')
            .openOn(map);
    }}""")
    page.wait_for_selector(".leaflet-popup", timeout=TIMEOUT_MS)
    # The topmost element at the legend's point is now the popup.
    page.wait_for_function(
        f"() => !!document.elementFromPoint({x}, {y}).closest('.leaflet-popup')",
        timeout=TIMEOUT_MS,
    )
    # The legend still stays put while the map moves, and still folds.
    page.evaluate(f"() => {MAP}.closePopup()")
    page.evaluate(f"() => {MAP}.panBy([200, 120], {{animate: false}})")
    after = page.locator(".pm-legend").bounding_box()
    assert after is not None
    assert (after["x"], after["y"]) == pytest.approx((legend["x"], legend["y"]), abs=1)
    page.click(".pm-legend summary")
    assert page.evaluate("() => document.querySelector('.pm-legend details').open") is False
    assert offline_page.errors == []


def test_the_export_opens_at_the_view_passed(offline_page: OfflinePage, tmp_path: Path) -> None:
    view = MapView(center=(36.19, 44.01), zoom=9)
    _open(offline_page, export_html(tmp_path / "view.html", claims=seed_claims(), view=view))
    center = offline_page.page.evaluate(
        f"() => {{ const c = {MAP}.getCenter(); return [c.lat, c.lng, {MAP}.getZoom()]; }}"
    )
    one_pixel = 360 / (256 * 2**9)  # degrees of longitude per screen pixel at zoom 9
    assert center[2] == 9
    assert center[:2] == pytest.approx([36.19, 44.01], abs=one_pixel)


def test_a_popup_shows_exactly_what_popup_html_writes(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    """The page puts popups together from numbered claims; what opens is popup_html's HTML."""
    page = offline_page.page
    claims = [*hostile_claims(), *seed_claims()]
    _open(offline_page, export_html(tmp_path / "popup.html", claims=claims))
    page.click('[data-place-id="ain_al_asad"]')
    page.wait_for_selector(".leaflet-popup-content blockquote", timeout=TIMEOUT_MS)
    shown = parse(page.inner_html(".leaflet-popup-content"))
    frame = layer_frames(["coalition_positions"], claims=claims)["coalition_positions"]
    row = next(r for r in frame_records(frame) if r["id"] == "ain_al_asad")
    written = parse(
        popup_html(str(row["name"]), feature_attributes(row), row["evidence"], note=row["note"])
    )
    assert len([t for t, _ in written.tags if t == "li"]) >= 2
    assert [t for t in shown.tags if t[0] != "tbody"] == written.tags  # the parser adds tbody
    assert shown.text == written.text
    assert offline_page.errors == []
