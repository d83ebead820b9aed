"""Exports: one self-contained HTML file, RFC 7946 GeoJSON, a flat claims CSV; all atomic."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
from pathlib import Path

import folium
import pytest

from geo.claims import ClaimKind
from layers.assets import (
    UNNEEDED,
    AssetError,
    external_references,
    inline_assets,
    needed_assets,
    write_static_assets,
)
from layers.catalog import LAYERS
from layers.export import export_csv, export_geojson, export_html, html_text
from tests.test_layers_helpers import claim, hostile_claims, seed_article, seed_claims

MAX_BYTES = 1_500_000


def test_folium_links_only_assets_the_export_can_inline() -> None:
    """Fails loudly when a folium upgrade links something new or bumps Leaflet or jQuery."""
    names = {name for name, _ in [*folium.Map.default_js, *folium.Map.default_css]}
    assert names - UNNEEDED == {a.name for a in needed_assets()}
    for asset in needed_assets():
        assert asset.path.is_file(), asset.path


def test_an_unmapped_asset_is_refused_by_name() -> None:
    extra = [*folium.Map.default_js, ("leaflet_draw", "https://cdn.example/leaflet.draw.js")]
    with pytest.raises(AssetError, match="leaflet_draw"):
        needed_assets(js=extra)
    bumped = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js")]
    with pytest.raises(AssetError, match=r"leaflet .*1\.9\.3"):
        needed_assets(js=bumped, css=[])


def test_inlining_refuses_a_page_that_would_still_load_something() -> None:
    page = '<html><head><script src="https://cdn.example/other.js"></script></head></html>'
    with pytest.raises(AssetError, match=r"other\.js"):
        inline_assets(page)
    with pytest.raises(AssetError, match="tracker"):
        inline_assets('<html><body><img src="http://tracker.example/p.gif"></body></html>')


def test_export_html_is_one_self_contained_file(tmp_path: Path) -> None:
    out = export_html(tmp_path / "map.html", claims=seed_claims())
    page = out.read_text(encoding="utf-8")
    assert external_references(page) == []
    markup = re.sub(r"<(script|style)>.*?</\1>", "", page, flags=re.S)  # tags, not JS code
    assert 'src="http' not in markup
    assert 'href="http' not in markup
    assert "leaflet from xstatic.pkg.leaflet" in page
    assert "jquery from xstatic.pkg.jquery" in page
    assert "data:image/png;base64," in page  # Leaflet's CSS images inlined too
    assert 'version="1.9.3"' in page or 't.version="1.9.3"' in page
    assert out.stat().st_size < MAX_BYTES
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temp file left


def test_export_html_for_chosen_layers_and_date(tmp_path: Path) -> None:
    page = html_text(["isis_activity_zones"], as_of=dt.date(2025, 11, 26), claims=seed_claims())
    assert "Hamrin Mountains" in page
    assert LAYERS["coalition_positions"].title not in page.split("pm-legend", 1)[0]


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.html"
    target.write_text("old", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        export_html(target, layer_ids=["governorates"], claims=seed_claims())
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_export_geojson_is_rfc7946_with_attributes_and_evidence(tmp_path: Path) -> None:
    out = export_geojson(tmp_path / "layers.geojson", claims=seed_claims())
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    by_layer: dict[str, int] = {}
    for feature in data["features"]:
        by_layer[feature["properties"]["layer"]] = (
            by_layer.get(feature["properties"]["layer"], 0) + 1
        )
        lon, lat = _first_position(feature["geometry"]["coordinates"])
        assert 38 < lon < 49
        assert 29 < lat < 38
    assert by_layer == {
        "governorates": 18,
        "disputed_provinces": 4,
        "kurdistan_region": 1,
        "isis_activity_zones": 3,
        "coalition_positions": 6,
    }
    asad = next(f for f in data["features"] if f["id"] == "coalition_positions/ain_al_asad")
    props = asad["properties"]
    assert props["status"] == "withdrawn"
    assert {"quote", "outlet", "published", "url", "role"} <= set(props["evidence"][0])
    assert any("Ain al-Assad" in e["quote"] for e in props["evidence"])
    assert props["personnel_min"] is None  # JSON null, not NaN


def test_export_geojson_as_of_and_layers(tmp_path: Path) -> None:
    out = export_geojson(
        tmp_path / "l.geojson",
        layer_ids=["coalition_positions"],
        as_of=dt.date(2025, 8, 25),
        claims=seed_claims(),
    )
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["status"] for f in features} == {"departing", "arriving"}
    assert {f["properties"]["as_of"] for f in features} == {"2025-08-25"}


def test_export_csv_one_row_per_claim_with_coordinates(tmp_path: Path) -> None:
    formula = claim(seed_article(), ClaimKind.ISIS_ACTIVITY, "anbar_desert", "=HYPERLINK(1)")
    claims = [*seed_claims(), formula]
    out = export_csv(tmp_path / "claims.csv", claims)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(claims)
    asad = next(r for r in rows if r["place_id"] == "ain_al_asad")
    assert 33 < float(asad["lat"]) < 34
    assert 42 < float(asad["lon"]) < 43
    assert asad["place_name"] == "Ain al-Asad Air Base"
    baghdad = next(r for r in rows if r["place_id"] == "baghdad")
    assert (baghdad["personnel_min"], baghdad["personnel_max"]) == ("4", "5")
    assert rows[-1]["quote"] == "'=HYPERLINK(1)"  # defused for spreadsheets


def test_hostile_article_exports_without_live_markup(tmp_path: Path) -> None:
    page = export_html(tmp_path / "h.html", claims=hostile_claims()).read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page
    assert "javascript:window.__pwned" not in page  # a non-http URL is never linked
    assert external_references(page) == []


def test_write_static_assets_for_the_dashboard(tmp_path: Path) -> None:
    urls = write_static_assets(tmp_path / "static")
    assert urls == {
        "leaflet": "/app/static/leaflet.js",
        "jquery": "/app/static/jquery.min.js",
        "leaflet_css": "/app/static/leaflet.css",
    }
    for name in ("leaflet.js", "jquery.min.js", "leaflet.css", "images/layers.png"):
        assert (tmp_path / "static" / name).is_file()
    assert write_static_assets(tmp_path / "static") == urls  # idempotent
    below = write_static_assets(tmp_path / "static", base_url_path="/maps/")
    assert below["leaflet"] == "/maps/app/static/leaflet.js"


def _first_position(coordinates: list) -> tuple[float, float]:  # type: ignore[type-arg]
    while isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    return float(coordinates[0]), float(coordinates[1])
