"""posture-map dashboard: widgets in, pure functions out (the work is in geo/ and layers/)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo.articles import Article, articles_dir, folder_signature, load_articles, save_article
from geo.changes import changes_between
from geo.claims import Claim
from geo.errors import PostureMapError
from geo.extract import extract_articles
from geo.intake import Verdict, review_article
from layers.assets import write_static_assets
from layers.catalog import LAYERS
from layers.changes import CHANGES_LAYER, changes_csv, changes_frame, changes_group, changes_title
from layers.export import claims_frame, geojson_text, html_text, table_csv
from layers.panel import (
    choose_input,
    clicked_place,
    evidence_html,
    filter_claims,
    folder_label,
    next_stop,
    place_choices,
    place_name,
    slider_stops,
    stop_at_or_before,
)
from layers.popups import md
from layers.render import base_map, layer_frames, layer_groups
from layers.switches import layer_control, shown_layers

STATIC_DIR = Path(__file__).resolve().parent / "static"
PLAY_STEP_S = 1.5
_ALERTS = {Verdict.UNREADABLE: st.error, Verdict.NO_CLAIMS: st.warning, Verdict.IN_USE: st.info}
PREVIEW = ["kind", "place_name", "status", "personnel_min", "personnel_max", "quote"]
_DAY = "%d %b %Y"


@st.cache_data(show_spinner=False)
def _shipped(folder: str, signature: tuple) -> tuple[list[Article], list[str], list[Claim]]:
    """The folder's articles; `signature` is in the cache key, so a dropped-in file is read."""
    try:
        articles, problems = load_articles(Path(folder))
    except PostureMapError as exc:  # the folder itself is missing: say so, draw the base map
        return [], [str(exc)], []
    return articles, [p.message for p in problems], extract_articles(articles)


@st.cache_resource(show_spinner=False)
def _asset_urls() -> dict[str, str]:
    return write_static_assets(STATIC_DIR, base_url_path=st.get_option("server.baseUrlPath"))


def _added(message: str) -> None:
    st.session_state["paste"] = ""
    st.session_state["flash"] = ("success", message)


def _apply(article: Article, claims: tuple[Claim, ...]) -> None:
    st.session_state.setdefault("added", {})[article.id] = (article, claims)
    _added(f"Applied {len(claims)} claims to this session's map (not saved).")


def _save(article: Article) -> None:
    try:  # the folder is looked up now, not at import, so tests can point it elsewhere
        path = save_article(article)
    except (PostureMapError, OSError) as exc:
        st.session_state["flash"] = ("error", f"Not saved: {exc}")
        return
    st.session_state.get("added", {}).pop(article.id, None)  # it now loads from the folder
    _shipped.clear()
    _added(f"Saved as {folder_label(path.parent)}{path.name}; on the map.")


def _start_play(stops: list[date]) -> None:
    if st.session_state.get("play") and st.session_state.get("as_of") == stops[-1]:
        st.session_state["as_of"] = stops[0]  # play from the start, not stop at once
    st.session_state["play_at"] = time.monotonic()


@st.fragment(run_every=PLAY_STEP_S)
def _player(stops: list[date]) -> None:
    """While Play is on: one stop on every tick, then the whole page redraws at that date."""
    if time.monotonic() - st.session_state.get("play_at", 0.0) < PLAY_STEP_S * 0.8:
        return  # the page's own run, not a tick
    st.session_state["play_at"] = time.monotonic()
    following = next_stop(stops, st.session_state["as_of"])
    if following is None:
        st.session_state["play"] = False
    else:
        st.session_state["as_of"] = following
    st.rerun(scope="app")


def _changes_range() -> tuple[date, date]:
    return st.session_state["changes_from"], st.session_state["changes_to"]


