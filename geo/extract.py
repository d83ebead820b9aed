"""Article text -> claims: who is (or was, or will be) where, each tied to its own sentence.

Deterministic and offline: the gazetteer finds places, cue phrases say what is asserted about
them, and small rules decide the actor, the phase of a move, negation, head counts and dates.
A claim is made only where a cue in a sentence links a place in that same sentence; a place
named in passing (the site of a 2020 strike, a dateline, a byline) yields nothing.

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
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from geo.articles import MAX_ARTICLE_BYTES, Article
from geo.claims import Claim, ClaimKind, DateSpan, Personnel, SourceRef
from geo.errors import ArticleError
from geo.gazetteer import Gazetteer, Place, PlaceMention, default_gazetteer

Family = Literal["move", "arrive", "end", "stay", "host", "isis", "threat"]
# "other" is Iraqi and Kurdish forces (they fight ISIS); "militia" is Iran-aligned groups,
# whose attacks and threats are theirs, not ISIS's.
Actor = Literal["coalition", "isis", "other", "militia"]

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
    gaz = gazetteer or default_gazetteer()
    return [c for a in articles for c in extract(a, gazetteer=gaz)]


def explain(article: Article, *, gazetteer: Gazetteer | None = None) -> Extraction:
    """Claims plus the reasons an article gave none (no Iraqi place, no posture statement)."""
    body = article.body
    if len(body.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{article.id}: body is over the {MAX_ARTICLE_BYTES:,}-byte limit "
            "for one article; paste the article text only"
        )
    gaz = gazetteer or default_gazetteer()
    text, had_markup = mask_markup(body)
    reasons: list[str] = ["markup (HTML tags or script) was ignored"] if had_markup else []
    state = _State(article=article, isis_context=bool(_ISIS_CONTEXT.search(text)))
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
        reasons.extend(_why_empty(text, gaz, state))
    return Extraction(tuple(claims), tuple(reasons))


# News sentences run to a few hundred characters; linking work grows with the square of a
# sentence's length, so a longer run (a table, a list, minified code) is skipped, not parsed.
MAX_SENTENCE_CHARS = 2_000

_ABBREVIATIONS = frozenset(
    {
        "u.s",
        "u.k",
        "u.n",
        "us",
        "lt",
        "gen",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "brig",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "vs",
        "e.g",
        "i.e",
        "approx",
        "a.m",
        "p.m",
        "inc",
        "corp",
        "jr",
        "sr",
        "ret",
        "dept",
        "est",
        "mt",
    }
)
_SENTENCE_END = re.compile(r"[.!?]+[”\"’')\]]*(?=\s|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) with `text[start:end]` stripped of surrounding space.

    Lines are paragraphs; inside one, a sentence ends at . ! or ? (plus closing quotes) unless
    the word is an abbreviation ("U.S.", "Lt.", "Gen.") or an initial, or lower case follows.
    A leading dateline ("ERBIL, Kurdistan Region - ") is not part of the first sentence, also
    when a pasted headline (a line with no full stop) comes before it.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    lead = True  # still in the headline lines a pasted article may start with
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if lead:
            dateline = _DATELINE.match(line)
            if dateline:
                line_start += dateline.end()
            lead = not dateline and not _SENTENCE_END.search(line)
        cursor = line_start
        for m in _SENTENCE_END.finditer(text, line_start, line_end):
            if not _is_boundary(text, cursor, m):
                continue
            spans.append((cursor, m.end()))
            cursor = m.end()
        spans.append((cursor, line_end))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def mask_markup(text: str) -> tuple[str, bool]:
    """Blank out HTML tags, comments and script/style elements, keeping every offset.

    Zero-width characters that web pages paste along ("US\u200b troops") become spaces too,
    one for one, so words still split where the reader sees them split.
    """
    masked, count = _MARKUP.subn(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return _INVISIBLE.sub(" ", masked), count > 0


def parse_personnel(text: str) -> Personnel | None:
    """The first head count in `text`: 'four to five' -> 4-5, 'nearly 1,500' -> ~1,500."""
    return _find_personnel(text, 0, len(text))


def resolve_date(text: str, published: dt.date, *, future: bool = False) -> DateSpan | None:
    """The first date expression in `text`, resolved against the publication date."""
    found = _date_matches(text, published, future=future)
    return found[0][2] if found else None


# ---------------------------------------------------------------------------------------------
# Sentences and markup

_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+)*(?:,[^\n\-–—]{1,40}?)?(?:\s*\([^)\n]{1,40}\))?"
    r"\s*[-–—]{1,2}\s+"
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_MARKUP = re.compile(
    r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)|</?[A-Za-z!][^<>]{0,1000}>",
    re.S | re.I,
)


def _is_boundary(text: str, start: int, m: re.Match[str]) -> bool:
    if m.group(0)[0] == ".":
        word = re.search(r"[\w.]+$", text[start : m.start()])
        token = (word.group(0) if word else "").casefold().rstrip(".")
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            return False
    following = text[m.end() : m.end() + 3].lstrip()
    return not following or not following[0].islower()


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------
# Cues: what a sentence asserts, and about which places


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
                r"(?:[\w-]+\s+){0,2}?mission|(?:(?:wound|wrap(?:s|ped|ping)?)\s+up|"
                r"(?:wind(?:s|ing)?|wound)\s+down)\s+(?:its|their|the)"
                r"\s+(?:[\w-]+\s+){0,2}?mission|"
                r"mission(?=\s+in\b[^.;]{0,40}?\b(?:end|ends|ended|conclude[sd]?|wind\s+down)\b)"
            ),
        ),
        (
            "move",
            True,
            words(
                r"withdr[ae]w(?:s|n|ing|als?)?|pull(?:s|ed|ing)?\s+out|pull-?outs?|pullback|"
                r"drawdowns?|draw(?:s|ing|n)?\s+down|drew\s+down|redeploy(?:s|ed|ing|ments?)?|"
                r"relocat(?:e|es|ed|ing|ions?)|departures?|depart(?:s|ed|ing)?|"
                r"evacuat(?:e|es|ed|ing|ions?)|vacat(?:e|es|ed|ing)|hand(?:s|ed|ing)?\s+over|"
                r"hand(?:s|ed|ing)?(?=\s+[^.;]{1,80}?\b(?:over\s+)?to\b)|"
                r"handovers?|hand-overs?|exit(?:s|ed|ing)?"
            ),
        ),
        (
            "move",
            False,
            words(
                r"left|leav(?:e|es|ing)|mov(?:e|es|ed|ing)|transfer(?:s|red|ring)?|"
                r"shift(?:s|ed|ing)?|reposition(?:s|ed|ing)?|quit|"
                r"head(?:s|ed|ing)?(?=\s+(?:for|to|towards?)\b)|bound(?=\s+for\b)"
            ),
        ),
        ("arrive", False, words(r"arriv(?:e|es|ed|ing|als?)")),
        (
            "threat",
            True,
            words(
                r"threat(?:en(?:s|ed|ing)?|s)?|menac(?:e|es|ed|ing)|endanger(?:s|ed|ing)?|"
                r"target(?:s|ed|ing)?"
            ),
        ),
        (
            "isis",
            True,
            words(
                r"(?-i:ISIS|ISIL|IS|Daesh|Islamic\s+State)(?:\s+group)?\s+(?:members?|suspects?|"
                r"elements|operatives|emirs?|leaders?|commanders?|positions|dens|networks?)|"
                r"confined|hideouts?|hiding|hid(?:e|es)|holed\s+up|entrenched|remnants|"
                r"(?:sleeper\s+)?cells|pockets|holdouts|resurg(?:ence|ent)|"
                r"infiltrat(?:e|es|ed|ing|ions?)|militants|fighters|insurgents|"
                r"attack(?:s|ed|ing)?|ambush(?:es|ed)?|operations?\s+against|raids?|"
                r"air\s*strikes?|clashes|lurk(?:s|ing)?|regroup(?:s|ed|ing)?|fled|sheltering|"
                r"took\s+refuge|took\s+shelter|roam(?:s|ing)?|exploit(?:s|ed|ing)?"
            ),
        ),
        ("host", True, words(r"host(?:s|ed|ing)?|home\s+to|houses")),
        (
            "stay",
            True,
            words(
                r"remain(?:s|ed|ing)?|stay(?:s|ed|ing)?|based|stationed|deployed|garrisoned|"
                r"housed|positioned|concentrated|consolidated|present|presence|"
                r"operat(?:e|es|ing)|active|"
                r"(?:ha(?:s|ve|d)|maintain(?:s|ed|ing)?|keep(?:s|ing)?|retain(?:s|ed|ing)?)"
                r"(?=\s+(?:[\w,-]+\s+){0,3}?(?:troops|forces|personnel|soldiers|advisers|"
                r"presence|contingent|detachment)\b)|"
                r"(?:are|is)(?:\s+(?:now|currently|still|only|also|mostly|all|largely|mainly))*"
                r"(?=\s+(?:in|at|inside|within)\b)"
            ),
        ),
    )


_CUE_PATTERNS = _cue_patterns()


def _find_cues(text: str, start: int, end: int) -> list[_Cue]:
    """Non-overlapping cues in reading order; on overlap the earlier-listed family wins."""
    found: list[_Cue] = []
    taken: list[tuple[int, int]] = []
    for family, strong, pattern in _CUE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(_Cue(family, m.start(), m.end(), m.group(0), strong))
    found.sort(key=lambda c: c.start)
    # "threatened to attack villages in X": the attack is the threat, not activity there.
    for i in range(1, len(found)):
        previous, cue = found[i - 1], found[i]
        if (
            previous.family == "threat"
            and cue.family == "isis"
            and _THREAT_TO.fullmatch(text[previous.end : cue.start])
        ):
            found[i] = _Cue("threat", cue.start, cue.end, cue.text, cue.strong)
    return found


_THREAT_TO = re.compile(r"\s+to\s+(?:(?:carry\s+out|launch|stage|mount)\s+(?:new\s+)?)?", re.I)


# ---------------------------------------------------------------------------------------------
# Actors: who a cue is about

_ISIS_CONTEXT = re.compile(r"\b(?:ISIS|ISIL|IS|Daesh|Daish|Islamic State|sleeper cells)\b")
_FORCE_NOUN = (
    r"(?:troops|forces|personnel|soldiers|military|advisers|advisors|"
    r"service\s*members|servicemembers|marines|contingent|units|trainers|presence|"
    r"drawdown|withdrawal|pull-?out|redeployment|relocation|coalition|staff|"
    r"instructors)"
)
_NATIONAL = (
    r"(?:US|U\.S\.|American|foreign|[Ii]nternational|[Ww]estern|[Aa]llied|French|"
    r"British|German|Italian|Spanish|Australian|Canadian|Danish|Dutch|Norwegian|"
    r"Belgian|[Mm]ultinational|NATO)"
)
_ACTORS: tuple[tuple[Actor, re.Pattern[str]], ...] = (
    (
        "militia",
        re.compile(
            r"\b(?:Iran-(?:backed|aligned)|[Pp]ro-Iran(?:ian)?)(?:\s+[\w-]+){0,2}?\s+"
            r"(?:militias?|groups?|factions?|fighters|militants)\b|"
            r"\b(?:Iran-(?:backed|aligned)|[Pp]ro-Iran(?:ian)?)\b|\b[Mm]ilitias?\b|"
            r"\bKata['’]?ib\s+Hezbollah\b|\bHezbollah\b|\bHouthis?\b|"
            r"\bIslamic\s+Resistance\s+in\s+Iraq\b"
        ),
    ),
    (
        "coalition",
        re.compile(
            r"(?:[Gg]lobal\s+)?[Cc]oalition\s+to\s+[Dd]efeat\s+(?:the\s+)?"
            r"(?:Islamic\s+State|ISIS|ISIL|Daesh)(?:\s*\((?:ISIS|ISIL|IS)\))?"
        ),
    ),
    (
        "other",
        re.compile(
            r"\bIraqi(?:\s+[\w-]+){0,2}?\s+(?:forces|troops|army|soldiers|police|units|military)\b|"
            r"\b(?:Peshmerga|PMF|Hashd|Asayish|CTS)\b|\bPopular\s+Mobili[sz]ation\b|"
            r"\bCounter-?Terrorism\s+Service\b|\b(?:[Ss]ecurity|[Kk]urdish)\s+forces\b|"
            r"\b[Ff]ederal\s+[Pp]olice\b|"
            r"\b(?:[Ii]raqi\s+)?[Aa]rmy\b"
        ),
    ),
    (
        "coalition",
        re.compile(
            rf"\b{_NATIONAL}(?:-led)?(?:\s+(?:and\s+)?[\w-]+){{0,3}}?\s+(?i:{_FORCE_NOUN})\b|"
            r"\bAmericans\b|\bWashington['’]s\s+(?:drawdown|withdrawal|troops|forces)\b|"
            r"(?<!ruling )(?<!governing )(?<!political )(?<!electoral )\b[Cc]oalition\b|"
            r"\b(?:NATO|OIR|CJTF-OIR|CENTCOM|Pentagon)\b|\bOperation\s+Inherent\s+Resolve\b"
        ),
    ),
    (
        "isis",
        re.compile(
            r"\b(?:ISIS|ISIL|IS|Daesh|Daish|Islamic\s+State)\b|"
            r"\b(?:[Ss]leeper\s+cells|[Jj]ihadists?|[Mm]ilitants|[Ii]nsurgents|[Tt]errorists?|"
            r"[Ee]xtremists|[Rr]emnants)\b"
        ),
    ),
)
# "against ISIS", "to defeat ISIS": ISIS is the object there, not the one acting.
_OBJECT_BEFORE = re.compile(
    r"(?:against|targeting|target|defeat(?:ing)?|fight(?:ing)?|counter-?|anti-?|on|of)\s+"
    r"(?:the\s+)?$",
    re.I,
)
_ANAPHORIC_SUBJECT = re.compile(
    r"^\W*(?:They|Those|These|The\s+(?:remaining\s+|rest\s+of\s+the\s+)?(?:forces|troops|"
    r"personnel|soldiers|advisers|militants|fighters|cells|group|contingent|units))\b"
)

# "Some 2,500 troops are deployed ...": whose troops is the previous sentence's business.
_BARE_FORCES = re.compile(rf"\b{_FORCE_NOUN}\b", re.I)
_ACTOR_NAMES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), name)
    for p, name in (
        (r"\b(?:US|U\.S\.|American|Americans|Washington|Pentagon|CENTCOM)\b", "United States"),
        (r"\b[Cc]oalition\b|\bOIR\b|Inherent Resolve", "Global Coalition"),
        (r"\bNATO\b", "NATO"),
        (r"\bFrench\b", "France"),
        (r"\bBritish\b", "United Kingdom"),
        (r"\bGerman\b", "Germany"),
        (r"\bItalian\b", "Italy"),
        (r"\bSpanish\b", "Spain"),
        (r"\bAustralian\b", "Australia"),
        (r"\bCanadian\b", "Canada"),
        (r"\bDanish\b", "Denmark"),
        (r"\bDutch\b", "Netherlands"),
        (r"\bNorwegian\b", "Norway"),
        (r"\bBelgian\b", "Belgium"),
    )
)


@dataclass(frozen=True, slots=True)
class _ActorMention:
    actor: Actor
    start: int
    end: int
    text: str


def _find_actors(text: str, start: int, end: int) -> list[_ActorMention]:
    found: list[_ActorMention] = []
    for actor, pattern in _ACTORS:
        for m in pattern.finditer(text, start, end):
            if any(m.start() < a.end and a.start < m.end() for a in found):
                continue
            if actor == "isis" and _OBJECT_BEFORE.search(
                text[max(start, m.start() - 25) : m.start()]
            ):
                continue
            found.append(_ActorMention(actor, m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda a: a.start)


def _actor_for(text: str, cue: _Cue, actors: Sequence[_ActorMention]) -> _ActorMention | None:
    """The nearest actor named before the cue, else the nearest after it (passives).

    A place "hosts" what comes after the verb, so there the actor after wins; an actor after
    "to" or "with" ("handed over to the Iraqi army") receives or accompanies, it does not act.
    """
    before = [a for a in actors if a.start <= cue.start]
    after = [
        a
        for a in actors
        if a.start >= cue.end
        and not _RECIPIENT_BEFORE.search(text[max(cue.end, a.start - 20) : a.start])
    ]
    if cue.family == "host" and after:
        return after[0]
    if before:
        return before[-1]
    return after[0] if after else None


_RECIPIENT_BEFORE = re.compile(r"\b(?:to|with|alongside)\s+(?:the\s+)?$", re.I)


# ---------------------------------------------------------------------------------------------
# Places: which mentions are claims' places and which only locate or name something else

_LOCATIVE_GAP = re.compile(
    r"^\s*,?\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?)?(?:(?:which|that)\s+is\s+)?"
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
    r"(?:(?:city|town|province|governorate|district)\s+of\s+)?$"
)
_REFERENCE_GAP = re.compile(
    r"^\s*,?\s*(?:(?!(?:to|from|into|towards?|and|or|in|at|for|by)\b)[\w-]+\s+){0,3}?" + _REFERENCE,
    re.I,
)
_REFERENCE_BEFORE = re.compile(r"\b" + _REFERENCE, re.I)
_CHAIN_GAP = re.compile(r"^\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?$", re.I)
_SPANNING = re.compile(r"\b(?:between|straddling|across|along)\b", re.I)
_INSTITUTION_AFTER = re.compile(
    r"^(?:['’]s)?\s*(?:[Pp]rovincial\s+)?(?:[Cc]ouncil|[Gg]overnor|Operations\s+Command|"
    r"[Oo]perations\s+[Cc]ommand|[Pp]olice|[Gg]overnment|[Aa]uthorities|[Oo]fficials?|"
    r"[Pp]residency|[Mm]inistry|[Pp]arliament|[Uu]niversity|[Cc]hamber|[Cc]ourt)\b"
)
_GOVERNORATE_WORD = re.compile(r"\b(?:provinces?|governorates?)\b", re.I)
_RANK = {"governorate": 6, "region": 5, "activity_zone": 4}


def _rank(place: Place) -> int:
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
    previous: PlaceMention | None = None
    for m in mentions:
        locative = False
        if previous is not None:
            gap = text[previous.end : m.start]
            more_general = _rank(m.place) > _rank(previous.place) or m.place.kind in {
                "governorate",
                "region",
            }
            # "the Wadi al-Shay valley south of Kirkuk": a lower-case name run straight on from
            # a place ("valley south of Kirkuk") is that place's own noun plus a locator.
            continues = not gap.strip() and m.text[:1].islower()
            if (
                (_LOCATIVE_GAP.match(gap) and more_general)
                or _REFERENCE_GAP.match(gap)
                or (continues)
            ):
                locative, chained = True, bool(_SPANNING.search(gap))
                locating.append((previous.end, m.end))
            elif chained and _CHAIN_GAP.match(gap):
                locative = True
                locating.append((previous.end, m.end))
            else:
                chained = False
            if (
                not gap.strip()
                and re.search(r"['’]s$", previous.text)
                and kept
                and kept[-1] is previous
            ):
                kept.pop()  # "Kirkuk's Hawija district": the possessive only locates
        institution = _INSTITUTION_AFTER.match(text[m.end : m.end + 40].lstrip(" "))
        if not locative and not institution:
            kept.append(m)
        previous = m
    return kept, locating


def _gap(text: str, start: int, end: int, blanks: Sequence[tuple[int, int]]) -> str:
    """`text[start:end]` with the locating phrases inside it blanked out."""
    gap = text[start:end]
    for a, b in blanks:
        if a < end and start < b:
            lo, hi = max(a, start) - start, min(b, end) - start
            gap = gap[:lo] + " " * (hi - lo) + gap[hi:]
    return gap


# ---------------------------------------------------------------------------------------------
# Linking a cue to the places it governs

_BREAKERS = re.compile(
    r"\b(?:said|says|told|according|which|who|whom|whose|where|while|but|although|though|"
    r"after|before|when|because|since|amid|despite|whereas|following|until|during|if|unless|"
    r"that|(?<!well\s)as\s+the)\b|[;:]",
    re.I,
)
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
    r",\s*(?:particularly|especially|notably|mainly|mostly|chiefly|including)\s+(?:in|at|around|"
    r"near|along)\s+(?:the\s+)?(?:[A-Z][\w’'-]*,?\s+(?:and\s+)?){0,2}$"
)
# A verb between two places starts a new statement: "remain in Baghdad, mostly guarding the
# U.S. Embassy" says where they are (Baghdad) and what they do there (guard the embassy).
_GERUND = re.compile(r"\b(?!including\b|during\b|along\b)[a-z]{3,}ing\b")
_LIST_GAP_CHARS, _LIST_GAP_WORDS = 45, 3
_BACKWARD_PASSIVE = re.compile(
    r"^\s*(?:base|air\s?base|airbase|airfield|camp)?\s*[,]?\s*(?:was|were|has\s+been|"
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
    r"^\s*(?:base|air\s?base|airbase|airfield|camp)?[\s,”\"’]*(?:which|that|where|in\s+which|"
    r"at\s+which)\b[^;:]{0,60}$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Link:
    mention: PlaceMention
    preposition: str | None  # the word that ties the place to the cue, None for an object
    backward: bool = False


def _words(gap: str) -> list[str]:
    return re.findall(r"[\w’'-]+", gap)


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
    r"\b(out\s+of|from|to|into|in|at|inside|across|throughout|around)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){1,3}?of\s+(?:the\s+)?(?:[\w’'-]+\s+)?$",
    re.I,
)


def _last_preposition(gap: str) -> str | None:
    directed = _DIRECTED.search(gap)
    if directed:
        return re.sub(r"\s+", " ", directed.group(1).casefold())
    if _REFERENCE_BEFORE.search(gap):
        return "near"  # "a raid south of Mosul" happened near Mosul
    genitive = _GENITIVE.search(gap)
    if genitive:
        return re.sub(r"\s+", " ", genitive.group(1).casefold())
    found = _PREPOSITION.findall(gap)
    return re.sub(r"\s+", " ", found[-1].casefold()) if found else None


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
        if _BREAKERS.search(gap):
            break
        if links:
            if (
                len(gap) > _LIST_GAP_CHARS
                or _content_words(gap) > _LIST_GAP_WORDS
                or _GERUND.search(gap)
            ):
                break
            preposition = _last_preposition(gap) or preposition
        else:
            elaboration = _ELABORATION.search(gap)
            if elaboration:  # "... in the disputed areas, particularly in Daquq"
                gap = elaboration.group(0)
            if len(gap) > _FIRST_GAP_CHARS or len(gap.split()) > _FIRST_GAP_WORDS:
                break
            preposition = _last_preposition(gap)
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
    if not before:
        return []
    m = before[-1]
    gap = _gap(text, m.end, cue.start, blanks)
    if cue.family == "move" and _BACKWARD_PASSIVE.match(gap):
        if _REFERENCE_BEFORE.search(text[max(scope_start, m.start - 40) : m.start]):
            return []  # "the airfield south of Mosul was handed over": Mosul only locates it
        return [_Link(m, None, backward=True)]
    if cue.family in {"host", "stay"} and _BACKWARD_RELATIVE.match(gap):
        return [_Link(m, "in", backward=True)]
    if cue.family == "stay" and _KEEPS.match(cue.text) and _BACKWARD_SUBJECT.match(gap):
        return [_Link(m, "at", backward=True)]
    return []


_FRONTED = re.compile(r"^\W*(?:In|At|Inside|Across|Throughout)\s+(?:the\s+)?$")


def _fronted(text: str, start: int, cue: _Cue, mentions: Sequence[PlaceMention]) -> list[_Link]:
    """'In Erbil, U.S. troops remain': a place put first, before a comma, says where."""
    first = next((m for m in mentions if m.end <= cue.start), None)
    if first is None or not _FRONTED.match(text[start : first.start]):
        return []
    gap = text[first.end : cue.start]
    if not gap.lstrip().startswith(",") or _BREAKERS.search(gap) or _REPORTING.search(gap):
        return []
    return [_Link(first, "in", backward=True)]


# ---------------------------------------------------------------------------------------------
# Phase of a move, negation, hedges, tense

_PLANNED = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|to\s+be|plans?|planned|planning|expected|"
    r"scheduled|set\s+to|intends?|intended|aims?\s+to|due\s+to|agreed\s+to|decided\s+to|"
    r"decision\s+to|upcoming|proposed|future|by\s+the\s+end\s+of|"
    r"(?:may|might|could)(?:\s+(?:soon|also|still))?\s+be)\b|['’]ll\b",
    re.I,
)
_UNDER_WAY = re.compile(
    r"\b(?:began|begun|begins|beginning|start(?:ed|s|ing)|underway|under\s+way|ongoing|"
    r"continu\w*|in\s+progress|progressively|gradually|(?:is|are|been)\s+\w+ing)\b",
    re.I,
)
_COMPLETED = re.compile(
    r"\b(?:completed|complete|concluded|finished|fully|already|has|have|had|ended|effectively)"
    r"\b",
    re.I,
)
_PAST_FORM = re.compile(
    r"(?:withdrew|withdrawn|left|pulled\s+out|moved|relocated|evacuated|vacated|handed\s+over|"
    r"departed|redeployed|transferred|shifted|drew\s+down|drawn\s+down|exited|quit|arrived|"
    r"repositioned|concluded|completed|ended|finished|wound\s+up|wrapped\s+up)\b",
    re.I,
)
_AFTER_COMPLETED = re.compile(
    r"^[^,;]{0,30}?\b(?:is|was|has\s+been|were)\s+(?:now\s+|fully\s+)?(?:complete|completed|"
    r"finished|over|done)\b",
    re.I,
)
_AFTER_UNDER_WAY = re.compile(
    r"^[^,;]{0,30}?\b(?:is|was|are)\s+(?:now\s+)?(?:under\s?way|ongoing|in\s+progress)|"
    r"^[^,;]{0,30}?\b(?:began|started|has\s+begun)\b",
    re.I,
)
_AFTER_PLANNED = re.compile(
    r"^[^,;]{0,30}?\b(?:will|would|(?:is|are)\s+to|(?:is|are)\s+(?:due|set|scheduled|expected|"
    r"planned)\s+to|(?:is|are)\s+expected)\b",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|without|denied|denies|deny|refuted|dismissed)\b|n['’]t\b", re.I
)
_NO_LONGER = re.compile(r"\bno\s+longer\b|\bno\b[^,;]{0,40}$", re.I)
_DENIAL = re.compile(r"\b(?:denied|denies|deny|refuted|dismissed|rejected)\b", re.I)
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|unconfirmed|rumou?red|may|might|could|possibly|"
    r"likely|unclear)\b",
    re.I,
)
_PAST_PRESENCE = re.compile(
    r"\b(?:were|was|had\s+been|used\s+to|formerly|previously|once|until)\b", re.I
)
_RESIDUAL = re.compile(
    r"\b(?:only|a\s+few|handful|residual|small\s+(?:number|team|contingent|group|detachment)|"
    r"skeleton|remaining\s+few)\b",
    re.I,
)
_FROM = {"from", "out of", "of"}
_TO = {"to", "for", "into", "toward", "towards"}
_AT = {"in", "at", "inside", "within", "across", "throughout", "on", "around", "along"}
_DIRECT_MOVES = re.compile(r"^(?:left|leav|vacat|evacuat|exit|quit|hand|withdr|pull)", re.I)
_PLACED = re.compile(r"stationed|based|deployed|positioned|garrisoned|concentrated", re.I)
_LEAVE = re.compile(r"^(?:leav|left)", re.I)
_LEFT_BEHIND = re.compile(rf"\b(?:{_FORCE_NOUN}|team|detachment|advisers|force|group)\b", re.I)
_DIRECT_ISIS = re.compile(r"^(?:attack|ambush|infiltrat|roam)", re.I)


def _move_status(text: str, cue: _Cue, window_start: int, chunk_end: int) -> str | None:
    """Planned (would/will/is to) / under way (began, are withdrawing) / completed (left)."""
    before = text[max(window_start, cue.start - 60) : cue.start]
    after = text[cue.end : chunk_end]
    if _PLANNED.search(before) or (
        re.search(r"\bto\s+$", before, re.I) and not _UNDER_WAY.search(before)
    ):
        return "planned"
    if _UNDER_WAY.search(before + cue.text):
        return "under way"
    if _PAST_FORM.match(cue.text) or _COMPLETED.search(before):
        return "completed"
    if _AFTER_COMPLETED.match(after):
        return "completed"
    if _AFTER_UNDER_WAY.match(after):
        return "under way"
    if _AFTER_PLANNED.match(after):
        return "planned"
    return None


_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:any|possible|potential|eventual|hypothetical|premature)\s+(?:[\w-]+\s+)?$", re.I
)
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether|in\s+case)\b", re.I)


def _hypothetical(text: str, cue: _Cue, window_start: int) -> bool:
    """'any withdrawal from Hawler would ...', 'if US forces leave ...': feared, not reported."""
    return bool(
        _HYPOTHETICAL_BEFORE.search(text[max(window_start, cue.start - 30) : cue.start])
        or _CONDITIONAL.search(text[window_start : cue.start])
    )


def _negated(text: str, cue: _Cue, window_start: int, sentence_start: int) -> str | None:
    """'no longer' / 'not' / a denial before the cue in its clause, else None."""
    before = text[max(window_start, cue.start - 40) : cue.start]
    if re.search(r"\bno\s+longer\b", before, re.I):
        return "no longer"
    word = _NEGATION.search(before) or _NEGATION.search(cue.text)
    if word:
        return "no" if _NO_LONGER.search(before) else word.group(0).casefold()
    if _DENIAL.search(text[sentence_start : cue.start]):
        return "denied"
    return None


# ---------------------------------------------------------------------------------------------
# Head counts

_UNITS = {
    w: i
    for i, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        )
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2
    )
}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+(?:thousand|hundred|dozen))?|"
    rf"(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?={_NUMBER_WORD}))?)+)"
)
_QUALIFIER = (
    r"(?:nearly|almost|about|around|some|roughly|approximately|an\s+estimated|"
    r"estimated|up\s+to|more\s+than|over|at\s+least|fewer\s+than|less\s+than|under|"
    r"close\s+to|just\s+over|just\s+under)"
)
_VAGUE = {
    "a few dozen": (24, 60),
    "a few hundred": (200, 600),
    "several hundred": (200, 900),
    "a few": (2, 9),
    "a handful of": (2, 9),
    "several": (3, 9),
    "a dozen": (12, 12),
    "dozens of": (24, 99),
    "hundreds of": (200, 999),
    "thousands of": (2000, 9999),
    "a small number of": (2, 9),
    "several dozen": (24, 108),
    "a few thousand": (2000, 6000),
    "several thousand": (2000, 9000),
}
_VAGUE_WORDS = "|".join(re.escape(v) for v in sorted(_VAGUE, key=len, reverse=True))
_PERSON_NOUN = (
    r"(?:personnel|troops|soldiers|forces|advisers|advisors|service\s*members|"
    r"servicemembers|marines|trainers|members|staff|contractors|instructors|"
    r"military\s+personnel|special\s+forces|fighters|militants)"
)
_COUNT = re.compile(
    rf"(?:(?P<q>{_QUALIFIER})\s+)?(?:between\s+)?(?:[“\"]\s*)?"
    rf"(?:(?P<vague>{_VAGUE_WORDS})|(?P<a>{_NUM})"
    rf"(?:\s*(?:to|-|–|and|or)\s*(?P<b>{_NUM}))?)"
    rf"(?:-strong\s+(?:[\w.-]+\s+){{0,2}}?(?:force|contingent|mission|presence|deployment)\b|"
    rf"(?P<mid>(?:\s+[\w.’'-]+){{0,3}}?)\s+{_PERSON_NOUN}\b)",
    re.I,
)
# "a small contingent - estimated at a few dozen - stays": the count after the noun it counts.
_VAGUE_BARE = "|".join(
    re.escape(v.removesuffix(" of")) for v in sorted(_VAGUE, key=len, reverse=True)
)
_APPOSITIVE_COUNT = re.compile(
    rf"\b(?:contingent|force|forces|troops|personnel|presence|team|detachment|soldiers|"
    rf"advisers|trainers)\b[\s,—–(-]+(?P<est>estimated\s+at|numbering|totall?ing|put\s+at)\s+"
    rf"(?:(?P<q>{_QUALIFIER})\s+)?(?:(?P<vague>{_VAGUE_BARE})|(?P<a>{_NUM})"
    rf"(?:\s*(?:to|-|–|and|or)\s*(?P<b>{_NUM}))?)\b",
    re.I,
)
_APPROX_QUALIFIER = re.compile(
    r"nearly|almost|about|around|some|roughly|approximately|estimated|up\s+to|more\s+than|"
    r"over|at\s+least|fewer\s+than|less\s+than|under|close\s+to|just",
    re.I,
)


def _number(text: str) -> int | None:
    """'1,500' -> 1500, '2.5 thousand' -> 2500, 'twenty-five hundred' -> 2500."""
    t = text.casefold().replace(",", "").strip()
    digits = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(thousand|hundred|dozen))?", t)
    if digits:
        value = float(digits.group(1)) * (_SCALES[digits.group(2)] if digits.group(2) else 1)
        return round(value)
    total, current = 0, 0
    for word in re.findall(r"[a-z]+", t):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if word == "thousand":
                total, current = total + current, 0
        elif word != "and":
            return None
    return total + current if (total or current or "zero" in t) else None


def _personnel(m: re.Match[str]) -> Personnel | None:
    groups = m.groupdict()
    mid = (groups.get("mid") or "").strip()
    if re.search(r"\b(?:years?|days?|km|kilometres|miles|percent|per)\b", mid, re.I):
        return None
    phrase = m.group(0)
    approximate = bool(m.group("q") and _APPROX_QUALIFIER.match(m.group("q"))) or bool(
        groups.get("est")
    )
    if m.group("vague"):
        vague = re.sub(r"\s+", " ", m.group("vague").casefold())
        low, high = _VAGUE.get(vague) or _VAGUE[f"{vague} of"]
        return Personnel(low, high, True, phrase)
    low_value = _number(m.group("a"))
    high_value = _number(m.group("b")) if m.group("b") else low_value
    if low_value is None or high_value is None or not 0 < low_value <= high_value:
        return None
    if low_value > 1_000_000:
        return None
    return Personnel(low_value, high_value, approximate, phrase)


def _find_personnel(text: str, start: int, end: int) -> Personnel | None:
    for pattern in (_COUNT, _APPOSITIVE_COUNT):
        for m in pattern.finditer(text, start, end):
            personnel = _personnel(m)
            if personnel is not None:
                return Personnel(
                    personnel.min,
                    personnel.max,
                    personnel.approximate,
                    _trim_count_text(personnel.text),
                )
    return None


def _trim_count_text(phrase: str) -> str:
    return phrase.strip(' “"')


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


def _roles(text: str, start: int, end: int) -> tuple[str, ...]:
    window = text[start:end]
    return tuple(name for pattern, name in _ROLES if pattern.search(window))


def _countries(text: str, start: int, end: int) -> tuple[tuple[str, ...], int | None]:
    window = text[start:end]
    names = tuple(
        dict.fromkeys(
            _COUNTRY_ALIASES.get(m.group(0), m.group(0)) for m in _COUNTRY.finditer(window)
        )
    )
    count = _COUNTRY_COUNT.search(window)
    return names, (_number(count.group("n")) if count else None)


def _actor_names(text: str, start: int, end: int) -> tuple[str, ...]:
    window = text[start:end]
    hits = sorted(
        (m.start(), name) for pattern, name in _ACTOR_NAMES for m in pattern.finditer(window)
    )
    return tuple(dict.fromkeys(name for _, name in hits))


# ---------------------------------------------------------------------------------------------
# Dates

_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
# Capitalised whole words only: "a separate incident" holds no "Sep", "the march" no March.
_MONTH = (
    r"(?-i:\b(?:January|February|March|April|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|(?![A-Za-z])))"
)
_MONTH_OR_MAY = rf"(?:{_MONTH}|(?-i:\bMay\b))"
_WEEKDAYS = {name.casefold(): i for i, name in enumerate(calendar.day_name)}
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_REL_YEAR = rf"(?:{_YEAR}|next\s+year|this\s+year|last\s+year)"
_PART = (
    r"(?:early|mid|mid-|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|"
    r"the\s+start\s+of|start\s+of)"
)
_DATE = re.compile(
    rf"(?P<between>between\s+(?P<m1>{_MONTH_OR_MAY})\s+and\s+(?P<m2>{_MONTH_OR_MAY})"
    rf"(?:\s*,?\s*(?P<by>{_REL_YEAR}))?)|"
    rf"(?P<part>{_PART})\s*(?P<pm>{_MONTH_OR_MAY})(?:\s*,?\s*(?P<py>{_REL_YEAR}))?|"
    rf"(?P<md>{_MONTH_OR_MAY})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*,?\s*(?P<dy1>{_YEAR}))?|"
    rf"\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{_MONTH_OR_MAY})(?:\s*,?\s*(?P<dy2>{_YEAR}))?|"
    rf"(?:(?P<mprep>in|since|by|until|from|during|through|last|next|this)\s+)?"
    rf"(?P<mo>{_MONTH_OR_MAY})(?:\s*,?\s*(?P<my>{_REL_YEAR}))?|"
    rf"(?P<wrel>last|this|next|on)?\s*\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
    rf"Saturday|Sunday)\b|"
    rf"(?P<rel>earlier\s+this\s+(?:month|year)|later\s+this\s+(?:month|year)|"
    rf"(?:this|last|next)\s+(?:week|month|year)|yesterday|today|tonight)|"
    rf"(?:(?:in|since|by|until|during|from|of|early|late|mid-?|end\s+of)\s+)(?P<year>{_YEAR})\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|scheduled|expected|set\s+to|due|next|by|until|"
    r"upcoming|plans?\s+to)\b",
    re.I,
)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_of(qualifier: str | None, published: dt.date) -> int | None:
    if not qualifier:
        return None
    q = qualifier.casefold()
    if q.startswith("next"):
        return published.year + 1
    if q.startswith("last"):
        return published.year - 1
    if q.startswith("this"):
        return published.year
    return int(q)


def _month_year(month: int, published: dt.date, *, future: bool) -> int:
    """The year of a bare month: the latest on or before publication, or the next if future."""
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _month(name: str) -> int:
    return _MONTHS[name.casefold().rstrip(".")]


def _resolve(m: re.Match[str], published: dt.date, future: bool) -> DateSpan | None:
    """One date match -> a span; None for words that only look like dates ('may')."""
    g = m.groupdict()
    text = m.group(0).strip()
    if g["between"]:
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        year = _year_of(g["by"], published) or _month_year(m1, published, future=future)
        end_year = year if m2 >= m1 else year + 1
        return DateSpan(dt.date(year, m1, 1), _month_end(end_year, m2), text)
    if g["part"]:
        month = _month(g["pm"])
        year = _year_of(g["py"], published) or _month_year(month, published, future=future)
        part = g["part"].casefold()
        last = calendar.monthrange(year, month)[1]
        first, final = (
            (1, 10)
            if part.startswith(("early", "the beginning", "beginning", "the start", "start"))
            else (11, 20)
            if part.startswith("mid")
            else (21, last)
        )
        return DateSpan(dt.date(year, month, first), dt.date(year, month, final), text)
    if g["md"] or g["dm"]:
        month = _month(g["md"] or g["dm"])
        day = int(g["d1"] or g["d2"])
        explicit = g["dy1"] or g["dy2"]
        year = int(explicit) if explicit else _month_year(month, published, future=future)
        if day > calendar.monthrange(year, month)[1]:
            return None
        if not explicit and not future and dt.date(year, month, day) > published:
            year -= 1
        return DateSpan(dt.date(year, month, day), dt.date(year, month, day), text)
    if g["mo"]:
        if g["mo"].casefold() == "may" and not (g["mprep"] or g["my"]):
            return None  # the modal verb
        month = _month(g["mo"])
        prep = (g["mprep"] or "").casefold()
        year = _year_of(g["my"], published) or (
            published.year + (1 if month <= published.month else 0)
            if prep == "next"
            else _month_year(month, published, future=future or prep in {"by", "until"})
        )
        return DateSpan(dt.date(year, month, 1), _month_end(year, month), text)
    if g["wd"]:
        target = _WEEKDAYS[g["wd"].casefold()]
        back = (published.weekday() - target) % 7
        if (g["wrel"] or "").casefold() == "next":
            when = published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
        else:
            when = published - dt.timedelta(days=back)
        return DateSpan(when, when, text)
    if g["rel"]:
        return _relative(g["rel"].casefold(), published, text)
    if g["year"]:
        year = int(g["year"])
        return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), text)
    return None


def _relative(rel: str, p: dt.date, text: str) -> DateSpan:
    rel = re.sub(r"\s+", " ", rel)
    month_start = p.replace(day=1)
    monday = p - dt.timedelta(days=p.weekday())
    prev_month_end = month_start - dt.timedelta(days=1)
    spans = {
        "yesterday": (p - dt.timedelta(days=1), p - dt.timedelta(days=1)),
        "today": (p, p),
        "tonight": (p, p),
        "this week": (p - dt.timedelta(days=p.weekday()), p),
        "last week": (monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)),
        "next week": (monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)),
        "this month": (month_start, _month_end(p.year, p.month)),
        "earlier this month": (month_start, p),
        "later this month": (p, _month_end(p.year, p.month)),
        "last month": (prev_month_end.replace(day=1), prev_month_end),
        "next month": (
            _month_end(p.year, p.month) + dt.timedelta(days=1),
            _month_end(*_next_month(p)),
        ),
        "this year": (dt.date(p.year, 1, 1), dt.date(p.year, 12, 31)),
        "earlier this year": (dt.date(p.year, 1, 1), p),
        "later this year": (p, dt.date(p.year, 12, 31)),
        "last year": (dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31)),
        "next year": (dt.date(p.year + 1, 1, 1), dt.date(p.year + 1, 12, 31)),
    }
    first, last = spans[rel]
    return DateSpan(first, last, text)


def _next_month(p: dt.date) -> tuple[int, int]:
    return (p.year + 1, 1) if p.month == 12 else (p.year, p.month + 1)


def _date_matches(
    text: str, published: dt.date, *, future: bool, start: int = 0, end: int | None = None
) -> list[tuple[int, int, DateSpan]]:
    found = []
    for m in _DATE.finditer(text, start, len(text) if end is None else end):
        if not m.group(0).strip():
            continue
        span = _resolve(m, published, future)
        if span is not None:
            found.append((m.start(), m.end(), span))
    return found


# ---------------------------------------------------------------------------------------------
# Chunks: which date in a sentence dates which cue

_CHUNK_SPLIT = re.compile(r",\s+|;\s+|\s+[-–—]\s+")
_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|confirmed|stated|reported|added|showed|revealed|"
    r"according|noted|explained|disclosed)\b",
    re.I,
)
_LEADING_ADVERBIAL = re.compile(
    r"^\W*(?:(?:in|on|by|since|between|around|during|from|as\s+of|earlier|later|last|this|"
    r"until)\s+)?(?:the\s+)?$",
    re.I,
)
# "In a separate incident on Sunday, ...": a verbless opening phrase dates the whole sentence.
_SCENE_SETTING = re.compile(
    r"^\W*(?:In|On|At|During|Late|Early|Earlier|Later)\b(?![^,]*\b\w+ed\b)[^,]*$"
)
_UNTIL = re.compile(r"\b(?:until|till|through)\s+(?:the\s+)?$", re.I)
_UNTIL_START = re.compile(r"(?:until|till|through)\b", re.I)
_SAME_TIME = re.compile(
    r"^\W*(?:(?:Around|At|About)\s+the\s+same\s+time|(?:The|This|That)\s+(?:shift|move|"
    r"withdrawal|drawdown|pull-?out|relocation|redeployment|plan|handover|transfer|"
    r"departure|phase|process)\b|Meanwhile)",
    re.I,
)


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for m in _CHUNK_SPLIT.finditer(text, start, end):
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, end))
    return spans


def _chunk_of(chunks: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in chunks:
        if a <= pos < b:
            return a, b
    return chunks[-1]


@dataclass(frozen=True, slots=True)
class _SentenceDates:
    wide: DateSpan | None  # applies to every cue (leading adverbial, reporting clause)
    local: tuple[tuple[int, tuple[int, int], DateSpan], ...]  # (offset, chunk, date)


def _sentence_dates(
    text: str,
    start: int,
    end: int,
    published: dt.date,
    chunks: Sequence[tuple[int, int]],
    cues: Sequence[_Cue] = (),
) -> _SentenceDates:
    wide: DateSpan | None = None
    local: list[tuple[int, tuple[int, int], DateSpan]] = []
    for a, b, span in _date_matches(text, published, future=False, start=start, end=end):
        chunk = _chunk_of(chunks, a)
        if _FUTURE.search(text[chunk[0] : chunk[1]]):
            redo = _date_matches(text, published, future=True, start=a, end=b)
            span = redo[0][2] if redo else span
        until = _UNTIL.search(text[max(start, a - 8) : a]) or _UNTIL_START.match(span.text)
        if until and span.end >= published:
            # "will stay until September 2026": the claim holds from now to then.
            label = (
                span.text
                if _UNTIL_START.match(span.text)
                else (f"{until.group(0).strip()} {span.text}")
            )
            span = DateSpan(min(published, span.start), span.end, label)
        leading = (
            chunk == chunks[0]
            and len(chunks) > 1
            and bool(
                _LEADING_ADVERBIAL.match(text[chunk[0] : a])
                or (
                    _SCENE_SETTING.match(text[chunk[0] : chunk[1]])
                    and not any(chunk[0] <= c.start < chunk[1] for c in cues)
                )
            )
        )
        reporting = _REPORTING.search(text[chunk[0] : chunk[1]])
        if (leading or reporting) and wide is None:
            wide = span
        else:
            local.append((a, chunk, span))
    return _SentenceDates(wide, tuple(local))


def _date_for(
    text: str,
    dates: _SentenceDates,
    chunk: tuple[int, int],
    cue: _Cue,
    next_start: int,
    cues: Sequence[_Cue],
) -> DateSpan | None:
    """The date of the cue's own clause, else one in its chunk, else the sentence-wide one.

    The clause's date is the first after the cue (before the next cue, across commas into a
    phrase with no cue and no clause of its own: "handed K1, northwest of Kirkuk, over to Iraqi
    forces in 2020").
    """
    for offset, c, span in dates.local:
        if cue.start <= offset < next_start and (
            c == chunk
            or (
                not any(c[0] <= q.start < c[1] for q in cues)
                and not _BREAKERS.search(text[c[0] : offset])
            )
        ):
            return span
    for _, c, span in dates.local:
        if c == chunk:
            return span
    return dates.wide


# ---------------------------------------------------------------------------------------------
# Assembling claims, sentence by sentence


@dataclass(slots=True)
class _State:
    """What a sentence may borrow from the one before: its actor and its date."""

    article: Article
    isis_context: bool
    actor: Actor | None = None
    date: DateSpan | None = None
    seen_places: bool = False
    seen_cues: bool = False
    dropped: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Draft:
    kind: ClaimKind
    link: _Link
    cue: _Cue
    status: str | None
    notes: tuple[str, ...]
    siblings: tuple[PlaceMention, ...] = ()  # the places listed under the same cue


def _sentence_claims(text: str, start: int, end: int, gaz: Gazetteer, state: _State) -> list[Claim]:
    cues = _find_cues(text, start, end)
    actors = _find_actors(text, start, end)
    chunks = _chunks(text, start, end)
    published = state.article.published
    dates = _sentence_dates(text, start, end, published, chunks, cues)
    carried = (
        dates.wide is None
        and not dates.local
        and bool(_SAME_TIME.match(text[start:end]))
        and state.date is not None
    )
    if carried:
        dates = _SentenceDates(state.date, ())
    claims: list[Claim] = []
    implicit = _IMPLICIT_PRESENCE.search(text, start, end)
    if cues or implicit:
        state.seen_cues = True
        mentions = [_shift(m, start) for m in gaz.find(text[start:end])]
        state.seen_places = state.seen_places or bool(mentions)
        mentions, blanks = _claimable_mentions(text, mentions)
        drafts = _drafts(text, start, end, cues, actors, mentions, blanks, chunks, state)
        drafted = [_claim(text, start, end, d, cues, chunks, dates, carried, state) for d in drafts]
        if implicit:
            for d in _implicit_presence(text, start, mentions, drafts):
                all_cues = sorted([*cues, d.cue], key=lambda c: c.start)
                drafted.append(_claim(text, start, end, d, all_cues, chunks, dates, carried, state))
        claims = [c for c in drafted if _current_enough(c, state)]
    if actors:
        state.actor = actors[-1].actor
    state.date = dates.wide or (dates.local[-1][2] if dates.local else state.date)
    return claims


# "the number of U.S. troops in Erbil", "a drone attack on coalition forces at Harir": forces
# named at a place are there, even when no verb says so.
_IMPLICIT_PRESENCE = re.compile(
    r"(?-i:\b(?:U\.S\.|US|American|[Cc]oalition|[Ff]oreign|[Aa]llied|NATO|French|British|"
    r"German|Italian|Spanish|Australian|Canadian))(?:-led)?(?:\s+(?:military|special|combat))?"
    r"\s+(?P<noun>troops|forces|personnel|soldiers|advisers|trainers|contingent)\s+"
    r"(?:in|at|inside)\s+(?:the\s+)?",
    re.I,
)
_ABSENT_BEFORE = re.compile(
    r"\b(?:no|not|without|any|former|formerly|once|previously)\s+(?:[\w.’'-]+\s+){0,3}$", re.I
)


def _implicit_presence(
    text: str, start: int, mentions: Sequence[PlaceMention], drafts: Sequence[_Draft]
) -> list[_Draft]:
    """Presence where forces are named at a place the sentence says nothing else about."""
    claimed = {d.link.mention.place.id for d in drafts}
    found: list[_Draft] = []
    for m in mentions:
        window_start = max(start, m.start - 80)
        match = None
        for candidate in _IMPLICIT_PRESENCE.finditer(text, window_start, m.start):
            match = candidate if candidate.end() == m.start else None
        if match is None or m.place.id in claimed:
            continue
        before = text[max(start, match.start() - 40) : match.start()]
        after = text[m.end : m.end + 25]
        if _ABSENT_BEFORE.search(before) or re.match(r"\W*(?:was|were|had)\b", after, re.I):
            continue
        noun_end = match.end("noun")
        cue = _Cue("stay", match.start(), noun_end, text[match.start() : noun_end])
        found.append(
            _Draft(
                ClaimKind.COALITION_PRESENCE,
                _Link(m, "in"),
                cue,
                None,
                ("forces named at the place, no verb",),
            )
        )
        claimed.add(m.place.id)
    return found


def _shift(m: PlaceMention, offset: int) -> PlaceMention:
    return PlaceMention(m.text, m.start + offset, m.end + offset, m.candidates)


def _decide_actor(
    text: str, start: int, cue: _Cue, actors: Sequence[_ActorMention], state: _State
) -> tuple[Actor | None, str | None]:
    """Who the cue is about, and a note when that is inferred rather than named."""
    if cue.family in {"isis", "threat"}:
        before = [a for a in actors if a.end <= cue.start]
        subject = before[-1].actor if before else None
        # Militia rockets are not ISIS attacks; "Iraqi forces targeted ..." is no ISIS threat.
        if subject == "militia" or (cue.family == "threat" and subject not in {None, "isis"}):
            return None, None
        named = any(a.actor == "isis" for a in actors)
        return ("isis", None) if named or state.isis_context else (None, None)
    found = _actor_for(text, cue, actors)
    if found is not None:
        return found.actor, None
    anaphoric = (
        _ANAPHORIC_SUBJECT.match(text[start : cue.start])
        or _BARE_FORCES.search(text[start : cue.start])
        or cue.family in {"move", "arrive"}
    )
    if anaphoric and state.actor is not None:
        return state.actor, f"actor carried from the previous sentence ({state.actor})"
    if cue.family in {"move", "end"} and cue.strong:
        return "coalition", "actor inferred: a withdrawal with no one named is the coalition's"
    return None, None


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
    for i, cue in enumerate(cues):
        scope_end = cues[i + 1].start if i + 1 < len(cues) else end
        scope_start = cues[i - 1].end if i > 0 else start
        chunk_start = _chunk_of(chunks, cue.start)[0]
        links = [] if cue.family == "host" else _forward(text, cue, scope_end, mentions, blanks)
        if not links:
            links = _backward(text, cue, scope_start, mentions, blanks)
        if not links and cue.family in {"stay", "isis"}:
            links = _fronted(text, start, cue, mentions)
        actor, actor_note = _decide_actor(text, start, cue, actors, state)
        status = None
        if cue.family in {"move", "end", "arrive"}:
            status = _move_status(text, cue, chunk_start, end) or previous_status
            previous_status = status or previous_status
        if not links or actor not in {"coalition", "isis"}:
            continue
        if (
            cue.family in {"move", "arrive"}
            and not cue.strong
            and not any(a.actor == actor for a in actors)
            and actor_note is None
        ):
            continue
        if cue.family in {"move", "end", "arrive"} and _hypothetical(text, cue, chunk_start):
            state.dropped.append(f"hypothetical move, not a report: {cue.text!r}")
            continue
        negation = _negated(text, cue, chunk_start, start)
        hedge = _HEDGE.search(text[start:end])
        notes = tuple(
            n for n in (actor_note, f"hedged: {hedge.group(0)!r}" if hedge else None) if n
        )
        for link in links:
            draft = _draft(text, cue, link, actor, status, negation, notes, chunk_start, state)
            if draft is None:
                continue
            draft = _Draft(
                draft.kind,
                draft.link,
                draft.cue,
                draft.status,
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
        )
    ]


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
        if family == "threat":
            return _Draft(ClaimKind.ISIS_THREAT, link, cue, None, notes)
        located = prep in _AT | _TO | {"near", "from", "between"} or (
            prep is None and _DIRECT_ISIS.match(cue.text)
        )
        if family in {"isis", "stay", "host"} and located:
            return _Draft(ClaimKind.ISIS_ACTIVITY, link, cue, None, notes)
        if family in {"move", "arrive"} and prep in _TO | {"between"}:
            return _Draft(ClaimKind.ISIS_ACTIVITY, link, cue, None, (*notes, "ISIS moved here"))
        return None
    if family in {"isis", "threat"}:
        return None
    if family in {"move", "end"}:
        return _move_draft(text, cue, link, status, negation, notes)
    if family == "arrive":
        if negation or prep not in _AT | _TO:
            return None
        return _Draft(ClaimKind.COALITION_ARRIVAL, link, cue, status, notes)
    # presence: "stay" and "host"
    before = text[max(chunk_start, cue.start - 40) : cue.start]
    if (
        prep is None
        or prep in _FROM - {"from"}
        or (prep == "near" and not _PLACED.fullmatch(cue.text))
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
    if _PAST_PRESENCE.search(before) or re.fullmatch(r"(?i)hosted|housed", cue.text):
        state.dropped.append(f"past-tense presence, not current: {cue.text!r}")
        return None
    presence_status = "planned" if _PLANNED.search(before) else None
    return _Draft(ClaimKind.COALITION_PRESENCE, link, cue, presence_status, notes)


def _move_draft(
    text: str,
    cue: _Cue,
    link: _Link,
    status: str | None,
    negation: str | None,
    notes: tuple[str, ...],
) -> _Draft | None:
    prep = link.preposition
    gap = text[cue.end : link.mention.start]
    if (
        _LEAVE.match(cue.text)
        and prep in _AT
        and not link.backward
        and not negation
        and _LEFT_BEHIND.search(gap)
    ):
        # "leaves only a small team of advisers in Baghdad": who is left behind stays there.
        residual = "residual" if _RESIDUAL.search(gap) else None
        return _Draft(
            ClaimKind.COALITION_PRESENCE, link, cue, residual, (*notes, "left behind: forces stay")
        )
    if prep in _TO and cue.family == "move":
        kind = ClaimKind.COALITION_ARRIVAL
    elif (
        prep in _FROM
        or (prep in _AT and cue.family == "end")
        or (prep in _AT and cue.strong)
        or (prep is None and (link.backward or _DIRECT_MOVES.match(cue.text)))
    ):
        kind = ClaimKind.COALITION_DEPARTURE
    else:
        return None
    if negation:
        if kind is ClaimKind.COALITION_ARRIVAL:
            return None
        return _Draft(
            ClaimKind.COALITION_PRESENCE,
            link,
            cue,
            None,
            (*notes, f"negated departure ({negation!r}): forces stay"),
        )
    return _Draft(kind, link, cue, status, notes)


def _place_for(
    draft: _Draft, drafts_places: Sequence[PlaceMention], text: str, cue: _Cue
) -> tuple[Place, str | None]:
    """The place a mention means here: the governorate when the list speaks of provinces."""
    mention = draft.link.mention
    place = mention.place
    governorate = next((c for c in mention.candidates if c.kind == "governorate"), None)
    if governorate is None or place is governorate:
        return place, None
    gap = text[cue.end : mention.start]
    list_of_provinces = any(
        all(c.kind == "governorate" for c in m.candidates) for m in drafts_places
    )
    if _GOVERNORATE_WORD.search(gap) or list_of_provinces:
        return governorate, "governorate reading: the text lists provinces"
    return place, None


def _claim(
    text: str,
    start: int,
    end: int,
    draft: _Draft,
    cues: Sequence[_Cue],
    chunks: Sequence[tuple[int, int]],
    dates: _SentenceDates,
    carried: bool,
    state: _State,
) -> Claim:
    cue = draft.cue
    index = cues.index(cue)
    previous_end = cues[index - 1].end if index > 0 else start
    next_start = cues[index + 1].start if index + 1 < len(cues) else end
    place, place_note = _place_for(draft, draft.siblings, text, cue)
    mention = draft.link.mention
    coalition = draft.kind in {
        ClaimKind.COALITION_PRESENCE,
        ClaimKind.COALITION_ARRIVAL,
        ClaimKind.COALITION_DEPARTURE,
    }
    count_end = mention.start if not draft.link.backward else next_start
    count_start = previous_end if not draft.link.backward else cue.start
    personnel = _find_personnel(text, count_start, max(count_end, cue.end)) if coalition else None
    status = draft.status
    if draft.kind is ClaimKind.COALITION_PRESENCE and (
        _RESIDUAL.search(text[previous_end : cue.end])
        or (personnel is not None and personnel.max <= 10 and not personnel.approximate)
    ):
        status = "residual"
    notes = list(draft.notes)
    if personnel is not None and draft.kind is ClaimKind.COALITION_PRESENCE:
        personnel = _own_figure(personnel, place, draft.siblings, notes)
    roles: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    country_count = None
    actors: tuple[str, ...] = ("ISIS",)
    if coalition:
        if draft.kind is not ClaimKind.COALITION_DEPARTURE:
            roles = _roles(text, cue.start, next_start)
            countries, country_count = _countries(text, cue.start, next_start)
        actors = _actor_names(text, previous_end, next_start) or (
            ("Global Coalition",)
            if "coalition" in text[start:end].casefold()
            else ("United States",)
        )
    chunk = _chunk_of(chunks, cue.start)
    date = _date_for(text, dates, chunk, cue, next_start, cues)
    if status == "completed" and date is not None and date.start > state.article.published:
        status = "planned"  # "may be moved ... next year": a future date outranks the verb form
        notes.append(f"status from the date ({date.text})")
    if (
        status is None
        and date is not None
        and draft.kind in {ClaimKind.COALITION_DEPARTURE, ClaimKind.COALITION_ARRIVAL}
    ):
        # "the withdrawal from federal Iraq last year": no tense, but the date says it is done.
        published = state.article.published
        status = (
            "completed" if date.end < published else "planned" if date.start > published else None
        )
        if status:
            notes.append(f"status from the date ({date.text})")
    if place_note:
        notes.append(place_note)
    if carried and date is not None:
        notes.append("date carried from the previous sentence (same time / same move)")
    if draft.link.backward:
        notes.append("place named before the cue (relative clause or passive)")
    return Claim(
        kind=draft.kind,
        place_id=place.id,
        place_text=state.article.body[mention.start : mention.end],
        quote=state.article.body[start:end],
        start=start,
        end=end,
        source=SourceRef.of(state.article),
        personnel=personnel,
        actors=actors,
        countries=countries,
        country_count=country_count,
        roles=roles,
        status=status,
        date=date,
        notes=tuple(notes),
    )


def _own_figure(
    personnel: Personnel, place: Place, listed: Sequence[PlaceMention], notes: list[str]
) -> Personnel | None:
    """A head count given for several places at once belongs to the one holding all the others.

    "1,800 troops ... in the Kurdistan Region, at Erbil air base and at Harir" counts the
    region's forces; "2,500 troops ..., mostly at Ain al-Asad and Harir" is neither base's
    count, so the map gives it to none (the quote keeps it).
    """
    group = {m.place.id: m.place for m in listed} | {place.id: place}
    if len(group) == 1:
        return personnel
    whole = [
        p.id
        for p in group.values()
        if all(p.geometry.covers(other.geometry) for other in group.values())
    ]
    if whole == [place.id]:
        return personnel
    notes.append(f"figure {personnel.text!r} counts {len(group)} places together, not this one")
    return None


def _current_enough(claim: Claim, state: _State) -> bool:
    """Drop ISIS activity and presence dated more than a year before publication: history."""
    if claim.kind in {ClaimKind.COALITION_DEPARTURE, ClaimKind.COALITION_ARRIVAL}:
        return True
    if claim.date and claim.date.end < state.article.published - dt.timedelta(days=366):
        state.dropped.append(f"historical ({claim.date.text}): {claim.place_text}")
        return False
    return True


def _dedupe(claims: Iterable[Claim]) -> list[Claim]:
    unique: dict[tuple[int, str, str], Claim] = {}
    for c in claims:
        unique.setdefault((c.start, c.kind.value, c.place_id), c)
    return sorted(unique.values(), key=lambda c: (c.start, c.kind.value, c.place_id))


def _why_empty(text: str, gaz: Gazetteer, state: _State) -> list[str]:
    if not state.seen_places and not gaz.find(text):
        return ["no Iraqi place from the gazetteer is named in the text"]
    if not state.seen_cues:
        return ["places are named, but no sentence says forces or ISIS are, go or threaten there"]
    return ["places are named, but no statement ties forces or ISIS to them", *state.dropped]
