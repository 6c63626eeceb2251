"""Deriving a provisional title from the lead when a text carries no headline."""

import re

from articles.importing.text import has_words

MAX_DERIVED_TITLE_CHARS = 110
DERIVED_TITLE_WARNING = (
    "The text has no headline, so the title was derived from the lead; "
    "an editor should write a headline."
)

# A clause break this far into the title still leaves a meaningful phrase, and cutting
# there reads better than cutting mid-clause at the last space.
_MIN_CLAUSE_CUT = 40
# The lookbehind makes only the start of a punctuation run a candidate, which keeps
# scanning linear on pathological input such as thousands of dots.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+(?=[\"”’)]*\s+[\"“‘(]?[A-Z0-9])")
_OPENING_PUNCTUATION = '"“‘('
# Abbreviations whose period does not end a sentence ("Dr. Maria", "Kab. Belu").
_ABBREVIATIONS = frozenset(
    {"dr", "drg", "ir", "prof", "kab", "kec", "kel", "jl", "no", "hj", "sdr", "bpk", "ny", "st"}
)
_CLAUSE_BREAK = re.compile(r"[,;:]|\s[-–—]\s")
_TRAILING_PUNCTUATION = " \t,.;:!?-–—"


def first_sentence(paragraph: str) -> str:
    """The first sentence of a whitespace-normalised paragraph, or all of it."""
    for match in _SENTENCE_END.finditer(paragraph):
        word_start = paragraph.rfind(" ", 0, match.start()) + 1
        word = paragraph[word_start : match.start()].lstrip(_OPENING_PUNCTUATION)
        if len(word) == 1 or word.lower() in _ABBREVIATIONS:
            continue
        return paragraph[: match.end()]
    return paragraph


def derive_title(lead: str) -> str:
    """A title from the lead's first sentence, at most ``MAX_DERIVED_TITLE_CHARS`` long.

    A long sentence is cut at its last clause break (comma, semicolon, colon, spaced
    dash) inside the limit, or else at the last word boundary; trailing punctuation goes.
    The title is never empty when the lead contains a letter or digit.
    """
    title = _shorten(first_sentence(lead))
    if not has_words(title):
        # A lead opening with stray punctuation ("... Warga") has no usable first
        # sentence; starting at its first word guarantees a title with words.
        start = next((i for i, character in enumerate(lead) if character.isalnum()), len(lead))
        title = _shorten(lead[start:])
    return title


def _shorten(sentence: str) -> str:
    title = sentence.strip()
    if len(title) > MAX_DERIVED_TITLE_CHARS:
        window = title[: MAX_DERIVED_TITLE_CHARS + 1]
        clause_cuts = [m.start() for m in _CLAUSE_BREAK.finditer(window)]
        if clause_cuts and clause_cuts[-1] >= _MIN_CLAUSE_CUT:
            title = window[: clause_cuts[-1]]
        elif (space := window.rfind(" ")) > 0:
            title = window[:space]
        else:
            title = window[:MAX_DERIVED_TITLE_CHARS]
    return title.rstrip(_TRAILING_PUNCTUATION)
