"""`streamlit run app.py` in real headless Chromium, every outside request blocked.

The server runs on a free loopback port; every wait is for a condition (the server's health
check, a count of drawn features), never a fixed sleep. A screenshot is kept in artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Frame, FrameLocator, Page, expect

from layers.catalog import LAYERS
from tests.browser.conftest import OfflinePage
from tests.browser.streamlit_server import running_app
from tests.conftest import REPO

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "artifacts"
TIMEOUT_MS = 30_000
EXPECTED_FEATURES = {
    "governorates": 18,
    "disputed_provinces": 4,
    "kurdistan_region": 1,
    "isis_activity_zones": 3,
}


@pytest.fixture(scope="module")
def dashboard() -> Iterator[str]:
    """The dashboard served by `streamlit run app.py`; yields its URL."""
    with running_app(REPO / "app.py") as url:
        yield url


def the_map(page: Page) -> FrameLocator:
    """The streamlit-folium iframe."""
    return page.frame_locator('iframe[data-testid="stCustomComponentV1"]')


def open_dashboard(offline: OfflinePage, url: str) -> FrameLocator:
    offline.page.goto(url)
    frame = the_map(offline.page)
    for layer_id, count in EXPECTED_FEATURES.items():
        expect(frame.locator(f".pm-layer-{layer_id}")).to_have_count(count, timeout=TIMEOUT_MS)
    wait_idle(offline.page)
    return frame


def toggle(page: Page, layer_id: str, *, on: bool) -> None:
    """Flip a sidebar switch as a user does, by its label; wait until the map shows it."""
    switch = page.get_by_role("switch", name=LAYERS[layer_id].title)
    page.locator("[data-testid=stSidebar]").get_by_text(LAYERS[layer_id].title, exact=True).click()
    expect(switch).to_be_checked(checked=on)
    features = the_map(page).locator(f".pm-layer-{layer_id}")
    if on:
        expect(features.first).to_be_attached(timeout=TIMEOUT_MS)
    else:
        expect(features).to_have_count(0, timeout=TIMEOUT_MS)
    wait_idle(page)


def wait_idle(page: Page) -> None:
    """Until the script run has finished, so every widget on the page is the current one."""
    expect(page.locator("[data-testid=stApp]")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=TIMEOUT_MS
    )


def map_frame(page: Page) -> Frame:
    """The map's iframe as a Playwright frame, for reading Leaflet's state."""
    return next(f for f in page.frames if "streamlit_folium" in f.url)


def wait_map_settled(page: Page) -> None:
    """Until Leaflet has had no move or zoom for 400 ms (the first fit to Iraq is animated)."""
    map_frame(page).evaluate("""() => new Promise(resolve => {
        let timer;
        const quiet = () => { clearTimeout(timer); timer = setTimeout(resolve, 400); };
        window.map.on("moveend zoomend", quiet);
        quiet();
    })""")


def label_drift_px(page: Page) -> float:
    """How far the farthest permanent label is from where its point falls now, in pixels."""
    drift: float = map_frame(page).evaluate("""() => {
        let worst = 0;
        window.map.eachLayer(layer => {
            const tip = layer.getTooltip && layer.getTooltip();
            if (!tip || !tip.options.permanent || !window.map.hasLayer(tip)) { return; }
            const el = tip.getElement(), at = window.map.latLngToLayerPoint(tip.getLatLng());
            const placed = L.DomUtil.getPosition(el).add([el.offsetWidth / 2, el.offsetHeight / 2]);
            worst = Math.max(worst, placed.distanceTo(at));
        });
        return worst;
    }""")
    return drift


def map_view(page: Page) -> list[float]:
    """The Leaflet map's zoom and centre, read inside the iframe."""
    view: list[float] = map_frame(page).evaluate(
        "() => { const c = window.map.getCenter(); return [window.map.getZoom(), c.lat, c.lng]; }"
    )
    return view


def test_dashboard_draws_toggles_keeps_its_view_and_shows_evidence(
    offline_page: OfflinePage, dashboard: str
) -> None:
    page = offline_page.page
    frame = open_dashboard(offline_page, dashboard)
    expect(frame.locator(".pm-layer-coalition_positions").first).to_be_visible()
    expect(frame.locator(".pm-legend")).to_be_visible()
    wait_map_settled(page)
    assert label_drift_px(page) < 2  # every governorate name sits on its polygon's label point
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))

    map_frame(page).evaluate(
        "() => { window.map.setView([34.6, 43.9], 8, {animate: false}); window.__kept = true; }"
    )
    view = map_view(page)
    assert view[0] == 8  # a view of the user's own, not the one the map opened with
    toggle(page, "isis_activity_zones", on=False)
    expect(frame.locator(".pm-layer-disputed_provinces")).to_have_count(4)  # the others stay
    assert map_view(page) == view  # same zoom and centre...
    assert map_frame(page).evaluate(
        "() => window.__kept === true"
    )  # ...and the same map, not a reloaded one

    toggle(page, "isis_activity_zones", on=True)
    expect(frame.locator(".pm-layer-isis_activity_zones")).to_have_count(3, timeout=TIMEOUT_MS)
    frame.locator('[data-place-id="ain_al_asad"]').click()
    expect(page.locator(".pm-popup").filter(has_text="Ain al-Assad airbase")).to_be_visible(
        timeout=TIMEOUT_MS
    )  # the evidence panel beside the map, after the click's rerun
    assert offline_page.blocked == []
    assert offline_page.errors == []


def test_dashboard_html_export_is_a_working_offline_map(
    offline_page: OfflinePage, dashboard: str, tmp_path: Path
) -> None:
    page = offline_page.page
    open_dashboard(offline_page, dashboard)
    toggle(page, "governorates", on=False)
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.get_by_role("button", name="Map (one HTML file, works offline)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".html"

    page.goto(saved.as_uri())
    page.wait_for_function(
        "() => typeof L !== 'undefined' && L.version === '1.9.3'"
        " && document.querySelectorAll('.pm-layer').length > 0",
        timeout=TIMEOUT_MS,
    )
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert [t.strip() for t in labels] == [
        s.title for s in LAYERS.values() if s.id != "governorates"
    ]
    assert page.locator(".pm-layer-governorates").count() == 0
    assert page.locator(".pm-layer-isis_activity_zones").count() == 3
    assert offline_page.blocked == []
    assert offline_page.errors == []
