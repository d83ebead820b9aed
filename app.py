"""posture-map dashboard: widgets in, pure functions out (the work is in geo/ and layers/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo.articles import Article, load_articles, parse_article, save_article
from geo.claims import Claim
from geo.errors import PostureMapError
from geo.evidence import claims_about, claims_table, places_at
from geo.extract import extract, extract_articles
from geo.gazetteer import default_gazetteer
from layers.assets import serve_assets
from layers.catalog import LAYERS
from layers.export import geojson_text, html_text
from layers.render import base_map, layer_frames, layer_groups

STATIC_DIR = Path(__file__).resolve().parent / "static"


@st.cache_data(show_spinner=False)
def _shipped() -> tuple[list[Article], list[str], list[Claim]]:
    articles, problems = load_articles()
    return articles, [p.message for p in problems], extract_articles(articles)


@st.cache_resource(show_spinner=False)
def _asset_urls() -> dict[str, str]:
    # Absolute: the map runs in streamlit-folium's iframe under /component/..., where a
    # relative "app/static" would miss Streamlit's static route.
    base = st.get_option("server.baseUrlPath").strip("/")
    return serve_assets(STATIC_DIR, url_prefix="/".join(["", *filter(None, [base]), "app/static"]))


def _sidebar(articles: list[Article]) -> tuple[list[str], date | None]:
    st.sidebar.header("Layers")
    chosen = [spec.id for spec in LAYERS.values()
              if st.sidebar.toggle(spec.title, value=spec.show, key=f"layer_{spec.id}")]
    latest = max((a.published for a in articles), default=date.today())
    as_of = st.sidebar.date_input("Posture as of", value=latest, min_value=date(2014, 1, 1),
                                  max_value=date.today(), key="as_of")
    st.sidebar.header("Articles in use")
    for a in articles:
        st.sidebar.markdown(f"- {a.published:%d %b %Y} · {a.source}: {a.title}")
    return chosen, as_of if isinstance(as_of, date) else None


def _add_article() -> None:
    with st.expander("Add an article (paste text or upload a .txt)"):
        pasted = st.text_area("Article text: header lines, a blank line, then the body",
                              key="paste", height=160)
        upload = st.file_uploader("or upload a .txt", type=["txt"], key="upload")
        raw = upload.getvalue() if upload is not None else pasted.encode("utf-8")
        if not raw.strip():
            return
        try:
            article = parse_article(raw, name=upload.name if upload else "pasted article")
            claims = extract(article)
        except PostureMapError as exc:
            st.error(str(exc))
            return
        if not claims:
            st.warning("No claims: the text names no Iraqi place the map knows, or asserts nothing "
                       "about one.")
            return
        st.dataframe(claims_table(claims)[["kind", "place_id", "status", "quote"]])
        left, right = st.columns(2)
        if left.button("Apply to this session's map", key="apply"):
            st.session_state.setdefault("added", {})[article.id] = (article, claims)
            st.success(f"Applied {len(claims)} claims from “{article.title}”.")
        if right.button("Save into data/articles", key="save"):
            try:
                st.success(f"Saved {save_article(article).name}.")
            except PostureMapError as exc:
                st.error(str(exc))


def main() -> None:
    st.set_page_config(page_title="posture-map: Iraq", layout="wide")
    articles, problems, claims = _shipped()
    for article, added in st.session_state.get("added", {}).values():
        articles, claims = [*articles, article], [*claims, *added]
    for message in problems:
        st.warning(f"Skipped an article: {message}")
    chosen, as_of = _sidebar(articles)
    st.title("Coalition posture and ISIS activity in Iraq")
    urls = _asset_urls()
    frames = layer_frames(chosen, as_of=as_of, claims=claims)
    st.caption(" · ".join(f"{LAYERS[lid].title}: {len(frames[lid])} features" for lid in chosen)
               or "No layer chosen.")
    clicked = st_folium(base_map(asset_urls=urls), key="map", height=620,
                        use_container_width=True,
                        feature_group_to_add=layer_groups(chosen, as_of=as_of, claims=claims),
                        returned_objects=["last_object_clicked"])
    _evidence(frames, claims, (clicked or {}).get("last_object_clicked"))
    _add_article()
    st.subheader("Export exactly what is on screen")
    a, b, c = st.columns(3)
    a.download_button("Map (HTML, offline)", html_text(chosen, as_of=as_of, claims=claims),
                      "posture-map.html", "text/html", key="dl_html")
    b.download_button("Layers (GeoJSON)", geojson_text(chosen, as_of=as_of, claims=claims),
                      "posture-map.geojson", "application/geo+json", key="dl_geojson")
    c.download_button("Claims (CSV)", claims_table(claims).to_csv(index=False),
                      "posture-map-claims.csv", "text/csv", key="dl_csv")


def _evidence(frames: dict, claims: list[Claim], click: dict | None) -> None:
    st.subheader("Evidence")
    places = default_gazetteer().places
    hits = places_at(frames, lat=click["lat"], lon=click["lng"]) if click else []
    options = list(dict.fromkeys([*hits, *sorted({c.place_id for c in claims})]))
    place_id = st.selectbox("Place", options, format_func=lambda p: places[p].name
                            if p in places else p, key="place")
    for claim in claims_about(claims, place_id) if place_id else []:
        st.markdown(f"**{claim.kind}** · {claim.source.outlet}, {claim.source.published:%d %b %Y}")
        st.text(claim.quote)
    table = claims_table(claims)
    kinds = st.multiselect("Filter claims by kind", sorted(table["kind"].unique()), key="kinds")
    shown = table[table["kind"].isin(kinds)] if kinds else table
    st.dataframe(shown, hide_index=True)
    st.download_button("Download these claims (CSV)", shown.to_csv(index=False),
                       "claims.csv", "text/csv", key="dl_table")


if __name__ == "__main__":
    main()
