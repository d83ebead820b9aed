"""The shipped record walked through time in the dashboard, against a table written by hand.

This is the one test that reads `data/articles/` on purpose: it checks the map tells the
drawdown as the reporting does. The table below was written from the articles themselves (each
row names the reports it rests on), not from the program's output; a cell left out is one where
the reporting itself is split (noted beside the row). Coarse on purpose: *there* (present,
residual, departing), *gone* (withdrawn) or *none* (no frame drawn), and a head count where the
reporting gives one for that place at that time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from geo.articles import ARTICLES_DIR, ARTICLES_ENV, load_articles
from geo.claims import Claim
from geo.extract import extract_articles
from layers.panel import slider_stops, stop_at_or_before
from layers.render import layer_frames
from tests.browser.conftest import OfflinePage
from tests.browser.streamlit_server import running_app
from tests.conftest import REPO

pytestmark = pytest.mark.browser

TIMEOUT_MS = 60_000
THERE = frozenset({"present", "residual", "departing"})
GONE = frozenset({"withdrawn"})

# (date, place id) -> (there | gone | none, head count text or None), from the reporting.
TABLE: dict[tuple[str, str], tuple[str, str | None]] = {
    # Late September 2024: the agreement's coverage puts the coalition at Ain al-Asad, Baghdad's
    # airport and the Green Zone, leaving by September 2025 (Shafaq, AP, Defense News); Harir
    # and Erbil's airport host coalition forces (Rudaw, January 2024).
    ("2024-10-01", "ain_al_asad"): ("there", None),
    ("2024-10-01", "baghdad_airport"): ("there", None),
    ("2024-10-01", "green_zone"): ("there", None),
    ("2024-10-01", "harir"): ("there", None),
    # 1 August 2025: nothing has left yet; the departures begin in late August.
    ("2025-08-01", "ain_al_asad"): ("there", None),
    ("2025-08-01", "baghdad_airport"): ("there", None),
    ("2025-08-01", "erbil_airport"): ("there", None),
    # 1 December 2025: Baghdad's sites emptied by early September (Kurdistan24, Shafaq, Rudaw);
    # four to five personnel left in Baghdad (Rudaw, 26 Nov). Ain al-Asad is left out: the
    # advisers kept there (The National, October) against "completed in federal areas" (Rudaw).
    ("2025-12-01", "baghdad_airport"): ("gone", None),
    ("2025-12-01", "green_zone"): ("gone", None),
    ("2025-12-01", "baghdad"): ("there", "4–5"),
    ("2025-12-01", "erbil_airport"): ("there", None),
    ("2025-12-01", "kurdistan_region"): ("there", "1,500"),  # seven countries (Rudaw, 26 Nov)
    # 1 February 2026: Ain al-Asad handed over in January (Reuters, Tasnim, Long War Journal);
    # the federal bases all evacuated (Security Media Cell via Shafaq, 18 Jan).
    ("2026-02-01", "ain_al_asad"): ("gone", None),
    ("2026-02-01", "baghdad_airport"): ("gone", None),
    ("2026-02-01", "green_zone"): ("gone", None),
    ("2026-02-01", "joc_hq"): ("gone", None),
    ("2026-02-01", "erbil_airport"): ("there", None),
    ("2026-02-01", "kurdistan_region"): ("there", "1,500"),  # the last count (Rudaw, 31 Dec)
}
DATES = sorted({day for day, _ in TABLE})
COALITION_LAYERS = ["coalition_positions", "kurdistan_region"]


@pytest.fixture(scope="module")
def record_url() -> Iterator[str]:
    """The dashboard over the shipped record (data/articles), not the tests' own folder."""
    with running_app(REPO / "app.py", env={ARTICLES_ENV: str(ARTICLES_DIR)}) as url:
        yield url


@pytest.fixture(scope="module")
def record() -> tuple[tuple[Claim, ...], list[dt.date]]:
    """The shipped record's claims, read once, and the slider's stops as the app makes them."""
    articles, _ = load_articles(ARTICLES_DIR)
    claims = tuple(extract_articles(articles))
    return claims, slider_stops(claims, max(a.published for a in articles))


SITES_JS = """() => {
    const out = [];
    window.map.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        const coalition = p && ("_approx" in p || p.id === "kurdistan_region");
        if (coalition) { out.push([p.id, p.status, p.label || ""]); }
    });
    return out;
}"""
SAME_PLACES_JS = f"""wanted => JSON.stringify(({SITES_JS})().map(r => r[0]).sort())
    === JSON.stringify(wanted)"""


def _drawn_at(page: Page, stop: dt.date, claims: tuple[Claim, ...]) -> dict[str, tuple[str, str]]:
    """Coalition sites (frames, areas) and the Kurdistan Region as drawn: id -> (status, label).

    Read once the map has drawn the stop's layers, i.e. the places `layer_frames` has: only
    which places are drawn is taken from the program, to know the map has caught up; their
    statuses and numbers are checked against the hand-written table.
    """
    frames = layer_frames(COALITION_LAYERS, as_of=stop, claims=claims)
    wanted = sorted(pid for frame in frames.values() for pid in frame["id"])
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function(SAME_PLACES_JS, arg=wanted, timeout=TIMEOUT_MS)
    rows: list[list[str]] = frame.evaluate(SITES_JS)
    return {place: (status, label) for place, status, label in rows}


def _move_slider(page: Page, stops: list[dt.date], stop: dt.date) -> None:
    """Set the slider (a range input) to the stop's index, then step with the arrow keys to it."""
    thumb = page.get_by_role("slider", name="Dates with evidence")
    # Setting the input moves the thumb; a key press then commits the value, as a reader's would.
    at = stops.index(stop)
    thumb.fill(str(at - 1 if at else at + 1))
    thumb.press("ArrowRight" if at else "ArrowLeft")
    for _ in range(len(stops)):  # should the app's stops differ from ours: step to it
        _idle(page)
        shown = dt.datetime.strptime(thumb.get_attribute("aria-valuetext") or "", "%d %b %Y")
        if shown.date() == stop:
            break
        thumb.press("ArrowRight" if shown.date() < stop else "ArrowLeft")
    expect(page.locator("[data-testid=stMain]")).to_contain_text(
        f"As of {stop:%d %b %Y}", timeout=TIMEOUT_MS
    )
    _idle(page)


def _idle(page: Page) -> None:
    expect(page.locator("[data-testid=stApp]")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=TIMEOUT_MS
    )


def test_the_record_walked_from_2024_to_2026_matches_the_table(
    offline_page: OfflinePage, record_url: str, record: tuple[tuple[Claim, ...], list[dt.date]]
) -> None:
    page = offline_page.page
    page.goto(record_url)
    frame = page.frame_locator('iframe[data-testid="stCustomComponentV1"]')
    expect(frame.locator(".pm-site-frame").first).to_be_attached(timeout=TIMEOUT_MS)
    claims, stops = record
    wrong = []
    for day in DATES:
        stop = stop_at_or_before(stops, dt.date.fromisoformat(day))
        _move_slider(page, stops, stop)
        drawn = _drawn_at(page, stop, claims)
        for (when, place), (want, count) in TABLE.items():
            if when != day:
                continue
            status, label = drawn.get(place, ("none", ""))
            got = "there" if status in THERE else "gone" if status in GONE else "none"
            if got != want or (count is not None and count not in label):
                wrong.append(
                    f"{day} {place}: want {want} {count or ''}, map shows {status} {label!r}"
                )
    assert wrong == []
    assert offline_page.blocked == []
