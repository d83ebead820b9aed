"""The registry of map layers, bottom to top: adding a layer is adding an entry here."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from layers.spec import (
    BASE_GREY,
    FRAME_BLACK,
    FRIEND_BLUE,
    HOSTILE_RED,
    THREAT_ORANGE,
    Convention,
    LayerKind,
    LayerSpec,
    Style,
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
                "threatened",
                Style(
                    color=THREAT_ORANGE,
                    weight=2.5,
                    fill_color=THREAT_ORANGE,
                    fill_opacity=0.10,
                    dash_array="8 6",
                ),
            ),
            (
                "no threat reported",
                Style(
                    color=BASE_GREY,
                    weight=1.5,
                    fill_color=BASE_GREY,
                    fill_opacity=0.0,
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
        style=Style(color="#1f5fa8", weight=2.5, fill_color=FRIEND_BLUE, fill_opacity=0.25),
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
                "present",
                Style(color=FRAME_BLACK, weight=1.5, fill_color=FRIEND_BLUE, fill_opacity=1.0),
            ),
            (
                "residual",
                Style(color=FRAME_BLACK, weight=1.5, fill_color=FRIEND_BLUE, fill_opacity=1.0),
            ),
            (
                "departing",
                Style(
                    color=FRAME_BLACK,
                    weight=1.5,
                    fill_color=FRIEND_BLUE,
                    fill_opacity=0.45,
                    dash_array="4 3",
                ),
            ),
            (
                "arriving",
                Style(
                    color=FRAME_BLACK,
                    weight=1.5,
                    fill_color=FRIEND_BLUE,
                    fill_opacity=0.15,
                    dash_array="7 3",
                ),
            ),
            (
                "withdrawn",
                Style(
                    color="#5f6f7a",
                    weight=1.5,
                    fill_color="#ffffff",
                    fill_opacity=0.6,
                    dash_array="3 3",
                ),
            ),
        ),
    ),
)

LAYERS: Mapping[str, LayerSpec] = MappingProxyType({spec.id: spec for spec in _SPECS})
"""Every layer by id, in drawing order (bottom first)."""
