"""Rules from the fourth round: fresh sentences written in the wording of real reporting.

Each probe failed before its rule: a unit named by its size ("the Danish battalion"), a cache of
ISIS weapons, cells moving "between the orchards of" a town and a range, a desert named by the
province it stretches from.
"""

from __future__ import annotations

import pytest

from geo.claims import ClaimKind
from tests.test_geo_extract_events import claims_of

DEPARTURE = ClaimKind.COALITION_DEPARTURE
ARRIVAL = ClaimKind.COALITION_ARRIVAL
PRESENCE = ClaimKind.COALITION_PRESENCE
ACTIVITY = ClaimKind.ISIS_ACTIVITY


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The Danish battalion moved to Ain al-Asad from Baghdad.",
            {(ARRIVAL, "ain_al_asad"), (DEPARTURE, "baghdad")},
        ),
        ("A British squadron remains at Erbil air base.", {(PRESENCE, "erbil_airport")}),
    ],
)
def test_a_unit_named_by_its_size_is_the_forces_of_its_country(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) == expected


def test_an_iraqi_brigade_is_not_a_coalition_unit() -> None:
    assert claims_of("An Iraqi army brigade moved to Ain al-Asad from Baghdad.") == set()


def test_a_cache_found_in_an_isis_article_is_where_isis_is() -> None:
    body = "Iraqi forces found an ISIS weapons cache in Qayyarah, south of Mosul."
    assert claims_of(body) == {(ACTIVITY, "qayyarah")}


def test_a_weapons_cache_with_no_isis_in_the_article_says_nothing() -> None:
    assert claims_of("Police found a weapons cache in Qayyarah, south of Mosul.") == set()


def test_between_the_orchards_of_a_town_and_a_range_is_both() -> None:
    body = (
        "Sleeper cells of the group still move between the orchards of Muqdadiyah and the "
        "Hamrin foothills."
    )
    assert claims_of(body) == {(ACTIVITY, "muqdadiyah"), (ACTIVITY, "hamrin_mountains")}


def test_a_desert_stretching_from_anbar_is_the_anbar_desert() -> None:
    body = "The terrorist group exploits the desert stretching from Anbar to the Syrian border."
    assert claims_of(body) == {(ACTIVITY, "anbar_desert")}
