"""posture-map on the command line: argument parsing only; the work is in geo/ and layers/."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from geo.articles import ARTICLES_ENV, load_articles, read_article
from geo.errors import PostureMapError


def _as_of(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="posture-map", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="print the claims in article files as JSON")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    sub.add_parser("layers", help="list the layer ids and titles")
    export = sub.add_parser(
        "export", help="write the map (HTML), its layers (GeoJSON) or its claims (CSV)"
    )
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.add_argument(
        "--format",
        choices=("html", "geojson", "csv"),
        default=None,
        help="default: from the --out suffix, else html",
    )
    export.add_argument(
        "--layers",
        default=None,
        metavar="ID,ID",
        help="comma-separated layer ids (default: all); see `posture-map layers`",
    )
    export.add_argument(
        "--as-of",
        type=_as_of,
        default=None,
        metavar="YYYY-MM-DD",
        help="show the posture as of this date (default: the newest article's date)",
    )
    export.add_argument(
        "--articles",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"folder of article .txt files (default: ${ARTICLES_ENV}, else data/articles)",
    )
    return parser


def _layer_list(value: str | None) -> list[str] | None:
    """The ids named by --layers (None: all); naming none at all is an error, not an empty map."""
    if value is None:
        return None
    ids = [s.strip() for s in value.split(",") if s.strip()]
    if not ids:
        raise PostureMapError(f"--layers {value!r} names no layer id; see `posture-map layers`")
    return ids


def _extract(files: Sequence[Path]) -> int:
    from geo.extract import extract

    claims = [claim.to_dict() for path in files for claim in extract(read_article(path))]
    print(json.dumps(claims, ensure_ascii=False, indent=2))
    return 0


def _layers() -> int:
    from layers.catalog import LAYERS

    for spec in LAYERS.values():
        print(f"{spec.id}\t{spec.title}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from geo.extract import extract_articles
    from layers.export import check_target, export_csv, export_geojson, export_html
    from layers.render import resolve_layer_ids

    # Checked before any article is read, so a typo fails at once and writes nothing.
    check_target(args.out)
    layer_ids = resolve_layer_ids(_layer_list(args.layers))
    articles, problems = load_articles(args.articles)
    for problem in problems:
        print(f"warning: skipped {problem.message}", file=sys.stderr)
    claims = extract_articles(articles)
    # As the dashboard opens: at the newest article, so a plan dated later stays a plan.
    as_of = args.as_of or max((a.published for a in articles), default=None)
    fmt = args.format or {".geojson": "geojson", ".json": "geojson", ".csv": "csv"}.get(
        args.out.suffix.lower(), "html"
    )
    if fmt == "csv":
        export_csv(args.out, claims)
    elif fmt == "geojson":
        export_geojson(args.out, layer_ids=layer_ids, as_of=as_of, claims=claims)
    else:
        export_html(args.out, layer_ids=layer_ids, as_of=as_of, claims=claims)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `posture-map` console script."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args.files)
        if args.command == "layers":
            return _layers()
        return _export(args)
    except PostureMapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
