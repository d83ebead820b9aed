"""The gazetteer: every spelling resolves to one canonical place, unknown names to nothing."""

from __future__ import annotations

import pytest

from geo.gazetteer import find_places, name_key, resolve_place


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
