"""Exports: one self-contained HTML file, RFC 7946 GeoJSON, a flat claims CSV; all atomic."""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import os
import re
from pathlib import Path
from typing import Any

import folium
import pytest

import cli
from geo.claims import ClaimKind
from geo.errors import PostureMapError
from layers.assets import (
    UNNEEDED,
    AssetError,
    external_references,
    inline_assets,
    needed_assets,
    write_static_assets,
)
from layers.catalog import LAYERS
from layers.context import MAX_ZOOM
from layers.export import export_csv, export_geojson, export_html, html_text
from layers.page import MapView
from tests.test_layers_helpers import HOSTILE, claim, hostile_claims, seed_article, seed_claims

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


def _title_block(page: str) -> tuple[str, str]:
    """The page's <title> text and its title block's visible text (tags stripped)."""
    title = re.findall(r"<title>(.*?)</title>", page, flags=re.S)
    blocks = re.findall(r'<header class="pm-title-block">(.*?)</header>', page, flags=re.S)
    assert len(title) == 1
    assert len(blocks) == 1
    return html.unescape(title[0]), html.unescape(re.sub(r"<[^>]+>", "\n", blocks[0]))


def test_export_html_names_its_layers_date_articles_and_outlets() -> None:
    page = html_text(["isis_activity_zones"], as_of=dt.date(2025, 11, 26), claims=seed_claims())
    assert "Hamrin Mountains" in page
    title, block = _title_block(page)
    assert title == "Iraq: coalition posture and ISIS activity, as of 26 November 2025"
    assert "As of 26 November 2025" in block
    assert f"Shown: {LAYERS['isis_activity_zones'].title}" in block
    assert LAYERS["coalition_positions"].title not in block  # only the chosen layer
    assert "From 1 article by Rudaw." in block
    assert '<time datetime="2025-11-26">' in page
    # A header above the map, not a control over it.
    assert page.index('class="pm-title-block"') < page.index('class="folium-map"')


def test_title_block_counts_each_article_and_outlet_once_and_escapes_them() -> None:
    page = html_text(claims=hostile_claims())
    _, block = _title_block(page)
    assert "Latest reporting (to 27 November 2025)" in block  # the hostile article's date
    assert f"From 2 articles by Outlet {HOSTILE}, Rudaw." in block
    raw = re.search(r'<header class="pm-title-block">.*?</header>', page, flags=re.S)
    assert raw is not None
    assert "<script>" not in raw.group(0)
    assert "<img" not in raw.group(0)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in raw.group(0)


def test_title_block_says_when_nothing_drawn_has_reporting() -> None:
    _, block = _title_block(html_text(as_of=dt.date(1990, 1, 1), claims=seed_claims()))
    assert "As of 1 January 1990" in block
    assert "No reporting in the record supports anything drawn as of this date." in block
    assert "From " not in block


def test_export_opens_at_the_view_it_is_given() -> None:
    fitted = html_text(["governorates"], claims=seed_claims())
    assert _FIT.search(fitted)
    page = html_text(
        ["governorates"], claims=seed_claims(), view=MapView(center=(36.19, 44.01), zoom=9)
    )
    options = _map_options(page)
    assert options["center"] == [36.19, 44.01]
    assert options["zoom"] == 9
    assert not _FIT.search(page)  # the user's view, not the fitted default
    bounded = html_text(
        ["governorates"], claims=seed_claims(), view=MapView(bounds=((33.0, 43.0), (34.0, 45.0)))
    )
    assert [m.group(1) for m in _FIT.finditer(bounded)] == ["[[33.0, 43.0], [34.0, 45.0]]"]
    too_far = html_text(["governorates"], claims=seed_claims(), view=MapView((33.0, 44.0), 30))
    assert _map_options(too_far)["zoom"] == MAX_ZOOM  # held to the map's limits


def test_a_view_from_leaflet_state_and_bad_views() -> None:
    state = {"center": {"lat": 33.3, "lng": 44.4}, "zoom": 11, "bounds": {}}
    assert MapView.from_leaflet(state) == MapView(center=(33.3, 44.4), zoom=11.0)
    bounds = {"_southWest": {"lat": 30, "lng": 40}, "_northEast": {"lat": 36, "lng": 47}}
    assert MapView.from_leaflet({"bounds": bounds}) == MapView(bounds=((30, 40), (36, 47)))
    assert MapView.from_leaflet({}) is None
    with pytest.raises(PostureMapError, match="needs a centre and a zoom"):
        MapView(center=(33.0, 44.0))
    with pytest.raises(PostureMapError, match=r"\(144\.0, 33\.0\) is not a latitude"):
        MapView(center=(144.0, 33.0), zoom=6)
    with pytest.raises(PostureMapError, match="zoom nan is not a number"):
        MapView(center=(33.0, 44.0), zoom=float("nan"))


def test_cli_export_carries_the_title_block(tmp_path: Path) -> None:
    out = tmp_path / "cli.html"
    assert cli.main(["export", "--out", str(out), "--as-of", "2025-11-26"]) == 0
    title, block = _title_block(out.read_text(encoding="utf-8"))
    assert title.endswith("as of 26 November 2025")
    assert "Rudaw" in block


_FIT = re.compile(r"map_[0-9a-f]+\.fitBounds\(\s*(\[\[[^\]]*\], \[[^\]]*\]\])")


def _map_options(page: str) -> dict[str, Any]:
    """The literal options of the page's L.map(...) call: centre and zoom."""
    call = re.search(r"L\.map\(\s*\"[^\"]+\",\s*\{(.*?)\}\s*\);", page, flags=re.S)
    assert call is not None
    center = re.search(r"center: (\[[^\]]*\])", call.group(1))
    zoom = re.search(r'"zoom": ([0-9.]+)', call.group(1))
    assert center is not None
    assert zoom is not None
    return {"center": json.loads(center.group(1)), "zoom": float(zoom.group(1))}


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
