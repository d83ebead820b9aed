"""Issue 10's known dev misses as rules, each on invented sentences.

The command's name as its headquarters, the Victory base under its other name, and a
withdrawal that names no place (it leaves the country the reporting is about).
"""

from __future__ import annotations

from geo.claims import ClaimKind
from geo.gazetteer import default_names
from tests.test_geo_extract_events import claims_of

PRESENCE = ClaimKind.COALITION_PRESENCE
DEPARTURE = ClaimKind.COALITION_DEPARTURE


def test_victoria_base_is_the_victory_base_complex() -> None:
    found = default_names().find("A drone hit Victoria Base near the airport.")
    assert [m.place.id for m in found] == ["camp_victory"]


def test_forces_at_the_joint_operations_command_are_at_its_headquarters() -> None:
    body = "Only a handful of American advisers remain within the Joint Operations Command."
    assert claims_of(body) == {(PRESENCE, "joc_hq")}


def test_the_command_listed_after_a_base_is_its_headquarters() -> None:
    body = (
        "US-led coalition advisers completed their withdrawal from the Harir base and the "
        "Joint Operations Command last week."
    )
    assert (DEPARTURE, "joc_hq") in claims_of(body)


def test_the_command_speaking_is_no_place() -> None:
    body = (
        "ISIS militants hid in the Hamrin Mountains, the Joint Operations Command said, and "
        "Iraq's JOC reported that coalition advisers remain at Harir."
    )
    assert {place for _, place in claims_of(body)} == {"hamrin_mountains", "harir"}


def test_a_withdrawal_naming_no_place_leaves_iraq() -> None:
    body = (
        "Baghdad and Washington agreed on the complete withdrawal of American forces by "
        "September 2026."
    )
    assert claims_of(body) == {(DEPARTURE, "iraq")}


def test_a_withdrawal_from_unnamed_bases_or_from_syria_is_not_from_iraq() -> None:
    assert claims_of("American forces completed their withdrawal from several bases.") == set()
    assert claims_of("American forces began their withdrawal, Syrian officials said.") == set()
    # the places a withdrawal names are its places, not the whole country
    assert claims_of("Coalition forces will withdraw, vacating the Harir base.") == {
        (DEPARTURE, "harir")
    }
