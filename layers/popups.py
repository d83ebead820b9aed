"""Evidence popups and labels as HTML: every untrusted string is escaped exactly once, here.

Article text, titles, outlets and place names are untrusted. They are escaped with html.escape
(quotes and apostrophes included) when the HTML is built, and never again: the HTML travels to
the page in JSON strings (a popup as head, numbered claims and tail: layers.compact) and Leaflet
sets it as innerHTML. Nothing here goes through folium's Popup, whose template puts HTML inside
a JavaScript template literal (backticks).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

# A claim shows its role as one short word; what the word means is said once per popup.
_ROLE_MEANINGS = {
    "history": "superseded by newer reporting",
    "later": "reported for a later date",
}
_KIND_LABELS = {
    "coalition_presence": "coalition presence",
    "coalition_departure": "coalition departure",
    "coalition_arrival": "coalition arrival",
    "isis_activity": "ISIS activity",
    "isis_threat": "ISIS threat",
}
POPUP_CSS = """
.pm-popup{font:13px/1.35 system-ui,sans-serif;max-width:360px}
.pm-popup h4{margin:0 0 4px;font-size:15px}
.pm-popup table{border-collapse:collapse;margin:2px 0 6px}
.pm-popup th{text-align:left;padding:1px 8px 1px 0;color:#555;font-weight:600;vertical-align:top}
.pm-popup td{padding:1px 0}
.pm-note{margin:4px 0;padding:3px 6px;background:#fff4d6;border-left:3px solid #e0a800}
.pm-popup h5{margin:6px 0 2px;font-size:13px}
.pm-key{margin:0 0 4px;color:#555;font-size:12px}
.pm-evidence{margin:0;padding-left:18px;max-height:220px;overflow-y:auto}
.pm-evidence li{margin-bottom:6px}
.pm-evidence li>span,.pm-key span{font-size:11px;text-transform:uppercase;letter-spacing:.03em;
 color:#fff;background:#1f5fa8;border-radius:3px;padding:0 4px}
.pm-history>span,.pm-later>span,.pm-key span{background:#888}
.pm-history blockquote{color:#666}
.pm-evidence blockquote{margin:3px 0;padding-left:6px;border-left:3px solid #bbb;font-style:italic}
.pm-evidence div{color:#444;font-size:12px}
"""


def esc(text: object) -> str:
    """Escape for HTML text and attribute values (&, <, >, " and ')."""
    return html.escape(str(text), quote=True)


_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: object) -> str:
    """Escape for Streamlit markdown: every ASCII punctuation mark backslashed.

    Streamlit renders labels, captions and alerts as markdown, where untrusted text could
    link, embed a remote image, colour (:red[...]) or typeset ($...$); escaped, it is shown.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None: no javascript:, data: or file: links."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in {"http", "https"} and parts.netloc else None


def popup_html(
    name: str,
    attributes: Sequence[tuple[str, str]],
    evidence: Iterable[Mapping[str, Any]],
    *,
    note: str | None = None,
) -> str:
    """A feature's popup: its name, attributes, an optional caveat and its evidence, newest first.

    `evidence` items are the dicts of `layers.frames.evidence_records` (the same fields the
    GeoJSON export carries), so the popup shows exactly what the export holds.
    """
    head, claims, tail = popup_parts(name, attributes, evidence, note=note)
    return head + "".join(claims) + tail


def popup_parts(
    name: str,
    attributes: Sequence[tuple[str, str]],
    evidence: Iterable[Mapping[str, Any]],
    *,
    note: str | None = None,
) -> tuple[str, list[str], str]:
    """popup_html as what comes before the claims, each claim's <li>, and what comes after.

    The map writes each claim's <li> once per layer and a popup as its head, claim numbers and
    tail (layers.compact): many claims are shown at several places.
    """
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in attributes if v)
    head = [f"<div class=pm-popup><h4>{esc(name)}</h4>"]
    if rows:
        head.append(f"<table>{rows}</table>")
    if note:
        head.append(f"<p class=pm-note>{esc(note)}</p>")
    records = list(evidence)
    if not records:
        head.append("<h5>Evidence</h5><p>No article makes a claim about this place.</p></div>")
        return "".join(head), [], ""
    head.append(f"<h5>Evidence ({len(records)}, newest first)</h5>")
    head.append(_role_key(records))
    head.append("<ol class=pm-evidence>")
    return "".join(head), [_claim_html(e) for e in records], "</ol></div>"


def _role_key(records: Sequence[Mapping[str, Any]]) -> str:
    """What the popup's role words mean, said once: on each claim they were ~30 kB of a map."""
    roles = {str(e.get("role", "current")) for e in records}
    meanings = [f"<span>{esc(r)}</span> {esc(m)}" for r, m in _ROLE_MEANINGS.items() if r in roles]
    return f"<p class=pm-key>{' · '.join(meanings)}</p>" if meanings else ""


def _claim_html(e: Mapping[str, Any]) -> str:
    """One claim as an <li>, in few bytes (classes unquoted): an export carries ~700 of them."""
    role = str(e.get("role", "current"))
    kind = _KIND_LABELS.get(str(e.get("kind")), str(e.get("kind")))
    status = f" ({e['status']})" if e.get("status") else ""
    when = f" · {e['date_text']}" if e.get("date_text") else ""
    url = safe_url(e.get("url"))
    title = esc(e.get("title", ""))
    link = (
        f'<a href="{esc(url)}" target=_blank rel="noopener noreferrer">{title}</a>'
        if url
        else f"<cite>{title}</cite>"
    )
    note = e.get("via_note") or f"Said of {e.get('via_name')}, which contains this place."
    via = f"<div>{esc(note)}</div>" if e.get("via") else ""
    # The class is unquoted, so it is one of the known roles; the label shows the role as given.
    role_class = role if role in _ROLE_MEANINGS else "current"
    return (
        f"<li class=pm-{role_class}><span>{esc(role)}</span> <b>{esc(kind + status)}</b>"
        f"{esc(when)}<blockquote>“{esc(e.get('quote', ''))}”</blockquote>"
        f"<div>{esc(e.get('outlet', ''))}, {esc(e.get('published', ''))} · {link}</div>{via}</li>"
    )


def feature_attributes(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The attribute rows a popup (or the dashboard's evidence panel) shows for a feature.

    Head counts come with who reported them; when reports differ, every figure is listed.
    """
    figures = list(row.get("figures") or [])
    counts = [f for f in figures if not f["moving"]]
    personnel = ""
    if row["personnel_min"] is not None:
        personnel = f"{_count(row)} (“{row['personnel_text']}”)"
        if row.get("personnel_as_of") and row["personnel_as_of"] != row.get("as_of"):
            personnel += f", reported for {row['personnel_as_of']}"
    if row.get("reports_differ") and len(counts) > 1:
        personnel = "reports differ: " + " · ".join(_sourced(f) for f in counts)
    countries = ", ".join(row["countries"])
    if row["country_count"]:
        named = f": {countries}" if countries else ""
        countries = f"{row['country_count']} countries{named}"
    return [
        ("Status", str(row["status"])),
        ("Why", str(row["reason"])),
        ("Personnel", personnel),
        ("Moving", " · ".join(_sourced(f) for f in figures if f["moving"])),
        ("Countries", countries),
        ("Region", str(row.get("region") or "")),
        ("First reported", str(row.get("first_reported") or "")),
        ("As of", str(row["as_of"] or "latest")),
    ]


def _count(row: Mapping[str, Any]) -> str:
    lo, hi = int(row["personnel_min"]), int(row["personnel_max"])
    return ("≈" if row["personnel_approximate"] else "") + (
        f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"
    )


def _sourced(figure: Mapping[str, Any]) -> str:
    return f"{figure['label']} (“{figure['text']}”, {figure['outlet']}, {figure['published']})"


def tooltip_html(name: str, detail: str = "") -> str:
    """A one-line hover label."""
    return f"<b>{esc(name)}</b>" + (f" · {esc(detail)}" if detail else "")
