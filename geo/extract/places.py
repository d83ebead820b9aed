"""Places: which mentions are claims' places and which only locate or name something else."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.extract.prefilter import Prefiltered
from geo.gazetteer import PlaceMention, PlaceName

# Places: which mentions are claims' places and which only locate or name something else

_LOCATIVE_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?)?"
    r"(?:(?:range|ranges|mountains?|area|areas|region|valley|desert|district|sub-?district|"
    r"village|town|city|outskirts|countryside|basin|belt|plains?|hills?|corridor|sector|"
    r"air\s*base|base|camp|complex|airport|lake|river|villages|capital)\s+)?(?:(?:which|that)\s+is\s+)?"
    r"(?:(?:located|situated|lying)\s+)?"
    r"(?:in|inside|within|near|outside|of|at|on\s+the\s+outskirts\s+of|close\s+to|between|"
    r"straddling|along|across|(?:\d[\d,.]*\s*(?:km|kilometers|kilometres|miles)\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)|"
    r"(?:\d[\d,.]*\s*(?:km|kilometers|kilometres|miles)\s+(?:from|of)))\s+"
    r"(?:the\s+)?(?:(?:western|northern|southern|eastern|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|central|Iraqi|disputed|restive|oil-rich|neighbou?ring|"
    r"nearby|[\w-]+['’]s|[a-z][\w-]*)\s+){0,3}"
    r"(?:(?:province|governorate|region|city|capital|district|town|area)\s+of\s+)?$",
    re.I,
)
# "the Ninawa desert west of Mosul": a place after "west of" / "near" is a reference point for
# the one before it, whatever the two places' sizes.
_REFERENCE = (
    r"(?:(?:\d[\d,.]*\s*(?:km|kilometers|kilometres|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|near|outside|"
    r"close\s+to|(?:on\s+)?the\s+outskirts\s+of)\s+(?:the\s+)?"
    r"(?:(?:city|town|province|governorate|district)\s+of\s+|"
    r"(?:(?:namesake|provincial|Iraqi|Kurdish|regional)\s+)*capital,?\s+)?"
    # "north of al-Rutba": the Arabic article before a name the gazetteer holds without it
    r"(?:(?:al|el|ar|as|ash|an|at|az)-)?$"
)
_REFERENCE_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:(?!(?:to|from|into|towards?|and|or|in|at|for|by)\b)[\w-]+,?\s+){0,3}?"
    + _REFERENCE,
    re.I,
)
_REFERENCE_BEFORE = re.compile(r"\b" + _REFERENCE, re.I)
# "Victoria Base inside Baghdad International Airport": what is named after "inside" contains
# the place before it, whatever their kinds, so it only locates it.
_INSIDE_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:(?:located|situated)\s+)?(?:inside|within)\s+(?:the\s+)?$", re.I
)
_CHAIN_GAP = re.compile(r"^\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?$", re.I)
_SPANNING = re.compile(r"\b(?:between|straddling|across|along|borders?|boundary|junction)\b", re.I)
_INSTITUTION_AFTER = re.compile(
    r"^(?:['’]s)?\s*(?:and\s+(?:al-)?[A-Z][\w’'-]*\s+)?(?:[Pp]rovincial\s+|Joint\s+)?"
    r"(?:[Cc]ouncil|[Gg]overnor|[Oo]perations\s+[Cc]ommands?|[Pp]olice|[Gg]overnment|[Aa]uthorities|[Oo]fficials?|"
    r"[Pp]residency|[Mm]inistry|[Pp]arliament|[Uu]niversity|[Cc]hamber|[Cc]ourt|"
    r"[Rr]egional\s+[Gg]overnment|[Rr]egion(?:al)?\s+[Pp]residen\w+|[Pp]rime\s+[Mm]inister|"
    # "Iraqi Kurdistan's counter-terrorism service said": the agency that reports, not a place
    r"(?:[Cc]ounter-?[Tt]errorism|[Ss]ecurity|[Ii]ntelligence|[Mm]edia)\s+(?:[Ss]ervices?|"
    r"[Cc]ell|[Dd]irectorate|[Aa]gency|[Oo]ffice|[Dd]epartment|[Aa]pparatus)|"
    r"[Ss]pokes(?:man|person|woman)|"
    # "Kurdistan Region security forces (Asayish) arrested": whose forces, not where they were
    r"[Ss]ecurity\s+[Ff]orces|Asayish|"
    # "the Kurdistan Commando Forces", "the Kurdistan Democratic Party": an organisation's name
    r"(?:[A-Z][\w’'-]*\s+){0,2}(?:Forces|Party|Union|Brigades?|Division|Regiment|Commandos?))\b"
)
# "Baghdad said", "Baghdad and Washington finalised an agreement": the city is its government.
_CAPITALS = r"(?:Washington|Tehran|Ankara|Damascus|London|Paris|Moscow|Baghdad|Erbil|Irbil|Hawler)"
_GOVERNMENT_AFTER = re.compile(
    rf"^(?:['’]s)?(?:\s+and\s+{_CAPITALS})?\s+(?:(?:has|have|had|also|then|later|reportedly)\s+)?"
    r"(?:said|says|say|announced|agreed|agree|finali[sz]ed|signed|insisted|demanded|rejected|"
    r"accused|told|wants|want|urged|asked|denied|confirmed|welcomed|condemned|requested|"
    r"reached|negotiated|decided|approved|struck|concluded\s+(?:an?|the)\s+(?:deal|agreement)|"
    r"formally|officially|announce|sign)\b"
)
_GOVERNMENT_BEFORE = re.compile(rf"\b{_CAPITALS}\s+and\s+$")
# "between Baghdad and Washington", "Washington and Baghdad": beside a foreign capital, a city is
# its government whatever follows. Erbil is left out: "Baghdad and Erbil" are two real places.
_FOREIGN_CAPITALS = r"(?:Washington|Tehran|Ankara|Damascus|London|Paris|Moscow)"
# ("a Baghdad–Washington agreement": joined by a dash, the two are adjectives for governments)
_FOREIGN_AFTER = re.compile(rf"^(?:['’]s)?(?:\s*(?:and|or|,)\s+|\s?[-–—]\s?){_FOREIGN_CAPITALS}\b")
_FOREIGN_BEFORE = re.compile(rf"\b{_FOREIGN_CAPITALS}(?:\s*(?:and|or|,)\s+|\s?[-–—]\s?)$")
# "as Baghdad takes control", "Baghdad seeks": a capital doing what only a government does.
_GOVERNMENT_ACTS = re.compile(
    r"^\s+(?:takes|took|seeks|sought|intends|hopes|plans\s+to|pushe[sd]|pressed|presses|"
    r"moves\s+to|moved\s+to|called\s+for|calls\s+for|insists|views|considers)\b"
)
# "areas disputed between Erbil and Baghdad", "talks between Baghdad and Erbil": two capitals
# in a dispute or a negotiation are their governments (Erbil too: it is the KRG's seat).
_DISPUTE_BEFORE = re.compile(
    r"\b(?:disputed?|disputes|talks|relations|ties|tensions|negotiations|rift|row|agreements?)"
    rf"\s+between\s+(?:{_CAPITALS}\s+and\s+)?$",
    re.I,
)
_DISPUTE_SCAN = Prefiltered(_DISPUTE_BEFORE)
# "a continuing campaign by Baghdad against the remnants": the government that wages it.
_GOVERNMENT_BY = re.compile(
    r"\b(?:campaign|drive|efforts?|offensive|crackdown|push|decision|request)\s+by\s+$", re.I
)
# "Baghdad's campaign against ISIS", "Erbil's drive to ...": what a government does, not where.
_GOVERNMENT_POSSESSION = re.compile(
    r"^\s+(?:[a-z]+\s+)?(?:campaign|drive|efforts?|offensive|decision|demands?|request|"
    r"polic(?:y|ies)|position|stance|plans?|strategy|approval|consent|call|push|bid)\b"
)
# "Iraq-U.S. relations", "US-Iraq talks": a country joined by a hyphen is an adjective.
_HYPHEN_AFTER = re.compile(r"^[-–—]\s?[A-Z]")
_HYPHEN_BEFORE = re.compile(r"[A-Za-z.][-–—]$")
# "military sites in Iraq, including Ain al-Asad": the country scopes the sites the sentence
# names, so the claims are at those sites, not at the country.
_FACILITIES_IN = re.compile(
    r"\b(?:sites|bases|positions|facilities|installations|locations)\s+(?:in|across|inside)\s+$",
    re.I,
)
# "reduce its combat missions in Iraq": the country is the mission's scope, not a place left.
_SCOPE_BEFORE = re.compile(r"\b(?:missions?|role)\s+in\s+$", re.I)
# A city after a mountain range, a wadi or a desert ("the Hamrin range in Kirkuk", "within the
# Kirkuk operational sector") can only locate it: the range is not inside the city.
_FEATURE_KINDS = frozenset({"activity_zone", "wadi", "reservoir", "lake_wadi", "region", "lake"})
# "10 km from al-Baghdadi", "30 km south of Kirkuk", "the second-largest after Balad": the
# place is a yardstick, nothing happens there.
_MEASURED_BEFORE = re.compile(
    r"(?:\d[\d,.]*\s*|\b(?:a\s+few|several|some|dozens\s+of|tens\s+of)\s+)"
    r"(?:-\s*)?(?:km|kilometers|kilometres|miles|meters|metres)\b[^,.;]{0,25}?"
    r"\b(?:from|of|to)\s+(?:the\s+)?(?:(?:city|town|province|village|district)\s+of\s+)?"
    r"(?:(?:Iraqi|provincial|namesake|Kurdish|regional)\s+)*(?:capital,?\s+)?$",
    re.I,
)
_COMPARED_BEFORE = re.compile(
    r"(?:\b\w+est\b|\b(?:second|third|more|less|larger|bigger|smaller|fewer|greater)\b)"
    r"[^,.;]{0,30}\b(?:after|than)\s+(?:the\s+|in\s+)?$|"
    r"\b(?:than|compared\s+(?:with|to)|similar\s+to|unlike)\s+(?:the\s+|in\s+)?$",
    re.I,
)
# "Iraq's Joint Operations Command said", "a cell of the JOC": the command, not a place. Its name
# is its headquarters only where forces are at, in or leave it, or in a list of sites.
_COMMAND_NAME = re.compile(r"(?:JOC|Joint\s+Operations\s+Command)", re.I)
_AT_THE_SITE = re.compile(
    r"\b(?:from|at|in|within|inside|leave|leaves|leaving|left|evacuat\w*|vacat\w*)\s+(?:the\s+)?$",
    re.I,
)
_POSSESSIVE = ("'s", "’s")
_ADJECTIVES = re.compile(r"\s*(?:[a-z][\w-]*\s+){0,3}")
_NAMED_AFTER = re.compile(r"\b(?:Wadi|Lake|Mount|Jebel|Jabal|Camp|Tal|Tell)\s+$")
_PART_OF = re.compile(
    r"\b(?:western|northern|southern|eastern|central|north-?(?:ern|western|eastern)|"
    r"south-?(?:ern|western|eastern)|(?:north|south)(?:east|west)ern)\s+$",
    re.I,
)
_MEASURED, _COMPARED = Prefiltered(_MEASURED_BEFORE), Prefiltered(_COMPARED_BEFORE)
_GOVERNORATE_WORD = re.compile(r"\b(?:provinces?|governorates?)\b", re.I)
_SITE_KINDS = frozenset({"military_base", "airport_military_base", "former_base", "compound"})
# The bases and the JOC's headquarters: the sites forces hold and leave ("the base", a handover).
_BASE_KINDS = _SITE_KINDS | {"headquarters"}
_RANK = {"country": 7, "governorate": 6, "region": 5, "activity_zone": 4}


def _rank(place: PlaceName) -> int:
    return _RANK.get(place.kind, 2 if place.kind in {"city", "town"} else 0)


def _claimable_mentions(
    text: str, mentions: Sequence[PlaceMention]
) -> tuple[list[PlaceMention], list[tuple[int, int]]]:
    """Drop mentions that only locate another place, name a part, or name an institution.

    Dropped: locators of the previous place ('JOC HQ in the Iraqi capital'), possessives naming
    a part ("Kirkuk's Hawija"), and institutions ("Anbar's council").

    Also returns the spans of the locating phrases (" in the Iraqi capital"): linking reads
    past them, so "Victory base near Baghdad airport to Harir" still reaches Harir.
    """
    kept: list[PlaceMention] = []
    locating: list[tuple[int, int]] = []
    chained = False
    names_a_site = any(x.place.kind in _SITE_KINDS for x in mentions)
    previous: PlaceMention | None = None
    previous_locative = False
    for m in mentions:
        locative = False
        if previous is not None:
            gap = text[previous.end : m.start]
            more_general = (
                _rank(m.place) > _rank(previous.place)
                or m.place.kind in {"governorate", "region", "country"}
                or (m.place.kind in {"city", "town"} and previous.place.kind in _FEATURE_KINDS)
            )
            # "the Wadi al-Shay valley south of Kirkuk": a lower-case name run straight on from
            # a place ("valley south of Kirkuk") is that place's own noun plus a locator.
            continues = not gap.strip() and m.text[:1].islower()
            if (
                (_LOCATIVE_GAP.match(gap) and more_general)
                or _INSIDE_GAP.match(gap)
                or _REFERENCE_GAP.match(gap)
                or (continues)
                # "a military base in Erbil, Iraq": the country after a comma is the address
                or (m.place.kind == "country" and gap.strip() == ",")
            ):
                locative, chained = True, bool(_SPANNING.search(gap))
                locating.append((previous.end, m.end))
            elif chained and _CHAIN_GAP.match(gap):
                locative = True
                locating.append((previous.end, m.end))
            else:
                chained = False
            if previous.text.endswith(_POSSESSIVE) and _ADJECTIVES.fullmatch(gap):
                # "Kirkuk's Hawija district", "Iraq's western Anbar province": the possessive
                # only locates, and a place it introduces inside a locator locates too.
                if previous_locative and not locative:
                    locative = True
                    locating.append((previous.end, m.end))
                if kept and kept[-1] is previous:
                    kept.pop()
        institution = _INSTITUTION_AFTER.match(
            text[m.end : m.end + 40].lstrip(" ")
        ) or _not_a_place(text, m)
        if institution and _listed_with_a_site(text, previous, m):
            institution = False  # "Ain al-Asad Air Base and the Joint Operations Command"
        scoped = (
            names_a_site
            and m.place.kind == "country"
            and bool(_FACILITIES_IN.search(text[max(0, m.start - 40) : m.start]))
        )
        if not locative and not institution and not scoped:
            kept.append(m)
        previous, previous_locative = m, locative
    return kept, locating


def _listed_with_a_site(text: str, previous: PlaceMention | None, m: PlaceMention) -> bool:
    """The command's name listed after a base ("Ain al-Asad and the JOC"): its headquarters."""
    return (
        previous is not None
        and previous.place.kind in _SITE_KINDS
        and m.place.kind == "headquarters"
        and bool(_CHAIN_GAP.match(text[previous.end : m.start]))
    )


