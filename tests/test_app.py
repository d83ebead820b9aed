"""The dashboard through Streamlit's AppTest: toggles, evidence, downloads, adding articles.

AppTest runs app.py's script without a browser. The map is streamlit-folium's component; what
it would draw is read from the component's arguments (the feature-group script it is sent).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from geo.articles import ARTICLES_ENV, MAX_ARTICLE_BYTES, articles_dir
from layers.catalog import LAYERS
from layers.switches import LAYER_URL, READY
from tests.conftest import REPO, SEED
from tests.test_geo_changes import ARTICLES as DRAWDOWN
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


PREVIEW_COLUMNS = ["kind", "place_name", "status", "personnel_min", "personnel_max", "quote"]


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


def report_shown(at: AppTest, layer_ids: list[str]) -> AppTest:
    """What the page does when the reader ticks layers in the map: report them, then rerun."""
    key = map_widget_key(at)
    at.session_state[key] = {
        "last_object_clicked": None,
        "selected_layers": [{"name": i, "url": LAYER_URL} for i in [READY, *layer_ids]],
    }
    return at.run()


def map_widget_key(at: AppTest) -> str:
    """The map component's widget key (streamlit-folium derives it from the map's script)."""
    maps = [e for e in at.main if getattr(e, "type", "") == "component_instance"]
    return str(maps[0].proto.id).split("-", 2)[-1]  # type: ignore[attr-defined]


def caption(at: AppTest) -> str:
    return next(c.value for c in at.main.caption if c.value.startswith("As of"))


def test_first_open_sends_every_layer_once_with_the_map_s_own_switches(app: AppTest) -> None:
    assert drawn_layers(app) == set(LAYERS)
    payload = map_payload(app)
    assert all(
        link.startswith("/app/static/") for link in payload["js_links"] + payload["css_links"]
    ), "no CDN"
    # Clicks, the switches and the view report back (the HTML export opens at the view).
    assert payload["returned_objects"] == [
        "last_object_clicked",
        "selected_layers",
        "center",
        "zoom",
    ]
    assert all(json.dumps(s.title) in payload["layer_control"] for s in LAYERS.values())
    assert "Ain al-Asad" in payload["feature_group"]
    assert not app.toggle(key="show_changes").value
    assert all(f"{s.title}: " in caption(app) for s in LAYERS.values())
    assert not app.error


@pytest.mark.parametrize("layer_id", list(LAYERS))
def test_a_switch_in_the_map_reruns_without_resending_the_map(app: AppTest, layer_id: str) -> None:
    before = map_payload(app)
    report_shown(app, [lid for lid in LAYERS if lid != layer_id])
    assert not app.exception
    # The same layers and control go back: the page does not redraw, it has shown the change.
    assert map_payload(app) == before
    assert f"{LAYERS[layer_id].title}: " not in caption(app)
    assert all(f"{LAYERS[lid].title}: " in caption(app) for lid in LAYERS if lid != layer_id)


def test_html_download_holds_exactly_the_layers_on_screen(
    app: AppTest, downloads: dict[str, Callable[[], Any]]
) -> None:
    hidden = {"governorates", "disputed_provinces"}
    report_shown(app, [lid for lid in LAYERS if lid not in hidden])
    html = text_of(downloads["posture-map_2025-11-26.html"]())
    shown = [s.title for s in LAYERS.values() if s.id not in hidden]
    assert layer_control_names(html) == shown
    assert "<script src=" not in html  # one self-contained file
    geojson = json.loads(text_of(downloads["posture-map_2025-11-26.geojson"]()))
    layers = {f["properties"]["layer"] for f in geojson["features"]}
    assert layers == {"kurdistan_region", "isis_activity_zones", "coalition_positions"}
    report_shown(app, [])
    assert "no layer shown" in caption(app)


def test_the_slider_stops_at_dates_with_evidence_and_changes_the_posture(app: AppTest) -> None:
    slider = app.select_slider(key="as_of")
    assert slider.value == date(2025, 11, 26)  # the latest article
    assert (
        'data-place-id=\\"ain_al_asad\\" data-status=\\"withdrawn\\"'
        in map_payload(app)["feature_group"]
    )
    slider.set_value(date(2025, 8, 21)).run()  # late August: the departure is reported
    payload = map_payload(app)["feature_group"]
    assert 'data-place-id=\\"ain_al_asad\\" data-status=\\"departing\\"' in payload
    assert "As of 21 Aug 2025" in caption(app)


def test_the_changes_view_lists_what_changed_and_draws_it_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, downloads: dict[str, Callable[[], Any]]
) -> None:
    for name, text in DRAWDOWN.items():  # invented articles: not the shipped corpus
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv(ARTICLES_ENV, str(tmp_path))
    app = AppTest.from_file(APP, default_timeout=120).run()
    app.date_input(key="changes_from").set_value(date(2025, 8, 1))
    app.date_input(key="changes_to").set_value(date(2026, 2, 1)).run()
    table = next(d.value for d in app.dataframe if "what" in d.value)
    rows = dict(zip(table["place_id"], table["what"], strict=True))
    assert {p for p, what in rows.items() if what == "emptied"} == {
        "baghdad_airport",
        "green_zone",
        "joc_hq",
        "ain_al_asad",
    }
    assert rows["erbil"] == rows["harir"] == "gained"
    # "Some 1,000 US troops have arrived in Erbil from Baghdad": a counted group left, so
    # Baghdad is first reported with forces there, leaving (departing), not emptied
    assert rows["baghdad"] == "gained"
    assert "Changes 01 Aug 2025 → 01 Feb 2026" in [h.value for h in app.subheader]
    csv = text_of(downloads["posture-map-changes_2025-08-01_2026-02-01.csv"]())
    assert csv.splitlines()[0].startswith("place,layer,what,before,after")
    assert csv.count(",emptied,") == 4
    assert "pm-change" not in map_payload(app)["feature_group"]
    app.toggle(key="show_changes").set_value(True).run()
    payload = map_payload(app)
    assert payload["feature_group"].count("pm-change pm-change-emptied") == 4
    assert payload["feature_group"].count("pm-change pm-change-gained") == 3
    assert json.dumps("Changes 01 Aug 2025 → 01 Feb 2026") in payload["layer_control"]
    # Moving the date keeps the chosen span.
    app.select_slider(key="as_of").set_value(date(2025, 6, 1)).run()
    assert app.date_input(key="changes_to").value == date(2026, 2, 1)


def test_evidence_panel_lists_the_claims_about_a_place(app: AppTest) -> None:
    box = next(b for b in app.selectbox if b.label.startswith("Place"))
    box.set_value("ain_al_asad").run()
    panel = app.get("html")[0].proto.body  # type: ignore[attr-defined]
    assert "Ain al-Asad Air Base" in panel
    assert "Ain al-Assad airbase" in panel  # the quote
    assert "Rudaw" in panel
    assert "https://www.rudaw.net/" in panel


def test_claims_table_filters_and_downloads_what_it_shows(
    app: AppTest, downloads: dict[str, Callable[[], Any]]
) -> None:
    app.multiselect(key="f_kind").set_value(["isis_threat"]).run()
    table = next(d.value for d in app.dataframe if "kind" in d.value)
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
    assert "The map is at 01 Dec 2025" in shown(app.success[0].value)
    assert app.select_slider(key="as_of").value == date(2025, 12, 1)  # it was on the latest
    assert sorted(p.name for p in articles_dir().iterdir()) == before
    app.run()  # a rerun the map starts (its view, its switches) does not eat the message
    assert "Applied 1 claims" in shown(app.success[0].value)
    app.text_area(key="paste").set_value("title: next").run()  # the reader moves on: it goes
    assert not [m for m in app.success if "Applied" in shown(m.value)]


def test_save_writes_the_article_into_the_folder_and_moves_the_date_like_apply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    monkeypatch.setenv(ARTICLES_ENV, str(folder))
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert app.select_slider(key="as_of").value == date(2025, 11, 26)
    app.text_area(key="paste").set_value(NEW_ARTICLE).run()
    assert shown(app.button(key="save").label) == f"Save into {folder}/"  # the configured one
    app.button(key="save").click().run()
    saved = sorted(p.name for p in folder.glob("*.txt"))
    assert saved == sorted(
        [SEED.name, "2025-12-01_test-wire_coalition-advisers-reach-harir-test-fixture.txt"]
    )
    assert list(folder.glob(".*")) == []  # no temp file left behind
    message = shown(app.success[0].value)
    assert f"Saved as {folder}/2025-12-01_test-wire" in message
    assert "The map is at 01 Dec 2025" in message
    assert not app.info  # not "already on the map" for what was just saved
    assert app.select_slider(key="as_of").value == date(2025, 12, 1)  # the date follows
    assert 'data-place-id=\\"harir\\"' in map_payload(app)["feature_group"]
    assert app.text_area(key="paste").value == ""


def test_a_file_dropped_into_the_folder_while_the_app_runs_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    monkeypatch.setenv(ARTICLES_ENV, str(tmp_path))
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert not any("Harir" in t.value for t in app.sidebar.text)
    (tmp_path / "2025-12-01_test-wire_harir.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    app.run()  # any rerun: a click, a slider
    assert any("Coalition advisers reach Harir" in t.value for t in app.sidebar.text)
    assert app.select_slider(key="as_of").value == date(2025, 12, 1)  # the news is followed
    assert "(added this session)" not in " ".join(t.value for t in app.sidebar.text)
    assert 'data-place-id=\\"harir\\"' in map_payload(app)["feature_group"]


def test_whitespace_only_paste_says_why_nothing_is_read(app: AppTest) -> None:
    app.text_area(key="paste").set_value("  \n\t\n ").run()
    assert any("only spaces or blank lines" in shown(w.value) for w in app.warning)
    assert not app.get("button")


def test_a_paste_and_an_upload_together_are_refused_not_one_silently_dropped(
    app: AppTest,
) -> None:
    app.text_area(key="paste").set_value(NEW_ARTICLE)
    app.file_uploader(key="upload").upload("other.txt", b"title: U\n", "text/plain").run()
    assert any("Both a pasted text and an uploaded file" in shown(w.value) for w in app.warning)
    assert app.dataframe[-1].value.columns.tolist() != PREVIEW_COLUMNS
    assert not app.get("button")  # nothing to apply or save


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
        ("noheader.txt", b"Troops left Baghdad.", "the header is missing"),
        (
            "noblank.txt",
            b"title: T\nsource: S\npublished: 2025-01-01\nTroops left Baghdad.",
            "no blank line after the header",
        ),
        ("utf16.txt", NEW_ARTICLE.encode("utf-16"), "this is UTF-16 text"),
        (
            "js.txt",
            NEW_ARTICLE.replace("https://example.org/harir", "javascript:alert(1)").encode(),
            "is not an http(s) address",
        ),
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


def test_apply_leaves_the_date_alone_when_the_reader_chose_an_earlier_one(app: AppTest) -> None:
    app.select_slider(key="as_of").set_value(date(2025, 8, 21)).run()
    app.text_area(key="paste").set_value(NEW_ARTICLE).run()
    app.button(key="apply").click().run()
    assert app.select_slider(key="as_of").value == date(2025, 8, 21)
    assert "The map is at 21 Aug 2025" in shown(app.success[0].value)
    stops = [datetime.strptime(o, "%d %b %Y").date() for o in app.select_slider("as_of").options]
    assert date(2025, 12, 1) in stops  # the new article's date is a stop to go to
