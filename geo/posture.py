"""Claims + a date -> what the map shows per place: a status, the claim it rests on, the history.

Reporting arrives out of order and at different grains: an article of 26 November says forces
"would begin withdrawing" in late August and that the coalition "has completed its mission in
federal areas". Read as a timeline, that is a sequence: departing from late August, withdrawn by
26 November. This module turns claims into that timeline and reads it at a date; it is pure
(claims and places in, frozen dataclasses out). Rules an analyst would otherwise have to guess:

- Nothing is back-dated. A place has no status ("no reporting", not drawn) before the date of
  its first claim; a claim's date is the one its text gives, else the article's publication day
  (`claim_date`). Every layer reads the same rule (sites, the Kurdistan Region, ISIS zones and
  threat): a map of 1990 drawn from 2025 reporting is empty.
- A departure is evidence of presence only at its own date, and only while it is planned or
  under way: "forces will leave Ain al-Asad in late August" means they are still there, leaving,
  from 21 August (status *departing*), and says nothing of any day before. A completed departure
  ("forces left") says they are gone from its date (*withdrawn*) and nothing about before either;
  "a few remain" is *residual* from its date, not "present" before it. A plan announced ahead
  ("forces will leave in September", published in March) takes effect at its own date; until
  then it is evidence "reported for a later date". But the report itself vouches for the
  forces being there on the day it was published (they are there to leave): from that day the
  place is *present* ("there when a departure planned for September was reported"), and
  nothing is said of any day before it. A plan is moot once a newer report says the forces
  already left: it no longer takes effect at its date (`_without_overtaken`).
- Arrivals: "US troops would begin withdrawing from Baghdad to Erbil" (late August) makes Erbil
  *arriving* from late August: a move in is planned or under way, and nothing yet says the
  forces are there. A completed arrival makes a place present from the end of its span. A move in
  to a place already held by its own reporting is a reinforcement: the place stays held (a solid
  frame) and the arrival is named in the reason.
- A presence report about a region ("All global coalition forces are now in the Kurdistan
  Region") confirms as present each place inside it whose own newest report before it was an
  arrival; the evidence names the region (`via`). Mirror image: a completed departure from a
  region withdraws the places inside it with an earlier departure claim of their own. A place
  with a newer report of its own keeps it. A country (Iraq) is not a region here: "2,500 remain
  in Iraq" is a national total, not a report about every base.
- A head count holds until a report changes it: when the newest reports give no figure but say
  forces are still there, the newest earlier figure is kept as `earlier_figure`, labelled with
  its date ("≈1,500 as of 26 Nov 2025"); a departure or withdrawal in between voids it.
- A figure stays at the level the text gives it: 1,500 personnel and seven countries "in the
  Kurdistan Region" are the region's, never copied onto Erbil. Only a presence claim about the
  place itself gives its head count; an arrival's or departure's figure is how many move, kept
  apart as `moves` ("+300 arriving"), never as the count at the place.
- Reports differ: when articles (different sources, same place, same date) disagree, nothing is
  picked silently. Forces there (present, residual, departing) against forces gone (withdrawn)
  makes the status *reports differ*; head counts whose ranges do not overlap ("2,500" against
  "2,000") leave the status as reported but set `reports_differ`, give no single `personnel` and
  keep every figure with its source in `figures`. One article repeating itself is not a conflict;
  reports on different dates are a sequence, not a conflict (the newer one holds).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from geo.claims import Claim, ClaimKind, Personnel
from geo.gazetteer import Place

COALITION_KINDS = frozenset(
    {ClaimKind.COALITION_PRESENCE, ClaimKind.COALITION_DEPARTURE, ClaimKind.COALITION_ARRIVAL}
)
_REGION_KINDS = frozenset({"region", "governorate"})


class Status(StrEnum):
    """Every status the map knows, for every layer: one vocabulary (catalog, legend, z-order)."""

    PRESENT = "present"
    RESIDUAL = "residual"  # a few personnel remain ("four to five personnel")
    DEPARTING = "departing"  # a departure is planned or under way: forces still there
    ARRIVING = "arriving"  # forces moving in: an arrival is planned or under way
    WITHDRAWN = "withdrawn"
    DIFFERING = "reports differ"  # sources disagree on the same day: there or gone
    ACTIVE = "active"  # ISIS operates or hides there (activity zones)
    THREATENED = "threatened"  # ISIS (sleeper cells) threaten the place
    NO_REPORTING = "no reporting"  # no claim holds at this date: not drawn
    UNKNOWN = "no reporting"  # an alias of NO_REPORTING, the name older callers use


COALITION_STATUSES = (
    Status.PRESENT,
    Status.RESIDUAL,
    Status.DEPARTING,
    Status.ARRIVING,
    Status.WITHDRAWN,
    Status.DIFFERING,
)
"""What a coalition site or region can be drawn as, in legend order."""

HELD = frozenset({Status.PRESENT, Status.RESIDUAL})  # forces are there, not moving
_THERE = frozenset({Status.PRESENT, Status.RESIDUAL, Status.DEPARTING})  # forces are there


class Role(StrEnum):
    """Where a claim stands relative to the date the map shows."""

    CURRENT = "current"  # the newest claim(s) at or before the date: what the map shows
    HISTORY = "history"  # older claims, superseded by the current ones (not contradictions)
    LATER = "later"  # dated after the date shown: no part of the status, still evidence


@dataclass(frozen=True, slots=True)
class Evidence:
    """A claim as evidence for one place; `via` names the enclosing region it is about."""

    claim: Claim
    role: Role
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A head count as one claim gives it, so the map can name who said which number."""

    personnel: Personnel
    claim: Claim

    @property
    def moving(self) -> str:
        """'+' for forces moving in, '−' for forces leaving, '' for a count at the place."""
        if self.claim.kind is ClaimKind.COALITION_ARRIVAL:
            return "+"
        return "−" if self.claim.kind is ClaimKind.COALITION_DEPARTURE else ""


