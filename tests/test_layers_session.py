"""The dashboard's session bookkeeping, on a plain dict standing in for Streamlit's state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from geo.articles import ARTICLES_ENV, parse_article
from layers import session
from layers.render import layer_frames
from tests.test_layers_helpers import HOSTILE, hostile_article, seed_article, seed_claims

NEW_ARTICLE = """title: Coalition advisers reach Harir (test fixture)
source: Test Wire
published: 2025-12-01

ERBIL - Some 200 US troops have been stationed at Harir Air Base since Monday, a coalition
spokesman said.
"""
STOPS = [dt.date(2025, 8, 1), dt.date(2025, 9, 1), dt.date(2025, 11, 26)]
ASAD = {"lat": 33.78556, "lng": 42.44111}  # Ain al-Asad's point, as in test_layers_panel


def test_articles_applied_this_session_join_the_folder_s_and_move_the_latest_date() -> None:
    state: dict[str, Any] = {}
    shipped, claims = [seed_article()], seed_claims()
    assert session.with_added(state, shipped, claims) == (
        shipped,
        tuple(claims),
        shipped[0].published,
    )
    new = hostile_article()
    session.apply_article(state, new, (claims[0],))
    articles, pooled, latest = session.with_added(state, shipped, claims)
    assert articles == [*shipped, new]
    assert pooled == (*claims, claims[0])
    assert latest == new.published


def test_with_no_article_at_all_the_latest_date_is_today() -> None:
    assert session.with_added({}, [], []) == ([], (), dt.date.today())


def test_the_sidebar_marks_only_the_articles_added_this_session() -> None:
    state: dict[str, Any] = {}
    shipped, new = seed_article(), hostile_article()
    session.apply_article(state, new, ())
    lines = session.article_lines(state, [shipped, new])
    assert lines[0] == f"26 Nov 2025 · {shipped.source}: {shipped.title}"
    assert lines[1].endswith(" (added this session)")
    assert session.is_added(state, new.id)
    assert not session.is_added(state, shipped.id)


def test_apply_replaces_an_old_error_with_a_count_that_says_nothing_was_saved() -> None:
    state: dict[str, Any] = {"flash_error": "Not saved: earlier", "as_of": dt.date(2025, 12, 1)}
    session.apply_article(state, hostile_article(), tuple(seed_claims()[:3]))
    done, error = session.flash_messages(state)
    assert error is None
    assert done is not None
    assert done.replace("\\", "").startswith("Applied 3 claims to this session's map (not saved).")
    assert done.replace("\\", "").endswith("The map is at 01 Dec 2025.")


def test_messages_are_escaped_for_markdown_and_absent_when_there_are_none() -> None:
    state: dict[str, Any] = {"as_of": dt.date(2025, 12, 1)}
    assert session.flash_messages(state) == (None, None)
    state["flash_error"] = f"Not saved: {HOSTILE}"
    _, error = session.flash_messages(state)
    assert error is not None
    assert "<" not in error.replace("\\<", "")  # every markup character backslashed
    session.clear_flash(state)
    assert session.flash_messages(state) == (None, None)


def test_save_writes_the_file_and_takes_the_article_out_of_this_session_s_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ARTICLES_ENV, str(tmp_path))
    article = parse_article(NEW_ARTICLE)
    state: dict[str, Any] = {"paste": NEW_ARTICLE}
    session.apply_article(state, article, ())
    assert session.save_to_folder(state, article)
    saved = list(tmp_path.glob("*.txt"))
    assert len(saved) == 1
    assert state["flash"] == f"Saved as {tmp_path}/{saved[0].name}."
    assert state["paste"] == ""
    assert not session.is_added(state, article.id)


def test_a_failed_save_keeps_the_article_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ARTICLES_ENV, str(tmp_path / "missing"))
    article = parse_article(NEW_ARTICLE)
    state: dict[str, Any] = {"paste": NEW_ARTICLE}
    session.apply_article(state, article, ())
    assert not session.save_to_folder(state, article)
    assert state["flash_error"].startswith("Not saved: ")
    assert "does not exist" in state["flash_error"]
    assert "flash" not in state
    assert state["paste"] == NEW_ARTICLE
    assert session.is_added(state, article.id)


def test_who_watched_the_latest_date_follows_new_news_others_stay() -> None:
    state: dict[str, Any] = {}
    session.follow_latest(state, STOPS[:2], STOPS[1])
    assert state["as_of"] == STOPS[1]  # a first run opens at the latest
    session.follow_latest(state, STOPS, STOPS[2])
    assert state["as_of"] == STOPS[2]  # it was on the latest: it follows
    state["as_of"] = STOPS[0]
    session.follow_latest(state, [*STOPS, dt.date(2025, 12, 1)], dt.date(2025, 12, 1))
    assert state["as_of"] == STOPS[0]  # it was looking back: it stays


def test_a_date_the_slider_does_not_hold_moves_to_the_stop_before_it() -> None:
    state: dict[str, Any] = {"as_of": dt.date(2025, 10, 15), "latest_seen": STOPS[2]}
    session.follow_latest(state, STOPS, STOPS[2])
    assert state["as_of"] == STOPS[1]


def test_play_from_the_last_stop_starts_again_from_the_first() -> None:
    state: dict[str, Any] = {"play": True, "as_of": STOPS[-1]}
    session.start_play(state, STOPS, now=10.0)
    assert state == {"play": True, "as_of": STOPS[0], "play_at": 10.0}
    state["as_of"] = STOPS[1]
    session.start_play(state, STOPS, now=11.0)
    assert state["as_of"] == STOPS[1]  # mid-way: play goes on from here
    stopped: dict[str, Any] = {"play": False, "as_of": STOPS[-1]}
    session.start_play(stopped, STOPS, now=12.0)
    assert stopped["as_of"] == STOPS[-1]  # switched off: the date stays


def test_a_play_tick_steps_once_per_step_and_stops_after_the_last_date() -> None:
    state: dict[str, Any] = {"play": True, "as_of": STOPS[0], "play_at": 10.0}
    assert not session.play_tick(state, STOPS, now=10.5, step_s=1.5)  # the page's own run
    assert state["as_of"] == STOPS[0]
    assert session.play_tick(state, STOPS, now=11.5, step_s=1.5)
    assert (state["as_of"], state["play_at"]) == (STOPS[1], 11.5)
    assert session.play_tick(state, STOPS, now=13.0, step_s=1.5)
    assert state["as_of"] == STOPS[2]
    assert session.play_tick(state, STOPS, now=14.5, step_s=1.5)
    assert (state["as_of"], state["play"]) == (STOPS[2], False)


def test_a_new_click_opens_a_new_box_at_the_place_the_same_click_does_not() -> None:
    frames = layer_frames(["coalition_positions"], claims=seed_claims())
    state: dict[str, Any] = {}
    assert session.note_click(state, frames, None) == (None, "place_0")
    assert session.note_click(state, frames, ASAD) == ("ain_al_asad", "place_1")
    assert session.note_click(state, frames, dict(ASAD)) == ("ain_al_asad", "place_1")
    state["evidence_of"] = "erbil_governorate"  # the reader chose another place in the box
    assert session.note_click(state, frames, ASAD) == ("erbil_governorate", "place_1")
    nowhere = {"lat": 31.0, "lng": 46.0}  # Dhi Qar: nothing drawn there
    assert session.note_click(state, frames, nowhere) == ("erbil_governorate", "place_1")
