"""The actor table: adjective, demonym or country name -> country -> side. A new country is a row.

Sides: the coalition's members, ISIS, Iraqi forces, the Peshmerga, the PMF, Turkey, the PKK,
Iran, Iran-aligned militias, tribal fighters. Only the coalition and ISIS make claims on the map;
the others matter because their moves and attacks are theirs, not the coalition's or ISIS's
("Turkish troops withdrew from Bashiqa", "Turkish air strikes hit PKK fighters in Sinjar").
"""

from __future__ import annotations

import re
from typing import Literal

Side = Literal[
    "coalition",
    "isis",
    "iraqi_forces",
    "peshmerga",
    "pmf",
    "turkey",
    "pkk",
    "iran",
    "militia",
    "tribal",
    "other",
]
# Forces that fight ISIS: their operations, raids and strikes say where ISIS is.
FIGHTS_ISIS: frozenset[str] = frozenset({"coalition", "iraqi_forces", "peshmerga", "pmf", "other"})
# Armed actors whose attacks and moves are their own: never ISIS activity, never the coalition's.
OTHER_ARMED: frozenset[str] = frozenset({"turkey", "pkk", "iran", "militia", "tribal"})


# (words naming the country or its people, country, side): words are regex fragments, matched
# as whole words, case-sensitive (proper nouns).
NATIONS: tuple[tuple[str, str, Side], ...] = (
    (
        r"US|U\.S\.|USA|American|Americans|United\s+States|Washington|Pentagon|CENTCOM",
        "United States",
        "coalition",
    ),
    (r"British|Britain|UK|U\.K\.|United\s+Kingdom", "United Kingdom", "coalition"),
    (r"French|France", "France", "coalition"),
    (r"German|Germany|Bundeswehr", "Germany", "coalition"),
    (r"Italian|Italy", "Italy", "coalition"),
    (r"Spanish|Spain", "Spain", "coalition"),
    (r"Australian|Australia", "Australia", "coalition"),
    (r"Canadian|Canada", "Canada", "coalition"),
    (r"Danish|Denmark", "Denmark", "coalition"),
    (r"Dutch|Netherlands", "Netherlands", "coalition"),
    (r"Norwegian|Norway", "Norway", "coalition"),
    (r"Belgian|Belgium", "Belgium", "coalition"),
    (r"Polish|Poland", "Poland", "coalition"),
    (r"Hungarian|Hungary", "Hungary", "coalition"),
    (r"Czech|Czech\s+Republic|Czechia", "Czech Republic", "coalition"),
    (r"Finnish|Finland", "Finland", "coalition"),
    (r"Swedish|Sweden", "Sweden", "coalition"),
    (r"New\s+Zealand", "New Zealand", "coalition"),
    (r"Portuguese|Portugal", "Portugal", "coalition"),
    (r"Romanian|Romania", "Romania", "coalition"),
    (r"Lithuanian|Lithuania", "Lithuania", "coalition"),
    (r"Latvian|Latvia", "Latvia", "coalition"),
    (r"Estonian|Estonia", "Estonia", "coalition"),
    (r"Slovak|Slovakia", "Slovakia", "coalition"),
    (r"Slovenian|Slovenia", "Slovenia", "coalition"),
    (r"Croatian|Croatia", "Croatia", "coalition"),
    (r"Greek|Greece", "Greece", "coalition"),
    (r"Austrian|Austria", "Austria", "coalition"),
    (r"Albanian|Albania", "Albania", "coalition"),
    (r"Icelandic|Iceland", "Iceland", "coalition"),
    (r"NATO", "NATO", "coalition"),
    (r"Turkish|Turkey|Türkiye|Turkiye|Ankara", "Turkey", "turkey"),
    (r"Iranian|Iran|Tehran|IRGC", "Iran", "iran"),
)
# Groups, in the order they are tried: the longer, more specific names first.
GROUPS: tuple[tuple[Side, str], ...] = (
    (
        "militia",
        r"(?:Iran-(?:backed|aligned)|[Pp]ro-Iran(?:ian)?)(?:\s+[\w-]+){0,2}?\s+"
        r"(?:militias?|groups?|factions?|fighters|militants)|"
        r"Iran-(?:backed|aligned)|[Pp]ro-Iran(?:ian)?|[Mm]ilitias?|Kata['’]?ib\s+Hezbollah|"
        r"Hezbollah|Houthis?|Islamic\s+Resistance\s+in\s+Iraq|[Aa]rmed\s+factions?",
    ),
    ("pkk", r"PKK|Kurdistan\s+Workers['’]?\s+Party|HPG|YBS|Sinjar\s+Resistance\s+Units"),
    ("tribal", r"[Tt]ribal\s+(?:fighters|gunmen|forces|militias?|mobili[sz]ation)|[Cc]lansmen"),
    (
        "coalition",
        r"(?:[Gg]lobal\s+)?[Cc]oalition\s+to\s+[Dd]efeat\s+(?:the\s+)?"
        r"(?:Islamic\s+State|ISIS|ISIL|Daesh)(?:\s*\((?:ISIS|ISIL|IS)\))?",
    ),
    ("peshmerga", r"Peshmerga|Asayish|[Kk]urdish\s+forces|Zeravani"),
    ("pmf", r"PMF|PMU|Hashd(?:\s+al-Shaabi)?|Popular\s+Mobili[sz]ation(?:\s+Forces?)?"),
    (
        "iraqi_forces",
        r"Iraqi(?:\s+[\w-]+){0,2}?\s+(?:forces|troops|army|soldiers|police|units|military)|"
        r"CTS|Counter-?Terrorism\s+Service|(?:[Ss]ecurity|[Jj]oint)\s+forces|"
        r"[Ff]ederal\s+[Pp]olice|(?:[Ii]raqi\s+)?[Aa]rmy|[Ss]ecurity\s+[Mm]edia\s+[Cc]ell|"
        r"[Jj]oint\s+[Oo]perations\s+[Cc]ommand|[Ii]ntelligence\s+[Ss]ervice",
    ),
)
ACTOR_NOUN = (
    r"(?:troops|forces|personnel|soldiers|military|advisers|advisors|"
    r"service\s*members|servicemembers|marines|contingent|units|trainers|presence|"
    r"drawdown|withdrawal|pull-?out|redeployment|relocation|coalition|staff|"
    r"instructors|battalions?|brigades?|squadrons?|task\s+force|special\s+forces|commandos|aircraft|jets|warplanes|drones|air\s+strikes|"
    r"airstrikes|strikes|missiles|artillery|army|military\s+base|base|embassy|consulate|"
    # "hosts a US logistics support center": a facility of theirs is their presence
    r"cent(?:er|re)|facility|hub|detachment|garrison|outpost|infrastructure)"
)
_GENERIC_COALITION = r"[Ff]oreign|[Ii]nternational|[Ww]estern|[Aa]llied|[Mm]ultinational"