@dataclass(frozen=True, slots=True)
class PlacePosture:
    """What the map shows for one place as of a date, and every claim behind it, newest first."""

    place_id: str
    status: Status
    reason: str
    basis: Claim | None
    evidence: tuple[Evidence, ...]
    personnel: Personnel | None = None
    countries: tuple[str, ...] = ()
    country_count: int | None = None
    figures: tuple[Figure, ...] = ()  # every current head count at the place, with its source
    moves: tuple[Figure, ...] = ()  # current figures of forces moving in or out
    reports_differ: bool = False
    first_reported: dt.date | None = None
    # The newest earlier head count while forces stayed, when the current reports give none.
    earlier_figure: Figure | None = None

    @property
    def current(self) -> tuple[Claim, ...]:
        """The claims the status rests on (several when one article says it twice)."""
        return tuple(e.claim for e in self.evidence if e.role is Role.CURRENT)

    @property
    def history(self) -> tuple[Claim, ...]:
        """Older claims, superseded by the current ones."""
        return tuple(e.claim for e in self.evidence if e.role is Role.HISTORY)

    @property
    def drawn(self) -> bool:
        """Whether the map draws the place at this date (only once a claim holds)."""
        return self.status is not Status.NO_REPORTING


@dataclass(frozen=True, slots=True)
class _Event:
    """A dated change of status at a place, from a claim about it or about a region around it."""

    date: dt.date
    status: Status
    claim: Claim
    via: str | None
    implied: bool = False  # presence on the day a departure planned for later was reported

    @property
    def key(self) -> tuple[dt.date, bool, dt.date, int]:
        # On the same day a claim about the place itself beats one about its region.
        return (self.date, self.via is None, self.claim.source.published, self.claim.start)


_MOVES = frozenset({ClaimKind.COALITION_DEPARTURE, ClaimKind.COALITION_ARRIVAL})


def claim_date(claim: Claim) -> dt.date:
    """When a claim takes effect: a completed move at the end of its span, else its start.

    Undated claims take the article's publication day (`Claim.effective_date`).
    """
    if claim.kind in _MOVES and claim.status == "completed" and claim.date:
        return claim.date.end
    return claim.effective_date


