"""The prefilter's literal starts are read from the patterns, and never hide or change a match."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from geo.extract.anaphora import _THE_CAPITAL, _THE_SITE
from geo.extract.counts import _APPOSITIVE_COUNT, _COUNT
from geo.extract.cues import _CUE_PATTERNS
from geo.extract.dates import _DATE, _DATE_ANCHOR
from geo.extract.drafts import _JUDICIAL
from geo.extract.implicit import _IMPLICIT_PRESENCE
from geo.extract.lexicon import _ACTORS, _ANY_ACTOR_NAME
from geo.extract.places import _COMPARED_BEFORE, _DISPUTE_BEFORE, _MEASURED_BEFORE, _NAMED_AFTER
from geo.extract.prefilter import CASE_TRAPS, Prefiltered, Scanners, contained, needles
from geo.extract.sentences import _BREAKERS

ROOT = Path(__file__).parent.parent
TEXTS = sorted(ROOT.joinpath("tests", "data").rglob("*.txt"))
TEXTS += sorted(ROOT.joinpath("data", "articles").glob("*.txt"))
LINES = [line for path in TEXTS for line in path.read_text(encoding="utf-8").splitlines()]
# The traps: text where lower-casing moves or hides a start, digits beyond 0-9.
LINES += [
    "The ISIS cells remaın in Kirkuk.",
    "Iſis cells",
    "İSIS cells attacked",
    "٣ troops",
    "on\xa0Monday, in\u2003March 2025",
]
PATTERNS = [p for _, _, p in _CUE_PATTERNS] + [p for _, p in _ACTORS] + [_ANY_ACTOR_NAME]
WRAPPED = [
    _COUNT,
    _APPOSITIVE_COUNT,
    _MEASURED_BEFORE,
    _COMPARED_BEFORE,
    _NAMED_AFTER,
    _IMPLICIT_PRESENCE,
    _THE_CAPITAL,
    _THE_SITE,
    _DATE_ANCHOR,
    _DATE,
    _BREAKERS,
    _JUDICIAL,
    _DISPUTE_BEFORE,
]


def spans(found: object) -> list[tuple[int, int]]:
    return [m.span() for m in found]  # type: ignore[attr-defined]


def test_literal_starts_come_from_the_pattern() -> None:
    assert needles(re.compile(r"\b(?:withdr[ae]w|pull(?:s|ed)?\s+out|[Dd]epart)")) == (
        "depart",
        "pull",
        "withdr",
    )
    assert needles(re.compile(r"(?:sleeper\s+)?cells")) == ("cells", "sleeper")
    assert needles(re.compile(r"c(?:a|o)me")) == ("came", "come")
    assert needles(re.compile(r"\d+ troops")) == tuple("0123456789")  # digits are rare
    assert needles(re.compile(r"\w+ troops")) is None  # no literal start: always run
    assert needles(re.compile(r"a|bc")) is None  # a one-letter start filters nothing
    assert contained(re.compile(r"\d+\s*kilometres\s+(?:from|of)\s+$")) == ("kilometres",)


def test_the_case_traps_are_every_character_that_hides_from_lower() -> None:
    letter = re.compile(r"[a-z]", re.I)
    found = {
        chr(cp)
        for cp in range(sys.maxunicode + 1)
        if not 0xD800 <= cp <= 0xDFFF
        and letter.fullmatch(chr(cp))
        and not (len(chr(cp).lower()) == 1 and chr(cp).lower().isascii())
    }
    assert found == set(CASE_TRAPS)


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
def test_scanning_finds_what_finditer_finds(pattern: re.Pattern[str]) -> None:
    scanner = Scanners([pattern])
    for line in LINES:
        for start in (0, 3):
            found = scanner.finditer(line, start, len(line))[0]
            assert spans(found) == spans(pattern.finditer(line, start, len(line))), line[:60]


@pytest.mark.parametrize("pattern", WRAPPED, ids=lambda p: p.pattern[:30])
def test_a_prefiltered_pattern_answers_as_the_pattern(pattern: re.Pattern[str]) -> None:
    wrapped = Prefiltered(pattern)
    for line in LINES:
        for a, b in ((0, len(line)), (max(0, len(line) - 60), len(line)), (5, 40)):
            assert spans(wrapped.finditer(line, a, b)) == spans(pattern.finditer(line, a, b))
            found, expected = wrapped.search(line, a, b), pattern.search(line, a, b)
            assert (found and found.span()) == (expected and expected.span()), line[:60]
            found, expected = wrapped.match(line, a, b), pattern.match(line, a, b)
            assert (found and found.span()) == (expected and expected.span()), line[:60]