# A country's name is an actor only as a subject: "Denmark will withdraw", "Germany's troops",
# "The United States currently has"; "lives in Germany", "ties with Tehran" are not.
_AS_SUBJECT = (
    r"(?=['’]s\b|\s+(?:\w+ly\s+)?(?:(?:has|have|had|is|are|was|were|will|would|plans?|planned|"
    r"said|says|announced|decided|agreed|began|keeps?|kept|maintains?|retains?|still|also|then|"
    r"later|launched|fired|struck|carried)\b|(?:withdr|pull|deploy|sen[dt]|mov|relocat|reduc|"
    r"start|complet)\w*))"
)


def _nation_words(side: str) -> str:
    return "|".join(words for words, _, s in NATIONS if s == side)


COALITION_WORDS = _nation_words("coalition")


def _pattern() -> tuple[tuple[Side, re.Pattern[str]], ...]:
    """Groups first, then nations with a force noun, then bare names; ISIS last."""
    found: list[tuple[Side, re.Pattern[str]]] = [
        (side, re.compile(rf"\b(?:{words})(?!\w)")) for side, words in GROUPS
    ]
    coalition = f"{_nation_words('coalition')}|{_GENERIC_COALITION}"
    found.append(
        (
            "coalition",
            re.compile(
                rf"\b(?:{coalition})(?:-led)?(?:\s+(?:and\s+)?[\w-]+){{0,3}}?\s+(?i:{ACTOR_NOUN})\b|"
                rf"\bWashington['’]s\s+(?:drawdown|withdrawal|troops|forces)\b|"
                r"\b[Cc]oalition\b(?<!ruling [Cc]oalition)(?<!governing [Cc]oalition)"
                r"(?<!political [Cc]oalition)(?<!electoral [Cc]oalition)|"
                r"\b(?:OIR|CJTF-OIR)\b|\bOperation\s+Inherent\s+Resolve\b"
            ),
        )
    )
    others: tuple[tuple[Side, str], ...] = (("turkey", "Turkish"), ("iran", "Iranian|IRGC"))
    for side, adjectives in others:
        found.append((side, re.compile(rf"\b(?:{adjectives})\b")))
        found.append((side, re.compile(rf"\b(?:{_nation_words(side)})(?!\w){_AS_SUBJECT}")))
    # A coalition country named alone ("Denmark will withdraw ..."), after every force phrase.
    # Only as a subject: "Denmark will withdraw", "Germany's troops"; "lives in Germany" is not.
    found.append(
        (
            "coalition",
            # (?!\w), not \b: "U.S." ends in a dot, and "The U.S. has" has no boundary after it
            re.compile(rf"\b(?:{_nation_words('coalition')})(?![\w-]){_AS_SUBJECT}"),
        )
    )
    found.append(
        (
            "isis",
            re.compile(
                r"\b(?:ISIS|ISIL|IS|Daesh|Daish|Islamic\s+State)\b|"
                r"\b(?:[Ss]leeper\s+cells|[Jj]ihadists?|[Mm]ilitants|[Ii]nsurgents|[Tt]errorists?|"
                r"[Ee]xtremists|[Rr]emnants|[Tt]he\s+(?:terrorist\s+)?organi[sz]ation|"
                r"[Tt]he\s+(?:extremist\s+|terrorist\s+|jihadist\s+)?group)\b"
            ),
        )
    )
    return tuple(found)


ACTOR_PATTERNS = _pattern()