def claim_status(claim: Claim) -> Status:
    """The status a claim asserts from its date on."""
    if claim.kind is ClaimKind.COALITION_DEPARTURE:
        return Status.WITHDRAWN if claim.status == "completed" else Status.DEPARTING
    if claim.kind is ClaimKind.COALITION_ARRIVAL:
        return Status.PRESENT if claim.status == "completed" else Status.ARRIVING
    if claim.kind is ClaimKind.ISIS_ACTIVITY:
        return Status.ACTIVE
    if claim.kind is ClaimKind.ISIS_THREAT:
        return Status.THREATENED
    return Status.RESIDUAL if claim.status == "residual" else Status.PRESENT


def _announced_ahead(claim: Claim) -> bool:
    """A departure still to come when reported: the forces were there on the day of the report."""
    return (
        claim.kind is ClaimKind.COALITION_DEPARTURE
        and claim.status != "completed"
        and claim_date(claim) > claim.source.published
    )


def effect_dates(claim: Claim) -> tuple[dt.date, ...]:
    """The days a claim changes what the map shows: its date, and maybe the report's day.

    A departure still to come when reported also changes the map on the day of the report: the
    forces were there then.
    """
    day = claim_date(claim)
    return (claim.source.published, day) if _announced_ahead(claim) else (day,)


def first_reported(claims: Iterable[Claim], place_id: str) -> dt.date | None:
    """The date of the first claim about a place: before it, the place has no status."""
    return min((min(effect_dates(c)) for c in claims if c.place_id == place_id), default=None)


def coalition_posture(
    claims: Iterable[Claim],
    *,
    as_of: dt.date | None = None,
    places: Mapping[str, Place] | None = None,
) -> dict[str, PlacePosture]:
    """The coalition's status at every place a claim names, as of a date (None: the latest).

    A completed departure from a region (e.g. `federal_iraq`) withdraws every place inside it
    that has an earlier departure claim of its own; a presence report about a region (e.g.
    `kurdistan_region`) confirms every place inside it whose own newest earlier claim is an
    arrival. A place with a newer report of its own ("four to five remain") keeps it. Places
    with no claim in force at the date are listed with status NO_REPORTING (not drawn).
    """
    gazetteer = _places(places)
    coalition = [c for c in claims if c.kind in COALITION_KINDS]
    events: dict[str, list[_Event]] = {}
    for claim in coalition:
        place_events = events.setdefault(claim.place_id, [])
        place_events.append(_Event(claim_date(claim), claim_status(claim), claim, None))
        if _announced_ahead(claim):
            place_events.append(
                _Event(claim.source.published, Status.PRESENT, claim, None, implied=True)
            )
    for region in coalition:
        status = claim_status(region)
        if status not in {Status.WITHDRAWN, Status.PRESENT} or region.place_id not in gazetteer:
            continue
        area = gazetteer[region.place_id]
        if area.kind not in _REGION_KINDS:
            continue
        region_date = claim_date(region)
        for place_id, place_events in events.items():
            if place_id == region.place_id or place_id not in gazetteer:
                continue
            if not area.geometry.covers(gazetteer[place_id].geometry):
                continue
            own = [e for e in place_events if e.via is None]
            # A report about the place itself from within the region's span ("four to five
            # remain", 26 Nov, against "completed in late November") is more specific. One dated
            # after the span needs no rule: it is newer, so it leads from its own date, and
            # before that date the map cannot know it.
            region_start = region.date.start if region.date else region_date
            if any(region_start <= e.date <= region_date for e in own):
                continue
            earlier = [e for e in own if e.date < region_date]
            if status is Status.WITHDRAWN:
                applies = any(e.claim.kind is ClaimKind.COALITION_DEPARTURE for e in earlier)
            else:
                # Only where the place's own last word had forces moving in: a region's
                # presence says nothing about a site reported left.
                last = max(earlier, key=lambda e: e.key, default=None)
                applies = last is not None and last.claim.kind is ClaimKind.COALITION_ARRIVAL
            if applies:
                place_events.append(_Event(region_date, status, region, region.place_id))
    return {
        pid: _read_timeline(pid, _without_overtaken(evs), as_of, gazetteer)
        for pid, evs in sorted(events.items())
    }


