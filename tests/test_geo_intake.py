"""A user's new article: what it amounts to before anything touches the map."""

from __future__ import annotations

import pytest

from geo.articles import read_article
from geo.intake import Verdict, review_article
from tests.test_layers_helpers import SEED

HEADER = "title: T\nsource: Test Wire\npublished: 2025-12-01\n\n"


def test_an_article_with_claims_is_ready_to_preview() -> None:
    review = review_article(HEADER + "US troops are stationed at Harir Air Base.", name="a.txt")
    assert review.verdict is Verdict.READY
    assert review.article is not None
    assert [(c.kind, c.place_id) for c in review.claims] == [("coalition_presence", "harir")]


@pytest.mark.parametrize(
    ("raw", "verdict", "words"),
    [
        (b"", Verdict.UNREADABLE, "empty"),
        (b"\xff\xfe\x00", Verdict.UNREADABLE, "UTF-16 text"),
        ((HEADER + "Baghdad.").encode("utf-16"), Verdict.UNREADABLE, "save the article as UTF-8"),
        ((HEADER + "Baghdad.").encode("utf-32"), Verdict.UNREADABLE, "this is UTF-32 text"),
        (b"\xc3\xa9t\xc3\xa9 \xff", Verdict.UNREADABLE, "not UTF-8"),
        ("Troops left Baghdad.", Verdict.UNREADABLE, "the header is missing"),
        ("Troops left Baghdad.\n\nMore.", Verdict.UNREADABLE, "the header is missing"),
        ("title: T\nsource: S\npublished: 2025-01-01\nBody.", Verdict.UNREADABLE, "no blank line"),
        (HEADER + "It rained in Paris.", Verdict.NO_CLAIMS, "no Iraqi place"),
        (HEADER + "Baghdad is a large city.", Verdict.NO_CLAIMS, "no sentence says"),
    ],
)
def test_what_cannot_be_applied_says_why(raw: bytes | str, verdict: Verdict, words: str) -> None:
    review = review_article(raw, name="a.txt")
    assert review.verdict is verdict
    assert words in review.message
    assert review.claims == ()


def test_an_article_already_on_the_map_is_not_added_twice() -> None:
    seed = read_article(SEED)
    review = review_article(SEED.read_bytes(), name="copy.txt", in_use=[seed])
    assert review.verdict is Verdict.IN_USE
