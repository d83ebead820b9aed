"""The event model on the probe sentences of issue 10: actor + action + place + time.

Each probe is a short article; its expected claims are what a careful human coder says. A
sentence that only names a government ("Baghdad said"), a comparison or a distance gives
nothing at that place; an attack by Turkey, the PKK or a militia is not ISIS activity.
"""

from __future__ import annotations

import datetime as dt

import pytest

from geo.articles import Article, parse_article
from geo.claims import Claim, ClaimKind
from geo.extract import explain, extract, resolve_date

PUBLISHED = dt.date(2025, 11, 26)
PRESENCE = ClaimKind.COALITION_PRESENCE
DEPARTURE = ClaimKind.COALITION_DEPARTURE
ARRIVAL = ClaimKind.COALITION_ARRIVAL
ACTIVITY = ClaimKind.ISIS_ACTIVITY
THREAT = ClaimKind.ISIS_THREAT
ISIS_LEAD = "Iraqi officials said ISIS remnants remain a threat in the north."


def article(body: str, *, published: dt.date = PUBLISHED) -> Article:
    """A pasted article around `body`, parsed the way the dashboard parses one."""
    return parse_article(
        f"title: T\nsource: Test Wire\npublished: {published}\n\n{body}\n", name="test.txt"
    )


def pairs(claims: list[Claim]) -> set[tuple[ClaimKind, str]]:
    return {(c.kind, c.place_id) for c in claims}


def claims_of(body: str) -> set[tuple[ClaimKind, str]]:
    return pairs(extract(article(body)))


# ---------------------------------------------------------------------------------------------
# ISIS operations, strongholds and hideouts, as Iraqi outlets write them


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            f"{ISIS_LEAD} A joint army force started the operation in the Hamrin mountain range "
            "and Wadi al-Shay on Tuesday.",
            {(ACTIVITY, "hamrin_mountains"), (ACTIVITY, "wadi_al_shay")},
        ),
        (
            "Iraqi forces pressed on against Daesh. Since 2017, Wadi al-Shay and the Hamrin "
            "Mountains have been among the group's most important strongholds.",
            {(ACTIVITY, "wadi_al_shay"), (ACTIVITY, "hamrin_mountains")},
        ),
        (
            "Iraqi airstrikes destroyed a key ISIS hideout in the Hamrin mountains on Sunday.",
            {(ACTIVITY, "hamrin_mountains")},
        ),
        (
            f"{ISIS_LEAD} Security forces began a sweep of the Zghaitoun valley at dawn.",
            {(ACTIVITY, "wadi_zghaytun")},
        ),
        (
            "The Counter-Terrorism Service arrested three Daesh members in Kirkuk on Monday.",
            {(ACTIVITY, "kirkuk")},
        ),
        (
            f"{ISIS_LEAD} The terrorist organisation has safe havens in the Anbar desert.",
            {(ACTIVITY, "anbar_desert")},
        ),
        (
            f"{ISIS_LEAD} Militants attacked an army checkpoint in Tarmiyah overnight.",
            {(ACTIVITY, "tarmiyah")},
        ),
        (
            "Peshmerga forces launched an operation against ISIS cells near Makhmour.",
            {(ACTIVITY, "makhmour")},
        ),
    ],
)
def test_isis_operations_strongholds_and_hideouts_are_isis_activity(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) == expected


def test_a_stronghold_since_2017_still_holds() -> None:
    body = "Since 2017, Wadi al-Shay has been among the strongholds of ISIS."
    (claim,) = extract(article(body))
    assert claim.date is not None
    assert (claim.date.start, claim.date.end) == (dt.date(2017, 1, 1), PUBLISHED)


# ---------------------------------------------------------------------------------------------
# Attacks by others are not ISIS's


@pytest.mark.parametrize(
    "body",
    [
        f"{ISIS_LEAD} Turkish air strikes hit PKK fighters in Sinjar on Friday.",
        f"{ISIS_LEAD} PKK fighters attacked a Turkish outpost near Duhok.",
        f"{ISIS_LEAD} Tribal fighters clashed with each other in Hawija.",
        f"{ISIS_LEAD} A militia drone attacked Erbil airport overnight.",
        f"{ISIS_LEAD} Iranian missiles struck targets in Erbil.",
    ],
)
def test_attacks_by_turkey_the_pkk_tribes_or_militias_are_not_isis_activity(body: str) -> None:
    assert not {p for k, p in claims_of(body) if k in {ACTIVITY, THREAT}} - {"north"}


