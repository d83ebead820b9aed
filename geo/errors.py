"""Named errors: each message names the file or feature at fault and what to do about it."""

from __future__ import annotations


class PostureMapError(Exception):
    """Anything a user can fix: bad data, a bad article, a bad option."""


class DataError(PostureMapError):
    """A data file (GeoJSON) is unreadable, mis-projected, invalid or incomplete."""


class ArticleError(PostureMapError):
    """An article cannot be read: empty, binary, too large, or with a broken header."""


class DataWarning(UserWarning):
    """Data was repaired on load (e.g. an invalid ring fixed with make_valid)."""
