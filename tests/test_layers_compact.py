"""The page's layer data: compact JSON that cannot end its <script>, each claim's <li> once."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from layers.compact import CLAIM_HTML, script_json
from layers.export import html_text
from layers.popups import feature_attributes, popup_html
from layers.render import frame_records, layer_frames, layer_groups
from tests.test_layers_helpers import HOSTILE, hostile_claims, seed_claims
from tests.test_layers_render import collections, group_data, parse, with_popups


@pytest.mark.parametrize(
    "value",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script> -->",
        "</SCRIPT >",
        "line\u2028and\u2029para",
        {"a": ["“quoted” · ≈1,500", 1.5, None, True]},
    ],
)
def test_script_json_is_json_that_cannot_leave_its_script_element(value: object) -> None:
    text = script_json(value)
    assert json.loads(text) == value
    assert "</" not in text
    assert "<!" not in text
    assert "\u2028" not in text
    assert "\u2029" not in text
    assert ", " not in text.replace("1,500", "")  # no spaces between members


def test_script_json_refuses_nan() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        script_json({"x": float("nan")})


@pytest.mark.parametrize("claims", [seed_claims(), hostile_claims()], ids=["seed", "hostile"])
def test_each_popup_put_together_is_exactly_popup_html(claims: list) -> None:
    frames = layer_frames(None, claims=claims)
    groups = layer_groups(None, claims=claims)
    checked = 0
    for (layer_id, frame), group in zip(frames.items(), groups, strict=True):
        data = with_popups(group_data(group))
        drawn = {f["id"]: f["properties"]["_popup"] for f in data["features"]}
        for row in frame_records(frame):
            expected = popup_html(
                str(row["name"]), feature_attributes(row), row["evidence"], note=row["note"] or None
            )
            assert drawn[row["id"]] == expected, (layer_id, row["id"])
            checked += 1
    assert checked > 20


def test_a_claim_shown_at_several_places_is_written_once_per_layer() -> None:
    claims = seed_claims()
    shared = 0
    for group in layer_groups(None, claims=claims):
        data = group_data(group)
        table = data[CLAIM_HTML]
        assert len(set(table)) == len(table)
        uses = Counter(i for f in data["features"] for i in f["properties"].get("_claims", []))
        assert set(uses) == set(range(len(table)))  # every written claim is shown somewhere
        shared += sum(1 for n in uses.values() if n > 1)
    assert shared > 0  # e.g. a Kurdistan Region claim, at the region and at Erbil


def test_the_page_carries_popup_html_unescaped_and_links_open_apart() -> None:
    page = html_text(claims=hostile_claims())
    data = re.findall(r"(?:_add|\}\))\((\{.*?\})\);\n", page)
    assert any(CLAIM_HTML in text for text in data)
    assert not [text for text in data if "\\u003c" in text]  # no six-byte escape for each <
    assert "<li class=pm-" in page
    popups = [f["properties"].get("_popup", "") for c in collections(page) for f in c["features"]]
    links = [a for p in popups for tag, a in parse(p).tags if tag == "a"]
    assert links
    assert all(a["target"] == "_blank" and a["rel"] == "noopener noreferrer" for a in links)
    assert any(HOSTILE in "".join(parse(p).text) for p in popups)
    assert "<script>window.__pwned" not in page
