"""Distances between schools: great-circle (haversine) kilometres and travel minutes."""

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine formula, mean Earth radius of the IUGG)."""
    phi1, phi2 = radians(lat1), radians(lat2)
    dphi, dlambda = phi2 - phi1, radians(lon2 - lon1)
    a = sin(dphi / 2) ** 2 + cos(phi1) * cos(phi2) * sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))


def travel_minutes(distance_km: float, speed_kmh: float) -> float:
    """Minutes to drive ``distance_km`` at an average ``speed_kmh`` (a planning figure, not a route)."""
    if speed_kmh <= 0:
        raise ValueError("speed must be positive")
    return distance_km / speed_kmh * 60.0
