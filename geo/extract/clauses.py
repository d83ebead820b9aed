"""Which date in a sentence dates which cue: chunks, leading adverbials, reporting clauses.

A sentence's dates are found by dates.py; here each is tied to the clause it stands in, so
"forces left Baghdad in August and will leave Erbil next year" dates each move by its own words,
and "told Rudaw on Monday" dates the telling, not the event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.claims import DateSpan
from geo.extract.cues import _Cue
from geo.extract.dates import _date_matches, _year_before
from geo.extract.sentences import _BREAKERS_SCAN, _REPORTING

_FUTURE = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|scheduled|expected|set\s+to|due|next|by|until|"
    r"upcoming|plans?\s+to)\b",
    re.I,
)

# "the agreement originally required them to withdraw by September", "were due to leave by
# September": a plan told in the past, so its month is the latest one, not the next
_PAST_PLAN = re.compile(
    r"\b(?:originally|initially|had\s+(?:been\s+)?(?:required|planned|agreed|set|scheduled|"
    r"expected|due)|(?:was|were)\s+(?:supposed|due|scheduled|expected|set)\s+to)\b",
    re.I,
)

_OWN_CLAUSE = re.compile(
    r"^\W*(?:and|but|while)\s+(?:[\w-]+\s+){1,4}?(?:are|is|was|were|will|would|have|has|had)\b",
    re.I,
)
_ASIDE = re.compile(r"\W*(?:set|scheduled|due|planned|expected)\s+(?:for|in|by)\b", re.I)

_CHUNK_SPLIT = re.compile(r",\s+|;\s+|\s+[-–—]\s+")
_LEADING_ADVERBIAL = re.compile(
    r"^\W*(?:(?:in|on|by|since|between|around|during|from|as\s+of|earlier|later|last|this|"
    r"until)\s+)?(?:the\s+)?$",
    re.I,
)
# "In a separate incident on Sunday, ...": a verbless opening phrase dates the whole sentence.
_SCENE_SETTING = re.compile(
    r"^\W*(?:In|On|At|During|Late|Early|Earlier|Later)\b(?![^,]*\b\w+ed\b)[^,]*$"
)
_UNTIL = re.compile(r"\b(?:until|till|through)\s+(?:the\s+)?$", re.I)
_UNTIL_START = re.compile(r"(?:until|till|through)\b", re.I)
_SAME_TIME = re.compile(
    r"^\W*(?:(?:Around|At|About)\s+the\s+same\s+time|(?:The|This|That)\s+(?:shift|move|"
    r"withdrawal|drawdown|pull-?out|relocation|redeployment|plan|handover|transfer|"
    r"departure|phase|process)\b|Meanwhile)",
    re.I,
)


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for m in _CHUNK_SPLIT.finditer(text, start, end):
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, end))
    return spans


def _chunk_of(chunks: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in chunks:
        if a <= pos < b:
            return a, b
    return chunks[-1]


_FOUNDED = re.compile(
    r"\b(?:formed|founded|established|created|set\s+up|built|declared|liberated|retaken|"
    r"recaptured|since\s+its\s+(?:formation|creation|founding)|"
    r"first\s+(?:sent|deployed|dispatched))\s+(?:(?:back\s+)?(?:in|on)\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _SentenceDates:
    wide: DateSpan | None  # applies to every cue (leading adverbial, reporting clause)
    local: tuple[tuple[int, tuple[int, int], DateSpan], ...]  # (offset, chunk, date)
    reported: bool = False  # `wide` dates the telling ("told Rudaw on Monday"), not the event


def _sentence_dates(
    text: str,
    start: int,
    end: int,
    published: dt.date,
    chunks: Sequence[tuple[int, int]],
    cues: Sequence[_Cue] = (),
) -> _SentenceDates:
    wide: DateSpan | None = None
    reported = False
    local: list[tuple[int, tuple[int, int], DateSpan]] = []
    for a, b, span in _date_matches(text, published, future=False, start=start, end=end):
        if _FOUNDED.search(text, max(start, a - 40), a):
            continue  # "the coalition formed in 2014": it dates the noun, not the statement
        chunk = _chunk_of(chunks, a)
        if _PAST_PLAN.search(text, start, a):
            span = _year_before(span, published)
        elif _FUTURE.search(text[chunk[0] : chunk[1]]):
            redo = _date_matches(text, published, future=True, start=a, end=b)
            span = redo[0][2] if redo else span
        until = _UNTIL.search(text[max(start, a - 8) : a]) or _UNTIL_START.match(span.text)
        if until and span.end >= published:
            # "will stay until September 2026": the claim holds from now to then.
            label = (
                span.text
                if _UNTIL_START.match(span.text)
                else (f"{until.group(0).strip()} {span.text}")
            )
            span = DateSpan(min(published, span.start), span.end, label)
        leading = (
            chunk == chunks[0]
            and len(chunks) > 1
            and bool(
                _LEADING_ADVERBIAL.match(text[chunk[0] : a])
                or (
                    _SCENE_SETTING.match(text[chunk[0] : chunk[1]])
                    and not any(chunk[0] <= c.start < chunk[1] for c in cues)
                )
            )
        )
        reporting = _REPORTING.search(text[chunk[0] : chunk[1]])
        # "The first, set for September 2025, involves pulling forces out of ...": a verbless
        # aside before the statement's first cue dates the whole statement.
        leading = leading or bool(
            cues
            and chunk[1] <= cues[0].start
            and chunk != chunks[0]
            and _ASIDE.match(text[chunk[0] : chunk[1]])
        )
        if (leading or reporting) and wide is None:
            wide, reported = span, not leading
        else:
            local.append((a, chunk, span))
    return _SentenceDates(wide, tuple(local), reported)


def _date_for(
    text: str,
    dates: _SentenceDates,
    chunk: tuple[int, int],
    cue: _Cue,
    next_start: int,
    cues: Sequence[_Cue],
) -> DateSpan | None:
    """The date of the cue's own clause, else one in its chunk, else the sentence-wide one.

    The clause's date is the first after the cue (before the next cue, across commas into a
    phrase with no cue and no clause of its own: "handed K1, northwest of Kirkuk, over to Iraqi
    forces in 2020").
    """
    for offset, c, span in dates.local:
        if cue.start <= offset < next_start and (
            c == chunk
            or (
                not any(c[0] <= q.start < c[1] for q in cues)
                and not _BREAKERS_SCAN.search(text[c[0] : offset])
                and not _OWN_CLAUSE.match(text[c[0] : offset])
            )
        ):
            return span
    for _, c, span in dates.local:
        if c == chunk:
            return span
    return dates.wide
