"""Linking a cue to the places it governs: forward, backward (relative, passive), fronted."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.extract.cues import _Cue
from geo.extract.places import _CHAIN_GAP, _REFERENCE_BEFORE, _gap
from geo.extract.sentences import _BREAKERS_SCAN, _REPORTING
from geo.gazetteer import PlaceMention

# Linking a cue to the places it governs

_PREPOSITION = re.compile(
    r"\b(out\s+of|from|to|for|into|towards?|in|at|inside|within|across|throughout|around|"
    r"near|of|on|along|between)\b",
    re.I,
)
_NEUTRAL_WORDS = frozenset(
    {
        "and",
        "or",
        "as",
        "well",
        "the",
        "a",
        "an",
        "its",
        "their",
        "plus",
        "then",
        "also",
        "both",
        "including",
        "such",
        "along",
        "with",
        "in",
        "at",
        "to",
        "from",
        "of",
        "for",
        "into",
        "out",
        "other",
        "parts",
        "areas",
        "area",
    }
)
_FIRST_GAP_CHARS, _FIRST_GAP_WORDS = 90, 10
# A long object followed by ", particularly in X" still governs X: the elaboration names where.
_ELABORATION = re.compile(
    r",\s*(?:(?:particularly|especially|notably|mainly|mostly|chiefly|including)\s+)?(?:in|at|"
    r"around|near|along|inside|within)\s+(?:the\s+)?(?:[A-Z][\w’'-]*,?\s+(?:and\s+)?){0,2}$"
)
# "... in several provinces, spanning Diyala, Salahaddin and Kirkuk": the list names where the
# noun before it is, so it takes that noun's preposition.
_LISTED = re.compile(
    r"(?:,\s*|\s+)(?:spanning|including|such\s+as|namely|notably|especially|particularly|mainly|"
    r"chiefly)\s+(?:the\s+)?(?:(?:provinces?|governorates?|areas?|regions?|districts?)\s+"
    r"(?:of\s+)?)?$"
)
# A verb between two places starts a new statement: "remain in Baghdad, mostly guarding the
# U.S. Embassy" says where they are (Baghdad) and what they do there (guard the embassy).
_GERUND = re.compile(r"\b(?!including\b|during\b|along\b)[a-z]{3,}ing\b")
_LIST_GAP_CHARS, _LIST_GAP_WORDS = 45, 3
# "a joint operation by the Iraqi army and the Peshmerga in X": who did it is not distance
# nor is the starting figure of a cut ("from about 2,500 to fewer than 500 advisers in Erbil")
_AGENT = re.compile(
    r"\bby\s+(?:the\s+)?(?:[\w-]+\s+){1,6}?(?=(?:in|at|near|on|around)\b)|"
    r"\bfrom\s+(?:[a-z]+\s+)?\d[\d,]*\s+(?=to\b)",
    re.I,
)
# "the departure raises concerns in Anbar": what a move causes somewhere is not the move there.
_CONSEQUENCE = re.compile(
    r"\b(?:raise[sd]?|spark(?:s|ed)?|fuel(?:s|led|ed)?|cause[sd]?|worr(?:y|ies|ied)|"
    r"alarm(?:s|ed)?|concern(?:s|ed)|prompt(?:s|ed)?|pose[sd]?|affect(?:s|ed)?|"
    r"impact(?:s|ed)?|leaves?\s+a\s+(?:vacuum|gap)|fears?|risks?|debate[sd]?|"
    r"limit\s+the|strengthens?|boosts?|improves?|enhances?)\b",
    re.I,
)
_COORDINATED = re.compile(
    r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as|plus|along\s+with)\s+(?:an?|the)?", re.I
)
_BACKWARD_PASSIVE = re.compile(
    r"^\s*(?:(?:base|air\s?base|airbase|airfield|camp)\s*)?(?:,\s*)?(?:was|were|has\s+been|"
    r"have\s+been|had\s+been|will\s+be|would\s+be|is\s+to\s+be|is\s+being|are\s+being|"
    r"is\s+set\s+to\s+be|is\s+expected\s+to\s+be)(?:\s+\w+ly)?\s*$",
    re.I,
)
_KEEPS = re.compile(r"(?:ha[sdv]|maintain|keep|retain)", re.I)
# "the U.S. embassy in Baghdad would keep a security detachment": the place is the subject.
_BACKWARD_SUBJECT = re.compile(
    r"^(?:\s+(?:in|at)\s+[\w’'-]+(?:\s+[\w’'-]+)?)?\s+(?:would|will|still|also|is\s+to|"
    r"plans\s+to|continues\s+to|now)?\s*$",
    re.I,
)
_BACKWARD_RELATIVE = re.compile(
    r"^\s*(?:base|air\s?base|airbase|airfield|camp)?(?:\s*,[^,;]{1,60},)?"
    # "Erbil Airport on Sunday, where ...": the day it was hit does not come between
    r"(?:\s+(?:on|at|late|early)\s+[\w ]{1,30}?(?=,))?[\s,”\"’]*"
    r"(?:which|that|where|in\s+which|"
    r"at\s+which)\b[^;:]{0,60}$",
    re.I,
)


_TOOK_PLACE = re.compile(
    r"^\s*,?\s*(?:which|that)\s+(?:took\s+place|happened|occurred|was\s+(?:carried\s+out|"
    r"conducted|launched)|focus(?:es|ed)|concentrate[sd]|(?:is|was)\s+cent(?:er|re)d)\s+"
    r"(?:in|at|near|around|on)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Link:
    mention: PlaceMention
    preposition: str | None  # the word that ties the place to the cue, None for an object
    backward: bool = False


# "fighting ISIS in Syria and moving troops to Erbil", "operations in neighbouring Syria": the
# cue has its place, abroad; a place named after that is not where it happens.
_ABROAD = re.compile(
    r"\b(?:in|into|inside|across|throughout)\s+(?:(?:neighbou?ring|nearby|north-?eastern|eastern|"
    r"northern)\s+)?(?:Syria|Iran|Turkey|Jordan|Saudi\s+Arabia|Kuwait|Lebanon|Afghanistan|"
    r"Yemen|Libya|Israel|Gaza)\b"
)
_AND_FIGURE_IN = re.compile(
    r"\s*(?:,\s*)?(?:and|while|with)\s+(?:about\s+|some\s+|around\s+|nearly\s+)?\d[\d,]*\s+"
    r"(?:[\w-]+\s+)?(?:in|at)\s+$",
    re.I,
)
_ABROAD_NEXT = re.compile(r"\s*" + _ABROAD.pattern)


def _abroad_after(text: str, cue: _Cue) -> bool:
    """'troops in Erbil support operations in neighbouring Syria': the cue's place is abroad."""
    return bool(_ABROAD_NEXT.match(text, cue.end))


