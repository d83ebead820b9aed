"""A user's new article, checked before it touches the map: read, extract, say what came of it.

The dashboard shows the outcome and applies nothing on its own; this module decides what a
pasted or uploaded text amounts to, so the rules are tested without a browser.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from geo.articles import HEADER_FIELDS, Article, parse_article
from geo.claims import Claim
from geo.errors import ArticleError
from geo.extract import explain


class Verdict(StrEnum):
    """What the user can do with the text."""

    READY = "ready"  # claims found: preview, then apply or save
    UNREADABLE = "unreadable"  # not an article (empty, binary, too large, bad header)
    NO_CLAIMS = "no_claims"  # an article, but it asserts nothing the map can show
    IN_USE = "in_use"  # the same body is already on the map


@dataclass(frozen=True, slots=True)
class Review:
    """The outcome of reading a new article; `message` says why when nothing can be applied."""

    verdict: Verdict
    message: str = ""
    article: Article | None = None
    claims: tuple[Claim, ...] = ()


def review_article(raw: bytes | str, *, name: str, in_use: Iterable[Article] = ()) -> Review:
    """Read and extract one article; never raises for bad input, the verdict says what is wrong."""
    try:
        _precheck(raw, name)
        article = parse_article(raw, name=name)
        found = explain(article)
    except ArticleError as exc:
        return Review(Verdict.UNREADABLE, f"{exc}. Nothing was added; the map is unchanged.")
    if any(a.body == article.body for a in in_use):
        return Review(Verdict.IN_USE, "This article is already on the map.", article)
    if not found.claims:
        reasons = "; ".join(found.reasons) or "no posture statement about a known place"
        return Review(Verdict.NO_CLAIMS, f"No claims, so nothing to apply: {reasons}.", article)
    return Review(Verdict.READY, article=article, claims=found.claims)


# Byte-order marks of encodings that are not UTF-8, longest first (UTF-32 LE starts like UTF-16).
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _precheck(raw: bytes | str, name: str) -> None:
    """Refusals a user needs spelled out before parsing: another encoding, no header at all."""
    if isinstance(raw, bytes):
        encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), None)
        if encoding:
            raise ArticleError(
                f"{name}: this is {encoding} text (it starts with a {encoding} byte-order mark); "
                "save the article as UTF-8 plain text"
            )
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return  # parse_article says where the bad byte is
    first = next((line.strip() for line in raw.lstrip("\ufeff").splitlines() if line.strip()), "")
    field = first.partition(":")[0].strip().lower() if ":" in first else ""
    if first and field not in HEADER_FIELDS:
        raise ArticleError(
            f"{name}: the header is missing; an article starts with 'title:', 'source:', "
            "'url:' (optional) and 'published: YYYY-MM-DD' lines, then a blank line, then "
            "the body"
        )
