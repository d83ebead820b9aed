"""What to draw and how: layer specs (data), folium rendering, offline export."""
