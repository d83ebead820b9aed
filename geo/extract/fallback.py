"""A last reading for ISIS reporting: a plain ISIS statement names where, however worded.

The linking rules tie a cue to a place through the words between them, and real reporting
words that in more ways than the rules know ("ISIS cells, driven from Kirkuk's villages, now
shelter in ...", a place in subject position before "has long sheltered militants"). When a
sentence says outright that ISIS is somewhere (a hideout, an attack, an airstrike on its
militants; or, with ISIS named in it, an operation, strike or arrest) and the rules placed
nothing, the few Iraqi places it names are where: the sentence is about them. Kept narrow so
it does not undo the precision rules: ISIS must be named in the sentence (or the article be
ISIS reporting with no other armed group or a standoff weapon in the sentence); no negation,
feared or hoped-for act, court, or fighting abroad; places that only locate, govern or measure
were already dropped; the country and coalition sites never take it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.claims import ClaimKind
from geo.extract.actors import OTHER_ARMED
from geo.extract.cues import _Cue
from geo.extract.drafts import _FEARED, _JUDICIAL_SCAN, _MAY_DO
from geo.extract.lexicon import _ActorMention
from geo.extract.linking import _ABROAD, _Link
from geo.extract.places import _BASE_KINDS
from geo.extract.state import _Draft, _State
from geo.extract.subjects import _STANDOFF, isis_named
from geo.extract.tense import _NEGATION
from geo.gazetteer import PlaceMention

_MOST_PLACES = 4
_NOT_FOR_ISIS = _BASE_KINDS | {"country"}
# Where ISIS is, said outright; operations and strikes need ISIS named in the sentence.
_OUTRIGHT = re.compile(
    r"hideouts?|strongholds?|safe\s+havens?|havens?|dens|bastions?|tunnels?|caves?|cells|"
    r"remnants|militants|insurgents|fighters|attack(?:s|ed)?|ambush(?:es|ed)?|clash(?:es|ed)?",
    re.I,
)
_HISTORY = re.compile(
    r"\b(?:2014|2015|2016|2017|caliphate|once|previously|formerly|during|had\s+(?:long\s+)?"
    r"(?:served|been|used|held|controlled))\b",
    re.I,
)
# "terrain linking Kirkuk and Saladin", "runs from north of Tharthar": geography, not where
_DESCRIBES = re.compile(
    r"\b(?:link\w*|connect\w*|runs?|running|stretch\w*|extend\w*|toward|towards|borders?|"
    r"bordering)\b[^.;]{0,40}$",
    re.I,
)
# The seats of government are named for their governments far more often than as where ISIS is.
_CAPITALS = frozenset({"baghdad", "erbil"})


def isis_fallback(
    text: str,
    start: int,
    end: int,
    cues: Sequence[_Cue],
    actors: Sequence[_ActorMention],
    mentions: Sequence[PlaceMention],
    drafts: Sequence[_Draft],
    state: _State,
) -> list[_Draft]:
    """ISIS activity at the sentence's places when it says ISIS is there and nothing was placed."""
    if any(d.kind in {ClaimKind.ISIS_ACTIVITY, ClaimKind.ISIS_THREAT} for d in drafts):
        return []
    named = isis_named(text, start, end, actors, state)
    cue = next(
        (
            c
            for c in cues
            if c.family == "isis" and (_OUTRIGHT.fullmatch(c.text) or (named and not c.strong))
        ),
        None,
    )
    if cue is None:
        return []
    others = any(a.actor in OTHER_ARMED or a.actor in {"pmf", "coalition"} for a in actors)
    if not named and (not state.isis_context or others or _STANDOFF.search(text, start, end)):
        return []
    sentence = text[start:end]
    if (
        _NEGATION.search(sentence)
        or _JUDICIAL_SCAN.search(sentence)
        or _MAY_DO.search(sentence)
        or _FEARED.search(text, start, cue.start)
        or _ABROAD.search(sentence)
        or _HISTORY.search(sentence)
    ):
        return []
    places = [
        m
        for m in mentions
        if m.place.kind not in _NOT_FOR_ISIS
        and m.place.id not in _CAPITALS
        and not _DESCRIBES.search(text, max(start, m.start - 60), m.start)
    ]
    if not places or len({m.place.id for m in places}) > _MOST_PLACES:
        return []
    taken = {d.link.mention.place.id for d in drafts}
    note = "placed by the sentence: ISIS is named there, no rule tied the words"
    return [
        _Draft(ClaimKind.ISIS_ACTIVITY, _Link(m, "in"), cue, None, (note,), tuple(places))
        for m in places
        if m.place.id not in taken
    ]
