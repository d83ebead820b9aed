"""The dashboard against a bare folium map of the same layers: time to open, time to toggle.

Run: python bench/dashboard_bench.py [--repeat N]   (needs /usr/bin/chromium)

In one run, each app is started with `streamlit run` on a free loopback port and opened in
headless Chromium with every outside request blocked:
- open: from starting the process to every layer's features drawn in the map's iframe;
- toggle: from the click on the layer switch (the dashboard's sidebar, the bare map's own
  layer control) to the activity zones leaving the map, timed inside the browser; the map's
  zoom and centre are checked to be what they were before.
Goals (issue 5): open within 2x of the bare map; a toggle under 300 ms, view kept.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Frame, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from layers.catalog import LAYERS  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, is_local  # noqa: E402
from tests.browser.streamlit_server import running_app  # noqa: E402

OPEN_RATIO_GOAL = 2.0
TOGGLE_GOAL_MS = 300.0
TIMEOUT_MS = 60_000
ZONES = "isis_activity_zones"
DRAWN = (
    "() => ['governorates', 'disputed_provinces', 'kurdistan_region', "
    "'isis_activity_zones', 'coalition_positions'].every("
    "id => document.querySelectorAll('.pm-layer-' + id).length > 0)"
)
# Sets window.__done: a promise of the time (ms since the epoch, the same clock in every frame)
# at which the zones are gone (present=false) or back.
WATCH = """(present) => {
    window.__done = new Promise(resolve => {
        const done = () => (document.querySelectorAll('.pm-layer-isis_activity_zones').length
                            > 0) === present;
        const observer = new MutationObserver(() => {
            if (done()) {
                observer.disconnect();
                resolve(performance.timeOrigin + performance.now());
            }
        });
        observer.observe(document.body, {childList: true, subtree: true});
    });
}"""
VIEW = "() => { const c = window.map.getCenter(); return [window.map.getZoom(), c.lat, c.lng]; }"


def _map_frame(page: Page) -> Frame:
    page.wait_for_selector(
        'iframe[data-testid="stCustomComponentV1"]', state="attached", timeout=TIMEOUT_MS
    )
    for _ in range(200):
        frames = [f for f in page.frames if "streamlit_folium" in f.url]
        if frames:
            return frames[0]
        page.wait_for_timeout(50)
    raise TimeoutError("the map's iframe never loaded")


def _offline(page: Page) -> None:
    page.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())


def _toggle_ms(
    page: Page, frame: Frame, switch: Frame | Page, click_js: str, *, present: bool
) -> float:
    """Milliseconds from the click to the zones gone (present=False) or back, in the browser.

    The click is a DOM click made in the page itself, so the browser driver's round trips
    are not counted.
    """
    frame.evaluate(WATCH, present)
    clicked = switch.evaluate(click_js, LAYERS[ZONES].title)
    done = frame.evaluate("() => window.__done")
    page.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]",
        state="attached",
        timeout=TIMEOUT_MS,
    )
    return float(done) - float(clicked)


# Each returns the time of its click (ms since the epoch).
_SIDEBAR_SWITCH = """(title) => {
    const input = [...document.querySelectorAll('[data-testid=stSidebar] input[role=switch]')]
        .find(i => i.getAttribute('aria-label') === title);
    const t = performance.timeOrigin + performance.now();
    input.click();
    return t;
}"""
_LAYER_CONTROL = """(title) => {
    const label = [...document.querySelectorAll('.leaflet-control-layers-overlays label')]
        .find(l => l.textContent.trim() === title);
    const t = performance.timeOrigin + performance.now();
    label.querySelector('input').click();
    return t;
}"""


def _measure(page: Page, script: Path, *, in_map: bool, repeat: int) -> dict[str, float]:
    """Open the app (timed from starting its process), then toggle the zones off and on.

    `in_map`: the layer switch is the map's own layer control, not the page's sidebar.
    """
    start = time.perf_counter()
    with running_app(script, cwd=ROOT) as url:  # the project's .streamlit/config.toml
        page.goto(url)
        frame = _map_frame(page)
        frame.wait_for_function(DRAWN, timeout=TIMEOUT_MS)
        seconds = time.perf_counter() - start
        frame.evaluate("() => window.map.setView([34.6, 43.9], 8, {animate: false})")
        view = frame.evaluate(VIEW)
        switch, click_js = (frame, _LAYER_CONTROL) if in_map else (page, _SIDEBAR_SWITCH)
        times = [
            _toggle_ms(page, frame, switch, click_js, present=present)
            for _ in range(repeat)
            for present in (False, True)
        ]
        kept = frame.evaluate(VIEW) == view
    return {"open_s": seconds, "toggle_ms": statistics.median(times), "view_kept": kept}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="toggles off and on per app")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        results: dict[str, dict[str, float]] = {}
        for name, script, in_map in (
            ("bare folium map", ROOT / "bench" / "bare_app.py", True),
            ("dashboard", ROOT / "app.py", False),
        ):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            _offline(page)
            results[name] = _measure(page, script, in_map=in_map, repeat=args.repeat)
            page.close()
        browser.close()
    bare, dash = results["bare folium map"], results["dashboard"]
    for name, r in results.items():
        print(
            f"{name:16}  open {r['open_s']:.2f} s   toggle {r['toggle_ms']:.0f} ms (median)"
            f"   view kept: {bool(r['view_kept'])}"
        )
    open_ratio = dash["open_s"] / bare["open_s"]
    print(
        f"open ratio   {open_ratio:.2f}x the bare map (goal <= {OPEN_RATIO_GOAL:.0f}x: "
        f"{'ok' if open_ratio <= OPEN_RATIO_GOAL else 'MISSED'})"
    )
    toggle_ok = dash["toggle_ms"] < TOGGLE_GOAL_MS and dash["view_kept"]
    print(
        f"toggle       {dash['toggle_ms']:.0f} ms, {dash['toggle_ms'] / bare['toggle_ms']:.1f}x "
        f"the bare map's own control (goal < {TOGGLE_GOAL_MS:.0f} ms with the view kept: "
        f"{'ok' if toggle_ok else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
