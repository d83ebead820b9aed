"""Make the README's screenshots of the dashboard, on purpose (a test run never writes docs/).

Run: .venv/bin/python docs/screenshot.py [--articles FOLDER]   (needs /usr/bin/chromium)

Starts `streamlit run app.py` on a free loopback port, opens it in headless Chromium with every
outside request blocked, and writes docs/dashboard.png (the map at the latest date) and
docs/slider.png (the sidebar's time slider and the changes on the map); then exports the map
as one HTML file and writes docs/export.png (that file opened offline, title block and all).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.articles import ARTICLES_ENV, load_articles  # noqa: E402
from geo.extract import extract_articles  # noqa: E402
from layers.export import export_html  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, is_local  # noqa: E402
from tests.browser.streamlit_server import running_app  # noqa: E402

TIMEOUT_MS = 60_000


def _idle(page: Page) -> None:
    expect(page.locator("[data-testid=stApp]")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=TIMEOUT_MS
    )


def _drawn(page: Page) -> None:
    frame = page.frame_locator('iframe[data-testid="stCustomComponentV1"]')
    expect(frame.locator(".pm-layer-governorates").first).to_be_attached(timeout=TIMEOUT_MS)
    expect(frame.locator(".pm-legend")).to_be_visible(timeout=TIMEOUT_MS)
    _idle(page)


def main(argv: list[str] | None = None) -> int:
    """Write both screenshots; 2 when Chromium is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, help="articles folder (default: the shipped)")
    args = parser.parse_args(argv)
    if args.articles:
        os.environ[ARTICLES_ENV] = str(args.articles.resolve())
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2
    with running_app(ROOT / "app.py") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
        page.goto(url)
        _drawn(page)
        page.screenshot(path=str(ROOT / "docs" / "dashboard.png"))
        page.get_by_text("Show the changes on the map").click()
        frame = page.frame_locator('iframe[data-testid="stCustomComponentV1"]')
        expect(frame.locator(".pm-change").first).to_be_attached(timeout=TIMEOUT_MS)
        _idle(page)
        page.screenshot(path=str(ROOT / "docs" / "slider.png"))
        with tempfile.TemporaryDirectory() as tmp:
            claims = extract_articles(load_articles()[0])
            exported = export_html(Path(tmp) / "posture-map.html", claims=claims)
            page.goto(exported.resolve().as_uri())
            expect(page.locator(".pm-legend")).to_be_visible(timeout=TIMEOUT_MS)
            page.screenshot(path=str(ROOT / "docs" / "export.png"))
        browser.close()
    print("wrote docs/dashboard.png, docs/slider.png and docs/export.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
