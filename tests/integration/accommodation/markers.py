"""Markers planted in location-secret fields, so a test can look for them on every path."""

MARKER = "ZQ7XW"


def planted(model, name: str) -> str:
    """A marker for one location field, as long as the field takes."""
    limit = model._meta.get_field(name).max_length or 100
    return f"{MARKER}{name}"[:limit]
