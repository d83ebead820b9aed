"""Article text -> claims: who is (or was, or will be) where, each tied to its own sentence.

Deterministic and offline. A claim is an event: an actor (actors.py: one table from adjective,
demonym or country name to country and side), an action (cues.py: families with tense and
polarity), a place (the gazetteer's token trie; places.py drops names that only locate, name a
government, a yardstick or an institution) and a time (dates.py, clauses.py), linked within a
sentence (linking.py) and resolved over the discourse (assemble.py: the actor and date carried
from the sentence before, "the group", the province already named; anaphora.py: "the base",
"there", "the capital"). A place named in passing (the site of a 2020 strike, a dateline, a
byline) yields nothing.

Modules: sentences (splitting, datelines, markup), cues (the rule table), actors + lexicon (who),
places + anaphora + linking (where), tense (phase, negation, hedges), counts (head counts),
dates (expressions -> days) + clauses (which date dates which cue), levels (national troop
levels), subjects (who a cue is about), drafts (cue + actor + place -> kind), moves
(departure, arrival, who stays after a cut, a withdrawal naming no place), fallback (a plain
ISIS statement the linking rules could not place: its few places), assemble (claims, sentence
by sentence).

Decisions worth knowing (see also the tests):
- Vague head counts: "a few" / "a handful" -> 2-9, "several" -> 3-9, "a dozen" -> ~12,
  "a few dozen" -> 24-60, "several dozen" -> 24-108, "dozens" -> 24-99, "hundreds" -> 200-999,
  "thousands" -> 2,000-9,999, all approximate; "two dozen" -> 24; "a 1,500-strong force" -> 1,500.
  "nearly/about/some/around N" -> N-N approximate; "more than N" -> N-N approximate.
- Dates: a weekday is the latest such day on or before publication; a month without a year is
  the latest such month on or before publication unless its clause speaks of the future
  ("will", "by", "until", "next"), then the next one; early/mid/late are days 1-10/11-20/21-end.
  Month names count only as capitalised whole words ("a separate incident" is no September).
  A move with no tense of its own takes its status from its date (last year -> completed).
- "no longer" present -> a completed departure; a negated departure ("will not leave Erbil")
  -> a presence; any other negation ("no troops are deployed in Mosul"), and past-tense
  presence ("were based", "once hosted"), yields no claim. So does a feared or conditional
  move ("any withdrawal from Hawler would ...", "if US forces leave ...").
- "leaves only a small team in Baghdad": those left behind are a (residual) presence.
- A place after "west of" / "near" only locates the place before it ("the Ninawa desert west
  of Mosul"); alone, it says where something happened ("a raid south of Mosul": near Mosul).
- Iran-aligned militias are actors of their own: their attacks and threats are not ISIS's;
  "ISIS threatened to attack villages in X" is a threat to X, not activity there.
- Forces named at a place with no verb ("the number of U.S. troops in Erbil") are present there
  unless negated or past; "In Erbil, U.S. troops remain" reads the fronted place.
- Only the coalition and ISIS make claims. Turkey, Iran, the PKK, militias and tribes are actors
  of their own ("Turkish troops withdrew from Bashiqa" is no coalition departure); operations,
  raids, strikes and arrests by Iraqi, Kurdish or coalition forces say where ISIS is.
- National figures are claims at `iraq` ("2,500 US troops remain in Iraq"); no ISIS claim is
  made at the whole country, and a mission's end there is no troop departure.
- Residual status comes from the wording ("only", "a small team", "a handful"), never from a
  head count: "Eight Danish instructors remain at Harir" is a plain presence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from geo.articles import MAX_ARTICLE_BYTES, Article
from geo.claims import Claim
from geo.errors import ArticleError
from geo.extract.assemble import DESERT_OF, _dedupe, _sentence_claims, _why_empty
from geo.extract.counts import parse_personnel
from geo.extract.dates import resolve_date
from geo.extract.lexicon import _ISIS_CONTEXT
from geo.extract.sentences import MAX_SENTENCE_CHARS, mask_markup, split_sentences
from geo.extract.state import _State
from geo.gazetteer import Gazetteer, default_names

_COALITION_NAME = re.compile(
    r"\b[Cc]oalition\s+(?:against|to\s+[Dd]efeat|fighting)\s+(?:the\s+)?"
    r"(?:ISIS|ISIL|IS|Daesh|Islamic\s+State)(?:\s*\((?:ISIS|ISIL|IS|Daesh)\))?"
)

__all__ = [
    "MAX_SENTENCE_CHARS",
    "Extraction",
    "explain",
    "extract",
    "extract_articles",
    "mask_markup",
    "parse_personnel",
    "resolve_date",
    "split_sentences",
]

# ---------------------------------------------------------------------------------------------
# Public API


@dataclass(frozen=True, slots=True)
class Extraction:
    """The claims of one article and, when there are none, why (for the user, not a log)."""

    claims: tuple[Claim, ...]
    reasons: tuple[str, ...] = ()


def extract(article: Article, *, gazetteer: Gazetteer | None = None) -> list[Claim]:
    """Every claim the article's body supports, ordered by offset, then kind, then place."""
    return list(explain(article, gazetteer=gazetteer).claims)


def extract_articles(
    articles: Iterable[Article], *, gazetteer: Gazetteer | None = None
) -> list[Claim]:
    """The claims of several articles, in the order the articles come."""
    gaz = gazetteer or default_names()
    return [c for a in articles for c in extract(a, gazetteer=gaz)]


def explain(article: Article, *, gazetteer: Gazetteer | None = None) -> Extraction:
    """Claims plus the reasons an article gave none (no Iraqi place, no posture statement)."""
    body = article.body
    if len(body.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{article.id}: body is over the {MAX_ARTICLE_BYTES:,}-byte limit "
            "for one article; paste the article text only"
        )
    gaz = gazetteer or default_names()
    text, had_markup = mask_markup(body)
    reasons: list[str] = ["markup (HTML tags or script) was ignored"] if had_markup else []
    state = _State(
        article=article,
        # "the international coalition against ISIS": its name alone is no ISIS reporting
        isis_context=bool(_ISIS_CONTEXT.search(_COALITION_NAME.sub(" ", text))),
        country=gaz.places.get("iraq"),
        deserts={g: gaz.places[z] for g, z in DESERT_OF.items() if z in gaz.places},
    )
    claims: list[Claim] = []
    skipped = 0
    for start, end in split_sentences(text):
        if end - start > MAX_SENTENCE_CHARS:
            skipped += 1
            continue
        claims.extend(_sentence_claims(text, start, end, gaz, state))
    if skipped:
        reasons.append(
            f"{skipped} run(s) of over {MAX_SENTENCE_CHARS:,} characters without a "
            "sentence break were skipped: that is not prose (a table, a list, code)"
        )
    claims = _dedupe(claims)
    if not claims:
        reasons.extend(_why_empty(state))
    return Extraction(tuple(claims), tuple(reasons))
