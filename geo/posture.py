"""Claims + a date -> what the map shows per place: a status, the claim it rests on, the history.

Reporting arrives out of order and at different grains: an article of 26 November says forces
"would begin withdrawing" in late August and that the coalition "has completed its mission in
federal areas". Read as a timeline, that is not a contradiction but a sequence: present before
late August, departing from then, withdrawn by 26 November. This module turns claims into that
timeline and reads it at a date; it is pure (claims and places in, frozen dataclasses out).

Arrivals are part of the timeline. "US troops would begin withdrawing from Baghdad to Erbil" (late
August) makes Erbil *arriving* from late August: a move in is planned or under way, and nothing
yet says the forces are there. A completed arrival makes a place present. Decisions an analyst
would otherwise have to guess:

- Before the arrival's date a place known only from arrivals is *unknown* and not drawn: an
  arrival says where forces are going, not that any were there before (unlike a departure, which
  implies earlier presence). Any other claim about the place (a presence report) still shows.
- A move in to a place already present or residual by its own reporting is a reinforcement: the
  place stays drawn as held (a solid frame, not a dashed "not yet there" one); the arrival is
  current evidence and named in the reason.
- A presence report about a region ("All global coalition forces are now in the Kurdistan
  Region") confirms as present each place inside it whose own newest report before it was an
  arrival; the evidence names the region (`via`), so the popup says the claim was made of it.
  Mirror image of a completed departure from a region withdrawing the places inside it with an
  earlier departure claim. A place with a newer report of its own keeps it.
- A figure stays at the level the text gives it: 1,500 personnel and seven countries "in the
  Kurdistan Region" are the region's, never copied onto Erbil. Only a presence claim about the
  place itself gives its personnel; an arrival's figure is how many move, not how many are there,
  so it stays in the evidence.
"""

from __future__ import annotations

import datetime as dt
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
    """Coalition posture at a place on a date."""

    PRESENT = "present"
    RESIDUAL = "residual"  # a few personnel remain ("four to five personnel")
    DEPARTING = "departing"  # a departure is planned or under way
    ARRIVING = "arriving"  # forces moving in: an arrival is planned or under way
    WITHDRAWN = "withdrawn"
    UNKNOWN = "unknown"  # no claim says anything about this place at that date


class Role(StrEnum):
    """Where a claim stands relative to the date the map shows."""

    CURRENT = "current"  # the newest claim(s) at or before the date: what the map shows
    HISTORY = "history"  # older claims, superseded by the current ones (not contradictions)
    LATER = "later"  # dated after the date shown (still evidence: a later departure implies
    # earlier presence)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A claim as evidence for one place; `via` names the enclosing region it is about."""

    claim: Claim
    role: Role
    via: str | None = None


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

    @property
    def current(self) -> tuple[Claim, ...]:
        """The claims the status rests on (several when one article says it twice)."""
        return tuple(e.claim for e in self.evidence if e.role is Role.CURRENT)

    @property
    def history(self) -> tuple[Claim, ...]:
        """Older claims, superseded by the current ones."""
        return tuple(e.claim for e in self.evidence if e.role is Role.HISTORY)


@dataclass(frozen=True, slots=True)
class _Event:
    """A dated change of status at a place, from a claim about it or about a region around it."""

    date: dt.date
    status: Status
    claim: Claim
    via: str | None

    @property
    def key(self) -> tuple[dt.date, bool, dt.date, int]:
        # On the same day a claim about the place itself beats one about its region.
        return (self.date, self.via is None, self.claim.source.published, self.claim.start)


_MOVES = frozenset({ClaimKind.COALITION_DEPARTURE, ClaimKind.COALITION_ARRIVAL})
_HELD = frozenset({Status.PRESENT, Status.RESIDUAL})  # forces are there


def claim_date(claim: Claim) -> dt.date:
    """When a claim takes effect: a completed move at the end of its span, else its start."""
    if claim.kind in _MOVES and claim.status == "completed" and claim.date:
        return claim.date.end
    return claim.effective_date


def claim_status(claim: Claim) -> Status:
    """The status a coalition claim asserts from its date on."""
    if claim.kind is ClaimKind.COALITION_DEPARTURE:
        return Status.WITHDRAWN if claim.status == "completed" else Status.DEPARTING
    if claim.kind is ClaimKind.COALITION_ARRIVAL:
        return Status.PRESENT if claim.status == "completed" else Status.ARRIVING
    return Status.RESIDUAL if claim.status == "residual" else Status.PRESENT


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
    arrival. A place with a newer report of its own ("four to five remain") keeps it.
    """
    gazetteer = _places(places)
    coalition = [c for c in claims if c.kind in COALITION_KINDS]
    events: dict[str, list[_Event]] = {}
    for claim in coalition:
        events.setdefault(claim.place_id, []).append(
            _Event(claim_date(claim), claim_status(claim), claim, None)
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
            # A newer report about the place itself ("four to five remain") is more specific.
            if any(e.date >= region_date for e in own):
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
    return {pid: _read_timeline(pid, evs, as_of, gazetteer) for pid, evs in sorted(events.items())}


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
        _Event(claim_date(c), Status.UNKNOWN, c, None)
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
    past = sorted((e for e in events if as_of is None or e.date <= as_of), key=lambda e: e.key)
    basis: _Event | None = None
    reinforcement: _Event | None = None
    for event in past:
        if event.status is Status.ARRIVING and basis is not None and basis.status in _HELD:
            reinforcement = event  # more forces moving in does not unmake those already there
            continue
        basis, reinforcement = event, None
    if basis is not None:
        status, reason = basis.status, _reason(basis, places, implied=False)
        if reinforcement is not None:
            reason += f"; more moving in: {_reason(reinforcement, places, implied=False)}"
        evidence = _roles(events, as_of, since=basis.date)
    else:
        basis = min(events, key=lambda e: e.key)
        evidence = _roles(events, as_of)
        if basis.claim.kind is ClaimKind.COALITION_DEPARTURE or basis.status is Status.RESIDUAL:
            # Leaving, or "remaining", implies having been there before; arriving does not.
            status, reason = Status.PRESENT, _reason(basis, places, implied=True)
        else:
            status, reason = Status.UNKNOWN, "no report yet at this date"
    # Figures follow the text's level: a region's head count is not the count at a site in it.
    counted = [
        e.claim
        for e in evidence
        if e.role is Role.CURRENT and e.via is None and e.claim.kind is ClaimKind.COALITION_PRESENCE
    ]
    return PlacePosture(
        place_id=place_id,
        status=status,
        reason=reason,
        basis=basis.claim,
        evidence=evidence,
        personnel=next((c.personnel for c in counted if c.personnel), None)
        if status in _HELD
        else None,
        countries=tuple(dict.fromkeys(n for c in counted for n in c.countries)),
        country_count=max((c.country_count for c in counted if c.country_count), default=None),
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
    return f"{claim.date.text} ({claim.date.start:%d %b}–{claim.date.end:%d %b %Y})"


def _reason(event: _Event, places: Mapping[str, Place], *, implied: bool) -> str:
    claim = event.claim
    source = f"{claim.source.outlet}, {claim.source.published:%d %b %Y}"
    if implied:
        what = "departure" if claim.kind is ClaimKind.COALITION_DEPARTURE else "remaining few"
        return f"present before the {what} reported for {when(claim)} ({source})"
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
    return f"{phrase} {when(claim)}{via} ({source})"


def _places(places: Mapping[str, Place] | None) -> Mapping[str, Place]:
    if places is not None:
        return places
    from geo.gazetteer import default_gazetteer

    return default_gazetteer().places
