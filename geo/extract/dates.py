"""Dates resolved against publication: the expressions a text uses, read as spans of days.

Which date in a sentence dates which cue is clauses.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from geo.claims import DateSpan
from geo.extract.prefilter import Prefiltered


def resolve_date(text: str, published: dt.date, *, future: bool = False) -> DateSpan | None:
    """The first date expression in `text`, resolved against the publication date."""
    found = _date_matches(text, published, future=future)
    return found[0][2] if found else None


# Dates

_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
# Capitalised whole words only: "a separate incident" holds no "Sep", "the march" no March.
_MONTH = (
    r"(?-i:\b(?:January|February|March|April|June|July|August|September|October|"
    r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)(?![A-Za-z]))"
)
_MONTH_OR_MAY = rf"(?:{_MONTH}|(?-i:\bMay\b))"
_WEEKDAYS = {name.casefold(): i for i, name in enumerate(calendar.day_name)}
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_REL_YEAR = rf"(?:{_YEAR}|next\s+year|this\s+year|last\s+year)"
_PART = (
    r"(?:early|mid|mid-|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|"
    r"the\s+start\s+of|start\s+of)"
)
_DATE = re.compile(
    rf"(?P<between>between\s+(?P<m1>{_MONTH_OR_MAY})\s+and\s+(?P<m2>{_MONTH_OR_MAY})"
    rf"(?:\s*,?\s*(?P<by>{_REL_YEAR}))?)|"
    rf"(?P<part>{_PART})\s*(?P<pm>{_MONTH_OR_MAY})(?:\s*,?\s*(?P<py>{_REL_YEAR}))?|"
    rf"(?P<md>{_MONTH_OR_MAY})\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*,?\s*(?P<dy1>{_YEAR}))?|"
    rf"\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{_MONTH_OR_MAY})(?:\s*,?\s*(?P<dy2>{_YEAR}))?|"
    rf"(?:(?P<mprep>in|since|by|until|from|during|through|last|next|this)\s+)?"
    rf"(?P<mo>{_MONTH_OR_MAY})(?:\s*,?\s*(?P<my>{_REL_YEAR}))?|"
    rf"(?P<wrel>last|this|next|on)?\s*\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
    rf"Saturday|Sunday)\b|"
    rf"(?P<rel>earlier\s+this\s+(?:month|year)|later\s+this\s+(?:month|year)|"
    rf"(?:this|last|next)\s+(?:week|month|year)|yesterday|today|tonight|"
    rf"this\s+(?:morning|afternoon|evening)|last\s+night|earlier\s+today)|"
    rf"(?:(?P<ypart>early|late|mid-?|(?:the\s+)?end\s+of)\s*-?\s*|"
    rf"(?:in|since|by|until|during|from|of)\s+)(?P<year>{_YEAR})\b",
    re.I,
)
_YEAR_PARTS = {"ear": (1, 3), "mid": (6, 7), "lat": (10, 12)}  # the end of a year: below


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_before(span: DateSpan, published: dt.date) -> DateSpan:
    """A yearless month read as ahead ("by September") moved back a year: a plan told as past."""
    if span.start <= published or _HAS_YEAR.search(span.text) or span.start.year != span.end.year:
        return span

    def back(day: dt.date) -> dt.date:
        year = day.year - 1
        return dt.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))

    return DateSpan(back(span.start), back(span.end), span.text)


_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _year_of(qualifier: str | None, published: dt.date) -> int | None:
    if not qualifier:
        return None
    q = qualifier.casefold()
    if q.startswith("next"):
        return published.year + 1
    if q.startswith("last"):
        return published.year - 1
    if q.startswith("this"):
        return published.year
    return int(q)


def _month_year(month: int, published: dt.date, *, future: bool) -> int:
    """The year of a bare month: the latest on or before publication, or the next if future."""
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _month(name: str) -> int:
    return _MONTHS[name.casefold().rstrip(".")]


def _resolve(m: re.Match[str], published: dt.date, future: bool) -> DateSpan | None:
    """One date match -> a span; None for words that only look like dates ('may')."""
    g = m.groupdict()
    text = m.group(0).strip()
    if g["between"]:
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        year = _year_of(g["by"], published) or _month_year(m1, published, future=future)
        end_year = year if m2 >= m1 else year + 1
        return DateSpan(dt.date(year, m1, 1), _month_end(end_year, m2), text)
    if g["part"]:
        month = _month(g["pm"])
        year = _year_of(g["py"], published) or _month_year(month, published, future=future)
        part = g["part"].casefold()
        last = calendar.monthrange(year, month)[1]
        first, final = (
            (1, 10)
            if part.startswith(("early", "the beginning", "beginning", "the start", "start"))
            else (11, 20)
            if part.startswith("mid")
            else (21, last)
        )
        return DateSpan(dt.date(year, month, first), dt.date(year, month, final), text)
    if g["md"] or g["dm"]:
        month = _month(g["md"] or g["dm"])
        day = int(g["d1"] or g["d2"])
        explicit = g["dy1"] or g["dy2"]
        year = int(explicit) if explicit else _month_year(month, published, future=future)
        if day > calendar.monthrange(year, month)[1]:
            return None
        if not explicit and not future and dt.date(year, month, day) > published:
            year -= 1
        return DateSpan(dt.date(year, month, day), dt.date(year, month, day), text)
    if g["mo"]:
        if g["mo"].casefold() == "may" and not (g["mprep"] or g["my"]):
            return None  # the modal verb
        month = _month(g["mo"])
        prep = (g["mprep"] or "").casefold()
        year = _year_of(g["my"], published) or (
            published.year + (1 if month <= published.month else 0)
            if prep == "next"
            else _month_year(month, published, future=future or prep in {"by", "until"})
        )
        return DateSpan(dt.date(year, month, 1), _month_end(year, month), text)
    if g["wd"]:
        target = _WEEKDAYS[g["wd"].casefold()]
        back = (published.weekday() - target) % 7
        if (g["wrel"] or "").casefold() == "next":
            when = published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
        else:
            when = published - dt.timedelta(days=back)
        return DateSpan(when, when, text)
    if g["rel"]:
        return _relative(g["rel"].casefold(), published, text)
    if g["year"]:
        year = int(g["year"])
        # "mid-2025": June-July; "early 2025": Jan-Mar; "late 2025": Oct-Dec; "end of": Dec.
        part = (g["ypart"] or "").casefold()
        if "end" in part:  # like "the end of September" (21st on): the last third of December
            return DateSpan(dt.date(year, 12, 21), dt.date(year, 12, 31), text)
        first, last = _YEAR_PARTS.get(part[:3], (1, 12))
        return DateSpan(dt.date(year, first, 1), _month_end(year, last), text)
    return None


_SPACE_RUN = re.compile(r"\s+")


def _relative(rel: str, p: dt.date, text: str) -> DateSpan:
    rel = _SPACE_RUN.sub(" ", rel)
    month_start = p.replace(day=1)
    monday = p - dt.timedelta(days=p.weekday())
    prev_month_end = month_start - dt.timedelta(days=1)
    spans = {
        "yesterday": (p - dt.timedelta(days=1), p - dt.timedelta(days=1)),
        "today": (p, p),
        "tonight": (p, p),
        "this morning": (p, p),
        "this afternoon": (p, p),
        "this evening": (p, p),
        "earlier today": (p, p),
        "last night": (p - dt.timedelta(days=1), p),
        "this week": (p - dt.timedelta(days=p.weekday()), p),
        "last week": (monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)),
        "next week": (monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)),
        "this month": (month_start, _month_end(p.year, p.month)),
        "earlier this month": (month_start, p),
        "later this month": (p, _month_end(p.year, p.month)),
        "last month": (prev_month_end.replace(day=1), prev_month_end),
        "next month": (
            _month_end(p.year, p.month) + dt.timedelta(days=1),
            _month_end(*_next_month(p)),
        ),
        "this year": (dt.date(p.year, 1, 1), dt.date(p.year, 12, 31)),
        "earlier this year": (dt.date(p.year, 1, 1), p),
        "later this year": (p, dt.date(p.year, 12, 31)),
        "last year": (dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31)),
        "next year": (dt.date(p.year + 1, 1, 1), dt.date(p.year + 1, 12, 31)),
    }
    first, last = spans[rel]
    return DateSpan(first, last, text)


def _next_month(p: dt.date) -> tuple[int, int]:
    return (p.year + 1, 1) if p.month == 12 else (p.year, p.month + 1)


def _date_matches(
    text: str, published: dt.date, *, future: bool, start: int = 0, end: int | None = None
) -> list[tuple[int, int, DateSpan]]:
    found = []
    for a, b in _anchored_ranges(text, start, len(text) if end is None else end):
        for m in _DATE_SCAN.finditer(text, a, b):
            if not m.group(0).strip():
                continue
            span = _resolve(m, published, future)
            if span is not None and _SINCE.match(m.group(0)) and span.end < published:
                span = DateSpan(span.start, published, span.text)  # "since 2017": to this day
            if span is not None:
                found.append((m.start(), m.end(), span))
    return _between(text, found)


def _between(text: str, found: list[tuple[int, int, DateSpan]]) -> list[tuple[int, int, DateSpan]]:
    """'between Saturday, June 14, and Sunday June 15': one span from the first to the last."""
    merged: list[tuple[int, int, DateSpan]] = []
    i = 0
    while i < len(found):
        a, b, _ = found[i]
        j = i
        if _BETWEEN.search(text, max(0, a - 12), a):
            joined = False
            while j + 1 < len(found) and _DATE_JOIN.fullmatch(text, b, found[j + 1][0]):
                joined = joined or "and" in text[b : found[j + 1][0]]
                j += 1
                b = found[j][1]
            if joined:
                spans = [found[k][2] for k in range(i, j + 1)]
                # "Saturday, June 14": the calendar date says which Saturday
                dated = [s for s in spans if not _WEEKDAY_ONLY.fullmatch(s.text)] or spans
                first, last = min(s.start for s in dated), max(s.end for s in dated)
                merged.append((a, b, DateSpan(first, last, text[a:b].strip())))
                i = j + 1
                continue
            j = i
        merged.append(found[i])
        i += 1
    return merged


_WEEKDAY_ONLY = re.compile(
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", re.I
)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
_DATE_JOIN = re.compile(r"[\s,]*(?:and\s*)?", re.I)


# Every date expression holds a month, a weekday, a year or a relative word: _DATE (slow, with
# its optional lead-ins) only runs around those, from a word start far enough before each.
_DATE_ANCHOR = re.compile(
    rf"{_MONTH_OR_MAY}|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    rf"\b{_YEAR}\b|(?i:\b(?:yesterday|today|tonight|week|month|year|morning|afternoon|evening|"
    rf"night)\b)"
)
_ANCHOR_SCAN, _DATE_SCAN = Prefiltered(_DATE_ANCHOR), Prefiltered(_DATE)
_LEAD, _TAIL = 48, 32
# ", and overall troop levels are expected to drop ... by 2026": a clause of its own.
_SINCE = re.compile(r"\s*since\b", re.I)


def _anchored_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for m in _ANCHOR_SCAN.finditer(text, start, end):
        a = max(start, m.start() - _LEAD)
        while a > start and not text[a - 1].isspace():
            a -= 1  # from a word start, as a scan of the whole sentence would reach it
        b = min(end, m.end() + _TAIL)
        if ranges and a <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], b)
        else:
            ranges.append((a, b))
    return ranges
