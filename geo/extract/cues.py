"""Cues: the words that say what a sentence asserts (the rule table) and where they are."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from geo.extract.actors import COALITION_WORDS
from geo.extract.prefilter import Scanners

# Cues: what a sentence asserts, and about which places


Family = Literal["move", "arrive", "end", "stay", "host", "isis", "threat"]


@dataclass(frozen=True, slots=True)
class _Cue:
    family: Family
    start: int
    end: int
    text: str
    strong: bool = True  # strong movement cues imply the coalition when no actor is named


def _cue_patterns() -> tuple[tuple[Family, bool, re.Pattern[str]], ...]:
    def words(pattern: str) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{pattern})\b", re.I)

    return (
        (
            "end",
            True,
            words(
                r"(?:conclud|complet|end|finish)(?:e|es|ed|ing|s)?\s+(?:its|their|the)\s+"
                r"(?:[\w-]+\s+){0,2}?mission|"
                # "wind down the US-led coalition in Iraq": the coalition as a mission ends
                r"(?:wind(?:s|ing)?|wound)\s+down\s+(?:the|its)\s+(?:[\w.-]+\s+){0,3}?coalition\b|"
                r"(?:(?:wound|wrap(?:s|ped|ping)?)\s+up|"
                r"(?:wind(?:s|ing)?|wound)\s+down)\s+(?:its|their|the)"
                r"\s+(?:[\w-]+\s+){0,2}?mission|"
                r"mission(?=\s+in\b[^.;]{0,70}?\b(?:end|ends|ended|conclude[sd]?|wind\s+down)\b)"
            ),
        ),
        (
            "move",
            True,
            words(
                r"withdr[ae]w(?:s|n|ing|als?)?|pull(?:s|ed|ing)?\s+out|pull-?outs?|pullback|"
                r"pull(?:s|ed|ing)?(?=\s+(?:[\w-]+\s+){1,3}?out\s+of\b)|"
                r"drawdowns?|draw(?:s|ing|n)?\s+down|drew\s+down|redeploy(?:s|ed|ing|ments?)?|"
                r"relocat(?:e|es|ed|ing|ions?)|departures?|depart(?:s|ed|ing)?|"
                r"evacuat(?:e|es|ed|ing|ions?)|vacat(?:e|es|ed|ing)|hand(?:s|ed|ing)?\s+over|"
                r"hand(?:s|ed|ing)?(?=\s+[^.;]{1,120}?\b(?:over\s+)?to\b)|"
                r"handovers?|hand-overs?|exit(?:s|ed|ing)?|"
                r"reduc(?:e|es|ed|ing|tions?)|scal(?:e|es|ed|ing)\s+(?:back|down)|"
                r"cut(?:s|ting)?(?=\s+(?:[\w-]+\s+){0,3}?(?:troops|forces|presence|numbers|"
                r"contingent|force|footprint)\b)|"
                r"downsiz(?:e|es|ed|ing)|wind(?:s|ing)?\s+down|wound\s+down|gone(?=\s+from\b)"
            ),
        ),
        (
            "move",
            False,
            words(
                r"left|leav(?:e|es|ing)|mov(?:e|es|ed|ing)|transfer(?:s|red|ring)?|"
                r"shift(?:s|ed|ing)?|reposition(?:s|ed|ing)?|quit|"
                r"head(?:s|ed|ing)?(?=\s+(?:(?:north|south|east|west)(?:wards?)?\s+)?(?:for|to|towards?)\b)|bound(?=\s+for\b)|"
                r"cross(?:es|ed|ing)?(?=\s+(?:into|to)\b)"
            ),
        ),
        (
            # Iraqi forces taking over a base the coalition held: the coalition left it.
            "move",
            True,
            words(
                r"(?:t(?:ake|akes|aking|aken|ook)|assum(?:e|es|ed|ing)|gain(?:s|ed)?)\s+"
                r"(?:full\s+|complete\s+|over\s+)?control\s+of|"
                r"t(?:ake|akes|aking|aken|ook)\s+over(?!\s+(?:the\s+)?(?:mission|role|task))"
            ),
        ),
        # "forces will consolidate in the Kurdistan Region": they gather there, an arrival
        ("arrive", False, words(r"arriv(?:e|es|ed|ing|als?)|consolidat(?:e|es|ing|ion)")),
        (
            "threat",
            True,
            words(
                r"threat(?:en(?:s|ed|ing)?|s)?|menac(?:e|es|ed|ing)|endanger(?:s|ed|ing)?|"
                r"pos(?:e|es|ed|ing)\s+(?:a\s+)?(?:[\w-]+\s+){0,2}?(?:risks?|dangers?)|"
                r"target(?:s|ing)?"
            ),
        ),
        (
            "isis",
            True,
            words(
                r"(?-i:ISIS|ISIL|IS|Daesh|Islamic\s+State)(?:\s+group)?\s+(?:members?|suspects?|"
                r"elements|operatives|emirs?|leaders?|commanders?|positions|dens|networks?|detachments?|"
                r"squads?)|"
                r"confined|hideouts?|hiding|hid(?:e|es)|holed\s+up|entrenched|remnants|"
                r"(?:sleeper\s+)?cells|pockets|holdouts|resurg(?:ence|ent)|"
                r"infiltrat(?:e|es|ed|ing|ions?)|militants|fighters|insurgents|"
                r"attack(?:s|ed|ing)?|ambush(?:es|ed)?|operations?\s+against|raids?|"
                r"air\s*strikes?|clash(?:es|ed|ing)?|lurk(?:s|ing)?|regroup(?:s|ed|ing)?|fled|sheltering|"
                r"took\s+refuge|took\s+shelter|roam(?:s|ing)?|exploit(?:s|ed|ing)?|"
                r"strongholds?|safe\s+havens?|havens?|tunnels?|caves?|dens|bastions?|targeted|"
                r"foothold|regain(?:s|ed|ing)?|plots?|plotting|"
                r"(?:terrorist|militant|jihadist|extremist)\s+(?:hideouts?|positions|cells?|groups?)"
            ),
        ),
        (
            # Operations against ISIS at a place: weak, they need ISIS named in the sentence
            # or Iraqi, Kurdish or coalition forces acting in an article about ISIS.
            "isis",
            False,
            words(
                r"(?-i:operations?|Operations?(?!\s+(?:Inherent|Command|[Cc]ent(?:er|re)|[Rr]oom)))"
                r"(?!\s+(?:command|cent(?:er|re)|room))|sweeps?|swept|offensives?|crackdowns?|"
                r"campaigns?|strikes?|struck|bomb(?:s|ed|ing|ardment|arded)|shell(?:ed|ing)|"
                r"pound(?:s|ed|ing)|arrest(?:s|ed|ing)?|captur(?:e|es|ed|ing)|"
                r"detain(?:s|ed|ing)?|hunt(?:s|ed|ing)?|pursu(?:e|ed|ing|it)|comb(?:ed|ing)|"
                r"clearance|clearing|mop-?up|search(?:es|ed|ing)?|storm(?:s|ed|ing)?|"
                r"br(?:oke|oken|eak(?:s|ing)?)\s+up|"
                # "The incident happened between Diyala and Saladin": the attack just reported
                r"incidents?(?=\s+(?:happened|took\s+place|occurred))|"
                r"dismantl(?:e|es|ed|ing)|destroy(?:s|ed|ing)?|neutrali[sz](?:e|es|ed|ing)|"
                r"kill(?:s|ed|ing)?|died|dies|eliminat(?:e|es|ed|ing)|blasts?|bombings?|"
                r"explosions?|explosive\s+devices?|IEDs?|roadside\s+bombs?|opened\s+fire|"
                r"gunmen|snipers?|mortars?|(?:weapons?|arms|ammunition)\s+(?:caches?|depots?)|caches?|"
                r"detonat(?:e|es|ed|ing)|blew\s+(?:himself|themselves)\s+up|suicide\s+(?:bombers?|belts?|vests?)"
            ),
        ),
        ("host", True, words(r"host(?:s|ed|ing)?|home\s+to|houses")),
        (
            "stay",
            True,
            words(
                r"remain(?:s|ed)?|remaining(?!\s+(?:[\w.-]+\s+){0,2}?"
                r"(?:troops|forces|soldiers|personnel|advis[eo]rs|units|contingent|trainers|staff)\b)|"
                r"stay(?:s|ed|ing)?|based|stationed|deployed|garrisoned|"
                r"headquartered|c(?:a|o)me\s+under\s+(?:[\w-]+\s+){0,2}?(?:fire|attack)|"
                r"housed|positioned|concentrated|consolidated|present|presence|"
                r"operat(?:e|es|ing)|active|serv(?:e|es|ing)(?=\s+(?:in|at|on)\b)|"
                # "British troops continue to train Peshmerga forces in Erbil": they are there
                r"(?:train|advise|mentor)(?:s|ing)?|"
                r"(?:ha(?:s|ve|d)(?!\s+(?:[a-z]{3,}ed|been|withdrawn|taken|drawn|left|sent|kept|held|no)\b)|"
                r"maintain(?:s|ed|ing)?|keep(?:s|ing)?|retain(?:s|ed|ing)?)"
                r"(?=\s+(?:[\w,-]+\s+){0,4}?(?:troops|forces|personnel|soldiers|advisers|"
                r"presence|contingent|detachment|unit|team|force)\b)|"
                r"(?:are|is)(?:\s+(?:now|currently|still|only|also|mostly|all|largely|mainly))*"
                r"(?=\s+(?:in|at|inside|within)\b)"
            ),
        ),
    )


_CUE_PATTERNS = _cue_patterns()
_CUE_SCANNERS = Scanners([p for _, _, p in _CUE_PATTERNS])


def _find_cues(text: str, start: int, end: int) -> list[_Cue]:
    """Non-overlapping cues in reading order; on overlap the earlier-listed family wins."""
    found: list[_Cue] = []
    taken: list[tuple[int, int]] = []
    matches = _CUE_SCANNERS.finditer(text, start, end)
    for (family, strong, _), matched in zip(_CUE_PATTERNS, matches, strict=True):
        for m in matched:
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(_Cue(family, m.start(), m.end(), m.group(0), strong))
    found.sort(key=lambda c: c.start)
    found = _merged_stays(text, found)
    # "British troops were attacked at a base in Erbil": the forces hit there are there
    found = [
        _Cue("stay", c.start, c.end, c.text)
        if c.family == "isis"
        and _HIT.fullmatch(c.text)
        and _FORCES_WERE.search(text, max(start, c.start - 80), c.start)
        else c
        for c in found
    ]
    # "threatened to attack villages in X": the attack is the threat, not activity there.
    for i in range(1, len(found)):
        previous, cue = found[i - 1], found[i]
        gap = text[previous.end : cue.start]
        if (
            previous.family == "threat"
            and cue.family == "isis"
            and (
                _THREAT_TO.fullmatch(gap)
                # "... through sporadic attacks, bombings and kidnappings": all its means
                or (_MEANS_LIST.fullmatch(gap) and not _THREAT_WORD.match(previous.text))
            )
        ):
            found[i] = _Cue("threat", cue.start, cue.end, cue.text, cue.strong)
        elif (
            previous.family == "isis"
            and cue.family == "threat"
            and cue.text.casefold().startswith("target")
            and not gap.strip()
        ):
            # "an IED targeting their patrol exploded": the attack hit, it did not threaten
            found[i] = _Cue("isis", cue.start, cue.end, cue.text, cue.strong)
    # "withdraw its presence from Iraq": the presence is what moves, not a statement of its own;
    # but "reduce their presence in Baghdad" keeps one there, smaller: the presence speaks.
    # "X and Y have remained among the group's strongholds": "remained" only links X to it.
    return [
        cue
        for i, cue in enumerate(found)
        if not (
            i
            and cue.family == "stay"
            and cue.text.casefold() == "presence"
            and found[i - 1].family == "move"
            and _MOVED_OBJECT.fullmatch(text[found[i - 1].end : cue.start])
            and not _SHRINKS.match(found[i - 1].text)
        )
        and not (
            i + 1 < len(found)
            and cue.family == "move"
            and _SHRINKS.match(cue.text)
            and found[i + 1].family == "stay"
            and found[i + 1].text.casefold() == "presence"
            and _MOVED_OBJECT.fullmatch(text[cue.end : found[i + 1].start])
        )
        and not (
            i + 1 < len(found)
            and cue.family == "stay"
            and found[i + 1].family == "isis"
            and _HAVEN_NOUN.match(found[i + 1].text)
            and _COPULA_GAP.fullmatch(text[cue.end : found[i + 1].start])
        )
    ]


_SHRINKS = re.compile(r"reduc|scal|cut|downsiz|draw|drew", re.I)
_HIT = re.compile(r"attacked|targeted|struck|shelled|bombed", re.I)
_FORCES_WERE = re.compile(
    rf"(?-i:\b(?:{COALITION_WORDS}|[Cc]oalition|[Ff]oreign|[Aa]llied|NATO))(?:-led)?\s+"
    r"(?:[\w-]+\s+){0,2}?(?:troops|forces|soldiers|personnel|service\s*members|advisers|"
    r"contingent|base|bases)\s+(?:were|was|have\s+been|had\s+been|has\s+been|came\s+under)"
    r"\s+(?:again\s+|also\s+)?$",
    re.I,
)
_HAVEN_NOUN = re.compile(r"strongholds?|safe\s+havens?|havens?|hideouts?|bastions?", re.I)
_COPULA_GAP = re.compile(r"\s+(?:among|one\s+of|as|an?|the)\s+(?:[\w'’-]+\s+){0,6}", re.I)


def _merged_stays(text: str, found: list[_Cue]) -> list[_Cue]:
    """'remain stationed', 'are still based': one statement, so one cue (counts read before it)."""
    merged: list[_Cue] = []
    for cue in found:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.family == cue.family == "stay"
            and _STAY_JOIN.fullmatch(text[last.end : cue.start])
        ):
            merged[-1] = _Cue("stay", last.start, cue.end, text[last.start : cue.end], True)
        else:
            merged.append(cue)
    return merged


_STAY_JOIN = re.compile(r"\s+(?:(?:still|now|currently|also|largely|mostly)\s+)?", re.I)
_MOVED_OBJECT = re.compile(
    r"\s+(?:of\s+)?(?:(?:its|their|the|his|our|US|U\.S\.|American|military|troop|coalition|"
    r"foreign)\s+){0,3}",
    re.I,
)


_MEANS_LIST = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.I)
_THREAT_WORD = re.compile(r"threat|menac|endanger|target", re.I)
_THREAT_TO = re.compile(
    r"\s+to\s+(?:(?:carry\s+out|launch|stage|mount)\s+(?:new\s+)?)?|"
    # "a threat through sporadic attacks ... in several provinces": the attacks are its means
    r"\s+(?:through|via|by\s+means\s+of)\s+(?:[\w-]+\s+){0,2}?",
    re.I,
)


# ---------------------------------------------------------------------------------------------
