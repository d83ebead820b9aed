"""Forces named at a place with no verb: "US troops in Erbil", "the advisers there will leave"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.claims import ClaimKind
from geo.extract.actors import COALITION_WORDS
from geo.extract.counts import _find_personnel
from geo.extract.cues import _Cue
from geo.extract.linking import _Link
from geo.extract.prefilter import Prefiltered
from geo.extract.state import _Draft
from geo.gazetteer import PlaceMention

_IMPLICIT_PRESENCE = re.compile(
    rf"(?-i:\b(?:{COALITION_WORDS}|[Cc]oalition|[Ff]oreign|[Aa]llied))(?:['’]s)?(?:-led)?"
    r"(?:\s+(?:military|special|combat))?"
    r"\s+(?P<noun>troops|forces|personnel|soldiers|advisers|trainers|contingent)\s+"
    r"(?:in|at|inside)\s+(?:the\s+)?",
    re.I,
)
IMPLICIT_PRESENCE = Prefiltered(_IMPLICIT_PRESENCE)
_ABSENT_BEFORE = re.compile(
    r"\b(?:no|not|without|any|former|formerly|once|previously)\s+(?:[\w.’'-]+\s+){0,3}$", re.I
)
_PAST_AFTER = re.compile(r"\W*(?:was|were|had)\b", re.I)


def _implicit_presence(
    text: str, start: int, mentions: Sequence[PlaceMention], drafts: Sequence[_Draft]
) -> list[_Draft]:
    """Presence where forces are named at a place the sentence says nothing else about."""
    claimed = {d.link.mention.place.id for d in drafts}
    found: list[_Draft] = []
    for m in mentions:
        window_start = max(start, m.start - 80)
        match = None
        for candidate in IMPLICIT_PRESENCE.finditer(text, window_start, m.start):
            match = candidate if candidate.end() == m.start else None
        if match is None or m.place.id in claimed:
            continue
        if m.place.kind == "country" and not _find_personnel(
            text, max(start, match.start() - 40), m.start
        ):
            continue  # "attacks on US troops in Iraq" says little; "2,500 US soldiers in Iraq" does
        before = text[max(start, match.start() - 40) : match.start()]
        after = text[m.end : m.end + 25]
        if _ABSENT_BEFORE.search(before) or _PAST_AFTER.match(after):
            continue
        noun_end = match.end("noun")
        cue = _Cue("stay", match.start(), noun_end, text[match.start() : noun_end])
        found.append(
            _Draft(
                ClaimKind.COALITION_PRESENCE,
                _Link(m, "in"),
                cue,
                None,
                ("forces named at the place, no verb",),
            )
        )
        claimed.add(m.place.id)
    return found


def _subject_place(
    text: str, start: int, cue: _Cue, mentions: Sequence[PlaceMention]
) -> list[_Link]:
    """'The US advisers in Baghdad will depart / will stay': the subject's place."""
    for m in mentions:
        if m.end > cue.start or not _SUBJECT_TAIL.fullmatch(text, m.end, cue.start):
            continue
        named = list(IMPLICIT_PRESENCE.finditer(text, max(start, m.start - 80), m.start))
        if named and named[-1].end() == m.start:
            return [_Link(m, "from" if cue.family == "move" else "in", backward=True)]
    return []


_SUBJECT_TAIL = re.compile(
    r"\s+(?:(?:will|would|are|is|were|was|have|has|had|also|now|soon|to|set|due|expected|"
    r"begin|began|start|started|already|being)\s+)*",
    re.I,
)
