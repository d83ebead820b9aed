"""The posture timeline: present before a departure, departing, withdrawn, residual, arriving."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from geo.claims import ClaimKind, DateSpan, Personnel
from geo.posture import Role, Status, coalition_posture, in_force, place_evidence
from tests.test_layers_helpers import (
    ARTICLE_DAY,
    COUNTRIES,
    LATE_AUGUST,
    august_claim,
    claim,
    seed_article,
    seed_claims,
)

BEFORE = dt.date(2025, 8, 1)
DURING = dt.date(2025, 8, 25)
AFTER = dt.date(2025, 11, 26)
MID_SEPTEMBER = dt.date(2025, 9, 15)
SITES = ("baghdad_airport", "green_zone", "joc_hq", "ain_al_asad")


def test_latest_posture_of_the_seed_article() -> None:
    posture = coalition_posture(seed_claims())
    for site in SITES:
        assert posture[site].status is Status.WITHDRAWN, site
    assert posture["baghdad"].status is Status.RESIDUAL
    assert posture["baghdad"].personnel is not None
    assert (posture["baghdad"].personnel.min, posture["baghdad"].personnel.max) == (4, 5)
    assert posture["kurdistan_region"].status is Status.PRESENT
    assert posture["kurdistan_region"].country_count == 7
    assert posture["kurdistan_region"].countries == COUNTRIES


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (BEFORE, Status.PRESENT),
        (DURING, Status.DEPARTING),
        (dt.date(2025, 10, 1), Status.DEPARTING),
        (AFTER, Status.WITHDRAWN),
        (None, Status.WITHDRAWN),
    ],
)
def test_ain_al_asad_over_time(as_of: dt.date | None, expected: Status) -> None:
    assert coalition_posture(seed_claims(), as_of=as_of)["ain_al_asad"].status is expected


def test_before_late_august_the_coalition_was_in_baghdad_and_ain_al_asad() -> None:
    posture = coalition_posture([*seed_claims(), august_claim()], as_of=BEFORE)
    for site in (*SITES, "baghdad"):
        assert posture[site].status is Status.PRESENT, site
        assert "present before" in posture[site].reason
    assert posture["kurdistan_region"].status is Status.UNKNOWN
    assert posture["erbil"].status is Status.UNKNOWN  # a move in says nothing of before


def test_a_withdrawal_keeps_the_earlier_departure_as_history() -> None:
    asad = coalition_posture(seed_claims())["ain_al_asad"]
    assert asad.basis is not None
    assert asad.basis.place_id == "federal_iraq"
    assert [e.role for e in asad.evidence] == [Role.CURRENT, Role.HISTORY]
    assert asad.evidence[0].via == "federal_iraq"
    assert asad.history[0].status == "planned"
    assert "Federal Iraq" in asad.reason


def test_a_newer_report_about_the_place_beats_its_region() -> None:
    baghdad = coalition_posture([*seed_claims(), august_claim()])["baghdad"]
    assert baghdad.status is Status.RESIDUAL
    assert all(e.via is None for e in baghdad.evidence)
    assert [e.role for e in baghdad.evidence] == [Role.CURRENT, Role.HISTORY]


def test_a_site_without_its_own_departure_is_not_withdrawn_by_its_region() -> None:
    k1 = claim(
        seed_article(),
        ClaimKind.COALITION_PRESENCE,
        "k1",
        "K-1 hosts advisers",
        date=DateSpan(dt.date(2025, 10, 1), dt.date(2025, 10, 1), "October"),
    )
    assert coalition_posture([*seed_claims(), k1])["k1"].status is Status.PRESENT


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (BEFORE, Status.UNKNOWN),
        (DURING, Status.ARRIVING),
        (MID_SEPTEMBER, Status.ARRIVING),
        (AFTER, Status.PRESENT),
        (None, Status.PRESENT),
    ],
)
def test_erbil_over_time(as_of: dt.date | None, expected: Status) -> None:
    assert coalition_posture(seed_claims(), as_of=as_of)["erbil"].status is expected


def test_erbil_arriving_rests_on_the_late_august_claim() -> None:
    erbil = coalition_posture(seed_claims(), as_of=MID_SEPTEMBER)["erbil"]
    assert erbil.basis is not None
    assert erbil.basis.kind is ClaimKind.COALITION_ARRIVAL
    assert erbil.reason.startswith("arrival planned from late August")
    assert [e.role for e in erbil.evidence] == [Role.LATER, Role.CURRENT]
    assert erbil.personnel is None


def test_the_kurdistan_region_report_confirms_erbil_without_its_figures() -> None:
    erbil = coalition_posture(seed_claims(), as_of=AFTER)["erbil"]
    assert erbil.basis is not None
    assert erbil.basis.place_id == "kurdistan_region"
    assert [(e.role, e.via) for e in erbil.evidence] == [
        (Role.CURRENT, "kurdistan_region"),
        (Role.HISTORY, None),
    ]
    assert erbil.history[0].kind is ClaimKind.COALITION_ARRIVAL
    assert "Kurdistan Region" in erbil.reason
    # 1,500 from seven countries are said of the region, not of Erbil.
    assert erbil.personnel is None
    assert erbil.countries == ()
    assert erbil.country_count is None
    region = coalition_posture(seed_claims(), as_of=AFTER)["kurdistan_region"]
    assert region.personnel is not None
    assert region.personnel.min == 1500


def test_a_completed_arrival_is_presence_from_the_end_of_its_span() -> None:
    arrived = claim(
        seed_article(),
        ClaimKind.COALITION_ARRIVAL,
        "harir",
        "Harir",
        status="completed",
        date=LATE_AUGUST,
    )
    assert coalition_posture([arrived], as_of=DURING)["harir"].status is Status.UNKNOWN
    harir = coalition_posture([arrived], as_of=LATE_AUGUST.end)["harir"]
    assert harir.status is Status.PRESENT
    assert harir.reason.startswith("arrived by")


def test_forces_moving_in_where_some_already_are_keep_the_place_held() -> None:
    there = claim(
        seed_article(),
        ClaimKind.COALITION_PRESENCE,
        "harir",
        "Harir hosts 300",
        personnel=Personnel(300, 300, False, "300"),
        date=DateSpan(dt.date(2025, 6, 1), dt.date(2025, 6, 1), "June"),
    )
    more = claim(
        seed_article(),
        ClaimKind.COALITION_ARRIVAL,
        "harir",
        "more to Harir",
        status="planned",
        date=LATE_AUGUST,
    )
    harir = coalition_posture([there, more], as_of=MID_SEPTEMBER)["harir"]
    assert harir.status is Status.PRESENT
    assert harir.basis is there
    assert harir.personnel == there.personnel
    assert set(harir.current) == {there, more}
    assert "arrival planned" in harir.reason
    assert coalition_posture([more], as_of=MID_SEPTEMBER)["harir"].status is Status.ARRIVING


def test_a_region_report_does_not_confirm_a_place_last_reported_left() -> None:
    left = claim(
        seed_article(),
        ClaimKind.COALITION_DEPARTURE,
        "erbil",
        "left Erbil",
        status="completed",
        date=DateSpan(dt.date(2025, 10, 1), dt.date(2025, 10, 1), "October"),
    )
    erbil = coalition_posture([*seed_claims(), left], as_of=AFTER)["erbil"]
    assert erbil.status is Status.WITHDRAWN
    assert all(e.via is None for e in erbil.evidence)


def test_a_same_day_report_about_the_place_beats_the_region() -> None:
    under_way = claim(
        seed_article(),
        ClaimKind.COALITION_ARRIVAL,
        "erbil",
        "moving to Erbil",
        status="under way",
        date=ARTICLE_DAY,
    )
    erbil = coalition_posture([*seed_claims(), under_way], as_of=AFTER)["erbil"]
    assert erbil.status is Status.ARRIVING
    assert all(e.via is None for e in erbil.evidence)


def test_a_region_report_confirms_only_places_inside_it() -> None:
    moving = claim(
        seed_article(),
        ClaimKind.COALITION_ARRIVAL,
        "k1",
        "to K-1",
        status="planned",
        date=LATE_AUGUST,
    )
    k1 = coalition_posture([*seed_claims(), moving], as_of=AFTER)["k1"]
    assert k1.status is Status.ARRIVING  # Kirkuk's K-1 is outside the Kurdistan Region


def test_evidence_is_newest_first_across_articles() -> None:
    newer = dataclasses.replace(
        seed_claims()[-1],
        quote="Sleeper cells struck again",
        source=dataclasses.replace(
            seed_claims()[-1].source, article_id="later", published=dt.date(2025, 12, 5)
        ),
    )
    evidence = place_evidence([*seed_claims(), newer], "salahaddin_governorate")
    assert next(e.claim.quote for e in evidence) == "Sleeper cells struck again"
    assert [e.role for e in evidence] == [Role.CURRENT, Role.HISTORY]
    as_of_nov = place_evidence([*seed_claims(), newer], "salahaddin_governorate", as_of=AFTER)
    assert [e.role for e in as_of_nov] == [Role.LATER, Role.CURRENT]
    assert in_force(as_of_nov)
    assert not in_force(place_evidence(seed_claims(), "salahaddin_governorate", as_of=BEFORE))


def test_posture_is_pure_and_frozen() -> None:
    claims = seed_claims()
    first = coalition_posture(claims, as_of=DURING)
    assert coalition_posture(claims, as_of=DURING) == first
    assert claims == seed_claims()
    with pytest.raises(dataclasses.FrozenInstanceError):
        first["ain_al_asad"].status = Status.PRESENT  # type: ignore[misc]


def test_no_claims_no_posture() -> None:
    assert coalition_posture([]) == {}