def _sidebar(articles: list[Article], problems: list[str], stops: list[date], latest: date) -> date:
    bar = st.sidebar
    bar.header("Posture as of")
    state = st.session_state
    if state.get("as_of", latest) == state.get("latest_seen", latest):
        state["as_of"] = latest  # who watched the latest news still does, after Apply or Save
    state["latest_seen"] = latest
    state["as_of"] = stop_at_or_before(stops, state["as_of"])
    as_of: date = bar.select_slider(
        "Dates with evidence", stops, key="as_of", format_func=lambda d: f"{d:{_DAY}}"
    )
    bar.toggle("Play: step through the dates", key="play", on_change=_start_play, args=(stops,))
    if st.session_state.get("play"):
        with bar:
            _player(stops)
    bar.header("What changed")
    for key, default in (("changes_from", stops[0]), ("changes_to", as_of)):
        st.session_state[key] = stop_at_or_before(stops, st.session_state.get(key, default))
        bar.select_slider(key[8:].title(), stops, key=key, format_func=lambda d: f"{d:{_DAY}}")
    bar.toggle("Show the changes on the map", key="show_changes")
    bar.caption("Layers: switch them on the map (top right); the map keeps its view.")
    bar.header("Articles in use")
    added = st.session_state.get("added", {})
    for a in articles:
        suffix = " (added this session)" if a.id in added else ""
        bar.text(f"{a.published:{_DAY}} · {a.source}: {a.title}{suffix}")
    for message in problems:
        bar.warning(f"Skipped an article: {md(message)}")
    if added:
        bar.button(
            "Forget the articles added this session",
            key="forget",
            on_click=lambda: st.session_state.pop("added", None),
        )
    return as_of


def _map(as_of: date, claims: tuple[Claim, ...], changes: list) -> tuple[list[str], dict]:
    """Every layer sent once (the map's own control shows and hides them); what is shown."""
    ids = list(LAYERS)
    groups = layer_groups(ids, as_of=as_of, claims=claims)
    if st.session_state.get("show_changes"):
        groups.append(changes_group(changes, title=changes_title(*_changes_range())))
        ids.append(CHANGES_LAYER)
    state = st_folium(
        base_map(asset_urls=_asset_urls()),
        key="map",
        height=620,
        use_container_width=True,
        feature_group_to_add=groups,
        layer_control=layer_control(groups, ids),
        returned_objects=["last_object_clicked", "selected_layers"],
    )
    return shown_layers(state), (state or {}).get("last_object_clicked")


def _evidence(frames: dict, claims: tuple[Claim, ...], as_of: date, click: dict | None) -> None:
    st.subheader("Evidence")
    hit = clicked_place(frames, click)
    if hit and click != st.session_state.get("last_click"):
        st.session_state["last_click"], st.session_state["place"] = click, hit
    place = st.selectbox(
        "Place: click a feature on the map, or choose",
        place_choices(claims, first=[hit] if hit else []),
        index=None,
        format_func=place_name,
        key="place",
    )
    if place:
        st.html(evidence_html(place, frames, claims, as_of=as_of))


def _changes(changes: list) -> None:
    before, after = _changes_range()
    st.subheader(changes_title(before, after))
    if not changes:
        st.caption("Nothing changed between these dates.")
        return
    st.dataframe(changes_frame(changes), hide_index=True)
    st.download_button(
        f"Download these {len(changes)} changes (CSV)",
        lambda: changes_csv(changes),
        f"posture-map-changes_{before}_{after}.csv",
        "text/csv",
        key="dl_changes",
        on_click="ignore",
    )


def _claims_table(claims: tuple[Claim, ...]) -> None:
    st.subheader("All claims")
    table = claims_frame(claims)
    kind, where, outlet = st.columns(3)
    shown = filter_claims(
        table,
        kinds=kind.multiselect("Kind", sorted(table["kind"].unique()), key="f_kind"),
        places=where.multiselect(
            "Place",
            sorted(table["place_id"].unique(), key=place_name),
            format_func=place_name,
            key="f_place",
        ),
        outlets=outlet.multiselect("Outlet", sorted(table["outlet"].unique()), key="f_outlet"),
    )
    st.dataframe(shown, hide_index=True)
    st.download_button(
        f"Download these {len(shown)} claims (CSV)",
        lambda: table_csv(shown),
        "posture-map-claims.csv",
        "text/csv",
        key="dl_table",
        on_click="ignore",
    )


