"""Rules from the third real-corpus round: wording the dev half showed and the rules missed.

Each probe is an invented sentence in the wording of real reporting: a place inside another, an
agency that reports, a date that belongs to a noun, a list after "including", a threat made
through attacks, a country named by its adjective, a facility that stands for its forces.
"""

from __future__ import annotations

import pytest

from geo.claims import ClaimKind
from geo.extract import extract
from tests.test_geo_extract_events import article, claims_of

PRESENCE = ClaimKind.COALITION_PRESENCE
DEPARTURE = ClaimKind.COALITION_DEPARTURE
ACTIVITY = ClaimKind.ISIS_ACTIVITY
THREAT = ClaimKind.ISIS_THREAT


def test_a_place_named_after_inside_only_locates_and_the_base_is_the_one_inside() -> None:
    body = (
        "A drone struck Victoria Base inside Baghdad International Airport on Sunday. Air "
        "defences at the base, which hosts a US logistics support center, downed a second drone."
    )
    assert claims_of(body) == {(PRESENCE, "camp_victory")}


@pytest.mark.parametrize(
    "body",
    [
        "US troops are stationed at Harir air base, Iraqi Kurdistan's counter-terrorism service "
        "said.",
        "A drone hit Harir air base, where US forces are stationed, the Kurdistan "
        "counter-terrorism service said.",
    ],
)
def test_the_agency_that_reports_is_not_a_place(body: str) -> None:
    assert claims_of(body) == {(PRESENCE, "harir")}


def test_a_date_that_dates_a_noun_does_not_date_the_statement() -> None:
    body = "The US has about 2,500 troops in Iraq as part of the coalition formed in 2014."
    (claim,) = extract(article(body))
    assert (claim.kind, claim.place_id) == (PRESENCE, "iraq")
    assert claim.date is None
    assert claim.personnel is not None
    assert claim.personnel.min == 2500


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (
            "ISIS cells remain active in several provinces, including Kirkuk, Diyala and "
            "Salahaddin.",
            ACTIVITY,
        ),
        (
            "ISIS remains a threat through sporadic attacks, bombings and kidnappings in several "
            "provinces, particularly in the areas disputed between Baghdad and Erbil, spanning "
            "Diyala, Salahaddin and Kirkuk.",
            THREAT,
        ),
    ],
)
def test_a_list_after_including_or_spanning_says_where(body: str, kind: ClaimKind) -> None:
    assert claims_of(body) == {
        (kind, "kirkuk_governorate"),
        (kind, "diyala_governorate"),
        (kind, "salahaddin_governorate"),
    }


def test_a_threat_made_through_attacks_is_a_threat_not_activity() -> None:
    body = "ISIS remains a threat through sporadic attacks in Kirkuk."
    assert claims_of(body) == {(THREAT, "kirkuk")}


def test_bases_listed_after_including_are_each_left() -> None:
    body = "US forces withdrew from several bases, including Ain al-Asad and Baghdad airport."
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad"), (DEPARTURE, "baghdad_airport")}


def test_iraqi_territory_is_the_country() -> None:
    body = "Coalition troops will leave Iraqi territory in two phases, the first by September 2025."
    assert (DEPARTURE, "iraq") in claims_of(body)
