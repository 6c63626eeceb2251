"""The single exception type the importer raises for unusable input."""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable machine-readable reasons for rejecting a source file."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    BINARY = "binary"
    NOT_UTF8 = "not_utf8"
    UNKNOWN_STYLE = "unknown_style"
    NO_DATELINE = "no_dateline"
    NO_BODY = "no_body"
    IMPOSSIBLE_DATE = "impossible_date"
    CONFLICT = "conflict"
    UNREADABLE = "unreadable"
    NOT_TEXT_FILE = "not_text_file"
    BATCH_TOO_LARGE = "batch_too_large"
    NOT_SAVED = "not_saved"


class ImportRejected(Exception):
    """A source file cannot be imported.

    ``message`` is a full English sentence; callers prefix it with the file name.
    """

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message
