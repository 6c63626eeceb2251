"""Recognising which house style a text is written in."""

import re
from enum import StrEnum

from articles.importing.errors import ErrorCode, ImportRejected


class Style(StrEnum):
    ANTARA = "antara"
    POSKUPANG = "poskupang"


_MARKERS: dict[Style, tuple[re.Pattern[str], ...]] = {
    Style.ANTARA: (
        # "antara" is also the Indonesian word for "between", so the wire marker only
        # counts in its dateline shape: parenthesised and followed by a dash.
        re.compile(r"\(\s*antara(?:\s*news)?(?:\s+[^\W\d_]+)?\s*\)\s*[-–—]", re.IGNORECASE),
        re.compile(r"(?:©|\(c\))\s*antara\b", re.IGNORECASE),
        re.compile(r"^[ \t]*pewarta\s*:", re.IGNORECASE | re.MULTILINE),
    ),
    Style.POSKUPANG: (
        re.compile(r"\bpos[- ]?kupang\.com\b", re.IGNORECASE),
        re.compile(r"\btribun[a-z-]{0,30}\.com\b", re.IGNORECASE),
        re.compile(r"^[ \t]*laporan\s+(?:reporter|wartawan)\b", re.IGNORECASE | re.MULTILINE),
    ),
}


def detect_style(text: str) -> Style:
    """Return the house style of ``text``.

    When markers of both styles occur (a Pos-Kupang story quoting Antara, say), the style
    whose marker comes first wins: the outlet's own header precedes anything it quotes.
    """
    first_seen: dict[Style, int] = {}
    for style, patterns in _MARKERS.items():
        positions = [match.start() for p in patterns if (match := p.search(text))]
        if positions:
            first_seen[style] = min(positions)
    if not first_seen:
        raise ImportRejected(
            ErrorCode.UNKNOWN_STYLE,
            "The text matches neither the Antara nor the Pos-Kupang house style.",
        )
    return min(first_seen, key=first_seen.__getitem__)
