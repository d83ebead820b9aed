"""The prefilter's literal starts are read from the patterns, and never hide a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.extract.cues import _CUE_PATTERNS
from geo.extract.lexicon import _ACTORS, _ANY_ACTOR_NAME
from geo.extract.prefilter import may_match, needles

TEXTS = sorted(Path(__file__).parent.joinpath("data").rglob("*.txt"))
PATTERNS = [p for _, _, p in _CUE_PATTERNS] + [p for _, p in _ACTORS] + [_ANY_ACTOR_NAME]


def test_literal_starts_come_from_the_pattern() -> None:
    assert needles(re.compile(r"\b(?:withdr[ae]w|pull(?:s|ed)?\s+out|[Dd]epart)")) == (
        "depart",
        "pull",
        "withdr",
    )
    assert needles(re.compile(r"(?:sleeper\s+)?cells")) == ("cells", "sleeper")
    assert needles(re.compile(r"\d+ troops")) is None  # no literal start: always run
    assert needles(re.compile(r"a|bc")) is None  # a one-letter start filters nothing


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
def test_no_match_in_the_test_articles_is_filtered_out(pattern: re.Pattern[str]) -> None:
    hint = needles(pattern)
    for path in TEXTS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if pattern.search(line):
                assert may_match(hint, line.lower()), (path.name, line[:60])