# ---------------------------------------------------------------------------------------------
# Coalition members from one table: every nationality works everywhere


@pytest.mark.parametrize(
    "nation", ["Danish", "Polish", "Swedish", "Hungarian", "Norwegian", "Dutch", "Finnish"]
)
def test_every_coalition_nationality_is_a_coalition_actor(nation: str) -> None:
    assert claims_of(f"{nation} troops remain at Harir.") == {(PRESENCE, "harir")}
    assert claims_of(f"{nation} soldiers left Baghdad airport last week.") == {
        (DEPARTURE, "baghdad_airport")
    }
    (claim,) = extract(article(f"Dozens of {nation} instructors are stationed in Erbil."))
    assert claim.place_id == "erbil"
    assert claim.countries or claim.actors != ("United States",)


def test_the_country_is_named_from_the_adjective() -> None:
    (claim,) = extract(article("Polish soldiers remain at Ain al-Asad."))
    assert "Poland" in claim.actors


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Harir hosts U.S. troops.", {(PRESENCE, "harir")}),
        ("Harir air base hosts U.S. and coalition troops.", {(PRESENCE, "harir")}),
        ("U.S. soldiers departed Baghdad airport on Sunday.", {(DEPARTURE, "baghdad_airport")}),
        ("Turkish troops withdrew from Bashiqa last month.", set()),
        ("Turkey pulled its soldiers out of Bashiqa.", set()),
    ],
)
def test_who_is_where_and_who_left(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert claims_of(body) == expected


# ---------------------------------------------------------------------------------------------
# Country-level figures, residual status from wording


def test_a_national_figure_is_a_presence_at_iraq() -> None:
    (claim,) = extract(article("Some 2,500 US troops remain in Iraq, officials said."))
    assert (claim.kind, claim.place_id) == (PRESENCE, "iraq")
    assert claim.personnel is not None
    assert (claim.personnel.min, claim.personnel.max, claim.personnel.approximate) == (
        2500,
        2500,
        True,
    )


def test_a_small_count_is_not_residual_without_the_wording() -> None:
    (claim,) = extract(article("Eight Danish instructors remain at Harir."))
    assert (claim.kind, claim.place_id, claim.status) == (PRESENCE, "harir", None)
    assert claim.personnel is not None
    assert (claim.personnel.min, claim.personnel.max) == (8, 8)


@pytest.mark.parametrize(
    "body",
    [
        "Only eight Danish instructors remain at Harir.",
        "A small team of U.S. advisers stays at Harir.",
        "A handful of U.S. advisers remain at Harir.",
    ],
)
def test_residual_status_comes_from_the_wording(body: str) -> None:
    (claim,) = extract(article(body))
    assert (claim.kind, claim.place_id, claim.status) == (PRESENCE, "harir", "residual")


# ---------------------------------------------------------------------------------------------
# Metonymy, comparison and distance: a name that is not the place of anything


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Baghdad and Washington finalised an agreement on the withdrawal of coalition "
            "forces from Ain al-Asad.",
            {(DEPARTURE, "ain_al_asad")},
        ),
        (
            "Baghdad said U.S. troops would leave Ain al-Asad by September.",
            {(DEPARTURE, "ain_al_asad")},
        ),
        ("Erbil and Baghdad agreed that coalition forces stay at Harir.", {(PRESENCE, "harir")}),
        (
            f"{ISIS_LEAD} Militants attacked a village 10 km from al-Baghdadi on Monday.",
            set(),
        ),
        (
            f"{ISIS_LEAD} ISIS cells attacked a checkpoint 20 km from Haditha on Monday.",
            set(),
        ),
        (
            "U.S. troops remain at Ain al-Asad, the second-largest base after Balad Air Base.",
            {(PRESENCE, "ain_al_asad")},
        ),
    ],
)
def test_governments_comparisons_and_distances_give_no_claim_there(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) - {(ACTIVITY, "north")} == expected


