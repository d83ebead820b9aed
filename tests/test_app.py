"""The dashboard through Streamlit's AppTest: toggles, evidence, downloads, adding articles.

AppTest runs app.py's script without a browser. The map is streamlit-folium's component; what
it would draw is read from the component's arguments (the feature-group script it is sent).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from geo.articles import ARTICLES_ENV, MAX_ARTICLE_BYTES, articles_dir
from layers.catalog import LAYERS
from tests.conftest import REPO
from tests.test_layers_render import layer_control_names

APP = str(REPO / "app.py")
NEW_ARTICLE = """title: Coalition advisers reach Harir (test fixture)
source: Test Wire
url: https://example.org/harir
published: 2025-12-01

ERBIL - Some 200 US troops have been stationed at Harir Air Base since Monday, a coalition
spokesman said.
"""


@pytest.fixture
def app() -> AppTest:
    """The dashboard after its first run, which must not raise."""
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """What each download button would serve, by file name (eager data or a deferred callable)."""
    served: dict[str, Callable[[], Any]] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def eager(
        self: MediaFileManager,
        data: Any,
        mimetype: str,
        coordinates: str,
        file_name: str | None = None,
        **kwargs: Any,
    ) -> str:
        served[file_name or coordinates] = lambda: data
        return add(self, data, mimetype, coordinates, file_name, **kwargs)

    def deferred(
        self: MediaFileManager,
        data: Callable[[], Any],
        mimetype: str | None,
        coordinates: str,
        file_name: str | None = None,
        **kwargs: Any,
    ) -> str:
        served[file_name or coordinates] = data
        return add_deferred(self, data, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", eager)
    monkeypatch.setattr(MediaFileManager, "add_deferred", deferred)
    return served


def map_payload(at: AppTest) -> dict[str, Any]:
    """The arguments the streamlit-folium component receives."""
    maps = [e for e in at.main if getattr(e, "type", "") == "component_instance"]
    assert len(maps) == 1, "exactly one map on the page"
    return json.loads(maps[0].proto.json_args)  # type: ignore[attr-defined]


def drawn_layers(at: AppTest) -> set[str]:
    """Layer ids whose features the map would draw."""
    return set(re.findall(r"pm-layer pm-layer-([a-z_]+)", map_payload(at)["feature_group"]))


def shown(markdown: str) -> str:
    """Markdown source as the reader sees it (backslash escapes resolved)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def text_of(payload: bytes | str) -> str:
    return payload.decode("utf-8") if isinstance(payload, bytes) else payload


def test_first_open_shows_every_layer_from_local_assets(app: AppTest) -> None:
    assert [t.label for t in app.toggle] == [spec.title for spec in LAYERS.values()]
    assert all(t.value for t in app.toggle)
    assert drawn_layers(app) == set(LAYERS)
    payload = map_payload(app)
    assert all(
        link.startswith("/app/static/") for link in payload["js_links"] + payload["css_links"]
    ), "no CDN"
    assert payload["returned_objects"] == ["last_object_clicked"]  # panning does not rerun
    assert "Ain al-Asad" in payload["feature_group"]
    assert not app.error


@pytest.mark.parametrize("layer_id", list(LAYERS))
def test_each_toggle_changes_what_the_map_draws(app: AppTest, layer_id: str) -> None:
    base_script = map_payload(app)["script"]
    app.toggle(key=f"layer_{layer_id}").set_value(False).run()
    assert drawn_layers(app) == set(LAYERS) - {layer_id}
    # The map itself is the same component, so the browser keeps its view.
    assert map_payload(app)["script"] == base_script
    app.toggle(key=f"layer_{layer_id}").set_value(True).run()
    assert drawn_layers(app) == set(LAYERS)


def test_html_download_holds_exactly_the_layers_on_screen(
    app: AppTest, downloads: dict[str, Callable[[], Any]]
) -> None:
    for layer_id in ("governorates", "disputed_provinces"):
        app.toggle(key=f"layer_{layer_id}").set_value(False).run()
    html = text_of(downloads["posture-map_2025-11-26.html"]())
    shown = [s.title for s in LAYERS.values() if s.id not in {"governorates", "disputed_provinces"}]
    assert layer_control_names(html) == shown
    assert "<script src=" not in html  # one self-contained file
    geojson = json.loads(text_of(downloads["posture-map_2025-11-26.geojson"]()))
    layers = {f["properties"]["layer"] for f in geojson["features"]}
    assert layers == {"kurdistan_region", "isis_activity_zones", "coalition_positions"}


def test_as_of_date_changes_the_posture(app: AppTest) -> None:
    payload = map_payload(app)["feature_group"]
    assert 'data-place-id=\\"ain_al_asad\\" data-status=\\"withdrawn\\"' in payload
    app.date_input(key="as_of").set_value(
        app.date_input(key="as_of").value.replace(month=8, day=25)
    ).run()
    payload = map_payload(app)["feature_group"]
    # Late August: the departure under way is evidence the forces are still there, leaving.
    assert 'data-place-id=\\"ain_al_asad\\" data-status=\\"departing\\"' in payload
    assert "As of 25 Aug 2025" in app.caption[0].value


