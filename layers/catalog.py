"""The registry of map layers, bottom to top: adding a layer is adding an entry here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from geo.posture import Status
from layers.spec import (
    BASE_GREY,
    DIFFER_PURPLE,
    FRAME_BLACK,
    FRIEND_BLUE,
    HOSTILE_RED,
    THREAT_ORANGE,
    Convention,
    LayerKind,
    LayerSpec,
    Style,
)

_REGION = Style(color="#1f5fa8", weight=2.5, fill_color=FRIEND_BLUE, fill_opacity=0.25)
# ISIS activity reported at a place: hatched red like the zones (approximate), but a solid
# edge and a denser fill so a 10 km circle reads at national zoom; a whole governorate is
# light, so the zones and places over it stay legible.
_PLACE_ACTIVE = Style(
    color="#b71c1c", weight=1.5, fill_color=HOSTILE_RED, fill_opacity=0.75, hatch=True
)
_GOVERNORATE_ACTIVE = Style(
    color="#c62828",
    weight=1.0,
    fill_color=HOSTILE_RED,
    fill_opacity=0.22,
    dash_array="2 5",
    hatch=True,
)

_SPECS = (
    LayerSpec(
        id="governorates",
        title="Governorates",
        kind=LayerKind.POLYGONS,
        convention=Convention.BASE,
        description="The 18 governorates with their names; the offline base map.",
        style=Style(color=BASE_GREY, weight=0.8, fill_color="#f3efe6", fill_opacity=1.0),
    ),
    LayerSpec(
        id="isis_activity_governorates",
        title="ISIS activity: reported provinces",
        kind=LayerKind.POLYGONS,
        convention=Convention.ACTIVITY,
        description="Governorates a report names as a whole for ISIS activity (or a threat, "
        "outside the four disputed provinces); drawn light and below the zones: the report "
        "does not say where in the governorate.",
        style=_GOVERNORATE_ACTIVE,
        status_styles=(
            (Status.ACTIVE, _GOVERNORATE_ACTIVE),
            (
                Status.THREATENED,
                Style(
                    color=THREAT_ORANGE,
                    weight=1.5,
                    fill_color=THREAT_ORANGE,
                    fill_opacity=0.05,
                    dash_array="3 6",
                ),
            ),
        ),
    ),
    LayerSpec(
        id="disputed_provinces",
        title="Disputed provinces: ISIS threat",
        kind=LayerKind.POLYGONS,
        convention=Convention.THREAT,
        description="Diyala, Kirkuk, Nineveh and Salahaddin, where reporting says ISIS sleeper "
        "cells threaten.",
        style=Style(
            color=THREAT_ORANGE,
            weight=2.5,
            fill_color=THREAT_ORANGE,
            fill_opacity=0.10,
            dash_array="8 6",
        ),
        status_styles=(
            (
                Status.THREATENED,
                Style(
                    color=THREAT_ORANGE,
                    weight=2.5,
                    fill_color=THREAT_ORANGE,
                    fill_opacity=0.10,
                    dash_array="8 6",
                ),
            ),
        ),
    ),
    LayerSpec(
        id="kurdistan_region",
        title="Kurdistan Region: coalition forces",
        kind=LayerKind.POLYGONS,
        convention=Convention.CONTROL,
        description="The Kurdistan Region, where reporting places the coalition's forces.",
        style=_REGION,
        # The region as a whole follows the sites' conventions: dashed while forces move.
        status_styles=(
            (Status.PRESENT, _REGION),
            (Status.RESIDUAL, _REGION),
            (Status.DEPARTING, replace(_REGION, fill_opacity=0.12, dash_array="8 5")),
            (Status.ARRIVING, replace(_REGION, fill_opacity=0.06, dash_array="12 5")),
            (
                Status.WITHDRAWN,
                replace(_REGION, color="#5f6f7a", fill_opacity=0.0, dash_array="3 3"),
            ),
            (
                Status.DIFFERING,
                replace(_REGION, color=DIFFER_PURPLE, fill_opacity=0.12, dash_array="2 4"),
            ),
        ),
    ),
    LayerSpec(
        id="isis_activity_zones",
        title="ISIS activity zones (approximate)",
        kind=LayerKind.POLYGONS,
        convention=Convention.ACTIVITY,
        description="Areas where reporting says ISIS operates or hides; drawn approximately.",
        style=Style(
            color="#c62828",
            weight=1.5,
            fill_color=HOSTILE_RED,
            fill_opacity=0.55,
            dash_array="4 4",
            hatch=True,
        ),
    ),
    LayerSpec(
        id="isis_activity_reports",
        title="ISIS activity: reported places",
        kind=LayerKind.POLYGONS,
        convention=Convention.ACTIVITY,
        description="Towns, cities and wadis where a report places ISIS activity (or a "
        "threat), each drawn as a small approximate area around the place.",
        style=_PLACE_ACTIVE,
        status_styles=(
            (Status.ACTIVE, _PLACE_ACTIVE),
            (
                Status.THREATENED,
                Style(
                    color=THREAT_ORANGE,
                    weight=2.0,
                    fill_color=THREAT_ORANGE,
                    fill_opacity=0.15,
                    dash_array="8 6",
                ),
            ),
        ),
    ),
    LayerSpec(
        id="coalition_positions",
        title="Coalition positions",
        kind=LayerKind.SITES,
        convention=Convention.CONTROL,
        description="Sites where reporting places, or placed, coalition forces, by status.",
        style=Style(color=FRAME_BLACK, weight=1.5, fill_color=FRIEND_BLUE, fill_opacity=1.0),
        # APP-6 friendly frames; a dashed frame is APP-6's "planned/anticipated" (a move out
        # or in), an empty grey one marks a site the reporting says was left. Fill says how
        # much is there now: departing forces still are (half), arriving ones not yet (pale,
        # longer dashes), so the two moves stay apart.
        status_styles=(
            (
                Status.PRESENT,
                Style(color=FRAME_BLACK, weight=1.5, fill_color=FRIEND_BLUE, fill_opacity=1.0),
            ),
            (
                Status.RESIDUAL,
                Style(color=FRAME_BLACK, weight=1.5, fill_color=FRIEND_BLUE, fill_opacity=1.0),
            ),
            (
                Status.DEPARTING,
                Style(
                    color=FRAME_BLACK,
                    weight=1.5,
                    fill_color=FRIEND_BLUE,
                    fill_opacity=0.45,
                    dash_array="4 3",
                ),
            ),
            (
                Status.ARRIVING,
                Style(
                    color=FRAME_BLACK,
                    weight=1.5,
                    fill_color=FRIEND_BLUE,
                    fill_opacity=0.15,
                    dash_array="7 3",
                ),
            ),
            (
                Status.WITHDRAWN,
                Style(
                    color="#5f6f7a",
                    weight=1.5,
                    fill_color="#ffffff",
                    fill_opacity=0.6,
                    dash_array="3 3",
                ),
            ),
            (
                Status.DIFFERING,
                Style(
                    color=DIFFER_PURPLE,
                    weight=2.5,
                    fill_color=FRIEND_BLUE,
                    fill_opacity=0.45,
                    dash_array="2 2",
                ),
            ),
        ),
    ),
)

LAYERS: Mapping[str, LayerSpec] = MappingProxyType({spec.id: spec for spec in _SPECS})
"""Every layer by id, in drawing order (bottom first)."""
