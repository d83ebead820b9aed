"""The dashboard's panel beside the map: evidence for a place, choices, the claims table."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from geo.activity import ISIS_KINDS, holds_until
from geo.changes import Change, What
from geo.posture import claim_date
from layers.catalog import LAYERS
from layers.changes import changes_csv, changes_frame, changes_group, changes_title
from layers.export import claims_frame, table_csv
from layers.page import MapView
from layers.panel import (
    Input,
    choose_input,
    clicked_place,
    evidence_html,
    export_text,
    filter_claims,
    folder_label,
    next_stop,
    place_choices,
    place_name,
    slider_stops,
    stop_at_or_before,
)
from layers.popups import md
from layers.render import base_map, layer_frames, layer_groups
from layers.switches import LAYER_URL, READY, layer_control, shown_layers
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


# --- the slider, the intake's choice of input, the in-map switches, the changes layer -------


def test_slider_stops_are_the_evidence_dates_and_the_latest_article() -> None:
    claims = seed_claims()
    latest = dt.date(2025, 11, 26)
    stops = slider_stops(claims, latest)
    assert stops == sorted({claim_date(c) for c in claims} | {latest})
    # A year after an ISIS report its place goes quiet: a stop, once the record reaches it.
    later = dt.date(2026, 12, 1)
    quiet = {holds_until(claim_date(c), c.kind) for c in claims if c.kind in ISIS_KINDS}
    assert set(slider_stops(claims, later)) == {claim_date(c) for c in claims} | quiet | {later}
    assert stop_at_or_before(stops, dt.date(2025, 9, 30)) == max(
        s for s in stops if s <= dt.date(2025, 9, 30)
    )
    assert stop_at_or_before(stops, dt.date(1990, 1, 1)) == stops[0]  # before all: the first
    assert stop_at_or_before(stops, None) == stops[0]
    assert next_stop(stops, stops[0]) == stops[1]
    assert next_stop(stops, stops[-1]) is None


def test_a_pasted_text_is_never_silently_dropped_for_an_upload() -> None:
    both = choose_input("title: T\n", ("a.txt", b"title: U\n"))
    assert both.raw is None
    assert "Both a pasted text and an uploaded file" in both.message
    assert choose_input("   \n\t ", None).raw is None
    assert "only spaces or blank lines" in choose_input("   \n\t ", None).message
    assert choose_input("", None) == Input(None, "pasted article")  # nothing given: no alarm
    assert choose_input("", ("a.txt", b"x")) == Input(b"x", "a.txt")
    assert choose_input("  \n", ("a.txt", b"x")) == Input(b"x", "a.txt")  # blank box: the file
    assert choose_input("text", None) == Input("text", "pasted article")


def test_folder_label_is_relative_inside_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data" / "articles").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert folder_label(tmp_path / "data" / "articles") == "data/articles/"
    assert folder_label(Path("/elsewhere/news")) == "/elsewhere/news/"


def test_shown_layers_follow_the_page_report_once_it_is_complete() -> None:
    def report(*names: str) -> dict[str, object]:
        return {"selected_layers": [{"name": n, "url": LAYER_URL} for n in names]}

    everything = [s.id for s in LAYERS.values() if s.show]
    assert shown_layers(None) == everything  # before the page says anything
    assert shown_layers(report("governorates")) == everything  # not complete yet: no READY
    assert shown_layers(report(READY, "coalition_positions", "governorates")) == [
        "governorates",
        "coalition_positions",
    ]
    assert shown_layers(report(READY)) == []  # the reader switched everything off
    other = {"selected_layers": [{"name": "governorates", "url": "https://wms.example"}, None]}
    assert shown_layers(other, default=["kurdistan_region"]) == ["kurdistan_region"]
    assert shown_layers(report(READY, "changes", "nonsense")) == []  # only catalog layers


def test_the_layer_control_reports_each_group_by_its_layer_id() -> None:
    ids = ["governorates", "coalition_positions"]
    groups = layer_groups(ids, claims=seed_claims())
    m = base_map()
    for g in groups:
        g.add_to(m)
    layer_control(groups, ids).add_to(m)
    page = m.get_root().render()
    mapping = re.search(r"var ids = (\{.*?\});", page)
    assert mapping is not None
    assert json.loads(mapping.group(1)) == {
        LAYERS["governorates"].title: "governorates",
        LAYERS["coalition_positions"].title: "coalition_positions",
    }
    assert f'"{READY}"' in page
    assert "overlayadd" in page


def test_changes_layer_rings_each_changed_place_and_escapes_for_the_template() -> None:
    rows = [
        Change(
            "ain_al_asad",
            "Ain al-Asad Air Base",
            "coalition_positions",
            What.EMPTIED,
            "present",
            "withdrawn",
            "≈2,000",
            "",
        ),
        Change(
            "harir",
            "Harir `${x}` <b>",
            "coalition_positions",
            What.GAINED,
            "unknown",
            "present",
            "",
            "300",
        ),
        Change("nowhere", "Nowhere", "coalition_positions", What.GAINED, "unknown", "present"),
    ]
    group = changes_group(rows, title=changes_title(dt.date(2025, 8, 1), dt.date(2026, 2, 1)))
    m = base_map()
    group.add_to(m)
    page = m.get_root().render()
    assert page.count("pm-change pm-change-emptied") == 1
    assert page.count("pm-change pm-change-gained") == 1  # the unknown place is skipped
    assert group.layer_name == "Changes 01 Aug 2025 → 01 Feb 2026"
    assert "`${x}`" not in page
    assert "<b>" not in page.split("Harir", 1)[1][:40]
    table = changes_frame(rows)
    assert list(table["what"]) == ["emptied", "gained", "gained"]
    assert "=cmd" not in changes_csv(
        [Change("x", "=cmd|' /C calc'!A0", "coalition_positions", What.GAINED, "a", "b")]
    ).replace("'=cmd", "")


def test_the_export_line_says_which_layers_and_where_the_map_opens() -> None:
    line = export_text(["governorates", "coalition_positions"], MapView((34.6, 43.9), 8))
    assert line == (
        "Layers in the export (2): Governorates, Coalition positions. "
        "The map opens at your view: zoom 8 around 34.60° N, 43.90° E."
    )
    assert export_text([], None) == (
        "Layers in the export (0): none. The map opens fitted to Iraq."
    )
    bounds = MapView(bounds=((29.0, 38.8), (37.4, 48.6)))
    assert export_text(["governorates"], bounds).endswith("opens at the area you had on screen.")


def test_a_governorate_is_named_apart_from_its_city_in_lists() -> None:
    assert place_name("erbil") == "Erbil"
    assert place_name("erbil_governorate") == "Erbil governorate"
    assert place_name("unknown_place") == "unknown_place"
