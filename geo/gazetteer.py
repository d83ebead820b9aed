"""Names to places: every alias and common transliteration resolves to one canonical place id.

Two gazetteers share one source of names (the GeoJSON properties, the zone table and the
region table below): `default_names()` reads the names with plain `json`, for extraction, which
needs no geometry; `default_gazetteer()` adds each place's geometry (geopandas), for the map.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from geo.zone_table import ZONES

if TYPE_CHECKING:
    import geopandas as gpd
    from shapely.geometry.base import BaseGeometry

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

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
    "country": 7,
}
_MAX_NAME_TOKENS = 7
_MIN_KEY_LENGTH = 2  # "K1", "IZ"
_SHORT_KEY = 3  # keys this short only match capitalised text, like the words below
_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`ʿ][^\W_]+)*", re.UNICODE)
# Names that are also ordinary English words, only matched when capitalised in running text.
_CASE_SENSITIVE = {"hit", "ana"}
_POSSESSIVE = re.compile(r"['’ʼ`]s\b")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_DOUBLED = re.compile(r"(.)\1+")

# Places derived from the governorates, with the names the reporting uses for them.
REGION_NAMES: tuple[dict[str, Any], ...] = (
    {
        "id": "kurdistan_region",
        "name": "Kurdistan Region",
        "kind": "region",
        "aliases": [
            "Kurdistan Region",
            "Kurdistan Region of Iraq",
            "Iraqi Kurdistan",
            "Kurdistan",
            "KRI",
            "Kurdistan region",
            "Kurdish region",
            "Kurdish autonomous region",
        ],
    },
    {
        "id": "federal_iraq",
        "name": "Federal Iraq",
        "kind": "region",
        "aliases": [
            "federal Iraq",
            "federal areas",
            "federal territory",
            "federal regions",
            "federal Iraqi territory",
            "federal Iraqi bases",
        ],
    },
    # National figures ("2,500 US troops remain in Iraq") are claims about the whole country.
    # "will leave Iraqi territory", "on Iraqi soil": the country, named by its adjective.
    {
        "id": "iraq",
        "name": "Iraq",
        "kind": "country",
        "aliases": ["Iraq", "Republic of Iraq", "Iraqi territory", "Iraqi soil"],
    },
)


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A canonical place as text knows it: one id, its display name, kind and names.

    `governorates` lists the governorates a region or zone spans, so containment is known
    without geometry.
    """

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    precision: str = "exact"
    governorate: str | None = None
    governorates: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The name in lists and tables: "Erbil governorate" beside the city "Erbil"."""
        return f"{self.name} governorate" if self.kind == "governorate" else self.name


@dataclass(frozen=True, slots=True)
class Place(PlaceName):
    """A canonical place with its geometry (WGS84), for the map and the posture."""

    geometry: BaseGeometry = field(kw_only=True)


P = TypeVar("P", bound=PlaceName)


@dataclass(frozen=True, slots=True)
class PlaceMention(Generic[P]):
    """A place name found in text, with character offsets and every place it could mean."""

    text: str
    start: int
    end: int
    candidates: tuple[P, ...]

    @property
    def place(self) -> P:
        """The most specific reading (see _KIND_RANK)."""
        return self.candidates[0]


def name_key(name: str) -> str:
    """Fold spelling variants together: case, accents, apostrophes, hyphens, doubled letters.

    'Ain al-Assad', 'Ain al-Asad' and 'AIN AL ASAD' share a key; so do 'Himreen'/'Hamrin'-style
    vowel spellings where ee~i and ou/oo~u, and a possessive 's is dropped ("Baghdad's").
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NOT_ALNUM.sub("", _POSSESSIVE.sub("", text))
    text = text.replace("ee", "i").replace("oo", "u").replace("ou", "u")
    return _DOUBLED.sub(r"\1", text)


@lru_cache(maxsize=65_536)
def _token_key(token: str) -> str:
    """A token's key, computed once per distinct word (news text repeats its words)."""
    return name_key(token)


