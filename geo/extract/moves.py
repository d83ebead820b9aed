"""Moves: a cue of leaving or arriving and one place -> departure, arrival or who stays.

Also the withdrawal that names no place (it leaves the country the reporting is about) and a
cut to a figure ("reduce its contingent in Erbil to about 100 soldiers": those who stay).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.claims import ClaimKind
from geo.extract.cues import _Cue
from geo.extract.linking import _Link
from geo.extract.places import _BASE_KINDS
from geo.extract.state import _Draft, _State
from geo.extract.tense import _AT, _DIRECT_MOVES, _FROM, _LEAVE, _LEFT_BEHIND, _RESIDUAL, _TO
from geo.gazetteer import PlaceMention

_NEEDS_ACTOR = re.compile(r"(?:reduc|scal|downsiz|cut)", re.I)
# "reduce its contingent in Erbil to about 100 soldiers", "cutting troop numbers from 2,500 to
# fewer than 500 advisers in Erbil": what a cut leaves is a presence of that many.
REDUCED_TO = "reduced to a figure: those who stay"
_FIGURE = (
    r"\bto\s+(?:(?:about|around|some|roughly|nearly|fewer\s+than|less\s+than|under|just)\s+)?"
    r"\d[\d,]*\s+(?:[\w-]+\s+)?(?:troops|soldiers|personnel|advis[eo]rs|trainers|service\s*members)\b"
)
_TO_FIGURE = re.compile(r"\s+" + _FIGURE, re.I)
_TO_FIGURE_AFTER = re.compile(_FIGURE, re.I)
_TO_FIGURE_IN = re.compile(_FIGURE + r"\s+(?:in|at)\s+(?:the\s+)?$", re.I)
_TRANSFER = re.compile(r"transfer", re.I)


# "the coalition withdrew its forces": a withdrawal naming no place leaves the country the
# reporting is about, unless the sentence is about another country's ground.
_LEAVING = re.compile(r"withdr|pull|depart|exit|evacuat", re.I)
_ELSEWHERE = re.compile(
    r"\b(?:Syria|Syrian|Kuwait|Jordan|Afghanistan|Turkey|Qatar|Gulf|Europe|Germany|Niger|"
    r"Africa)\b"
)

_FROM_UNNAMED = re.compile(r"[^.;]{0,60}?\bfrom\b", re.I)
# "the withdrawal is part of the 2021 agreement": a bare noun refers back to a move already
# placed (or to none); "the withdrawal of US forces", "the coalition withdrawal" name whose.
_NOUN_MOVE = re.compile(r"(?:withdrawals?|pull-?outs?|departures?|exits?|evacuations?)", re.I)
_BARE_BEFORE = re.compile(r"\b(?:the|this|that|its|their)\s+$", re.I)
_OF_AFTER = re.compile(r"\s+of\b", re.I)


def _from_the_country(
    text: str,
    start: int,
    end: int,
    cue: _Cue,
    mentions: Sequence[PlaceMention],
    state: _State,
) -> list[_Link]:
    """A withdrawal by named coalition forces that names no place: from Iraq."""
    if state.country is None or cue.family != "move" or not _LEAVING.match(cue.text):
        return []
    if (
        _NOUN_MOVE.fullmatch(cue.text)
        and _BARE_BEFORE.search(text, max(start, cue.start - 6), cue.start)
        and not _OF_AFTER.match(text, cue.end)
    ):
        return []
    if any(m.place.kind != "country" for m in mentions):
        return []  # "withdraw gradually, vacating federal Iraqi bases": the places are named
    if _ELSEWHERE.search(text, start, end) or _FROM_UNNAMED.match(text, cue.end, end):
        return []  # "from various bases": some sites, not the country
    here = PlaceMention(cue.text, cue.start, cue.end, (state.country,))
    return [_Link(here, "from")]


_HANDED = re.compile(r"hand", re.I)


def _move_draft(
    text: str,
    cue: _Cue,
    link: _Link,
    status: str | None,
    negation: str | None,
    notes: tuple[str, ...],
) -> _Draft | None:
    prep = link.preposition
    gap = text[cue.end : link.mention.start]
    if _NEEDS_ACTOR.match(cue.text) and (
        _TO_FIGURE.match(text, link.mention.end) or _TO_FIGURE_IN.search(gap)
    ):
        planned = "planned" if status == "planned" else None
        return _Draft(ClaimKind.COALITION_PRESENCE, link, cue, planned, (*notes, REDUCED_TO))
    if (
        _LEAVE.match(cue.text)
        and prep in _AT
        and not link.backward
        and not negation
        and _LEFT_BEHIND.search(gap)
    ):
        # "leaves only a small team of advisers in Baghdad": who is left behind stays there.
        residual = "residual" if _RESIDUAL.search(gap) else None
        return _Draft(
            ClaimKind.COALITION_PRESENCE, link, cue, residual, (*notes, "left behind: forces stay")
        )
    if prep in _TO and cue.family == "move" and _HANDED.match(cue.text):
        return None  # "hand control of it to Iraq": who receives a base, not where forces go
    if prep in _TO and cue.family == "move":
        kind = ClaimKind.COALITION_ARRIVAL
    elif (
        prep in _FROM
        or (prep in _AT and cue.family == "end")
        or (prep in _AT and cue.strong)
        or (prep is None and (link.backward or _DIRECT_MOVES.match(cue.text)))
        # "transferred the Victory base complex to Iraqi control": a base given away is left
        or (prep is None and _TRANSFER.match(cue.text) and link.mention.place.kind in _BASE_KINDS)
    ):
        kind = ClaimKind.COALITION_DEPARTURE
    else:
        return None
    if negation:
        if kind is ClaimKind.COALITION_ARRIVAL:
            return None
        return _Draft(
            ClaimKind.COALITION_PRESENCE,
            link,
            cue,
            None,
            (*notes, f"negated departure ({negation!r}): forces stay"),
        )
    return _Draft(kind, link, cue, status, notes)
