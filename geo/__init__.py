"""Geography and text: boundaries, sites, derived zones, the gazetteer and article claims."""