def _add_article(saved: list[Article]) -> None:
    folder = folder_label(articles_dir())
    with st.expander(
        "Add an article: paste its text or upload a .txt", expanded="flash" in st.session_state
    ):
        if "flash" in st.session_state:
            kind, message = st.session_state.pop("flash")
            (st.success if kind == "success" else st.error)(md(message))
        st.caption(
            "Header lines title:, source:, url: (optional), published: YYYY-MM-DD, a "
            "blank line, then the body; at most 1,000,000 bytes of UTF-8."
        )
        pasted = st.text_area("Article text", key="paste", height=180)
        upload = st.file_uploader("…or upload a .txt file", type=["txt"], key="upload")
        given = choose_input(pasted, (upload.name, upload.getvalue()) if upload else None)
        if given.raw is None:
            (st.warning if given.message else st.caption)(
                md(given.message or "Nothing to read yet: paste an article or upload a file.")
            )
            return
        review = review_article(given.raw, name=given.name, in_use=saved)
        if review.verdict is not Verdict.READY or review.article is None:
            _ALERTS[review.verdict](md(review.message))
            return
        st.write(f"{len(review.claims)} claims found; check them before applying:")
        st.dataframe(claims_frame(review.claims)[PREVIEW], hide_index=True)
        left, right = st.columns(2)
        applied = review.article.id in st.session_state.get("added", {})
        left.button(
            "Applied to this session's map" if applied else "Apply to this session's map",
            key="apply",
            on_click=_apply,
            disabled=applied,
            args=(review.article, review.claims),
        )
        right.button(f"Save into {md(folder)}", key="save", on_click=_save, args=(review.article,))


def _exports(chosen: list[str], as_of: date, claims: tuple[Claim, ...]) -> None:
    st.subheader("Export exactly what is on screen")
    html, geojson = st.columns(2)
    stem = f"posture-map_{as_of.isoformat()}"
    # Callables: the files are built when a button is clicked, not on every rerun.
    html.download_button(
        "Map (one HTML file, works offline)",
        key="dl_html",
        on_click="ignore",
        data=lambda: html_text(chosen, as_of=as_of, claims=claims),
        file_name=f"{stem}.html",
        mime="text/html",
    )
    geojson.download_button(
        "Layers (GeoJSON)",
        key="dl_geojson",
        on_click="ignore",
        data=lambda: geojson_text(chosen, as_of=as_of, claims=claims),
        file_name=f"{stem}.geojson",
        mime="application/geo+json",
    )


def main() -> None:
    """Draw the dashboard: sidebar, map, evidence, changes, claims table, intake, exports."""
    st.set_page_config(page_title="posture-map: Iraq", layout="wide")
    folder = articles_dir()
    shipped, problems, shipped_claims = _shipped(str(folder), folder_signature(folder))
    added = list(st.session_state.get("added", {}).values())
    articles = [*shipped, *(a for a, _ in added)]
    claims = (*shipped_claims, *(c for _, found in added for c in found))
    latest = max((a.published for a in articles), default=date.today())
    as_of = _sidebar(articles, problems, slider_stops(claims, latest), latest)
    st.title("Coalition posture and ISIS activity in Iraq")
    caption = st.empty()
    try:
        changes = changes_between(claims, *_changes_range())
        chosen, click = _map(as_of, claims, changes)
        frames = layer_frames(chosen, as_of=as_of, claims=claims)
        counts = " · ".join(f"{LAYERS[lid].title}: {len(frames[lid])}" for lid in chosen)
        caption.caption(f"As of {as_of:{_DAY}} · {counts or 'no layer shown'}")
        _evidence(frames, claims, as_of, click)
        _changes(changes)
        _claims_table(claims)
        _add_article(shipped)
        _exports(chosen, as_of, claims)
    except PostureMapError as exc:
        st.error(md(str(exc)))


if __name__ == "__main__":
    main()
