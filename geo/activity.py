"""ISIS claims + a date -> which places are active or threatened, and which have gone quiet.

A report of ISIS activity says ISIS was active at a place on its date, not forever. Rules:

- A report holds for `ACTIVITY_HOLDS_DAYS` from the last day it speaks for (the claim's own
  date, else the day it was published; for a span such as "strongholds since 2017", its end,
  never past the article's day). With no newer report, the place is *quiet* from then on: not
  drawn, and its evidence says "quiet since <date>". A newer report revives it. Nothing holds
  before its first report (1990 draws nothing), and a report dated after the date shown is
  evidence "reported for a later date", never status.
- Zones roll up what lies inside them: activity reported at a place whose geometry lies inside
  an activity zone (a wadi, a town) makes the zone active too, with the evidence marked `via`
  that place ("reported at Wadi al-Shay, inside the valleys of Kirkuk"). Threats do not roll
  up: a zone is where ISIS operates, not where it threatens.
- Threats follow the same window (`THREAT_HOLDS_DAYS`): "sleeper cells threaten Kirkuk" is an
  assessment of the day it was made; one nobody has restated in a year is stale.

Pure: claims and places in, frozen dataclasses out. `active_isis_places` is the question the
changes view asks ("which ISIS places are active at this date?").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo.claims import Claim, ClaimKind
from geo.gazetteer import Place
from geo.layers_io import METRIC_CRS, WGS84
from geo.posture import Evidence, Role, Status, claim_date, when

ACTIVITY_HOLDS_DAYS = 365
"""How long one report of ISIS activity keeps a place drawn as active: a year.

