"""Rules from the fourth round: fresh sentences written in the wording of real reporting.

Each probe failed before its rule: a unit named by its size ("the Danish battalion"), a cache of
ISIS weapons, cells moving "between the orchards of" a town and a range, a desert named by the
province it stretches from. The later ones come from the dev half of the fifth corpus batch: an
outlet's dateline ("Shafaq News/ ", "Baghdad: "), a part of a province ("southern Kirkuk"), a base
"known for hosting" forces, a day between a base and its "where" clause, provinces that only
locate a range by their border.
"""

from __future__ import annotations

import datetime as dt

import pytest

from geo.claims import ClaimKind
from geo.extract import extract
from geo.extract.sentences import split_sentences
from tests.test_geo_extract_events import article, claims_of

DEPARTURE = ClaimKind.COALITION_DEPARTURE
ARRIVAL = ClaimKind.COALITION_ARRIVAL
PRESENCE = ClaimKind.COALITION_PRESENCE
ACTIVITY = ClaimKind.ISIS_ACTIVITY


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The Danish battalion moved to Ain al-Asad from Baghdad.",
            {(ARRIVAL, "ain_al_asad"), (DEPARTURE, "baghdad")},
        ),
        ("A British squadron remains at Erbil air base.", {(PRESENCE, "erbil_airport")}),
    ],
)
def test_a_unit_named_by_its_size_is_the_forces_of_its_country(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) == expected


def test_an_iraqi_brigade_is_not_a_coalition_unit() -> None:
    assert claims_of("An Iraqi army brigade moved to Ain al-Asad from Baghdad.") == set()


def test_a_cache_found_in_an_isis_article_is_where_isis_is() -> None:
    body = "Iraqi forces found an ISIS weapons cache in Qayyarah, south of Mosul."
    assert claims_of(body) == {(ACTIVITY, "qayyarah")}


def test_a_weapons_cache_with_no_isis_in_the_article_says_nothing() -> None:
    assert claims_of("Police found a weapons cache in Qayyarah, south of Mosul.") == set()


def test_between_the_orchards_of_a_town_and_a_range_is_both() -> None:
    body = (
        "Sleeper cells of the group still move between the orchards of Muqdadiyah and the "
        "Hamrin foothills."
    )
    assert claims_of(body) == {(ACTIVITY, "muqdadiyah"), (ACTIVITY, "hamrin_mountains")}


def test_a_desert_stretching_from_anbar_is_the_anbar_desert() -> None:
    body = (
        "ISIS remains active in Iraq. The terrorist group exploits the desert stretching from "
        "Anbar to the Syrian border."
    )
    assert claims_of(body) == {(ACTIVITY, "anbar_desert")}


@pytest.mark.parametrize(
    ("line", "first_words"),
    [
        ("Shafaq News/ On Friday, Iraqi forces raided a hideout.", "On Friday"),
        ("Shafaq News – Kirkuk\nIraqi forces raided a hideout.", "Kirkuk"),
        ("Baghdad: Two airstrikes hit ISIS hideouts.", "Two airstrikes"),
        ("(CNN) — A US defense official said so.", "A US"),
        ("(MENAFN- IANS) Baghdad, Aug 30 (IANS) The Iraqi military said so.", "The Iraqi"),
        ("Baghdad, Oct 24 (SocialNews.XYZ) Nine militants were killed.", "Nine militants"),
        ("AhlulBayt News Agency: Media outlets reported it.", "Media outlets"),
        ("BAGHDAD / ARBA'ILO, Kurdistan Region of Iraq — The talks ended.", "The talks"),
    ],
)
def test_a_dateline_in_any_house_style_is_not_part_of_the_first_sentence(
    line: str, first_words: str
) -> None:
    start, end = split_sentences(line)[0]
    assert line[start:end].startswith(first_words)


@pytest.mark.parametrize(
    "line", ["The Iraqi army - backed by jets - struck.", "US forces left Baghdad on Friday."]
)
def test_a_first_sentence_is_not_mistaken_for_a_dateline(line: str) -> None:
    start, _ = split_sentences(line)[0]
    assert start == 0


