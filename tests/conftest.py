"""Shared fixtures: tiny GeoJSON files written in code, so each bad-data case is explicit."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
# The tests' own article folder (the seed article alone): tests never depend on which articles
# ship in data/articles. Set at import, so `streamlit run` and CLI subprocesses inherit it.
TEST_ARTICLES = REPO / "tests" / "data" / "record"
SEED = TEST_ARTICLES / "2025-11-26_rudaw_coalition-completes-mission.txt"
os.environ["POSTURE_MAP_ARTICLES"] = str(TEST_ARTICLES)


def square(lon: float, lat: float, size: float = 0.5) -> dict[str, Any]:
    """A closed square polygon ring (GeoJSON geometry) with its south-west corner at lon, lat."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def governorate_feature(gov_id: str = "test_governorate", **overrides: Any) -> dict[str, Any]:
    """One valid governorate feature in central Iraq; keyword arguments replace its parts."""
    feature: dict[str, Any] = {
        "type": "Feature",
        "properties": {
            "id": gov_id,
            "name": "Test",
            "aliases": ["Test"],
            "hasc": "IQ.XX",
            "region": "Iraq",
        },
        "geometry": square(44.0, 33.0),
    }
    feature.update(overrides)
    return feature


@pytest.fixture
def write_geojson(tmp_path: Path) -> Callable[..., Path]:
    """Write a FeatureCollection (or any JSON, or raw text) to a temp file and return its path."""

    def write(payload: Any, name: str = "layer.geojson") -> Path:
        path = tmp_path / name
        if isinstance(payload, str | bytes):
            path.write_bytes(payload.encode() if isinstance(payload, str) else payload)
        else:
            path.write_text(json.dumps(payload), encoding="utf-8")
        return path

    return write


def collection(*features: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A FeatureCollection of the given features."""
    return {"type": "FeatureCollection", "features": list(features), **extra}
