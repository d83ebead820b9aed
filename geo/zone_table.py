"""The ISIS activity zones as names and recipes: plain data, readable without geopandas."""

from __future__ import annotations

from dataclasses import dataclass

# Widths are judgement calls stated in each zone's `method`: the Euphrates valley's irrigated
# strip and towns reach ~10-20 km from the river; the Hamrin is a ridge ~15-25 km wide;
# the Kirkuk wadis are estimated positions, so each gets a generous radius.
EUPHRATES_BUFFER_M = 20_000
HAMRIN_BUFFER_M = 12_000
WADI_BUFFER_M = 10_000


@dataclass(frozen=True, slots=True)
class ZoneDef:
    """One activity zone: its names, the governorates it is named for and how it is drawn."""

    id: str
    name: str
    aliases: tuple[str, ...]
    governorates: tuple[str, ...]
    anchors: tuple[str, ...]
    method: str


ZONES: tuple[ZoneDef, ...] = (
    ZoneDef(
        id="anbar_desert",
        name="Anbar desert",
        aliases=(
            "Anbar desert",
            "Anbar deserts",
            "desert of Anbar",
            "western desert",
            "Anbar's desert",
            "deserts of Anbar",
            "Anbar desert areas",
        ),
        governorates=("anbar_governorate",),
        anchors=("al_qaim", "anah", "haditha", "hit", "ramadi", "fallujah"),
        method=(
            f"Anbar governorate minus a {EUPHRATES_BUFFER_M // 1000} km buffer around the "
            "Euphrates valley, drawn as a line through the cited river towns Al-Qa'im, Anah, "
            "Haditha, Hit, Ramadi and Fallujah (buffered in UTM 38N)"
        ),
    ),
    ZoneDef(
        id="hamrin_mountains",
        name="Hamrin Mountains",
        aliases=(
            "Hamrin Mountains",
            "Hamrin mountain",
            "Hamrin range",
            "Hamrin",
            "Jebel Hamrin",
            "Jabal Hamrin",
            "Himreen",
            "Himreen Mountains",
            "Hemrin",
            "Hemrin Mountains",
            "Hamreen",
            "Hamreen Mountains",
            "Mount Hamrin",
            "Hamrin mountain range",
        ),
        governorates=("salahaddin_governorate", "kirkuk_governorate", "diyala_governorate"),
        anchors=(
            "hamrin_ridge_1",
            "hamrin_ridge_2",
            "hamrin_ridge_3",
            "hamrin_ridge_4",
            "lake_hamrin",
        ),
        method=(
            f"{HAMRIN_BUFFER_M // 1000} km buffer around the ridge line through five cited "
            "points, north-west to south-east: the al-Fatha gorge on the Tigris (estimate), "
            "the Wikipedia and ru-Wikipedia reference points, the Kirkuk-Tikrit road "
            "crossing and Lake Hamrin (buffered in UTM 38N, clipped to Iraq)"
        ),
    ),
    ZoneDef(
        id="kirkuk_valleys",
        name="Valleys of Kirkuk",
        aliases=(
            "valleys in Kirkuk",
            "valleys of Kirkuk",
            "Kirkuk valleys",
            "Kirkuk's valleys",
            "valleys of Kirkuk province",
            "valleys south of Kirkuk",
            "valleys in Kirkuk province",
            "Kirkuk valley",
        ),
        governorates=("kirkuk_governorate",),
        anchors=("wadi_al_shay", "wadi_zghaytun", "wadi_al_zarka"),
        method=(
            f"convex hull of {WADI_BUFFER_M // 1000} km buffers around the estimated "
            "positions of Wadi al-Shay, Wadi Zghaytun and Wadi al-Zarka, in Daquq and "
            "al-Rashad 45-55 km south of Kirkuk (buffered in UTM 38N, clipped to Iraq)"
        ),
    ),
)
