"""The coder-agreement bench: two invented keys of one invented article, scored pair by pair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.key_agreement import compare, report

DEV = "2025-11-26_test_a"  # sha1(stem)[0] is even
FROZEN = "2025-11-26_test_c"  # odd


def _write(path: Path, claims: list[dict[str, object]]) -> None:
    path.write_text(json.dumps({"split": "dev", "claims": claims}), encoding="utf-8")


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    keys, articles = tmp_path / "keys", tmp_path / "articles"
    (keys / "second").mkdir(parents=True)
    articles.mkdir()
    (articles / f"{DEV}.txt").write_text(
        "title: T\nsource: Test Wire\npublished: 2025-11-26\n\n"
        "Some 2,500 US troops remain in Iraq. Danish soldiers left Baghdad airport.\n"
        "ISIS cells hide in the Hamrin mountains.\n",
        encoding="utf-8",
    )
    first = [
        {
            "kind": "coalition_presence",
            "place_id": "iraq",
            "personnel": {"min": 2500, "max": 2500, "approximate": True},
            "quote_contains": "Some 2,500",
        },
        {"kind": "coalition_departure", "place_id": "baghdad_airport"},
        {"kind": "isis_activity", "place_id": "hamrin_mountains"},
    ]
    second = [
        {
            "kind": "coalition_presence",
            "place_id": "iraq",
            "personnel": {"min": 2500, "max": 2500, "approximate": True},
            "quote_contains": "US troops remain in Iraq",  # another phrase of the same sentence
        },
        {"kind": "coalition_departure", "place_id": "baghdad_airport"},
        {"kind": "coalition_departure", "place_id": "baghdad_airport"},  # restated: one pair
        {"kind": "isis_threat", "place_id": "hamrin_mountains"},
    ]
    _write(keys / f"{DEV}.expected.json", first)
    _write(keys / "second" / f"{DEV}.expected.json", second)
    return keys, articles


def test_agreement_counts_pairs_both_ways(tmp_path: Path) -> None:
    keys, articles = _corpus(tmp_path)
    agreement = compare(keys, articles=articles)
    (pairs,) = agreement.articles
    assert pairs.both == {"coalition_presence:iraq", "coalition_departure:baghdad_airport"}
    assert pairs.first_only == {"isis_activity:hamrin_mountains"}
    assert pairs.second_only == {"isis_threat:hamrin_mountains"}
    assert agreement.quality.pair_precision == pytest.approx(2 / 3)
    assert agreement.quality.pair_recall == pytest.approx(2 / 3)
    assert agreement.quality.attribute_agreement == 1.0  # same figure, same sentence
    assert agreement.by_kind() == {
        "coalition_departure": (1, 0, 0),
        "coalition_presence": (1, 0, 0),
        "isis_activity": (0, 1, 0),
        "isis_threat": (0, 0, 1),
    }
    text = report(agreement)
    assert "first only:  isis_activity:hamrin_mountains" in text
    assert "precision 0.667  recall 0.667" in text


def test_a_frozen_article_is_compared_and_marked(tmp_path: Path) -> None:
    # Two hand keys and no extractor: nothing the frozen discipline withholds, but the report
    # says which lines are frozen articles so they are not used to tune the extractor.
    keys, articles = _corpus(tmp_path)
    (articles / f"{FROZEN}.txt").write_text(
        "title: T\nsource: Test Wire\npublished: 2025-11-26\n\nISIS cells hide near Kirkuk.\n",
        encoding="utf-8",
    )
    _write(keys / f"{FROZEN}.expected.json", [{"kind": "isis_activity", "place_id": "kirkuk"}])
    _write(
        keys / "second" / f"{FROZEN}.expected.json",
        [{"kind": "isis_threat", "place_id": "kirkuk"}],
    )
    agreement = compare(keys, articles=articles)
    frozen = next(a for a in agreement.articles if a.name == FROZEN)
    assert frozen.frozen
    assert not frozen.both
    assert frozen.first_only == {"isis_activity:kirkuk"}
    assert f"{FROZEN} (frozen): 0 pairs agreed" in report(agreement)
    assert f"{DEV}: " in report(agreement)
