"""ISIS activity and threat over time: zones roll up the places inside them; reports go quiet."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest

from geo.activity import (
    ACTIVITY_HOLDS_DAYS,
    REPORT_RADIUS_M,
    THREAT_HOLDS_DAYS,
    active_isis_places,
    holds_until,
    isis_posture,
    quiet_dates,
    report_area,
    zones_containing,
)
from geo.articles import Article
from geo.claims import Claim, ClaimKind, DateSpan
from geo.gazetteer import default_gazetteer
from geo.layers_io import METRIC_CRS, WGS84
from geo.posture import Role, Status
from tests.test_layers_helpers import claim

A, T = ClaimKind.ISIS_ACTIVITY, ClaimKind.ISIS_THREAT
SEPT = dt.date(2025, 9, 6)


def report(place_id: str, sentence: str, published: dt.date, kind: ClaimKind = A) -> Claim:
    """A claim from an invented one-sentence article (its quote is its body)."""
    article = Article(
        id=f"{published}_{place_id}",
        title=f"Report on {place_id}",
        source="Invented Wire",
        published=published,
        body=sentence,
        url="https://example.org/report",
    )
    return claim(article, kind, place_id, sentence)


def wadi_raid(published: dt.date = SEPT) -> Claim:
    return report("wadi_al_shay", "Iraqi forces raided ISIS hideouts in Wadi al-Shay.", published)


def test_a_wadis_activity_makes_its_zone_active_via_the_wadi() -> None:
    found = isis_posture([wadi_raid()], as_of=SEPT)
    zone, wadi = found["kirkuk_valleys"], found["wadi_al_shay"]
    assert zone.status is Status.ACTIVE
    assert wadi.status is Status.ACTIVE
    assert [(e.via, e.role) for e in zone.evidence] == [("wadi_al_shay", Role.CURRENT)]
    assert "at Wadi al-Shay, inside Valleys of Kirkuk" in zone.reason
    assert wadi.evidence[0].via is None


def test_a_town_outside_every_zone_rolls_up_into_none() -> None:
    places = default_gazetteer().places
    assert zones_containing("tuz_khurmatu", places=places) == ()
    assert zones_containing("wadi_hauran", places=places) == ("anbar_desert",)
    raid = report("tuz_khurmatu", "Airstrikes hit ISIS hideouts near Tuz Khurmatu.", SEPT)
    assert set(active_isis_places([raid], as_of=SEPT)) == {"tuz_khurmatu"}


def test_threats_do_not_roll_up_into_zones() -> None:
    threat = report("wadi_zghaytun", "ISIS cells threaten Wadi Zghaytun.", SEPT, kind=T)
    assert set(active_isis_places([threat], as_of=SEPT, kind=T)) == {"wadi_zghaytun"}
    assert active_isis_places([threat], as_of=SEPT) == {}


def test_1990_draws_nothing() -> None:
    claims = [wadi_raid(), report("kirkuk_governorate", "ISIS threatens Kirkuk.", SEPT, kind=T)]
    old = dt.date(1990, 1, 1)
    for kind in (A, T):
        assert active_isis_places(claims, as_of=old, kind=kind) == {}
        for found in isis_posture(claims, as_of=old, kind=kind).values():
            assert found.status is Status.NO_REPORTING
            assert not found.quiet
            assert {e.role for e in found.evidence} == {Role.LATER}
            assert found.reason.startswith("no reporting at this date; first report dated")


def test_a_report_older_than_the_window_is_quiet() -> None:
    ends = holds_until(SEPT)
    assert ends == SEPT + dt.timedelta(days=ACTIVITY_HOLDS_DAYS)
    last_day = isis_posture([wadi_raid()], as_of=ends - dt.timedelta(days=1))["kirkuk_valleys"]
    assert last_day.drawn
    assert last_day.reason.endswith(f"quiet from {ends:%d %b %Y} unless reported again")
    quiet = isis_posture([wadi_raid()], as_of=ends)["kirkuk_valleys"]
    assert not quiet.drawn
    assert quiet.status is Status.NO_REPORTING
    assert quiet.quiet_since == ends
    assert quiet.last_reported == SEPT
    assert quiet.reason.startswith(f"quiet since {ends:%d %b %Y}")
    assert [e.role for e in quiet.evidence] == [Role.HISTORY]
    assert active_isis_places([wadi_raid()], as_of=ends) == {}


def test_a_newer_report_revives_a_quiet_place() -> None:
    later = SEPT + dt.timedelta(days=ACTIVITY_HOLDS_DAYS + 30)
    claims = [wadi_raid(), wadi_raid(later)]
    assert active_isis_places(claims, as_of=later - dt.timedelta(days=1)) == {}
    revived = isis_posture(claims, as_of=later)["kirkuk_valleys"]
    assert revived.status is Status.ACTIVE
    assert revived.last_reported == later
    assert revived.quiet_since is None
    assert [e.role for e in revived.evidence] == [Role.CURRENT, Role.HISTORY]


def test_reports_within_the_window_all_stay_current() -> None:
    claims = [wadi_raid(), wadi_raid(SEPT + dt.timedelta(days=40))]
    found = isis_posture(claims, as_of=SEPT + dt.timedelta(days=40))["wadi_al_shay"]
    assert [e.role for e in found.evidence] == [Role.CURRENT, Role.CURRENT]


def test_a_report_for_a_later_date_is_evidence_not_status() -> None:
    found = isis_posture([wadi_raid()], as_of=SEPT - dt.timedelta(days=1))["wadi_al_shay"]
    assert not found.drawn
    assert [e.role for e in found.evidence] == [Role.LATER]


def test_quiet_dates_are_the_days_a_place_goes_dark() -> None:
    year = dt.timedelta(days=ACTIVITY_HOLDS_DAYS)
    again, revived = SEPT + dt.timedelta(days=40), SEPT + year + dt.timedelta(days=100)
    threat = report("diyala_governorate", "Sleeper cells threaten Diyala.", SEPT, kind=T)
    claims = [wadi_raid(), wadi_raid(again), wadi_raid(revived), threat]
    days = quiet_dates(claims)
    # The raid 40 days on keeps the wadi lit past the first raid's year; the threat has its own.
    assert days == [SEPT + dt.timedelta(days=THREAT_HOLDS_DAYS), again + year, revived + year]
    for day in days:  # on each, the map changes: something drawn the day before is not
        kind = T if day == SEPT + dt.timedelta(days=THREAT_HOLDS_DAYS) else A
        before = active_isis_places(claims, as_of=day - dt.timedelta(days=1), kind=kind)
        assert set(before) - set(active_isis_places(claims, as_of=day, kind=kind))


def test_a_report_of_a_span_holds_from_its_last_day_not_its_first() -> None:
    sentence = "The Hamrin Mountains have been among the group's strongholds since 2017."
    since = claim(
        Article(
            id="stronghold",
            title="Strongholds",
            source="Invented Wire",
            published=SEPT,
            body=sentence,
            url="https://example.org/s",
        ),
        A,
        "hamrin_mountains",
        sentence,
        date=DateSpan(dt.date(2017, 1, 1), SEPT, "since 2017"),
    )
    quiet_day = SEPT + dt.timedelta(days=ACTIVITY_HOLDS_DAYS)
    assert quiet_dates([since]) == [quiet_day]  # a year after the article, not after 2017
    held = isis_posture([since], as_of=SEPT + dt.timedelta(days=30))["hamrin_mountains"]
    assert held.status is Status.ACTIVE
    assert [e.role for e in held.evidence] == [Role.CURRENT]
    assert not isis_posture([since], as_of=quiet_day)["hamrin_mountains"].drawn
    assert not isis_posture([since], as_of=dt.date(2016, 12, 31))["hamrin_mountains"].drawn


def test_threats_go_quiet_after_their_own_window() -> None:
    threat = report("diyala_governorate", "Sleeper cells threaten Diyala.", SEPT, kind=T)
    ends = SEPT + dt.timedelta(days=THREAT_HOLDS_DAYS)
    held = isis_posture([threat], as_of=ends - dt.timedelta(days=1), kind=T)
    assert held["diyala_governorate"].status is Status.THREATENED
    assert not isis_posture([threat], as_of=ends, kind=T)["diyala_governorate"].drawn


def test_latest_reads_the_window_at_the_newest_report() -> None:
    late = SEPT + dt.timedelta(days=ACTIVITY_HOLDS_DAYS + 1)
    claims = [wadi_raid(), report("baiji", "ISIS attacked a checkpoint in Baiji.", late)]
    assert set(active_isis_places(claims)) == {"baiji"}


def test_latest_is_the_newest_article_not_a_plan_for_a_later_date() -> None:
    plan_day = SEPT + dt.timedelta(days=ACTIVITY_HOLDS_DAYS + 100)
    article = Article(
        id="plan",
        title="Plan",
        source="Invented Wire",
        published=SEPT,
        body="Forces will leave Erbil next year.",
    )
    plan = claim(
        article,
        ClaimKind.COALITION_DEPARTURE,
        "erbil",
        article.body,
        status="planned",
        date=DateSpan(plan_day, plan_day, "next year"),
    )
    assert set(active_isis_places([wadi_raid(), plan])) == {"wadi_al_shay", "kirkuk_valleys"}


def test_the_changes_view_can_tell_appeared_from_went_quiet() -> None:
    first, second = SEPT, SEPT + dt.timedelta(days=200)
    claims = [wadi_raid(first), report("baiji", "ISIS attacked Baiji.", second)]
    a, b = dt.date(2026, 1, 1), first + dt.timedelta(days=ACTIVITY_HOLDS_DAYS + 10)
    before, after = active_isis_places(claims, as_of=a), active_isis_places(claims, as_of=b)
    assert set(before) == {"wadi_al_shay", "kirkuk_valleys"}
    assert set(after) - set(before) == {"baiji"}
    went_quiet = set(before) - set(after)
    assert went_quiet == {"wadi_al_shay", "kirkuk_valleys"}
    assert {isis_posture(claims, as_of=b)[p].quiet_since for p in went_quiet} == {
        holds_until(first)
    }


def test_only_isis_kinds_are_read() -> None:
    with pytest.raises(ValueError, match="not an ISIS claim kind"):
        isis_posture([], kind=ClaimKind.COALITION_PRESENCE)


def test_a_report_area_is_a_circle_of_the_stated_radius() -> None:
    point = default_gazetteer().places["tuz_khurmatu"].geometry
    area = gpd.GeoSeries([report_area(point)], crs=WGS84).to_crs(METRIC_CRS).iloc[0]
    centre = gpd.GeoSeries([point], crs=WGS84).to_crs(METRIC_CRS).iloc[0]
    assert area.contains(centre)
    assert area.exterior.distance(centre) == pytest.approx(REPORT_RADIUS_M, rel=0.01)
    assert area.exterior.hausdorff_distance(centre) == pytest.approx(REPORT_RADIUS_M, rel=0.01)
