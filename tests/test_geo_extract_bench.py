"""The quality bench's real-corpus mode: the split comes from the name, the other half is never
read, and the dev half reports misses article by article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.extract_quality import (
    Quality,
    evaluate_corpus,
    main,
    personnel_found,
    score_article,
    split_of,
)
from geo.articles import parse_article
from geo.extract import extract

DEV = "2025-11-26_test_a"  # sha1(stem)[0] is even
FROZEN = "2025-11-26_test_c"  # odd


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    keys, articles = tmp_path / "keys", tmp_path / "articles"
    keys.mkdir()
    articles.mkdir()
    (articles / f"{DEV}.txt").write_text(
        "title: T\nsource: Test Wire\npublished: 2025-11-26\n\n"
        "Some 2,500 US troops remain in Iraq. Danish soldiers left Baghdad airport.\n",
        encoding="utf-8",
    )
    key = {
        "split": "dev",
        "claims": [
            {
                "kind": "coalition_presence",
                "place_id": "iraq",
                "personnel": {"min": 2500, "max": 2500, "approximate": True},
            },
            {"kind": "coalition_departure", "place_id": "harir"},
        ],
    }
    (keys / f"{DEV}.expected.json").write_text(json.dumps(key), encoding="utf-8")
    # The frozen key is unreadable JSON and its article is missing: opening either would fail.
    (keys / f"{FROZEN}.expected.json").write_text("{not json", encoding="utf-8")
    return keys, articles


def test_the_split_is_fixed_by_the_name() -> None:
    assert (split_of(DEV), split_of(FROZEN)) == ("dev", "frozen")


def test_the_dev_half_never_opens_a_frozen_file(tmp_path: Path) -> None:
    keys, articles = _corpus(tmp_path)
    quality = evaluate_corpus("dev", keys=keys, articles=articles)
    (score,) = quality.articles
    assert (score.expected, score.matched) == (2, 1)
    assert score.missed == ["coalition_departure:harir"]
    assert score.spurious == ["coalition_departure:baghdad_airport"]
    with pytest.raises(json.JSONDecodeError):
        evaluate_corpus("frozen", keys=keys, articles=articles)


def test_a_key_whose_split_disagrees_with_its_name_is_an_error(tmp_path: Path) -> None:
    keys, articles = _corpus(tmp_path)
    path = keys / f"{DEV}.expected.json"
    path.write_text(json.dumps({"split": "frozen", "claims": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="its name says 'dev'"):
        evaluate_corpus("dev", keys=keys, articles=articles)


def test_the_corpus_report_prints_dev_detail_and_personnel_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    keys, articles = _corpus(tmp_path)
    monkeypatch.setattr("bench.extract_quality.CORPUS_KEYS", keys)
    monkeypatch.setattr("bench.extract_quality.CORPUS_ARTICLES", articles)
    assert main(["--corpus"]) == 0
    out = capsys.readouterr().out
    assert f"{DEV}: missed coalition_departure:harir" in out
    assert "personnel figures found 1/1" in out


def test_a_frozen_article_read_while_tuning_is_left_out_of_the_frozen_totals(
    tmp_path: Path,
) -> None:
    keys, articles = _corpus(tmp_path)
    seen = {"split": "frozen", "seen": "read while fixing a rule", "claims": []}
    (keys / f"{FROZEN}.expected.json").write_text(json.dumps(seen), encoding="utf-8")
    assert evaluate_corpus("frozen", keys=keys, articles=articles).articles == []  # never read


def test_a_figure_counts_as_found_whichever_restatement_the_matching_pairs_it_with() -> None:
    body = (
        "title: T\nsource: Test Wire\npublished: 2025-11-26\n\n"
        "US troops remain in Iraq. Some 2,500 US troops remain in Iraq.\n"
    )
    claims = extract(parse_article(body, name="t.txt"))
    presence = {"kind": "coalition_presence", "place_id": "iraq"}
    figure = {**presence, "personnel": {"min": 2500, "max": 2500, "approximate": True}}
    # The first key (no figure, no quote) takes the first claim; the second key then gets the
    # restatement with the figure, or nothing if the extractor found it only once.
    score = score_article("t", [presence, figure, figure], claims)
    assert score.missed  # three keys, two claims: one key goes unmatched ...
    assert score.personnel_found == 2  # ... yet the figure is on the map, for both keys
    assert personnel_found(Quality([score])) == (2, 2)
