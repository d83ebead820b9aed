"""posture-map dashboard: widgets in, pure functions out (the work is in geo/ and layers/)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from geo.articles import Article, articles_dir, folder_signature
from geo.claims import Claim
from geo.errors import PostureMapError
from layers import intake, panel, session
from layers.assets import write_static_assets
from layers.changes import changes_frame
from layers.export import claims_frame
from layers.page import MapView
from layers.popups import md
from layers.render import base_map, layer_frames
from layers.switches import layer_control, shown_layers

STATIC_DIR = Path(__file__).resolve().parent / "static"
PLAY_STEP_S = 1.5
ALERTS = {"caption": st.caption, "info": st.info, "warning": st.warning, "error": st.error}
# The view is returned so the HTML export opens where the reader was (a pan reruns).
RETURNED = ["last_object_clicked", "selected_layers", "center", "zoom"]
state = st.session_state


@st.cache_data(show_spinner=False)
def _record(folder: str, signature: tuple) -> tuple[list[Article], list[str], list[Claim]]:
    """The folder's articles; `signature` is in the cache key, so a dropped-in file is read."""
    return panel.read_record(Path(folder))


@st.cache_resource(show_spinner=False)
def _asset_urls() -> dict[str, str]:
    return write_static_assets(STATIC_DIR, base_url_path=st.get_option("server.baseUrlPath"))


def _save(article: Article) -> None:
    if session.save_to_folder(state, article):
        _record.clear()


@st.fragment(run_every=PLAY_STEP_S)
def _player(stops: list[date]) -> None:
    """While Play is on, each tick moves the date one stop on and redraws the page."""
    if session.play_tick(state, stops, now=time.monotonic(), step_s=PLAY_STEP_S):
        st.rerun(scope="app")


def _sidebar(articles: list[Article], problems: list[str], claims: tuple, latest: date) -> date:
    bar, stops = st.sidebar, panel.slider_stops(claims, latest)
    session.follow_latest(state, stops, latest)
    bar.header("Posture as of")
    as_of = bar.select_slider("Dates with evidence", stops, key="as_of", format_func=panel.day_text)
    bar.toggle(
        "Play: step through the dates",
        key="play",
        on_change=session.start_play,
        args=(state, stops),
    )
    if state.get("play"):
        with bar:
            _player(stops)
    bar.header("What changed")
    bar.date_input("From", value=stops[0], key="changes_from", format="YYYY-MM-DD")
    bar.date_input("To", value=as_of, key="changes_to", format="YYYY-MM-DD")
    bar.toggle("Show the changes on the map", key="show_changes", help=panel.RINGS_HELP)
    bar.caption("Layers: switch them on the map (top right); the map keeps its view.")
    bar.header("Articles in use")
    for line in session.article_lines(state, articles):
        bar.text(line)
    for problem in problems:
        bar.warning(panel.skipped_text(problem))
    if state.get("added"):
        bar.button("Forget the articles added this session", on_click=state.pop, args=("added",))
    return as_of


def _download(where: Any, d: panel.Download) -> None:
    # A callable: the file is built when the button is clicked, not on every rerun.
    where.download_button(
        d.label, d.build, d.file_name, d.mime, key=f"dl_{d.file_name}", on_click="ignore"
    )


def _evidence(frames: dict, claims: tuple[Claim, ...], as_of: date, click: dict | None) -> None:
    st.subheader("Evidence")
    shown, box = session.note_click(state, frames, click)
    st.selectbox(
        "Place: click a feature on the map, or choose",
        panel.place_choices(claims, first=[shown] if shown else []),
        index=0 if shown else None,
        format_func=panel.place_name,
        key=box,
        on_change=lambda: state.update(evidence_of=state.get(box)),
    )
    if shown:
        st.html(panel.evidence_html(shown, frames, claims, as_of=as_of))


def _changes(changes: panel.ChangesView) -> None:
    st.subheader(changes.title)
    if not changes.rows:
        st.caption("Nothing changed between these dates.")
        return
    st.dataframe(changes_frame(changes.rows), hide_index=True)
    _download(st, panel.changes_download(changes.rows, changes.before, changes.after))