def test_evidence_panel_lists_the_claims_about_a_place(app: AppTest) -> None:
    app.selectbox(key="place").set_value("ain_al_asad").run()
    panel = app.get("html")[0].proto.body  # type: ignore[attr-defined]
    assert "Ain al-Asad Air Base" in panel
    assert "Ain al-Assad airbase" in panel  # the quote
    assert "Rudaw" in panel
    assert "https://www.rudaw.net/" in panel


def test_claims_table_filters_and_downloads_what_it_shows(
    app: AppTest, downloads: dict[str, Callable[[], Any]]
) -> None:
    app.multiselect(key="f_kind").set_value(["isis_threat"]).run()
    table = app.dataframe[0].value
    assert set(table["kind"]) == {"isis_threat"}
    assert set(table["place_id"]) == {
        "diyala_governorate",
        "kirkuk_governorate",
        "nineveh_governorate",
        "salahaddin_governorate",
    }
    csv = text_of(downloads["posture-map-claims.csv"]())
    assert csv.count("isis_threat") == 4
    assert "coalition_presence" not in csv


def test_pasted_article_is_previewed_then_applied_to_this_session_only(app: AppTest) -> None:
    before = sorted(p.name for p in articles_dir().iterdir())
    assert "harir" not in map_payload(app)["feature_group"]
    app.text_area(key="paste").set_value(NEW_ARTICLE).run()
    preview = app.dataframe[-1].value
    assert list(preview["place_name"]) == ["Harir Air Base"]
    assert "harir" not in map_payload(app)["feature_group"]  # previewed, not applied
    app.button(key="apply").click().run()
    assert not app.exception
    assert 'data-place-id=\\"harir\\"' in map_payload(app)["feature_group"]
    assert any("Coalition advisers reach Harir" in t.value for t in app.sidebar.text)
    assert "Applied 1 claims" in shown(app.success[0].value)
    assert sorted(p.name for p in articles_dir().iterdir()) == before


def test_save_writes_the_article_into_the_articles_folder(
    app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ARTICLES_ENV, str(tmp_path))
    app.text_area(key="paste").set_value(NEW_ARTICLE).run()
    app.button(key="save").click().run()
    saved = list(tmp_path.glob("*.txt"))
    assert [p.name for p in saved] == [
        "2025-12-01_test-wire_coalition-advisers-reach-harir-test-fixture.txt"
    ]
    assert saved[0].read_text(encoding="utf-8").startswith("title: Coalition advisers")
    assert list(tmp_path.glob(".*")) == []  # no temp file left behind
    assert "Saved as" in shown(app.success[0].value)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "the article is empty"),
        ("binary.txt", bytes(range(256)) * 4, "not UTF-8"),
        (
            "latin1.txt",
            "title: Caf\xe9\nsource: S\npublished: 2025-01-01\n\nBaghdad.".encode("latin-1"),
            "not UTF-8",
        ),
        ("nul.txt", b"title: T\nsource: S\npublished: 2025-01-01\n\n\x00\x00Baghdad", "binary"),
        (
            "big.txt",
            b"title: T\nsource: S\npublished: 2025-01-01\n\n" + b"a" * MAX_ARTICLE_BYTES,
            f"{MAX_ARTICLE_BYTES:,}-byte limit",
        ),
        ("noheader.txt", b"Troops left Baghdad.", "no blank line after the header"),
    ],
)
def test_bad_uploads_are_refused_in_the_page_and_the_map_stays(
    app: AppTest, name: str, content: bytes, message: str
) -> None:
    before = map_payload(app)["feature_group"]
    app.file_uploader(key="upload").upload(name, content, "text/plain").run()
    assert not app.exception
    assert any(message in shown(e.value) for e in app.error), [e.value for e in app.error]
    assert "the map is unchanged" in shown(app.error[0].value)
    assert map_payload(app)["feature_group"] == before


def test_an_article_without_an_iraqi_place_says_so(app: AppTest) -> None:
    app.text_area(key="paste").set_value(
        "title: Weather\nsource: Test Wire\npublished: 2025-12-01\n\nIt rained in Paris."
    ).run()
    assert any("no Iraqi place" in shown(w.value) for w in app.warning)
    assert not app.get("button")  # nothing to apply


def test_hostile_article_text_is_shown_as_text(app: AppTest) -> None:
    hostile = NEW_ARTICLE.replace(
        "Coalition advisers", "![x](http://evil.example/p.png) :red[Coalition] <b>advisers</b>"
    )
    app.text_area(key="paste").set_value(hostile).run()
    app.button(key="apply").click().run()
    titles = [t.value for t in app.sidebar.text if "Harir" in t.value]
    assert titles
    assert "![x](http://evil.example/p.png)" in titles[0]
    for element in [*app.success, *app.error, *app.warning, *app.markdown, *app.caption]:
        assert "](http://evil" not in element.value


def test_a_hostile_file_name_in_an_error_is_escaped(app: AppTest) -> None:
    name = "![x](http://evil.example/p.png).txt"
    app.file_uploader(key="upload").upload(name, b"\x00\x01", "text/plain").run()
    message = app.error[0].value
    assert name in shown(message)  # the reader sees the name as written...
    assert "](http://evil" not in message  # ...and the markdown never links or embeds it
