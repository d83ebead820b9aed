"""Time and size of the default offline HTML export, against the goals (0.5 s, 1.5 MB).

Run: python bench/export_bench.py [--repeat N]. Uses claims extracted from data/articles when
geo.extract is available, else the hand-built seed claims of the tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.claims import Claim
from geo.errors import PostureMapError
from layers.export import export_html
from layers.render import default_claims

GOAL_SECONDS = 0.5
GOAL_BYTES = 1_500_000


def _claims() -> tuple[list[Claim], str]:
    try:
        return default_claims(), "extracted from data/articles"
    except PostureMapError:
        from tests.test_layers_helpers import seed_claims

        return seed_claims(), "hand-built seed claims (geo.extract not available)"


def main() -> int:
    """Export the default map a few times; print the median time and the file size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    claims, origin = _claims()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "map.html"
        start = time.perf_counter()
        export_html(out, claims=claims)  # cold: loads data and fills caches, once per process
        cold = time.perf_counter() - start
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            export_html(out, claims=claims)
            times.append(time.perf_counter() - start)
        size = out.stat().st_size
    median = statistics.median(times)
    print(f"claims: {len(claims)} ({origin})")
    print(
        f"export time: {median:.3f} s median of {args.repeat} "
        f"(goal < {GOAL_SECONDS} s: {'ok' if median < GOAL_SECONDS else 'OVER'})"
    )
    print(f"first export in a fresh process (data loading included): {cold:.3f} s")
    print(
        f"file size:   {size / 1e6:.3f} MB "
        f"(goal < {GOAL_BYTES / 1e6} MB: {'ok' if size < GOAL_BYTES else 'OVER'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
