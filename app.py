"""posture-map dashboard: widgets in, pure functions out (the work is in geo/ and layers/)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from geo.articles import Article, articles_dir, folder_signature, save_article
from geo.changes import changes_between
from geo.claims import Claim
from geo.errors import PostureMapError
from geo.intake import Verdict, review_article
from layers import panel
from layers.assets import write_static_assets
from layers.changes import changes_frame, changes_title
from layers.export import claims_frame
from layers.page import MapView
from layers.popups import md
from layers.render import base_map, layer_frames
from layers.switches import layer_control, shown_layers

STATIC_DIR = Path(__file__).resolve().parent / "static"
PLAY_STEP_S = 1.5
ALERTS = {Verdict.UNREADABLE: st.error, Verdict.NO_CLAIMS: st.warning, Verdict.IN_USE: st.info}
PREVIEW = ["kind", "place_name", "status", "personnel_min", "personnel_max", "quote"]
state = st.session_state


@st.cache_data(show_spinner=False)
def _record(folder: str, signature: tuple) -> tuple[list[Article], list[str], list[Claim]]:
    """The folder's articles; `signature` is in the cache key, so a dropped-in file is read."""
    return panel.read_record(Path(folder))


@st.cache_resource(show_spinner=False)
def _asset_urls() -> dict[str, str]:
    return write_static_assets(STATIC_DIR, base_url_path=st.get_option("server.baseUrlPath"))


def _apply(article: Article, claims: tuple[Claim, ...]) -> None:
    _clear_flash()
    state.setdefault("added", {})[article.id] = (article, claims)
    # The text stays in the box (its button now reads "Applied"): clearing it from a callback
    # races the box's own commit of the same text, which would bring it back as a new input.
    state["flash"] = f"Applied {len(claims)} claims to this session's map (not saved)."


def _clear_flash() -> None:
    state.pop("flash", None)
    state.pop("flash_error", None)


def _save(article: Article) -> None:
    _clear_flash()
    try:  # the folder is looked up now, not at import, so tests can point it elsewhere
        path = save_article(article)
    except (PostureMapError, OSError) as exc:
        state["flash_error"] = f"Not saved: {exc}"
        return
    state.get("added", {}).pop(article.id, None)  # it now loads from the folder
    _record.clear()
    state["paste"], state["flash"] = "", f"Saved as {panel.folder_label(path.parent)}{path.name}."


@st.fragment(run_every=PLAY_STEP_S)
def _player(stops: list[date]) -> None:
    """While Play is on, each tick moves the date one stop on and redraws the page."""
    if time.monotonic() - state.get("play_at", 0.0) < PLAY_STEP_S * 0.8:
        return  # the page's own run, not a tick
    state["play_at"], following = time.monotonic(), panel.next_stop(stops, state["as_of"])
    if following is None:
        state["play"] = False  # the end: stop
    else:
        state["as_of"] = following
    st.rerun(scope="app")


def _play(stops: list[date]) -> None:
    if state.get("play") and state.get("as_of") == stops[-1]:
        state["as_of"] = stops[0]  # from the start, not stop at once
    state["play_at"] = time.monotonic()


def _sidebar(articles: list[Article], problems: list[str], claims: tuple, latest: date) -> date:
    bar, stops = st.sidebar, panel.slider_stops(claims, latest)
    if state.get("as_of", latest) == state.get("latest_seen", latest):
        state["as_of"] = latest  # who watched the latest news still does (Apply, Save, a file)
    state["latest_seen"], state["as_of"] = latest, panel.stop_at_or_before(stops, state["as_of"])
    bar.header("Posture as of")
    as_of = bar.select_slider("Dates with evidence", stops, key="as_of", format_func=_day)
    bar.toggle("Play: step through the dates", key="play", on_change=_play, args=(stops,))
    if state.get("play"):
        with bar:
            _player(stops)
    bar.header("What changed")
    bar.date_input("From", value=stops[0], key="changes_from", format="YYYY-MM-DD")
    bar.date_input("To", value=as_of, key="changes_to", format="YYYY-MM-DD")
    bar.toggle("Show the changes on the map", key="show_changes", help=panel.RINGS_HELP)
    bar.caption("Layers: switch them on the map (top right); the map keeps its view.")
    bar.header("Articles in use")
    for a in articles:
        bar.text(f"{_day(a.published)} · {a.source}: {a.title}" + _added_mark(a))
    for message in problems:
        bar.warning(f"Skipped an article: {md(message)}")
    if state.get("added"):
        bar.button("Forget the articles added this session", on_click=state.pop, args=("added",))
    return as_of


def _day(day: date) -> str:
    return f"{day:%d %b %Y}"


def _added_mark(article: Article) -> str:
    return " (added this session)" if article.id in state.get("added", {}) else ""


def _download(where: Any, d: panel.Download) -> None:
    # A callable: the file is built when the button is clicked, not on every rerun.
    where.download_button(
        d.label, d.build, d.file_name, d.mime, key=f"dl_{d.file_name}", on_click="ignore"
    )