def _without_overtaken(events: list[_Event]) -> list[_Event]:
    """Drop a plan's target-date event when newer reporting says the forces had already gone.

    "Forces must leave Ain al-Asad by September 2026" (reported in October 2025) is moot once a
    report of January 2026 says they left: the map must not turn the place back to *departing*
    in September. The plan stays in the evidence through the day it was reported.
    """
    return [
        e
        for e in events
        if not (
            e.via is None
            and not e.implied
            and _announced_ahead(e.claim)
            and any(
                o.status is Status.WITHDRAWN
                and o.via is None
                and o.claim.source.published > e.claim.source.published
                and o.date <= e.date
                for o in events
            )
        )
    ]


def place_evidence(
    claims: Iterable[Claim],
    place_id: str,
    *,
    as_of: dt.date | None = None,
    kinds: Iterable[ClaimKind] | None = None,
) -> tuple[Evidence, ...]:
    """Claims about one place, newest first, each marked current, history or later."""
    wanted = frozenset(kinds) if kinds is not None else None
    events = [
        _Event(claim_date(c), claim_status(c), c, None)
        for c in claims
        if c.place_id == place_id and (wanted is None or c.kind in wanted)
    ]
    return _roles(events, as_of)


def in_force(evidence: Iterable[Evidence]) -> bool:
    """Whether any claim holds at the date shown (a layer draws only places with one)."""
    return any(e.role is Role.CURRENT for e in evidence)


def _read_timeline(
    place_id: str, events: list[_Event], as_of: dt.date | None, places: Mapping[str, Place]
) -> PlacePosture:
    first = min(e.date for e in events)
    past = sorted((e for e in events if as_of is None or e.date <= as_of), key=lambda e: e.key)
    if not past:
        return PlacePosture(
            place_id=place_id,
            status=Status.NO_REPORTING,
            reason=f"no reporting at this date; first report dated {first:%d %b %Y}",
            basis=None,
            evidence=_roles(events, as_of),
            first_reported=first,
        )
    basis = past[0]
    reinforcement: _Event | None = None
    for event in past[1:]:
        if event.status is Status.ARRIVING and basis.status in HELD:
            reinforcement = event  # more forces moving in does not unmake those already there
            continue
        basis, reinforcement = event, None
    status, reason = basis.status, _reason(basis, places)
    if reinforcement is not None:
        reason += f"; more moving in: {_reason(reinforcement, places)}"
    conflict = _conflict([e for e in past if e.via is None and e.date == basis.date])
    if conflict:
        status, reason = (
            Status.DIFFERING,
            "reports differ: " + "; ".join(f"{e.status} per {_source(e.claim)}" for e in conflict),
        )
    evidence = _roles(events, as_of, since=basis.date)
    current = [e.claim for e in evidence if e.role is Role.CURRENT and e.via is None]
    # Figures follow the text's level: a region's head count is not the count at a site in it.
    counted = [c for c in current if c.kind is ClaimKind.COALITION_PRESENCE]
    figures = tuple(Figure(c.personnel, c) for c in counted if c.personnel)
    figures_differ = _figures_differ(figures)
    if figures_differ:
        reason += "; reports differ on the head count: " + " · ".join(
            f"{f.personnel.text} ({_source(f.claim)})" for f in figures
        )
    return PlacePosture(
        place_id=place_id,
        status=status,
        reason=reason,
        basis=basis.claim,
        evidence=evidence,
        personnel=figures[0].personnel
        if figures and not figures_differ and status in _THERE
        else None,
        countries=tuple(dict.fromkeys(n for c in counted for n in c.countries)),
        country_count=max((c.country_count for c in counted if c.country_count), default=None),
        figures=figures,
        moves=tuple(Figure(c.personnel, c) for c in current if c.kind in _MOVES and c.personnel),
        reports_differ=bool(conflict) or figures_differ,
        first_reported=first,
        earlier_figure=None if figures or status not in _THERE else _earlier_figure(past),
    )


