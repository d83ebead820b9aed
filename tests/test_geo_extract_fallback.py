"""The last reading for ISIS reporting: a plain ISIS statement names where, however worded.

Positive probes are worded so that no linking rule ties the cue to the place (places in subject
position, long asides); negative probes are what the fallback must leave alone.
"""

from __future__ import annotations

import pytest

from geo.claims import ClaimKind
from geo.extract import extract
from tests.test_geo_extract_events import article, claims_of

ACTIVITY = ClaimKind.ISIS_ACTIVITY


def test_places_in_subject_position_before_isis_remnants() -> None:
    body = (
        "The security situation in several liberated provinces, including Diyala, Kirkuk and "
        "Nineveh, remains unstable, allowing ISIS remnants to revive violent activities."
    )
    assert claims_of(body) == {
        (ACTIVITY, "diyala_governorate"),
        (ACTIVITY, "kirkuk_governorate"),
        (ACTIVITY, "nineveh_governorate"),
    }
    (claim, *_) = extract(article(body))
    assert any("placed by the sentence" in note for note in claim.notes)


@pytest.mark.parametrize(
    "body",
    [
        # negated
        "A local official in Tuz Khurmatu said ISIS fighters were no longer present in the town.",
        # geography: where the terrain runs, not where ISIS is
        "Wadi al-Shay, rugged terrain linking Kirkuk and Salahaddin, shelters ISIS remnants.",
        # history
        "They had served as ISIS fighters during the group's control over the city of Mosul.",
        # a dateline
        "BAGHDAD: Iraqi airstrikes killed a senior Daesh leader and three other militants.",
        # a government waging a campaign
        "The strike is the latest in a campaign by Baghdad against the jihadist remnants.",
        # a court
        "A court in Baghdad sentenced two ISIS militants to death.",
        # abroad
        "ISIS cells in Syria were hit as Iraqi forces watched the border near al-Qaim.",
    ],
)
def test_what_the_fallback_leaves_alone(body: str) -> None:
    found = claims_of(body)
    assert not {
        p
        for p in found
        if p[1]
        in {"tuz_khurmatu", "kirkuk", "salahaddin_governorate", "mosul", "baghdad", "al_qaim"}
    }


def test_an_arrest_of_named_isis_suspects_places_them_in_the_sentences_province() -> None:
    body = (
        "Iraq's military intelligence has said it arrested seven suspected Islamic State (IS) "
        "terrorists, two women among them, in the northern province of Nineveh after weeks of "
        "surveillance."
    )
    assert claims_of(body) == {(ClaimKind.ISIS_ACTIVITY, "nineveh_governorate")}


def test_an_arrest_with_isis_unnamed_still_needs_the_linking_rules() -> None:
    body = (
        "Iraq's military intelligence has said it arrested seven suspects, two women among "
        "them, in the northern province of Nineveh after weeks of surveillance."
    )
    assert claims_of(body) == set()
