"""Numbers on the map: head counts as labels, moves, national totals, reports that differ.

Also the legend: its swatches and frame sizes come from the layer styles and `frame_width`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import shapely

from geo.boundaries import default_governorates
from geo.claims import Claim, ClaimKind, DateSpan, Personnel, SourceRef
from geo.gazetteer import Place, default_gazetteer
from geo.posture import Status
from layers.catalog import LAYERS
from layers.legend import SIZE_SAMPLES
from layers.render import build_map, layer_frames, layer_groups, legend_html
from layers.spec import Style, frame_width
from tests.test_layers_helpers import seed_claims
from tests.test_layers_render import collections, group_data, parse, with_popups

DAY = dt.date(2026, 1, 3)


def report(outlet: str, place_id: str, **fields: Any) -> Claim:
    """A claim from its own article by `outlet`, dated DAY unless told."""
    day = fields.pop("day", DAY)
    return Claim(
        kind=fields.pop("kind", ClaimKind.COALITION_PRESENCE),
        place_id=place_id,
        place_text=place_id,
        quote=f"{outlet} says so of {place_id}",
        start=0,
        end=10,
        source=SourceRef(f"{outlet}-{place_id}", f"{outlet} story", outlet, None, day),
        date=DateSpan(day, day, "that day"),
        **fields,
    )


def features(layer_id: str, **kwargs: Any) -> dict[str, dict[str, Any]]:
    """The drawn GeoJSON features of one layer, by id."""
    (group,) = layer_groups([layer_id], **kwargs)
    data = with_popups(group_data(group))
    return {f["id"]: f["properties"] for f in data["features"]}


def icon_text(props: dict[str, Any]) -> str:
    return "".join(parse(props["_icon"]).text)


def test_site_frames_carry_their_head_counts() -> None:
    sites = features("coalition_positions", claims=seed_claims())
    assert icon_text(sites["baghdad"]) == "Baghdad · 4–5"
    assert parse(sites["baghdad"]["_icon"]).tags[0][1]["data-label"] == "4–5"
    assert icon_text(sites["ain_al_asad"]) == "Ain al-Asad Air Base"  # no figure reported


def test_an_arrivals_figure_is_drawn_as_moving_in() -> None:
    moving = report(
        "Wire",
        "harir",
        kind=ClaimKind.COALITION_ARRIVAL,
        status="planned",
        personnel=Personnel(300, 300, False, "300 troops"),
    )
    harir = features("coalition_positions", claims=[moving])["harir"]
    assert harir["status"] == "arriving"
    assert harir["label"] == "+300 arriving"
    assert "+300 arriving" in icon_text(harir)
    assert "+300 arriving (“300 troops”, Wire, 2026-01-03)" in "".join(parse(harir["_popup"]).text)
    arrived = dataclasses.replace(moving, status="completed")
    assert features("coalition_positions", claims=[arrived])["harir"]["label"] == "+300 arrived"


def test_the_kurdistan_region_shows_its_count_and_countries_as_a_label() -> None:
    region = features("kurdistan_region", claims=seed_claims())["kurdistan_region"]
    label = "".join(parse(region["_label"]).text)
    assert label == "Kurdistan Region ≈1,500 · 7 countries"
    assert region["_label_class"] == "pm-count-label"
    frame = layer_frames(["kurdistan_region"], claims=seed_claims())["kurdistan_region"]
    lon, lat = frame.loc["kurdistan_region", ["label_lon", "label_lat"]]
    assert frame.loc["kurdistan_region", "geometry"].contains(shapely.Point(lon, lat))
    page = build_map(["kurdistan_region"], claims=seed_claims()).get_root().render()
    drawn = [f for c in collections(page) for f in c["features"] if f["id"] == "kurdistan_region"]
    assert "≈1,500 · 7 countries" in drawn[0]["properties"]["_label"]


def _places_with_iraq() -> dict[str, Place]:
    iraq = Place(
        id="iraq",
        name="Iraq",
        kind="country",
        aliases=("Iraq",),
        geometry=shapely.union_all(list(default_governorates().geometry)),
    )
    return {**default_gazetteer().places, "iraq": iraq}


def test_the_national_total_is_a_label_on_the_map_not_a_site() -> None:
    total = report("AP", "iraq", personnel=Personnel(2500, 2500, True, "some 2,500"))
    places = _places_with_iraq()
    frame = layer_frames(["coalition_positions"], claims=[total], places=places)
    row = frame["coalition_positions"].loc["iraq"]
    assert row["label"] == "≈2,500"
    assert row["precision"] == "national total"
    assert places["iraq"].geometry.contains(row["geometry"])
    iraq = features("coalition_positions", claims=[total], places=places)["iraq"]
    assert iraq["_approx"] is False  # a label, not an area or a frame
    assert "pm-total" in iraq["_icon"]
    assert "<svg" not in iraq["_icon"]
    assert icon_text(iraq) == "Iraq (national total) · ≈2,500"
    # Not a region either: "2,500 remain in Iraq" does not confirm or withdraw any base.
    asad = report("AP", "ain_al_asad", kind=ClaimKind.COALITION_DEPARTURE, status="completed")
    later = dataclasses.replace(total, source=dataclasses.replace(total.source, article_id="b"))
    sites = layer_frames(["coalition_positions"], claims=[asad, later], places=places)
    assert sites["coalition_positions"].loc["ain_al_asad", "status"] == "withdrawn"


def test_two_outlets_with_different_figures_are_both_shown_and_reports_differ() -> None:
    claims = [
        report("AP", "harir", personnel=Personnel(2500, 2500, True, "some 2,500")),
        report("Reuters", "harir", personnel=Personnel(2000, 2000, False, "2,000")),
    ]
    row = layer_frames(["coalition_positions"], claims=claims)["coalition_positions"].loc["harir"]
    assert row["reports_differ"]
    assert row["status"] == "present"
    assert row["personnel_min"] is None  # neither figure picked
    assert {(f["label"], f["outlet"]) for f in row["figures"]} == {
        ("≈2,500", "AP"),
        ("2,000", "Reuters"),
    }
    harir = features("coalition_positions", claims=claims)["harir"]
    assert harir["reports_differ"] is True
    label = icon_text(harir)
    assert "reports differ" in label
    assert "≈2,500" in label
    assert "2,000" in label
    popup = "".join(parse(harir["_popup"]).text)
    assert "reports differ: " in popup
    assert "“some 2,500”, AP, 2026-01-03" in popup
    assert "“2,000”, Reuters, 2026-01-03" in popup


def test_present_against_withdrawn_is_drawn_as_reports_differ() -> None:
    claims = [
        report("AP", "harir"),
        report("Reuters", "harir", kind=ClaimKind.COALITION_DEPARTURE, status="completed"),
    ]
    harir = features("coalition_positions", claims=claims)["harir"]
    assert harir["status"] == Status.DIFFERING == "reports differ"
    style = LAYERS["coalition_positions"].style_for(Status.DIFFERING)
    assert harir["_style"]["color"] == style.color
    assert parse(harir["_icon"]).tags[0][1]["data-status"] == "reports differ"
    popup = "".join(parse(harir["_popup"]).text)
    assert "present per AP" in popup
    assert "withdrawn per Reuters" in popup


def test_frame_size_follows_personnel_as_the_legend_shows() -> None:
    claims = [
        report("A", "harir", personnel=Personnel(5, 5, False, "five")),
        report("B", "erbil", personnel=Personnel(1500, 1500, True, "nearly 1,500")),
        report("C", "k1"),
    ]
    sites = features("coalition_positions", claims=claims)
    assert sites["harir"]["_w"] == frame_width(5)
    assert sites["erbil"]["_w"] == frame_width(1500) > sites["harir"]["_w"]
    assert sites["k1"]["_w"] == frame_width(None) < sites["harir"]["_w"]  # none reported
    legend = parse(legend_html())
    widths = [int(a["width"] or 0) for tag, a in legend.tags if tag == "svg"]
    for n in SIZE_SAMPLES:
        assert frame_width(n) in widths


def test_the_legend_follows_the_layer_styles() -> None:
    sites = LAYERS["coalition_positions"]
    recoloured = {
        s: dataclasses.replace(style, fill_color="#123456", color="#654321")
        for s, style in sites.status_styles
    }
    changed = {
        **LAYERS,
        "coalition_positions": dataclasses.replace(
            sites,
            style=dataclasses.replace(sites.style, fill_color="#123456"),
            status_styles=tuple(recoloured.items()),
        ),
        "isis_activity_zones": dataclasses.replace(
            LAYERS["isis_activity_zones"], style=Style(color="#abcdef", hatch=True)
        ),
    }
    before, after = legend_html(), legend_html(changed)
    assert "#123456" not in before
    circles = [a for tag, a in parse(after).tags if tag == "circle"]
    assert circles
    assert all(c["fill"] == "#123456" and c["stroke"] == "#654321" for c in circles)
    frames = [a for tag, a in parse(after).tags if tag == "rect" and a["fill"] == "#123456"]
    assert len(frames) >= len(sites.status_styles)
    assert 'stroke="#abcdef"' in after
    default_circle = next(a for tag, a in parse(before).tags if tag == "circle")
    present = sites.style_for(Status.PRESENT)
    assert (default_circle["fill"], default_circle["stroke"]) == (present.fill_color, present.color)


def test_an_earlier_head_count_is_labelled_with_its_date() -> None:
    counted = report("AP", "harir", personnel=Personnel(300, 300, False, "300"))
    still = report("Reuters", "harir", day=dt.date(2026, 3, 1))
    row = layer_frames(["coalition_positions"], claims=[counted, still])["coalition_positions"].loc[
        "harir"
    ]
    assert row["label"] == "300 as of 03 Jan 2026"
    assert row["personnel_as_of"] == "2026-01-03"
    assert row["personnel_max"] == 300  # the frame keeps its size


def test_an_approximate_site_carries_its_numbers_on_a_label() -> None:
    joc = report("AP", "joc_hq", personnel=Personnel(40, 40, False, "40 advisers"))
    props = features("coalition_positions", claims=[joc])["joc_hq"]
    assert props["_approx"] is True  # drawn as an area, so no frame to print on
    assert "".join(parse(props["_label"]).text).endswith(" 40")
    assert props["_label_class"] == "pm-count-label"
    assert features("coalition_positions", claims=seed_claims())["joc_hq"].get("_label") is None
