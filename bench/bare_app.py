"""The baseline of bench/dashboard_bench.py: a bare folium map holding the dashboard's layers.

No sidebar, caching, evidence panel or exports: the same layers from the same articles, drawn
by st_folium with folium's own layer control and served offline from the same assets.
"""

from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from layers.assets import write_static_assets
from layers.render import base_map, layer_groups

urls = write_static_assets(
    Path(__file__).resolve().parent / "static", base_url_path=st.get_option("server.baseUrlPath")
)
m = base_map(asset_urls=urls)
for group in layer_groups():
    group.add_to(m)
folium.LayerControl(collapsed=False).add_to(m)
st_folium(m, key="map", height=620, use_container_width=True, returned_objects=[])
