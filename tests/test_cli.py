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


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("out_is_a_folder", "is a folder; give a file name"),
        ("out_folder_missing", "does not exist; create it first"),
        ("articles_missing", "does not exist"),
        ("articles_is_a_file", "is a file, not a folder"),
        ("layers_blank", "names no layer id"),
        ("layers_empty", "names no layer id"),
    ],
)
def test_export_answers_each_bad_target_with_a_clear_error(
    case: str, message: str, tmp_path: Path
) -> None:
    out = tmp_path / "map.html"
    args: list[str | Path] = ["export", "--out", out]
    if case == "out_is_a_folder":
        args[2] = tmp_path
    elif case == "out_folder_missing":
        args[2] = tmp_path / "no" / "map.html"
    elif case == "articles_missing":
        args += ["--articles", tmp_path / "nowhere"]
    elif case == "articles_is_a_file":
        args += ["--articles", SEED]
    else:
        args += ["--layers", " , " if case == "layers_blank" else ""]
    result = run_cli(*args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a temp file


def test_export_reads_the_articles_folder_it_is_given(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    out = tmp_path / "claims.csv"
    assert run_cli("export", "--out", out, "--articles", folder).returncode == 0
    assert out.read_text(encoding="utf-8").count("\n") == 1  # the header only: no article
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    assert run_cli("export", "--out", out, "--articles", folder).returncode == 0
    assert "ain_al_asad" in out.read_text(encoding="utf-8")


def test_export_opens_at_the_newest_article_so_a_later_plan_stays_a_plan(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "plan.txt").write_text(
        "title: Plan\nsource: Test Wire\npublished: 2025-08-01\n\n"
        "US troops remain at Ain al-Asad. US troops will leave Ain al-Asad in September 2025.\n",
        encoding="utf-8",
    )
    out = tmp_path / "map.geojson"
    assert run_cli("export", "--out", out, "--articles", folder).returncode == 0
    statuses = {
        f["properties"]["id"]: f["properties"]["status"]
        for f in json.loads(out.read_text(encoding="utf-8"))["features"]
        if f["properties"].get("layer") == "coalition_positions"
    }
    assert statuses["ain_al_asad"] == "present"  # September 2025 is after the article
    later = tmp_path / "later.geojson"
    args = ("export", "--out", later, "--articles", folder, "--as-of", "2025-10-01")
    assert run_cli(*args).returncode == 0
    text = later.read_text(encoding="utf-8")
    assert '"departing"' in text
    assert "planned from September 2025" in text  # the date's own "in" is not repeated
