"""The ISIS layers: zones active via places inside them, reported places, recency, escaping."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from geo.activity import ACTIVITY_HOLDS_DAYS, REPORT_RADIUS_M
from geo.articles import Article
from geo.claims import Claim, ClaimKind
from layers.catalog import LAYERS
from layers.export import geojson_text
from layers.frames import frame_records, layer_frames
from layers.legend import legend_html
from layers.render import build_map
from tests.test_layers_helpers import HOSTILE, claim
from tests.test_layers_render import collections, parse

A, T = ClaimKind.ISIS_ACTIVITY, ClaimKind.ISIS_THREAT
DAY = dt.date(2025, 9, 6)
ISIS_LAYERS = [
    "isis_activity_governorates",
    "disputed_provinces",
    "isis_activity_zones",
    "isis_activity_reports",
]
WADI = "Iraqi forces raided ISIS hideouts in Wadi al-Shay, south of Kirkuk."
TUZ = "Airstrikes destroyed ISIS hideouts near Tuz Khurmatu on Saturday."
DIYALA = "ISIS cells remain active in Diyala, officials said."
BAGHDAD = "Sleeper cells still threaten Baghdad, a security source warned."


def invented(sentences: list[str], *, published: dt.date = DAY, **header: str) -> Article:
    """A short invented article whose body is the given sentences."""
    return Article(
        id=f"invented-{published}",
        title=header.get("title", "Invented report"),
        source=header.get("source", "Invented Wire"),
        published=published,
        body=" ".join(sentences),
        url=header.get("url", "https://example.org/invented"),
    )


def report_claims(published: dt.date = DAY) -> list[Claim]:
    """A wadi and a town raided, a governorate active, a city outside the four threatened."""
    a = invented([WADI, TUZ, DIYALA, BAGHDAD], published=published)
    return [
        claim(a, A, "wadi_al_shay", WADI, place_text="Wadi al-Shay"),
        claim(a, A, "tuz_khurmatu", TUZ, place_text="Tuz Khurmatu"),
        claim(a, A, "diyala_governorate", DIYALA, place_text="Diyala"),
        claim(a, T, "baghdad", BAGHDAD, place_text="Baghdad"),
        claim(a, T, "diyala_governorate", DIYALA, place_text="Diyala"),
    ]


def features(layer_id: str, claims: list[Claim]) -> list[dict[str, Any]]:
    """The GeoJSON features one layer draws in the rendered page (popups included)."""
    page = build_map([layer_id], as_of=DAY, claims=claims).get_root().render()
    [drawn] = [
        c for c in collections(page) if c["features"] and "_popup" in c["features"][0]["properties"]
    ]
    return list(drawn["features"])


def rows(layer_id: str, claims: list[Claim], as_of: dt.date | None = DAY) -> dict[str, Any]:
    frame = layer_frames([layer_id], as_of=as_of, claims=claims)[layer_id]
    return {r["id"]: r for r in frame_records(frame)}


def test_a_wadis_activity_makes_its_zone_active_and_the_popup_says_where() -> None:
    zones = rows("isis_activity_zones", report_claims())
    assert set(zones) == {"kirkuk_valleys"}
    zone = zones["kirkuk_valleys"]
    assert zone["status"] == "active"
    assert zone["last_reported"] == DAY.isoformat()
    assert "at Wadi al-Shay, inside Valleys of Kirkuk" in zone["reason"]
    [evidence] = zone["evidence"]
    assert evidence["via"] == "wadi_al_shay"
    assert evidence["quote"] == WADI
    [feature] = features("isis_activity_zones", report_claims())
    text = "".join(parse(feature["properties"]["_popup"]).text)
    assert "Reported at Wadi al-Shay, which lies inside this area." in text
    assert WADI in text


def test_a_towns_activity_is_drawn_on_the_reported_places_layer_with_its_quote() -> None:
    places = rows("isis_activity_reports", report_claims())
    assert set(places) == {"wadi_al_shay", "tuz_khurmatu", "baghdad"}
    tuz = places["tuz_khurmatu"]
    assert tuz["status"] == "active"
    assert tuz["precision"] == "approximate"
    assert f"{REPORT_RADIUS_M // 1000} km" in tuz["method"]
    assert tuz["last_reported"] == DAY.isoformat()
    assert [e["quote"] for e in tuz["evidence"]] == [TUZ]
    assert tuz["geometry"].geom_type == "Polygon"
    # The area sits on the town: a circle round its point, not a pin.
    assert tuz["geometry"].contains(tuz["geometry"].centroid)
    drawn = features("isis_activity_reports", report_claims())
    popup = next(f for f in drawn if f["id"] == "tuz_khurmatu")["properties"]["_popup"]
    assert TUZ in "".join(parse(popup).text)


def test_a_threat_outside_the_four_provinces_is_drawn_in_the_threat_style() -> None:
    places = rows("isis_activity_reports", report_claims())
    assert places["baghdad"]["status"] == "threatened"
    spec = LAYERS["isis_activity_reports"]
    assert spec.style_for("threatened") != spec.style_for("active")
    # Diyala: activity and threat both hold; activity is drawn, the threat stays evidence.
    diyala = rows("isis_activity_governorates", report_claims())["diyala_governorate"]
    assert diyala["status"] == "active"
    assert {e["kind"] for e in diyala["evidence"]} == {"isis_activity", "isis_threat"}
    assert set(rows("disputed_provinces", report_claims())) == {"diyala_governorate"}


def test_1990_draws_no_isis_layer() -> None:
    frames = layer_frames(ISIS_LAYERS, as_of=dt.date(1990, 1, 1), claims=report_claims())
    assert {lid: len(f) for lid, f in frames.items()} == dict.fromkeys(ISIS_LAYERS, 0)


def test_a_report_older_than_the_window_is_not_drawn_and_a_newer_one_revives_it() -> None:
    quiet_day = DAY + dt.timedelta(days=ACTIVITY_HOLDS_DAYS)
    frames = layer_frames(ISIS_LAYERS, as_of=quiet_day, claims=report_claims())
    assert {lid: len(f) for lid, f in frames.items()} == dict.fromkeys(ISIS_LAYERS, 0)
    later = quiet_day + dt.timedelta(days=10)
    revived = [*report_claims(), *report_claims(later)]
    assert set(rows("isis_activity_zones", revived, later)) == {"kirkuk_valleys"}
    tuz = rows("isis_activity_reports", revived, later)["tuz_khurmatu"]
    assert tuz["last_reported"] == later.isoformat()
    assert [e["role"] for e in tuz["evidence"]] == ["current", "history"]


def test_reported_place_popups_escape_article_text() -> None:
    a = invented([f"ISIS attacked Baiji. {HOSTILE}"], source=f"Outlet {HOSTILE}")
    hostile = claim(a, A, "baiji", a.body, place_text=HOSTILE)
    [feature] = features("isis_activity_reports", [hostile])
    popup = feature["properties"]["_popup"]
    assert "<script>" not in popup
    assert "<img" not in popup
    assert "&lt;script&gt;" in popup
    assert HOSTILE in "".join(parse(popup).text)  # shown as text, not run as markup


def test_the_legend_has_rows_for_reported_places_and_governorates() -> None:
    legend = parse(legend_html())
    text = "".join(legend.text)
    for words in ("zone", "place", "province", "other place", "hatched: approximate"):
        assert words in text
    assert f"A report holds {ACTIVITY_HOLDS_DAYS} days, then quiet." in text
    hatched = [a for tag, a in legend.tags if tag == "rect" and "url(#" in str(a.get("fill"))]
    assert len(hatched) == 3  # zone, place, province: each approximate, each hatched


def test_the_geojson_export_carries_the_report_area_its_method_and_last_report() -> None:
    collection = json.loads(
        geojson_text(["isis_activity_reports"], as_of=DAY, claims=report_claims())
    )
    tuz = next(f for f in collection["features"] if f["id"] == "isis_activity_reports/tuz_khurmatu")
    assert tuz["geometry"]["type"] == "Polygon"
    props = tuz["properties"]
    assert props["precision"] == "approximate"
    assert props["last_reported"] == DAY.isoformat()
    assert "km buffer" in props["method"]
    assert [e["quote"] for e in props["evidence"]] == [TUZ]


def test_a_governorates_threat_is_drawn_once_on_its_own_layer() -> None:
    a = invented([BAGHDAD, "ISIS threatens Anbar.", "Sleeper cells threaten Kirkuk province."])
    threats = [
        claim(a, T, "anbar_governorate", "ISIS threatens Anbar."),
        claim(a, T, "kirkuk_governorate", "Sleeper cells threaten Kirkuk province."),
    ]
    provinces = rows("isis_activity_governorates", threats)
    assert {k: v["status"] for k, v in provinces.items()} == {"anbar_governorate": "threatened"}
    assert set(rows("disputed_provinces", threats)) == {"kirkuk_governorate"}
