r"""Costly patterns tried only where they can match: at the literal words a match starts with.

Python's `re` tries a pattern at every character, and a case-insensitive alternation
(`\\b(?:withdr[ae]w|pull(?:s|ed)?\\s+out|...)`) tries each alternative there; the extractor's
rules are such patterns, over every sentence. A match can only begin where one of its literal
starts ("withdraw", "pull") stands, and one search for plain literals, factored into a trie,
finds those places almost for free. So `Scanners` tries each pattern only there, and
`Prefiltered` (for patterns without known starts, like a look-back window ending in `$`) runs a
pattern only when a word every match contains is in the text at all.

The words are read from the compiled pattern itself, so they cannot fall out of step with it;
a pattern whose words are unknown is simply run as before. Results are exactly the pattern's.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_MIN_NEEDLE = 2  # a one-letter start is everywhere; a digit or a quote mark is not
_MAX_NEEDLES = 400
_ENOUGH = 4  # letters after which a start is rare enough
_DIGITS = "0123456789"
# Characters that `re.IGNORECASE` matches to an ASCII letter but whose str.lower() is not that
# letter ("ſ" ~ "s", "ı" ~ "i"; "İ" lowers to two characters and shifts every offset after it):
# in a text holding one, a word may hide from the lower-cased copy, so the pattern reads it all.
# tests/test_geo_extract_prefilter.py checks this list against every character there is. So
# does a digit `\d` knows that is not 0-9 ("٣"): the starts only list 0-9.
CASE_TRAPS = "İıſ"
# \s as a start is the ASCII spaces; a text with another (a no-break space) is read all.
_SPACES = "".join(chr(c) for c in range(128) if re.match(r"\s", chr(c)))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _trapped(lowered: str, length: int, spaces: bool = False) -> bool:
    r"""Whether the lower-cased copy (of `length` characters) may hide where a match is.

    Only non-ASCII characters are read: a case trap, a `\d` not 0-9 (str.isdecimal), a `\s`
    beyond ASCII (str.isspace) when `spaces`; a category class would test every character.
    """
    if lowered.isascii():
        return False
    return len(lowered) != length or any(
        ch in CASE_TRAPS or ch.isdecimal() or (spaces and ch.isspace())
        for ch in _NON_ASCII.findall(lowered)
    )


def _starts(items: Any, prefix: str = "") -> set[str] | None:
    r"""Every literal start (after `prefix`) a match of this sequence has, or None if unknown.

    Literals and one-letter classes ([Pp]) extend the prefix; an alternation, a class of a few
    letters, \d or an optional part forks it ("c(?:a|o)me" -> "came", "come"); anything else
    (\s, \w, a look-ahead) ends it. A start of one letter filters nothing: None.
    """
    items = list(items)
    for i, (op, av) in enumerate(items):
        rest = items[i + 1 :]
        if op is _c.AT:
            continue  # \b and the like take no characters
        if op is _c.LITERAL:
            prefix += chr(av).lower()
            continue
        found: set[str] | None = None
        single = op is _c.IN and len({chr(v).lower() for o, v in av if o is _c.LITERAL}) == 1
        if single and {o for o, _ in av} == {_c.LITERAL}:  # [Pp]: one letter in either case
            prefix += chr(av[0][1]).lower()
            continue
        if len(prefix) >= _ENOUGH or prefix[-1:].isdigit():
            break  # rare enough already (a digit is): forking on would only multiply the words
        if op is _c.IN and {o for o, _ in av} == {_c.LITERAL}:
            chars = sorted({chr(v).lower() for _, v in av})
            found = _forked([(ch, []) for ch in chars], rest, prefix)
        elif op is _c.IN and av == [(_c.CATEGORY, _c.CATEGORY_DIGIT)]:
            found = _forked([(d, []) for d in _DIGITS], rest, prefix)
        elif op is _c.IN and av == [(_c.CATEGORY, _c.CATEGORY_SPACE)]:
            found = _forked([(c, []) for c in _SPACES], rest, prefix)
        elif op is _c.SUBPATTERN:
            found = _forked([("", av[-1].data)], rest, prefix)
        elif op is _c.BRANCH:
            found = _forked([("", branch.data) for branch in av[1]], rest, prefix)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            # "(?:sleeper\s+)?cells": either the optional part or what follows it
            found = _forked([("", av[2].data), ("", [])], rest, prefix)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and not prefix and _one_char(av[2].data):
            # "\s*Monday" starts with a space then Monday, or two spaces: not any space
            once, twice = [*av[2].data, *rest], [*av[2].data, *av[2].data]
            found = _forked(
                [("", once), ("", twice), *([("", rest)] if av[0] == 0 else [])], [], prefix
            )
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            # repeated: only the first copy is sure to come first ("(?:ab)+c")
            found = _starts(av[2].data, prefix)
            if found is not None and av[0] == 0:
                skipped = _starts(rest, prefix)
                found = None if skipped is None else found | skipped
        if found is None or len(found) > _MAX_NEEDLES:
            break
        return found
    if len(prefix) >= _MIN_NEEDLE or (prefix and not prefix.isalpha()):
        return {prefix}
    return None


def _one_char(items: Any) -> bool:
    r"""Whether the sequence is one character class (\s, \d, [ae])."""
    return len(items) == 1 and items[0][0] is _c.IN


def _forked(alternatives: list[tuple[str, Any]], rest: list[Any], prefix: str) -> set[str] | None:
    """The starts of each alternative (extra letters, items) followed by the rest; all or None."""
    found: set[str] = set()
    for letters, items in alternatives:
        starts = _starts([*items, *rest], prefix + letters)
        if starts is None:
            return None
        found |= starts
    return found


def _contains(items: Any) -> set[str] | None:
    """Words one of which every match holds: the starts of the most telling part that must match.

    Any tail of the sequence matches the tail of a match, so its starts will do; the one with
    the longest shortest word wins (on a tie, the later one: "the" comes before "capital").
    """
    items = list(items)
    best: set[str] | None = None
    for i, (op, av) in enumerate(items):
        words = _starts(items[i:])
        if op is _c.BRANCH and words is None:  # each alternative holds words of its own
            words = _united([_contains(branch.data) for branch in av[1]])
        if words and (best is None or _telling(words) >= _telling(best)):
            best = words
    return best


def _united(parts: list[set[str] | None]) -> set[str] | None:
    return None if any(p is None for p in parts) else set().union(*parts)  # type: ignore[arg-type]


# In most sentences: as telling as one letter, whatever their length.
_COMMON = frozenset({"a", "an", "and", "at", "by", "from", "in", "of", "on", "or", "the", "to"})


def _telling(words: set[str]) -> tuple[int, float]:
    """Longer words are rarer in text (but "km" says more than "from" or "to"): shortest first."""
    lengths = [1 if w.strip() in _COMMON else len(w) for w in words]
    return min(lengths), sum(lengths) / len(lengths)


def _minimal(words: set[str] | None) -> tuple[str, ...] | None:
    """The words, less those that begin with another (wherever they stand, so does it)."""
    if not words:
        return None
    return tuple(w for w in sorted(words) if not any(w.startswith(v) for v in words - {w}))


def needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The lower-case words one of which any match starts with, or None when unknown."""
    return _minimal(_starts(_p.parse(pattern.pattern, pattern.flags).data))


