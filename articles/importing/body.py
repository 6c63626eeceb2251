"""Building body paragraphs from lines, and recognising "Baca juga" references."""

import re
from collections.abc import Sequence

from articles.importing.errors import ErrorCode, ImportRejected
from articles.importing.text import collapse_whitespace

_RELATED_LINE = re.compile(r"^baca(?:\s+juga)?\s*:\s*(?P<title>.*)$", re.IGNORECASE)
_SENTENCE_FINAL = (".", "!", "?", "…", '"', "”", "’", ")")


def related_title(line: str) -> str | None:
    """The referenced title if ``line`` is a "Baca juga:" / "Baca:" line, else None."""
    match = _RELATED_LINE.match(line.strip())
    return collapse_whitespace(match["title"]) if match else None


def assemble_paragraphs(lines: Sequence[str | None]) -> list[str]:
    """Group body lines into whitespace-normalised paragraphs.

    ``""`` is a blank line; ``None`` marks a removed line, which always ends a paragraph
    but says nothing about layout. Texts without blank lines put one paragraph on each
    line. Texts with blank lines separate paragraphs by them, and a line break inside a
    block is a soft wrap unless the line ends a sentence, so that a text mixing both
    layouts is not merged into one paragraph.
    """
    uses_blank_lines = _has_inner_blank_line(lines)
    paragraphs: list[str] = []
    current: list[str] = []

    def close() -> None:
        if current:
            paragraphs.append(collapse_whitespace(" ".join(current)))
            current.clear()

    for line in lines:
        if line is None or not line.strip():
            close()
            continue
        current.append(line)
        if not uses_blank_lines or line.rstrip().endswith(_SENTENCE_FINAL):
            close()
    close()
    return [paragraph for paragraph in paragraphs if paragraph]


def _has_inner_blank_line(lines: Sequence[str | None]) -> bool:
    content_seen = blank_pending = False
    for line in lines:
        if line is None:
            continue
        if line.strip():
            if blank_pending:
                return True
            content_seen = True
        elif content_seen:
            blank_pending = True
    return False


def find_dateline(
    lines: Sequence[str], dateline: re.Pattern[str], *, example: str
) -> tuple[int, re.Match[str]]:
    """The first line that opens with the house style's dateline, and its match."""
    for index, line in enumerate(lines):
        if match := dateline.match(line):
            return index, match
    raise ImportRejected(
        ErrorCode.NO_DATELINE, f'The text has no dateline such as "{example}" opening the body.'
    )
