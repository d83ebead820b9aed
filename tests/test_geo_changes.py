"""What changed between two dates, from short invented test articles (never the shipped corpus)."""

from __future__ import annotations

import datetime as dt

from geo.articles import parse_article
from geo.changes import What, changes_between, evidence_dates
from geo.claims import Claim
from geo.extract import extract_articles
from geo.posture import Status
from tests.test_layers_helpers import seed_claims


# Invented for this test: the drawdown's shape (Baghdad's sites and Ain al-Asad emptied, forces
# gathered at Erbil and Harir) in a few plain sentences, not real reporting.
def article(name: str, header: str, *paragraphs: str) -> tuple[str, str]:
    """A test article: header lines, a blank line, one line per paragraph (as real ones are)."""
    return name, header.strip() + "\n\n" + "\n".join(paragraphs) + "\n"


ARTICLES = dict(
    [
        article(
            "bases.txt",
            """
title: Coalition bases in federal Iraq (test fixture)
source: Test Wire
url: https://example.org/bases
published: 2025-06-01
""",
            "BAGHDAD - Around 2,000 US troops are stationed at Ain al-Asad air base, officials "
            "said. Coalition forces are also based at Baghdad International Airport.",
            "Coalition advisers are present in the Green Zone. Coalition forces are stationed at "
            "the Joint Operations Command headquarters.",
        ),
        article(
            "baghdad.txt",
            """
title: Coalition leaves Baghdad (test fixture)
source: Test Wire
url: https://example.org/baghdad
published: 2025-09-02
""",
            "BAGHDAD - Coalition forces completed their withdrawal from Baghdad International "
            "Airport, the Green Zone and the Joint Operations Command headquarters on 31 August, "
            "officials said.",
        ),
        article(
            "kurdistan.txt",
            """
title: Forces gather in Kurdistan (test fixture)
source: Other Wire
url: https://example.org/kurdistan
published: 2025-09-10
""",
            "ERBIL - Some 1,000 US troops have arrived in Erbil from Baghdad. About 300 coalition "
            "troops are now stationed at Harir Air Base.",
        ),
        article(
            "anbar.txt",
            """
title: Ain al-Asad handed over (test fixture)
source: Test Wire
url: https://example.org/anbar
published: 2026-01-20
""",
            "ANBAR - Coalition forces completed their withdrawal from Ain al-Asad air base on "
            "15 January, handing it to Iraqi forces.",
        ),
    ]
)


def drawdown_claims() -> list[Claim]:
    return list(
        extract_articles([parse_article(text, name=name) for name, text in ARTICLES.items()])
    )


def test_the_drawdown_empties_baghdad_and_ain_al_asad_and_fills_erbil_and_harir() -> None:
    rows = changes_between(drawdown_claims(), dt.date(2025, 8, 1), dt.date(2026, 2, 1))
    by_what = {
        what: {r.place_id for r in rows if r.what is what} for what in {r.what for r in rows}
    }
    assert by_what[What.EMPTIED] == {"baghdad_airport", "green_zone", "joc_hq", "ain_al_asad"}
    assert {"erbil", "harir"} <= by_what[What.GAINED]
    asad = next(r for r in rows if r.place_id == "ain_al_asad")
    assert (asad.before, asad.after, asad.before_count) == (
        Status.PRESENT,
        Status.WITHDRAWN,
        "≈2,000",
    )
    assert "withdrawal from Ain al-Asad" in asad.quote  # the after side's evidence
    assert (asad.outlet, asad.url) == ("Test Wire", "https://example.org/anbar")
    harir = next(r for r in rows if r.place_id == "harir")
    assert (harir.before, harir.after_count, harir.outlet) == (Status.UNKNOWN, "≈300", "Other Wire")
    assert all(r.layer == "coalition_positions" for r in rows)


def test_nothing_changes_between_a_date_and_itself_and_order_does_not_matter() -> None:
    claims = drawdown_claims()
    assert changes_between(claims, dt.date(2025, 10, 1), dt.date(2025, 10, 1)) == []
    forward = changes_between(claims, dt.date(2025, 8, 1), dt.date(2026, 2, 1))
    assert changes_between(claims, dt.date(2026, 2, 1), dt.date(2025, 8, 1)) == forward