class Gazetteer(Generic[P]):
    """Names indexed as token sequences in a trie: one pass over a text finds every place."""

    def __init__(self, places: Iterable[P]) -> None:
        """Index every name, alias and respelling of each place, by key and by token keys."""
        self.places: dict[str, P] = {}
        index: dict[str, list[P]] = {}
        by_tokens: dict[tuple[str, ...], list[P]] = {}
        places = list(places)
        spellings = _spelling_groups(places)
        for place in places:
            self.places[place.id] = place
            names = {place.name, *place.aliases, *_generated_aliases(place)}
            for alias in names | _respelled(names, spellings):
                key = name_key(alias)
                if len(key) < _MIN_KEY_LENGTH:
                    continue
                if place not in index.setdefault(key, []):
                    index[key].append(place)
                # The name as written ("Ain al-Asad") and run together ("Ainalasad").
                for path in {_token_path(alias), (key,)}:
                    if path and place not in by_tokens.setdefault(path, []):
                        by_tokens[path].append(place)
        self._index = {k: tuple(sorted(v, key=_rank)) for k, v in index.items()}
        self._trie: dict[str, Any] = {}
        for path, found in by_tokens.items():
            node = self._trie
            for key in path:
                node = node.setdefault(key, {})
            node[""] = tuple(sorted(found, key=_rank))  # "" is never a token key

    def resolve(self, name: str, *, kinds: Iterable[str] | None = None) -> P | None:
        """The place a name means, or None for an unknown name (never a guess)."""
        wanted = set(kinds) if kinds is not None else None
        for place in self._index.get(name_key(name), ()):
            if wanted is None or place.kind in wanted:
                return place
        return None

    def find(self, text: str) -> list[PlaceMention[P]]:
        """Every place name in `text`, longest match first, without overlaps, in reading order."""
        words = _TOKEN.findall(text)
        keys = list(map(_token_key, words))
        trie = self._trie
        # Only a token whose key starts a name can start a mention: most tokens do not.
        firsts = [i for i, key in enumerate(keys) if key in trie]
        if not firsts:
            return []
        starts = _offsets(text, words)
        mentions: list[PlaceMention[P]] = []
        count, done = len(keys), 0
        for i in firsts:
            if i < done:
                continue  # inside the mention just found
            node: dict[str, Any] | None = trie[keys[i]]
            best: tuple[int, tuple[P, ...]] | None = None
            n = 1
            while node is not None:
                if "" in node:
                    span = text[starts[i] : starts[i + n - 1] + len(words[i + n - 1])]
                    if _plausible(span):
                        best = (n, node[""])
                if n >= _MAX_NAME_TOKENS or i + n >= count:
                    break
                node = node.get(keys[i + n])
                n += 1
            if best is None:
                continue
            n, candidates = best
            start, end = starts[i], starts[i + n - 1] + len(words[i + n - 1])
            mentions.append(PlaceMention(text[start:end], start, end, candidates))
            done = i + n
        return mentions


def _offsets(text: str, words: list[str]) -> list[int]:
    """Where each token found by _TOKEN.findall starts.

    The first occurrence of a token's text after the previous token is the token itself: an
    earlier one would be a run of word characters, so a token the search would have found first.
    """
    starts, at = [], 0
    for word in words:
        at = text.find(word, at)
        starts.append(at)
        at += len(word)
    return starts


def covers(outer: PlaceName, inner: PlaceName) -> bool:
    """Whether `outer` holds `inner`, from the administrative tables (no geometry needed)."""
    if outer.id == inner.id or outer.kind == "country":
        return True
    if outer.kind == "governorate":
        return inner.governorate == outer.id or set(inner.governorates) == {outer.id}
    if outer.governorates:
        inside = set(inner.governorates) or ({inner.governorate} if inner.governorate else set())
        return bool(inside) and inside <= set(outer.governorates)
    return False


def _token_path(name: str) -> tuple[str, ...]:
    keys = tuple(_token_key(m.group(0)) for m in _TOKEN.finditer(name))
    return keys if all(keys) else ()


def _rank(place: PlaceName) -> tuple[int, str]:
    return (_KIND_RANK.get(place.kind, 3), place.id)


def _plausible(span: str) -> bool:
    """Lower-case 'hit' is a verb, not the town of Hit; 'iz' is no International Zone.

    A capitalised span needs no key: names are mostly capitalised, and the key is the costly part.
    """
    if span[:1].isupper():
        return True
    key = _token_key(span)  # name_key, remembered: the same lower-case words come back
    return key not in _CASE_SENSITIVE and len(key) > _SHORT_KEY