def test_a_leading_day_after_the_outlets_dateline_dates_the_claim() -> None:
    body = "Shafaq News/ On Friday, Iraqi forces began an operation against ISIS in Hawija."
    (claim,) = extract(article(body))
    assert claim.date is not None
    assert claim.date.text == "On Friday"


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("Iraqi forces began an operation against ISIS in southern Kirkuk.", "kirkuk_governorate"),
        ("Airstrikes hit ISIS hideouts in the Kirkuk region.", "kirkuk_governorate"),
        ("ISIS attacked a checkpoint south of Kirkuk.", "kirkuk"),
    ],
)
def test_a_part_of_a_province_is_the_province_and_a_bearing_from_the_city_is_the_city(
    body: str, place: str
) -> None:
    assert claims_of(body) == {(ACTIVITY, place)}


def test_a_base_known_for_hosting_forces_hosts_them() -> None:
    body = (
        "A drone was brought down near Ain Al-Asad air base in the Anbar governorate. The air "
        "base is known for hosting US, Iraqi, and international forces."
    )
    assert claims_of(body) == {(PRESENCE, "ain_al_asad")}


def test_the_day_between_a_base_and_its_where_clause_does_not_cut_the_link() -> None:
    body = (
        "Another drone was downed over Erbil Airport in northern Iraq on Sunday, where US and "
        "other international forces are stationed."
    )
    assert claims_of(body) == {(PRESENCE, "erbil_airport")}


def test_provinces_at_whose_border_a_range_lies_only_locate_it() -> None:
    body = (
        "An F-16 air strike in Mount Hamrin, near the border of Kirkuk and Salahuddin "
        "governorates, killed three ISIS members."
    )
    assert claims_of(body) == {(ACTIVITY, "hamrin_mountains")}


def test_an_attack_on_the_border_of_two_provinces_is_in_both() -> None:
    body = "ISIS attacked a village on the border of Kirkuk and Salahuddin."
    assert claims_of(body) == {
        (ACTIVITY, "kirkuk_governorate"),
        (ACTIVITY, "salahaddin_governorate"),
    }


def test_advisers_gone_from_two_sites_left_both_whoever_holds_them_now() -> None:
    body = (
        "It said that with the remaining advisers gone from Ayn Al-Asad Air Base and the Joint "
        "Operations Command headquarters, those sites are now under the full control of Iraqi "
        "security forces."
    )
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad"), (DEPARTURE, "joc_hq")}


def test_forces_that_consolidate_in_a_region_arrive_there() -> None:
    body = "Most American forces will consolidate in the Kurdish region."
    (claim,) = extract(article(body))
    assert (claim.kind, claim.place_id, claim.status) == (ARRIVAL, "kurdistan_region", "planned")


def test_a_withdrawal_from_some_sites_in_iraq_is_no_departure_from_iraq() -> None:
    body = (
        "Earlier this year US military forces started withdrawing from a number of sites in Iraq."
    )
    assert claims_of(body) == set()
    assert claims_of("US forces started withdrawing from Iraq.") == {(DEPARTURE, "iraq")}


def test_forces_named_after_the_sites_they_leave_are_who_leaves() -> None:
    body = (
        "Reports said the withdrawal is near. The report specifies that the forces will vacate "
        "Ain al-Assad base, Baghdad airport, and the Joint Operations Command."
    )
    assert claims_of(body) == {
        (DEPARTURE, "ain_al_asad"),
        (DEPARTURE, "baghdad_airport"),
        (DEPARTURE, "joc_hq"),
    }


def test_handing_a_base_to_iraq_is_no_arrival_in_iraq() -> None:
    body = (
        "Last year, the United States reached an agreement with Iraq to vacate the Ain al-Asad "
        "Airbase in the western Anbar province and hand control of it to Iraq."
    )
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad")}


def test_who_received_a_base_is_not_who_moved_on() -> None:
    body = "US troops handed over Ain al-Asad to Iraqi forces and moved to Erbil."
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad"), (ARRIVAL, "erbil")}


def test_iraqi_units_a_base_was_handed_to_are_still_the_ones_stationed_there() -> None:
    body = (
        "US forces left Ain al-Asad. The chief of staff oversaw the handover of duties to the "
        "Iraqi military units stationed at the base."
    )
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad")}


def test_winding_down_the_coalition_in_iraq_is_a_mission_end_not_a_departure() -> None:
    body = (
        "The withdrawal was part of a 2024 agreement between Washington and Baghdad to wind "
        "down the US-led military coalition in Iraq by September 2025."
    )
    assert claims_of(body) == set()
    assert claims_of("US forces will wind down their presence in Baghdad.") == {
        (DEPARTURE, "baghdad")
    }


