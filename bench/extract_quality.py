"""Precision and recall of geo.extract over the hand-keyed test articles.

Run: python bench/extract_quality.py [DIR]   (default: tests/data/articles)

Each `<stem>.txt` article has an answer key `<stem>.expected.json`: a list of expected claims,
each with `kind` and `place_id` and, optionally, `status`, `personnel` {min, max, approximate},
`roles`, `date` {start, end} and `quote_contains` (a phrase of the supporting sentence).
A claim matches an expected one on kind + place_id (one-to-one, preferring the claim whose quote
holds `quote_contains`); the optional attributes are then scored as attribute agreement.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.articles import read_article  # noqa: E402
from geo.claims import Claim  # noqa: E402
from geo.extract import extract  # noqa: E402

FIXTURES = ROOT / "tests" / "data" / "articles"
ATTRIBUTES = ("status", "personnel", "roles", "date", "quote_contains")


@dataclass
class ArticleScore:
    """How one article's claims compare with its key."""

    name: str
    expected: int
    extracted: int
    matched: int
    attributes_checked: int = 0
    attributes_agreed: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


@dataclass
class Quality:
    """Totals over all articles (micro-averaged)."""

    articles: list[ArticleScore]

    @property
    def precision(self) -> float:
        extracted = sum(a.extracted for a in self.articles)
        return sum(a.matched for a in self.articles) / extracted if extracted else 1.0

    @property
    def recall(self) -> float:
        expected = sum(a.expected for a in self.articles)
        return sum(a.matched for a in self.articles) / expected if expected else 1.0

    @property
    def attribute_agreement(self) -> float:
        checked = sum(a.attributes_checked for a in self.articles)
        return sum(a.attributes_agreed for a in self.articles) / checked if checked else 1.0


def _attribute_agrees(name: str, want: Any, claim: Claim) -> bool:
    if name == "status":
        return bool(claim.status == want)
    if name == "personnel":
        p = claim.personnel
        return p is not None and (p.min, p.max, p.approximate) == (
            want["min"],
            want["max"],
            want["approximate"],
        )
    if name == "roles":
        return set(claim.roles) == set(want)
    if name == "date":
        d = claim.date
        return d is not None and (d.start.isoformat(), d.end.isoformat()) == (
            want["start"],
            want["end"],
        )
    if name == "quote_contains":
        return str(want) in claim.quote
    raise ValueError(f"unknown attribute {name!r} in an answer key")


def _label(kind: str, place_id: str) -> str:
    return f"{kind}:{place_id}"


def score_article(
    name: str, expected: Sequence[dict[str, Any]], claims: Sequence[Claim]
) -> ArticleScore:
    """Match expected claims to extracted ones one-to-one and score the attributes."""
    free = list(claims)
    score = ArticleScore(name, len(expected), len(claims), 0)
    for want in expected:
        candidates = [
            c for c in free if (c.kind.value, c.place_id) == (want["kind"], want["place_id"])
        ]
        if not candidates:
            score.missed.append(_label(want["kind"], want["place_id"]))
            continue
        phrase = want.get("quote_contains")
        best = next((c for c in candidates if phrase and phrase in c.quote), candidates[0])
        free.remove(best)
        score.matched += 1
        for attribute in ATTRIBUTES:
            if attribute in want:
                score.attributes_checked += 1
                if _attribute_agrees(attribute, want[attribute], best):
                    score.attributes_agreed += 1
                else:
                    score.disagreements.append(
                        f"{_label(want['kind'], want['place_id'])} {attribute}"
                    )
    score.spurious = [_label(c.kind.value, c.place_id) for c in free]
    return score


def evaluate(directory: Path = FIXTURES) -> Quality:
    """Score every article in `directory` that has an answer key."""
    scores = []
    for key in sorted(directory.glob("*.expected.json")):
        article = read_article(key.with_name(key.name.replace(".expected.json", ".txt")))
        expected = json.loads(key.read_text(encoding="utf-8"))
        scores.append(score_article(article.id, expected, extract(article)))
    return Quality(scores)


def report(quality: Quality) -> str:
    """A plain-text table, one row per article, then the totals and every miss."""
    lines = [
        f"{'article':<44} {'exp':>4} {'got':>4} {'ok':>4} {'prec':>6} {'recall':>6} {'attrs':>7}"
    ]
    for a in quality.articles:
        lines.append(
            f"{a.name:<44} {a.expected:>4} {a.extracted:>4} {a.matched:>4} "
            f"{a.precision:>6.3f} {a.recall:>6.3f} "
            f"{a.attributes_agreed:>3}/{a.attributes_checked:<3}"
        )
    expected = sum(a.expected for a in quality.articles)
    extracted = sum(a.extracted for a in quality.articles)
    matched = sum(a.matched for a in quality.articles)
    lines.append(
        f"{'total (' + str(len(quality.articles)) + ' articles)':<44} {expected:>4} "
        f"{extracted:>4} {matched:>4} {quality.precision:>6.3f} {quality.recall:>6.3f}"
    )
    lines.append(
        f"precision {quality.precision:.3f}  recall {quality.recall:.3f}  "
        f"attribute agreement {quality.attribute_agreement:.3f}"
    )
    for a in quality.articles:
        for what, items in (
            ("missed", a.missed),
            ("spurious", a.spurious),
            ("attribute differs", a.disagreements),
        ):
            lines.extend(f"  {a.name}: {what} {item}" for item in items)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    print(report(evaluate(Path(args[0]) if args else FIXTURES)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
