"""Precision rules from the second real-corpus round: what names a place without a claim there.

Each probe is an invented sentence in the wording of real reporting: a city that only locates a
mountain range, a capital or country that stands for its government, a country that only scopes
a mission or a list of sites, a move inside an indirect question.
"""

from __future__ import annotations

import pytest

from geo.articles import parse_article
from geo.claims import ClaimKind
from geo.extract import extract

PRESENCE = ClaimKind.COALITION_PRESENCE
DEPARTURE = ClaimKind.COALITION_DEPARTURE
ARRIVAL = ClaimKind.COALITION_ARRIVAL
ACTIVITY = ClaimKind.ISIS_ACTIVITY


def claims_of(body: str) -> set[tuple[ClaimKind, str]]:
    """The (kind, place) pairs extracted from a pasted article around `body`."""
    text = f"title: T\nsource: Test Wire\npublished: 2025-11-26\n\n{body}\n"
    return {(c.kind, c.place_id) for c in extract(parse_article(text, name="t.txt"))}


@pytest.mark.parametrize(
    "body",
    [
        "Iraqi jets struck an ISIS hideout in the Hamrin mountain range in Kirkuk on Monday.",
        "F-16 jets hit ISIS cells in the Hamrin Mountains within the Kirkuk operational sector.",
        "Troops raided ISIS hideouts in Wadi al-Shay in Kirkuk province's south.",
    ],
)
def test_a_city_after_a_range_or_wadi_only_locates_it(body: str) -> None:
    found = claims_of(body)
    assert (ACTIVITY, "kirkuk") not in found
    assert found & {(ACTIVITY, "hamrin_mountains"), (ACTIVITY, "wadi_al_shay")}


@pytest.mark.parametrize(
    "body",
    [
        "US troops will leave Ain al-Asad next month. The withdrawal is in line with a deal "
        "reached between Baghdad and Washington.",
        "US forces left Ain al-Asad last week, a step as Baghdad takes control of its bases.",
    ],
)
def test_a_capital_beside_a_foreign_capital_or_acting_is_its_government(body: str) -> None:
    found = claims_of(body)
    assert not {p for p in found if p[1] == "baghdad"}
    assert found & {(DEPARTURE, "ain_al_asad")}


def test_a_country_joined_by_a_hyphen_names_relations_not_a_place() -> None:
    body = "The US withdrawal from Ain al-Asad marks a new stage in Iraq-U.S. relations."
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad")}


def test_a_mission_in_iraq_is_its_scope_not_a_place_left() -> None:
    body = (
        "Under the deal the coalition would gradually reduce its combat missions in Iraq by "
        "September 2025, with troops withdrawing from their bases."
    )
    assert (DEPARTURE, "iraq") not in claims_of(body)


def test_a_withdrawal_named_as_a_noun_again_does_not_fall_back_to_the_country() -> None:
    body = (
        "US troops left Ain al-Asad in January. Officials also said the withdrawal is part of "
        "the 2024 agreement between Baghdad and Washington to move the coalition's role to "
        "advising Iraqi forces."
    )
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad")}


def test_sites_in_iraq_listed_by_name_are_the_places_not_the_country() -> None:
    body = (
        "Coalition forces will withdraw from several military sites in Iraq, including Ain "
        "al-Asad and Baghdad airport."
    )
    found = claims_of(body)
    assert (DEPARTURE, "iraq") not in found
    assert {(DEPARTURE, "ain_al_asad"), (DEPARTURE, "baghdad_airport")} <= found


def test_a_move_inside_an_indirect_question_is_not_reported() -> None:
    body = "Officials did not say how many US troops would leave Iraq or from which bases."
    assert claims_of(body) == set()
