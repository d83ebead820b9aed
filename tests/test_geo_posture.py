"""The posture timeline: present before a departure, departing, withdrawn, residual."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from geo.claims import ClaimKind, DateSpan
from geo.posture import Role, Status, coalition_posture, in_force, place_evidence
from tests.test_layers_helpers import (
    COUNTRIES,
    august_claim,
    claim,
    seed_article,
    seed_claims,
)

BEFORE = dt.date(2025, 8, 1)
DURING = dt.date(2025, 8, 25)
AFTER = dt.date(2025, 11, 26)
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
    [(BEFORE, Status.PRESENT), (DURING, Status.DEPARTING), (dt.date(2025, 10, 1),
                                                           Status.DEPARTING),
     (AFTER, Status.WITHDRAWN), (None, Status.WITHDRAWN)],
)
def test_ain_al_asad_over_time(as_of: dt.date | None, expected: Status) -> None:
    assert coalition_posture(seed_claims(), as_of=as_of)["ain_al_asad"].status is expected


def test_before_late_august_the_coalition_was_in_baghdad_and_ain_al_asad() -> None:
    posture = coalition_posture([*seed_claims(), august_claim()], as_of=BEFORE)
    for site in (*SITES, "baghdad"):
        assert posture[site].status is Status.PRESENT, site
        assert "present before" in posture[site].reason
    assert posture["kurdistan_region"].status is Status.UNKNOWN


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
    k1 = claim(seed_article(), ClaimKind.COALITION_PRESENCE, "k1", "K-1 hosts advisers",
               date=DateSpan(dt.date(2025, 10, 1), dt.date(2025, 10, 1), "October"))
    assert coalition_posture([*seed_claims(), k1])["k1"].status is Status.PRESENT


def test_evidence_is_newest_first_across_articles() -> None:
    newer = dataclasses.replace(
        seed_claims()[-1], quote="Sleeper cells struck again",
        source=dataclasses.replace(seed_claims()[-1].source, article_id="later",
                                   published=dt.date(2025, 12, 5)))
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
