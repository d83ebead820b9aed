"""Sentences and markup: where a sentence starts and ends, what is not prose."""

from __future__ import annotations

import re

from geo.extract.prefilter import Prefiltered

# News sentences run to a few hundred characters; linking work grows with the square of a
# sentence's length, so a longer run (a table, a list, minified code) is skipped, not parsed.
MAX_SENTENCE_CHARS = 2_000

_ABBREVIATIONS = frozenset(
    {
        "u.s",
        "u.k",
        "u.n",
        "us",
        "lt",
        "gen",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "brig",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "vs",
        "e.g",
        "i.e",
        "approx",
        "a.m",
        "p.m",
        "inc",
        "corp",
        "jr",
        "sr",
        "ret",
        "dept",
        "est",
        "mt",
    }
)
_SENTENCE_END = re.compile(r"[.!?]+[”\"’')\]]*(?=\s|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) with `text[start:end]` stripped of surrounding space.

    Lines are paragraphs; inside one, a sentence ends at . ! or ? (plus closing quotes) unless
    the word is an abbreviation ("U.S.", "Lt.", "Gen.") or an initial, or lower case follows.
    A leading dateline ("ERBIL, Kurdistan Region - ") is not part of the first sentence, also
    when a pasted headline (a line with no full stop) comes before it.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    lead = True  # still in the headline lines a pasted article may start with
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if lead:
            dateline = _DATELINE.match(line)
            if dateline:
                line_start += dateline.end()
            lead = not dateline and not _SENTENCE_END.search(line)
        cursor = line_start
        for m in _SENTENCE_END.finditer(text, line_start, line_end):
            if not _is_boundary(text, cursor, m):
                continue
            spans.append((cursor, m.end()))
            cursor = m.end()
        spans.append((cursor, line_end))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def mask_markup(text: str) -> tuple[str, bool]:
    """Blank out HTML tags, comments and script/style elements, keeping every offset.

    Zero-width characters that web pages paste along ("US\u200b troops") become spaces too,
    one for one, so words still split where the reader sees them split.
    """
    masked, count = _MARKUP.subn(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return _INVISIBLE.sub(" ", masked), count > 0


# ---------------------------------------------------------------------------------------------
# Sentences and markup

# "ERBIL, Kurdistan Region - ", "BAGHDAD: ", "Shafaq News/ ", "Baghdad, Oct 24 (IANS) ",
# "(CNN) — ": where and by whom the report was filed, not a place the report speaks of.
_DATELINE = re.compile(
    r"^(?:\([^)\n]{1,40}\)\s*[-–—]\s+|(?:\((?:[^()\n]|\([^()\n]*\)){1,60}\)\s*)?"
    r"(?:[A-Z][A-Z'’.]+(?:\s?[ /-]\s?[A-Z][A-Z'’.]+)*|[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2})"
    r"(?:,[^\n\-–—:/]{1,40}?)?(?:\s*\([^)\n]{1,40}\))?(?:\s*(?:[-–—/]{1,2}|:)\s+|(?<=\))\s+)|"
    # "Baghdad, Nov 24 The Iraqi ...": a wire dateline with neither dash nor agency
    r"[A-Z][\w'’.-]+,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.?\s+\d{1,2}"
    r"\s+(?=[A-Z]))"
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_MARKUP = re.compile(
    r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)|</?[A-Za-z!][^<>]{0,1000}>",
    re.S | re.I,
)


def _is_boundary(text: str, start: int, m: re.Match[str]) -> bool:
    if m.group(0)[0] == ".":
        token = _word_before(text, start, m.start()).casefold().rstrip(".")
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            return False
    following = text[m.end() : m.end() + 3].lstrip()
    return not following or not following[0].islower()


def _word_before(text: str, start: int, end: int) -> str:
    r"""The run of word characters and dots that ends at `end` (what [\w.]+$ finds there).

    Read backwards from the end: a search for it would try every character of the sentence.
    """
    first = end
    while first > start and (text[first - 1] == "." or _WORD_CHAR.match(text, first - 1)):
        first -= 1
    return text[first:end]


_WORD_CHAR = re.compile(r"\w")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------


# Words that open a new clause: a cue does not reach a place across them.
_BREAKERS = re.compile(
    r"\b(?:said|says|told|according|which|who|whom|whose|where|while|but|although|though|"
    r"after|before|when|because|since|amid|despite|whereas|following|until|during|if|unless|"
    r"that|(?<!well\s)as\s+the)\b|[;:]",
    re.I,
)
_BREAKERS_SCAN = Prefiltered(_BREAKERS)  # most gaps hold none of its words

_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|confirmed|stated|reported|added|showed|revealed|"
    r"according|noted|explained|disclosed)\b",
    re.I,
)
