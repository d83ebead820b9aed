"""The command-line face: extract, layers and export, run as a user would run them."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "cli.py"), *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_extract_prints_the_seed_claims_as_json() -> None:
    result = run_cli("extract", SEED)
    assert result.returncode == 0, result.stderr
    claims = json.loads(result.stdout)
    body = SEED.read_text(encoding="utf-8").split("\n\n", 1)[1].strip("\n")
    assert {(c["kind"], c["place_id"]) for c in claims} >= {
        ("coalition_presence", "baghdad"),
        ("coalition_presence", "kurdistan_region"),
        ("coalition_departure", "ain_al_asad"),
        ("isis_activity", "hamrin_mountains"),
        ("isis_threat", "diyala_governorate"),
    }
    for c in claims:
        assert body[c["start"] : c["end"]] == c["quote"]
        assert c["source"]["outlet"] == "Rudaw"


def test_extract_reports_a_bad_file_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    result = run_cli("extract", bad)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "bad.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_layers_lists_ids_and_titles() -> None:
    result = run_cli("layers")
    assert result.returncode == 0, result.stderr
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert {
        "coalition_positions",
        "kurdistan_region",
        "isis_activity_zones",
        "disputed_provinces",
        "governorates",
    } <= set(ids)


def test_export_html_geojson_and_csv(tmp_path: Path) -> None:
    html, geojson, table = tmp_path / "m.html", tmp_path / "m.geojson", tmp_path / "c.csv"
    assert run_cli("export", "--out", html, "--layers", "isis_activity_zones").returncode == 0
    text = html.read_text(encoding="utf-8")
    assert "Hamrin Mountains" in text
    assert '<script src="http' not in text
    result = run_cli("export", "--format", "geojson", "--out", geojson, "--as-of", "2025-11-26")
    assert result.returncode == 0, result.stderr
    collection = json.loads(geojson.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert collection["features"]
    assert run_cli("export", "--format", "csv", "--out", table).returncode == 0
    with table.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert any(r["place_id"] == "ain_al_asad" for r in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "--out", "x.html", "--layers", "nope"), "unknown layer id(s) nope"),
        (("export", "--out", "x.html", "--as-of", "26/11/2025"), "not a date in YYYY-MM-DD"),
    ],
)
def test_export_refuses_bad_options(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    result = run_cli(*(str(tmp_path / a) if a == "x.html" else a for a in args))
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "x.html").exists()
