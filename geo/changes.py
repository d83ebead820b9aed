"""What changed between two dates: sites emptied or gained, head counts, zones appearing or quiet.

Read from the public timeline functions of geo.posture at both dates, so this view can never
disagree with the map drawn at either date. Pure: claims and two dates in, frozen rows out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from geo.activity import active_isis_places, isis_posture
from geo.boundaries import DISPUTED_IDS
from geo.claims import Claim, ClaimKind, Personnel
from geo.gazetteer import Place
from geo.posture import PlacePosture, Status, claim_date, coalition_posture, effect_dates

# Layer ids as the catalog names them (geo never imports layers; these are plain strings).
SITES_LAYER = "coalition_positions"
REGION_LAYER = "kurdistan_region"  # the one region drawn as its own layer
ZONES_LAYER = "isis_activity_zones"
THREAT_LAYER = "disputed_provinces"
REPORTS_LAYER = "isis_activity_reports"
PROVINCES_LAYER = "isis_activity_governorates"
# Forces are there (a departure planned or under way has not yet left).
_THERE = frozenset({Status.PRESENT, Status.RESIDUAL, Status.DEPARTING})
_COMING = frozenset({Status.ARRIVING})
_ISIS_WORDS = {
    ClaimKind.ISIS_ACTIVITY: ("active", "no activity reported"),
    ClaimKind.ISIS_THREAT: ("threatened", "no threat reported"),
}


class What(StrEnum):
    """The kind of change at a place."""

    EMPTIED = "emptied"  # forces were there, now withdrawn (or nothing reported)
    GAINED = "gained"  # forces now there or moving in where none were, or moved in to a held place
    COUNT_CHANGED = "count changed"  # still held, a different head count
    STATUS_CHANGED = "status changed"  # still held, e.g. present -> departing
    APPEARED = "appeared"  # ISIS activity or threat now reported
    WENT_QUIET = "went quiet"  # ISIS activity or threat no longer in force


@dataclass(frozen=True, slots=True)
class Change:
    """One place's change between two dates, with the claim the later state rests on."""

    place_id: str
    place: str
    layer: str
    what: What
    before: str
    after: str
    before_count: str = ""
    after_count: str = ""
    quote: str = ""
    outlet: str = ""
    url: str = ""
    published: dt.date | None = None


def evidence_dates(claims: Iterable[Claim]) -> list[dt.date]:
    """Every date on which a claim takes effect, oldest first: the stops of the time slider."""
    return sorted({day for c in claims for day in effect_dates(c)})


def changes_between(
    claims: Iterable[Claim],
    before: dt.date,
    after: dt.date,
    *,
    places: Mapping[str, Place] | None = None,
) -> list[Change]:
    """What changed from `before` to `after` (swapped if given the wrong way round)."""
    pool = tuple(claims)
    before, after = min(before, after), max(before, after)
    names = _places(places)
    rows = _site_changes(pool, before, after, names)
    rows += _isis_changes(pool, before, after, names)
    order = list(What)
    return sorted(rows, key=lambda r: (order.index(r.what), r.layer, r.place))


def _site_changes(
    claims: tuple[Claim, ...], before: dt.date, after: dt.date, places: Mapping[str, Place]
) -> list[Change]:
    then = coalition_posture(claims, as_of=before, places=places)
    now = coalition_posture(claims, as_of=after, places=places)
    rows = []
    for place_id in sorted(set(then) | set(now)):
        old, new = then.get(place_id), now.get(place_id)
        a = old.status if old else Status.UNKNOWN
        b = new.status if new else Status.UNKNOWN
        a_count, b_count = _figure(old), _figure(new)
        basis = new.basis if new else None
        moved_in = _arrival_between(claims, place_id, before, after)
        if a in _THERE and b not in _THERE | _COMING:
            what = What.EMPTIED
        elif a not in _THERE and b in _THERE | _COMING and a != b:
            what = What.GAINED
        elif a in _THERE and b in _THERE and moved_in is not None:
            what, basis = What.GAINED, moved_in  # held all along, and forces moved in
        elif a in _THERE and b in _THERE and a_count != b_count and a_count and b_count:
            what = What.COUNT_CHANGED
        elif a in _THERE and b in _THERE and a != b:
            what = What.STATUS_CHANGED
        else:
            continue
        layer = REGION_LAYER if place_id == REGION_LAYER else SITES_LAYER
        rows.append(_row(places, place_id, layer, what, str(a), str(b), basis, (a_count, b_count)))
    return rows