def test_it_after_a_handover_is_the_coalition_not_the_forces_it_handed_to() -> None:
    body = (
        "The coalition handed over K1 air base near Kirkuk to Iraqi forces in March 2020. It "
        "later left Qayyarah West and Taji."
    )
    assert claims_of(body) == {
        (DEPARTURE, "k1"),
        (DEPARTURE, "qayyarah_west"),
        (DEPARTURE, "camp_taji"),
    }


def test_most_of_the_troops_just_named_are_where_the_next_sentence_puts_them() -> None:
    body = (
        "Pentagon officials said the United States will keep about 1,000 troops in Iraq. Most "
        "will be based in the Kurdistan Region, with a smaller number in Baghdad."
    )
    assert claims_of(body) == {
        (PRESENCE, "iraq"),
        (PRESENCE, "kurdistan_region"),
        (PRESENCE, "baghdad"),
    }


def test_reducing_a_presence_in_a_place_leaves_one_there() -> None:
    body = (
        "The plan would see all coalition forces leave Ain al-Asad Air Base in Anbar province "
        "and reduce their presence in Baghdad by September 2025."
    )
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad"), (PRESENCE, "baghdad")}
    assert claims_of("US forces will withdraw their presence from Baghdad.") == {
        (DEPARTURE, "baghdad")
    }


def test_the_region_whose_capital_a_city_is_only_locates_it() -> None:
    body = (
        "Officials said some U.S. personnel are being relocated to Erbil, capital of Iraq's "
        "semi-autonomous Kurdistan region, and to an unnamed neighboring Arab nation."
    )
    assert claims_of(body) == {(ARRIVAL, "erbil")}


def test_a_mission_in_two_places_scheduled_to_conclude_is_a_planned_departure_from_both() -> None:
    body = (
        "Hussein Allawi told media on August 17 that the coalition's mission in Baghdad and at "
        "Ayn al-Asad is scheduled to conclude by September."
    )
    claims = extract(article(body))
    assert {(c.kind, c.place_id, c.status) for c in claims} == {
        (DEPARTURE, "baghdad", "planned"),
        (DEPARTURE, "ain_al_asad", "planned"),
    }
    assert {c.date.text for c in claims if c.date} == {"by September"}  # no full stop


@pytest.mark.parametrize(
    "body",
    [
        "The PMF have found and broken up a terrorist cell tied to the ISIL group in Anbar.",
        "Officials said ISIS was regrouping. A complex terrorist cell in Anbar province had "
        "been dismantled.",
    ],
)
def test_a_terrorist_cell_broken_up_in_a_province_is_activity_there(body: str) -> None:
    assert claims_of(body) == {(ACTIVITY, "anbar_governorate")}


def test_posing_security_risks_in_provinces_is_a_threat_there() -> None:
    assert claims_of("ISIS still poses security risks in Diyala and Kirkuk.") == {
        (ClaimKind.ISIS_THREAT, "diyala_governorate"),
        (ClaimKind.ISIS_THREAT, "kirkuk_governorate"),
    }


def test_the_incident_just_reported_happened_where_the_next_sentence_says() -> None:
    body = (
        "An Iraqi officer and four soldiers were killed in a suspected ISIS attack on an army "
        "post. The incident happened between Diyala and Saladin governorates."
    )
    assert claims_of(body) == {
        (ACTIVITY, "diyala_governorate"),
        (ACTIVITY, "salahaddin_governorate"),
    }
    assert (
        claims_of("Rockets hit a base. The incident took place at Ain al-Asad air base.") == set()
    )


def test_whose_security_forces_and_an_isis_wilaya_are_not_places_of_activity() -> None:
    body = (
        "On Tuesday Kurdistan Region security forces (Asayish) arrested 10 ISIS suspects in "
        'coordinated raids on a cell linked to the so-called "Wilayat [Province] Kurdistan."'
    )
    assert claims_of(body) == set()


@pytest.mark.parametrize(
    ("body", "second"),
    [
        (
            "The United States has sped up the withdrawal of its forces from Iraq's Ayn al-Asad "
            "and Victoria military bases.",
            "camp_victory",
        ),
        ("US forces left Ain al-Asad and Erbil air bases.", "erbil_airport"),
    ],
)
def test_a_second_base_sharing_the_first_ones_noun_is_a_base(body: str, second: str) -> None:
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad"), (DEPARTURE, second)}


