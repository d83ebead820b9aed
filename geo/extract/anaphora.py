"""Places a sentence means without naming them: "the base", "there", "the capital", "the country".

Each becomes a mention of the place it stands for (the base the sentence or the article last
named, Baghdad, the country the reporting is about), so the linking rules treat it like a name;
"Ayn al-Asad and Victoria military bases" gives the second base its shared noun. The article's
state remembers the base last named and the provinces named as such.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.extract.moves import _ELSEWHERE
from geo.extract.places import _BASE_KINDS, _SITE_KINDS, _claimable_mentions
from geo.extract.prefilter import Prefiltered
from geo.extract.state import _State
from geo.gazetteer import Gazetteer, PlaceMention, PlaceName

# "US forces had entirely vacated the site": the base the article last named.
_THE_SITE = re.compile(
    r"\b[Tt]he\s+(?:same\s+)?(?:base|site|facility|air\s*base|airbase|installation|compound)\b"
    r"(?!\s+(?:of|in|at|near|outside|south|north|east|west)\b)(?!['’]s)"
)
_THE_CAPITAL = re.compile(r"\b[Tt]he\s+capital\b(?!\s+(?:of|city|[A-Z]))(?!['’]s)")
_CAPITAL_SCAN = Prefiltered(_THE_CAPITAL)
_THERE = re.compile(
    r"\b(?:remain(?:s|ed)?|stay(?:s|ed)?|based|stationed|deployed)\s+(?P<there>there)\b", re.I
)
_SHARED_BASES = re.compile(
    r"\band\s+(?:the\s+)?(?P<name>[A-Z][\w-]+)\s+(?:(?:military|air|former|US)\s+)?bases\b"
)
_THE_COUNTRY = re.compile(r"\b[Tt]he\s+country\b(?!['’]s)")


def _with_anaphoric_sites(
    text: str,
    start: int,
    end: int,
    mentions: list[PlaceMention],
    state: _State,
    gaz: Gazetteer,
) -> list[PlaceMention]:
    """Add 'the base' / 'the site' as a mention of the base last named, then remember bases.

    'The capital' alone is Baghdad: the reporting is about Iraq.
    """
    found = list(mentions)
    # "Ayn al-Asad and Victoria military bases": the second name shares the first's noun
    for hit in _SHARED_BASES.finditer(text, start, end):
        name, a, b = hit.group("name"), hit.start("name"), hit.end("name")
        site = gaz.resolve(f"{name} Base", kinds=_SITE_KINDS)
        overlapping = [x for x in found if x.start < b and a < x.end]
        if site is not None and all(x.place.kind not in _SITE_KINDS for x in overlapping):
            # "Ain al-Asad and Erbil air bases": the base, not the city its name also is
            found = [x for x in found if x not in overlapping]
            found.append(PlaceMention(name, a, b, (site,)))
    capital = gaz.places.get("baghdad")
    if capital is not None:
        for hit in _CAPITAL_SCAN.finditer(text, start, end):
            if _unclaimed(hit, mentions):
                found.append(PlaceMention(hit.group(0), hit.start(), hit.end(), (capital,)))
    # "the country hosts around 2,500 US soldiers": Iraq, unless the sentence names another
    countries = (
        list(_THE_COUNTRY.finditer(text, start, end))
        if state.country and text.find("ountry", start, end) != -1
        else []
    )
    if countries and not _ELSEWHERE.search(text, start, end):
        for hit in countries:
            if _unclaimed(hit, mentions):
                found.append(PlaceMention(hit.group(0), hit.start(), hit.end(), (state.country,)))
    # "US forces had withdrawn from the facility ... only a few men remained there": the base
    # the sentence (or the one before) named
    there_said = text.find(" there", start, end) != -1
    for hit in _THERE.finditer(text, start, end) if there_said else ():
        there = _site_before(mentions, hit.start(), _BASE_KINDS, state)
        if there is not None:
            found.append(PlaceMention("there", hit.start("there"), hit.end("there"), (there,)))
    for hit in _THE_SITE.finditer(text, start, end):
        # "withdraw from Ain al-Asad by September ... to stay at the base": a base named earlier
        # in the sentence, else the one the article last named (not the Joint Operations
        # Command: named in passing, it is the command, not a base)
        site = _site_before(mentions, hit.start(), _SITE_KINDS, state)
        if site is not None and _unclaimed(hit, mentions):
            found.append(PlaceMention(hit.group(0), hit.start(), hit.end(), (site,)))
    # "Victoria Base inside Baghdad airport": the base is remembered, not what locates it
    sites = [m for m in mentions if m.place.kind in _BASE_KINDS]
    _remember_places(_claimable_mentions(text, mentions)[0] if len(sites) > 1 else mentions, state)
    return sorted(found, key=lambda m: m.start)


def _unclaimed(hit: re.Match[str], mentions: Sequence[PlaceMention]) -> bool:
    """No named place overlaps the anaphor ("the capital" inside a name is that name)."""
    return not any(x.start < hit.end() and hit.start() < x.end for x in mentions)


def _site_before(
    mentions: Sequence[PlaceMention], pos: int, kinds: frozenset[str], state: _State
) -> PlaceName | None:
    """The last site of `kinds` named before `pos` in the sentence, else the article's last."""
    named = [m.place for m in mentions if m.end <= pos and m.place.kind in kinds]
    return named[-1] if named else state.last_site


def _remember_places(mentions: Sequence[PlaceMention], state: _State) -> None:
    """The base last named and the provinces named as such, for later sentences."""
    for m in mentions:
        if m.place.kind in _BASE_KINDS:
            state.last_site = m.place
        elif m.place.kind == "governorate":
            state.provinces.add(m.place.id)
