"""The gazetteer: every spelling resolves to one canonical place, unknown names to nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from geo.gazetteer import default_gazetteer, default_names, find_places, name_key, resolve_place
from tests.conftest import SEED

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Ain al-Asad", "ain_al_asad"),
        ("Ain al-Assad", "ain_al_asad"),
        ("Al Asad", "ain_al_asad"),
        ("Ayn al-Asad", "ain_al_asad"),
        ("AIN AL ASAD AIRBASE", "ain_al_asad"),
        ("Hamrin", "hamrin_mountains"),
        ("Himreen", "hamrin_mountains"),
        ("Jebel Hamrin", "hamrin_mountains"),
        ("Hamrin Mountains", "hamrin_mountains"),
        ("Salahaddin", "salahaddin_governorate"),
        ("Salah al-Din", "salahaddin_governorate"),
        ("Saladin", "salahaddin_governorate"),
        ("Sala ad-Din", "salahaddin_governorate"),
        ("Salah ad-Din province", "salahaddin_governorate"),
        ("Erbil", "erbil"),
        ("Irbil", "erbil"),
        ("Arbil", "erbil"),
        ("Hewlêr", "erbil"),
        ("Nineveh", "nineveh_governorate"),
        ("Ninawa", "nineveh_governorate"),
        ("Baghdad", "baghdad"),
        ("Baghdad International Airport", "baghdad_airport"),
        ("BIAP", "baghdad_airport"),
        ("Baghdad’s international airport", "baghdad_airport"),
        ("Green Zone", "green_zone"),
        ("International Zone", "green_zone"),
        ("JOC headquarters", "joc_hq"),
        ("Kurdistan Region", "kurdistan_region"),
        ("Iraqi Kurdistan", "kurdistan_region"),
        ("Anbar desert", "anbar_desert"),
        ("valleys in Kirkuk", "kirkuk_valleys"),
        ("Baquba", "baqubah"),
        ("Baqouba", "baqubah"),
        ("Harir", "harir"),
        ("Bashur Airfield", "harir"),
        ("K1", "k1"),
        ("Al-Anbar", "anbar_governorate"),
        ("At-Ta'mim", "kirkuk_governorate"),
    ],
)
def test_spellings_resolve_to_one_place(name: str, place_id: str) -> None:
    place = resolve_place(name)
    assert place is not None, name
    assert place.id == place_id


@pytest.mark.parametrize("name", ["Atlantis", "Damascus", "Paris", "", "   ", "Iraq Iraq Iraq"])
def test_unknown_names_resolve_to_nothing(name: str) -> None:
    assert resolve_place(name) is None


def _place_id(name: str, kinds: set[str] | None = None) -> str | None:
    place = resolve_place(name, kinds=kinds)
    return place.id if place else None


def test_kind_selects_the_governorate_over_the_city() -> None:
    assert _place_id("Kirkuk") == "kirkuk"
    assert _place_id("Kirkuk", {"governorate"}) == "kirkuk_governorate"
    assert _place_id("Kirkuk province") == "kirkuk_governorate"
    assert _place_id("Hamrin", {"city"}) is None


def test_name_key_folds_spelling_not_meaning() -> None:
    assert name_key("Ain al-Assad") == name_key("ain al asad")
    assert name_key("Himreen") == name_key("Himrin")
    assert name_key("Erbil") != name_key("Arbil")  # such variants come from aliases


def test_find_places_reports_offsets_and_prefers_the_longest_name() -> None:
    text = "Troops left Baghdad International Airport and the Ain al-Assad airbase for Erbil."
    mentions = find_places(text)
    assert [(m.place.id, text[m.start : m.end]) for m in mentions] == [
        ("baghdad_airport", "Baghdad International Airport"),
        ("ain_al_asad", "Ain al-Assad airbase"),
        ("erbil", "Erbil"),
    ]
    assert {c.id for c in mentions[2].candidates} == {"erbil", "erbil_governorate"}


def test_find_places_ignores_the_verb_hit() -> None:
    assert [m.place.id for m in find_places("A roadside bomb hit a convoy near Hit.")] == ["hit"]


def test_find_places_in_text_without_iraqi_places() -> None:
    assert find_places("The weather in Lisbon was mild on Tuesday.") == []


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Makhmour", "makhmour"),
        ("Makhmur", "makhmour"),
        ("Mexmûr", "makhmour"),
        ("Q-West", "qayyarah_west"),
        ("Qayyarah West", "qayyarah_west"),
        ("Qayyarah airfield", "qayyarah_west"),
        ("Qayara airfield", "qayyarah_west"),
        ("Qayyarah", "qayyarah"),
        ("Qayara", "qayyarah"),
        ("Al-Taqaddum Air Base", "taqaddum"),
        ("Taqaddum", "taqaddum"),
        ("Al-Taqqadum", "taqaddum"),
        ("TQ", "taqaddum"),
        ("Samarra", "samarra"),
        ("Samara", "samarra"),
        ("Tarmiyah", "tarmiyah"),
        ("Tarmiya", "tarmiyah"),
        ("Al Tarmia", "tarmiyah"),
        ("Sinjar", "sinjar"),
        ("Shingal", "sinjar"),
        ("Badush", "badush"),
        ("Tal Afar", "tal_afar"),
        ("Tall Afar", "tal_afar"),
        ("Talafar", "tal_afar"),
        ("Tel Afar", "tal_afar"),
        ("Jalawla", "jalawla"),
        ("Jalula", "jalawla"),
        ("Khanaqin", "khanaqin"),
        ("Khanaqeen", "khanaqin"),
        ("Muqdadiyah", "muqdadiyah"),
        ("Muqdadiya", "muqdadiyah"),
        ("Miqdadiyah", "muqdadiyah"),
        ("Bashiqa", "bashiqa"),
        ("Camp Taji", "camp_taji"),
        ("Taji", "camp_taji"),
        ("Balad Air Base", "balad_air_base"),
        ("Joint Base Balad", "balad_air_base"),
        ("Sulaymaniyah", "sulaymaniyah"),
        ("Slemani", "sulaymaniyah"),
        ("Sulaimani", "sulaymaniyah"),
        ("Duhok", "duhok"),
        ("Dohuk", "duhok"),
        ("Halabja", "halabja"),
        ("Baiji", "baiji"),
        ("Bayji", "baiji"),
        ("Beiji", "baiji"),
        ("Hawija", "hawija"),
        ("Al-Qaim", "al_qaim"),
    ],
)
def test_places_the_wire_reporting_names_resolve(name: str, place_id: str) -> None:
    place = resolve_place(name)
    assert place is not None, name
    assert place.id == place_id


@pytest.mark.parametrize(
    "name", ["Qarachogh", "Qara Chokh", "Mutaibijah", "Rashad", "al-Rashad", "Adhaim", "Udhaim"]
)
def test_places_without_a_published_coordinate_stay_unknown(name: str) -> None:
    assert resolve_place(name) is None


def test_a_city_named_like_its_governorate_wins_unless_the_province_is_named() -> None:
    assert _place_id("Sulaymaniyah") == "sulaymaniyah"
    assert _place_id("Sulaymaniyah province") == "sulaymaniyah_governorate"
    assert _place_id("Slemani", {"governorate"}) == "sulaymaniyah_governorate"
    assert _place_id("Duhok") == "duhok"
    assert _place_id("Dohuk governorate") == "duhok_governorate"


def test_balad_alone_is_not_the_air_base() -> None:
    # Balad is also the town and district beside the base, and the first word of Balad Ruz.
    assert _place_id("Balad") is None
    assert find_places("Gunmen attacked a checkpoint in Balad Ruz.") == []


def test_find_places_sees_makhmour_but_not_the_unmapped_qarachogh() -> None:
    text = "ISIS remnants are hiding in the Qarachogh mountains near Makhmour."
    assert [(m.place.id, m.text) for m in find_places(text)] == [("makhmour", "Makhmour")]


def test_the_names_only_and_the_geometry_gazetteer_share_every_name() -> None:
    names, shapes = default_names(), default_gazetteer()
    assert names.places.keys() == shapes.places.keys()
    for place_id, place in names.places.items():
        assert not hasattr(place, "geometry")
        assert shapes.places[place_id].geometry is not None
        assert (place.name, place.aliases, place.kind) == (
            shapes.places[place_id].name,
            shapes.places[place_id].aliases,
            shapes.places[place_id].kind,
        )
    text = "Troops left the Ain al-Asad airbase and BIAP for Irbil airport and Harir."
    assert [(m.place.id, m.text) for m in names.find(text)] == [
        (m.place.id, m.text) for m in shapes.find(text)
    ]


def test_extracting_an_article_does_not_import_geopandas() -> None:
    code = (
        "import sys; from cli import main; "
        f"main(['extract', {str(SEED)!r}]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'geopandas', 'shapely'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert '"kind": "coalition_presence"' in result.stdout
    assert result.stdout.rstrip().endswith("[]")


def test_a_name_run_together_or_spaced_finds_the_same_place() -> None:
    found = find_places("Strikes near Alasad and Ain al Asad, then Tal Afar and Talafar.")
    assert [m.place.id for m in found] == ["ain_al_asad", "ain_al_asad", "tal_afar", "tal_afar"]
