"""Site frames, national totals and count labels as HTML: the numbers the map prints.

Each carries `data-rank` (what holds now, then more personnel), so where labels would overlap
the page's declutter keeps the one that matters most (see layers.decorations).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.posture import Status
from layers.popups import esc
from layers.spec import FRAME_ASPECT, Style

REGION_RANK = 5000  # a region's total outranks any one site's label
STATUS_Z: Mapping[Status, int] = {
    Status.PRESENT: 1000,
    Status.RESIDUAL: 1000,
    Status.DIFFERING: 900,
    Status.DEPARTING: 500,
    Status.ARRIVING: 500,
    Status.WITHDRAWN: 0,
}


def count_label(name: str, label: str, status: str, *, rank: int) -> str:
    """A label of numbers for an area (a region, an approximate site), drawn as a tooltip."""
    return (
        f'<span class="pm-count" data-status="{esc(status)}" data-rank="{rank}">'
        f"<b>{esc(name)}</b> {esc(label)}</span>"
    )


def frame_icon(row: Mapping[str, Any], style: Style, width: int, label: str) -> str:
    """An APP-6 friendly land frame (a rectangle) as inline SVG, with name and numbers."""
    height = round(width / FRAME_ASPECT)
    dash = f' stroke-dasharray="{esc(style.dash_array)}"' if style.dash_array else ""
    count = f' · <span class="pm-site-count">{esc(label)}</span>' if label else ""
    return (
        f'<div class="pm-site-frame" data-place-id="{esc(row["id"])}" '
        f'data-status="{esc(row["status"])}" data-label="{esc(label)}" '
        f'data-rank="{label_rank(row, width)}">'
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}"'
        f' fill="{esc(style.fill_color)}" fill-opacity="{style.fill_opacity}"'
        f' stroke="{esc(style.color)}" stroke-width="{style.weight}"{dash}/></svg>'
        f'<span class="pm-site-label">{esc(row["name"])}{count}</span></div>'
    )


def label_rank(row: Mapping[str, Any], width: int) -> int:
    """Whose label wins where two overlap: what holds now, then the larger frame."""
    return STATUS_Z.get(Status(str(row["status"])), 0) + width


def total_icon(row: Mapping[str, Any], label: str) -> str:
    """A national total: a label box with no frame (it is not a site)."""
    return (
        f'<div class="pm-total" data-place-id="{esc(row["id"])}" '
        f'data-status="{esc(row["status"])}" data-label="{esc(label)}" data-rank="9999">'
        f"<b>{esc(row['name'])}</b> (national total) · "
        f'<span class="pm-site-count">{esc(label or row["status"])}</span></div>'
    )
