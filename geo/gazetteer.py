"""Names to places: every alias and common transliteration resolves to one canonical place id."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo.boundaries import default_governorates, federal_iraq, kurdistan_region
from geo.sites import default_sites
from geo.zones import default_activity_zones

# When one name fits several places, the most specific wins unless the caller asks for a kind:
# "Kirkuk" is the city; "Kirkuk province" (or kinds={"governorate"}) is the governorate.
_KIND_RANK = {
    "military_base": 0,
    "airport_military_base": 0,
    "headquarters": 0,
    "compound": 0,
    "former_base": 0,
    "district": 1,
    "city": 2,
    "town": 2,
    "wadi": 3,
    "reservoir": 3,
    "dam": 3,
    "lake_wadi": 3,
    "activity_zone": 4,
    "region": 5,
    "governorate": 6,
}
_MAX_NAME_TOKENS = 7
_MIN_KEY_LENGTH = 2  # "K1", "IZ"
_SHORT_KEY = 3  # keys this short only match capitalised text, like the words below
_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`ʿ][^\W_]+)*", re.UNICODE)
# Names that are also ordinary English words, only matched when capitalised in running text.
_CASE_SENSITIVE = {"hit", "ana"}


@dataclass(frozen=True, slots=True)
class Place:
    """A canonical place: one id, its display name, kind, names and geometry (WGS84)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    geometry: BaseGeometry
    precision: str = "exact"
    governorate: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in text, with character offsets and every place it could mean."""

    text: str
    start: int
    end: int
    candidates: tuple[Place, ...]

    @property
    def place(self) -> Place:
        """The most specific reading (see _KIND_RANK)."""
        return self.candidates[0]


def name_key(name: str) -> str:
    """Fold spelling variants together: case, accents, apostrophes, hyphens, doubled letters.

    'Ain al-Assad', 'Ain al-Asad' and 'AIN AL ASAD' share a key; so do 'Himreen'/'Hamrin'-style
    vowel spellings where ee~i and ou/oo~u, and a possessive 's is dropped ("Baghdad's").
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’ʼ`]s\b", "", text)
    text = re.sub(r"[^a-z0-9]", "", text)
    text = text.replace("ee", "i").replace("oo", "u").replace("ou", "u")
    return re.sub(r"(.)\1+", r"\1", text)


class Gazetteer:
    """An index from name keys to places; build once, query many times."""

    def __init__(self, places: Iterable[Place]) -> None:
        """Index every name, alias and respelling of each place under its name key."""
        self.places: dict[str, Place] = {}
        index: dict[str, list[Place]] = {}
        places = list(places)
        spellings = _spelling_groups(places)
        for place in places:
            self.places[place.id] = place
            names = {place.name, *place.aliases, *_generated_aliases(place)}
            for alias in names | _respelled(names, spellings):
                key = name_key(alias)
                if len(key) >= _MIN_KEY_LENGTH and place not in index.setdefault(key, []):
                    index[key].append(place)
        self._index = {k: tuple(sorted(v, key=_rank)) for k, v in index.items()}

    def resolve(self, name: str, *, kinds: Iterable[str] | None = None) -> Place | None:
        """The place a name means, or None for an unknown name (never a guess)."""
        wanted = set(kinds) if kinds is not None else None
        for place in self._index.get(name_key(name), ()):
            if wanted is None or place.kind in wanted:
                return place
        return None

    def find(self, text: str) -> list[PlaceMention]:
        """Every place name in `text`, longest match first, without overlaps, in reading order."""
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        mentions: list[PlaceMention] = []
        i = 0
        while i < len(tokens):
            for n in range(min(_MAX_NAME_TOKENS, len(tokens) - i), 0, -1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                span = text[start:end]
                candidates = self._index.get(name_key(span))
                if candidates and _plausible(span):
                    mentions.append(PlaceMention(span, start, end, candidates))
                    i += n
                    break
            else:
                i += 1
        return mentions


def _rank(place: Place) -> tuple[int, str]:
    return (_KIND_RANK.get(place.kind, 3), place.id)


def _plausible(span: str) -> bool:
    """Lower-case 'hit' is a verb, not the town of Hit; 'iz' is no International Zone."""
    key = name_key(span)
    return (key not in _CASE_SENSITIVE and len(key) > _SHORT_KEY) or span[:1].isupper()


def _generated_aliases(place: Place) -> list[str]:
    if place.kind != "governorate":
        return []
    names = {place.name, *place.aliases}
    return [f"{n} {suffix}" for n in names for suffix in ("province", "governorate")] + [
        f"{prefix} {n}" for n in names for prefix in ("province of", "governorate of")
    ]


def _spelling_groups(places: Iterable[Place]) -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    """The one-word spellings of each city and governorate, with a pattern for any of them.

    'Erbil', 'Irbil', 'Hawler', ...: the pattern finds any of them as a whole word.
    """
    groups = []
    for place in places:
        if place.kind in {"city", "town", "governorate"}:
            words = tuple(
                sorted({n for n in (place.name, *place.aliases) if re.fullmatch(r"[^\W\d_]+", n)})
            )
            if len(words) > 1:
                groups.append((re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b"), words))
    return groups


def _respelled(names: set[str], groups: list[tuple[re.Pattern[str], tuple[str, ...]]]) -> set[str]:
    """A site's name spelled with each spelling of the city it is named after.

    'Erbil airport' is also 'Irbil airport' and 'Hawler airport'.
    """
    found: set[str] = set()
    for name in names:
        for pattern, words in groups:
            match = pattern.search(name)
            if match and match.group(0) != name:
                found.update(pattern.sub(word, name) for word in words)
    return found


def _places(gdf: gpd.GeoDataFrame, *, kind: str | None = None) -> list[Place]:
    places = []
    for row in gdf.itertuples(index=False):
        places.append(
            Place(
                id=row.id,
                name=row.name,
                kind=kind or row.kind,
                aliases=tuple(row.aliases),
                geometry=row.geometry,
                precision="approximate"
                if getattr(row, "precision", "point") == "approximate"
                else "exact",
                governorate=getattr(row, "governorate", None) if kind != "governorate" else row.id,
            )
        )
    return places


def build_gazetteer(
    *,
    governorates: gpd.GeoDataFrame | None = None,
    sites: gpd.GeoDataFrame | None = None,
    zones: gpd.GeoDataFrame | None = None,
) -> Gazetteer:
    """Index governorates, derived regions, sites (not ridge anchors) and activity zones."""
    govs = default_governorates() if governorates is None else governorates
    pts = default_sites() if sites is None else sites
    zns = default_activity_zones() if zones is None else zones
    places = [
        *_places(govs, kind="governorate"),
        *_places(kurdistan_region(govs)),
        *_places(federal_iraq(govs)),
        *_places(pts[pts["kind"] != "ridge_point"]),
        *_places(zns),
    ]
    return Gazetteer(places)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer over the shipped data, built once per process."""
    return build_gazetteer()


def resolve_place(name: str, *, kinds: Iterable[str] | None = None) -> Place | None:
    """Resolve a name with the shipped gazetteer; None when the name is not a known place."""
    return default_gazetteer().resolve(name, kinds=kinds)


def find_places(text: str) -> list[PlaceMention]:
    """Find place names in text with the shipped gazetteer."""
    return default_gazetteer().find(text)
