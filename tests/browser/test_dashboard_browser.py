"""`streamlit run app.py` in real headless Chromium, every outside request blocked.

The server runs on a free loopback port; every wait is for a condition (the server's health
check, a count of drawn features, a caption), never a fixed sleep. Screenshots go to pytest's
tmp_path (the README's is made by bench/screenshot.py, on purpose, not by a test run).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Frame, FrameLocator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from layers.catalog import LAYERS
from tests.browser.conftest import OfflinePage
from tests.browser.streamlit_server import running_app
from tests.conftest import REPO

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
EXPECTED_FEATURES = {
    "governorates": 18,
    "disputed_provinces": 4,
    "kurdistan_region": 1,
    "isis_activity_zones": 3,
}
NEW_ARTICLE = (
    "title: Coalition advisers reach Harir (test fixture)\nsource: Test Wire\n"
    "url: https://example.org/harir\npublished: 2025-12-01\n\n"
    "ERBIL - Some 200 US troops have been stationed at Harir Air Base since Monday, a "
    "coalition spokesman said.\n"
)


@dataclass(frozen=True)
class Server:
    """The dashboard's URL and the file its server writes its log to."""

    url: str
    log: Path


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard served by `streamlit run app.py`; its log is kept for the tests to read."""
    log = tmp_path_factory.mktemp("dashboard") / "streamlit.log"
    with running_app(REPO / "app.py", log=log) as url:
        yield Server(url, log)


def the_map(page: Page) -> FrameLocator:
    """The streamlit-folium iframe."""
    return page.frame_locator('iframe[data-testid="stCustomComponentV1"]')


def open_dashboard(offline: OfflinePage, url: str) -> FrameLocator:
    offline.page.goto(url)
    frame = the_map(offline.page)
    for layer_id, count in EXPECTED_FEATURES.items():
        expect(frame.locator(f".pm-layer-{layer_id}")).to_have_count(count, timeout=TIMEOUT_MS)
    wait_reported(offline.page, list(LAYERS))
    return frame


def wait_reported(page: Page, layer_ids: list[str]) -> None:
    """Until the app has heard which layers are shown and has finished its run.

    The caption and the run state are read in one check: read one after the other, a rerun in
    between (the caption is empty while a run draws the map) let a stale caption pass.
    """
    marks = {f"{spec.title}: ": spec.id in layer_ids for spec in LAYERS.values()}
    page.wait_for_function(
        """marks => {
            const app = document.querySelector("[data-testid=stApp]");
            const line = document.querySelector(
                "[data-testid=stMain] [data-testid=stCaptionContainer]");
            if (!app || !line || app.getAttribute("data-test-script-state") !== "notRunning") {
                return false;
            }
            const text = line.innerText;
            return text.startsWith("As of")
                && Object.entries(marks).every(([mark, on]) => text.includes(mark) === on);
        }""",
        arg=marks,
        timeout=TIMEOUT_MS,
    )


def switch(page: Page, layer_id: str, *, on: bool) -> None:
    """Tick or untick a layer in the map's own layer control, as a reader does."""
    box = (
        the_map(page)
        .locator(".leaflet-control-layers-overlays label")
        .filter(has_text=LAYERS[layer_id].title)
        .locator("input")
    )
    if on:
        box.check()
    else:
        box.uncheck()
    features = the_map(page).locator(f".pm-layer-{layer_id}")
    if on:
        expect(features.first).to_be_attached(timeout=TIMEOUT_MS)
    else:
        expect(features).to_have_count(0, timeout=TIMEOUT_MS)


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


# How far the farthest permanent label is from where its point falls now, in pixels.
LABEL_DRIFT_PX = """() => {
    let worst = 0;
    window.map.eachLayer(layer => {
        const tip = layer.getTooltip && layer.getTooltip();
        if (!tip || !tip.options.permanent || !window.map.hasLayer(tip)) { return; }
        const el = tip.getElement(), at = window.map.latLngToLayerPoint(tip.getLatLng());
        const placed = L.DomUtil.getPosition(el).add([el.offsetWidth / 2, el.offsetHeight / 2]);
        worst = Math.max(worst, placed.distanceTo(at));
    });
    return worst;
}"""


