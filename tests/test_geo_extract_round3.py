"""Rules from the third real-corpus round: wording the dev half showed and the rules missed.

Each probe is an invented sentence in the wording of real reporting: a place inside another, an
agency that reports, a date that belongs to a noun, a list after "including", a threat made
through attacks, a country named by its adjective, a facility that stands for its forces.
"""

from __future__ import annotations

import pytest

from geo.claims import ClaimKind
from geo.extract import extract
from tests.test_geo_extract_events import article, claims_of

PRESENCE = ClaimKind.COALITION_PRESENCE
DEPARTURE = ClaimKind.COALITION_DEPARTURE
ARRIVAL = ClaimKind.COALITION_ARRIVAL
ACTIVITY = ClaimKind.ISIS_ACTIVITY
THREAT = ClaimKind.ISIS_THREAT


def test_a_place_named_after_inside_only_locates_and_the_base_is_the_one_inside() -> None:
    body = (
        "A drone struck Victoria Base inside Baghdad International Airport on Sunday. Air "
        "defences at the base, which hosts a US logistics support center, downed a second drone."
    )
    assert claims_of(body) == {(PRESENCE, "camp_victory")}


@pytest.mark.parametrize(
    "body",
    [
        "US troops are stationed at Harir air base, Iraqi Kurdistan's counter-terrorism service "
        "said.",
        "A drone hit Harir air base, where US forces are stationed, the Kurdistan "
        "counter-terrorism service said.",
    ],
)
def test_the_agency_that_reports_is_not_a_place(body: str) -> None:
    assert claims_of(body) == {(PRESENCE, "harir")}


def test_a_date_that_dates_a_noun_does_not_date_the_statement() -> None:
    body = "The US has about 2,500 troops in Iraq as part of the coalition formed in 2014."
    (claim,) = extract(article(body))
    assert (claim.kind, claim.place_id) == (PRESENCE, "iraq")
    assert claim.date is None
    assert claim.personnel is not None
    assert claim.personnel.min == 2500


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (
            "ISIS cells remain active in several provinces, including Kirkuk, Diyala and "
            "Salahaddin.",
            ACTIVITY,
        ),
        (
            "ISIS remains a threat through sporadic attacks, bombings and kidnappings in several "
            "provinces, particularly in the areas disputed between Baghdad and Erbil, spanning "
            "Diyala, Salahaddin and Kirkuk.",
            THREAT,
        ),
    ],
)
def test_a_list_after_including_or_spanning_says_where(body: str, kind: ClaimKind) -> None:
    assert claims_of(body) == {
        (kind, "kirkuk_governorate"),
        (kind, "diyala_governorate"),
        (kind, "salahaddin_governorate"),
    }


def test_a_threat_made_through_attacks_is_a_threat_not_activity() -> None:
    body = "ISIS remains a threat through sporadic attacks in Kirkuk."
    assert claims_of(body) == {(THREAT, "kirkuk")}


def test_bases_listed_after_including_are_each_left() -> None:
    body = "US forces withdrew from several bases, including Ain al-Asad and Baghdad airport."
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad"), (DEPARTURE, "baghdad_airport")}


