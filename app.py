"""posture-map dashboard: widgets in, pure functions out (the work is in geo/ and layers/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from geo.articles import (
    MAX_ARTICLE_BYTES,
    Article,
    articles_dir,
    folder_signature,
    load_articles,
    save_article,
)
from geo.claims import Claim
from geo.errors import PostureMapError
from geo.extract import extract_articles
from geo.intake import Verdict, review_article
from layers.assets import write_static_assets
from layers.catalog import LAYERS
from layers.export import claims_frame, geojson_text, html_text, table_csv
from layers.panel import clicked_place, evidence_html, filter_claims, place_choices, place_name
from layers.popups import md
from layers.render import base_map, layer_frames, layer_groups

STATIC_DIR = Path(__file__).resolve().parent / "static"
_ALERTS = {Verdict.UNREADABLE: st.error, Verdict.NO_CLAIMS: st.warning, Verdict.IN_USE: st.info}
PREVIEW_COLUMNS = ["kind", "place_name", "status", "personnel_min", "personnel_max", "quote"]


@st.cache_data(show_spinner=False)
def _shipped(
    folder: str, signature: tuple[tuple[str, int, int], ...]
) -> tuple[list[Article], list[str], list[Claim]]:
    """The folder's articles; `signature` is in the cache key, so a dropped-in file is read."""
    try:
        articles, problems = load_articles(Path(folder))
    except PostureMapError as exc:  # the folder itself is missing: say so, draw the base map
        return [], [str(exc)], []
    return articles, [p.message for p in problems], extract_articles(articles)


@st.cache_resource(show_spinner=False)
def _asset_urls() -> dict[str, str]:
    return write_static_assets(STATIC_DIR, base_url_path=st.get_option("server.baseUrlPath"))


def _flash(kind: str, message: str) -> None:
    st.session_state["flash"] = (kind, message)


def _apply(article: Article, claims: tuple[Claim, ...], latest: date) -> None:
    st.session_state.setdefault("added", {})[article.id] = (article, claims)
    st.session_state["paste"] = ""
    if st.session_state.get("as_of") == latest:  # who watched the latest news still does
        st.session_state["as_of"] = max(latest, article.published)
    _flash("success", f"Applied {len(claims)} claims to this session's map (not saved).")


def _save(article: Article) -> None:
    try:  # the folder is looked up now, not at import, so tests can point it elsewhere
        path = save_article(article)
    except (PostureMapError, OSError) as exc:
        _flash("error", f"Not saved: {exc}")
        return
    st.session_state.get("added", {}).pop(article.id, None)  # it now loads from the folder
    _shipped.clear()
    _flash("success", f"Saved as {path.parent.name}/{path.name}.")


def _sidebar(articles: list[Article], problems: list[str], latest: date) -> tuple[list[str], date]:
    st.sidebar.header("Layers")
    chosen = [
        spec.id
        for spec in LAYERS.values()
        if st.sidebar.toggle(
            spec.title, value=spec.show, key=f"layer_{spec.id}", help=spec.description
        )
    ]
    as_of = st.sidebar.date_input(
        "Posture as of",
        value=latest,
        min_value=date(2014, 1, 1),
        max_value=max(latest, date.today()),
        key="as_of",
        help="What the reporting says held on this day.",
    )
    st.sidebar.header("Articles in use")
    added = st.session_state.get("added", {})
    for a in articles:
        st.sidebar.text(
            f"{a.published:%d %b %Y} · {a.source}: {a.title}"
            + (" (added this session)" if a.id in added else "")
        )
    for message in problems:
        st.sidebar.warning(f"Skipped an article: {md(message)}")
    if added:
        st.sidebar.button(
            "Forget the articles added this session",
            key="forget",
            on_click=lambda: st.session_state.pop("added", None),
        )
    return chosen, as_of if isinstance(as_of, date) else latest


def _evidence(
    frames: dict[str, gpd.GeoDataFrame],
    claims: tuple[Claim, ...],
    as_of: date,
    click: dict[str, Any] | None,
) -> None:
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


def _add_article(saved: list[Article], latest: date) -> None:
    with st.expander(
        "Add an article: paste its text or upload a .txt", expanded="flash" in st.session_state
    ):
        if "flash" in st.session_state:
            kind, message = st.session_state.pop("flash")
            (st.success if kind == "success" else st.error)(md(message))
        st.caption(
            f"Header lines title:, source:, url: (optional), published: YYYY-MM-DD, a "
            f"blank line, then the body; at most {MAX_ARTICLE_BYTES:,} bytes of UTF-8."
        )
        pasted = st.text_area("Article text", key="paste", height=180)
        upload = st.file_uploader("…or upload a .txt file", type=["txt"], key="upload")
        if upload is None and not pasted.strip():
            return
        raw = upload.getvalue() if upload is not None else pasted
        review = review_article(raw, name=upload.name if upload else "pasted article", in_use=saved)
        if review.verdict is not Verdict.READY or review.article is None:
            _ALERTS[review.verdict](md(review.message))
            return
        st.write(f"{len(review.claims)} claims found; check them before applying:")
        st.dataframe(claims_frame(review.claims)[PREVIEW_COLUMNS], hide_index=True)
        left, right = st.columns(2)
        applied = review.article.id in st.session_state.get("added", {})
        left.button(
            "Applied to this session's map" if applied else "Apply to this session's map",
            key="apply",
            on_click=_apply,
            args=(review.article, review.claims, latest),
            disabled=applied,
        )
        right.button("Save into data/articles", key="save", on_click=_save, args=(review.article,))


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
    """Draw the dashboard: sidebar, map, evidence, claims table, article intake, exports."""
    st.set_page_config(page_title="posture-map: Iraq", layout="wide")
    folder = articles_dir()
    shipped, problems, shipped_claims = _shipped(str(folder), folder_signature(folder))
    added = list(st.session_state.get("added", {}).values())
    articles = [*shipped, *(a for a, _ in added)]
    claims = (*shipped_claims, *(c for _, found in added for c in found))
    latest = max((a.published for a in articles), default=date.today())
    chosen, as_of = _sidebar(articles, problems, latest)
    st.title("Coalition posture and ISIS activity in Iraq")
    try:
        frames = layer_frames(chosen, as_of=as_of, claims=claims)
        st.caption(
            f"As of {as_of:%d %b %Y} · "
            + (
                " · ".join(f"{LAYERS[lid].title}: {len(frames[lid])}" for lid in chosen)
                or "no layer shown"
            )
        )
        groups = layer_groups(chosen, as_of=as_of, claims=claims)
        click = st_folium(
            base_map(asset_urls=_asset_urls()),
            key="map",
            height=620,
            use_container_width=True,
            feature_group_to_add=groups,
            returned_objects=["last_object_clicked"],
        )
        _evidence(frames, claims, as_of, (click or {}).get("last_object_clicked"))
        _claims_table(claims)
        _add_article(shipped, latest)
        _exports(chosen, as_of, claims)
    except PostureMapError as exc:
        st.error(md(str(exc)))


if __name__ == "__main__":
    main()
