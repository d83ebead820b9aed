"""Numbers on the exported map in real Chromium: labels readable, none printed over another."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from layers.export import export_html
from tests.browser.conftest import OfflinePage
from tests.test_layers_helpers import seed_claims

DRAWN = (
    "() => typeof L !== 'undefined' && document.querySelectorAll('.pm-site-label').length > 0"
    " && document.querySelector('.pm-legend') !== null"
)
VISIBLE_LABELS = """() => Array.from(document.querySelectorAll('.pm-site-label, .pm-count-label'))
    .filter(l => l.getBoundingClientRect().width > 0
                 && getComputedStyle(l).visibility !== 'hidden')
    .map(l => { const r = l.getBoundingClientRect();
                return {text: l.innerText, left: r.left, right: r.right,
                        top: r.top, bottom: r.bottom}; })"""

# The labels once none overlaps, else false: read in the same check, so a move between the
# check and the read (the first fit to Iraq is animated) cannot pass a state never checked.
LABELS_APART = f"""() => {{ const ls = ({VISIBLE_LABELS})();
    const apart = ls.every((a, i) => ls.slice(i + 1).every(b =>
        !(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)));
    return apart && ls; }}"""


def _overlapping(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    ]


def _open(offline: OfflinePage, path: Path) -> list[dict[str, Any]]:
    """The visible labels once the map has settled with none printed over another.

    Labels are decluttered in the frame after the view settles; a map that never gets there
    fails here, naming the labels still on top of each other.
    """
    page = offline.page
    page.goto(path.as_uri())
    page.wait_for_function(DRAWN, timeout=15_000)
    try:
        labels: list[dict[str, Any]] = page.wait_for_function(
            LABELS_APART, timeout=15_000
        ).json_value()
    except PlaywrightTimeout:
        pytest.fail(
            f"labels printed over each other: {_overlapping(page.evaluate(VISIBLE_LABELS))}"
        )
    return labels


def test_site_labels_with_numbers_do_not_print_over_each_other(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    path = export_html(tmp_path / "late.html", claims=seed_claims())
    labels = _open(offline_page, path)
    texts = [label["text"] for label in labels]
    assert "Baghdad · 4–5" in texts
    assert any("≈1,500 · 7 countries" in t for t in texts)  # the region's label, on the map
    assert offline_page.errors == []


def test_a_label_hidden_at_national_zoom_returns_when_zoomed_in(
    offline_page: OfflinePage, tmp_path: Path
) -> None:
    path = export_html(
        tmp_path / "aug.html",
        layer_ids=["coalition_positions"],
        as_of=dt.date(2025, 8, 25),
        claims=seed_claims(),
    )
    labels = _open(offline_page, path)
    at_national_zoom = {label["text"] for label in labels}
    page = offline_page.page
    map_name = page.evaluate(
        "() => Object.keys(window).find(k => k.startsWith('map_') && window[k].setView)"
    )
    baghdad_sites = ["Baghdad International Airport", "Green Zone"]
    assert len(at_national_zoom & set(baghdad_sites)) < len(baghdad_sites)  # crowded far out
    # The first fit to Iraq is animated and would undo a zoom made during it: zoom in until
    # the view holds, then wait for both labels.
    page.wait_for_function(
        f"""() => {{ const m = window['{map_name}'];
            if (m.getZoom() !== 11) {{ m.setView([33.3, 44.3], 11, {{animate: false}}); }}
            const shown = ({VISIBLE_LABELS})().map(l => l.text);
            return m.getZoom() === 11 && {baghdad_sites!r}.every(t => shown.includes(t)); }}""",
        timeout=15_000,
    )