def wait_labels_placed(page: Page) -> None:
    """Until every governorate name sits on its polygon's label point (within 2 px)."""
    frame = map_frame(page)
    try:
        frame.wait_for_function(f"() => ({LABEL_DRIFT_PX})() < 2", timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        state = frame.evaluate(
            f"() => [({LABEL_DRIFT_PX})(), window.map.getSize().x, window.map.getSize().y,"
            " window.innerWidth, window.innerHeight]"
        )
        pytest.fail(f"labels off their points: drift, map size, window size = {state}")


def map_view(page: Page) -> list[float]:
    """The Leaflet map's zoom and centre, read inside the iframe."""
    view: list[float] = map_frame(page).evaluate(
        "() => { const c = window.map.getCenter(); return [window.map.getZoom(), c.lat, c.lng]; }"
    )
    return view


def own_view(page: Page) -> list[float]:
    """Move the map to a view of the reader's own and mark the page, to tell a reload."""
    map_frame(page).evaluate(
        "() => { window.map.setView([34.6, 43.9], 8, {animate: false}); window.__kept = true; }"
    )
    view = map_view(page)
    assert view[0] == 8  # not the view the map opened with
    # A pan reruns the app (the export opens at the reader's view): wait until it has heard it.
    expect(page.get_by_text("The map opens at your view: zoom 8 around 34.60° N")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    wait_idle(page)
    return view


def slider_value(page: Page) -> str:
    """The date shown on the sidebar's 'as of' slider."""
    return page.locator(
        "[data-testid=stSidebar] [data-testid=stSliderThumbValue]"
    ).first.inner_text()


def test_dashboard_draws_switches_in_the_map_keeps_its_view_and_shows_evidence(
    offline_page: OfflinePage, dashboard: Server, tmp_path: Path
) -> None:
    page = offline_page.page
    frame = open_dashboard(offline_page, dashboard.url)
    expect(frame.locator(".pm-layer-coalition_positions").first).to_be_visible()
    expect(frame.locator(".pm-legend")).to_be_visible()
    wait_map_settled(page)
    wait_labels_placed(page)
    page.screenshot(path=str(tmp_path / "dashboard.png"))

    view = own_view(page)
    # A drawn feature of another layer, marked: it is still the same element after the switch,
    # so the layers were not sent and drawn again.
    frame.locator(".pm-layer-disputed_provinces").first.evaluate("el => el.dataset.kept = 'yes'")
    switch(page, "isis_activity_zones", on=False)
    wait_reported(page, [lid for lid in LAYERS if lid != "isis_activity_zones"])
    expect(frame.locator(".pm-layer-disputed_provinces")).to_have_count(4)  # the others stay
    expect(frame.locator(".pm-layer-disputed_provinces[data-kept=yes]")).to_have_count(1)
    assert map_view(page) == view  # same zoom and centre...
    assert map_frame(page).evaluate("() => window.__kept === true")  # ...and the same map

    switch(page, "isis_activity_zones", on=True)
    wait_reported(page, list(LAYERS))
    expect(frame.locator(".pm-layer-isis_activity_zones")).to_have_count(3)
    frame.locator('[data-place-id="ain_al_asad"]').click()
    expect(page.locator(".pm-popup").filter(has_text="Ain al-Assad airbase")).to_be_visible(
        timeout=TIMEOUT_MS
    )  # the evidence panel beside the map, after the click's rerun
    # ...and the map's own popup, put together in the page from the layer's numbered claims
    expect(frame.locator(".leaflet-popup-content li blockquote").first).to_be_visible()
    assert offline_page.blocked == []
    assert offline_page.errors == []


def test_a_new_date_keeps_the_view_and_the_layers_switched_off(
    offline_page: OfflinePage, dashboard: Server
) -> None:
    page = offline_page.page
    frame = open_dashboard(offline_page, dashboard.url)
    switch(page, "governorates", on=False)
    wait_reported(page, [lid for lid in LAYERS if lid != "governorates"])
    view = own_view(page)
    page.get_by_role("slider", name="Dates with evidence").press("Home")
    expect(page.locator("[data-testid=stMain]")).to_contain_text(
        "As of 21 Aug 2025", timeout=TIMEOUT_MS
    )
    wait_idle(page)
    expect(frame.locator('[data-place-id="ain_al_asad"][data-status="departing"]')).to_have_count(
        1, timeout=TIMEOUT_MS
    )  # the layers of the new date are drawn...
    assert frame.locator(".pm-layer-governorates").count() == 0  # ...not the one switched off
    label = frame.locator(".leaflet-control-layers-overlays label").filter(has_text="Governorates")
    expect(label.locator("input")).not_to_be_checked()
    assert map_view(page) == view
    assert map_frame(page).evaluate("() => window.__kept === true")
    assert offline_page.errors == []


def test_play_steps_through_the_dates_then_stops(
    offline_page: OfflinePage, dashboard: Server
) -> None:
    page = offline_page.page
    frame = open_dashboard(offline_page, dashboard.url)
    assert slider_value(page) == "26 Nov 2025"  # the last stop: play starts from the first
    view = own_view(page)
    page.locator("[data-testid=stSidebar]").get_by_text("Play: step through the dates").click()
    thumb = page.locator("[data-testid=stSidebar] [data-testid=stSliderThumbValue]").first
    expect(thumb).to_have_text("21 Aug 2025", timeout=TIMEOUT_MS)
    expect(frame.locator('[data-place-id="ain_al_asad"][data-status="departing"]')).to_have_count(
        1, timeout=TIMEOUT_MS
    )
    expect(thumb).to_have_text("26 Nov 2025", timeout=TIMEOUT_MS)
    expect(page.get_by_role("switch", name="Play: step through the dates")).not_to_be_checked(
        timeout=TIMEOUT_MS
    )  # at the end it stops by itself
    expect(frame.locator('[data-place-id="ain_al_asad"][data-status="withdrawn"]')).to_have_count(
        1, timeout=TIMEOUT_MS
    )
    assert map_view(page) == view
    assert offline_page.errors == []


def test_dashboard_html_export_is_the_map_as_switched(
    offline_page: OfflinePage, dashboard: Server, tmp_path: Path
) -> None:
    page = offline_page.page
    open_dashboard(offline_page, dashboard.url)
    switch(page, "governorates", on=False)
    wait_reported(page, [lid for lid in LAYERS if lid != "governorates"])
    zoom, lat, lng = own_view(page)  # the reader's own view goes into the export
    said = page.get_by_text("Layers in the export")  # the line beside the buttons says so
    expect(said).to_contain_text(f"Layers in the export ({len(LAYERS) - 1}):")
    expect(said).not_to_contain_text("Governorates")
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
    opened = page.evaluate(
        "() => { const m = Object.values(window).find(v => v instanceof L.Map);"
        " const c = m.getCenter(); return [m.getZoom(), c.lat, c.lng]; }"
    )
    one_pixel = 360 / (256 * 2**zoom)
    assert opened[0] == zoom
    assert opened[1:] == pytest.approx([lat, lng], abs=2 * one_pixel)  # where the reader was
    assert offline_page.blocked == []
    assert offline_page.errors == []


def test_apply_in_the_page_moves_the_date_and_logs_no_warning(
    offline_page: OfflinePage, dashboard: Server
) -> None:
    page = offline_page.page
    frame = open_dashboard(offline_page, dashboard.url)
    wait_idle(page)
    page.get_by_text("Add an article: paste its text or upload a .txt").click()
    box = page.get_by_label("Article text")
    box.fill(NEW_ARTICLE)
    box.press("Control+Enter")
    apply = page.get_by_role("button", name="Apply to this session's map")
    expect(apply).to_be_enabled(timeout=TIMEOUT_MS)
    wait_idle(page)  # the run that drew the preview is over: the click is not lost to it
    apply.click()
    expect(page.get_by_text("Applied 1 claims to this session's map")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(frame.locator('[data-place-id="harir"]')).to_have_count(1, timeout=TIMEOUT_MS)
    assert slider_value(page) == "01 Dec 2025"  # the reader was on the latest: still is
    wait_idle(page)
    log = dashboard.log.read_text(encoding="utf-8", errors="replace")
    assert "Session State API" not in log, log
    assert "Traceback" not in log, log


def test_a_first_start_from_a_fresh_checkout_is_quiet(tmp_path: Path) -> None:
    """A user's `streamlit run app.py`: a display, no saved e-mail, no static/ written yet."""
    checkout = tmp_path / "checkout"
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    for name in filter(None, tracked):
        if (REPO / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, checkout / name)
    assert not (checkout / "static" / "leaflet.js").exists()
    home = tmp_path / "home"  # no ~/.streamlit/credentials.toml: a first run
    home.mkdir()
    log = tmp_path / "streamlit.log"
    user = {"HOME": str(home), "DISPLAY": ":99", "BROWSER": "true"}  # `true`: opens nothing
    with running_app(checkout / "app.py", log=log, headless=False, env=user):
        pass  # it answered its health check: no prompt held it up
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "You can now view your Streamlit app" in text, text
    assert "no static folder found" not in text, text
    assert "Email" not in text, text


def test_the_changes_come_on_the_map_as_rings_and_can_be_switched(
    offline_page: OfflinePage, dashboard: Server
) -> None:
    page = offline_page.page
    frame = open_dashboard(offline_page, dashboard.url)
    view = own_view(page)
    sidebar_switch = page.locator("[data-testid=stSidebar]").get_by_text(
        "Show the changes on the map"
    )
    sidebar_switch.click()
    rings = frame.locator(".pm-change")
    expect(rings.first).to_be_attached(timeout=TIMEOUT_MS)
    # Baghdad airport, the Green Zone, JOC HQ, Ain al-Asad, and federal Iraq as a whole.
    expect(frame.locator(".pm-change-emptied")).to_have_count(5)
    wait_idle(page)
    switch_box = (
        frame.locator(".leaflet-control-layers-overlays label")
        .filter(has_text="Changes 21 Aug 2025 → 26 Nov 2025")
        .locator("input")
    )
    switch_box.uncheck()
    expect(rings).to_have_count(0, timeout=TIMEOUT_MS)
    wait_reported(page, list(LAYERS))  # the catalog layers are all still shown
    sidebar_switch.click()  # off...
    expect(switch_box).to_have_count(0, timeout=TIMEOUT_MS)
    wait_idle(page)
    sidebar_switch.click()  # ...and on again: asked for, so shown
    expect(rings.first).to_be_attached(timeout=TIMEOUT_MS)
    assert map_view(page) == view
    assert offline_page.errors == []
