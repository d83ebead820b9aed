"""Assembling claims sentence by sentence: places, counts, dates and notes onto each draft."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence

from geo.claims import Claim, ClaimKind, DateSpan, Personnel, SourceRef
from geo.extract.actors import OTHER_ARMED
from geo.extract.anaphora import _remember_places, _with_anaphoric_sites
from geo.extract.clauses import (
    _SAME_TIME,
    _chunk_of,
    _chunks,
    _date_for,
    _sentence_dates,
    _SentenceDates,
)
from geo.extract.counts import _find_personnel
from geo.extract.cues import _Cue, _find_cues
from geo.extract.drafts import _drafts, _shift
from geo.extract.fallback import isis_fallback
from geo.extract.implicit import IMPLICIT_PRESENCE, _implicit_presence
from geo.extract.levels import level_claims
from geo.extract.lexicon import (
    _actor_names,
    _ActorMention,
    _countries,
    _find_actors,
    _roles,
    _subject_of,
)
from geo.extract.linking import _ABROAD
from geo.extract.moves import _TO_FIGURE_AFTER, REDUCED_TO
from geo.extract.places import _GOVERNORATE_WORD, _claimable_mentions
from geo.extract.state import _Draft, _State
from geo.extract.tense import _RESIDUAL
from geo.gazetteer import Gazetteer, PlaceMention, PlaceName, covers


def _sentence_claims(text: str, start: int, end: int, gaz: Gazetteer, state: _State) -> list[Claim]:
    state.sentence = (start, end)
    cues = _find_cues(text, start, end)
    actors = _resolve_group(_find_actors(text, start, end), state)
    state.coalition_seen = state.coalition_seen or any(a.actor == "coalition" for a in actors)
    implicit = IMPLICIT_PRESENCE.search(text, start, end)
    named = [_shift(m, start) for m in gaz.find(text[start:end])] if cues or implicit else []
    mentions = _with_anaphoric_sites(text, start, end, named, state, gaz) if named or cues else []
    if not mentions:
        # No claim here, but the places named are the discourse: "the base" later, provinces.
        if not cues and not implicit:
            named = [_shift(m, start) for m in gaz.find(text[start:end])]
            # "Victoria Base inside Baghdad International Airport": the base, not its locator
            _remember_places(_claimable_mentions(text, named)[0], state)
        state.seen_places = state.seen_places or bool(named)
        state.seen_cues = state.seen_cues or (
            bool(cues) and any(a.actor in {"coalition", "isis"} for a in actors)
        )
        if actors:
            state.actor = _subject_of(text, actors)
        state.undated = (start, end)  # its dates are read only if the next sentence borrows them
        return level_claims(text, start, end, state.article, gaz) if state.coalition_seen else []
    chunks = _chunks(text, start, end)
    published = state.article.published
    dates = _sentence_dates(text, start, end, published, chunks, cues)
    previous = _previous_date(text, state)
    carried = (
        dates.wide is None
        and not dates.local
        and bool(_SAME_TIME.match(text[start:end]))
        and previous is not None
    )
    if carried:
        dates = _SentenceDates(previous, ())
    state.seen_cues = state.seen_cues or bool(implicit)
    state.seen_places = True
    mentions, blanks = _claimable_mentions(text, mentions)
    drafts = _drafts(text, start, end, cues, actors, mentions, blanks, chunks, state)
    drafts += isis_fallback(text, start, end, cues, actors, mentions, drafts, state)
    claimed = {id(d.cue): d.cue for d in drafts}.values()
    drafted = [
        _claim(text, start, end, d, cues, chunks, dates, carried, state, list(claimed))
        for d in drafts
    ]
    if implicit:
        for d in _implicit_presence(text, start, mentions, drafts):
            all_cues = sorted([*cues, d.cue], key=lambda c: c.start)
            drafted.append(_claim(text, start, end, d, all_cues, chunks, dates, carried, state))
    if actors:
        state.actor = _subject_of(text, actors)
    state.date = dates.wide or (dates.local[-1][2] if dates.local else previous)
    state.undated = None
    if state.coalition_seen:
        drafted.extend(level_claims(text, start, end, state.article, gaz))
    return [c for c in drafted if _current_enough(c, state)]


_THE_GROUP = re.compile(r"[Tt]he\s+(?:[\w-]+\s+)?(?:group|organi[sz]ation)$")


def _resolve_group(actors: list[_ActorMention], state: _State) -> list[_ActorMention]:
    """'The group' is the armed group last named: ISIS in ISIS reporting, else that militia."""
    resolved = []
    for a in actors:
        if a.actor == "isis" and _THE_GROUP.match(a.text):
            if state.armed in OTHER_ARMED:
                a = _ActorMention(state.armed, a.start, a.end, a.text)
        elif a.actor == "isis" or a.actor in OTHER_ARMED:
            state.armed = a.actor
        resolved.append(a)
    return resolved


def _previous_date(text: str, state: _State) -> DateSpan | None:
    """The date the previous sentence ends on, read now if that sentence was skipped."""
    if state.undated is not None:
        a, b = state.undated
        dates = _sentence_dates(text, a, b, state.article.published, _chunks(text, a, b))
        state.date = dates.wide or (dates.local[-1][2] if dates.local else state.date)
        state.undated = None
    return state.date


# "a desert in the Iraqi province of Anbar", "the desert region of Al-Anbar", "Anbar's desert",
# "the desert stretching from Anbar to the Syrian border":
# the province names the desert, and the gazetteer draws that desert as a zone of its own.
DESERT_OF = {"anbar_governorate": "anbar_desert"}
_DESERT_BEFORE = re.compile(
    r"\bdeserts?\s+(?:regions?\s+|areas?\s+)?(?:in|of|(?:stretching|extending)\s+from)\s+(?:the\s+)?"
    r"(?:(?:Iraqi|western|vast|restive)\s+)*(?:(?:province|governorate)\s+of\s+)?(?:al-)?$",
    re.I,
)
_DESERT_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?deserts?\b")
_CAPITAL_BEFORE = re.compile(r"\bcapital,?\s+$", re.I)
_PART_BEFORE = re.compile(r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?ern|rural)\s+$", re.I)
_PART_AFTER = re.compile(r"\s+(?:region|countryside)\b", re.I)


def _place_for(
    draft: _Draft,
    drafts_places: Sequence[PlaceMention],
    text: str,
    cue: _Cue,
    provinces: Collection[str] = (),
) -> tuple[PlaceName, str | None]:
    """The place a mention means here: the governorate when the list speaks of provinces."""
    mention = draft.link.mention
    place = mention.place
    governorate = next((c for c in mention.candidates if c.kind == "governorate"), None)
    if governorate is None or place is governorate:
        return place, None
    gap = text[cue.end : mention.start]
    if _CAPITAL_BEFORE.search(text, max(0, mention.start - 30), mention.start):
        return place, None  # "the provincial capital, Kirkuk": the city, whatever came before
    if _PART_BEFORE.search(text, max(0, mention.start - 20), mention.start) or _PART_AFTER.match(
        text, mention.end
    ):
        # "southern Kirkuk", "the Kirkuk region": a part of the province, not the city
        return governorate, "governorate reading: a part of the province"
    list_of_provinces = any(
        all(c.kind == "governorate" for c in m.candidates) for m in drafts_places
    )
    if _GOVERNORATE_WORD.search(gap) or list_of_provinces:
        return governorate, "governorate reading: the text lists provinces"
    if governorate.id in provinces and draft.kind in {
        ClaimKind.ISIS_ACTIVITY,
        ClaimKind.ISIS_THREAT,
    }:
        # "airstrikes ... in Kirkuk governorate" earlier: a later bare "Kirkuk" is the province
        return governorate, "governorate reading: the article names the province"
    return place, None


def _claim(
    text: str,
    start: int,
    end: int,
    draft: _Draft,
    cues: Sequence[_Cue],
    chunks: Sequence[tuple[int, int]],
    dates: _SentenceDates,
    carried: bool,
    state: _State,
    claimed: Collection[_Cue] | None = None,
) -> Claim:
    cue = draft.cue
    index = cues.index(cue)
    previous_end = cues[index - 1].end if index > 0 else start
    next_start = cues[index + 1].start if index + 1 < len(cues) else end
    place, place_note = _place_for(draft, draft.siblings, text, cue, state.provinces)
    mention = draft.link.mention
    desert = state.deserts.get(place.id)
    if desert is not None and (
        _DESERT_BEFORE.search(text, max(0, mention.start - 50), mention.start)
        or (mention.text.endswith(("'s", "’s")) and _DESERT_AFTER.match(text, mention.end))
    ):
        place, place_note = desert, "a desert named by its province: that desert zone"
    coalition = draft.kind in {
        ClaimKind.COALITION_PRESENCE,
        ClaimKind.COALITION_ARRIVAL,
        ClaimKind.COALITION_DEPARTURE,
    }
    count_end = mention.start if not draft.link.backward else next_start
    count_start = previous_end if not draft.link.backward else cue.start
    abroad = [m.end() for m in _ABROAD.finditer(text, count_start, max(count_end, cue.end))]
    if abroad and not draft.link.backward:
        count_start = abroad[-1]  # "900 in Syria and 2,500 in Iraq": figures before are Syria's
    if REDUCED_TO in draft.notes:  # the figure after "to" is who stays, wherever it stands
        to = _TO_FIGURE_AFTER.search(text, cue.end, end)
        count_start, count_end = (to.start(), to.end()) if to else (count_start, count_end)
    counted = max(count_end, cue.end)
    personnel = state.reading(_find_personnel, text, count_start, counted) if coalition else None
    status = draft.status
    # Residual from the wording ("only ... remain", "a small team"), never from a head count.
    if draft.kind is ClaimKind.COALITION_PRESENCE and _RESIDUAL.search(
        text[previous_end : cue.end]
    ):
        status = "residual"
    notes = list(draft.notes)
    if personnel is not None and draft.kind is ClaimKind.COALITION_PRESENCE:
        personnel = _own_figure(personnel, place, draft.siblings, notes)
    said_at = text.find(personnel.text, count_start) if personnel is not None else -1
    if personnel is not None and said_at >= 0 and _SHARE.search(text, said_at, mention.start):
        # "fewer than 2,000 troops in Iraq total, with a majority stationed in Arbil": the
        # figure is the whole; this place holds a share of it
        notes.append(f"figure {personnel.text!r} is the whole; this place holds a share")
        personnel = None
    if personnel is not None and _ALSO_AT.search(text, cue.end, mention.start):
        # "350 advisers would remain at the base in western Iraq, as well as at al-Harir": the
        # figure counts both places, so it is neither one's
        notes.append(f"figure {personnel.text!r} counts this place with another")
        personnel = None
    roles: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    country_count = None
    actors: tuple[str, ...] = ("ISIS",)
    if coalition:
        if draft.kind is not ClaimKind.COALITION_DEPARTURE:
            # "stays in Baghdad to protect the embassy and advise ...": a role verb is a cue of
            # its own, but it still says what the forces there do
            role_end = next(
                (c.start for c in cues[index + 1 :] if not _ROLE_CUE.fullmatch(c.text)), end
            )
            roles = state.reading(_roles, text, cue.start, role_end)
            countries, country_count = state.reading(_countries, text, cue.start, next_start)
        actors = state.reading(_actor_names, text, previous_end, next_start) or (
            ("Global Coalition",)
            if "coalition" in text[start:end].casefold()
            else ("United States",)
        )
    chunk = _chunk_of(chunks, cue.start)
    # A weak cue that made no claim ("joint operations" as a noun) does not end this clause.
    claiming = [c for c in cues if c.strong or c is cue or claimed is None or c in claimed]
    later = [c.start for c in claiming if c.start > cue.start]
    date = _date_for(text, dates, chunk, cue, min(later, default=end), claiming)
    if status == "completed" and date is not None and date.start > state.article.published:
        status = "planned"  # "may be moved ... next year": a future date outranks the verb form
        notes.append(f"status from the date ({date.text})")
    if (
        status is None
        and date is not None
        and not (dates.reported and date is dates.wide)
        and draft.kind in {ClaimKind.COALITION_DEPARTURE, ClaimKind.COALITION_ARRIVAL}
    ):
        # "the withdrawal from federal Iraq last year": no tense, but the date says it is done.
        published = state.article.published
        status = (
            "completed" if date.end < published else "planned" if date.start > published else None
        )
        if status:
            notes.append(f"status from the date ({date.text})")
    if place_note:
        notes.append(place_note)
    if carried and date is not None:
        notes.append("date carried from the previous sentence (same time / same move)")
    told = (draft.kind, place.id)
    if date is None and draft.kind in _RETOLD and told in state.dated:
        # "...killed in an operation in Anbar's desert on Thursday. The joint operation took
        # place in the desert region of Al-Anbar": the article tells the same event again
        date = state.dated[told]
        notes.append(f"date from the article's earlier report of it ({date.text})")
    elif date is not None and draft.kind in _RETOLD:
        state.dated.setdefault(told, date)
    if draft.link.backward:
        notes.append("place named before the cue (relative clause or passive)")
    return Claim(
        kind=draft.kind,
        place_id=place.id,
        place_text=state.article.body[mention.start : mention.end],
        quote=state.article.body[start:end],
        start=start,
        end=end,
        source=SourceRef.of(state.article),
        personnel=personnel,
        actors=actors,
        countries=countries,
        country_count=country_count,
        roles=roles,
        status=status,
        date=date,
        notes=tuple(notes),
    )


def _own_figure(
    personnel: Personnel, place: PlaceName, listed: Sequence[PlaceMention], notes: list[str]
) -> Personnel | None:
    """A head count given for several places at once belongs to the one holding all the others.

    "1,800 troops ... in the Kurdistan Region, at Erbil air base and at Harir" counts the
    region's forces; "2,500 troops ..., mostly at Ain al-Asad and Harir" is neither base's
    count, so the map gives it to none (the quote keeps it).
    """
    group = {m.place.id: m.place for m in listed} | {place.id: place}
    if len(group) == 1:
        return personnel
    whole = [p.id for p in group.values() if all(covers(p, other) for other in group.values())]
    if whole == [place.id]:
        return personnel
    notes.append(f"figure {personnel.text!r} counts {len(group)} places together, not this one")
    return None


_SHARE = re.compile(
    r"\b(?:(?:a|the)\s+majority|most\s+of\s+them|the\s+bulk|mostly\s+(?:in|at|based|stationed)|"
    r"half\s+of\s+them|"
    r"the\s+rest|some\s+of\s+them)\b",
    re.I,
)
_ALSO_AT = re.compile(r"\b(?:as\s+well\s+as|along\s+with|and\s+also)\b", re.I)
_RETOLD = frozenset({ClaimKind.ISIS_ACTIVITY})  # moves change status as they are retold
_ROLE_CUE = re.compile(r"(?:train|advise|mentor)(?:s|ing)?", re.I)


def _current_enough(claim: Claim, state: _State) -> bool:
    """Drop ISIS activity and presence dated more than a year before publication: history."""
    if claim.kind in {ClaimKind.COALITION_DEPARTURE, ClaimKind.COALITION_ARRIVAL}:
        return True
    if claim.date and claim.date.end < state.article.published - dt.timedelta(days=366):
        state.dropped.append(f"historical ({claim.date.text}): {claim.place_text}")
        return False
    return True


def _dedupe(claims: Iterable[Claim]) -> list[Claim]:
    unique: dict[tuple[int, str, str], Claim] = {}
    for c in claims:
        unique.setdefault((c.start, c.kind.value, c.place_id), c)
    return sorted(unique.values(), key=lambda c: (c.start, c.kind.value, c.place_id))


def _why_empty(state: _State) -> list[str]:
    """Why an article gave no claim, from what the sentence pass saw (no second lookup)."""
    if not state.seen_places:
        return ["no Iraqi place from the gazetteer is named in the text"]
    if not state.seen_cues and not state.dropped:
        return ["places are named, but no sentence says forces or ISIS are, go or threaten there"]
    return ["places are named, but no statement ties forces or ISIS to them", *state.dropped]
