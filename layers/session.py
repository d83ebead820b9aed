"""The dashboard's session bookkeeping: articles added this session, messages, play, clicks.

Plain functions over a mutable mapping (Streamlit's session_state in app.py, a dict in the
tests), so what a click, a tick or a button does to the page's state is tested without a
browser. No Streamlit here: app.py passes its session_state in.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

import geopandas as gpd

from geo.articles import Article, save_article
from geo.claims import Claim
from geo.errors import PostureMapError
from layers.panel import clicked_place, day_text, folder_label, next_stop, stop_at_or_before
from layers.popups import md

State = MutableMapping[str, Any]


def with_added(
    state: State, shipped: Sequence[Article], shipped_claims: Sequence[Claim]
) -> tuple[list[Article], tuple[Claim, ...], dt.date]:
    """The folder's articles and claims plus those applied this session, and the latest date.

    With no article at all, the latest date is today: the slider still has a stop.
    """
    added = list(state.get("added", {}).values())
    articles = [*shipped, *(a for a, _ in added)]
    claims = (*shipped_claims, *(c for _, found in added for c in found))
    latest = max((a.published for a in articles), default=dt.date.today())
    return articles, claims, latest


def is_added(state: State, article_id: str) -> bool:
    """Whether the article was applied this session (and not saved since)."""
    return article_id in state.get("added", {})


def article_lines(state: State, articles: Sequence[Article]) -> list[str]:
    """The sidebar's list of articles in use, those applied this session marked as such."""
    return [
        f"{day_text(a.published)} · {a.source}: {a.title}"
        + (" (added this session)" if is_added(state, a.id) else "")
        for a in articles
    ]


def apply_article(state: State, article: Article, claims: tuple[Claim, ...]) -> None:
    """Put a reviewed article's claims on this session's map (the folder is not touched)."""
    clear_flash(state)
    state.setdefault("added", {})[article.id] = (article, claims)
    # The text stays in the box (its button now reads "Applied"): clearing it from a callback
    # races the box's own commit of the same text, which would bring it back as a new input.
    state["flash"] = f"Applied {len(claims)} claims to this session's map (not saved)."


def save_to_folder(state: State, article: Article) -> bool:
    """Save the article into the articles folder; False (and the reason kept) if it failed.

    Once saved it loads from the folder, so it leaves this session's added articles, and the
    text box is emptied for the next one.
    """
    clear_flash(state)
    try:  # the folder is looked up now, not at import, so tests can point it elsewhere
        path = save_article(article)
    except (PostureMapError, OSError) as exc:
        state["flash_error"] = f"Not saved: {exc}"
        return False
    state.get("added", {}).pop(article.id, None)
    state["paste"], state["flash"] = "", f"Saved as {folder_label(path.parent)}{path.name}."
    return True


def clear_flash(state: State) -> None:
    """Forget the last Apply/Save message: the reader has moved on (typed, uploaded, clicked)."""
    state.pop("flash", None)
    state.pop("flash_error", None)


def flash_messages(state: State) -> tuple[str | None, str | None]:
    """The last Apply/Save success and error, escaped for markdown; None where there is none.

    They are kept until the reader types or uploads again: a rerun the map starts must not
    eat them. The success says which date the map is at, as Apply and Save may move it.
    """
    done, error = state.get("flash"), state.get("flash_error")
    return (
        md(f"{done} The map is at {day_text(state['as_of'])}.") if done else None,
        md(error) if error else None,
    )


def follow_latest(state: State, stops: Sequence[dt.date], latest: dt.date) -> None:
    """Keep the slider's date on a stop; who watched the latest news still does.

    A new latest date (Apply, Save, a file dropped into the folder) moves the date along only
    when it was on the previous latest one.
    """
    if state.get("as_of", latest) == state.get("latest_seen", latest):
        state["as_of"] = latest
    state["latest_seen"], state["as_of"] = latest, stop_at_or_before(stops, state["as_of"])


def start_play(state: State, stops: Sequence[dt.date], now: float | None = None) -> None:
    """Play switched: at the last stop, start again from the first rather than stop at once."""
    if state.get("play") and state.get("as_of") == stops[-1]:
        state["as_of"] = stops[0]
    state["play_at"] = time.monotonic() if now is None else now


def play_tick(state: State, stops: Sequence[dt.date], *, now: float, step_s: float) -> bool:
    """Move the date one stop on if a play step is due; True when the page must be redrawn.

    A tick comes less than a step after the last one only on the page's own run: not a step.
    After the last stop, play is switched off.
    """
    if now - state.get("play_at", 0.0) < step_s * 0.8:
        return False
    state["play_at"], following = now, next_stop(stops, state["as_of"])
    if following is None:
        state["play"] = False
    else:
        state["as_of"] = following
    return True


def note_click(
    state: State, frames: Mapping[str, gpd.GeoDataFrame], click: Mapping[str, float] | None
) -> tuple[str | None, str]:
    """The place whose evidence is shown, and the key of the place box to draw.

    A new click on a drawn place wins over the box. The box is never written from here: a
    rerun the map starts right after a click (the popup pans the map, the view is reported)
    carries the browser's box value and undid such a write. A click makes a new box instead
    (a new key), opened at the clicked place.
    """
    hit = clicked_place(frames, click)
    if hit and click != state.get("last_click"):
        state["last_click"], state["evidence_of"] = click, hit
        state["clicks"] = state.get("clicks", 0) + 1
    return state.get("evidence_of"), f"place_{state.get('clicks', 0)}"
