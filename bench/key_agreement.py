"""How far two human coders agree on the real corpus: the ceiling of the extraction goal.

Run: python bench/key_agreement.py

A second coder keyed some articles independently into
`bench/corpus/second/<stem>.expected.json` (same format, `"coder": "second"`), reading only the
article and the keying guides. For every such stem the first key
(`bench/corpus/<stem>.expected.json`) is taken as truth and the second as if it were the
extractor's output, and both are scored with `bench/extract_quality.py`'s own measure: distinct
(kind, place) pairs per article. Pair precision is then the share of the second coder's pairs
the first also keyed, pair recall the share of the first coder's pairs the second also keyed:
agreement both ways. A frozen article may have a second key too: the comparison reads the two
hand keys and the article text only and never runs the extractor, so it shows nothing the frozen
discipline withholds (the extractor's claims or score on a frozen article). Its lines are marked
"(frozen)", as a reminder that they are not for tuning the extractor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.extract_quality import (  # noqa: E402
    CORPUS_ARTICLES,
    CORPUS_KEYS,
    Quality,
    _label,
    score_article,
    split_of,
)
from geo.articles import Article, read_article  # noqa: E402
from geo.claims import Claim, ClaimKind, DateSpan, Personnel, SourceRef  # noqa: E402
from geo.extract.sentences import split_sentences  # noqa: E402


@dataclass
class ArticlePairs:
    """The (kind, place) pairs of one article: keyed by both coders, or by one only."""

    name: str
    both: set[str]
    first_only: set[str]
    second_only: set[str]
    frozen: bool = False


@dataclass
class Agreement:
    """The two coders compared: extract_quality's scores plus the pairs themselves."""

    quality: Quality
    articles: list[ArticlePairs]

    def by_kind(self) -> dict[str, tuple[int, int, int]]:
        """Per claim kind: pairs both coders keyed, the first only, the second only."""
        counts: dict[str, Counter[str]] = {}
        for a in self.articles:
            for which, labels in (
                ("both", a.both),
                ("first", a.first_only),
                ("second", a.second_only),
            ):
                for label in labels:
                    counts.setdefault(label.split(":")[0], Counter())[which] += 1
        return {k: (c["both"], c["first"], c["second"]) for k, c in sorted(counts.items())}


def as_claims(article: Article, keyed: Iterable[dict[str, Any]]) -> list[Claim]:
    """A key's claims as Claim objects, so extract_quality can score them as extracted ones."""
    # A claim's quote is the whole sentence (else the title) holding its `quote_contains`, as an
    # extracted claim's would be, so the other coder's phrase from the same sentence matches it.
    source = SourceRef.of(article)
    sentences = [article.body[a:b] for a, b in split_sentences(article.body)] + [article.title]
    claims = []
    for want in keyed:
        phrase = want.get("quote_contains", "")
        quote = next((s for s in sentences if phrase and phrase in s), phrase)
        personnel, date = want.get("personnel"), want.get("date")
        claims.append(
            Claim(
                kind=ClaimKind(want["kind"]),
                place_id=want["place_id"],
                place_text="",
                quote=quote,
                start=0,
                end=0,
                source=source,
                personnel=None
                if personnel is None
                else Personnel(personnel["min"], personnel["max"], personnel["approximate"], ""),
                roles=tuple(want.get("roles", ())),
                status=want.get("status"),
                date=None
                if date is None
                else DateSpan(
                    dt.date.fromisoformat(date["start"]), dt.date.fromisoformat(date["end"]), ""
                ),
            )
        )
    return claims


def _pairs(claims: Iterable[dict[str, Any]]) -> set[str]:
    return {_label(c["kind"], c["place_id"]) for c in claims}


def compare(
    keys: Path | None = None, second: Path | None = None, articles: Path | None = None
) -> Agreement:
    """Score every second key against the first key of the same article."""
    keys = CORPUS_KEYS if keys is None else keys
    second = keys / "second" if second is None else second
    articles = CORPUS_ARTICLES if articles is None else articles
    scores, pairs = [], []
    for path in sorted(second.glob("*.expected.json")):
        stem = path.name.removesuffix(".expected.json")
        theirs = json.loads(path.read_text(encoding="utf-8"))["claims"]
        ours = json.loads((keys / path.name).read_text(encoding="utf-8"))["claims"]
        article = read_article(articles / f"{stem}.txt")
        scores.append(score_article(stem, ours, as_claims(article, theirs)))
        first, other = _pairs(ours), _pairs(theirs)
        pairs.append(
            ArticlePairs(
                stem, first & other, first - other, other - first, split_of(stem) == "frozen"
            )
        )
    return Agreement(Quality(scores), pairs)


def report(agreement: Agreement) -> str:
    """Per article the pairs only one coder keyed, then the totals and the per-kind counts."""
    lines = []
    for a in agreement.articles:
        lines.append(f"{a.name}{' (frozen)' if a.frozen else ''}: {len(a.both)} pairs agreed")
        lines.extend(f"  first only:  {label}" for label in sorted(a.first_only))
        lines.extend(f"  second only: {label}" for label in sorted(a.second_only))
    q = agreement.quality
    both = sum(len(a.both) for a in agreement.articles)
    first = both + sum(len(a.first_only) for a in agreement.articles)
    second = both + sum(len(a.second_only) for a in agreement.articles)
    lines.append(
        f"{len(agreement.articles)} articles: first coder {first} pairs, second {second}, "
        f"both {both}"
    )
    lines.append(
        f"place+kind pairs, first as truth: precision {q.pair_precision:.3f}  "
        f"recall {q.pair_recall:.3f}"
    )
    lines.append(
        f"per claim: precision {q.precision:.3f}  recall {q.recall:.3f}  "
        f"attribute agreement on matched claims {q.attribute_agreement:.3f}"
    )
    lines.append(f"{'kind':<22} {'both':>5} {'first only':>11} {'second only':>12}")
    for kind, (agreed, first_only, second_only) in agreement.by_kind().items():
        lines.append(f"{kind:<22} {agreed:>5} {first_only:>11} {second_only:>12}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    print(report(compare()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