def _evidence(frames: dict, claims: tuple[Claim, ...], as_of: date, click: dict | None) -> None:
    st.subheader("Evidence")
    hit = panel.clicked_place(frames, click)
    if hit and click != state.get("last_click"):  # a new click wins over the box
        state["last_click"], state["evidence_of"] = click, hit
        state["clicks"] = state.get("clicks", 0) + 1
    # The box is never written from here: a rerun the map starts right after a click (the
    # popup pans the map, the view is reported) carries the browser's box value and undid such
    # a write. A click makes a new box instead, opened at the clicked place.
    shown, box = state.get("evidence_of"), f"place_{state.get('clicks', 0)}"
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


def _changes(changes: list, before: date, after: date) -> None:
    st.subheader(changes_title(before, after))
    if not changes:
        st.caption("Nothing changed between these dates.")
        return
    st.dataframe(changes_frame(changes), hide_index=True)
    _download(st, panel.changes_download(changes, before, after))


def _claims_table(claims: tuple[Claim, ...]) -> None:
    st.subheader("All claims")
    table = claims_frame(claims)
    kind, where, outlet = st.columns(3)
    places = sorted(table["place_id"].unique(), key=panel.place_name)
    shown = panel.filter_claims(
        table,
        kinds=kind.multiselect("Kind", sorted(table["kind"].unique()), key="f_kind"),
        places=where.multiselect("Place", places, format_func=panel.place_name, key="f_place"),
        outlets=outlet.multiselect("Outlet", sorted(table["outlet"].unique()), key="f_outlet"),
    )
    st.dataframe(shown, hide_index=True)
    _download(st, panel.claims_download(shown))


def _add_article(saved: list[Article]) -> None:
    # Kept until the reader types or uploads again: a rerun the map starts must not eat it.
    flash = state.get("flash"), state.get("flash_error")
    with st.expander("Add an article: paste its text or upload a .txt", expanded=any(flash)):
        if flash[0]:
            st.success(md(f"{flash[0]} The map is at {_day(state['as_of'])}."))
        if flash[1]:
            st.error(md(flash[1]))
        st.caption(panel.INTAKE_HELP)
        pasted = st.text_area("Article text", key="paste", height=180, on_change=_clear_flash)
        upload = st.file_uploader(
            "…or upload a .txt file", type=["txt"], key="upload", on_change=_clear_flash
        )
        given = panel.choose_input(pasted, (upload.name, upload.getvalue()) if upload else None)
        if given.raw is None:
            (st.warning if given.message else st.caption)(
                md(given.message or "Nothing to read yet.")
            )
            return
        review = review_article(given.raw, name=given.name, in_use=saved)
        if review.verdict is not Verdict.READY or review.article is None:
            ALERTS[review.verdict](md(review.message))
            return
        st.write(f"{len(review.claims)} claims found; check them before applying:")
        st.dataframe(claims_frame(review.claims)[PREVIEW], hide_index=True)
        left, right = st.columns(2)
        done = review.article.id in state.get("added", {})
        label = "Applied to this session's map" if done else "Apply to this session's map"
        left.button(
            label, key="apply", on_click=_apply, args=(review.article, review.claims), disabled=done
        )
        right.button(
            f"Save into {md(panel.folder_label(articles_dir()))}",
            key="save",
            on_click=_save,
            args=(review.article,),
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
    added = list(state.get("added", {}).values())
    articles = [*shipped, *(a for a, _ in added)]
    claims = (*shipped_claims, *(c for _, found in added for c in found))
    latest = max((a.published for a in articles), default=date.today())
    as_of = _sidebar(articles, problems, claims, latest)
    st.title("Coalition posture and ISIS activity in Iraq")
    caption = st.empty()
    try:
        span = state["changes_from"], state["changes_to"]
        changes = changes_between(claims, *span)
        groups, ids = panel.map_groups(
            as_of,
            claims,
            changes=changes if state.get("show_changes") else None,
            changes_title=changes_title(*sorted(span)),
        )
        # The view is returned so the HTML export opens where the reader was (a pan reruns).
        returned = ["last_object_clicked", "selected_layers", "center", "zoom"]
        page = st_folium(
            base_map(asset_urls=_asset_urls()),
            key="map",
            height=620,
            use_container_width=True,
            feature_group_to_add=groups,
            layer_control=layer_control(groups, ids),
            returned_objects=returned,
        )
        chosen = shown_layers(page)
        frames = layer_frames(chosen, as_of=as_of, claims=claims)
        caption.caption(panel.caption_text(as_of, frames))
        _evidence(frames, claims, as_of, (page or {}).get("last_object_clicked"))
        _changes(changes, *sorted(span))
        _claims_table(claims)
        _add_article(shipped)
        _exports(chosen, as_of, claims, page)
    except PostureMapError as exc:
        st.error(md(str(exc)))


if __name__ == "__main__":
    main()