@pytest.mark.parametrize(
    "body",
    [
        "The U.S. has roughly 2,500 troops stationed in Iraq.",
        "The U.S. still has roughly 2,500 troops stationed in Iraq, part of a coalition first "
        "sent in 2014 to counter the rise of the Islamic State across the region.",
    ],
)
def test_the_us_spelt_with_dots_is_a_subject_and_a_noun_s_year_does_not_date_the_claim(
    body: str,
) -> None:
    (claim,) = extract(article(body))
    assert (claim.kind, claim.place_id, claim.date) == (PRESENCE, "iraq", None)
    assert claim.personnel is not None
    assert claim.personnel.min == 2500


def test_militants_in_an_article_that_never_names_isis_are_not_isis() -> None:
    body = (
        "Iran-backed militants have often targeted Al Asad. Officials said militants fired two "
        "rockets at the base last week."
    )
    assert claims_of(body) == set()
    assert claims_of("Militants attacked an army post in Tarmiyah.") == set()
    assert claims_of("ISIS militants attacked an army post in Tarmiyah.") == {
        (ACTIVITY, "tarmiyah")
    }


def test_forces_attacked_at_a_base_are_there_and_the_country_after_a_comma_is_an_address() -> None:
    body = (
        "Defence chiefs have said British troops were attacked at a military base in Erbil, "
        "Iraq, on Wednesday night."
    )
    assert claims_of(body) == {(PRESENCE, "erbil")}
    assert claims_of("US forces were targeted at Ain al-Asad by rockets.") == {
        (PRESENCE, "ain_al_asad")
    }
    assert claims_of("ISIS militants attacked Iraqi troops in Tarmiyah.") == {
        (ACTIVITY, "tarmiyah")
    }


def test_troops_housed_at_a_base_in_the_present_passive_are_there() -> None:
    body = "Coalition troops are housed at the Erbil base in northern Iraq."
    assert claims_of(body) == {(PRESENCE, "erbil_airport")}


@pytest.mark.parametrize(
    "body",
    [
        "The INSS detained six IS militants, among them the group's leader in Iraq's Kurdistan "
        "region.",
        "One of those detained was allegedly the leader of the IS group in the Kurdistan region.",
        "The raid uncovered ISIS bodies, among them that of the group's so-called head of the "
        "Kirkuk wilayah.",
    ],
)
def test_the_domain_of_an_isis_rank_is_not_where_isis_was_found(body: str) -> None:
    assert claims_of(body) == set()


def test_a_commander_captured_in_a_city_was_there() -> None:
    assert claims_of("Forces captured a senior ISIS commander in Kirkuk.") == {(ACTIVITY, "kirkuk")}


def test_a_wire_dateline_with_neither_dash_nor_agency_is_cut() -> None:
    line = "Baghdad, Nov 24 The Iraqi National Security Service said so."
    start, _ = split_sentences(line)[0]
    assert line[start:].startswith("The Iraqi")


def test_a_plan_told_in_the_past_keeps_its_month_in_the_past() -> None:
    october = dt.date(2025, 10, 21)
    told = (
        "Al-Sudani acknowledged that the agreement originally required the U.S. military to "
        "completely withdraw from Ain al-Asad by September."
    )
    (claim,) = extract(article(told, published=october))
    assert (claim.kind, claim.status) == (DEPARTURE, "planned")
    assert claim.date is not None
    assert (claim.date.start, claim.date.end) == (dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    (ahead,) = extract(
        article("US forces will withdraw from Ain al-Asad by September.", published=october)
    )
    assert ahead.date is not None
    assert ahead.date.start == dt.date(2026, 9, 1)


def test_a_counted_group_leaving_a_base_is_a_drawdown_under_way_not_the_base_emptied() -> None:
    body = (
        "Officials said dozens of American soldiers withdrew over the past three days from Ain "
        "al-Asad base."
    )
    (claim,) = extract(article(body))
    assert (claim.kind, claim.status) == (DEPARTURE, "under way")
    (last,) = extract(article("The last 300 US troops withdrew from Ain al-Asad."))
    assert last.status == "completed"
    arrived = extract(article("About 300 US troops left Al Asad and relocated to Harir."))
    assert {(c.kind, c.place_id, c.status) for c in arrived} == {
        (DEPARTURE, "ain_al_asad", "under way"),
        (ARRIVAL, "harir", "completed"),
    }
