"""The gazetteer: every spelling resolves to one canonical place, unknown names to nothing."""

from __future__ import annotations

import pytest

from geo.gazetteer import find_places, name_key, resolve_place


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Ain al-Asad", "ain_al_asad"), ("Ain al-Assad", "ain_al_asad"), ("Al Asad", "ain_al_asad"),
        ("Ayn al-Asad", "ain_al_asad"), ("AIN AL ASAD AIRBASE", "ain_al_asad"),
        ("Hamrin", "hamrin_mountains"), ("Himreen", "hamrin_mountains"),
        ("Jebel Hamrin", "hamrin_mountains"), ("Hamrin Mountains", "hamrin_mountains"),
        ("Salahaddin", "salahaddin_governorate"), ("Salah al-Din", "salahaddin_governorate"),
        ("Saladin", "salahaddin_governorate"), ("Sala ad-Din", "salahaddin_governorate"),
        ("Salah ad-Din province", "salahaddin_governorate"),
        ("Erbil", "erbil"), ("Irbil", "erbil"), ("Arbil", "erbil"), ("Hewlêr", "erbil"),
        ("Nineveh", "nineveh_governorate"), ("Ninawa", "nineveh_governorate"),
        ("Baghdad", "baghdad"), ("Baghdad International Airport", "baghdad_airport"),
        ("BIAP", "baghdad_airport"), ("Baghdad’s international airport", "baghdad_airport"),
        ("Green Zone", "green_zone"), ("International Zone", "green_zone"),
        ("JOC headquarters", "joc_hq"), ("Kurdistan Region", "kurdistan_region"),
        ("Iraqi Kurdistan", "kurdistan_region"), ("Anbar desert", "anbar_desert"),
        ("valleys in Kirkuk", "kirkuk_valleys"), ("Baquba", "baqubah"), ("Baqouba", "baqubah"),
        ("Harir", "harir"), ("Bashur Airfield", "harir"), ("K1", "k1"),
        ("Al-Anbar", "anbar_governorate"), ("At-Ta'mim", "kirkuk_governorate"),
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
    assert [(m.place.id, text[m.start:m.end]) for m in mentions] == [
        ("baghdad_airport", "Baghdad International Airport"),
        ("ain_al_asad", "Ain al-Assad airbase"),
        ("erbil", "Erbil"),
    ]
    assert {c.id for c in mentions[2].candidates} == {"erbil", "erbil_governorate"}


def test_find_places_ignores_the_verb_hit() -> None:
    assert [m.place.id for m in find_places("A roadside bomb hit a convoy near Hit.")] == ["hit"]


def test_find_places_in_text_without_iraqi_places() -> None:
    assert find_places("The weather in Lisbon was mild on Tuesday.") == []