_WORD_RUN = re.compile(r"[\w’'-]+")


def _words(gap: str) -> list[str]:
    return _WORD_RUN.findall(gap)


def _content_words(gap: str) -> int:
    return sum(1 for w in _words(gap) if w.casefold() not in _NEUTRAL_WORDS)


# "to bases around Erbil", "from a camp near Kirkuk": where forces go or come from wins over
# the word that locates the base.
_DIRECTED = re.compile(
    r"\b(out\s+of|from|to|into|towards?)\s+(?:[\w’'-]+\s+){1,3}?(?:in|at|around|near|outside|"
    r"inside|within|across)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.I,
)


# "hiding in the orchards of Diyala", "pushed into the desert of western Anbar": the place is
# where "in" / "into" points; "of" only attaches it to the noun.
_GENITIVE = re.compile(
    r"\b(out\s+of|from|to|into|in|at|on|along|inside|across|throughout|around|between)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){1,3}?of\s+(?:the\s+)?(?:[\w’'-]+\s+)?$",
    re.I,
)


# "the Triangle of Death (Kirkuk, Saladin and Diyala)": "of" inside a name ties nothing
_OF_IN_NAME = re.compile(r"\b([A-Z][\w’'-]+)\s+of\s+(?=(?:the\s+)?[A-Z])")


def _last_preposition(gap: str) -> str | None:
    directed = _DIRECTED.search(gap)
    if directed:
        return " ".join(directed.group(1).casefold().split())
    if _REFERENCE_BEFORE.search(gap):
        return "near"  # "a raid south of Mosul" happened near Mosul
    genitive = _GENITIVE.search(gap)
    if genitive:
        return " ".join(genitive.group(1).casefold().split())
    found = _PREPOSITION.findall(_OF_IN_NAME.sub(r"\1 ", gap))
    return " ".join(found[-1].casefold().split()) if found else None


def _forward(
    text: str,
    cue: _Cue,
    scope_end: int,
    mentions: Sequence[PlaceMention],
    blanks: Sequence[tuple[int, int]] = (),
) -> list[_Link]:
    """The places a cue governs: the first within a short gap, then a list ('X, Y and Z')."""
    links: list[_Link] = []
    cursor = cue.end
    preposition: str | None = None
    for m in mentions:
        if m.start < cue.end:
            continue
        if m.end > scope_end:
            break
        gap = _gap(text, cursor, m.start, blanks)
        if not links and _TOOK_PLACE.match(gap):
            gap = " in "  # "the raid, which took place in the Hamrin": where the cue happened
        abroad = _ABROAD.search(gap)
        if abroad and _AND_FIGURE_IN.match(gap, abroad.end()):
            abroad = None  # "900 in Syria and 2,500 in Iraq": a second figure, placed here
        if _BREAKERS_SCAN.search(gap) or _CONSEQUENCE.search(gap) or abroad:
            break
        if links:
            if (
                len(" ".join(gap.split())) > _LIST_GAP_CHARS
                or _content_words(gap) > _LIST_GAP_WORDS
                or _GERUND.search(gap)
            ):
                break
            said = _last_preposition(gap)
            if said in {"at", "in", "of"} and _COORDINATED.match(gap):
                said = None  # "leave X, as well as another base at Y": Y is left too
            preposition = said or preposition
        else:
            # "... in the disputed areas, particularly in Daquq"; "..., spanning Diyala"
            named = _ELABORATION.search(gap) or _LISTED.search(gap)
            head = _last_preposition(gap[: named.start()]) if named else None
            if named:
                gap = named.group(0)
            measured = _AGENT.sub(" ", gap)
            if len(measured) > _FIRST_GAP_CHARS or len(measured.split()) > _FIRST_GAP_WORDS:
                break
            # "remained there": the adverb is its own "at"
            there = "at" if m.text == "there" else None
            preposition = _last_preposition(gap) or head or there
        links.append(_Link(m, preposition))
        cursor = m.end
    return links


