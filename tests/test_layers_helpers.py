"""Hand-built claims matching the seed article, so layers are tested without geo.extract.

Each quote is found in the article body, so offsets are real. A hostile article (script tags,
quotes, backticks, template syntax) comes from the same builder.
"""

from __future__ import annotations

import datetime as dt

from geo.articles import Article, read_article
from geo.claims import Claim, ClaimKind, DateSpan, Personnel, SourceRef
from tests.conftest import SEED

PUBLISHED = dt.date(2025, 11, 26)
LATE_AUGUST = DateSpan(dt.date(2025, 8, 21), dt.date(2025, 8, 31), "late August")
ARTICLE_DAY = DateSpan(PUBLISHED, PUBLISHED, "Wednesday")
HOSTILE = (
    '<script>window.__pwned=1</script> Tom\'s `tick` ${alert(1)} "q" & <b>bold</b> '
    '<img src=x onerror="window.__pwned=3">'
)

_BAGHDAD = "only four to five personnel remain to handle logistical and diplomatic affairs"
_FEDERAL = "The global coalition has completed its mission in federal areas"
_AUGUST = (
    "US troops would begin withdrawing from Baghdad to Erbil as the first phase of "
    "Washington’s drawdown from federal areas"
)
_SITES = (
    "The shift included planned departures from Baghdad’s international airport and "
    "heavily-fortified Green Zone, as well as the JOC headquarters in the Iraqi capital"
)
_ASAD = "the withdrawal would “also include Ain al-Assad airbase”"
_KURDISTAN = (
    "nearly 1,500 American and coalition personnel are currently in the Kurdistan "
    "Region, representing seven countries - primarily the United States, United "
    "Kingdom, France, Germany and Italy"
)
_CONFINED = (
    "ISIS militants are now confined to limited areas such as “the Anbar desert, "
    "[northeast Iraq’s] Hamrin Mountains, and the valleys in Kirkuk.”"
)
_THREAT = (
    "ISIS sleeper cells continue to threaten multiple disputed provinces, including "
    "Diyala, Kirkuk, Nineveh, and Salahaddin"
)
COUNTRIES = ("United States", "United Kingdom", "France", "Germany", "Italy")


def seed_article() -> Article:
    """The shipped Rudaw article."""
    return read_article(SEED)


def claim(article: Article, kind: ClaimKind, place_id: str, quote: str, **fields: object) -> Claim:
    """A claim whose quote is found in the article body (or, if absent, at offset 0)."""
    start = max(article.body.find(quote), 0)
    return Claim(
        kind=kind,
        place_id=place_id,
        place_text=str(fields.pop("place_text", place_id)),
        quote=quote,
        start=start,
        end=start + len(quote),
        source=SourceRef.of(article),
        **fields,
    )  # type: ignore[arg-type]


def seed_claims(article: Article | None = None) -> list[Claim]:
    """What extraction should find in the seed article, built by hand."""
    a = article or seed_article()
    P, D = ClaimKind.COALITION_PRESENCE, ClaimKind.COALITION_DEPARTURE
    claims = [
        claim(
            a,
            P,
            "baghdad",
            _BAGHDAD,
            status="residual",
            date=ARTICLE_DAY,
            personnel=Personnel(4, 5, False, "four to five personnel"),
            roles=("logistical", "diplomatic"),
        ),
        claim(a, D, "federal_iraq", _FEDERAL, status="completed", date=ARTICLE_DAY),
        *(
            claim(a, D, pid, _SITES, status="planned", date=LATE_AUGUST)
            for pid in ("baghdad_airport", "green_zone", "joc_hq")
        ),
        claim(
            a,
            D,
            "ain_al_asad",
            _ASAD,
            status="planned",
            date=LATE_AUGUST,
            place_text="Ain al-Assad airbase",
        ),
        claim(
            a,
            ClaimKind.COALITION_ARRIVAL,
            "erbil",
            _AUGUST,
            status="planned",
            date=LATE_AUGUST,
            place_text="Erbil",
            actors=("United States",),
        ),
        claim(
            a,
            P,
            "kurdistan_region",
            _KURDISTAN,
            date=ARTICLE_DAY,
            personnel=Personnel(1500, 1500, True, "nearly 1,500"),
            countries=COUNTRIES,
            country_count=7,
            actors=("United States", "Global Coalition"),
        ),
        *(
            claim(a, ClaimKind.ISIS_ACTIVITY, pid, _CONFINED)
            for pid in ("anbar_desert", "hamrin_mountains", "kirkuk_valleys")
        ),
        *(
            claim(a, ClaimKind.ISIS_THREAT, f"{name}_governorate", _THREAT)
            for name in ("diyala", "kirkuk", "nineveh", "salahaddin")
        ),
    ]
    return claims


def august_claim(article: Article | None = None) -> Claim:
    """The 'would begin withdrawing from Baghdad' claim some extractors emit."""
    a = article or seed_article()
    return claim(
        a, ClaimKind.COALITION_DEPARTURE, "baghdad", _AUGUST, status="under way", date=LATE_AUGUST
    )


def hostile_article() -> Article:
    """An article whose title, outlet, url and quote carry markup and script syntax."""
    body = f"Forces left Ain al-Asad. {HOSTILE} They remain in Erbil."
    return Article(
        id="hostile",
        title=f"Evil {HOSTILE}",
        source=f"Outlet {HOSTILE}",
        published=dt.date(2025, 11, 27),
        body=body,
        url="javascript:window.__pwned=2",
    )


def hostile_claims() -> list[Claim]:
    """Seed claims plus claims from the hostile article, whose quotes carry the payload."""
    a = hostile_article()
    quote = f"Forces left Ain al-Asad. {HOSTILE}"
    return [
        *seed_claims(),
        claim(
            a,
            ClaimKind.COALITION_DEPARTURE,
            "ain_al_asad",
            quote,
            status="completed",
            place_text=HOSTILE,
        ),
        claim(a, ClaimKind.ISIS_ACTIVITY, "hamrin_mountains", quote, place_text=HOSTILE),
    ]


def test_seed_quotes_are_in_the_article_body() -> None:
    article = seed_article()
    for c in seed_claims(article):
        assert article.body[c.start : c.end] == c.quote, c.place_id
    assert article.body[august_claim().start : august_claim().end] == august_claim().quote
