"""Precision and recall of geo.extract over hand-keyed articles.

Run: python bench/extract_quality.py [DIR]   (default: tests/data/articles, the invented fixtures)
     python bench/extract_quality.py --corpus [--split dev|frozen]   (the real corpus)

The real corpus is `data/articles/<stem>.txt` keyed by `bench/corpus/<stem>.expected.json`
({"split": ..., "claims": [...]}). Its split is fixed by the stem's hash (frozen when
sha1(stem)[0] is odd), so a run on one half never opens the other half's files. The dev half
is reported article by article (what was missed, what was spurious); the frozen half only as
totals, so no one tunes on it. A frozen key with `"seen"` (when and why its article was read
while the rules were changed) is left out of the frozen totals: it is held out no longer.

Each `<stem>.txt` article has an answer key `<stem>.expected.json`: a list of expected claims,
each with `kind` and `place_id` and, optionally, `status`, `personnel` {min, max, approximate},
`roles`, `date` {start, end} and `quote_contains` (a phrase of the supporting sentence).
A claim matches an expected one on kind + place_id (one-to-one, preferring the claim whose quote
holds `quote_contains`); the optional attributes are then scored as attribute agreement.

The issue's measure is per place and kind: the distinct (kind, place) pairs an article asserts
against those extracted from it ("place+kind" precision and recall). It does not depend on
whether a restated claim is keyed once or once per sentence (two coders did it both ways).
"""

from __future__ import annotations

import argparse
import hashlib
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
CORPUS_KEYS = ROOT / "bench" / "corpus"
CORPUS_ARTICLES = ROOT / "data" / "articles"
SPLITS = ("dev", "frozen")
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
    personnel_keyed: list[str] = field(default_factory=list)
    personnel_found: int = 0  # keyed head counts some claim at the same kind + place carries
    spurious: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    pairs_expected: int = 0  # distinct (kind, place) pairs keyed
    pairs_extracted: int = 0  # distinct (kind, place) pairs extracted
    pairs_matched: int = 0

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
    def pair_precision(self) -> float:
        extracted = sum(a.pairs_extracted for a in self.articles)
        return sum(a.pairs_matched for a in self.articles) / extracted if extracted else 1.0

    @property
    def pair_recall(self) -> float:
        expected = sum(a.pairs_expected for a in self.articles)
        return sum(a.pairs_matched for a in self.articles) / expected if expected else 1.0

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
        same = [c for c in claims if (c.kind.value, c.place_id) == (want["kind"], want["place_id"])]
        if "personnel" in want:
            # Found if any claim there carries it: which restatement the one-to-one matching
            # below pairs with which key must not decide whether the figure is on the map.
            score.personnel_keyed.append(_label(want["kind"], want["place_id"]))
            score.personnel_found += any(
                _attribute_agrees("personnel", want["personnel"], c) for c in same
            )
        candidates = [c for c in free if c in same]
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
    keyed = {(w["kind"], w["place_id"]) for w in expected}
    found = {(c.kind.value, c.place_id) for c in claims}
    score.pairs_expected, score.pairs_extracted = len(keyed), len(found)
    score.pairs_matched = len(keyed & found)
    return score


def evaluate(directory: Path = FIXTURES) -> Quality:
    """Score every article in `directory` that has an answer key."""
    scores = []
    for key in sorted(directory.glob("*.expected.json")):
        article = read_article(key.with_name(key.name.replace(".expected.json", ".txt")))
        expected = json.loads(key.read_text(encoding="utf-8"))
        scores.append(score_article(article.id, expected, extract(article)))
    return Quality(scores)


def split_of(stem: str) -> str:
    """The half an article belongs to, from its name alone: nobody chooses."""
    return "frozen" if hashlib.sha1(stem.encode()).digest()[0] % 2 == 1 else "dev"


def evaluate_corpus(
    split: str = "dev", *, keys: Path | None = None, articles: Path | None = None
) -> Quality:
    """Score one half of the real corpus; the other half's files are never opened."""
    keys = CORPUS_KEYS if keys is None else keys
    articles = CORPUS_ARTICLES if articles is None else articles
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    scores = []
    for key in sorted(keys.glob("*.expected.json")):
        stem = key.name.removesuffix(".expected.json")
        if split_of(stem) != split:
            continue
        data = json.loads(key.read_text(encoding="utf-8"))
        if data.get("split") != split:
            raise ValueError(f"{key.name}: split {data.get('split')!r}, its name says {split!r}")
        if split == "frozen" and data.get("seen"):
            continue  # read while fixing the rules: no longer held out, so not scored as such
        article = read_article(articles / f"{stem}.txt")
        scores.append(score_article(article.id, data["claims"], extract(article)))
    return Quality(scores)


def personnel_found(quality: Quality) -> tuple[int, int]:
    """How many keyed head counts were found right (value and place), of how many keyed."""
    found = sum(a.personnel_found for a in quality.articles)
    return found, sum(len(a.personnel_keyed) for a in quality.articles)


def totals(quality: Quality, *, name: str) -> str:
    """One line of totals: what the frozen half may show."""
    expected = sum(a.expected for a in quality.articles)
    extracted = sum(a.extracted for a in quality.articles)
    matched = sum(a.matched for a in quality.articles)
    found, keyed = personnel_found(quality)
    return (
        f"{name}: {len(quality.articles)} articles, {expected} keyed claims, {extracted} "
        f"extracted, {matched} matched: precision {quality.precision:.3f}  recall "
        f"{quality.recall:.3f}  attribute agreement {quality.attribute_agreement:.3f}  "
        f"personnel figures found {found}/{keyed}\n"
        f"{name}, place+kind pairs: precision {quality.pair_precision:.3f}  "
        f"recall {quality.pair_recall:.3f}"
    )


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=FIXTURES)
    parser.add_argument("--corpus", action="store_true", help="score the real corpus")
    parser.add_argument("--split", choices=SPLITS, default="dev")
    args = parser.parse_args(argv)
    if not args.corpus:
        print(report(evaluate(args.directory)))
        return 0
    quality = evaluate_corpus(args.split)
    if args.split == "dev":
        print(report(quality))
    print(totals(quality, name=f"real corpus, {args.split} half"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