# "the so-called 'Wilayat [Province] Kurdistan'": an ISIS command's name, not the place
_ISIS_PROVINCE = re.compile(r"\b[Ww]ilaya[th]?\s+(?:\[[^\]]{1,20}\]\s+|\([^)]{1,20}\)\s+)?$")


# "the group's leader in Iraq's Kurdistan region", "head of the Kirkuk wilayah": the domain of a
# rank someone held, not where the report puts ISIS
_ROLE_OF = re.compile(
    r"\b(?:(?:leader|commander|emir|wali|governor|chief|head)\s+(?:of|for)|"
    r"(?:group|ISIS|ISIL|IS|Daesh|organi[sz]ation)['’]s\s+(?:[\w-]+\s+)?(?:leader|commander|emir|"
    r"wali|governor|chief|head)\s+in|"
    r"(?:leader|commander|emir|wali|governor|chief|head)\s+of\s+(?:the\s+)?(?:IS|ISIS|ISIL|Daesh)"
    r"(?:\s+group)?\s+in)\s+(?:the\s+)?(?:so-called\s+)?(?:Iraq['’]s\s+)?$",
    re.I,
)


def _not_a_place(text: str, m: PlaceMention) -> bool:
    """A government ("Baghdad said"), a yardstick ("10 km from X", "second after X")."""
    before = text[max(0, m.start - 60) : m.start]
    if (
        _MEASURED.search(before)
        or _COMPARED.search(before)
        or _ISIS_PROVINCE.search(before)
        or _ROLE_OF.search(before)
    ):
        return True
    if m.place.kind == "headquarters" and _COMMAND_NAME.fullmatch(
        m.text.removesuffix("'s").removesuffix("’s")
    ):
        return not _AT_THE_SITE.search(before)
    if _NAMED_AFTER.search(before) and m.place.kind not in _FEATURE_KINDS:
        return True  # "Wadi Daquq", "Lake Tharthar" unknown: a feature named after the town
    if m.place.kind == "country" and m.text.endswith(_POSSESSIVE):
        return True  # "Iraq's Anbar province", "Iraq's second-largest airbase": it only locates
    if m.place.kind == "country" and _PART_OF.search(before):
        return True  # "western Iraq", "northern Iraq": a part the gazetteer does not draw
    if m.place.kind == "country" and (
        _HYPHEN_AFTER.match(text[m.end : m.end + 3]) or _HYPHEN_BEFORE.search(before)
    ):
        return True  # "Iraq-U.S. relations": an adjective, not a place
    if m.place.kind == "country" and _SCOPE_BEFORE.search(before):
        return True
    if m.place.kind not in {"city", "country", "governorate", "region"}:
        return False
    after = text[m.end : m.end + 80]
    if m.place.kind == "city" and (
        _FOREIGN_AFTER.match(after)
        or _FOREIGN_BEFORE.search(before)
        or _GOVERNMENT_ACTS.match(after)
        or _DISPUTE_SCAN.search(before)
        or _GOVERNMENT_BY.search(before)
        or (m.text.endswith(_POSSESSIVE) and bool(_GOVERNMENT_POSSESSION.match(after)))
    ):
        return True
    return bool(_GOVERNMENT_AFTER.match(after)) or bool(
        _GOVERNMENT_BEFORE.search(before) and _GOVERNMENT_AFTER.match(after)
    )


def _gap(text: str, start: int, end: int, blanks: Sequence[tuple[int, int]]) -> str:
    """`text[start:end]` with the locating phrases inside it blanked out."""
    gap = text[start:end]
    for a, b in blanks:
        if a < end and start < b:
            lo, hi = max(a, start) - start, min(b, end) - start
            gap = gap[:lo] + " " * (hi - lo) + gap[hi:]
    return gap


# ---------------------------------------------------------------------------------------------
