r"""A cheap test before a costly pattern: the literal words any match must start with.

Scanning a sentence with a long alternation (`\\b(?:withdr[ae]w|pull(?:s|ed)?\\s+out|...)`) costs
a try at every word; a substring test for each alternative's literal start ("withdr", "pull")
costs almost nothing. The starts are read from the compiled pattern itself, so they cannot fall
out of step with it; a pattern with an alternative that has no literal start is always run.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_MIN_NEEDLE = 2


def _starts(items: Any) -> set[str] | None:
    """Every literal prefix a match of this sequence begins with, or None if one may be empty."""
    items = list(items)
    prefix = ""
    for i, (op, av) in enumerate(items):
        if op is _c.AT and not prefix:
            continue  # a leading \b
        if op is _c.LITERAL:
            prefix += chr(av).lower()
            continue
        if op is _c.IN and {o for o, _ in av} == {_c.LITERAL}:
            chars = {chr(v).lower() for _, v in av}
            if len(chars) == 1:  # [Pp]: one letter in either case
                prefix += chars.pop()
                continue
        if prefix:
            break
        if op is _c.SUBPATTERN:
            return _joined(_starts(av[-1].data), items[i + 1 :])
        if op is _c.BRANCH:
            found: set[str] = set()
            for branch in av[1]:
                starts = _starts([*branch.data, *items[i + 1 :]])
                if starts is None:
                    return None
                found |= starts
            return found
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0:
            # "(?:sleeper\s+)?cells": either the optional part or what follows it
            first, rest = _starts(av[2].data), _starts(items[i + 1 :])
            return None if first is None or rest is None else first | rest
        return None
    return {prefix} if len(prefix) >= _MIN_NEEDLE else None


def _joined(starts: set[str] | None, rest: list[Any]) -> set[str] | None:
    return starts


def needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The lower-case words one of which any match contains, or None when unknown."""
    starts = _starts(_p.parse(pattern.pattern, pattern.flags).data)
    return tuple(sorted(starts)) if starts else None


def may_match(found: tuple[str, ...] | None, lowered: str) -> bool:
    """False only when the pattern cannot match `lowered` (the text, lower-cased)."""
    return found is None or any(n in lowered for n in found)