def _claims_table(claims: tuple[Claim, ...]) -> None:
    st.subheader("All claims")
    table = claims_frame(claims)
    options, (kind, where, outlet) = panel.claim_options(table), st.columns(3)
    shown = panel.filter_claims(
        table,
        kinds=kind.multiselect("Kind", options.kinds, key="f_kind"),
        places=where.multiselect(
            "Place", options.places, format_func=panel.place_name, key="f_place"
        ),
        outlets=outlet.multiselect("Outlet", options.outlets, key="f_outlet"),
    )
    st.dataframe(shown, hide_index=True)
    _download(st, panel.claims_download(shown))


def _add_article(saved: list[Article]) -> None:
    done, error = session.flash_messages(state)
    with st.expander(
        "Add an article: paste its text or upload a .txt", expanded=bool(done or error)
    ):
        if done:
            st.success(done)
        if error:
            st.error(error)
        st.caption(panel.INTAKE_HELP)
        clear = {"on_change": session.clear_flash, "args": (state,)}
        pasted = st.text_area("Article text", key="paste", height=180, **clear)
        upload = st.file_uploader("…or upload a .txt file", type=["txt"], key="upload", **clear)
        upload_given = (upload.name, upload.getvalue()) if upload else None
        found = intake.read_intake(pasted, upload_given, in_use=saved)
        if found.article is None:
            ALERTS[found.level](found.message)
            return
        st.write(intake.found_text(found.claims))
        st.dataframe(intake.preview_frame(found.claims), hide_index=True)
        left, right = st.columns(2)
        applied = session.is_added(state, found.article.id)
        left.button(
            intake.apply_label(applied),
            key="apply",
            on_click=session.apply_article,
            args=(state, found.article, found.claims),
            disabled=applied,
        )
        right.button(
            intake.save_label(articles_dir()), key="save", on_click=_save, args=(found.article,)
        )


def _exports(chosen: list[str], as_of: date, claims: tuple[Claim, ...], page: Any) -> None:
    st.subheader("Export exactly what is on screen")
    view = MapView.from_leaflet(page or {})  # the view the reader had at the last rerun
    downloads = panel.map_downloads(chosen, as_of=as_of, claims=claims, view=view)
    st.caption(panel.export_text(chosen, view))
    for column, download in zip(st.columns(2), downloads, strict=True):
        _download(column, download)


def main() -> None:
    """Draw the dashboard: sidebar, map, evidence, changes, claims table, intake, exports."""
    st.set_page_config(page_title="posture-map: Iraq", layout="wide")
    folder = articles_dir()
    shipped, problems, shipped_claims = _record(str(folder), folder_signature(folder))
    articles, claims, latest = session.with_added(state, shipped, shipped_claims)
    as_of = _sidebar(articles, problems, claims, latest)
    st.title("Coalition posture and ISIS activity in Iraq")
    caption = st.empty()
    try:
        changes = panel.changes_view(claims, state["changes_from"], state["changes_to"])
        on_map = changes.rows if state.get("show_changes") else None
        groups, ids = panel.map_groups(as_of, claims, changes=on_map, changes_title=changes.title)
        page = st_folium(
            base_map(asset_urls=_asset_urls()),
            key="map",
            height=620,
            use_container_width=True,
            feature_group_to_add=groups,
            layer_control=layer_control(groups, ids),
            returned_objects=RETURNED,
        )
        chosen = shown_layers(page)
        frames = layer_frames(chosen, as_of=as_of, claims=claims)
        caption.caption(panel.caption_text(as_of, frames))
        _evidence(frames, claims, as_of, (page or {}).get("last_object_clicked"))
        _changes(changes)
        _claims_table(claims)
        _add_article(shipped)
        _exports(chosen, as_of, claims, page)
    except PostureMapError as exc:
        st.error(md(str(exc)))


if __name__ == "__main__":
    main()
