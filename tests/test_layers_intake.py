"""The "Add an article" box: what it says for each input, its preview and its buttons."""

from __future__ import annotations

import re
from pathlib import Path

from geo.articles import read_article
from layers.intake import (
    PREVIEW_COLUMNS,
    apply_label,
    found_text,
    preview_frame,
    read_intake,
    save_label,
)
from tests.conftest import SEED
from tests.test_layers_helpers import HOSTILE, seed_claims
from tests.test_layers_session import NEW_ARTICLE


def shown(markdown: str) -> str:
    """Markdown source as the reader sees it (backslash escapes resolved)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_nothing_given_is_a_quiet_caption() -> None:
    intake = read_intake("", None)
    assert (intake.article, intake.level, shown(intake.message)) == (
        None,
        "caption",
        "Nothing to read yet.",
    )


def test_a_paste_and_an_upload_together_or_a_blank_paste_warn() -> None:
    both = read_intake(NEW_ARTICLE, ("a.txt", NEW_ARTICLE.encode()))
    blank = read_intake("  \n\t", None)
    assert (both.level, blank.level) == ("warning", "warning")
    assert "Both a pasted text and an uploaded file" in shown(both.message)
    assert "The pasted text is empty" in shown(blank.message)
    assert both.article is None
    assert blank.article is None


def test_an_unreadable_upload_is_an_error_naming_the_file_escaped() -> None:
    intake = read_intake("", (f"{HOSTILE}.txt", b"no header here"))
    assert intake.level == "error"
    assert intake.article is None
    assert HOSTILE in shown(intake.message)  # named, as the reader sees it
    assert "<script>" not in intake.message  # but not as markup


def test_an_article_already_in_use_is_information_not_an_error() -> None:
    intake = read_intake(SEED.read_text(encoding="utf-8"), None, in_use=[read_article(SEED)])
    assert (intake.level, intake.article) == ("info", None)
    assert "already on the map" in shown(intake.message)


def test_an_article_with_nothing_to_map_warns() -> None:
    text = NEW_ARTICLE.split("\n\n")[0] + "\n\nThe weather was mild and the markets were busy.\n"
    intake = read_intake(text, None)
    assert (intake.level, intake.article) == ("warning", None)
    assert "No claims" in shown(intake.message)


def test_an_article_with_claims_is_ready_to_preview_from_either_input() -> None:
    pasted = read_intake(NEW_ARTICLE, None)
    uploaded = read_intake("", ("harir.txt", NEW_ARTICLE.encode()))
    assert pasted.article is not None
    assert pasted.article.title == "Coalition advisers reach Harir (test fixture)"
    assert [c.place_id for c in pasted.claims] == [c.place_id for c in uploaded.claims]
    assert pasted.claims
    assert pasted.message == ""


def test_the_preview_shows_each_claim_s_checkable_columns() -> None:
    claims = seed_claims()
    preview = preview_frame(claims)
    assert list(preview.columns) == PREVIEW_COLUMNS
    assert len(preview) == len(claims)
    assert found_text(tuple(claims)) == f"{len(claims)} claims found; check them before applying:"


def test_the_buttons_say_what_was_done_and_where_a_save_goes(tmp_path: Path) -> None:
    assert apply_label(False) == "Apply to this session's map"
    assert apply_label(True) == "Applied to this session's map"
    folder = tmp_path / "a_[b](c)"
    assert shown(save_label(folder)) == f"Save into {folder}/"
    assert "\\[b\\]\\(c\\)" in save_label(folder)
