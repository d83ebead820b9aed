"""National troop levels: "cutting troop numbers from about 2,500 to fewer than 500".

The figure a level falls *from* is how many forces are in the country now; the map shows it at
Iraq, the national total. The figure it falls *to* is a plan without a place of its own.
"""

from __future__ import annotations

import re

from geo.articles import Article
from geo.claims import Claim, ClaimKind, Personnel, SourceRef
from geo.extract.counts import _APPROX_QUALIFIER, _NUM, _QUALIFIER, _number
from geo.gazetteer import Gazetteer

_LEVELS = re.compile(
    r"\b(?P<level>(?:troop|force|personnel)\s+(?:numbers|levels|strength|count)|"
    r"number\s+of\s+(?:[\w.]+\s+)?(?:troops|soldiers|personnel|forces))"
    rf"[^.;]{{0,60}}?\bfrom\s+(?:(?P<q>{_QUALIFIER})\s+)?(?P<n>{_NUM})\s+to\s+"
    r"(?:(?:fewer|less)\s+than\s+|about\s+|around\s+|under\s+|roughly\s+)?\d",
    re.I,
)


# "The number of American troops in Iraq will fall to fewer than 2,000": a planned national level.
_FALLS_TO = re.compile(
    r"\b(?P<level>(?:troop|force)\s+(?:numbers|levels)|number\s+of\s+(?:[\w.]+\s+)?"
    r"(?:troops|soldiers|personnel|forces))\s+in\s+Iraq\s+(?:will|would|(?:is|are)\s+"
    r"(?:expected|set|due)\s+to)\s+(?:(?:fall|drop|decline|shrink|be\s+(?:cut|reduced))\s+to\s+|"
    r"be\s+(?=below|under|fewer|less))"
    rf"(?:(?P<q>{_QUALIFIER}|fewer\s+than|less\s+than|under|below)\s+)?(?P<n>{_NUM})",
    re.I,
)


def level_claims(text: str, start: int, end: int, article: Article, gaz: Gazetteer) -> list[Claim]:
    """A presence at Iraq with the figure a national troop level is cut from."""
    country = gaz.places.get("iraq")
    if country is None:
        return []
    # the national presence a stated fall will leave: planned, with its figure
    note = "a national troop level the text says forces will fall to"
    claims = [
        _level_claim(m, text, start, end, article, country.id, True, note, "planned")
        for m in _falls_to(text, start, end)
    ]
    if text.find("from", start, end) == -1:
        return claims
    for m in _LEVELS.finditer(text, start, end):
        value = _number(m.group("n"))
        if value is None or value < 10:
            continue
        approximate = bool(m.group("q") and _APPROX_QUALIFIER.match(m.group("q")))
        note = "a national troop level before a cut: the forces in Iraq now"
        claims.append(_level_claim(m, text, start, end, article, country.id, approximate, note))
    return claims


def _falls_to(text: str, start: int, end: int) -> list[re.Match[str]]:
    if text.find("Iraq", start, end) == -1 or (
        text.find("umber", start, end) == -1 and text.find("evel", start, end) == -1
    ):
        return []  # most sentences name no national level: skip the pattern
    return [m for m in _FALLS_TO.finditer(text, start, end) if (_number(m.group("n")) or 0) >= 10]


def _level_claim(
    m: re.Match[str],
    text: str,
    start: int,
    end: int,
    article: Article,
    place_id: str,
    approximate: bool,
    note: str,
    status: str | None = None,
) -> Claim:
    """A presence at Iraq with the figure the match's `n` (and qualifier `q`) states."""
    value = _number(m.group("n")) or 0
    figure = text[m.start("q") if m.group("q") else m.start("n") : m.end("n")]
    return Claim(
        kind=ClaimKind.COALITION_PRESENCE,
        place_id=place_id,
        place_text=article.body[m.start("level") : m.end("level")],
        quote=article.body[start:end],
        start=start,
        end=end,
        source=SourceRef.of(article),
        personnel=Personnel(value, value, approximate, figure),
        actors=("United States",),
        status=status,
        notes=(note,),
    )
