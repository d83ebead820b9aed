"""Write the list of source articles into data/SOURCES.md from the articles' own headers.

Run: python data/build/articles_index.py [--check]

An article is not rebuilt by a script: it is a close paraphrase, written by hand, of a page at
the URL in its header (the seed is verbatim). What a script can keep true is the index of them
in data/SOURCES.md: outlet, date, headline and address, read from each file's header, so the
list can never drift from the folder. With --check it only compares and exits 1 on a drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from geo.articles import ARTICLES_DIR, read_article  # noqa: E402

SOURCES = REPO / "data" / "SOURCES.md"
START, END = "<!-- articles:start -->", "<!-- articles:end -->"


def render_index(folder: Path = ARTICLES_DIR) -> str:
    """One table row per article file, oldest first, from its header."""
    rows = ["| published | outlet | headline | file |", "|---|---|---|---|"]
    for path in sorted(folder.glob("*.txt")):
        article = read_article(path)
        title = article.title.replace("|", "\\|")
        link = f"[{title}]({article.url})" if article.url else title
        rows.append(f"| {article.published} | {article.source} | {link} | `{path.name}` |")
    return "\n".join(rows)


def with_index(sources: str, index: str) -> str:
    """SOURCES.md with the text between the markers replaced by the index."""
    head, _, rest = sources.partition(START)
    _, _, tail = rest.partition(END)
    if not rest:
        raise SystemExit(f"{SOURCES} has no {START} … {END} markers")
    return f"{head}{START}\n{index}\n{END}{tail}"


def main() -> None:
    """Rewrite the index (or, with --check, report whether it is current)."""
    current = SOURCES.read_text(encoding="utf-8")
    wanted = with_index(current, render_index())
    if "--check" in sys.argv[1:]:
        sys.exit(0 if wanted == current else 1)
    SOURCES.write_text(wanted, encoding="utf-8")


if __name__ == "__main__":
    main()
