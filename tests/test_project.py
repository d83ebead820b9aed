"""Promises about the project itself: the README's two commands, CI, provenance, lint, types."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO


def _fenced_after(marker: str) -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(re.escape(marker) + r"\s*```sh\n(.*?)```", text, re.S)
    assert block, f"README.md has no ```sh block after {marker}"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_the_dashboard_and_test_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    first_blocks = re.findall(r"```sh\n(.*?)```", text, re.S)[:2]
    dashboard, tests = (
        _fenced_after("<!-- dashboard-command -->"),
        _fenced_after("<!-- test-command -->"),
    )
    assert [b.strip() for b in first_blocks] == [dashboard[0], tests[0]]
    assert len(dashboard) == 1
    assert dashboard[0].endswith("streamlit run app.py")
    assert len(tests) == 1
    assert "pip install" in tests[0]
    assert "pytest" in tests[0]


def test_ci_runs_the_readme_test_command_and_installs_chromium() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium" in script
    assert "cmd=$(.ci/readme-test-command)" in script
    extracted = subprocess.run(
        [str(REPO / ".ci" / "readme-test-command")], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert extracted == _fenced_after("<!-- test-command -->")[0]


def test_every_data_file_has_its_provenance() -> None:
    sources = (REPO / "data" / "SOURCES.md").read_text(encoding="utf-8")
    data_files = [p for p in (REPO / "data").iterdir() if p.is_file() and p.name != "SOURCES.md"]
    data_files += list((REPO / "data" / "articles").glob("*.txt"))
    assert data_files
    for path in data_files:
        assert f"`{path.name}`" in sources or path.name in sources, path.name
    sites = json.loads((REPO / "data" / "sites.geojson").read_text(encoding="utf-8"))
    for feature in sites["features"]:
        assert f"`{feature['id']}`" in sources, feature["id"]


def test_the_article_index_in_sources_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "data" / "build" / "articles_index.py"), "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, "run data/build/articles_index.py: data/SOURCES.md is stale"


def test_each_data_file_has_a_rebuild_script() -> None:
    build = REPO / "data" / "build"
    assert (build / "build_governorates.py").exists()
    assert (build / "build_sites.py").exists()


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean_on_geo_and_layers() -> None:
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
