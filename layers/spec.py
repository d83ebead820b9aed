"""What a layer is, as data: an id, a title, a kind and a frozen style (no folium here)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from geo.posture import Status

# APP-6 / MIL-STD-2525 frame fills (milsymbol's "medium" palette): friend and hostile.
FRIEND_BLUE = "rgb(128,224,255)"
HOSTILE_RED = "rgb(255,128,128)"
FRAME_BLACK = "#000000"
THREAT_ORANGE = "#e8740c"
BASE_GREY = "#7a7a7a"
DIFFER_PURPLE = "#7b1fa2"  # reports differ: neither friend blue nor withdrawn grey
FRAME_ASPECT = 1.5  # APP-6 friendly land-unit frame: a rectangle 1.5 wide per 1 high
WITHDRAWN_SCALE = 0.7  # a withdrawn site is drawn smaller, under those that hold


class LayerKind(StrEnum):
    """How a layer's features are drawn; each kind has one renderer in layers/render.py."""

    SITES = "sites"  # points drawn as APP-6 frames, or as areas when the point is a hand estimate
    POLYGONS = "polygons"


class Convention(StrEnum):
    """The analyst's three readings, kept visually distinct as ISW does."""

    CONTROL = "control"  # where forces are (friendly, blue)
    ACTIVITY = "activity"  # where ISIS operates (hostile, red, hatched: approximate)
    THREAT = "threat"  # where ISIS may strike (orange, dashed outline)
    BASE = "base"  # reference geography


@dataclass(frozen=True, slots=True, kw_only=True)
class Style:
    """Leaflet path options in snake_case; camelCased only when rendered."""

    color: str = BASE_GREY
    weight: float = 1.0
    opacity: float = 1.0
    fill_color: str = "#ffffff"
    fill_opacity: float = 0.2
    dash_array: str | None = None
    hatch: bool = False  # fill with a diagonal hatch: the shape is approximate

    def to_leaflet(self) -> dict[str, object]:
        """Leaflet's camelCase path options."""
        options: dict[str, object] = {
            "color": self.color,
            "weight": self.weight,
            "opacity": self.opacity,
            "fillColor": self.fill_color,
            "fillOpacity": self.fill_opacity,
        }
        if self.dash_array:
            options["dashArray"] = self.dash_array
        return options


@dataclass(frozen=True, slots=True, kw_only=True)
class LayerSpec:
    """One map layer: stable snake_case id (also the CLI name), title, kind and style."""

    id: str
    title: str
    kind: LayerKind
    convention: Convention
    description: str
    style: Style = Style()
    status_styles: tuple[tuple[Status, Style], ...] = ()  # per-status overrides, legend order
    show: bool = True

    def style_for(self, status: Status | str) -> Style:
        """The style of a feature with this status (the layer's style when none is given)."""
        return {str(k): v for k, v in self.status_styles}.get(str(status), self.style)


def frame_width(personnel_max: int | None, status: Status | str = Status.PRESENT) -> int:
    """A site frame's width in px: it grows with the log of the reported head count.

    No figure reported draws the smallest frame (as for one person), never a guessed size;
    a withdrawn site is drawn smaller still. The legend draws its size samples with this.
    """
    width = 24 + 8 * math.log10(max(personnel_max or 1, 1))
    return round(width * (WITHDRAWN_SCALE if status == Status.WITHDRAWN else 1))