Why a year and not six months: ISIS in Iraq keeps the same rural sanctuaries (Hamrin, the
Kirkuk wadis, the Anbar desert) for years, and its tempo is seasonal (a spring and summer
rise, winter lulls), so a shorter window would read a winter lull as the group leaving. The
periodic public assessments (the UN Monitoring Team's reports on ISIL) come about every six
months: a year lets one cycle pass without a mention before a place goes quiet. Longer than a
year and the map would keep 2024 raids on show in 2026.
"""
THREAT_HOLDS_DAYS = ACTIVITY_HOLDS_DAYS
"""How long a threat report holds: the same cycle of assessments as activity."""
REPORT_RADIUS_M = 10_000
"""A place named in a report is drawn as an area this wide in radius, never a pin.

"Airstrikes on hideouts near Tuz Khurmatu" or "an operation in Wadi al-Shay" name a place,
not a position: the activity is somewhere around it. 10 km is the radius the Kirkuk wadis get
in geo/zones.py (WADI_BUFFER_M), for the same reason.
"""
ISIS_KINDS = frozenset({ClaimKind.ISIS_ACTIVITY, ClaimKind.ISIS_THREAT})
ZONE_KIND = "activity_zone"
_HOLDS = {ClaimKind.ISIS_ACTIVITY: ACTIVITY_HOLDS_DAYS, ClaimKind.ISIS_THREAT: THREAT_HOLDS_DAYS}
_STATUS = {ClaimKind.ISIS_ACTIVITY: Status.ACTIVE, ClaimKind.ISIS_THREAT: Status.THREATENED}


@dataclass(frozen=True, slots=True)
class IsisPlace:
    """What the reporting says of ISIS at one place as of a date, with every report behind it."""

    place_id: str
    kind: ClaimKind  # isis_activity or isis_threat
    status: Status  # ACTIVE / THREATENED while a report holds, else NO_REPORTING
    reason: str
    evidence: tuple[Evidence, ...]  # newest first; `via` names the place inside a zone
    first_reported: dt.date
    last_reported: dt.date | None = None  # newest report at or before the date
    quiet_since: dt.date | None = None  # the day the newest report stopped holding

    @property
    def drawn(self) -> bool:
        """Whether a report holds at the date (the map draws only these)."""
        return self.status is not Status.NO_REPORTING

    @property
    def quiet(self) -> bool:
        """Reported before, but no report holds any more."""
        return self.quiet_since is not None


@dataclass(frozen=True, slots=True)
class _Report:
    date: dt.date  # from when the report says ISIS was there
    claim: Claim
    via: str | None  # the place inside a zone the claim is about

    @property
    def until(self) -> dt.date:
        """The last day the report speaks for: "strongholds since 2017" runs to its article.

        A span reaching past the article's day is cut there: no one saw activity to come.
        """
        end = self.claim.date.end if self.claim.date else self.date
        return max(self.date, min(end, self.claim.source.published))

    def held(self, at: dt.date) -> dt.date:
        """The last day up to `at` the report speaks for."""
        return min(self.until, at)


def holds_until(report: dt.date, kind: ClaimKind = ClaimKind.ISIS_ACTIVITY) -> dt.date:
    """The first day a report no longer holds: the place is quiet from then unless re-reported."""
    return report + dt.timedelta(days=_HOLDS[kind])


def reference_date(claims: Iterable[Claim], as_of: dt.date | None) -> dt.date | None:
    """The date the window is read at: as_of, else the newest article's day (the app's latest).

    Not the newest claim date: a plan announced for September 2026 is no news of that day.
    """
    if as_of is not None:
        return as_of
    return max((c.source.published for c in claims), default=None)


def isis_posture(
    claims: Iterable[Claim],
    *,
    as_of: dt.date | None = None,
    kind: ClaimKind = ClaimKind.ISIS_ACTIVITY,
    places: Mapping[str, Place] | None = None,
) -> dict[str, IsisPlace]:
    """Every place with a report of `kind` (zones: also via places inside), active or quiet."""
    if kind not in ISIS_KINDS:
        raise ValueError(f"{kind} is not an ISIS claim kind; use one of {sorted(ISIS_KINDS)}")
    gazetteer = _places(places)
    pool = tuple(claims)
    at = reference_date(pool, as_of)
    reports = _reports(pool, kind, gazetteer)
    return {pid: _read(pid, kind, found, at, gazetteer) for pid, found in sorted(reports.items())}


def quiet_dates(
    claims: Iterable[Claim], *, places: Mapping[str, Place] | None = None
) -> list[dt.date]:
    """Every day some place goes quiet (its last report stops holding), oldest first.

    These are days the map changes with no article dated on them: the time slider stops there
    too, so stepping through it shows a zone going dark, not only lighting up.
    """
    gazetteer, pool, found = _places(places), tuple(claims), set()
    for kind in ISIS_KINDS:
        for reports in _reports(pool, kind, gazetteer).values():
            held = sorted((r.date, holds_until(r.until, kind)) for r in reports)  # [from, quiet)
            lit_until = held[0][1]
            for start, ends in held[1:]:
                if start > lit_until:  # a gap: the place went dark before this report
                    found.add(lit_until)
                lit_until = max(lit_until, ends)
            found.add(lit_until)
    return sorted(found)


def _reports(
    claims: tuple[Claim, ...], kind: ClaimKind, places: Mapping[str, Place]
) -> dict[str, list[_Report]]:
    """The reports of `kind` per place: its own, and for a zone those at places inside it."""
    reports: dict[str, list[_Report]] = {}
    for claim in (c for c in claims if c.kind is kind):
        reports.setdefault(claim.place_id, []).append(_Report(claim_date(claim), claim, None))
        if kind is ClaimKind.ISIS_ACTIVITY:
            for zone_id in zones_containing(claim.place_id, places=places):
                reports.setdefault(zone_id, []).append(
                    _Report(claim_date(claim), claim, claim.place_id)
                )
    return reports


def active_isis_places(
    claims: Iterable[Claim],
    *,
    as_of: dt.date | None = None,
    kind: ClaimKind = ClaimKind.ISIS_ACTIVITY,
    places: Mapping[str, Place] | None = None,
) -> dict[str, IsisPlace]:
    """The places drawn as ISIS-active (or threatened, for kind isis_threat) at a date.

    For the changes view: a place in the result at B but not at A appeared; one at A and not
    at B went quiet (`isis_posture(..., as_of=B)[id].quiet_since` says since when).
    """
    found = isis_posture(claims, as_of=as_of, kind=kind, places=places)
    return {pid: p for pid, p in found.items() if p.drawn}


def zones_containing(place_id: str, *, places: Mapping[str, Place]) -> tuple[str, ...]:
    """The activity zones a place lies inside (a wadi or town point, or any covered shape)."""
    place = places.get(place_id)
    if place is None or place.kind == ZONE_KIND:
        return ()
    return tuple(
        z.id for z in places.values() if z.kind == ZONE_KIND and z.geometry.covers(place.geometry)
    )


def report_area(geometry: BaseGeometry, *, radius_m: float = REPORT_RADIUS_M) -> BaseGeometry:
    """A point place as the area a report about it covers: a circle drawn in metres (UTM 38N)."""
    metric = gpd.GeoSeries([geometry], crs=WGS84).to_crs(METRIC_CRS)
    return metric.buffer(radius_m, quad_segs=16).to_crs(WGS84).iloc[0]


def _read(
    place_id: str,
    kind: ClaimKind,
    reports: list[_Report],
    at: dt.date | None,
    places: Mapping[str, Place],
) -> IsisPlace:
    window = dt.timedelta(days=_HOLDS[kind])
    first = min(r.date for r in reports)
    ordered = sorted(
        reports,
        key=lambda r: (r.date, r.via is None, r.claim.source.published, r.claim.start),
        reverse=True,
    )
    evidence = tuple(Evidence(r.claim, _role(r, at, window), r.via) for r in ordered)
    past = (
        []
        if at is None  # stable sort: among reports holding to the same day, the order above
        else sorted((r for r in ordered if r.date <= at), key=lambda r: r.held(at), reverse=True)
    )
    if at is None or not past:
        return IsisPlace(
            place_id,
            kind,
            Status.NO_REPORTING,
            f"no reporting at this date; first report dated {first:%d %b %Y}",
            evidence,
            first,
        )
    newest = past[0]
    word = "activity" if kind is ClaimKind.ISIS_ACTIVITY else "threat"
    said = f"ISIS {word} reported {when(newest.claim)}{_via(newest, place_id, places)}"
    said += f" ({newest.claim.source.outlet}, {newest.claim.source.published:%d %b %Y})"
    ends = holds_until(newest.until, kind)
    if at >= ends:
        return IsisPlace(
            place_id,
            kind,
            Status.NO_REPORTING,
            f"quiet since {ends:%d %b %Y}: no report in the {window.days} days after the last; "
            f"last: {said}",
            evidence,
            first,
            newest.held(at),
            ends,
        )
    return IsisPlace(
        place_id,
        kind,
        _STATUS[kind],
        f"{said}; quiet from {ends:%d %b %Y} unless reported again",
        evidence,
        first,
        newest.held(at),
    )


def _role(report: _Report, at: dt.date | None, window: dt.timedelta) -> Role:
    """Current if it speaks for a day within the window before `at`; older: history; later."""
    if at is None or report.date > at:
        return Role.LATER
    return Role.CURRENT if at - report.held(at) < window else Role.HISTORY


def _via(report: _Report, place_id: str, places: Mapping[str, Place]) -> str:
    if report.via is None:
        return ""
    inner = places[report.via].name if report.via in places else report.via
    outer = places[place_id].name if place_id in places else place_id
    return f" at {inner}, inside {outer}"


def _places(places: Mapping[str, Place] | None) -> Mapping[str, Place]:
    if places is not None:
        return places
    from geo.gazetteer import default_gazetteer

    return default_gazetteer().places
