"""The dashboard against a bare folium map of the same layers: time to open, time to toggle.

Run: python bench/dashboard_bench.py [--repeat N]   (needs /usr/bin/chromium)

In one run, each app is started with `streamlit run` on a free loopback port and opened in
headless Chromium with every outside request blocked:
- open: from starting the process to every layer's features drawn in the map's iframe;
- toggle: from the click on the layer switch (in both apps the map's own layer control: the
  dashboard sends every layer once and Leaflet shows or hides it) to the activity zones
  leaving the map, timed inside the browser; the map's zoom and centre are checked to be what
  they were before. The dashboard then reruns in the background to learn what is shown (for
  its exports); each toggle waits for that report before the next, untimed.
Goals (issue 5, issue 12): open within 2x of the bare map; a toggle within 50 ms and within
25x the bare map's own control, view kept.
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
TOGGLE_GOAL_MS = 50.0
TOGGLE_RATIO_GOAL = 25.0
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
# The time (ms since the epoch) at which the caption shows what the server heard, else false.
REPORTED = """([mark, present]) => {
    const line = document.querySelector('[data-testid=stMain] [data-testid=stCaptionContainer]');
    const heard = line !== null && line.innerText.includes(mark) === present;
    return heard && performance.timeOrigin + performance.now();
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
    page: Page, frame: Frame, switch: Frame | Page, click_js: str, *, present: bool, reported: bool
) -> tuple[float, float]:
    """Milliseconds from the click to the zones gone (present=False) or back, in the browser.

    The click is a DOM click made in the page itself, so the browser driver's round trips
    are not counted.
    """
    frame.evaluate(WATCH, present)
    clicked = switch.evaluate(click_js, LAYERS[ZONES].title)
    done = frame.evaluate("() => window.__done")
    heard = float(clicked)
    if reported:  # the dashboard's caption says what the server heard (for its exports)
        heard = page.wait_for_function(
            REPORTED, arg=[LAYERS[ZONES].title + ": ", present], timeout=TIMEOUT_MS
        ).json_value()
    page.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]",
        state="attached",
        timeout=TIMEOUT_MS,
    )
    return float(done) - float(clicked), float(heard) - float(clicked)


# Returns the time of its click (ms since the epoch).
_LAYER_CONTROL = """(title) => {
    const label = [...document.querySelectorAll('.leaflet-control-layers-overlays label')]
        .find(l => l.textContent.trim() === title);
    const t = performance.timeOrigin + performance.now();
    label.querySelector('input').click();
    return t;
}"""


def _measure(page: Page, script: Path, *, reported: bool, repeat: int) -> dict[str, float]:
    """Open the app (timed from starting its process), then toggle the zones off and on.

    `reported`: the app reports the switch back to the server (the dashboard does).
    """
    start = time.perf_counter()
    with running_app(script, cwd=ROOT) as url:  # the project's .streamlit/config.toml
        page.goto(url)
        frame = _map_frame(page)
        frame.wait_for_function(DRAWN, timeout=TIMEOUT_MS)
        seconds = time.perf_counter() - start
        frame.evaluate("() => window.map.setView([34.6, 43.9], 8, {animate: false})")
        view = frame.evaluate(VIEW)
        pairs = [
            _toggle_ms(page, frame, frame, _LAYER_CONTROL, present=present, reported=reported)
            for _ in range(repeat)
            for present in (False, True)
        ]
        kept = frame.evaluate(VIEW) == view
    return {
        "open_s": seconds,
        "toggle_ms": statistics.median(t for t, _ in pairs),
        "heard_ms": statistics.median(h for _, h in pairs),
        "view_kept": kept,
    }


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
        for name, script, reported in (
            ("bare folium map", ROOT / "bench" / "bare_app.py", False),
            ("dashboard", ROOT / "app.py", True),
        ):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            _offline(page)
            results[name] = _measure(page, script, reported=reported, repeat=args.repeat)
            page.close()
        browser.close()
    bare, dash = results["bare folium map"], results["dashboard"]
    for name, r in results.items():
        print(
            f"{name:16}  open {r['open_s']:.2f} s   toggle {r['toggle_ms']:.1f} ms (median)"
            f"   view kept: {bool(r['view_kept'])}"
        )
    open_ratio = dash["open_s"] / bare["open_s"]
    print(
        f"open ratio   {open_ratio:.2f}x the bare map (goal <= {OPEN_RATIO_GOAL:.0f}x: "
        f"{'ok' if open_ratio <= OPEN_RATIO_GOAL else 'MISSED'})"
    )
    ratio = dash["toggle_ms"] / max(bare["toggle_ms"], 0.1)
    toggle_ok = (
        dash["toggle_ms"] <= TOGGLE_GOAL_MS and ratio <= TOGGLE_RATIO_GOAL and dash["view_kept"]
    )
    print(
        f"toggle       {dash['toggle_ms']:.1f} ms, {ratio:.1f}x the bare map's own control "
        f"({bare['toggle_ms']:.1f} ms) (goal <= {TOGGLE_GOAL_MS:.0f} ms and "
        f"<= {TOGGLE_RATIO_GOAL:.0f}x, view kept: {'ok' if toggle_ok else 'MISSED'})"
    )
    print(
        f"reported     {dash['heard_ms']:.0f} ms from the click to the server knowing "
        "(in the background: exports and the caption follow; no goal)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
