"""A place as a link to openstreetmap.org with a marker: the dashboard's idea page and the
residents' proposal cards show the same link (no map script, tile or request until someone taps)."""

from __future__ import annotations


def openstreetmap(latitude: float | None, longitude: float | None) -> str | None:
    """The place on openstreetmap.org with a marker, zoomed to the street; None without a place."""
    if latitude is None or longitude is None:
        return None
    lat, lon = f"{latitude:.5f}", f"{longitude:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
