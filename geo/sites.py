"""Point sites (bases, cities, wadis, ridge anchors) with cited coordinates and aliases."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd

from geo.layers_io import DATA_DIR, read_layer

SITES_PATH = DATA_DIR / "sites.geojson"
SITE_FIELDS = ("id", "name", "kind", "quality", "precision", "governorate", "source")


def load_sites(path: Path = SITES_PATH) -> gpd.GeoDataFrame:
    """Every cited point, validated, in WGS84; `precision` says whether it is a hand estimate."""
    gdf = read_layer(path, required=SITE_FIELDS, polygonal=False)
    if "aliases" not in gdf:
        gdf["aliases"] = [[] for _ in range(len(gdf))]
    gdf["aliases"] = [list(a) if isinstance(a, list) else [] for a in gdf["aliases"]]
    return gdf.set_index("id", drop=False).rename_axis(None)


@lru_cache(maxsize=1)
def default_sites() -> gpd.GeoDataFrame:
    """The shipped sites, read once per process (treat as read-only)."""
    return load_sites()
