"""The exported HTML in real headless Chromium with the network blocked: it draws and behaves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from layers.catalog import LAYERS
from layers.export import export_html
from tests.browser.conftest import OfflinePage
from tests.test_layers_helpers import HOSTILE, hostile_claims, seed_claims

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


def _open(offline: OfflinePage, path: Path) -> None:
    offline.page.goto(path.as_uri())
    offline.page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)


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
