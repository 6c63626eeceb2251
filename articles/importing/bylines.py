"""Splitting credit lines into person names."""

import re

from articles.importing.text import collapse_whitespace

_NAME_SEPARATOR = re.compile(r"\s*(?:,|&|/|;|\bdan\b)\s*", re.IGNORECASE)


def split_names(names: str) -> list[str]:
    """Split "A, B dan C" into ["A", "B", "C"], keeping the order."""
    parts = (collapse_whitespace(part) for part in _NAME_SEPARATOR.split(names))
    return [part for part in parts if part]
