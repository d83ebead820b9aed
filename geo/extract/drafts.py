"""Drafts: a cue, its actor and one linked place -> what kind of claim, if any, holds."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.claims import ClaimKind
from geo.extract.clauses import _chunk_of
from geo.extract.cues import _HIT, _Cue
from geo.extract.implicit import _subject_place
from geo.extract.lexicon import (
    Actor,
    _ActorMention,
)
from geo.extract.linking import _backward, _forward, _fronted, _Link
from geo.extract.moves import (
    _NEEDS_ACTOR,
    _TO_FIGURE_AFTER,
    _from_the_country,
    _move_draft,
)
from geo.extract.places import _BASE_KINDS
from geo.extract.prefilter import Prefiltered
from geo.extract.state import _Draft, _State
from geo.extract.subjects import _decide_actor
from geo.extract.tense import (
    _AT,
    _DIRECT_ISIS,
    _FROM,
    _HEDGE,
    _OPERATION_OF,
    _PAST_PRESENCE,
    _PLACED,
    _PLANNED,
    _RESIDUAL,
    _TO,
    _hypothetical,
    _move_status,
    _negated,
)
from geo.gazetteer import PlaceMention

_TAKEOVER = re.compile(r"(?:t(?:ake|ook|aken|aking|akes)|assum|gain)", re.I)
_TAKES_OVER = {"iraqi_forces", "peshmerga", "pmf", "other", None}
_FEARED = re.compile(
    r"\b(?:(?P<prevent>prevent(?:s|ed|ing)?|stop(?:s|ped|ping)?|avoid(?:s|ed|ing)?)|fears?|feared|risks?|concerns?\s+(?:about|over)|possible|potential|"
    r"likely|warn(?:s|ed|ing)?\s+of)\b(?:\s+(?:of|that|any|an?|the|a\s+possible))*"
    r"(?:\s+[\w-]+){0,3}\s*$",
    re.I,
)
_MAY_DO = re.compile(
    r"\b(?:could|might|(?-i:may)|tr(?:y|ies|ied|ying)\s+to|seek(?:s|ing)?\s+to|"
    r"aim(?:s|ing)?\s+to|warn(?:s|ed|ing)?\s+that|fears?\s+that|feared\s+that)\b",
    re.I,
)
# "an ISIS suspect was sentenced by a court in Baghdad": justice, not activity at the place.
_JUDICIAL = re.compile(
    r"\b(?:sentenced|convicted|court|trial|tried|prisons?|jail(?:ed)?|"
    r"repatriat\w*|detainees)\b",
    re.I,
)
_JUDICIAL_SCAN = Prefiltered(_JUDICIAL)
# "some troops may stay at Harir for longer": a stay that may come is a planned presence.
_MAY_STAY = re.compile(r"\b(?:may|might|could|can)\s+(?:\w+ly\s+)?$", re.I)
# "the number of soldiers needed to remain in Iraq": a negotiation's subject, not a report.
_NEEDED = re.compile(
    r"\b(?:needed|necessary|required|requested|asked|seeking|seeks?|want(?:s|ed)?|demand(?:s|ed)?|"
    r"allowed|permitted)\s+(?:[\w-]+\s+){0,2}?to\s+$",
    re.I,
)

_HEDGE_SCAN = Prefiltered(_HEDGE)
_PARTIAL = re.compile(
    r"\b(?:some|several|part|a\s+number|a\s+portion|a\s+few|half|many)\s+of\b|"
    r"\b(?:some|several)\s+(?:countries|members|allies|nations|troops|forces|units)\b",
    re.I,
)
# "dozens of American soldiers withdrew from Ain al-Asad": a number left the place, not all
# (those who arrive somewhere with it did arrive: only the departure is partial)
_COUNTED = re.compile(
    r"(?<!last\s)(?<!all\s)(?<!remaining\s)(?<!final\s)(?<!the\s)"
    r"\b(?:dozens|hundreds|scores|\d[\d,]*)\s+(?:of\s+)?(?:[\w.-]+\s+){0,2}?"
    r"(?:troops|soldiers|personnel|advisers|service\s*members|marines)\b",
    re.I,
)
_BEFORE_THE_MOVE = re.compile(
    r"[^.;]{0,60}?\bbefore\s+(?:the|their|its)\s+(?:final\s+|complete\s+|full\s+|last\s+)?"
    r"(?:redeployment|withdrawal|departure|handover|hand-over|pull-?out|exit|relocation)\b",
    re.I,
)
_A_PERSON = re.compile(
    r"\s+(?:(?:in|at|to)\s+[\w\s'’-]{1,30}?\s+)?of\s+(?:the\s+|a\s+)?(?:(?:new|incoming|"
    r"outgoing|top|senior)\s+)?(?:[\w.-]+\s+){0,2}?(?:commander|envoy|ambassador|delegation|"
    r"minister|general|official|secretary|chief|president|spokes(?:man|person|woman))\b",
    re.I,
)
# "has hosted", and the present passive "troops are housed at the base": still there
_PERFECT = re.compile(
    r"\b(?:has|have|is|are)\s+(?:(?:long|also|so\s+far|now|still|currently)\s+)?$", re.I
)
_HOSTED = re.compile(r"(?i)hosted|housed")


def _shift(m: PlaceMention, offset: int) -> PlaceMention:
    return PlaceMention(m.text, m.start + offset, m.end + offset, m.candidates)


def _drafts(
    text: str,
    start: int,
    end: int,
    cues: Sequence[_Cue],
    actors: Sequence[_ActorMention],
    mentions: Sequence[PlaceMention],
    blanks: Sequence[tuple[int, int]],
    chunks: Sequence[tuple[int, int]],
    state: _State,
) -> list[_Draft]:
    drafts: list[_Draft] = []
    departed: set[str] = set()
    previous_status: str | None = None
    question = text[start:end].rstrip().endswith("?")  # "Will US troops leave Iraq?"
    hedge: re.Match[str] | None = None
    hedge_read = False  # the sentence's hedge is looked for once, when a cue first needs it
    for i, cue in enumerate(cues):
        scope_end = cues[i + 1].start if i + 1 < len(cues) else end
        scope_start = cues[i - 1].end if i > 0 else start
        chunk_start = _chunk_of(chunks, cue.start)[0]
        links = [] if cue.family == "host" else _forward(text, cue, scope_end, mentions, blanks)
        if links and cue.family == "stay" and all(lk.preposition == "near" for lk in links):
            # "Camp Victory, where US forces are stationed near Baghdad airport": "near" only
            # locates the base the relative clause is about
            links = _backward(text, cue, scope_start, mentions, blanks) or links
        if not links:
            links = _backward(text, cue, scope_start, mentions, blanks)
        if not links and cue.family in {"stay", "isis"}:
            links = _fronted(text, start, cue, mentions)
        if not links and cue.family in {"move", "stay"}:
            links = _subject_place(text, start, cue, mentions)
        actor, actor_note = _decide_actor(text, start, end, cue, actors, state)
        if not links and actor == "coalition" and actor_note is None:
            links = _from_the_country(text, start, end, cue, mentions, state)
        if _TAKEOVER.match(cue.text) and state.coalition_seen and actor in _TAKES_OVER:
            actor, actor_note = "coalition", "Iraqi forces took over the place: the coalition left"
        elif _TAKEOVER.match(cue.text):
            actor = None
        status = None
        if cue.family in {"move", "end", "arrive"}:
            status = _move_status(text, cue, chunk_start, end, start) or previous_status
            previous_status = status or previous_status
            if status == "completed" and _PARTIAL.search(text, chunk_start, cue.start):
                # "several countries ... have withdrawn troops from Erbil Air Base": some left,
                # the place is not emptied, so the drawdown there is under way, not complete
                status = "under way"
        if actor in {"coalition", "isis"}:
            state.seen_cues = True
        elif links and actor is not None:
            state.dropped.append(f"actor is not the coalition or ISIS ({actor}): {cue.text!r}")
        if not links or actor not in {"coalition", "isis"}:
            continue
        if (
            cue.family in {"move", "arrive"}
            and not cue.strong
            and not any(a.actor == actor for a in actors)
            and actor_note is None
        ):
            continue
        if (
            _NEEDS_ACTOR.match(cue.text)
            and actor_note is not None
            and not _TO_FIGURE_AFTER.search(text, cue.end, scope_end)
        ):
            continue  # "the measures reduced violence in Diyala": no force is named as reducing
        if cue.family in {"move", "end", "arrive"} and _hypothetical(text, cue, chunk_start):
            state.dropped.append(f"hypothetical move, not a report: {cue.text!r}")
            continue
        if cue.family in {"move", "end", "arrive"} and question:
            state.dropped.append(f"a question, not a report: {cue.text!r}")
            continue
        if cue.family in {"move", "arrive"} and _A_PERSON.match(text, cue.end):
            continue  # "the arrival in Iraq of the new commander": one officer, not forces
        negation = _negated(text, cue, chunk_start, start)
        if not hedge_read:
            hedge, hedge_read = _HEDGE_SCAN.search(text[start:end]), True
        notes = tuple(
            n for n in (actor_note, f"hedged: {hedge.group(0)!r}" if hedge else None) if n
        )
        for link in links:
            if _TAKEOVER.match(cue.text) and link.mention.place.kind not in _BASE_KINDS:
                continue  # Iraqi forces taking a city is no coalition departure; a base is
            draft = _draft(text, cue, link, actor, status, negation, notes, chunk_start, state)
            if draft is None:
                continue
            partial = (
                draft.kind is ClaimKind.COALITION_DEPARTURE
                and draft.status == "completed"
                and _COUNTED.search(text, chunk_start, cue.start)
            )
            draft = _Draft(
                draft.kind,
                draft.link,
                draft.cue,
                "under way" if partial else draft.status,
                draft.notes,
                tuple(lk.mention for lk in links),
            )
            if draft.kind is ClaimKind.COALITION_DEPARTURE:
                departed.add(link.mention.place.id)
            drafts.append(draft)
    # "the withdrawal would also include Ain al-Asad ..., which hosts US-led training": the
    # place a sentence says forces leave is not also reported present by that sentence.
    return [
        d
        for d in drafts
        if not (
            d.kind is ClaimKind.COALITION_PRESENCE
            and d.link.mention.place.id in departed
            and "negated departure" not in " ".join(d.notes)
            # "withdrawn from the facility, ... only a few men remained there": left behind
            and not _RESIDUAL.search(text, max(start, d.cue.start - 40), d.cue.start)
        )
    ]


_SITES_IN = re.compile(
    r"\b(?:sites|bases|locations|positions|facilities|camps|installations)\s+"
    r"(?:across|in|around|throughout|inside)\s+(?:the\s+)?$",
    re.I,
)


def _draft(
    text: str,
    cue: _Cue,
    link: _Link,
    actor: Actor,
    status: str | None,
    negation: str | None,
    notes: tuple[str, ...],
    chunk_start: int,
    state: _State,
) -> _Draft | None:
    """One cue and one place -> a draft claim, or None when the rules say nothing holds."""
    prep = link.preposition
    family = cue.family
    if actor == "isis":
        if negation:
            state.dropped.append(f"negated ISIS statement: {cue.text!r}")
            return None
        if link.mention.place.kind == "country":
            return None  # "ISIS in Iraq", "a threat in Iraq": nothing the map can show
        if family == "threat":
            return _Draft(ClaimKind.ISIS_THREAT, link, cue, None, notes)
        feared = _FEARED.search(text, max(chunk_start, cue.start - 40), cue.start)
        if feared and feared.group("prevent"):
            return None  # "to prevent any resurgence in Diyala": nothing is there yet
        if feared or _MAY_DO.search(text, max(state.sentence[0], cue.start - 80), cue.start):
            # "fears of an ISIS resurgence in Diyala", "ISIS could regroup in Anbar": a threat
            return _Draft(ClaimKind.ISIS_THREAT, link, cue, None, (*notes, "feared, not seen"))
        located = (
            prep in _AT | _TO | {"near", "between"}
            or (prep == "from" and cue.strong)
            or (prep is None and _DIRECT_ISIS.match(cue.text))
            or (prep == "of" and _OPERATION_OF.match(cue.text))
        )
        if _JUDICIAL_SCAN.search(text, *state.sentence):
            state.dropped.append(f"a court or prison, not ISIS on the ground: {cue.text!r}")
            return None
        if family in {"isis", "stay", "host"} and located:
            return _Draft(ClaimKind.ISIS_ACTIVITY, link, cue, None, notes)
        if family in {"move", "arrive"} and prep in _TO | {"between"}:
            return _Draft(ClaimKind.ISIS_ACTIVITY, link, cue, None, (*notes, "ISIS moved here"))
        return None
    if family in {"isis", "threat"}:
        return None
    if family == "end" and link.mention.place.kind == "country":
        # "its mission in Iraq will end": the mission, not the troops (they stay on bilaterally)
        state.dropped.append(f"a mission's end in the whole country is no departure: {cue.text!r}")
        return None
    if (
        family in {"move", "end"}
        and link.mention.place.kind == "country"
        and _SITES_IN.search(text, max(0, link.mention.start - 40), link.mention.start)
    ):
        # "started withdrawing from a number of sites in Iraq": some sites, not the country
        state.dropped.append(f"a move from some sites in the country, not from it: {cue.text!r}")
        return None
    if family in {"move", "end"}:
        return _move_draft(text, cue, link, status, negation, notes)
    if family == "arrive":
        if not negation and prep in _FROM:  # "arrived at Harir from Ain al-Asad": left there
            return _Draft(ClaimKind.COALITION_DEPARTURE, link, cue, status, notes)
        if negation or prep not in _AT | _TO:
            return None
        return _Draft(ClaimKind.COALITION_ARRIVAL, link, cue, status, notes)
    # presence: "stay" and "host"
    before = text[max(chunk_start, cue.start - 40) : cue.start]
    if (
        prep is None
        or prep in _FROM - {"from"}
        or (prep == "near" and not _PLACED.search(cue.text))
    ):
        return None  # "based near Erbil airport" is there; "active near" says too little
    if negation:
        if negation == "no longer":
            return _Draft(
                ClaimKind.COALITION_DEPARTURE,
                link,
                cue,
                "completed",
                (*notes, f"negated presence ({negation!r}): forces are gone"),
            )
        state.dropped.append(f"negated presence: {cue.text!r}")
        return None
    if _NEEDED.search(before):
        state.dropped.append(f"a presence needed or sought, not reported: {cue.text!r}")
        return None
    if _BEFORE_THE_MOVE.match(text, cue.end):
        state.dropped.append(f"a presence before the move, not after it: {cue.text!r}")
        return None  # "only a few remained at the base before the final redeployment"
    # "troops were attacked at the base" (a hit turned presence): there when it was hit
    if (_PAST_PRESENCE.search(before) and not _HIT.fullmatch(cue.text)) or (
        # "has hosted the bulk of the American forces": the present perfect still holds
        _HOSTED.fullmatch(cue.text) and not _PERFECT.search(before)
    ):
        state.dropped.append(f"past-tense presence, not current: {cue.text!r}")
        return None
    planned = _PLANNED.search(before) or _MAY_STAY.search(before)
    presence_status = "planned" if planned else None
    return _Draft(ClaimKind.COALITION_PRESENCE, link, cue, presence_status, notes)