def test_the_reason_says_a_turkish_withdrawal_is_not_the_coalitions() -> None:
    extraction = explain(article("Turkish troops withdrew from Bashiqa last month."))
    assert extraction.claims == ()
    assert extraction.reasons == (
        "places are named, but no statement ties forces or ISIS to them",
        "actor is not the coalition or ISIS (turkey): 'withdrew'",
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("U.S. forces evacuated the Victory base complex.", {(DEPARTURE, "camp_victory")}),
        ("Coalition troops vacated Ain al-Asad in January.", {(DEPARTURE, "ain_al_asad")}),
        (
            "The U.S. relocated its troops from Baghdad to Erbil.",
            {(DEPARTURE, "baghdad"), (ARRIVAL, "erbil")},
        ),
        ("Spanish troops handed over Camp Taji to Iraqi forces.", {(DEPARTURE, "camp_taji")}),
        ("Italian soldiers will stay in Erbil until 2026.", {(PRESENCE, "erbil")}),
        ("The last American troops pulled out of Ain al-Asad.", {(DEPARTURE, "ain_al_asad")}),
        # a smaller presence is still one there (keying: "reduce their presence in Baghdad")
        ("The Pentagon said it would reduce its presence in Iraq.", {(PRESENCE, "iraq")}),
        (
            "US troops remain in Iraq. About 2,000 are in Erbil.",
            {(PRESENCE, "iraq"), (PRESENCE, "erbil")},
        ),
        ("ISIS remains a threat in Iraq, officials said.", set()),
        ("Baghdad wants all foreign forces out of Iraq.", set()),
    ],
)
def test_action_families_for_coalition_forces(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) == expected


# ---------------------------------------------------------------------------------------------
# Rules made general while tuning on the development corpus (each one a probe of its own)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a geographic noun between a place and its locator
        (
            "Iraqi warplanes struck an ISIS site in the Hamrin Mountains range in Diyala "
            "governorate.",
            {(ACTIVITY, "hamrin_mountains")},
        ),
        # ", in the X district" restates where
        (
            "ISIS militants targeted an army post in the village of Alaa Mahmoud, in the Dibis "
            "district north of Kirkuk.",
            {(ACTIVITY, "dibis")},
        ),
        # a feature named after a town is not the town
        ("ISIS cells remain active in Wadi Daquq.", set()),
        # the province the article named is what a bare name means later (ISIS claims)
        (
            "Airstrikes killed ISIS members in Kirkuk governorate. ISIS has been a persistent "
            "threat in Kirkuk.",
            {(ACTIVITY, "kirkuk_governorate"), (THREAT, "kirkuk_governorate")},
        ),
        # an operations command is an institution
        (
            f"{ISIS_LEAD} The operation targeted a junction between the al-Jazeera and al-Anbar "
            "operations commands.",
            set(),
        ),
        # an operation launched from a base says nothing of ISIS there
        (
            f"{ISIS_LEAD} Joint counter-ISIS operations may be launched from Ain al-Asad.",
            set(),
        ),
        # killed / died in ISIS reporting, not when the victims are someone else
        (
            "An ISIS leader died in Iraq's Al Anbar Province after a precision airstrike.",
            {(ACTIVITY, "anbar_governorate")},
        ),
        (f"{ISIS_LEAD} A drone strike killed two PMF members near Tarmiyah.", set()),
    ],
)
def test_isis_rules_from_the_development_corpus(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) - {(ACTIVITY, "north")} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Iraqi forces taking over a base the coalition held
        (
            "Coalition advisers have left. Iraqi forces took full control of Ain al-Asad.",
            {(DEPARTURE, "ain_al_asad")},
        ),
        # "the site" is the base last named
        (
            "Coalition troops were at Ain al-Asad. US forces had entirely vacated the site.",
            {(DEPARTURE, "ain_al_asad")},
        ),
        # a superseded plan and a question are no report
        ("The original plan called for a full pullout from Ain al-Asad by September.", set()),
        (
            "Asked about the planned relocation of coalition troops from Ain al-Asad, he declined.",
            set(),
        ),
        # western Iraq is a part of the country, not the country
        (
            "The withdrawal of coalition forces from western Iraq and Baghdad will start soon.",
            {(DEPARTURE, "baghdad")},
        ),
        # a coordinated list keeps its head's preposition
        (
            "U.S. troops must leave Ain al-Asad, as well as another base at Baghdad "
            "International Airport.",
            {(DEPARTURE, "ain_al_asad"), (DEPARTURE, "baghdad_airport")},
        ),
        # a country's name is an actor only as its subject
        ("One of the victims now lives in Germany; two others are still in Sinjar.", set()),
    ],
)
def test_coalition_rules_from_the_development_corpus(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) == expected