def test_the_autumn_keeps_ain_al_asad_and_the_winter_empties_it() -> None:
    claims = drawdown_claims()
    autumn = changes_between(claims, dt.date(2025, 8, 1), dt.date(2025, 12, 1))
    assert "ain_al_asad" not in {r.place_id for r in autumn}
    winter = changes_between(claims, dt.date(2025, 12, 1), dt.date(2026, 2, 1))
    assert [(r.place_id, r.what) for r in winter] == [("ain_al_asad", What.EMPTIED)]


def test_isis_activity_appears_when_first_reported() -> None:
    article = parse_article(
        """title: ISIS in the Hamrin (test fixture)
source: Test Wire
published: 2025-10-05

KIRKUK - ISIS militants are active in the Hamrin Mountains, a security official said.
""",
        name="hamrin.txt",
    )
    claims = list(extract_articles([article]))
    rows = changes_between(claims, dt.date(2025, 9, 1), dt.date(2025, 11, 1))
    zones = [r for r in rows if r.layer == "isis_activity_zones"]
    assert [(r.what, r.before, r.after) for r in zones] == [
        (What.APPEARED, "no activity reported", "active")
    ]
    assert "Hamrin" in zones[0].quote


def test_a_wadi_report_lights_its_zone_and_its_own_place_then_both_go_quiet() -> None:
    article = parse_article(
        """title: Raid in Wadi al-Shay (test fixture)
source: Test Wire
published: 2025-10-05

KIRKUK - Iraqi forces raided ISIS hideouts in Wadi al-Shay on Sunday, a security official said.
""",
        name="shay.txt",
    )
    claims = list(extract_articles([article]))
    appeared = changes_between(claims, dt.date(2025, 9, 1), dt.date(2025, 11, 1))
    assert {(r.place_id, r.layer, r.what) for r in appeared} == {
        ("wadi_al_shay", "isis_activity_reports", What.APPEARED),
        ("kirkuk_valleys", "isis_activity_zones", What.APPEARED),
    }
    # A report holds for a window (geo.activity), so a year and more later both are quiet.
    quiet = changes_between(claims, dt.date(2025, 11, 1), dt.date(2027, 1, 1))
    assert {(r.place_id, r.what, r.after) for r in quiet} == {
        ("wadi_al_shay", What.WENT_QUIET, "no activity reported"),
        ("kirkuk_valleys", What.WENT_QUIET, "no activity reported"),
    }


def test_the_slider_stops_at_each_date_a_claim_takes_effect() -> None:
    dates = evidence_dates(drawdown_claims())
    assert dates == sorted(set(dates))
    assert {dt.date(2025, 6, 1), dt.date(2025, 8, 31), dt.date(2026, 1, 15)} <= set(dates)


def test_the_kurdistan_region_is_named_as_its_own_layer_with_its_figure() -> None:
    rows = changes_between(seed_claims(), dt.date(2025, 8, 21), dt.date(2025, 11, 26))
    region = next(r for r in rows if r.place_id == "kurdistan_region")
    assert (region.layer, region.what, region.after_count) == (
        "kurdistan_region",
        What.GAINED,
        "≈1,500",
    )
    assert region.outlet == "Rudaw"


def test_forces_moving_in_to_a_place_already_held_count_as_gained() -> None:
    held = parse_article(
        """title: Erbil base (test fixture)
source: Test Wire
published: 2025-06-01

ERBIL - US troops are stationed at Erbil air base, a coalition spokesman said.
""",
        name="held.txt",
    )
    moved = parse_article(
        """title: Troops reach Erbil (test fixture)
source: Test Wire
published: 2025-09-10

ERBIL - Some 300 US troops have moved to Erbil air base from Baghdad, officials said.
""",
        name="moved.txt",
    )
    claims = list(extract_articles([held, moved]))
    rows = {
        r.place_id: r for r in changes_between(claims, dt.date(2025, 8, 1), dt.date(2026, 2, 1))
    }
    assert rows["erbil_airport"].what is What.GAINED
    assert (rows["erbil_airport"].before, rows["erbil_airport"].after) == ("present", "present")
    assert "moved to Erbil air base" in rows["erbil_airport"].quote
    assert "erbil_airport" not in {  # nothing moved in before the span: nothing to say
        r.place_id for r in changes_between(claims, dt.date(2025, 6, 2), dt.date(2025, 8, 1))
    }
