"""What the dashboard's "Add an article" box shows: a message at its severity, or a preview.

geo.intake decides what a text amounts to; this module says it to the reader (escaped for
Streamlit's markdown, as the text and file names are untrusted) and labels the buttons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from geo.articles import Article
from geo.claims import Claim
from geo.intake import Verdict, review_article
from layers.export import claims_frame
from layers.panel import choose_input, folder_label
from layers.popups import md

# What the preview shows of each claim found: enough to check it before applying.
PREVIEW_COLUMNS = ["kind", "place_name", "status", "personnel_min", "personnel_max", "quote"]
Level = Literal["caption", "info", "warning", "error"]
_LEVELS: dict[Verdict, Level] = {
    Verdict.UNREADABLE: "error",
    Verdict.NO_CLAIMS: "warning",
    Verdict.IN_USE: "info",
}


@dataclass(frozen=True, slots=True)
class Intake:
    """The box's outcome: an article and its claims to preview, or a message and its level."""

    article: Article | None = None
    claims: tuple[Claim, ...] = ()
    level: Level = "caption"
    message: str = ""  # escaped for markdown


def read_intake(
    pasted: str, upload: tuple[str, bytes] | None, *, in_use: Iterable[Article] = ()
) -> Intake:
    """Read the pasted text or the uploaded (name, bytes), whichever is given, and review it.

    Nothing given is a quiet caption; an input that cannot be read, or one read but with
    nothing to apply, says why at the level geo.intake's verdict deserves.
    """
    given = choose_input(pasted, upload)
    if given.raw is None:
        level: Level = "warning" if given.message else "caption"
        return Intake(level=level, message=md(given.message or "Nothing to read yet."))
    review = review_article(given.raw, name=given.name, in_use=in_use)
    if review.verdict is not Verdict.READY or review.article is None:
        return Intake(level=_LEVELS[review.verdict], message=md(review.message))
    return Intake(article=review.article, claims=review.claims)


def preview_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """The claims found in a new article, as previewed before Apply or Save."""
    return claims_frame(claims)[PREVIEW_COLUMNS]


def found_text(claims: tuple[Claim, ...]) -> str:
    """The line over the preview."""
    return f"{len(claims)} claims found; check them before applying:"


def apply_label(applied: bool) -> str:
    """The Apply button's label; once applied it says so (and the button is disabled)."""
    return "Applied to this session's map" if applied else "Apply to this session's map"


def save_label(folder: Path) -> str:
    """The Save button's label: the folder the article goes into, escaped for markdown."""
    return f"Save into {md(folder_label(folder))}"
