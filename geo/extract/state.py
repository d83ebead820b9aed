"""What a sentence may borrow from the ones before, and a draft claim: shared by the steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from geo.articles import Article
from geo.claims import ClaimKind, DateSpan
from geo.extract.cues import _Cue
from geo.extract.lexicon import Actor
from geo.extract.linking import _Link
from geo.gazetteer import PlaceMention, PlaceName

_T = TypeVar("_T")


@dataclass(slots=True)
class _State:
    """What a sentence may borrow from the one before: its actor and its date."""

    article: Article
    isis_context: bool
    actor: Actor | None = None
    date: DateSpan | None = None
    seen_places: bool = False
    seen_cues: bool = False
    undated: tuple[int, int] | None = None  # a sentence with no cue, dates not yet read
    armed: Actor | None = None  # the armed group last named, for "the group"
    provinces: set[str] = field(default_factory=set)  # governorates named as such so far
    coalition_seen: bool = False  # the article has named coalition forces
    last_site: PlaceName | None = None  # the base last named, for "the base", "the site"
    sentence: tuple[int, int] = (0, 0)  # the sentence being read
    country: PlaceName | None = None  # Iraq: where a withdrawal naming no place leaves from
    deserts: dict[str, PlaceName] = field(default_factory=dict)  # governorate id -> its desert
    dated: dict[tuple[ClaimKind, str], DateSpan] = field(default_factory=dict)  # first dates told
    dropped: list[str] = field(default_factory=list)
    read: dict[tuple[Callable[..., Any], int, int], Any] = field(default_factory=dict)

    def reading(self, read: Callable[[str, int, int], _T], text: str, start: int, end: int) -> _T:
        """read(text, start, end) once per span: the claims of one cue read the same words."""
        key = (read, start, end)
        if key not in self.read:
            self.read[key] = read(text, start, end)
        return self.read[key]  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class _Draft:
    kind: ClaimKind
    link: _Link
    cue: _Cue
    status: str | None
    notes: tuple[str, ...]
    siblings: tuple[PlaceMention, ...] = ()  # the places listed under the same cue


# "the number of U.S. troops in Erbil", "a drone attack on coalition forces at Harir": forces
# named at a place are there, even when no verb says so.
