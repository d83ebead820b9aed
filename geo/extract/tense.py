"""Phase of a move, negation, hedges, tense: what a verb form says about when and whether."""

from __future__ import annotations

import re

from geo.extract.cues import _Cue
from geo.extract.lexicon import _FORCE_NOUN
from geo.extract.prefilter import Prefiltered

# Phase of a move, negation, hedges, tense

_PLANNED = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|to\s+be|plans?|planned|planning|expected|"
    r"scheduled|set\s+to|intends?|intended|aims?\s+to|due\s+to|agreed\s+to|decided\s+to|"
    r"decision\s+to|upcoming|proposed|future|by\s+the\s+end\s+of|coming|forthcoming|"
    r"impending|looming|imminent|set\s+for|scheduled\s+for|must|ha(?:s|ve)\s+to|need\s+to|"
    r"(?:may|might|could)(?:\s+(?:soon|also|still))?\s+be)\b|['’]ll\b",
    re.I,
)
_PLANNED_SCAN = Prefiltered(_PLANNED)
_UNDER_WAY = re.compile(
    r"\b(?:began|begun|begins|beginning|start(?:ed|s|ing)|underway|under\s+way|ongoing|"
    r"continu\w*|in\s+progress|progressively|gradually|(?:is|are|been)\s+\w+ing)\b",
    re.I,
)
_COMPLETED = re.compile(
    r"\b(?:completed|complete|concluded|finished|fully|already|has|have|had|ended|effectively)"
    r"\b",
    re.I,
)
_PAST_FORM = re.compile(
    r"(?:withdrew|withdrawn|left|pulled\s+out|moved|relocated|evacuated|vacated|handed\s+over|"
    r"departed|redeployed|transferred|shifted|drew\s+down|drawn\s+down|exited|quit|arrived|"
    r"repositioned|concluded|completed|ended|finished|wound\s+up|wrapped\s+up|took|taken|"
    r"assumed|gained|gone)\b",
    re.I,
)
_AFTER_COMPLETED = re.compile(
    r"^[^,;]{0,30}?\b(?:is|was|has\s+been|were)\s+(?:now\s+|fully\s+)?(?:complete|completed|"
    r"finished|over|done)\b",
    re.I,
)
_AFTER_UNDER_WAY = re.compile(
    r"^[^,;]{0,30}?\b(?:is|was|are)\s+(?:now\s+)?(?:under\s?way|ongoing|in\s+progress)|"
    r"^[^,;]{0,30}?\b(?:began|started|has\s+begun)\b",
    re.I,
)
_AFTER_PLANNED = re.compile(
    r"^[^,;]{0,90}?\b(?:will|would|(?:is|are)\s+to|(?:is|are)\s+(?:due|set|scheduled|expected|"
    r"planned)\s+to|(?:is|are)\s+expected)\b",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|without|denied|denies|deny|refuted|dismissed)\b|n['’]t\b", re.I
)
_NO_LONGER = re.compile(r"\bno\s+longer\b|\bno\b[^,;]{0,40}$", re.I)
_DENIAL = re.compile(r"\b(?:denied|denies|deny|refuted|dismissed|rejected)\b", re.I)
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|unconfirmed|rumou?red|may|might|could|possibly|"
    r"likely|unclear)\b",
    re.I,
)
_PAST_PRESENCE = re.compile(
    r"\b(?:were|was|had\s+been|used\s+to|formerly|previously|once|until(?!\s+(?:now|today)\b))\b",
    re.I,
)
_RESIDUAL = re.compile(
    r"\b(?:only|a\s+few(?!\s+(?:dozen|hundred|thousand))|handful|residual|"
    r"small\s+(?:[\w.-]+\s+){0,2}?(?:number|team|contingent|group|detachment|unit|force)|"
    r"skeleton|remaining\s+few)\b",
    re.I,
)
_FROM = {"from", "out of", "of"}
_TO = {"to", "for", "into", "toward", "towards"}
_AT = {"in", "at", "inside", "within", "across", "throughout", "on", "around", "along"}
_DIRECT_MOVES = re.compile(
    r"^(?:left|leav|vacat|evacuat|exit|quit|hand|withdr|pull|depart|t(?:ak|ook)|assum|gain)", re.I
)
_PLACED = re.compile(r"stationed|based|deployed|positioned|garrisoned|concentrated", re.I)
_LEAVE = re.compile(r"^(?:leav|left)", re.I)
_LEFT_BEHIND = re.compile(rf"\b(?:{_FORCE_NOUN}|team|detachment|advisers|force|group)\b", re.I)
_DIRECT_ISIS = re.compile(
    r"^(?:attack|ambush|infiltrat|roam|raid|storm|strik|struck|bomb|pound|swe|comb|shell|hunt)",
    re.I,
)
# "a sweep of the Zghaitoun valley", "the clearance of Wadi al-Shay": "of" names where.
_OPERATION_OF = re.compile(
    r"^(?:sweep|operation|offensive|clearance|clearing|search|campaign|crackdown|bombardment|"
    r"combing|shelling|pursuit|mop)",
    re.I,
)


