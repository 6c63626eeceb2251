"""Turning raw bytes into clean, normalised text, and small text helpers."""

import re
import unicodedata

from django.utils.translation import gettext as _

from articles.importing.errors import ErrorCode, ImportRejected

MAX_SOURCE_BYTES = 1_048_576
"""Largest accepted source file (1 MiB); a news article is a few kilobytes."""

CITY_PATTERN = r"[^\W\d_][^\W\d_'’.]*(?: +[^\W\d_][^\W\d_'’.]*){0,4}"
"""Regex for a dateline place name: up to five words of letters ("Labuan Bajo", "Ba'a")."""

# Random binary data has roughly 11% ASCII control bytes and prose has almost none, so a
# share well below that separates the two even for files without NUL bytes.
_BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROL_BYTES = b"\t\n\r\f"
_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in _TEXT_CONTROL_BYTES)

# Form feeds and the Unicode line/paragraph separators show up in exported word-processor
# text; treating them as line breaks keeps the line-based parsers simple.
_LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)
# Most files have none of them: a search is much cheaper than ``str.translate``.
_ANY_INVISIBLE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
# Remaining control characters are invisible junk that would otherwise end up in the CMS.
_STRAY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_source(raw: bytes) -> str:
    """Validate raw file bytes and return normalised text.

    Checks run in a fixed order (empty, too large, binary, not UTF-8) so that every file
    gets the most useful reason; binary detection runs before decoding so that an image
    is reported as binary rather than as broken UTF-8.
    """
    if not raw.strip():
        raise ImportRejected(ErrorCode.EMPTY, "The file is empty.")
    if len(raw) > MAX_SOURCE_BYTES:
        # The one size check: readers hand over at most one byte more than the limit.
        raise ImportRejected(
            ErrorCode.TOO_LARGE,
            _("The file is larger than the limit of %(limit)s bytes.")
            % {"limit": f"{MAX_SOURCE_BYTES:,}"},
        )
    if _looks_binary(raw):
        raise ImportRejected(ErrorCode.BINARY, "The file is binary data, not a text file.")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            ErrorCode.NOT_UTF8,
            f"The file is not valid UTF-8 at byte {exc.start}; save it as UTF-8 and retry.",
        ) from exc
    text = normalize_text(decoded)
    if not text.strip():
        raise ImportRejected(ErrorCode.EMPTY, "The file contains no visible text.")
    return text


def _looks_binary(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    control_count = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    return control_count / len(raw) > _BINARY_CONTROL_SHARE


def normalize_text(text: str) -> str:
    """Unify line breaks, spaces and Unicode composition so patterns match reliably."""
    text = _LINE_BREAK.sub("\n", text)
    if _ANY_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    return _STRAY_CONTROL.sub("", text)


def collapse_whitespace(text: str) -> str:
    """Trim and reduce every run of whitespace to a single space."""
    return " ".join(text.split())


def has_words(text: str) -> bool:
    """Whether ``text`` contains any letter or digit, as opposed to punctuation only."""
    return any(character.isalnum() for character in text)


def display_case(name: str) -> str:
    """Turn an all-capitals place name into display case ("LABUAN BAJO" -> "Labuan Bajo").

    Names that already use mixed case are kept, as the source knows their spelling best.
    """
    name = collapse_whitespace(name)
    if not name.isupper():
        return name
    return " ".join(
        "-".join(part.capitalize() for part in word.split("-")) for word in name.split(" ")
    )
