"""Claim extraction: the seed article pinned claim by claim, the keyed fixtures' scores, the
rules one by one (head counts, dates, negation, spellings), and input that must not crash."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from bench.extract_quality import FIXTURES, evaluate, report
from geo.articles import MAX_ARTICLE_BYTES, Article, parse_article, read_article
from geo.claims import Claim, ClaimKind, DateSpan, Personnel
from geo.errors import ArticleError
from geo.extract import MAX_SENTENCE_CHARS, explain, extract, parse_personnel, resolve_date
from tests.conftest import SEED

PUBLISHED = dt.date(2025, 11, 26)  # a Wednesday, as in the seed article

PRESENCE = ClaimKind.COALITION_PRESENCE
DEPARTURE = ClaimKind.COALITION_DEPARTURE
ARRIVAL = ClaimKind.COALITION_ARRIVAL
ACTIVITY = ClaimKind.ISIS_ACTIVITY
THREAT = ClaimKind.ISIS_THREAT
LATE_AUGUST = (dt.date(2025, 8, 21), dt.date(2025, 8, 31))


def article(body: str, *, published: dt.date = PUBLISHED) -> Article:
    """A pasted article around `body`, parsed the way the dashboard parses one."""
    return parse_article(
        f"title: T\nsource: Test Wire\npublished: {published}\n\n{body}\n", name="test.txt"
    )


def pairs(claims: list[Claim]) -> set[tuple[ClaimKind, str]]:
    return {(c.kind, c.place_id) for c in claims}


# ---------------------------------------------------------------------------------------------
# The seed article, pinned from its text: every claim, and which sentence carries it

# One phrase per sentence that carries a claim, so each claim is pinned to its own sentence.
SEED_SENTENCES = {
    "concluded": "has effectively concluded its mission in federal Iraq",
    "completed": "has completed its mission in federal areas",
    "all_in_kri": "All global coalition forces are now in the Kurdistan Region",
    "withdrawing": "would begin withdrawing from Baghdad to Erbil",
    "departures": "planned departures from Baghdad’s international airport",
    "ain_al_asad": "also include Ain al-Assad airbase",
    "1500": "nearly 1,500 American and coalition personnel",
    "threaten": "sleeper cells continue to threaten",
    "confined": "confined to limited areas",
}
SEED_CLAIMS = Counter(
    {
        (DEPARTURE, "federal_iraq", "concluded"): 1,  # "concluded its mission in federal Iraq"
        (PRESENCE, "baghdad", "concluded"): 1,  # "four to five personnel" remaining in Baghdad
        (PRESENCE, "kurdistan_region", "concluded"): 1,  # "all other coalition forces ... based"
        (DEPARTURE, "federal_iraq", "completed"): 1,  # "completed its mission in federal areas"
        (PRESENCE, "kurdistan_region", "all_in_kri"): 1,
        (DEPARTURE, "baghdad", "withdrawing"): 1,
        (ARRIVAL, "erbil", "withdrawing"): 1,  # "withdrawing from Baghdad to Erbil": a planned move
        (DEPARTURE, "federal_iraq", "withdrawing"): 1,  # "drawdown from federal areas"
        (DEPARTURE, "baghdad_airport", "departures"): 1,
        (DEPARTURE, "green_zone", "departures"): 1,
        (DEPARTURE, "joc_hq", "departures"): 1,  # "in the Iraqi capital" only locates the HQ
        (DEPARTURE, "ain_al_asad", "ain_al_asad"): 1,
        (PRESENCE, "kurdistan_region", "1500"): 1,
        (THREAT, "diyala_governorate", "threaten"): 1,
        (THREAT, "kirkuk_governorate", "threaten"): 1,
        (THREAT, "nineveh_governorate", "threaten"): 1,
        (THREAT, "salahaddin_governorate", "threaten"): 1,
        (ACTIVITY, "anbar_desert", "confined"): 1,
        (ACTIVITY, "hamrin_mountains", "confined"): 1,
        (ACTIVITY, "kirkuk_valleys", "confined"): 1,
    }
)


@pytest.fixture(scope="module")
def seed() -> tuple[Article, list[Claim]]:
    doc = read_article(SEED)
    return doc, extract(doc)


def _sentence_of(claim: Claim) -> str:
    found = [key for key, phrase in SEED_SENTENCES.items() if phrase in claim.quote]
    assert len(found) == 1, (
        f"{claim.kind}:{claim.place_id} from an unexpected sentence: {claim.quote[:80]!r}"
    )
    return found[0]


def _only(claims: list[Claim], kind: ClaimKind, place_id: str, sentence: str) -> Claim:
    found = [
        c for c in claims if (c.kind, c.place_id, _sentence_of(c)) == (kind, place_id, sentence)
    ]
    assert len(found) == 1
    return found[0]


def test_seed_yields_exactly_the_claims_its_text_supports(
    seed: tuple[Article, list[Claim]],
) -> None:
    _, claims = seed
    got = Counter((c.kind, c.place_id, _sentence_of(c)) for c in claims)
    assert got == SEED_CLAIMS


def test_seed_pairs_are_exact_and_the_airport_strike_is_no_presence(
    seed: tuple[Article, list[Claim]],
) -> None:
    _, claims = seed
    assert pairs(claims) == {(k, p) for k, p, _ in SEED_CLAIMS}
    # "the US strike in 2020 ... near Baghdad International Airport" places no one there.
    assert (PRESENCE, "baghdad_airport") not in pairs(claims)
    # ≈1,500 are in the Kurdistan Region; the dateline and byline (Erbil) are not claims.
    assert (PRESENCE, "erbil") not in pairs(claims)


def test_seed_claims_quote_their_sentence_and_cite_rudaw(seed: tuple[Article, list[Claim]]) -> None:
    doc, claims = seed
    assert claims
    for c in claims:
        assert doc.body[c.start : c.end] == c.quote
        assert c.place_text in c.quote
        assert (c.source.outlet, c.source.published) == ("Rudaw", PUBLISHED)
        assert c.source.article_id == SEED.stem


def test_seed_baghdad_residual_presence(seed: tuple[Article, list[Claim]]) -> None:
    claim = _only(seed[1], PRESENCE, "baghdad", "concluded")
    assert claim.personnel is not None
    assert (claim.personnel.min, claim.personnel.max, claim.personnel.approximate) == (4, 5, False)
    assert set(claim.roles) == {"logistical", "diplomatic"}
    assert claim.status == "residual"


@pytest.mark.parametrize(
    ("place_id", "sentence"),
    [
        ("baghdad", "withdrawing"),
        ("baghdad_airport", "departures"),
        ("green_zone", "departures"),
        ("joc_hq", "departures"),
        ("ain_al_asad", "ain_al_asad"),
    ],
)
def test_seed_planned_late_august_departures(
    seed: tuple[Article, list[Claim]], place_id: str, sentence: str
) -> None:
    claim = _only(seed[1], DEPARTURE, place_id, sentence)
    assert claim.status == "planned"
    assert claim.date is not None
    assert (claim.date.start, claim.date.end) == LATE_AUGUST


def test_seed_mission_in_federal_iraq_is_completed(seed: tuple[Article, list[Claim]]) -> None:
    claim = _only(seed[1], DEPARTURE, "federal_iraq", "concluded")
    assert claim.status == "completed"
    assert claim.place_text == "federal Iraq"


def test_seed_1500_from_seven_countries_in_the_kurdistan_region(
    seed: tuple[Article, list[Claim]],
) -> None:
    claim = _only(seed[1], PRESENCE, "kurdistan_region", "1500")
    assert claim.personnel is not None
    assert (claim.personnel.min, claim.personnel.max, claim.personnel.approximate) == (
        1500,
        1500,
        True,
    )
    assert claim.country_count == 7
    assert claim.countries == ("United States", "United Kingdom", "France", "Germany", "Italy")


# ---------------------------------------------------------------------------------------------
# The keyed fixture articles, scored by the bench


def test_fixture_articles_score_above_thresholds() -> None:
    quality = evaluate(FIXTURES)
    print(report(quality))
    assert len(quality.articles) >= 11
    assert quality.precision >= 0.95
    assert quality.recall >= 0.9
    assert quality.attribute_agreement >= 0.9


def test_every_fixture_is_keyed_and_marked_as_invented() -> None:
    texts = sorted(FIXTURES.glob("*.txt"))
    assert len(texts) >= 11
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    for path in texts:
        assert path.with_name(path.stem + ".expected.json").exists(), path.name
        doc = read_article(path)
        assert doc.source == "Test Wire", path.name
        assert doc.title.endswith("(test fixture)"), path.name
        assert path.name.startswith(doc.published.isoformat()), path.name
        assert f"`{path.name}`" in readme, path.name


# ---------------------------------------------------------------------------------------------
# Head counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("only “four to five personnel” remaining", (4, 5, False)),
        ("nearly 1,500 American and coalition personnel", (1500, 1500, True)),
        ("some 2,500 troops", (2500, 2500, True)),
        ("two hundred and fifty soldiers", (250, 250, False)),
        ("a few dozen advisers", (24, 60, True)),
        ("roughly 2,000-2,500 personnel", (2000, 2500, True)),
        ("between 2,000 and 2,500 troops", (2000, 2500, False)),
        ("about a dozen coalition advisers", (12, 12, True)),
        ("two dozen soldiers", (24, 24, False)),
        ("several dozen troops", (24, 108, True)),
        ("hundreds of troops", (200, 999, True)),
        ("a few thousand troops", (2000, 6000, True)),
        ("a 1,500-strong force", (1500, 1500, False)),
        ("twenty-five hundred U.S. troops", (2500, 2500, False)),
        ("a small U.S. contingent — estimated at a few dozen — stays", (24, 60, True)),
    ],
)
def test_parse_personnel(text: str, expected: tuple[int, int, bool]) -> None:
    found = parse_personnel(text)
    assert isinstance(found, Personnel)
    assert (found.min, found.max, found.approximate) == expected


@pytest.mark.parametrize("text", ["four Islamic State leaders", "for 3 years", "Erbil"])
def test_parse_personnel_finds_no_head_count(text: str) -> None:
    assert parse_personnel(text) is None


# ---------------------------------------------------------------------------------------------
# Dates, resolved against the seed's publication day (Wednesday 2025-11-26)


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("told Rudaw on Wednesday", False, ("2025-11-26", "2025-11-26")),
        ("late on Sunday", False, ("2025-11-23", "2025-11-23")),
        ("In late August", False, ("2025-08-21", "2025-08-31")),
        ("between January and June next year", False, ("2026-01-01", "2026-06-30")),
        ("the US strike in 2020", False, ("2020-01-01", "2020-12-31")),
        ("in mid-January", False, ("2025-01-11", "2025-01-20")),
        ("in mid-January", True, ("2026-01-11", "2026-01-20")),
        ("by September 2026", False, ("2026-09-01", "2026-09-30")),
        ("next month", False, ("2025-12-01", "2025-12-31")),
    ],
)
def test_resolve_date(text: str, future: bool, expected: tuple[str, str]) -> None:
    span = resolve_date(text, PUBLISHED, future=future)
    assert isinstance(span, DateSpan)
    assert (span.start.isoformat(), span.end.isoformat()) == expected


@pytest.mark.parametrize(
    "text", ["In a separate incident", "the forces may leave", "Junction", "a march on Baghdad"]
)
def test_resolve_date_ignores_words_that_only_contain_a_month(text: str) -> None:
    assert resolve_date(text, PUBLISHED) is None


def test_a_leading_phrase_dates_the_whole_sentence() -> None:
    claims = extract(
        article(
            "In a separate incident on Sunday, ISIS militants attacked a "
            "checkpoint in the Hamrin mountains, the ministry said."
        )
    )
    assert pairs(claims) == {(ACTIVITY, "hamrin_mountains")}
    assert claims[0].date is not None
    assert claims[0].date.start == dt.date(2025, 11, 23)


# ---------------------------------------------------------------------------------------------
# Negation, denial, hypotheticals and whose action a cue is


def test_no_longer_has_troops_is_a_completed_departure() -> None:
    claims = extract(article("The US-led coalition no longer has troops at K1."))
    assert pairs(claims) == {(DEPARTURE, "k1")}
    assert claims[0].status == "completed"


def test_a_negated_departure_is_a_presence() -> None:
    claims = extract(article("U.S. troops will not leave Erbil, the official said."))
    assert pairs(claims) == {(PRESENCE, "erbil")}


NO_TIE = "places are named, but no statement ties forces or ISIS to them"


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("Iraqi officials denied that any foreign troops remain in Baghdad.", "negated presence"),
        ("No coalition troops are deployed in Mosul, the spokesman said.", "negated presence"),
        (
            "Kurdish officials warned that any withdrawal of US forces from Erbil would help ISIS.",
            "hypothetical move, not a report",
        ),
        (
            "It is unclear whether U.S. troops will leave Harir next year.",
            "hypothetical move, not a report",
        ),
        (
            "About 3,000 coalition personnel were stationed at Ain al-Asad in 2019.",
            "past-tense presence, not current",
        ),
    ],
)
def test_denials_absences_and_hypotheticals_give_no_claim(body: str, why: str) -> None:
    extraction = explain(article(body))
    assert extraction.claims == ()
    # The rule that dropped the statement says so, after the general reason.
    assert extraction.reasons[0] == NO_TIE
    assert [r.split(":")[0] for r in extraction.reasons[1:]] == [why]


def test_left_behind_forces_are_a_residual_presence() -> None:
    claims = extract(
        article("The U.S. redeployment leaves only a small team of advisers in Baghdad.")
    )
    assert pairs(claims) == {(PRESENCE, "baghdad")}
    assert claims[0].status == "residual"


def test_passive_moves_and_a_base_located_by_its_province() -> None:
    claims = extract(
        article(
            "Hundreds of U.S. troops were moved to Harir air base last week. "
            "Al-Asad air base in western Anbar was handed over to the Iraqi "
            "army in October."
        )
    )
    assert pairs(claims) == {(ARRIVAL, "harir"), (DEPARTURE, "ain_al_asad")}
    assert {c.status for c in claims} == {"completed"}


def test_militia_attacks_are_not_isis_activity() -> None:
    body = (
        "Islamic State remnants remain a concern. Iran-backed militias have repeatedly "
        "targeted Erbil International Airport, which hosts U.S. forces, with rockets."
    )
    assert pairs(extract(article(body))) == {(PRESENCE, "erbil_airport")}


def test_isis_sleeper_cells_targeting_a_place_are_a_threat() -> None:
    claims = extract(article("ISIS sleeper cells continue to target villages in Diyala."))
    assert pairs(claims) == {(THREAT, "diyala_governorate")}


def test_a_place_west_of_another_only_locates_it_and_alone_is_near() -> None:
    claims = extract(
        article("Islamic State militants are hiding in the Ninawa desert west of Mosul.")
    )
    assert pairs(claims) == {(ACTIVITY, "nineveh_governorate")}
    claims = extract(article("Islamic State militants were killed in a raid south of Mosul."))
    assert pairs(claims) == {(ACTIVITY, "mosul")}


def test_a_named_valley_running_into_a_locator_is_one_place() -> None:
    claims = extract(
        article("A few hundred ISIS militants remain in the Wadi al-Shay valley south of Kirkuk.")
    )
    assert pairs(claims) == {(ACTIVITY, "wadi_al_shay")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "ISIS remnants are moving between the Hamrin range and Wadi al-Zarka.",
            {(ACTIVITY, "hamrin_mountains"), (ACTIVITY, "wadi_al_zarka")},
        ),
        (
            "Peshmerga units targeted caves used by ISIS remnants between Tuz Khurmatu and Kifri.",
            {(ACTIVITY, "tuz_khurmatu")},
        ),
        (
            "ISIS has exploited a security vacuum in the disputed areas between the Peshmerga and "
            "Iraqi forces, particularly in Garmiyan, Daquq and the outskirts of Kirkuk.",
            {(ACTIVITY, "daquq"), (ACTIVITY, "kirkuk")},
        ),
    ],
)
def test_isis_between_places_and_in_an_elaborating_list(
    body: str, expected: set[tuple[ClaimKind, str]]
) -> None:
    assert pairs(extract(article(body))) == expected


def test_handed_over_with_the_object_between_and_the_date_after_a_comma() -> None:
    claims = extract(
        article(
            "The coalition handed K1 air base, northwest of Kirkuk, over to Iraqi forces in 2020."
        )
    )
    assert pairs(claims) == {(DEPARTURE, "k1")}
    assert claims[0].status == "completed"  # no tense of its own: done by its date
    assert claims[0].date is not None
    assert claims[0].date.start == dt.date(2020, 1, 1)


def test_two_moves_in_one_clause_keep_their_own_dates() -> None:
    claims = extract(
        article(
            "Coalition troops left Ain al-Asad in January and handed the "
            "Victory base complex near Baghdad airport to Iraqi forces in "
            "September."
        )
    )
    dates = {c.place_id: (c.date.start if c.date else None) for c in claims}
    assert dates == {"ain_al_asad": dt.date(2025, 1, 1), "camp_victory": dt.date(2025, 9, 1)}


def test_a_head_count_for_several_places_is_no_single_base_s() -> None:
    claims = extract(
        article(
            "About 2,500 U.S. troops are currently deployed in Iraq, mostly at "
            "Ain al-Asad and Harir air bases."
        )
    )
    assert pairs(claims) == {(PRESENCE, "iraq"), (PRESENCE, "ain_al_asad"), (PRESENCE, "harir")}
    figures = {c.place_id: c.personnel and (c.personnel.min, c.personnel.max) for c in claims}
    # The national figure is Iraq's (the place holding the others), neither base's.
    assert figures == {"iraq": (2500, 2500), "ain_al_asad": None, "harir": None}


def test_a_head_count_for_a_region_and_sites_inside_it_is_the_region_s() -> None:
    claims = extract(
        article(
            "Roughly 1,800 coalition troops are now based in the Kurdistan "
            "Region, at Erbil air base and at Harir."
        )
    )
    figures = {c.place_id: c.personnel and c.personnel.max for c in claims}
    assert figures == {"kurdistan_region": 1800, "erbil_airport": None, "harir": None}


def test_the_head_count_of_a_move_goes_with_both_ends() -> None:
    claims = extract(article("Some 250 U.S. soldiers relocated from Victory base to Harir."))
    assert {(c.kind, c.place_id, c.personnel and c.personnel.max) for c in claims} == {
        (DEPARTURE, "camp_victory", 250),
        (ClaimKind.COALITION_ARRIVAL, "harir", 250),
    }


def test_forces_stationed_near_a_base_are_present_there() -> None:
    claims = extract(article("About 1,200 coalition troops are stationed near Erbil airport."))
    assert pairs(claims) == {(PRESENCE, "erbil_airport")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("In Erbil, U.S. troops remain.", {(PRESENCE, "erbil")}),
        ("In Baghdad, the prime minister said ISIS remains a threat.", set()),
        ("The number of U.S. troops in Erbil has risen to around 2,000.", {(PRESENCE, "erbil")}),
        ("U.S. troops at Ain al-Asad were targeted by rockets.", set()),
        (
            "ISIS sleeper cells are hiding in the orchards of Diyala.",
            {(ACTIVITY, "diyala_governorate")},
        ),
        (
            "ISIS militants have threatened to attack villages in Nineveh.",
            {(THREAT, "nineveh_governorate")},
        ),
        (
            "The coalition will wind down its mission in Baghdad by September.",
            {(DEPARTURE, "baghdad")},
        ),
        (
            "Coalition forces are leaving Ain al-Asad, heading for Harir.",
            {(DEPARTURE, "ain_al_asad"), (ARRIVAL, "harir")},
        ),
        ("Dozens of U.S. Marines arrived at Ain al-Asad on Sunday.", {(ARRIVAL, "ain_al_asad")}),
        (
            "Rockets struck near Ain al-Asad air base, which hosts U.S. troops, on Tuesday.",
            {(PRESENCE, "ain_al_asad")},
        ),
    ],
)
def test_wording_seen_in_real_reporting(body: str, expected: set[tuple[ClaimKind, str]]) -> None:
    assert pairs(extract(article(body))) == expected


def test_a_future_date_makes_a_past_participle_a_plan() -> None:
    claims = extract(article("Coalition troops may be moved from Erbil to Harir next year."))
    assert pairs(claims) == {(DEPARTURE, "erbil"), (ARRIVAL, "harir")}
    assert {c.status for c in claims} == {"planned"}


# ---------------------------------------------------------------------------------------------
# Spelling variants


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("U.S. troops left Ain al-Assad last week.", (DEPARTURE, "ain_al_asad")),
        ("U.S. troops left Al Asad last week.", (DEPARTURE, "ain_al_asad")),
        ("U.S. troops left Ayn al-Asad last week.", (DEPARTURE, "ain_al_asad")),
        ("U.S. troops left Al-Asad air base last week.", (DEPARTURE, "ain_al_asad")),
        ("ISIS militants are hiding in the Himreen mountains.", (ACTIVITY, "hamrin_mountains")),
        ("ISIS militants are hiding in the Hamrin mountains.", (ACTIVITY, "hamrin_mountains")),
        ("ISIS sleeper cells threaten Salah al-Din province.", (THREAT, "salahaddin_governorate")),
        ("ISIS sleeper cells threaten Saladin province.", (THREAT, "salahaddin_governorate")),
        ("ISIS sleeper cells threaten Salahaddin province.", (THREAT, "salahaddin_governorate")),
        ("ISIS sleeper cells threaten Salahuddin province.", (THREAT, "salahaddin_governorate")),
        ("Coalition forces are based in Irbil.", (PRESENCE, "erbil")),
        ("Coalition forces are based in Arbil.", (PRESENCE, "erbil")),
        ("Coalition forces are based in Hawler.", (PRESENCE, "erbil")),
        ("Most U.S. troops are at Irbil airport.", (PRESENCE, "erbil_airport")),
        ("Most U.S. troops are at Hawler airport.", (PRESENCE, "erbil_airport")),
    ],
)
def test_spelling_variants_resolve_to_one_place(body: str, expected: tuple[ClaimKind, str]) -> None:
    assert pairs(extract(article(body))) == {expected}


# ---------------------------------------------------------------------------------------------
# Bad input: a clear ArticleError or no claims with a reason; never a crash, never a wrong claim


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"US troops remain in Erbil.", "no blank line after the header"),
        (
            b"title: T\nsource: S\npublished: last week\n\nUS troops remain in Erbil.",
            "not YYYY-MM-DD",
        ),
        (b"title: T\nsource: S\npublished: 2025-11-26\n\n\x00\x01\x02 troops in Erbil", "binary"),
        (
            b"title: T\nsource: S\npublished: 2025-11-26\n\nTroops remain in Irbil \xe9.",
            "not UTF-8",
        ),
    ],
)
def test_bad_files_are_refused_by_name(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "upload.txt"
    path.write_bytes(raw)
    with pytest.raises(ArticleError, match=message) as caught:
        extract(read_article(path))
    assert "upload.txt" in str(caught.value)


def test_a_20_mb_file_is_refused_by_size_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024)  # sparse: 20 MB on paper, nothing on disk

    def refuse(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("the file was read before its size was checked")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ArticleError, match=r"huge\.txt: 20,971,520 bytes is over"):
        read_article(path)


def test_an_oversized_body_built_in_memory_is_refused() -> None:
    doc = Article(
        id="big", title="T", source="S", published=PUBLISHED, body="x" * (MAX_ARTICLE_BYTES + 1)
    )
    with pytest.raises(ArticleError, match="over the 1,000,000-byte limit"):
        explain(doc)


def test_pasted_text_with_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(ArticleError, match="not valid Unicode"):
        article("U.S. troops remain in Erbil \udcff.")


def test_text_with_no_iraqi_place_gives_no_claim_and_says_why() -> None:
    extraction = explain(
        article(
            "NATO troops remain in Brussels, and Islamic State cells are "
            "hiding in the Sahel, officials said on Monday."
        )
    )
    assert extraction.claims == ()
    assert any("no Iraqi place" in reason for reason in extraction.reasons)


def test_places_without_a_posture_statement_give_no_claim_and_say_why() -> None:
    extraction = explain(
        article(
            "Erbil is the capital of the Kurdistan Region. Abu Mahdi "
            "al-Muhandis was killed near Baghdad International Airport."
        )
    )
    assert extraction.claims == ()
    assert any("no sentence says" in reason for reason in extraction.reasons)


def test_markup_is_ignored_and_offsets_still_slice_the_original_body() -> None:
    body = (
        '<p>US troops remain in <b class="x">Erbil</b>.</p>'
        '<script>var s = "Coalition forces withdrew from Baghdad to Harir.";</script>'
        "<!-- ISIS cells threaten Kirkuk. -->"
        "<img src=x onerror=\"alert('US troops left Ain al-Asad.')\">"
        "<p>ISIS militants are hiding in the Hamrin mountains.</p>"
        '<style>p { content: "troops remain in Mosul"; }</style><script>Baghdad'
    )
    doc = article(body)
    extraction = explain(doc)
    assert pairs(list(extraction.claims)) == {(PRESENCE, "erbil"), (ACTIVITY, "hamrin_mountains")}
    for c in extraction.claims:
        assert doc.body[c.start : c.end] == c.quote
        assert doc.body[c.start : c.end].count("<") == c.quote.count("<")
    assert any("markup" in reason for reason in extraction.reasons)


NO_PLACE = "no Iraqi place from the gazetteer is named in the text"
NO_STATEMENT = "places are named, but no sentence says forces or ISIS are, go or threaten there"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("...!!!???", NO_PLACE),
        ("القوات الأمريكية في أربيل.", NO_PLACE),  # Arabic script: no gazetteer names, no crash
        ("ERBIL, Kurdistan Region -", NO_STATEMENT),  # a dateline alone: places, no statement
        ("“" * 500, NO_PLACE),
    ],
)
def test_odd_text_never_crashes_and_says_why_it_gave_nothing(body: str, reason: str) -> None:
    doc = article(body)
    extraction = explain(doc)
    assert extraction.claims == ()
    assert extraction.reasons == (reason,)


def test_invisible_characters_pasted_from_the_web_do_not_hide_a_claim() -> None:
    doc = article("US\u200b troops\u00a0remain in\u200d Erbil\ufeff.")
    claims = extract(doc)
    assert pairs(claims) == {(PRESENCE, "erbil")}
    assert doc.body[claims[0].start : claims[0].end] == claims[0].quote


def test_a_run_too_long_to_be_a_sentence_is_skipped_with_a_reason() -> None:
    run = "US troops remain in Erbil and " * (MAX_SENTENCE_CHARS // 20)
    extraction = explain(article(run + "end.\nISIS militants are hiding in the Hamrin mountains."))
    assert pairs(list(extraction.claims)) == {(ACTIVITY, "hamrin_mountains")}
    assert any("without a sentence break" in reason for reason in extraction.reasons)
