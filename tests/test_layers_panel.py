"""The dashboard's panel beside the map: evidence for a place, choices, the claims table."""

from __future__ import annotations

import csv
import io

from layers.export import claims_frame, table_csv
from layers.panel import clicked_place, evidence_html, filter_claims, place_choices
from layers.popups import md
from layers.render import layer_frames
from tests.test_layers_helpers import HOSTILE, hostile_claims, seed_claims


def test_a_click_on_a_site_or_inside_a_polygon_finds_its_place() -> None:
    frames = layer_frames(["coalition_positions", "kurdistan_region"], claims=seed_claims())
    assert clicked_place(frames, {"lat": 33.78556, "lng": 42.44111}) == "ain_al_asad"
    assert clicked_place(frames, {"lat": 36.6, "lng": 44.8}) == "kurdistan_region"
    assert clicked_place(frames, {"lat": 31.0, "lng": 46.0}) is None  # Dhi Qar: nothing drawn
    assert clicked_place(frames, None) is None


def test_choices_put_the_clicked_place_first_then_every_claimed_place() -> None:
    claims = seed_claims()
    choices = place_choices(claims, first=["erbil_governorate"])
    assert choices[0] == "erbil_governorate"
    assert set(choices[1:]) == {c.place_id for c in claims}


def test_evidence_uses_the_topmost_drawn_feature_else_the_claims_alone() -> None:
    claims = seed_claims()
    frames = layer_frames(["governorates", "disputed_provinces"], claims=claims)
    kirkuk = evidence_html("kirkuk_governorate", frames, claims)
    assert "threatened" in kirkuk  # the disputed-provinces row, not the plain governorate
    assert "sleeper cells continue to threaten" in kirkuk
    asad = evidence_html("ain_al_asad", frames, claims)  # its layer is not shown
    assert "Ain al-Assad airbase" in asad
    assert "<style>" in asad


def test_evidence_escapes_hostile_text() -> None:
    claims = hostile_claims()
    frames = layer_frames(["coalition_positions"], claims=claims)
    panel = evidence_html("ain_al_asad", frames, claims)
    assert "<script>window.__pwned" not in panel
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in panel
    assert HOSTILE not in panel


def test_filter_keeps_rows_matching_every_choice() -> None:
    table = claims_frame(seed_claims())
    threats = filter_claims(table, kinds=["isis_threat"])
    assert set(threats["kind"]) == {"isis_threat"}
    assert len(threats) == 4
    one = filter_claims(table, kinds=["isis_threat"], places=["diyala_governorate"])
    assert list(one["place_id"]) == ["diyala_governorate"]
    assert len(filter_claims(table)) == len(table)
    assert filter_claims(table, outlets=["Nobody"]).empty


def test_table_csv_defuses_formulas() -> None:
    table = claims_frame(seed_claims())
    table.loc[table.index[0], "quote"] = '=HYPERLINK("http://evil")'
    rows = list(csv.DictReader(io.StringIO(table_csv(table))))
    assert rows[0]["quote"].startswith("'=")
    assert len(rows) == len(table)


def test_md_escapes_what_markdown_would_act_on() -> None:
    assert md("![x](http://e/) :red[a] $x$ **b**") == (
        "\\!\\[x\\]\\(http\\:\\/\\/e\\/\\) \\:red\\[a\\] \\$x\\$ \\*\\*b\\*\\*"
    )
    assert md("Tom said hello") == "Tom said hello"
