"""Precision rules from the second real-corpus round: what names a place without a claim there.

Each probe is an invented sentence in the wording of real reporting: a city that only locates a
mountain range, a capital or country that stands for its government, a country that only scopes
a mission or a list of sites, a move inside an indirect question.
"""

from __future__ import annotations

import pytest

from geo.claims import ClaimKind
from tests.test_geo_extract_events import claims_of

PRESENCE = ClaimKind.COALITION_PRESENCE
DEPARTURE = ClaimKind.COALITION_DEPARTURE
ARRIVAL = ClaimKind.COALITION_ARRIVAL
ACTIVITY = ClaimKind.ISIS_ACTIVITY


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


# Round three: errors read off the shipped map (ISIS activity drawn at Erbil, Baghdad, Ain
# al-Asad and the Kurdistan Region), each probed here in invented wording.
ISIS_NEWS = "ISIS remains a threat in Iraq. "


@pytest.mark.parametrize(
    "body",
    [
        "ISIS cells keep up attacks in areas disputed between Erbil and Baghdad, from Kirkuk "
        "to Diyala.",
        "Attacks persist in the territories in dispute between Baghdad and Erbil, officials say.",
    ],
)
def test_two_capitals_in_a_dispute_are_their_governments(body: str) -> None:
    found = claims_of(ISIS_NEWS + body)
    assert not found & {(ACTIVITY, "erbil"), (ACTIVITY, "baghdad")}


def test_a_capital_s_campaign_is_its_government_s() -> None:
    found = claims_of(ISIS_NEWS + "The raid belongs to Baghdad's campaign against ISIS remnants.")
    assert (ACTIVITY, "baghdad") not in found
    found = claims_of(
        ISIS_NEWS + "The strike is part of Baghdad's drive to hunt down ISIS remnants across "
        "the country, above all in the Hamrin Mountains."
    )
    assert (ACTIVITY, "baghdad") not in found
    assert (ACTIVITY, "hamrin_mountains") in found


@pytest.mark.parametrize(
    ("body", "moved"),
    [
        (
            "The allies will concentrate on fighting ISIS remnants in Syria and shift most of "
            "their troops to Iraq's Kurdistan Region.",
            "kurdistan_region",
        ),
        ("Forces left in Erbil will chiefly back operations in neighbouring Syria.", "erbil"),
        (
            "The troops staying in Erbil will be focused on backing operations in nearby Syria.",
            "erbil",
        ),
    ],
)
def test_fighting_located_abroad_is_no_activity_at_an_iraqi_place(body: str, moved: str) -> None:
    found = claims_of(ISIS_NEWS + body)
    assert (ACTIVITY, moved) not in found
    assert (ACTIVITY, "iraq") not in found


def test_an_attack_on_us_troops_with_no_author_named_is_not_isis_activity() -> None:
    found = claims_of(
        ISIS_NEWS + "The deal was delayed after an attack on US troops at Ain al-Asad air base."
    )
    assert (ACTIVITY, "ain_al_asad") not in found
    named = claims_of("An ISIS attack on US troops at Ain al-Asad air base killed a contractor.")
    assert (ACTIVITY, "ain_al_asad") in named  # said to be ISIS: it is