def _move_status(
    text: str, cue: _Cue, window_start: int, chunk_end: int, sentence_start: int | None = None
) -> str | None:
    """Planned (would/will/is to) / under way (began, are withdrawing) / completed (left)."""
    before = text[max(window_start, cue.start - 60) : cue.start]
    after = text[cue.end : chunk_end]
    if _PLANNED_SCAN.search(before) or (
        _TO_BEFORE.search(before) and not _UNDER_WAY.search(before)
    ):
        return "planned"
    if _UNDER_WAY.search(before + cue.text):
        return "under way"
    if _PAST_FORM.match(cue.text) or _COMPLETED.search(before):
        return "completed"
    if _AFTER_COMPLETED.match(after):
        return "completed"
    if _AFTER_UNDER_WAY.match(after):
        return "under way"
    if _AFTER_PLANNED.match(after):
        return "planned"
    if sentence_start is not None and _ALREADY_UNDER_WAY.search(text[sentence_start : cue.start]):
        return "under way"  # "The first phase is already under way, with a convoy leaving ..."
    return None


_ALREADY_UNDER_WAY = re.compile(
    r"\b(?:is|are)\s+(?:already\s+|now\s+)?(?:under\s?way|in\s+progress)\b", re.I
)
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:any|possible|potential|eventual|hypothetical|premature)\s+(?:[\w-]+\s+)?$", re.I
)
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|whether|in\s+case)\b|"
    # "did not say how many troops would leave Iraq": an indirect question reports no move.
    r"\bhow\s+(?:many|much|long|soon)\b|"
    r"\b(?:asked|questioned)\b[^.;:]{0,40}\babout\b|"  # "Asked about the planned relocation"
    # "The original plan called for a full pullout": a superseded plan is no report.
    r"\b(?:original(?:ly)?|initial(?:ly)?|earlier)\s+(?:plan|planned|scheduled|timeline)|"
    r"\bsupposed\s+to\b|\bhad\s+been\s+(?:planned|scheduled|expected)\b",
    re.I,
)


def _hypothetical(text: str, cue: _Cue, window_start: int) -> bool:
    """'any withdrawal from Hawler would ...', 'if US forces leave ...': feared, not reported."""
    return bool(
        _HYPOTHETICAL_BEFORE.search(text[max(window_start, cue.start - 30) : cue.start])
        or _CONDITIONAL.search(text[window_start : cue.start])
    )


_TO_BEFORE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.I)  # "to completely withdraw"
_NO_LONGER_WORDS = re.compile(r"\bno\s+longer\b", re.I)
_ANY_MORE = re.compile(r"[^.;]{0,60}?\b(?:any\s*more|any\s+longer)\b", re.I)


def _negated(text: str, cue: _Cue, window_start: int, sentence_start: int) -> str | None:
    """'no longer' / 'not' / a denial before the cue in its clause, else None."""
    before = text[max(window_start, cue.start - 40) : cue.start]
    if _NO_LONGER_WORDS.search(before):
        return "no longer"
    word = _NEGATION.search(before) or _NEGATION.search(cue.text)
    if word and _ANY_MORE.match(text, cue.end):
        return "no longer"  # "no US troops are stationed at Ain al-Asad any more"
    if word:
        return "no" if _NO_LONGER.search(before) else word.group(0).casefold()
    if _DENIAL.search(text[sentence_start : cue.start]):
        return "denied"
    return None


# ---------------------------------------------------------------------------------------------
