"""How fast geo.extract reads: short articles per second, and MB/s on one long text.

Run: python bench/extract_speed.py

Short articles are the shipped seed article and the invented fixtures (tests/data/articles),
read round-robin in one process. The long text repeats their real bodies up to just under the
1 MB article limit; it is also timed at a quarter and a half of that length, so a non-linear
cost shows as a falling MB/s. The goals (issue 10) are printed beside the figures.

Times are this process's CPU time (time.process_time): the goal is for one process on one
core, and other work on a shared machine must not count against it.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.articles import MAX_ARTICLE_BYTES, Article, read_article  # noqa: E402
from geo.extract import extract  # noqa: E402
from geo.gazetteer import default_names  # noqa: E402

GOAL_ARTICLES_PER_S = 200
GOAL_SECONDS_PER_MB = 2.0
SHORT_SECONDS = 3.0
SEED = "2025-11-26_rudaw_coalition-completes-mission"  # time spent on the short-article loop


def short_articles() -> list[Article]:
    """The seed and the invented fixtures: real-length news articles."""
    paths = [ROOT / "data" / "articles" / f"{SEED}.txt"]
    paths += sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    return [read_article(p) for p in paths]


def long_article(articles: list[Article], size: int) -> Article:
    """One article whose body repeats the real bodies until it is `size` bytes long."""
    parts: list[str] = []
    total = 0
    while total < size:
        for a in articles:
            chunk = a.body.strip() + "\n\n"
            if total + len(chunk.encode()) > size:
                break
            parts.append(chunk)
            total += len(chunk.encode())
        else:
            continue
        break
    return replace(articles[0], body="".join(parts))


def articles_per_second(articles: list[Article]) -> tuple[float, int]:
    """Articles extracted per second over SHORT_SECONDS, round-robin."""
    count, start = 0, time.process_time()
    while time.process_time() - start < SHORT_SECONDS:
        for a in articles:
            extract(a)
            count += 1
    return count / (time.process_time() - start), count


def seconds_for(article: Article, *, runs: int = 2) -> float:
    """CPU time of one extraction, the best of `runs` (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        extract(article)
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    print(f"load average (1 min) {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    start = time.process_time()
    default_names()
    print(f"names-only gazetteer built in {time.process_time() - start:.3f} s")
    articles = short_articles()
    extract(articles[0])  # warm the caches once
    rate, count = articles_per_second(articles)
    verdict = "ok" if rate >= GOAL_ARTICLES_PER_S else "BELOW GOAL"
    print(
        f"short articles: {rate:,.0f} articles/s ({count} extractions of {len(articles)} "
        f"articles) - goal >= {GOAL_ARTICLES_PER_S}/s: {verdict}"
    )
    full = MAX_ARTICLE_BYTES - 1_000
    rows = []
    for size in (full // 4, full // 2, full):
        text = long_article(articles, size)
        nbytes = len(text.body.encode())
        seconds = seconds_for(text)
        rows.append((nbytes, seconds))
        print(
            f"long text {nbytes / 1e6:.2f} MB: {seconds:.2f} s = {nbytes / 1e6 / seconds:.2f} MB/s"
        )
    nbytes, seconds = rows[-1]
    verdict = "ok" if seconds * 1e6 / nbytes <= GOAL_SECONDS_PER_MB else "BELOW GOAL"
    print(f"1 MB goal: under {GOAL_SECONDS_PER_MB:.0f} s per MB: {verdict}")
    ratio = (rows[-1][1] / rows[-1][0]) / (rows[0][1] / rows[0][0])
    verdict = "ok" if ratio < 1.5 else "NOT LINEAR"
    print(
        f"linear in length: time per byte at 1 MB / at 0.25 MB = {ratio:.2f} "
        f"(goal < 1.5): {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
