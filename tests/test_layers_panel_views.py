"""The panel's small views: the claims filters' choices, the changes span, dates and warnings."""

from __future__ import annotations

import datetime as dt
import re

from geo.changes import changes_between
from layers.export import claims_frame
from layers.panel import changes_view, claim_options, day_text, place_name, skipped_text
from tests.test_geo_changes import drawdown_claims
from tests.test_layers_helpers import HOSTILE, seed_claims


def test_the_filters_offer_the_values_present_places_in_name_order() -> None:
    claims = seed_claims()
    options = claim_options(claims_frame(claims))
    assert options.kinds == sorted({str(c.kind) for c in claims})
    assert set(options.places) == {c.place_id for c in claims}
    names = [place_name(p) for p in options.places]
    assert names == sorted(names)
    assert options.outlets == ["Rudaw"]


def test_the_changes_span_reads_either_way_round_under_one_title() -> None:
    claims = drawdown_claims()
    august, february = dt.date(2025, 8, 1), dt.date(2026, 2, 1)
    forward, backward = (
        changes_view(claims, august, february),
        changes_view(claims, february, august),
    )
    assert forward.rows == changes_between(claims, august, february)
    assert forward.rows  # the drawdown changed something
    assert (backward.before, backward.after) == (august, february)
    assert backward.rows == forward.rows
    assert forward.title == backward.title == "Changes 01 Aug 2025 → 01 Feb 2026"


def test_dates_read_day_month_year() -> None:
    assert day_text(dt.date(2025, 12, 1)) == "01 Dec 2025"


def test_a_skipped_article_is_named_escaped() -> None:
    text = skipped_text(f"{HOSTILE}.txt: no blank line")
    assert re.sub(r"\\(.)", r"\1", text) == f"Skipped an article: {HOSTILE}.txt: no blank line"
    assert "<script>" not in text
