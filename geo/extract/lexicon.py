"""Actors, roles and countries: who a cue is about, from one table of names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.extract.actors import ACTOR_PATTERNS, COALITION_WORDS, NATIONS, Side
from geo.extract.counts import _NUMBER_WORD, _number
from geo.extract.cues import _Cue
from geo.extract.prefilter import Prefiltered, Scanners

# Actors: who a cue is about

Actor = Side

_ISIS_CONTEXT = re.compile(r"\b(?:ISIS|ISIL|IS|Daesh|Daish|Islamic State|sleeper cells)\b")
_FORCE_NOUN = (
    r"(?:troops|forces|personnel|soldiers|military|advisers|advisors|"
    r"service\s*members|servicemembers|marines|contingent|units|trainers|presence|"
    r"drawdown|withdrawal|pull-?out|redeployment|relocation|coalition|staff|"
    r"instructors|battalions?|brigades?|squadrons?|task\s+force)"
)
_ACTORS = ACTOR_PATTERNS
_ACTOR_SCANNERS = Scanners([p for _, p in _ACTORS])
# "against ISIS", "to defeat ISIS": ISIS is the object there, not the one acting.
_OBJECT_BEFORE = re.compile(
    r"(?:against|targeting|target|defeat(?:ing)?|fight(?:ing)?|counter-?|anti-?|on|of|over)\s+"
    r"(?:the\s+)?$",
    re.I,
)
# "the Islamic State (ISIS)": the acronym repeats the name before it, object or not.
_GLOSS_BEFORE = re.compile(r"(?:State|ISIS|ISIL|Daesh|group)\s*[(\[]\s*$")
_ANAPHORIC_SUBJECT = re.compile(
    r"^\W*(?:(?:Today|Now|Currently|Still|Meanwhile|By\s+then|Since\s+then),?\s+)?"
    r"(?:They|they|Those|These|The\s+(?:remaining\s+|rest\s+of\s+the\s+)?(?:forces|troops|"
    r"personnel|soldiers|advisers|militants|fighters|cells|group|contingent|units)|"
    # "Most will be based in the Kurdistan Region", "It later left Taji": the ones just named
    r"(?:Most|Some|Many|Others|All|The\s+rest)(?:\s+of\s+(?:them|those|these))?(?=\s+(?:will|would|"
    r"are|were|have|had|remain|stay|moved|left|went|relocated))|It(?=\s+(?:later\s+|also\s+|then\s+)?"
    r"(?:left|withdrew|pulled|moved|relocated|vacated|handed|quit|departed)))\b"
)

# ISIS has fighters, militants and cells, never troops or advisers: those are not carried to it.
_ARMY_NOUN = re.compile(
    r"\b(?:troops|soldiers|personnel|advis[eo]rs|contingent|servicemembers|service\s+members)\b",
    re.I,
)
# "Some 2,500 troops are deployed ...": whose troops is the previous sentence's business.
_BARE_FORCES = re.compile(rf"\b{_FORCE_NOUN}\b", re.I)
# One scan for every name: capitalised words (and "coalition") looked up in a table.
_ANY_ACTOR_NAME = re.compile(
    r"\b(?:[A-Z][\w.]*(?:\s+(?:States|Kingdom|Zealand|Republic|Resolve))?|[Cc]oalition)"
)
_NAME_OF: dict[str, str] = {
    re.sub(r"\\s\+", " ", word).replace("\\.", "."): country
    for words, country, side in NATIONS
    if side == "coalition"
    for word in words.split("|")
} | {"coalition": "Global Coalition", "Coalition": "Global Coalition", "OIR": "Global Coalition"}
_NAME_OF["Inherent Resolve"] = "Global Coalition"


@dataclass(frozen=True, slots=True)
class _ActorMention:
    actor: Actor
    start: int
    end: int
    text: str


_COALITION_NATION_BEFORE = re.compile(rf"\b(?:{COALITION_WORDS})\s+$")


def _find_actors(text: str, start: int, end: int) -> list[_ActorMention]:
    found: list[_ActorMention] = []
    matches = _ACTOR_SCANNERS.finditer(text, start, end)
    for (actor, _), matched in zip(_ACTORS, matches, strict=True):
        for m in matched:
            if any(m.start() < a.end and a.start < m.end() for a in found):
                continue
            before = text[max(start, m.start() - 25) : m.start()]
            if actor == "isis" and (_OBJECT_BEFORE.search(before) or _GLOSS_BEFORE.search(before)):
                continue
            if m.group(0) in {"army", "Army"} and _COALITION_NATION_BEFORE.search(before):
                actor = "coalition"  # "the German army": a member's, not Iraq's
            found.append(_ActorMention(actor, m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda a: a.start)


def _actor_for(text: str, cue: _Cue, actors: Sequence[_ActorMention]) -> _ActorMention | None:
    """The nearest actor named before the cue, else the nearest after it (passives).

    A place "hosts" what comes after the verb, so there the actor after wins; an actor after
    "to" or "with" ("handed over to the Iraqi army") receives or accompanies, it does not act,
    before the cue or after it ("handed Ain al-Asad to Iraqi forces and moved to Erbil").
    """
    before = [
        a
        for a in actors
        if a.start <= cue.start
        and not _fought(text, a)
        and not (_receives(text, a) and _NEXT_VERB.search(text, a.end, cue.start))
    ]
    after = [a for a in actors if a.start >= cue.end and not _receives(text, a, cue.end)]
    if cue.family == "host" and after:
        return after[0]
    if before:
        return before[-1]
    # "advisers gone from Ain al-Asad, those sites are now under the control of Iraqi forces":
    # past a comma, a move's actor is the next clause's subject, not the one a passive omits
    return next(
        (
            a
            for a in after
            if cue.family not in {"move", "arrive", "end"}
            or (
                "," not in text[cue.end : a.start]
                and not _LISTED_BEFORE.search(text[max(cue.end, a.start - 20) : a.start])
            )
        ),
        None,
    )


def _subject_of(text: str, actors: Sequence[_ActorMention]) -> Actor:
    """Who the next sentence's "they" / "it" means: the last actor that acted.

    Not one that only received or was fought ("handed K1 to Iraqi forces. It later left Taji":
    the coalition left).
    """
    acting = [a for a in actors if not _receives(text, a) and not _fought(text, a)]
    return (acting or list(actors))[-1].actor


def _receives(text: str, actor: _ActorMention, floor: int = 0) -> bool:
    """Named after "to", "with" or "alongside" (from `floor` on): it receives, it does not act."""
    return bool(_RECIPIENT_BEFORE.search(text[max(floor, actor.start - 20) : actor.start]))


def _fought(text: str, actor: _ActorMention) -> bool:
    """Named after "fighting", "against", "to defeat": what is fought, not who acts."""
    return bool(_TARGET_BEFORE.search(text[max(0, actor.start - 30) : actor.start]))


def _victim_of(text: str, cue: _Cue, actors: Sequence[_ActorMention]) -> Actor | None:
    """Who an attack or strike hits: an actor named just after the cue, in the same clause."""
    return next(
        (
            a.actor
            for a in actors
            if cue.end <= a.start < cue.end + 40 and "," not in text[cue.end : a.start]
        ),
        None,
    )


_RECIPIENT_BEFORE = re.compile(r"\b(?:to|with|alongside)\s+(?:the\s+)?$", re.I)
_NEXT_VERB = re.compile(r"\band\b|,")
# "gone from Ain al-Asad and the Joint Operations Command": named after "from" or "and", the
# command is a place in the list, not who left it
_LISTED_BEFORE = re.compile(r"\b(?:from|and|at|in)\s+(?:the\s+)?$", re.I)
# "the allies will focus on fighting ISIS remnants ... and shift their troops": ISIS is what is
# fought there, not who shifts.
_TARGET_BEFORE = re.compile(
    r"\b(?:fight(?:ing|s)?|combat(?:ing|s)?|against|target(?:ing|s)?|hunt(?:ing)?\s+down|"
    r"pursu(?:e|ing)|defeat(?:ing)?|counter(?:ing)?)\s+(?:the\s+)?(?:remaining\s+)?"
    r"(?:(?:ISIS|ISIL|Daesh|IS|Islamic\s+State)\s+)?$",
    re.I,
)


# ---------------------------------------------------------------------------------------------
# ---------------------------------------------------------------------------------------------
# Roles and countries

_ROLES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.I), name)
    for p, name in (
        (r"\blogistic(?:al|s)?\b", "logistical"),
        (r"\bdiplomatic\b", "diplomatic"),
        (r"\btrain(?:ing|ers?)?\b", "training"),
        (r"\badvis(?:e|ory|ing|ers?|ors?)(?:[\s-]+and[\s-]+assist)?\b", "advise and assist"),
        (r"\bcounter-?terrorism\b", "counterterrorism"),
        (r"\bintelligence\b", "intelligence"),
        (r"\bair\s+support\b", "air support"),
        (r"\bforce\s+protection\b", "force protection"),
        (
            r"\b(?:protect(?:ion|ing|s)?|guard(?:ing|s)?|secur(?:e|ing))\s+(?:of\s+)?the\s+"
            r"(?:U\.?S\.?\s+|American\s+)?[Ee]mbassy\b",
            "embassy protection",
        ),
    )
)
_COUNTRIES = (
    "United States",
    "United Kingdom",
    "Britain",
    "France",
    "Germany",
    "Italy",
    "Spain",
    "Australia",
    "Canada",
    "Denmark",
    "Netherlands",
    "Norway",
    "Belgium",
    "Poland",
    "Hungary",
    "Czech Republic",
    "Finland",
    "Sweden",
    "New Zealand",
    "Portugal",
    "Romania",
    "Lithuania",
    "Latvia",
    "Estonia",
    "Turkey",
    "Jordan",
    "Slovakia",
    "Slovenia",
    "Croatia",
    "Greece",
)
_COUNTRY = re.compile(r"\b(?:" + "|".join(_COUNTRIES) + r")\b")
_COUNTRY_ALIASES = {"Britain": "United Kingdom"}
_COUNTRY_COUNT = re.compile(
    rf"\b(?P<n>\d+|{_NUMBER_WORD})\s+(?:(?:different|coalition|member|allied|partner)\s+)?"
    r"(?:countries|nations|member\s+states|allies)\b",
    re.I,
)

_ROLE_SCANS = Scanners([p for p, _ in _ROLES])
_COUNT_SCAN = Prefiltered(_COUNTRY_COUNT)


def _roles(text: str, start: int, end: int) -> tuple[str, ...]:
    window = text[start:end]
    found = _ROLE_SCANS.finditer(window, 0, len(window))
    return tuple(name for (_, name), matches in zip(_ROLES, found, strict=True) if any(matches))


def _countries(text: str, start: int, end: int) -> tuple[tuple[str, ...], int | None]:
    window = text[start:end]
    names = tuple(
        dict.fromkeys(
            _COUNTRY_ALIASES.get(m.group(0), m.group(0)) for m in _COUNTRY.finditer(window)
        )
    )
    count = _COUNT_SCAN.search(window)
    return names, (_number(count.group("n")) if count else None)


def _actor_names(text: str, start: int, end: int) -> tuple[str, ...]:
    names = (
        _NAME_OF.get(" ".join(m.group(0).split())) or _NAME_OF.get(m.group(0).rstrip("."))
        for m in _ANY_ACTOR_NAME.finditer(text, start, end)
    )
    return tuple(dict.fromkeys(n for n in names if n))


# ---------------------------------------------------------------------------------------------
