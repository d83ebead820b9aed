"""Leaflet and jQuery from installed XStatic packages: inlined into exports, or served locally.

folium's Map links eleven CDN files. The map needs three: Leaflet's script and stylesheet, and
jQuery (folium's own Popup template and `objects_in_front` call `$`). Bootstrap, glyphicons,
Font Awesome and awesome-markers serve only icons this project does not use, so they are
dropped. Any other name is a new dependency of folium that the export could not inline: it is
refused with `AssetError` rather than left as a network request.
"""

from __future__ import annotations

import base64
import importlib
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

import folium

from geo.errors import PostureMapError


class AssetError(PostureMapError):
    """folium links an asset that no installed package provides, or at another version."""


@dataclass(frozen=True, slots=True)
class Asset:
    """One of folium's default assets, mapped to a file of an installed XStatic package."""

    name: str  # folium's name for it, e.g. "leaflet_css"
    url: str  # the CDN URL folium links
    package: str  # the XStatic module providing it
    filename: str
    kind: Literal["js", "css"]

    @property
    def path(self) -> Path:
        """The installed file."""
        return Path(_xstatic(self.package).BASE_DIR) / self.filename


# folium name -> (XStatic module, file in its data folder).
_PROVIDED: Mapping[str, tuple[str, str]] = {
    "leaflet": ("xstatic.pkg.leaflet", "leaflet.js"),
    "leaflet_css": ("xstatic.pkg.leaflet", "leaflet.css"),
    "jquery": ("xstatic.pkg.jquery", "jquery.min.js"),
}
# Icon kits for folium.Icon / awesome markers and Bootstrap styling: this project uses none.
UNNEEDED = frozenset(
    {
        "bootstrap",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers",
        "awesome_markers_css",
        "awesome_markers_font_css",
        "awesome_rotate_css",
    }
)
_TAG = re.compile(r'<script src="([^"]+)"></script>|<link rel="stylesheet" href="([^"]+)"\s*/?>')


def needed_assets(
    js: Sequence[tuple[str, str]] | None = None, css: Sequence[tuple[str, str]] | None = None
) -> tuple[Asset, ...]:
    """Folium's default assets minus the unneeded ones, each mapped to an installed file.

    Raises AssetError naming every asset that cannot be mapped, or whose version in folium's
    URL differs from the installed package's (folium upgraded Leaflet: upgrade XStatic too).
    """
    links = [("js", n, u) for n, u in (folium.Map.default_js if js is None else js)]
    links += [("css", n, u) for n, u in (folium.Map.default_css if css is None else css)]
    assets: list[Asset] = []
    problems: list[str] = []
    for kind, name, url in links:
        if name in UNNEEDED:
            continue
        if name not in _PROVIDED:
            problems.append(f"{name} ({url}): no installed package provides it")
            continue
        package, filename = _PROVIDED[name]
        version = str(_xstatic(package).VERSION)
        if version not in url:
            problems.append(f"{name} ({url}): installed {package} is version {version}")
            continue
        assets.append(Asset(name, url, package, filename, "js" if kind == "js" else "css"))
    if problems:
        raise AssetError(
            "folium links assets the offline export cannot inline: "
            + "; ".join(problems)
            + ". Map them in layers/assets.py (_PROVIDED "
            "or UNNEEDED) and pin the matching xstatic package."
        )
    return tuple(assets)


def use_assets(m: folium.Map, urls: Mapping[str, str] | None = None) -> folium.Map:
    """Link only the needed assets, at `urls` where given (e.g. served locally), else the CDN.

    Sets instance attributes: folium's add_js_link would mutate the class-wide lists.
    """
    assets = needed_assets()
    given = urls or {}
    m.default_js = [(a.name, given.get(a.name, a.url)) for a in assets if a.kind == "js"]
    m.default_css = [(a.name, given.get(a.name, a.url)) for a in assets if a.kind == "css"]
    return m


@cache
def asset_text(name: str) -> str:
    """An asset's content, ready to inline: stylesheet images become data: URIs."""
    asset = {a.name: a for a in needed_assets()}[name]
    text = asset.path.read_text(encoding="utf-8")
    if asset.kind == "css":
        text = re.sub(
            r"url\((images/[^)]+)\)",
            lambda m: f"url({_data_uri(asset.path.parent / m.group(1))})",
            text,
        )
    text = re.sub(
        r"^\s*//# sourceMappingURL=.*$|/\*# sourceMappingURL=.*?\*/", "", text, flags=re.M
    )  # no devtools fetch of a .map file that is not there
    # "</script" cannot appear inside an inline script; "<\/" means the same in JavaScript.
    return text.replace("</script", "<\\/script") if asset.kind == "js" else text


def inline_assets(html: str) -> str:
    """Replace each linked needed asset with its inline content; refuse any other external link."""
    by_url = {a.url: a for a in needed_assets()}
    unknown: list[str] = []

    def inline(match: re.Match[str]) -> str:
        url = match.group(1) or match.group(2)
        asset = by_url.get(url)
        if asset is None:
            unknown.append(url)
            return match.group(0)
        tag = "script" if asset.kind == "js" else "style"
        return f"<{tag}>/* {asset.name} from {asset.package} */\n{asset_text(asset.name)}\n</{tag}>"

    out = _TAG.sub(inline, html)
    remaining = unknown + external_references(out)
    if remaining:
        raise AssetError(
            f"the export would still load {sorted(set(remaining))}; "
            "map these assets in layers/assets.py"
        )
    return out


class _References(HTMLParser):
    """Collects the URLs a page loads by itself (not links a user may click)."""

    _LOADS = frozenset(
        {
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("embed", "src"),
            ("object", "data"),
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if (tag, key) in self._LOADS and value:
                self.urls.append(value)


def external_references(html: str) -> list[str]:
    """URLs the page's own tags would fetch (script src, link href, img src...), except data:."""
    parser = _References()
    parser.feed(html)
    parser.close()
    return [u for u in parser.urls if not u.lower().startswith("data:")]


def write_static_assets(folder: Path, *, base_url_path: str = "") -> dict[str, str]:
    """Copy the needed assets (and Leaflet's images) into `folder`; return name -> URL.

    For Streamlit's static serving (`server.enableStaticServing`: files under ./static are
    served at /app/static/..., below `server.baseUrlPath` if one is set), so the dashboard
    needs no CDN either. The URLs are absolute because the map runs in streamlit-folium's
    iframe under /component/..., where a relative "app/static" would miss the route.
    """
    folder.mkdir(parents=True, exist_ok=True)
    prefix = "/".join(["", *filter(None, [base_url_path.strip("/")]), "app", "static"])
    urls: dict[str, str] = {}
    for asset in needed_assets():
        target = folder / asset.filename
        if not target.exists() or target.read_bytes() != asset.path.read_bytes():
            shutil.copyfile(asset.path, target)
        urls[asset.name] = f"{prefix}/{asset.filename}"
        if asset.kind == "css":
            images = asset.path.parent / "images"
            if images.is_dir():
                shutil.copytree(images, folder / "images", dirs_exist_ok=True)
    return urls


def asset_names(assets: Iterable[Asset] | None = None) -> list[str]:
    """Names of the assets the map needs, for messages and tests."""
    return [a.name for a in (needed_assets() if assets is None else assets)]


def _xstatic(module: str) -> Any:
    return importlib.import_module(module)


def _data_uri(path: Path) -> str:
    mime = {".png": "image/png", ".svg": "image/svg+xml"}.get(
        path.suffix, "application/octet-stream"
    )
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
