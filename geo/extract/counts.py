"""Head counts: "four to five", "nearly 1,500", "a few dozen", "a 1,500-strong force"."""

from __future__ import annotations

import re

from geo.claims import Personnel
from geo.extract.prefilter import Prefiltered


def parse_personnel(text: str) -> Personnel | None:
    """The first head count in `text`: 'four to five' -> 4-5, 'nearly 1,500' -> ~1,500."""
    return _find_personnel(text, 0, len(text))


# Head counts

_UNITS = {
    w: i
    for i, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        )
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2
    )
}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+(?:thousand|hundred|dozen))?|"
    rf"(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?={_NUMBER_WORD}))?)+)"
)
_QUALIFIER = (
    r"(?:nearly|almost|about|around|some|roughly|approximately|an\s+estimated|"
    r"estimated|up\s+to|more\s+than|over|at\s+least|fewer\s+than|less\s+than|under|"
    r"close\s+to|just\s+over|just\s+under)"
)
_VAGUE = {
    "a few dozen": (24, 60),
    "a few hundred": (200, 600),
    "several hundred": (200, 900),
    "a few": (2, 9),
    "a handful of": (2, 9),
    "several": (3, 9),
    "a dozen": (12, 12),
    "dozens of": (24, 99),
    "hundreds of": (200, 999),
    "thousands of": (2000, 9999),
    "a small number of": (2, 9),
    "several dozen": (24, 108),
    "a few thousand": (2000, 6000),
    "several thousand": (2000, 9000),
}
_VAGUE_WORDS = "|".join(re.escape(v) for v in sorted(_VAGUE, key=len, reverse=True))
_PERSON_NOUN = (
    r"(?:personnel|troops|soldiers|forces|advisers|advisors|service\s*members|"
    r"servicemembers|marines|trainers|members|staff|contractors|instructors|"
    r"military\s+personnel|special\s+forces|fighters|militants)"
)
_COUNT = re.compile(
    rf"(?:(?P<q>{_QUALIFIER})\s+)?(?:between\s+)?(?:[“\"]\s*)?"
    rf"(?:(?P<vague>{_VAGUE_WORDS})|(?P<a>{_NUM})"
    rf"(?:\s*(?:to|-|–|and|or)\s*(?P<b>{_NUM}))?)"
    rf"(?:-strong\s+(?:[\w.-]+\s+){{0,2}}?(?:force|contingent|mission|presence|deployment)\b|"
    rf"(?P<mid>(?:\s+[\w.’'-]+){{0,3}}?)\s+{_PERSON_NOUN}\b)",
    re.I,
)
# "a small contingent - estimated at a few dozen - stays": the count after the noun it counts.
_VAGUE_BARE = "|".join(
    re.escape(v.removesuffix(" of")) for v in sorted(_VAGUE, key=len, reverse=True)
)
_APPOSITIVE_COUNT = re.compile(
    rf"\b(?:contingent|force|forces|troops|personnel|presence|team|detachment|soldiers|"
    rf"advisers|trainers)\b[\s,—–(-]+(?P<est>estimated\s+at|numbering|totall?ing|put\s+at)\s+"
    rf"(?:(?P<q>{_QUALIFIER})\s+)?(?:(?P<vague>{_VAGUE_BARE})|(?P<a>{_NUM})"
    rf"(?:\s*(?:to|-|–|and|or)\s*(?P<b>{_NUM}))?)\b",
    re.I,
)
_APPROX_QUALIFIER = re.compile(
    r"nearly|almost|about|around|some|roughly|approximately|estimated|up\s+to|more\s+than|"
    r"over|at\s+least|fewer\s+than|less\s+than|under|close\s+to|just",
    re.I,
)

_DIGITS = re.compile(r"(\d+(?:\.\d+)?)(?:\s+(thousand|hundred|dozen))?")
_LETTERS = re.compile(r"[a-z]+")
_NOT_PEOPLE = re.compile(r"\b(?:years?|days?|km|kilometres|miles|percent|per)\b", re.I)
_SPACE_RUN = re.compile(r"\s+")


def _number(text: str) -> int | None:
    """'1,500' -> 1500, '2.5 thousand' -> 2500, 'twenty-five hundred' -> 2500."""
    t = text.casefold().replace(",", "").strip()
    digits = _DIGITS.fullmatch(t)
    if digits:
        value = float(digits.group(1)) * (_SCALES[digits.group(2)] if digits.group(2) else 1)
        return round(value)
    total, current = 0, 0
    for word in _LETTERS.findall(t):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if word == "thousand":
                total, current = total + current, 0
        elif word != "and":
            return None
    return total + current if (total or current or "zero" in t) else None


def _personnel(m: re.Match[str]) -> Personnel | None:
    groups = m.groupdict()
    mid = (groups.get("mid") or "").strip()
    if _NOT_PEOPLE.search(mid):
        return None
    phrase = m.group(0)
    approximate = bool(m.group("q") and _APPROX_QUALIFIER.match(m.group("q"))) or bool(
        groups.get("est")
    )
    if m.group("vague"):
        vague = _SPACE_RUN.sub(" ", m.group("vague").casefold())
        low, high = _VAGUE.get(vague) or _VAGUE[f"{vague} of"]
        return Personnel(low, high, True, phrase)
    low_value = _number(m.group("a"))
    high_value = _number(m.group("b")) if m.group("b") else low_value
    if low_value is None or high_value is None or not 0 < low_value <= high_value:
        return None
    if low_value > 1_000_000:
        return None
    return Personnel(low_value, high_value, approximate, phrase)


def _find_personnel(text: str, start: int, end: int) -> Personnel | None:
    if not _HINT_SCAN.search(text, start, end):
        return None  # no digit and no number word: the slow patterns below cannot match
    for pattern in _COUNT_SCANS:
        for m in pattern.finditer(text, start, end):
            personnel = _personnel(m)
            if personnel is not None:
                return Personnel(
                    personnel.min,
                    personnel.max,
                    personnel.approximate,
                    _trim_count_text(personnel.text),
                )
    return None


_COUNT_SCANS = (Prefiltered(_COUNT), Prefiltered(_APPOSITIVE_COUNT))
_COUNT_HINT = re.compile(
    rf"\d|(?i:\b(?:{_NUMBER_WORD}|few|handful|several|dozens|hundreds|thousands|small))"
)
_HINT_SCAN = Prefiltered(_COUNT_HINT)


def _trim_count_text(phrase: str) -> str:
    return phrase.strip(' “"')