def _generated_aliases(place: PlaceName) -> list[str]:
    if place.kind != "governorate":
        return []
    names = {place.name, *place.aliases}
    return [f"{n} {suffix}" for n in names for suffix in ("province", "governorate")] + [
        f"{prefix} {n}" for n in names for prefix in ("province of", "governorate of")
    ]


def _spelling_groups(places: Iterable[PlaceName]) -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
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


# ---------------------------------------------------------------------------------------------
# The names, read from the data files with plain json


def _features(path: Path) -> list[dict[str, Any]]:
    return [f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]


def place_names(data_dir: Path = DATA_DIR) -> list[PlaceName]:
    """Every gazetteer place without geometry: governorates, regions, Iraq, sites, zones."""
    govs = _features(data_dir / "governorates.geojson")
    sites = _features(data_dir / "sites.geojson")
    members = {
        "kurdistan_region": [g["id"] for g in govs if g.get("region") == "Kurdistan"],
        "federal_iraq": [g["id"] for g in govs if g.get("region") != "Kurdistan"],
        "iraq": [g["id"] for g in govs],
    }
    places = [
        PlaceName(
            g["id"], g["name"], "governorate", tuple(g.get("aliases") or ()), governorate=g["id"]
        )
        for g in govs
    ]
    places += [
        PlaceName(
            r["id"],
            r["name"],
            r["kind"],
            tuple(r["aliases"]),
            governorates=tuple(sorted(members[r["id"]])),
        )
        for r in REGION_NAMES
    ]
    places += [
        PlaceName(
            s["id"],
            s["name"],
            s["kind"],
            tuple(s.get("aliases") or ()),
            "approximate" if s.get("precision") == "approximate" else "exact",
            s.get("governorate"),
        )
        for s in sites
        if s["kind"] != "ridge_point"
    ]
    places += [
        PlaceName(
            z.id, z.name, "activity_zone", z.aliases, "approximate", governorates=z.governorates
        )
        for z in ZONES
    ]
    return places


@lru_cache(maxsize=1)
def default_names() -> Gazetteer[PlaceName]:
    """The names-only gazetteer over the shipped data: what extraction needs, no geopandas."""
    return Gazetteer(place_names())


def build_gazetteer(
    *,
    governorates: gpd.GeoDataFrame | None = None,
    sites: gpd.GeoDataFrame | None = None,
    zones: gpd.GeoDataFrame | None = None,
) -> Gazetteer[Place]:
    """The names of `place_names()` with each place's geometry: for posture and the map layers."""
    from geo.boundaries import default_governorates, federal_iraq, kurdistan_region
    from geo.sites import default_sites
    from geo.zones import default_activity_zones

    govs = default_governorates() if governorates is None else governorates
    pts = default_sites() if sites is None else sites
    zns = default_activity_zones() if zones is None else zones
    geometry: dict[str, BaseGeometry] = {}
    for frame in (govs, kurdistan_region(govs), federal_iraq(govs), pts, zns):
        geometry.update(zip(frame["id"], frame.geometry, strict=True))
    geometry["iraq"] = _country(govs)
    return Gazetteer(
        Place(**asdict(p), geometry=geometry[p.id]) for p in place_names() if p.id in geometry
    )


def _country(govs: gpd.GeoDataFrame) -> BaseGeometry:
    """The union of the governorates; a nanodegree grow-and-shrink closes float-level slivers."""
    import shapely

    union = shapely.union_all(govs.geometry.values)
    if union.geom_type == "MultiPolygon":
        union = shapely.buffer(shapely.union_all(shapely.buffer(govs.geometry.values, 1e-9)), -1e-9)
    return union


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer[Place]:
    """The gazetteer over the shipped data, with geometry, built once per process."""
    return build_gazetteer()


def resolve_place(name: str, *, kinds: Iterable[str] | None = None) -> PlaceName | None:
    """Resolve a name with the shipped names; None when the name is not a known place."""
    return default_names().resolve(name, kinds=kinds)


def find_places(text: str) -> list[PlaceMention[PlaceName]]:
    """Find place names in text with the shipped names."""
    return default_names().find(text)
