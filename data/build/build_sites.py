"""Rebuild data/sites.geojson from the cited coordinate tables.

Sources: ../shared/reference/coordinates.md (the project's checked table) and
data/build/extra_places.csv (Euphrates towns and the bases, towns and cities the wire
reporting names, each row with its own citation). Run:
    python data/build/build_sites.py [path/to/coordinates.md]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buildlib import DATA_DIR, write_json_atomic

DEFAULT_TABLE = DATA_DIR.parent.parent / "shared" / "reference" / "coordinates.md"
EXTRA = Path(__file__).resolve().parent / "extra_places.csv"
OUT = DATA_DIR / "sites.geojson"
START, END = "<!-- sites-table:start -->", "<!-- sites-table:end -->"

# Source row name -> (id, display name, governorate id, aliases the table lacks).
# Governorates are written by hand from the sources' text (not from a spatial join), so the
# tests that check each point against its governorate polygon test something real. Places that
# straddle a border (Lake Tharthar, Wadi al-Zarka, the Jazira) name the governorate that holds
# the cited point: Salahaddin for all three, per the table's descriptions.
SITES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "Ain al-Asad Air Base": (
        "ain_al_asad",
        "Ain al-Asad Air Base",
        "anbar_governorate",
        (
            "Ain al-Asad",
            "Ain al-Assad",
            "Ain al-Assad airbase",
            "Ain al-Asad airbase",
            "Al-Asad Air Base",
            "Asad Air Base",
        ),
    ),
    "Erbil International Airport": (
        "erbil_airport",
        "Erbil International Airport",
        "erbil_governorate",
        ("Erbil airbase", "Erbil base"),
    ),
    "Harir Air Base": (
        "harir",
        "Harir Air Base",
        "erbil_governorate",
        ("Harir", "Harir base", "Harir airbase"),
    ),
    "Baghdad International Airport": (
        "baghdad_airport",
        "Baghdad International Airport",
        "baghdad_governorate",
        ("Baghdad airbase", "international airport in Baghdad"),
    ),
    "Camp Victory / Al-Faw Palace (Victory Base Complex)": (
        "camp_victory",
        "Camp Victory",
        "baghdad_governorate",
        # Shafaq's "Victoria Base at Baghdad International Airport" is the same site: one
        # Kurdistan24 report is rendered "Ayn al-Asad and Victoria military bases" (Anadolu) and
        # "the Victory Base Complex, located within the Baghdad International Airport" (Middle
        # East Eye); see data/SOURCES.md.
        ("Al-Faw Palace", "Victoria Base"),
    ),
    "Green Zone (International Zone), Baghdad": (
        "green_zone",
        "Green Zone",
        "baghdad_governorate",
        ("Green Zone", "Baghdad Green Zone"),
    ),
    "US Embassy Baghdad": (
        "us_embassy_baghdad",
        "US Embassy, Baghdad",
        "baghdad_governorate",
        (
            "US Embassy",
            "U.S. Embassy",
            "American embassy",
            "US embassy in Baghdad",
            "U.S. Embassy in Baghdad",
        ),
    ),
    "Union III base (FOB Union III / Al-Tawheed al-Thalith)": (
        "union_iii",
        "Union III base",
        "baghdad_governorate",
        ("Union III base",),
    ),
    "Joint Operations Command (JOC) HQ, Baghdad": (
        "joc_hq",
        "Joint Operations Command HQ",
        "baghdad_governorate",
        (
            "JOC headquarters",
            "JOC HQ",
            "Joint Operations Command headquarters",
            "headquarters of the Joint Operations Command",
            "JOC headquarters in Baghdad",
            # The command's own name is its headquarters only where forces are at or leave it:
            # geo/extract/places.py reads "Iraq's Joint Operations Command said" as the command.
            "Joint Operations Command",
        ),
    ),
    "Baghdad": (
        "baghdad",
        "Baghdad",
        "baghdad_governorate",
        ("Baghdad", "Iraqi capital", "Baghdad city"),
    ),
    "Erbil": ("erbil", "Erbil", "erbil_governorate", ("Erbil", "Erbil city")),
    "Kirkuk": ("kirkuk", "Kirkuk", "kirkuk_governorate", ("Kirkuk", "Kirkuk city")),
    "Mosul": ("mosul", "Mosul", "nineveh_governorate", ("Mosul",)),
    "Tikrit": ("tikrit", "Tikrit", "salahaddin_governorate", ("Tikrit",)),
    "Baqubah": ("baqubah", "Baqubah", "diyala_governorate", ("Baqubah",)),
    "Ramadi": ("ramadi", "Ramadi", "anbar_governorate", ("Ramadi",)),
    "K-1 Air Base": ("k1", "K-1 Air Base", "kirkuk_governorate", ("K-1", "K-1 base", "K1 base")),
    "Al-Qa'im": ("al_qaim", "Al-Qa'im", "anbar_governorate", ("Al-Qa'im", "Qa'im")),
    "Lake Hamrin (SE end of Hamrin Mountains)": (
        "lake_hamrin",
        "Lake Hamrin",
        "diyala_governorate",
        ("Lake Hamrin", "Lake Himreen"),
    ),
    "Hemrin Dam": ("hamrin_dam", "Hemrin Dam", "diyala_governorate", ("Hemrin Dam",)),
    "Tuz Khurmatu": (
        "tuz_khurmatu",
        "Tuz Khurmatu",
        "salahaddin_governorate",
        ("Tuz Khurmatu", "Tuz Khurmato"),
    ),
    "Daquq": ("daquq", "Daquq", "kirkuk_governorate", ("Daquq",)),
    "Hawija": ("hawija", "Hawija", "kirkuk_governorate", ("Hawija",)),
    "Dibis": ("dibis", "Dibis", "kirkuk_governorate", ("Dibis",)),
    "Wadi al-Shay": (
        "wadi_al_shay",
        "Wadi al-Shay",
        "kirkuk_governorate",
        ("Wadi al-Shay", "Wadi Shay"),
    ),
    "Wadi Zghaytun": (
        "wadi_zghaytun",
        "Wadi Zghaytun",
        "kirkuk_governorate",
        ("Wadi Zghaytun", "Zghaytun"),
    ),
    "Wadi al-Zarka": (
        "wadi_al_zarka",
        "Wadi al-Zarka",
        "salahaddin_governorate",
        ("Wadi al-Zarka", "Wadi Zarka"),
    ),
    "Wadi Hauran": ("wadi_hauran", "Wadi Hauran", "anbar_governorate", ("Wadi Hauran",)),
    "Ar-Rutbah": ("rutba", "Ar-Rutbah", "anbar_governorate", ("Ar-Rutbah",)),
    "Lake Tharthar / Wadi Tharthar": (
        "lake_tharthar",
        "Lake Tharthar",
        "salahaddin_governorate",
        ("Lake Tharthar", "Wadi Tharthar"),
    ),
    "Al-Jazira desert (al-Jazeera region)": (
        "jazira_desert",
        "Al-Jazira desert",
        "salahaddin_governorate",
        ("Jazira desert", "al-Jazira desert", "Jazeera desert", "al-Jazeera region"),
    ),
    "Haditha": ("haditha", "Haditha", "anbar_governorate", ("Haditha",)),
    "Hit": ("hit", "Hit", "anbar_governorate", ("Hit",)),
    "Fallujah": ("fallujah", "Fallujah", "anbar_governorate", ("Fallujah",)),
    "Anah": ("anah", "Anah", "anbar_governorate", ("Anah",)),
    # Places the wire reporting on troop moves and ISIS remnants names often (extra_places.csv).
    # Makhmour is disputed (Nineveh de jure since 1991, run from Erbil until 2017); this edition
    # draws its district inside Erbil, so Erbil is the polygon that holds the cited point.
    "Makhmour": ("makhmour", "Makhmour", "erbil_governorate", ()),
    "Qayyarah Airfield West": (
        "qayyarah_west",
        "Qayyarah Airfield West (Q-West)",
        "nineveh_governorate",
        ("Qayyarah Airfield West",),
    ),
    "Qayyarah": ("qayyarah", "Qayyarah", "nineveh_governorate", ()),
    "Al-Taqaddum Air Base": (
        "taqaddum",
        "Al-Taqaddum Air Base",
        "anbar_governorate",
        ("Al-Taqaddum airbase", "Taqaddum airbase"),
    ),
    "Samarra": ("samarra", "Samarra", "salahaddin_governorate", ()),
    # Camp Taji and Tarmiyah are run from Baghdad governorate, but this edition's Baghdad
    # polygon is small (data/SOURCES.md): both cited points lie in its Salahaddin polygon.
    "Tarmiyah": ("tarmiyah", "Tarmiyah", "salahaddin_governorate", ()),
    "Sinjar": ("sinjar", "Sinjar", "nineveh_governorate", ()),
    "Badush": ("badush", "Badush", "nineveh_governorate", ()),
    "Tal Afar": ("tal_afar", "Tal Afar", "nineveh_governorate", ()),
    "Jalawla": ("jalawla", "Jalawla", "diyala_governorate", ()),
    "Khanaqin": ("khanaqin", "Khanaqin", "diyala_governorate", ()),
    "Muqdadiyah": ("muqdadiyah", "Muqdadiyah", "diyala_governorate", ()),
    "Bashiqa": ("bashiqa", "Bashiqa", "nineveh_governorate", ()),
    # "Taji" alone means the base in this reporting; the Taji area beside it has no row.
    "Camp Taji": ("camp_taji", "Camp Taji", "salahaddin_governorate", ()),
    # Not "Balad" alone: that is the town and district next to the base (and "Balad Ruz").
    "Balad Air Base": ("balad_air_base", "Balad Air Base", "salahaddin_governorate", ()),
    # City names shared with their governorates: the city wins, as with Erbil and Kirkuk.
    "Sulaymaniyah": (
        "sulaymaniyah",
        "Sulaymaniyah",
        "sulaymaniyah_governorate",
        ("Sulaymaniyah city",),
    ),
    "Duhok": ("duhok", "Duhok", "duhok_governorate", ("Duhok city",)),
    # Halabja is a governorate of its own since 2014; this edition keeps it in Sulaymaniyah.
    "Halabja": ("halabja", "Halabja", "sulaymaniyah_governorate", ()),
    "Baiji": ("baiji", "Baiji", "salahaddin_governorate", ()),
}
# Table aliases that name something other than the place: none at present ("JOC" and "Joint
# Operations Command" name the command too; geo/extract/places.py tells the readings apart).
NOT_ALIASES: dict[str, set[str]] = {}
# Ridge points are anchors for the derived Hamrin zone, not places of their own: the range's
# names belong to that zone (geo/zones.py).
RIDGE: dict[str, tuple[str, str]] = {
    "Hamrin Mountains - NW end at the Tigris (al-Fatha gorge)": (
        "hamrin_ridge_1",
        "salahaddin_governorate",
    ),
    "Hamrin Mountains (Wikipedia reference point)": ("hamrin_ridge_2", "salahaddin_governorate"),
    "Hamrin Mountains - ru-Wikipedia point": ("hamrin_ridge_3", "kirkuk_governorate"),
    # The road crossing lies on the Kirkuk side of the Salahaddin border, ~25 miles from Tikrit.
    "Hamrin Mountains - Kirkuk–Tikrit road crossing": ("hamrin_ridge_4", "kirkuk_governorate"),
}


def _rows_from_markdown(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    return [
        dict(zip(header, (c.strip() for c in ln.strip("|").split("|")), strict=False))
        for ln in lines[2:]
    ]


def _rows_from_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            {**row, "aliases / spellings": row["aliases"].replace(";", ", ")}
            for row in csv.DictReader(fh)
        ]


def _feature(
    row: dict[str, str], site_id: str, name: str, gov: str, extra: tuple[str, ...], kind: str
) -> dict[str, object]:
    listed = [a.strip() for a in row.get("aliases / spellings", "").split(",") if a.strip()]
    aliases = [
        a for a in dict.fromkeys([*extra, *listed]) if a not in NOT_ALIASES.get(site_id, set())
    ]
    quality = row["quality"]
    return {
        "type": "Feature",
        "id": site_id,
        "properties": {
            "id": site_id,
            "name": name,
            "kind": kind,
            "quality": quality,
            "precision": "approximate" if quality == "estimate" else "point",
            "governorate": gov,
            "aliases": aliases,
            "source": row["source"],
        },
        "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]},
    }


def build(table: Path) -> dict[str, object]:
    """Select the cited rows, attach ids, aliases and governorates."""
    rows = _rows_from_markdown(table) + _rows_from_csv(EXTRA)
    features = []
    for row in rows:
        place = row["place"]
        if place in SITES:
            site_id, name, gov, extra = SITES[place]
            features.append(_feature(row, site_id, name, gov, extra, row["kind"]))
        elif place in RIDGE:
            site_id, gov = RIDGE[place]
            features.append(_feature(row, site_id, place, gov, (), "ridge_point"))
            features[-1]["properties"]["aliases"] = []  # type: ignore[index]
    missing = set(SITES) | set(RIDGE)
    missing -= {r["place"] for r in rows}
    if missing:
        raise SystemExit(f"rows not found in the sources: {sorted(missing)}")
    features.sort(key=lambda f: str(f["id"]))
    return {"type": "FeatureCollection", "features": features}


def sources_table(payload: dict[str, object]) -> str:
    """The per-site citation table that data/SOURCES.md carries between its markers."""
    lines = [
        "| id | name | lat, lon | quality | governorate | source |",
        "|---|---|---|---|---|---|",
    ]
    for feature in payload["features"]:  # type: ignore[attr-defined]
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        lines.append(
            f"| `{p['id']}` | {p['name']} | {lat}, {lon} | {p['quality']} | "
            f"{p['governorate']} | {p['source'].replace('|', '/')} |"
        )
    return "\n".join(lines)


def _update_sources_md(table: str) -> None:
    path = DATA_DIR / "SOURCES.md"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    """Build the sites GeoJSON from the cited table (argument: the table; default: ours)."""
    table = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TABLE
    payload = build(table)
    write_json_atomic(OUT, payload)
    _update_sources_md(sources_table(payload))
    print(f"wrote {OUT} ({len(payload['features'])} sites)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
