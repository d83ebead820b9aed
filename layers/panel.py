"""What the dashboard shows beside the map: evidence, the claims table, the slider, the intake.

Pure functions over claims and layer frames, so app.py only wires them to widgets and the
same escaping (layers.popups) guards the panel as guards the map's popups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd

from geo.activity import quiet_dates
from geo.articles import Article, load_articles
from geo.changes import Change, changes_between, evidence_dates
from geo.claims import Claim
from geo.errors import PostureMapError
from geo.evidence import places_at
from geo.extract import extract_articles
from geo.gazetteer import default_gazetteer
from geo.posture import place_evidence
from layers.catalog import LAYERS
from layers.changes import CHANGES_LAYER, changes_csv, changes_group, changes_title
from layers.export import geojson_text, html_text, table_csv
from layers.page import MapView
from layers.popups import POPUP_CSS, md, popup_html
from layers.render import evidence_records, feature_attributes, frame_records, layer_groups

INTAKE_HELP = (
    "Header lines title:, source:, url: (optional), published: YYYY-MM-DD, a blank line, then "
    "the body; at most 1,000,000 bytes of UTF-8."
)
RINGS_HELP = (
    "Rings: grey dashed emptied · blue gained · purple head count or status changed · "
    "red ISIS activity or threat appeared · green went quiet."
)
# The popup's width cap suits a map bubble, not a page column.
_PANEL_CSS = POPUP_CSS + ".pm-popup{max-width:none}.pm-evidence{max-height:none}"


def clicked_place(
    frames: Mapping[str, gpd.GeoDataFrame], click: Mapping[str, float] | None
) -> str | None:
    """The place under a map click (a point within a few km, else the smallest polygon)."""
    if not click:
        return None
    hits = places_at(frames, lat=click["lat"], lon=click["lng"])
    return hits[0] if hits else None


def place_choices(claims: Iterable[Claim], *, first: Iterable[str] = ()) -> list[str]:
    """Place ids to choose from: `first` (e.g. the clicked place), then every claimed place."""
    claimed = sorted({c.place_id for c in claims}, key=place_name)
    return list(dict.fromkeys([*first, *claimed]))


def place_name(place_id: str) -> str:
    """The name of a place id in lists (the id itself when the gazetteer does not know it)."""
    place = default_gazetteer().places.get(place_id)
    return place.label if place else place_id


def evidence_html(
    place_id: str,
    frames: Mapping[str, gpd.GeoDataFrame],
    claims: Iterable[Claim],
    *,
    as_of: dt.date | None = None,
) -> str:
    """The place's popup, as on the map, with a style block: attributes and every claim.

    When the place is drawn on a shown layer, the topmost layer's feature is used (a disputed
    province's threat, not its plain governorate row); otherwise its claims alone are listed.
    """
    for frame in reversed(list(frames.values())):
        if place_id in frame.index:
            row = frame_records(frame.loc[[place_id]])[0]
            body = popup_html(
                str(row["name"]), feature_attributes(row), row["evidence"], note=row["note"] or None
            )
            break
    else:
        places = default_gazetteer().places
        records = evidence_records(place_evidence(claims, place_id, as_of=as_of), places)
        body = popup_html(place_name(place_id), [], records)
    return f"<style>{_PANEL_CSS}</style>{body}"


def filter_claims(
    table: pd.DataFrame,
    *,
    kinds: Sequence[str] = (),
    places: Sequence[str] = (),
    outlets: Sequence[str] = (),
) -> pd.DataFrame:
    """Rows whose kind, place and outlet are among those chosen (an empty choice keeps all)."""
    keep = pd.Series(True, index=table.index)
    for column, chosen in (("kind", kinds), ("place_id", places), ("outlet", outlets)):
        if chosen:
            keep &= table[column].isin(list(chosen))
    return table[keep]


@dataclass(frozen=True, slots=True)
class ClaimOptions:
    """What each filter of the claims table offers: the values present, in reading order."""

    kinds: list[str]
    places: list[str]  # place ids, ordered by their names
    outlets: list[str]


def claim_options(table: pd.DataFrame) -> ClaimOptions:
    """The filters' choices for a claims table (claims_frame's columns)."""
    return ClaimOptions(
        kinds=sorted(table["kind"].unique()),
        places=sorted(table["place_id"].unique(), key=place_name),
        outlets=sorted(table["outlet"].unique()),
    )


@dataclass(frozen=True, slots=True)
class ChangesView:
    """What changed between two dates picked in either order, and the title it goes under."""

    rows: list[Change]
    before: dt.date
    after: dt.date

    @property
    def title(self) -> str:
        """The heading of the changes table and the name of its layer on the map."""
        return changes_title(self.before, self.after)


def changes_view(claims: Iterable[Claim], start: dt.date, end: dt.date) -> ChangesView:
    """The changes between the two dates the reader picked (the earlier one first)."""
    before, after = sorted((start, end))
    return ChangesView(changes_between(claims, start, end), before, after)


# --- the sidebar's time slider and the article intake ---------------------------------------


def slider_stops(claims: Iterable[Claim], latest: dt.date) -> list[dt.date]:
    """The time slider's stops: the days the map changes, up to the latest article's date.

    Those are each date a claim takes effect and each day a place goes quiet; a quiet day
    after the latest article is not news yet.
    """
    pool = tuple(claims)
    quiet = (day for day in quiet_dates(pool) if day <= latest)
    return sorted({*evidence_dates(pool), *quiet, latest})


def stop_at_or_before(stops: Sequence[dt.date], day: object) -> dt.date:
    """The last stop on or before `day` (the first stop when none is): a date the slider holds."""
    if isinstance(day, dt.date) and day in stops:
        return day
    earlier = [s for s in stops if isinstance(day, dt.date) and s <= day]
    return earlier[-1] if earlier else stops[0]


def next_stop(stops: Sequence[dt.date], current: dt.date) -> dt.date | None:
    """The stop after `current` for the play button; None at the end."""
    return next((s for s in stops if s > current), None)


def day_text(day: dt.date) -> str:
    """A date as the sidebar and the messages show it: 01 Dec 2025."""
    return f"{day:%d %b %Y}"


def skipped_text(problem: str) -> str:
    """Why an article in the folder is not in use, escaped for markdown (file names, text)."""
    return f"Skipped an article: {md(problem)}"


@dataclass(frozen=True, slots=True)
class Input:
    """What the intake reads: raw text or bytes and its name; or why it reads nothing."""

    raw: bytes | str | None
    name: str = ""
    message: str = ""


def choose_input(pasted: str, upload: tuple[str, bytes] | None) -> Input:
    """Which input to read, or why none: never a pasted text silently ignored for an upload."""
    if upload is not None and pasted.strip():
        return Input(
            None,
            message="Both a pasted text and an uploaded file are given: nothing was read. "
            "Clear the text box or remove the file, so it is clear which one to add.",
        )
    if upload is not None:
        return Input(upload[1], upload[0])
    if pasted and not pasted.strip():
        return Input(
            None,
            message="The pasted text is empty (only spaces or blank lines): nothing was read. "
            "Paste the article: header lines, a blank line, then the body.",
        )
    return Input(pasted or None, "pasted article")


def folder_label(folder: Path) -> str:
    """A folder as the user would type it: relative to the working folder when inside it."""
    try:
        return f"{folder.resolve().relative_to(Path.cwd().resolve())}/"
    except ValueError:
        return f"{folder}/"


def read_record(folder: Path) -> tuple[list[Article], list[str], list[Claim]]:
    """The folder's articles, the reasons some were skipped, and their claims.

    A missing folder is one reason and no articles: the dashboard still draws its base map.
    """
    try:
        articles, problems = load_articles(folder)
    except PostureMapError as exc:
        return [], [str(exc)], []
    return articles, [p.message for p in problems], list(extract_articles(articles))


def map_groups(
    as_of: dt.date,
    claims: tuple[Claim, ...],
    *,
    changes: Sequence[Change] | None = None,
    changes_title: str = "",
) -> tuple[list[folium.FeatureGroup], list[str]]:
    """Every catalog layer (the map's own control shows and hides them), then the changes."""
    ids = list(LAYERS)
    groups = layer_groups(ids, as_of=as_of, claims=claims)
    if changes is not None:
        groups.append(changes_group(changes, title=changes_title))
        ids.append(CHANGES_LAYER)
    return groups, ids


def caption_text(as_of: dt.date, frames: Mapping[str, gpd.GeoDataFrame]) -> str:
    """The line over the map: the date and each shown layer with how many features it draws."""
    counts = " · ".join(f"{LAYERS[lid].title}: {len(frame)}" for lid, frame in frames.items())
    return f"As of {as_of:%d %b %Y} · {counts or 'no layer shown'}"


@dataclass(frozen=True, slots=True)
class Download:
    """A download button: its label, the file (built only when clicked), name and type."""

    label: str
    build: Callable[[], str]
    file_name: str
    mime: str


def claims_download(table: pd.DataFrame) -> Download:
    """Exactly the claims rows shown, as CSV."""
    return Download(
        f"Download these {len(table)} claims (CSV)",
        lambda: table_csv(table),
        "posture-map-claims.csv",
        "text/csv",
    )


def changes_download(rows: Sequence[Change], before: dt.date, after: dt.date) -> Download:
    """The changes table, as CSV named by its two dates."""
    return Download(
        f"Download these {len(rows)} changes (CSV)",
        lambda: changes_csv(rows),
        f"posture-map-changes_{before}_{after}.csv",
        "text/csv",
    )


def export_text(layer_ids: Sequence[str], view: MapView | None) -> str:
    """What the export buttons will hold and where the map opens, said beside them.

    A switch reaches the app a moment after the click: this line says which layers it has.
    """
    titles = ", ".join(LAYERS[lid].title for lid in layer_ids) or "none"
    held = f"Layers in the export ({len(layer_ids)}): {titles}."
    if view is None:
        return f"{held} The map opens fitted to Iraq."
    if view.center is None or view.zoom is None:
        return f"{held} The map opens at the area you had on screen."
    lat, lng = view.center
    where = f"zoom {view.zoom:g} around {lat:.2f}° N, {lng:.2f}° E"
    return f"{held} The map opens at your view: {where}."


def map_downloads(
    layer_ids: Sequence[str],
    *,
    as_of: dt.date,
    claims: tuple[Claim, ...],
    view: MapView | None = None,
) -> list[Download]:
    """The map exactly as shown (layers, date, the reader's view) as one HTML file; its GeoJSON."""
    stem = f"posture-map_{as_of.isoformat()}"
    return [
        Download(
            "Map (one HTML file, works offline)",
            lambda: html_text(layer_ids, as_of=as_of, claims=claims, view=view),
            f"{stem}.html",
            "text/html",
        ),
        Download(
            "Layers (GeoJSON)",
            lambda: geojson_text(layer_ids, as_of=as_of, claims=claims),
            f"{stem}.geojson",
            "application/geo+json",
        ),
    ]
