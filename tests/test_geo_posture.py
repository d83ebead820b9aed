"""The posture timeline: nothing before the first report; departing, withdrawn, residual, arriving;
reports that differ kept side by side."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from geo.claims import Claim, ClaimKind, DateSpan, Personnel, SourceRef
from geo.posture import (
    Role,
    Status,
    claim_date,
    coalition_posture,
    effect_dates,
    first_reported,
    in_force,
    place_evidence,
)
from tests.test_layers_helpers import (
    ARTICLE_DAY,
    COUNTRIES,
    LATE_AUGUST,
    PUBLISHED,
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
        (BEFORE, Status.NO_REPORTING),  # nothing is said of Ain al-Asad before late August
        (LATE_AUGUST.start - dt.timedelta(days=1), Status.NO_REPORTING),
        (LATE_AUGUST.start, Status.DEPARTING),  # forces still there to leave: on that date
        (DURING, Status.DEPARTING),
        (dt.date(2025, 10, 1), Status.DEPARTING),
        (AFTER, Status.WITHDRAWN),
        (None, Status.WITHDRAWN),
    ],
)
def test_ain_al_asad_over_time(as_of: dt.date | None, expected: Status) -> None:
    assert coalition_posture(seed_claims(), as_of=as_of)["ain_al_asad"].status is expected


def test_before_late_august_nothing_is_back_dated() -> None:
    posture = coalition_posture([*seed_claims(), august_claim()], as_of=BEFORE)
    for site in (*SITES, "baghdad", "erbil", "kurdistan_region"):
        assert posture[site].status is Status.NO_REPORTING, site
        assert not posture[site].drawn
        assert posture[site].basis is None
        assert "present" not in posture[site].reason
        assert "first report dated" in posture[site].reason
        assert all(e.role is Role.LATER for e in posture[site].evidence)  # kept, not used


def test_in_1990_no_place_has_any_status() -> None:
    claims = [*seed_claims(), august_claim()]
    posture = coalition_posture(claims, as_of=dt.date(1990, 1, 1))
    assert set(posture) == {c.place_id for c in claims if c.kind.startswith("coalition")}
    assert {p.status for p in posture.values()} == {Status.NO_REPORTING}
    assert all(p.personnel is None and not p.figures and not p.moves for p in posture.values())
    for place_id in {c.place_id for c in claims}:
        assert not in_force(place_evidence(claims, place_id, as_of=dt.date(1990, 1, 1)))


@pytest.mark.parametrize("place_id", [*SITES, "baghdad", "erbil", "kurdistan_region"])
def test_a_place_appears_on_the_date_of_its_first_evidence(place_id: str) -> None:
    claims = [*seed_claims(), august_claim()]
    first = first_reported(claims, place_id)
    assert first is not None
    assert first == min(claim_date(c) for c in claims if c.place_id == place_id)
    day_before = coalition_posture(claims, as_of=first - dt.timedelta(days=1))[place_id]
    assert day_before.status is Status.NO_REPORTING
    on_the_day = coalition_posture(claims, as_of=first)[place_id]
    assert on_the_day.drawn
    assert on_the_day.first_reported == first


def test_an_undated_claim_takes_the_publication_day() -> None:
    undated = claim(seed_article(), ClaimKind.COALITION_PRESENCE, "harir", "Harir")
    assert claim_date(undated) == undated.source.published
    assert first_reported([undated], "harir") == undated.source.published
    day_before = undated.source.published - dt.timedelta(days=1)
    assert coalition_posture([undated], as_of=day_before)["harir"].status is Status.NO_REPORTING


@pytest.mark.parametrize(
    ("status", "from_its_date"),
    [("completed", Status.WITHDRAWN), ("planned", Status.DEPARTING), (None, Status.DEPARTING)],
)
def test_a_departure_says_nothing_of_the_days_before_it(
    status: str | None, from_its_date: Status
) -> None:
    day = DateSpan(dt.date(2026, 1, 10), dt.date(2026, 1, 10), "10 January")
    left = claim(
        seed_article(), ClaimKind.COALITION_DEPARTURE, "k1", "K-1", status=status, date=day
    )
    assert coalition_posture([left], as_of=day.start)["k1"].status is from_its_date
    published = left.source.published
    before = coalition_posture([left], as_of=published - dt.timedelta(days=1))["k1"]
    assert before.status is Status.NO_REPORTING  # nothing before the report itself
    between = coalition_posture([left], as_of=day.start - dt.timedelta(days=1))["k1"]
    if status == "completed":
        assert between.status is Status.NO_REPORTING
    else:  # a departure still to come: the forces were there when it was reported
        assert between.status is Status.PRESENT
        assert between.reason.startswith(f"there on {published:%d %b %Y}, when a departure")
        assert first_reported([left], "k1") == published
        assert effect_dates(left) == (published, day.start)  # the slider stops on both days


def test_a_few_remaining_is_residual_from_its_date_not_present_before() -> None:
    baghdad = next(c for c in seed_claims() if c.place_id == "baghdad")
    assert coalition_posture([baghdad], as_of=PUBLISHED)["baghdad"].status is Status.RESIDUAL
    before = coalition_posture([baghdad], as_of=PUBLISHED - dt.timedelta(days=1))["baghdad"]
    assert before.status is Status.NO_REPORTING


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


def _report(
    outlet: str,
    place_id: str,
    *,
    kind: ClaimKind = ClaimKind.COALITION_PRESENCE,
    status: str | None = None,
    personnel: Personnel | None = None,
    day: dt.date = dt.date(2026, 1, 3),
) -> Claim:
    """A claim from its own article by `outlet`, dated `day`."""
    source = SourceRef(f"{outlet}-{place_id}", f"{outlet} report", outlet, None, day)
    return Claim(
        kind=kind,
        place_id=place_id,
        place_text=place_id,
        quote=f"{outlet} on {place_id}",
        start=0,
        end=10,
        source=source,
        status=status,
        personnel=personnel,
        date=DateSpan(day, day, "on the day"),
    )


def test_two_outlets_with_different_head_counts_are_both_kept() -> None:
    ap = _report("AP", "harir", personnel=Personnel(2500, 2500, True, "some 2,500"))
    reuters = _report("Reuters", "harir", personnel=Personnel(2000, 2000, False, "2,000"))
    harir = coalition_posture([ap, reuters], as_of=dt.date(2026, 1, 3))["harir"]
    assert harir.status is Status.PRESENT  # both say forces are there
    assert harir.reports_differ
    assert harir.personnel is None  # no figure picked silently
    assert {(f.personnel.min, f.claim.source.outlet) for f in harir.figures} == {
        (2500, "AP"),
        (2000, "Reuters"),
    }
    assert "reports differ" in harir.reason
    assert "AP" in harir.reason
    assert "Reuters" in harir.reason


def test_present_and_withdrawn_on_the_same_day_is_reports_differ() -> None:
    there = _report("AP", "harir")
    gone = _report("Reuters", "harir", kind=ClaimKind.COALITION_DEPARTURE, status="completed")
    harir = coalition_posture([there, gone], as_of=dt.date(2026, 1, 3))["harir"]
    assert harir.status is Status.DIFFERING
    assert harir.reports_differ
    assert "present per AP" in harir.reason
    assert "withdrawn per Reuters" in harir.reason
    assert set(harir.current) == {there, gone}


def test_agreeing_or_successive_reports_do_not_differ() -> None:
    ap = _report("AP", "harir", personnel=Personnel(2000, 2500, True, "2,000-2,500"))
    reuters = _report("Reuters", "harir", personnel=Personnel(2500, 2500, False, "2,500"))
    agreed = coalition_posture([ap, reuters])["harir"]
    assert not agreed.reports_differ  # the ranges overlap
    assert agreed.personnel is not None
    later = _report(
        "Reuters", "harir", personnel=Personnel(900, 900, False, "900"), day=dt.date(2026, 2, 1)
    )
    newer = coalition_posture([ap, later])["harir"]
    assert not newer.reports_differ  # a later figure is a change, not a disagreement
    assert newer.personnel == later.personnel
    twice = dataclasses.replace(ap, personnel=Personnel(10, 10, False, "ten"), start=50)
    assert not coalition_posture([ap, twice])["harir"].reports_differ  # one article


def test_an_arrivals_figure_is_a_move_not_the_count_at_the_place() -> None:
    moving = _report(
        "AP",
        "harir",
        kind=ClaimKind.COALITION_ARRIVAL,
        status="planned",
        personnel=Personnel(300, 300, False, "300 troops"),
    )
    harir = coalition_posture([moving])["harir"]
    assert harir.status is Status.ARRIVING
    assert harir.personnel is None
    assert [(f.moving, f.personnel.min) for f in harir.moves] == [("+", 300)]


def test_a_head_count_holds_until_a_report_changes_it() -> None:
    counted = _report("AP", "harir", personnel=Personnel(300, 300, False, "300"))
    later = dt.date(2026, 3, 1)
    still = _report("Reuters", "harir", day=later)
    harir = coalition_posture([counted, still])["harir"]
    assert harir.personnel is None  # the newest report gives no figure
    assert harir.earlier_figure is not None
    assert harir.earlier_figure.claim is counted
    left = _report(
        "Reuters", "harir", kind=ClaimKind.COALITION_DEPARTURE, status="completed", day=later
    )
    back = _report("AFP", "harir", day=dt.date(2026, 4, 1))
    assert coalition_posture([counted, left, back])["harir"].earlier_figure is None


def test_a_place_reported_within_a_region_withdrawal_span_keeps_its_own_report() -> None:
    """'Four to five remain in Baghdad' (26 Nov) outlives 'completed in late November'."""
    few = next(c for c in seed_claims() if c.place_id == "baghdad")
    later = dataclasses.replace(seed_article(), id="later", published=dt.date(2025, 12, 31))
    late_november = DateSpan(dt.date(2025, 11, 21), dt.date(2025, 11, 30), "late November")
    region = claim(
        later,
        ClaimKind.COALITION_DEPARTURE,
        "federal_iraq",
        "federal areas",
        status="completed",
        date=late_november,
    )
    left = claim(
        later,
        ClaimKind.COALITION_DEPARTURE,
        "baghdad",
        "Baghdad",
        status="under way",
        date=DateSpan(dt.date(2025, 8, 21), dt.date(2025, 8, 31), "late August"),
    )
    posture = coalition_posture([left, few, region], as_of=dt.date(2025, 12, 1))
    assert posture["baghdad"].status is Status.RESIDUAL
    early = dataclasses.replace(
        few, date=None, source=dataclasses.replace(few.source, published=dt.date(2025, 11, 20))
    )
    posture = coalition_posture([left, early, region], as_of=dt.date(2025, 12, 1))
    assert posture["baghdad"].status is Status.WITHDRAWN  # a report before the span does not


def test_a_report_dated_after_the_region_leads_only_from_its_own_date() -> None:
    later = claim(
        seed_article(),
        ClaimKind.COALITION_PRESENCE,
        "ain_al_asad",
        "US troops are based at Ain al-Asad",
        date=DateSpan(dt.date(2026, 1, 5), dt.date(2026, 1, 5), "5 January"),
    )
    claims = [*seed_claims(), later]
    before = coalition_posture(claims, as_of=dt.date(2025, 12, 1))["ain_al_asad"]
    assert before.status is Status.WITHDRAWN  # the map cannot know in December what January says
    assert before.basis is not None
    assert before.basis.place_id == "federal_iraq"
    after = coalition_posture(claims, as_of=dt.date(2026, 1, 10))["ain_al_asad"]
    assert after.status is Status.PRESENT


def test_a_plan_is_moot_once_newer_reporting_says_the_forces_already_left() -> None:
    october = dataclasses.replace(seed_article(), id="october", published=dt.date(2025, 10, 21))
    january = dataclasses.replace(seed_article(), id="january", published=dt.date(2026, 1, 21))
    plan = claim(
        october,
        ClaimKind.COALITION_DEPARTURE,
        "ain_al_asad",
        "must withdraw from Ain al-Asad by September",
        status="planned",
        date=DateSpan(dt.date(2026, 9, 1), dt.date(2026, 9, 30), "by September"),
    )
    left = claim(
        january, ClaimKind.COALITION_DEPARTURE, "ain_al_asad", "US forces left", status="completed"
    )
    for as_of in (None, dt.date(2026, 10, 1)):
        posture = coalition_posture([plan, left], as_of=as_of)["ain_al_asad"]
        assert posture.status is Status.WITHDRAWN
        assert plan in [e.claim for e in posture.evidence]  # the plan stays as evidence
    # Without the newer report, the plan still takes effect at its date.
    alone = coalition_posture([plan], as_of=dt.date(2026, 10, 1))["ain_al_asad"]
    assert alone.status is Status.DEPARTING