def test_iraqi_territory_is_the_country() -> None:
    body = "Coalition troops will leave Iraqi territory in two phases, the first by September 2025."
    assert (DEPARTURE, "iraq") in claims_of(body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a member's army is not Iraq's, and "remaining soldiers" is no statement of its own
        (
            "The German army ended its mission in Baghdad and moved its remaining soldiers to "
            "Erbil.",
            {(DEPARTURE, "baghdad"), (ARRIVAL, "erbil")},
        ),
        # an arrival from a place is a departure from it
        (
            "Hundreds of US troops arrived at Harir base from Ain al-Asad this week.",
            {(ARRIVAL, "harir"), (DEPARTURE, "ain_al_asad")},
        ),
        # "heading north to": where the move goes
        (
            "A coalition convoy left Baghdad International Airport heading north to Erbil.",
            {(DEPARTURE, "baghdad_airport"), (ARRIVAL, "erbil")},
        ),
        # a negated presence "any more" is a departure, like "no longer"
        ("No US troops are stationed at Ain al-Asad any more.", {(DEPARTURE, "ain_al_asad")}),
        # "keep a small number of advisers": five words may stand before the force noun
        (
            "Washington will keep a small number of advisers at the US embassy in Baghdad.",
            {(PRESENCE, "us_embassy_baghdad")},
        ),
        # training there is being there
        ("British troops continue to train Peshmerga forces in Erbil.", {(PRESENCE, "erbil")}),
    ],
)
def test_coalition_moves_in_other_words(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert claims_of(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the agent of an operation is not distance between the cue and the place
        (
            "Four ISIS members were killed in a joint operation by the Iraqi army and Peshmerga "
            "in the Qarachogh mountains near Makhmour.",
            {(ACTIVITY, "makhmour")},
        ),
        # "Wadi" before a wadi's own name is its name, not a feature named after a town
        (
            "Intelligence-led strikes destroyed ISIS caves in the Wadi Zghaitoun valley in Kirkuk.",
            {(ACTIVITY, "wadi_zghaytun")},
        ),
        # a PMF victim does not make the attack a militia's when ISIS is named
        (
            "A roadside bomb struck a PMF vehicle on the road between Baiji and Haditha, killing "
            "two fighters, in an attack blamed on ISIS.",
            {(ACTIVITY, "baiji"), (ACTIVITY, "haditha")},
        ),
        # a foiled plot and a detachment are ISIS there
        (
            "Kurdish security forces said they had foiled an ISIS plot in Sulaymaniyah.",
            {(ACTIVITY, "sulaymaniyah")},
        ),
        (
            "The strike hit the ISIS detachment in the Palkana mountains near Tuz Khurmatu.",
            {(ACTIVITY, "tuz_khurmatu")},
        ),
        # an IED "targeting" a patrol hit it
        (
            "ISIS was blamed after an IED targeting an army patrol exploded in the Tuz Khurmatu "
            "district.",
            {(ACTIVITY, "tuz_khurmatu")},
        ),
    ],
)
def test_isis_activity_in_other_words(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert claims_of(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "north of the town of al-Rutba": the Arabic article does not hide the reference
        (
            "Troops clashed with ISIS militants in a desert area north of the town of al-Rutba, "
            "some 400 km west of the Iraqi capital Baghdad.",
            {(ACTIVITY, "rutba")},
        ),
        # "the provincial capital, Kirkuk" is the city, even once the province was named
        (
            "ISIS militants were killed in Kirkuk province. Iraqi forces struck an ISIS hideout "
            "in a rugged area west of the namesake provincial capital, Kirkuk.",
            {(ACTIVITY, "kirkuk_governorate"), (ACTIVITY, "kirkuk")},
        ),
        # a relative clause that says where the raid took place
        (
            "ISIS leaders were killed. Officials said two service members were wounded in the "
            "raid, which took place in the northern Hamrin Mountains.",
            {(ACTIVITY, "hamrin_mountains")},
        ),
        # a region described in a relative clause, then called a haven
        (
            "The region, which extends across the provinces of Diyala, Salahaddin and Kirkuk, "
            "has been a safe haven for ISIS members.",
            {
                (ACTIVITY, "diyala_governorate"),
                (ACTIVITY, "salahaddin_governorate"),
                (ACTIVITY, "kirkuk_governorate"),
            },
        ),
        # "of" inside a name ("the Triangle of Death") ties nothing
        (
            "ISIS remains active in Iraq, particularly in the Triangle of Death (Kirkuk, "
            "Salahaddin and Diyala).",
            {
                (ACTIVITY, "diyala_governorate"),
                (ACTIVITY, "salahaddin_governorate"),
                (ACTIVITY, "kirkuk_governorate"),
            },
        ),
    ],
)
def test_where_in_longer_sentences(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert claims_of(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Until now the Ain al-Asad base has hosted the bulk of the American forces in Iraq.",
            {(PRESENCE, "ain_al_asad")},
        ),
        ("Ain al-Asad had hosted US forces.", set()),
        ("Ain al-Asad once hosted US forces.", set()),
    ],
)
def test_has_hosted_holds_had_hosted_does_not(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The coalition has no troops in Mosul.", set()),
        (
            "The coalition transferred the Victory base complex to Iraqi control in September.",
            {(DEPARTURE, "camp_victory")},
        ),
        (
            "ISIS fighters have used Lake Tharthar's islands as a hideout for years.",
            {(ACTIVITY, "lake_tharthar")},
        ),
    ],
)
def test_possession_transfer_and_use(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert claims_of(body) == expected


def test_a_cut_to_a_figure_is_who_stays() -> None:
    body = (
        "The US-led coalition will withdraw in two stages. The second stage would complete the "
        "exit, cutting troop numbers from about 2,500 to fewer than 500 advisers in Erbil."
    )
    erbil = [c for c in extract(article(body)) if c.place_id == "erbil"]
    assert [(c.kind, c.status) for c in erbil] == [(PRESENCE, "planned")]
    assert erbil[0].personnel is not None
    assert erbil[0].personnel.min == 500


def test_a_reduction_to_a_figure_after_the_place() -> None:
    (claim,) = extract(
        article("Germany will reduce its contingent in Erbil to about 100 soldiers.")
    )
    assert (claim.kind, claim.place_id, claim.status) == (PRESENCE, "erbil", "planned")
    assert claim.personnel is not None
    assert claim.personnel.min == 100


def test_a_figure_abroad_then_one_here() -> None:
    body = "About 900 US troops are deployed in Syria and 2,500 in Iraq."
    assert claims_of(body) == {(PRESENCE, "iraq")}
    (claim,) = extract(article(body))
    assert claim.personnel is None or claim.personnel.min == 2500  # never Syria's 900


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a desert named by its province is the desert zone (keying rule 5)
        (
            "ISIS militants were killed in an operation in a desert in the Iraqi province of "
            "Anbar.",
            {(ACTIVITY, "anbar_desert")},
        ),
        ("The army struck four ISIS hideouts in Anbar's desert.", {(ACTIVITY, "anbar_desert")}),
        ("ISIS militants attacked a village in Anbar province.", {(ACTIVITY, "anbar_governorate")}),
        # "the operation, which focuses on X"; "in areas such as X, Y and Z"; cells as subject
        (
            "ISIS cells were hit. The commander said the operation, which focuses on the Hamrin "
            "Mountains, involves army units.",
            {(ACTIVITY, "hamrin_mountains")},
        ),
        (
            "ISIS is weakened. Scattered cells remain active in areas such as Zarka and "
            "Zghaitoun Valley in Kirkuk.",
            {(ACTIVITY, "wadi_al_zarka"), (ACTIVITY, "wadi_zghaytun")},
        ),
    ],
)
def test_isis_places_in_reporting_wording(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert claims_of(body) == expected


def test_the_coalitions_name_does_not_make_an_article_isis_reporting() -> None:
    body = (
        "An explosion did not disrupt air traffic in Baghdad. The international coalition "
        "against ISIS includes 87 partners."
    )
    assert claims_of(body) == set()


def test_near_after_a_relative_clause_locates_the_base_before_it() -> None:
    body = (
        "Two rockets fell at Camp Victory base, where US forces are stationed near Baghdad airport."
    )
    assert claims_of(body) == {(PRESENCE, "camp_victory")}


def test_the_country_is_iraq_unless_another_is_named() -> None:
    assert claims_of("Iraq is calm. The country hosts around 2,500 US soldiers.") == {
        (PRESENCE, "iraq")
    }
    assert claims_of("US troops in Syria will leave the country next year.") == set()


def test_capitals_joined_by_a_dash_are_their_governments() -> None:
    body = (
        "US troops left Ain al-Asad under a 2022 Baghdad–Washington agreement that set September "
        "2025 for the drawdown."
    )
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad")}


def test_some_leaving_a_base_is_a_drawdown_under_way_not_an_empty_base() -> None:
    body = (
        "Several countries of the US-led coalition have withdrawn or repositioned troops from "
        "Erbil Air Base."
    )
    (claim,) = extract(article(body))
    assert (claim.kind, claim.place_id, claim.status) == (DEPARTURE, "erbil_airport", "under way")
    (whole,) = extract(article("US forces have withdrawn from Ain al-Asad."))
    assert whole.status == "completed"


def test_forces_placed_after_a_victory_over_isis_are_the_coalitions() -> None:
    body = (
        "Roughly 2,500 U.S. troops still remain in Iraq, even after Iraq's 2017 victory over ISIS. "
        "They are based near Baghdad International Airport and at Irbil Air Base."
    )
    found = claims_of(body)
    assert not {p for p in found if p[0] in {ACTIVITY, THREAT}}
    assert (PRESENCE, "erbil_airport") in found


def test_the_joint_operations_commands_cell_is_not_its_headquarters() -> None:
    body = (
        "Iraqi jets struck ISIS hideouts in the Hamrin Mountains. The operation was coordinated "
        "with the Joint Operations Command's targeting cell."
    )
    assert claims_of(body) == {(ACTIVITY, "hamrin_mountains")}


def test_a_date_written_without_a_space_after_the_month() -> None:
    body = "Iraqi F-16s carried out strikes on Oct.14 on ISIS hideouts in the Hamrin Mountains."
    (claim,) = extract(article(body))
    assert claim.date is not None
    assert (claim.date.start.month, claim.date.start.day) == (10, 14)


def test_the_same_event_told_again_keeps_its_date() -> None:
    body = (
        "Iraqi forces killed 14 ISIS militants in an operation in Anbar's desert on Thursday. "
        "The operation against ISIS took place in the desert region of Al-Anbar province."
    )
    claims = [c for c in extract(article(body)) if c.place_id == "anbar_desert"]
    assert len({c.start for c in claims}) == 2
    assert len({c.date for c in claims}) == 1
    assert claims[0].date is not None


def test_a_national_level_the_text_says_forces_will_fall_to() -> None:
    body = "The number of American troops in Iraq will fall to fewer than 2,000 by next September."
    (claim,) = extract(article(body))
    assert (claim.kind, claim.place_id, claim.status) == (PRESENCE, "iraq", "planned")
    assert claim.personnel is not None
    assert claim.personnel.min == 2000


def test_they_after_a_time_adverb_carries_the_forces() -> None:
    body = (
        "US forces are drawing down. Today they are deployed in only a few places, such as "
        "Baghdad and Al-Asad base, plus sites in the autonomous Kurdistan Region."
    )
    assert claims_of(body) == {
        (PRESENCE, "baghdad"),
        (PRESENCE, "ain_al_asad"),
        (PRESENCE, "kurdistan_region"),
    }


def test_the_few_who_remained_there_after_a_withdrawal() -> None:
    body = (
        "An Iraqi colonel confirmed that US forces had withdrawn from the Ain al-Asad facility, "
        "saying only a few men remained there for logistical reasons."
    )
    found = {(c.kind, c.place_id, c.status) for c in extract(article(body))}
    assert found == {(DEPARTURE, "ain_al_asad", "completed"), (PRESENCE, "ain_al_asad", "residual")}


def test_a_presence_before_the_final_move_is_history() -> None:
    body = (
        "US forces have left Ain al-Asad. Only a small number of Americans remained at the base "
        "before the final redeployment."
    )
    assert claims_of(body) == {(DEPARTURE, "ain_al_asad")}


@pytest.mark.parametrize(
    "body",
    [
        "Will US troops leave parts of Iraq?",
        "The meeting followed the arrival in Iraq of the new commander, Brig. Gen. Kevin Lambert.",
        "Peshmerga forces, working with the Kurdistan Commando Forces, carried out an operation "
        "that destroyed ISIS hideouts.",
    ],
)
def test_a_question_an_officer_and_an_organisations_name_place_nothing(body: str) -> None:
    assert claims_of(body) == set()


def test_a_national_level_forces_will_be_below() -> None:
    body = (
        "US forces are leaving. The number of US personnel in Iraq will be below 2,000, the "
        "majority of them in Erbil."
    )
    levels = [c for c in extract(article(body)) if c.place_id == "iraq"]
    assert [(c.kind, c.status) for c in levels] == [(PRESENCE, "planned")]
    assert levels[0].personnel is not None
    assert levels[0].personnel.min == 2000


def test_the_base_is_the_one_named_earlier_in_the_sentence() -> None:
    body = (
        "US troops are at Harir air base. The agreement required US forces to withdraw from Ain "
        "al-Asad, but a small unit of 250 to 350 advisers will stay at the base."
    )
    assert (PRESENCE, "harir") in claims_of(body)
    harir = [c for c in extract(article(body)) if c.place_id == "harir"]
    assert all(c.personnel is None for c in harir)  # the 250-350 are Ain al-Asad's


def test_a_figure_for_one_place_as_well_as_another_is_neither_ones() -> None:
    body = (
        "A force of up to 350 US advisers would remain at the base in western Iraq, as well as "
        "at al-Harir base."
    )
    (harir,) = [c for c in extract(article(body)) if c.place_id == "harir"]
    assert harir.kind is PRESENCE
    assert harir.personnel is None


def test_a_whole_figure_is_not_the_share_of_one_place() -> None:
    body = (
        "US forces are drawing down. There will be fewer than 2,000 troops in Iraq total, with a "
        "majority stationed in Arbil."
    )
    (erbil,) = [c for c in extract(article(body)) if c.place_id == "erbil"]
    assert erbil.kind is PRESENCE
    assert erbil.personnel is None
    (region,) = extract(
        article(
            "About 1,200 coalition troops, mostly American, are stationed in the Kurdistan Region."
        )
    )
    assert region.personnel is not None  # "mostly American" says who, not where
    assert region.personnel.min == 1200