def contained(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The lower-case words one of which any match holds, or None when unknown."""
    return _minimal(_contains(_p.parse(pattern.pattern, pattern.flags).data))


class Scanners:
    r"""Patterns each tried only where one of its literal starts stands: finditer, but cheaper.

    One pass over the lower-cased text finds every place a start of any of the patterns stands
    (starts inside other starts too: "is" in "isis"); each pattern is then tried with
    pattern.match at its own places only. A match there is the one finditer finds: match sees
    the text around it as finditer does (a \b or a look-behind reads before `start`), a start
    is never empty so neither is a match, and after a match the next try is at or after its end.
    """

    __slots__ = ("_filtered", "_mixed", "_scans", "_spaces", "patterns")

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        """Read each pattern's starts; one search per kind of start finds their places."""
        self.patterns = tuple(patterns)
        starts = [needles(p) for p in self.patterns]
        self._filtered = tuple(found is not None for found in starts)
        # A pattern that opens with \b starts a match only where a word starts: its words
        # are looked for there alone ("is" in "this" is no place for "\bis\b").
        at_word = [_anchored(_p.parse(p.pattern, p.flags).data) for p in self.patterns]
        kinds: list[list[tuple[str, ...] | None]] = [[], []]
        for found, anchored in zip(starts, at_word, strict=True):
            at_start = tuple(w for w in found or () if anchored and _WORD.match(w))
            kinds[0].append(at_start or None)
            kinds[1].append(tuple(w for w in found or () if w not in at_start) or None)
        self._mixed = tuple(bool(a and b) for a, b in zip(*kinds, strict=True))
        self._spaces = any(w[0] in _SPACES for found in starts if found for w in found)
        self._scans = tuple(
            (re.compile(prefix + _trie(words)), _reported(found_by, words, at_words=bool(prefix)))
            for prefix, found_by in ((r"\b", kinds[0]), ("", kinds[1]))
            if (words := sorted({w for found in found_by if found for w in found}))
        )

    def finditer(
        self, text: str, start: int, end: int, lowered: str | None = None
    ) -> list[Iterable[re.Match[str]]]:
        """For each pattern, pattern.finditer(text, start, end) (`lowered`: the span, lowered)."""
        places = self._places(text, start, end, lowered)
        if places is None:
            return [p.finditer(text, start, end) for p in self.patterns]
        return [
            (_tried(p, text, end, at) if at else ()) if filtered else p.finditer(text, start, end)
            for p, at, filtered in zip(self.patterns, places, self._filtered, strict=True)
        ]

    def _places(
        self, text: str, start: int, end: int, lowered: str | None = None
    ) -> list[list[int]] | None:
        """Where each pattern's starts stand, ascending; None when the text must be read all."""
        if lowered is None:
            lowered = text[start:end].lower()
        if not self._scans or _trapped(lowered, end - start, self._spaces):
            return None
        places: list[list[int]] = [[] for _ in self.patterns]
        nested = False
        for at, reported in self._scans:
            for found in at.finditer(lowered):
                owners, inner = reported[found.group()]
                for i in owners:
                    places[i].append(start + found.start())
                if inner:  # a start inside this one ("is" in "isis") is not reported by finditer
                    nested = True
                    _inside(
                        at, reported, lowered, [found.start() + k for k in inner], places, start
                    )
        for i, mixed in enumerate(self._mixed):
            if (mixed or nested) and len(places[i]) > 1:
                places[i] = sorted(set(places[i]))
        return places


_Reported = dict[str, tuple[tuple[int, ...], tuple[int, ...]]]


def _inside(
    at: re.Pattern[str],
    reported: _Reported,
    lowered: str,
    todo: list[int],
    places: list[list[int]],
    start: int,
) -> None:
    """The places of the starts that begin inside a start finditer reported (offsets `todo`)."""
    while todo:
        place = todo.pop()
        found = at.match(lowered, place)
        if found is not None:
            owners, inner = reported[found.group()]
            for i in owners:
                places[i].append(start + place)
            todo.extend(place + k for k in inner)


def _reported(
    starts: list[tuple[str, ...] | None], words: list[str], *, at_words: bool
) -> _Reported:
    """For each word a search may report: whose start it is, where another may begin inside.

    A search reports the longest start at a place; the patterns with a start there are those
    with a start that is a prefix of the reported word (one has, by construction). Another
    start may begin inside it where a word may start (at_words: after a non-word character)
    and the rest of it fits that start.
    """
    return {
        w: (
            tuple(i for i, found in enumerate(starts) if found and w.startswith(found)),
            tuple(
                k
                for k in range(1, len(w))
                if (not at_words or (not _WORD.match(w[k - 1]) and _WORD.match(w[k])))
                and any(w[k:].startswith(v) or v.startswith(w[k:]) for v in words)
            ),
        )
        for w in words
    }


_WORD = re.compile(r"\w")


def _anchored(items: Any) -> bool:
    r"""Whether every match of the sequence begins at a \b (before any character)."""
    for op, av in items:
        if op is _c.AT:
            return bool(av is _c.AT_BOUNDARY)
        if op is _c.SUBPATTERN:
            return _anchored(av[-1].data)
        if op is _c.BRANCH:
            return all(_anchored(branch.data) for branch in av[1])
        return False
    return False


def _tried(
    pattern: re.Pattern[str], text: str, end: int, places: list[int], limit: int = sys.maxsize
) -> list[re.Match[str]]:
    """The matches of `pattern` that begin at one of `places` (ascending), without overlaps."""
    found: list[re.Match[str]] = []
    after = 0
    for place in places:
        if place >= after:
            m = pattern.match(text, place, end)
            if m is not None:
                found.append(m)
                if len(found) >= limit:
                    break
                after = m.end()
    return found


class Prefiltered:
    """A pattern used as itself (search, match, finditer), with the cheap tests above first.

    With literal starts it is tried only at them (as Scanners); else, when every match holds
    one of a few words, a text without any of them is not read at all.
    """

    __slots__ = ("_scan", "_words", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        """Read the starts, else the words every match holds, from the pattern."""
        self.pattern = pattern
        starts = needles(pattern)
        self._scan = Scanners([pattern]) if starts else None
        # "the capital": "capital" says more than the start "the"; test it first
        words = contained(pattern)
        self._words = re.compile(_trie(words)) if words and words != starts else None

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """As re.Pattern.finditer."""
        pos, endpos = _bounds(string, pos, endpos)
        lowered = string[pos:endpos].lower()  # once, for the word test and the scan
        if not self._may_hold(lowered, endpos - pos):
            return
        if self._scan is not None:
            yield from self._scan.finditer(string, pos, endpos, lowered)[0]
        else:
            yield from self.pattern.finditer(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As re.Pattern.search."""
        pos, endpos = _bounds(string, pos, endpos)
        lowered = string[pos:endpos].lower()
        if not self._may_hold(lowered, endpos - pos):
            return None
        places = (
            self._scan._places(string, pos, endpos, lowered) if self._scan is not None else None
        )
        if places is None:
            return self.pattern.search(string, pos, endpos)
        found = _tried(self.pattern, string, endpos, places[0], limit=1)
        return found[0] if found else None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As re.Pattern.match."""
        pos, endpos = _bounds(string, pos, endpos)
        if not self._may_hold(string[pos:endpos].lower(), endpos - pos):
            return None
        return self.pattern.match(string, pos, endpos)

    def _may_hold(self, lowered: str, length: int) -> bool:
        """False only when no match can lie in the text `lowered` (of `length` characters)."""
        if self._words is None:
            return True
        return self._words.search(lowered) is not None or _trapped(lowered, length)


def _bounds(string: str, pos: int, endpos: int) -> tuple[int, int]:
    """The pos and endpos that re reads: clipped to the string."""
    if endpos > len(string):
        endpos = len(string)
    if 0 <= pos <= endpos:
        return pos, endpos
    endpos = max(endpos, 0)
    return min(max(pos, 0), endpos), endpos


def _trie(words: Iterable[str]) -> str:
    """An alternation of literal words, factored by shared prefixes ("ba(?:se|sed)" style).

    `re` tries the alternatives of "base|based|bomb" one by one at every place; factored, one
    letter picks the branch, so a search over dozens of words costs about as much as over one.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + pattern(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)
