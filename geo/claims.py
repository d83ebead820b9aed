"""What an article asserts, as data: each claim tied to the sentence that supports it."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from geo.articles import Article


class ClaimKind(StrEnum):
    """What is asserted about a place."""

    COALITION_PRESENCE = "coalition_presence"  # forces are / remain at a place
    COALITION_DEPARTURE = "coalition_departure"  # forces left / are leaving / will leave a place
    ISIS_ACTIVITY = "isis_activity"  # ISIS is present, hides or is confined there
    ISIS_THREAT = "isis_threat"  # ISIS (sleeper cells) threaten a place
    # Forces arrive / are moving to a place ("withdrawing from Baghdad to Erbil"); map layers
    # that only know presence and departure may ignore it.
    COALITION_ARRIVAL = "coalition_arrival"


@dataclass(frozen=True, slots=True)
class Personnel:
    """A head count as reported: 'four to five' is 4-5; 'nearly 1,500' is ~1,500."""

    min: int
    max: int
    approximate: bool
    text: str


@dataclass(frozen=True, slots=True)
class DateSpan:
    """When a claim holds, resolved against the publication date ('late August' -> Aug 21-31)."""

    start: dt.date
    end: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class SourceRef:
    """The article a claim comes from."""

    article_id: str
    title: str
    outlet: str
    url: str | None
    published: dt.date

    @classmethod
    def of(cls, article: Article) -> SourceRef:
        """The reference to an article, without its body."""
        return cls(article.id, article.title, article.source, article.url, article.published)


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One assertion: kind, place, figures, date, and the quote with its offsets in the body."""

    kind: ClaimKind
    place_id: str
    place_text: str
    quote: str
    start: int
    end: int
    source: SourceRef
    personnel: Personnel | None = None
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    country_count: int | None = None
    roles: tuple[str, ...] = ()
    status: str | None = None
    date: DateSpan | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def effective_date(self) -> dt.date:
        """The claim's own date if the text gives one, else the day it was published."""
        return self.date.start if self.date else self.source.published

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
