"""The importer's entry point: raw file bytes in, ParsedArticle or ImportRejected out."""

import dataclasses
import datetime
import hashlib
from collections.abc import Callable

from articles.importing.antara import parse_antara
from articles.importing.detect import Style, detect_style
from articles.importing.parsed import ParsedArticle
from articles.importing.poskupang import parse_poskupang
from articles.importing.text import decode_source

_PARSERS: dict[Style, Callable[..., ParsedArticle]] = {
    Style.ANTARA: parse_antara,
    Style.POSKUPANG: parse_poskupang,
}


def parse_source(raw: bytes, *, today: datetime.date | None = None) -> ParsedArticle:
    """Parse one news source file.

    ``today`` bounds year inference and flags future dates; it defaults to the current
    date and exists so tests do not depend on the clock. Raises ``ImportRejected`` (and
    nothing else) when the file cannot be imported.
    """
    text = decode_source(raw)
    parser = _PARSERS[detect_style(text)]
    article = parser(text, today=today or datetime.date.today())
    return dataclasses.replace(article, checksum=hashlib.sha256(raw).hexdigest())