def _earlier_figure(past: list[_Event]) -> Figure | None:
    """The newest head count reported of the place while forces have stayed there since."""
    for event in reversed(past):
        if event.via is not None:
            continue
        if event.status not in _THERE and event.status is not Status.ARRIVING:
            return None  # forces left (or reports differ) since: an older count is void
        if event.claim.kind is ClaimKind.COALITION_PRESENCE and event.claim.personnel:
            return Figure(event.claim.personnel, event.claim)
    return None


def _conflict(same_day: list[_Event]) -> list[_Event]:
    """Same-day reports from different articles that say forces are there and that they left."""
    there = [e for e in same_day if e.status in _THERE]
    gone = [e for e in same_day if e.status is Status.WITHDRAWN]
    if any(a.claim.source.article_id != b.claim.source.article_id for a in there for b in gone):
        return [*there, *gone]
    return []


def _figures_differ(figures: tuple[Figure, ...]) -> bool:
    """Whether two articles give head counts whose ranges do not overlap."""
    return any(
        a.claim.source.article_id != b.claim.source.article_id
        and (a.personnel.max < b.personnel.min or b.personnel.max < a.personnel.min)
        for i, a in enumerate(figures)
        for b in figures[i + 1 :]
    )


def _roles(
    events: list[_Event], as_of: dt.date | None, *, since: dt.date | None = None
) -> tuple[Evidence, ...]:
    """Newest first; from `since` (default: the newest date) to as_of is current, older history.

    `since` reaches back to the claim the status rests on when newer claims (a reinforcement)
    hold alongside it rather than replacing it.
    """
    past = [e.date for e in events if as_of is None or e.date <= as_of]
    newest = max(past, default=None)
    first = since if since is not None else newest
    ordered = sorted(events, key=lambda e: e.key, reverse=True)
    out: list[Evidence] = []
    for e in ordered:
        if newest is None or first is None or e.date > newest:
            role = Role.LATER
        elif e.date >= first:
            role = Role.CURRENT
        else:
            role = Role.HISTORY
        out.append(Evidence(e.claim, role, e.via))
    return tuple(out)


def when(claim: Claim) -> str:
    """A claim's date as a reader would say it: '26 Nov 2025' or 'late August (21-31 Aug 2025)'."""
    if claim.date is None or claim.date.start == claim.date.end:
        return f"{claim_date(claim):%d %b %Y}"
    # "planned for September 2025", not "planned for in September 2025": the text's own
    # preposition is dropped, the sentence around it brings its own
    said = re.sub(r"^(?:in|on|at|during)\s+", "", claim.date.text)
    return f"{said} ({claim.date.start:%d %b}–{claim.date.end:%d %b %Y})"


def _source(claim: Claim) -> str:
    return f"{claim.source.outlet}, {claim.source.published:%d %b %Y}"


def _reason(event: _Event, places: Mapping[str, Place]) -> str:
    claim = event.claim
    if event.implied:
        return (
            f"there on {claim.source.published:%d %b %Y}, when a departure "
            f"{claim.status or 'reported'} for {when(claim)} was reported ({_source(claim)})"
        )
    arrived = claim.kind is ClaimKind.COALITION_ARRIVAL
    phrase = {
        Status.WITHDRAWN: "withdrawn by",
        Status.DEPARTING: f"departure {claim.status or 'reported'} from",
        Status.ARRIVING: f"arrival {claim.status or 'reported'} from",
        Status.RESIDUAL: "a few personnel remain as of",
        Status.PRESENT: "arrived by" if arrived else "present as of",
    }.get(event.status, "reported")
    via = ""
    if event.via:
        region = places[event.via].name if event.via in places else event.via
        via = (
            f", as the departure from all of {region} was completed"
            if event.status is Status.WITHDRAWN
            else f", said of {region} as a whole"
        )
    return f"{phrase} {when(claim)}{via} ({_source(claim)})"


def _places(places: Mapping[str, Place] | None) -> Mapping[str, Place]:
    if places is not None:
        return places
    from geo.gazetteer import default_gazetteer

    return default_gazetteer().places
