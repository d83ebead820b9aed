"""Who a cue is about: the coalition, ISIS, or an actor of its own whose acts make no claim.

The actor named before the cue (or after it, for a passive or a host), else one carried from
the sentence before ("They", "The remaining forces", "Most", "It later left"), else the
coalition for a withdrawal no one is named for. ISIS is named by its names; "militants" and
"the group" are ISIS only in an article that names ISIS. Militias' drones and rockets are not
ISIS attacks, and an operation is against ISIS only where ISIS is said or clear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.extract.actors import FIGHTS_ISIS, OTHER_ARMED
from geo.extract.cues import _Cue
from geo.extract.lexicon import (
    _ANAPHORIC_SUBJECT,
    _ARMY_NOUN,
    _BARE_FORCES,
    _ISIS_CONTEXT,
    Actor,
    _actor_for,
    _ActorMention,
    _victim_of,
)
from geo.extract.state import _State
from geo.extract.tense import _PLACED

_STANDOFF = re.compile(r"\b(?:drones?|rockets?|missiles?|Katyushas?|UAVs?)\b", re.I)
# "About 2,000 are in Erbil": a count with no noun counts the forces just named.
_BARE_COUNT = re.compile(
    r"^\W*(?:(?:about|some|around|nearly|roughly|approximately|more\s+than|over|another)\s+)?"
    r"\d[\d,]*\s+(?:of\s+them\s+)?(?:are|were|remain|stay|will\s+(?:stay|remain))?\s*$",
    re.I,
)
_ISIS_SUBJECT = re.compile(
    r"\b(?:cells|remnants|militants|insurgents|jihadists|extremists)\s+(?:still\s+|also\s+)?$",
    re.I,
)


def isis_named(
    text: str, start: int, end: int, actors: Sequence[_ActorMention], state: _State
) -> bool:
    """Whether the sentence names ISIS; "militants" do only in an article that names ISIS.

    ("Officials said militants fired two rockets at the base", after Iran-backed militants.)
    """
    return any(
        a.actor == "isis" and (state.isis_context or _ISIS_CONTEXT.match(a.text)) for a in actors
    ) or bool(_ISIS_CONTEXT.search(text, start, end))


def _decide_actor(
    text: str,
    start: int,
    end: int,
    cue: _Cue,
    actors: Sequence[_ActorMention],
    state: _State,
) -> tuple[Actor | None, str | None]:
    """Who the cue is about, and a note when that is inferred rather than named."""
    if cue.family in {"isis", "threat"}:
        # The subject: the nearest actor named before the cue, or around it ("PKK fighters").
        before = [a for a in actors if a.start <= cue.start]
        subject = before[-1].actor if before else None
        # Militia rockets and Turkish strikes are not ISIS attacks; "Iraqi forces targeted
        # ..." is no ISIS threat.
        if subject in OTHER_ARMED or (cue.family == "threat" and subject not in {None, "isis"}):
            return None, None
        named = isis_named(text, start, end, actors, state)
        if not named and subject is None and _STANDOFF.search(text, start, end):
            return None, None  # drones, rockets and missiles on bases: militias' way, not ISIS's
        victim = _victim_of(text, cue, actors)
        if not named and subject is None and victim == "coalition":
            return None, None  # "an attack on US troops": bases are hit by militias; say ISIS
        if not cue.strong:  # an operation, a raid, an arrest: against ISIS, said or clear
            if (
                subject is None
                and not named
                and (victim in OTHER_ARMED or victim in {"pmf", "coalition"})
            ):
                # "a drone strike killed two PMF members", "a rocket hit coalition forces": the
                # usual authors are others; an IED hitting an army patrol is ISIS's way.
                return None, None
            fighting = subject in FIGHTS_ISIS or subject is None
            return ("isis", None) if named or (state.isis_context and fighting) else (None, None)
        return ("isis", None) if named or state.isis_context else (None, None)
    found = _actor_for(text, cue, actors)
    if found is not None:
        return found.actor, None
    anaphoric = (
        _ANAPHORIC_SUBJECT.match(text[start : cue.start])
        or _BARE_FORCES.search(text[start : cue.start])
        or _BARE_COUNT.match(text[start : cue.start])
        # "an agreement ... to maintain a unit of 250 to 350 advisers": whose, the text before says
        or (
            cue.family in {"stay", "host"}
            and _BARE_FORCES.search(text, cue.end, min(end, cue.end + 40))
        )
        or cue.family in {"move", "arrive"}
    )
    if (
        anaphoric
        and state.actor is not None
        and not (
            state.actor == "isis"
            and (
                cue.family in {"move", "arrive"}
                or _ARMY_NOUN.search(text, start, cue.start)
                or _PLACED.search(cue.text)  # "They are based near ...": forces, not ISIS
            )
        )
    ):
        return state.actor, f"actor carried from the previous sentence ({state.actor})"
    if cue.family in {"move", "end"} and cue.strong:
        return "coalition", "actor inferred: a withdrawal with no one named is the coalition's"
    if cue.family == "stay" and state.isis_context and _ISIS_SUBJECT.search(text, start, cue.start):
        return "isis", None  # "scattered cells remain active in ...", in reporting on ISIS
    return None, None