def _backward(
    text: str,
    cue: _Cue,
    scope_start: int,
    mentions: Sequence[PlaceMention],
    blanks: Sequence[tuple[int, int]] = (),
) -> list[_Link]:
    """'Harir, which hosts US troops'; 'Ain al-Asad was handed over': the place comes first."""
    before = [m for m in mentions if scope_start <= m.start and m.end <= cue.start]
    if not before or _abroad_after(text, cue):
        return []
    m = before[-1]
    gap = _gap(text, m.end, cue.start, blanks)
    if cue.family == "move" and _BACKWARD_PASSIVE.match(gap):
        if _REFERENCE_BEFORE.search(text[max(scope_start, m.start - 40) : m.start]):
            return []  # "the airfield south of Mosul was handed over": Mosul only locates it
        return [_Link(m, None, backward=True)]
    if cue.family in {"host", "stay"} and _BACKWARD_RELATIVE.match(gap):
        return [_Link(m, "in", backward=True)]
    if cue.family == "host" and _BACKWARD_HOST.match(gap):
        return [_Link(m, "in", backward=True)]  # "Harir air base hosts U.S. troops"
    if cue.family == "isis" and _HAVEN.match(cue.text) and _BACKWARD_COPULA.match(gap):
        # "Wadi al-Shay and the Hamrin Mountains have been among the group's strongholds"
        chain = [m]
        for earlier in reversed(before[:-1]):
            if not _CHAIN_GAP.match(_gap(text, earlier.end, chain[-1].start, blanks)):
                break
            chain.append(earlier)
        return [_Link(c, "in", backward=True) for c in reversed(chain)]
    if (
        cue.family == "isis"
        and _HAVEN.match(cue.text)
        and _USED_AS.match(gap)
        and _USED_BEFORE.search(text, max(scope_start, m.start - 30), m.start)
    ):
        return [_Link(m, "in", backward=True)]  # "ISIS has used Lake Tharthar as a hideout"
    if cue.family == "stay" and _KEEPS.match(cue.text) and _BACKWARD_SUBJECT.match(gap):
        return [_Link(m, "at", backward=True)]
    return []


_BACKWARD_HOST = re.compile(
    r"^\s*(?:(?:(?:air\s*)?base|airbase|airfield|camp|complex|compound)\s*)?(?:,[^,;]{1,80},\s*)?"
    r"(?:(?:still|now|also|currently|already|continues\s+to|will|would|has|have|"
    r"(?:is|was|are|were)\s+(?:best\s+|widely\s+)?known\s+for)\s*)?$",
    re.I,
)
_HAVEN = re.compile(
    r"(?:strongholds?|safe\s+havens?|havens?|hideouts?|dens|bastions?|tunnels?|caves?)$", re.I
)
_BACKWARD_COPULA = re.compile(
    r"^\s*,?(?:[^,;]{1,60},)?\s*(?:(?:have|has|had)\s+)?(?:long\s+)?(?:been|are|is|were|was|"
    r"remain(?:s|ed)?|became|become|serve[sd]?\s+as)\s+(?:[\w'’-]+\s+){0,7}$",
    re.I,
)
_USED_AS = re.compile(
    r"^(?:(?:['’]s)?\s+[\w-]+)?\s+as\s+(?:a|an|the|their|its)\s+(?:[\w-]+\s+){0,2}$", re.I
)
_USED_BEFORE = re.compile(r"\b(?:use[sd]?|using|turned|made)\s+(?:the\s+)?$", re.I)
_FRONTED = re.compile(r"^\W*(?:In|At|Inside|Across|Throughout)\s+(?:the\s+)?$")


def _fronted(text: str, start: int, cue: _Cue, mentions: Sequence[PlaceMention]) -> list[_Link]:
    """'In Erbil, U.S. troops remain': a place put first, before a comma, says where."""
    first = next((m for m in mentions if m.end <= cue.start), None)
    if first is None or not _FRONTED.match(text[start : first.start]) or _abroad_after(text, cue):
        return []
    gap = text[first.end : cue.start]
    if not gap.lstrip().startswith(",") or _BREAKERS_SCAN.search(gap) or _REPORTING.search(gap):
        return []
    return [_Link(first, "in", backward=True)]


# ---------------------------------------------------------------------------------------------
