"""Turning plain-text news files (Antara wire, Pos-Kupang/Tribun) into ParsedArticles.

Pure text processing: no database access. Region/program detection and saving happen
elsewhere, from ``ParsedArticle.detection_text()`` and the other fields.
"""

from articles.importing.detect import Style, detect_style
from articles.importing.errors import ErrorCode, ImportRejected
from articles.importing.parse import parse_source
from articles.importing.parsed import ParsedArticle
from articles.importing.text import MAX_SOURCE_BYTES

__all__ = [
    "MAX_SOURCE_BYTES",
    "ErrorCode",
    "ImportRejected",
    "ParsedArticle",
    "Style",
    "detect_style",
    "parse_source",
]