def _arrival_between(
    claims: tuple[Claim, ...], place_id: str, before: dt.date, after: dt.date
) -> Claim | None:
    """The newest report of forces moving in to the place that took effect in (before, after]."""
    moves = [
        c
        for c in claims
        if c.place_id == place_id
        and c.kind is ClaimKind.COALITION_ARRIVAL
        and before < claim_date(c) <= after
    ]
    return max(moves, key=claim_date, default=None)


def _isis_changes(
    claims: tuple[Claim, ...], before: dt.date, after: dt.date, places: Mapping[str, Place]
) -> list[Change]:
    """Places drawn as ISIS-active (or threatened) at one date and not the other.

    Read from geo.activity, as the map is: zones active through places inside them, and a
    report that stops holding after its window ("went quiet").
    """
    rows = []
    for kind, (on, off) in _ISIS_WORDS.items():
        was = active_isis_places(claims, as_of=before, kind=kind, places=places)
        now = isis_posture(claims, as_of=after, kind=kind, places=places)
        for place_id in sorted(set(was) ^ {pid for pid, p in now.items() if p.drawn}):
            quiet = place_id in was
            basis = (
                next(
                    (e.claim for e in now[place_id].evidence if claim_date(e.claim) <= after), None
                )
                if place_id in now
                else None
            )
            layer = _isis_layer(kind, places.get(place_id))
            rows.append(
                _row(
                    places,
                    place_id,
                    layer,
                    What.WENT_QUIET if quiet else What.APPEARED,
                    on if quiet else off,
                    off if quiet else on,
                    basis,
                )
            )
    return rows


def _isis_layer(kind: ClaimKind, place: Place | None) -> str:
    """The layer that draws an ISIS place, as the catalog splits them."""
    if place is None or place.kind == "activity_zone":
        return ZONES_LAYER
    if place.kind == "governorate":
        threat_layer = kind is ClaimKind.ISIS_THREAT and place.id in DISPUTED_IDS
        return THREAT_LAYER if threat_layer else PROVINCES_LAYER
    return REPORTS_LAYER


def _row(
    places: Mapping[str, Place],
    place_id: str,
    layer: str,
    what: What,
    before: str,
    after: str,
    basis: Claim | None,
    counts: tuple[str, str] = ("", ""),
) -> Change:
    place = places.get(place_id)
    return Change(
        place_id=place_id,
        place=place.label if place else place_id,
        layer=layer,
        what=what,
        before=before,
        after=after,
        before_count=counts[0],
        after_count=counts[1],
        quote=basis.quote if basis else "",
        outlet=basis.source.outlet if basis else "",
        url=(basis.source.url or "") if basis else "",
        published=basis.source.published if basis else None,
    )


def _figure(posture: PlacePosture | None) -> str:
    """A head count as a reader says it: '300', '4–5', '≈1,500'; '' when none is reported."""
    personnel: Personnel | None = posture.personnel if posture else None
    if personnel is None:
        return ""
    lo, hi = personnel.min, personnel.max
    figure = f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"
    return ("≈" if personnel.approximate else "") + figure


def _places(places: Mapping[str, Place] | None) -> Mapping[str, Place]:
    if places is not None:
        return places
    from geo.gazetteer import default_gazetteer

    return default_gazetteer().places