def test_a_reporting_date_does_not_make_a_move_completed() -> None:
    (claim, *_) = extract(
        article(
            "A source told Rudaw on Monday that the withdrawal of coalition forces from "
            "Baghdad will start in several weeks."
        )
    )
    assert (claim.kind, claim.place_id, claim.status) == (DEPARTURE, "baghdad", "planned")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("expected to be completed by mid-2025", (dt.date(2025, 6, 1), dt.date(2025, 7, 31))),
        ("leaving by the end of 2026", (dt.date(2026, 12, 21), dt.date(2026, 12, 31))),
        ("in late 2025", (dt.date(2025, 10, 1), dt.date(2025, 12, 31))),
    ],
)
def test_parts_of_a_year(text: str, span: tuple[dt.date, dt.date]) -> None:
    date = resolve_date(text, PUBLISHED, future=True)
    assert date is not None
    assert (date.start, date.end) == span


def test_an_advisers_unit_with_its_figure() -> None:
    (claim,) = extract(
        article(
            "Foreign troops will keep operating from Erbil. An agreement has been reached to "
            "maintain a unit of 250 to 350 advisers at Ain al-Asad."
        )
    )[1:]
    assert (claim.kind, claim.place_id) == (PRESENCE, "ain_al_asad")
    assert claim.personnel is not None
    assert (claim.personnel.min, claim.personnel.max, claim.personnel.approximate) == (
        250,
        350,
        False,
    )


def test_the_capital_alone_is_baghdad() -> None:
    body = "The US Embassy denied reports of an imminent troop withdrawal from the capital."
    assert claims_of(body) == {(PRESENCE, "baghdad")}  # a denied departure: they stay
    assert claims_of("Coalition forces redeployed to the Kurdistan Region's capital Erbil.") == {
        (ARRIVAL, "erbil")
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("ISIS gunmen opened fire on a checkpoint in Hawija.", {(ACTIVITY, "hawija")}),
        (
            "An IED blast hit an army patrol in Muqdadiyah. ISIS claimed responsibility.",
            {(ACTIVITY, "muqdadiyah")},
        ),
        ("Iraqi intelligence arrested a senior ISIS leader in Mosul.", {(ACTIVITY, "mosul")}),
        ("An ISIS suspect was sentenced to death by a court in Baghdad.", set()),
        ("Families of ISIS victims gathered in Sinjar to mark the anniversary.", set()),
    ],
)
def test_attacks_arrests_and_courts(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert claims_of(body) == expected


def test_a_troop_level_cut_from_a_figure_is_the_national_presence() -> None:
    claims = extract(
        article(
            "Coalition forces are leaving Ain al-Asad. The second stage would complete the exit, "
            "cutting troop numbers from about 2,500 to fewer than 500 advisers in Erbil."
        )
    )
    (national,) = [c for c in claims if c.place_id == "iraq"]
    assert (national.kind, national.place_text) == (PRESENCE, "troop numbers")
    assert national.personnel is not None
    assert (national.personnel.min, national.personnel.approximate) == (2500, True)


@pytest.mark.parametrize(
    "subject",
    [
        "The group",
        "The terrorist organisation",
        "Daesh",
        "Remnants",
        "Cells",
        "Extremists",
        "Militants",
        "Terrorists",
    ],
)
def test_isis_by_any_of_its_names_in_isis_reporting(subject: str) -> None:
    body = f"{ISIS_LEAD} {subject} are hiding in the Hamrin Mountains."
    assert claims_of(body) - {(ACTIVITY, "north")} == {(ACTIVITY, "hamrin_mountains")}


def test_a_town_named_after_a_city_is_not_the_city() -> None:
    body = f"{ISIS_LEAD} Militants attacked a checkpoint in al-Baghdadi overnight."
    assert not {p for _, p in claims_of(body)} & {"baghdad", "baghdad_governorate"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Some U.S. troops will shift to Erbil, in the semi-autonomous Kurdish region, where "
            "they will stay until September 2026.",
            {(ARRIVAL, "erbil"), (PRESENCE, "erbil")},
        ),
        (
            "U.S. troops came under rocket fire at Ain al-Asad on Monday.",
            {(PRESENCE, "ain_al_asad")},
        ),
        ("Spain's troops in Baghdad are part of the NATO mission.", {(PRESENCE, "baghdad")}),
        ("Polish soldiers at Harir trained Peshmerga units.", {(PRESENCE, "harir")}),
    ],
)
def test_presence_said_in_passing(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert claims_of(body) == expected


def test_iraqi_forces_taking_a_city_is_no_coalition_departure() -> None:
    body = "The coalition backed Iraqi forces. Iraqi forces took control of Mosul in 2017."
    assert claims_of(body) == set()


def test_an_unclaimed_drone_attack_on_a_base_is_not_isis_activity() -> None:
    body = f"{ISIS_LEAD} A drone attack targeted Erbil airport, which hosts coalition forces."
    assert claims_of(body) - {(ACTIVITY, "north")} == {(PRESENCE, "erbil_airport")}


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("at 0810 hours this morning", (PUBLISHED, PUBLISHED)),
        ("last night", (PUBLISHED - dt.timedelta(days=1), PUBLISHED)),
        (
            "overnight between Saturday, June 14, and Sunday June 15",
            (dt.date(2025, 6, 14), dt.date(2025, 6, 15)),
        ),
    ],
)
def test_times_of_day_and_spans_between_two_days(text: str, span: tuple[dt.date, dt.date]) -> None:
    date = resolve_date(text, PUBLISHED)
    assert date is not None
    assert (date.start, date.end) == span


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "An ISIS hideout was destroyed in the Wadi al-Shay area, south of Kirkuk.",
            {(ACTIVITY, "wadi_al_shay")},
        ),
        (
            "Daesh terrorists were targeted by Iraqi F-16 jets in the Hamrin mountains.",
            {(ACTIVITY, "hamrin_mountains")},
        ),
        ("ISIS militants executed a civilian in the Makhmour area.", {(ACTIVITY, "makhmour")}),
        ("Kataib Hezbollah targeted Erbil airport with drones. ISIS is weak.", set()),
    ],
)
def test_passives_locators_and_other_authors(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The remaining US advisers in Baghdad will depart by the end of the year.",
            {(DEPARTURE, "baghdad")},
        ),
        (
            "US troops remain in Iraq. Harir will host the remaining forces until 2026.",
            {(PRESENCE, "iraq"), (PRESENCE, "harir")},
        ),
    ],
)
def test_the_subject_s_place_and_the_hosted_forces(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) == expected


def test_reducing_needs_forces_named_as_reducing() -> None:
    assert claims_of("The measures reduced violence in Diyala last year.") == set()
    assert claims_of("The Pentagon said it would reduce its forces in Baghdad.") == {
        (DEPARTURE, "baghdad")
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The coalition's departure raises concerns in Anbar.", set()),
        ("The withdrawal of coalition forces worries residents of Kirkuk.", set()),
        (
            "The US withdrawal sparked fears of an ISIS resurgence in Diyala.",
            {(THREAT, "diyala_governorate")},
        ),
        ("Iraqi forces work to prevent any ISIS resurgence in Diyala.", set()),
        ("Iraqi forces thwarted an ISIS attack in Tarmiyah on Monday.", {(ACTIVITY, "tarmiyah")}),
    ],
)
def test_consequences_fears_and_prevention(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert claims_of(body) == expected


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("A few dozen US troops remain at Harir.", None),  # a count, not a residual wording
        ("A small U.S. contingent stays at Harir.", "residual"),
        ("Only a small number of US advisers remain at Harir.", "residual"),
    ],
)
def test_residual_wording_not_counts(body: str, status: str | None) -> None:
    (claim,) = extract(article(body))
    assert (claim.place_id, claim.status) == ("harir", status)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Coalition forces in Erbil will stay until September 2026, Kurdish officials said.",
            {(PRESENCE, "erbil")},
        ),
        (
            "US troops stationed in Syria crossed into Iraq's Kurdistan Region on Tuesday.",
            {(ARRIVAL, "kurdistan_region")},
        ),
        ("There are currently around 2,500 American soldiers in Iraq.", {(PRESENCE, "iraq")}),
        ("Militias have attacked US troops in Iraq.", set()),  # no figure: no national claim
    ],
)
def test_subjects_crossings_and_national_figures(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert claims_of(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Security experts warn that ISIS could exploit the withdrawal to regroup in Anbar.",
            {(THREAT, "anbar_governorate")},
        ),
        (
            "ISIS may try to regain a foothold in the Hamrin Mountains.",
            {(THREAT, "hamrin_mountains")},
        ),
        ("ISIS could regroup in Anbar, officials said.", {(THREAT, "anbar_governorate")}),
        ("In May, ISIS attacked a checkpoint in Tarmiyah.", {(ACTIVITY, "tarmiyah")}),
        (
            "ISIS cells are still active in the Hamrin Mountains, the official warned.",
            {(ACTIVITY, "hamrin_mountains")},
        ),
    ],
)
def test_what_isis_may_do_is_a_threat(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert claims_of(body) == expected


def test_what_operations_do_for_security_somewhere_is_not_isis_there() -> None:
    body = (
        f"{ISIS_LEAD} These joint operations limit the mobility of extremists and strengthen "
        "security across northern Kirkuk."
    )
    assert claims_of(body) - {(ACTIVITY, "north")} == set()
