"""Finding the date of the news in Indonesian article text.

Indonesian news states when something happened as a weekday followed by the date, e.g.
"Senin (17/11/2025)" or "Senin, 17 November 2025"; the date is often written without a
year ("Jumat (24/8)"), which the weekday then pins down.
"""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from articles.importing.errors import ErrorCode, ImportRejected

_WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_WEEKDAY_NUMBERS = {name.lower(): number for number, name in enumerate(_WEEKDAY_NAMES)} | {
    "ahad": 6
}
_MONTH_NUMBERS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "peb": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nopember": 11,
    "nov": 11,
    "desember": 12,
    "des": 12,
}

# Weekdays are matched case-sensitively because "minggu" is also the common noun "week".
_WEEKDAY = r"\b(?:Senin|Selasa|Rabu|Kamis|Jum['’]?at|Sabtu|Minggu|Ahad)\b"
_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_RANGE = r"\s*[-–]\s*"
_WEEKDAY_PREFIX = rf"(?P<weekday>{_WEEKDAY})(?:{_RANGE}{_WEEKDAY})?\s*,?\s*"

# Where a date can start: a weekday's capital, or its day (in brackets, for numeric dates).
# Saying so up front spares the engine trying every weekday at every other position.
_WEEKDAY_INITIALS = "".join(sorted({name[0].upper() for name in _WEEKDAY_NUMBERS}))

_NUMERIC_DATE = re.compile(
    rf"(?=[{_WEEKDAY_INITIALS}(])"
    rf"(?:{_WEEKDAY_PREFIX})?"
    rf"\(\s*(?P<day>[0-9]{{1,2}})(?:{_RANGE}[0-9]{{1,2}})?\s*/\s*(?P<month>[0-9]{{1,2}})"
    r"(?:\s*/\s*(?P<year>[0-9]{4}|[0-9]{2}))?\s*\)"
)
_NAMED_DATE = re.compile(
    rf"(?=[{_WEEKDAY_INITIALS}0-9])"
    rf"(?:{_WEEKDAY_PREFIX}\(?\s*)?"
    rf"(?<![0-9.,])(?P<day>[0-9]{{1,2}})(?:{_RANGE}[0-9]{{1,2}})?"
    rf"\s+(?P<month_name>(?i:{_MONTH}))(?![^\W\d_])\.?"
    r"(?:\s+(?P<year>[0-9]{4})(?![0-9]))?"
)
_BARE_WEEKDAY = re.compile(_WEEKDAY)
_NAMED_YEAR = re.compile(r"(?<![0-9.,])(?:19|20)[0-9]{2}(?![0-9])")

# The Gregorian weekday pattern repeats every 28 years between century exceptions, so
# every day/month/weekday combination occurs at least once in this many years.
_WEEKDAY_CYCLE_YEARS = 28


class DateFinding(NamedTuple):
    value: datetime.date | None
    warnings: list[str]


@dataclass(frozen=True)
class _Mention:
    text: str
    day: int
    month: int
    year: int | None
    weekday: int | None


def find_publication_date(
    paragraphs: Sequence[str],
    *,
    today: datetime.date,
    copyright_year: int | None = None,
) -> DateFinding:
    """Return the date the news happened, with warnings for anything uncertain.

    Rule, applied to the body paragraphs in order:

    1. Every date mention must exist on the calendar; one that cannot (31/2, month 13)
       rejects the file, because dates must never be silently rolled over.
    2. The first date attached to a weekday wins: that is the house style for "when it
       happened", whereas bare dates are usually references to other events.
    3. Without such a date, the first date with day, month and year is used, with a
       warning. Year-only mentions ("tahun 2018") are never dates.
    4. A missing year is inferred from the weekday: the latest year, not after the
       copyright year (or today's year), whose calendar puts that day on that weekday.
       If the text names one of the candidate years, the latest named one is preferred.
    """
    text = "\n\n".join(paragraphs)
    mentions = _find_mentions(text)
    for mention in mentions:
        _ensure_exists(mention)
    ceiling = today.year if copyright_year is None else min(copyright_year, today.year)

    with_weekday = next(((m, m.weekday) for m in mentions if m.weekday is not None), None)
    with_year = next(((m, m.year) for m in mentions if m.year is not None), None)
    if with_weekday is not None:
        mention, weekday = with_weekday
        finding = _resolve_with_weekday(mention, weekday, text, ceiling)
    elif with_year is not None:
        mention, year = with_year
        finding = DateFinding(
            datetime.date(year, mention.month, mention.day),
            [
                f'No date with a weekday was found, so the first full date "{mention.text}" '
                "was used as the publication date; check it."
            ],
        )
    else:
        finding = DateFinding(None, [_missing_date_warning(text, mentions)])

    if finding.value is not None and finding.value > today:
        finding.warnings.append(
            f"The publication date {finding.value.isoformat()} lies in the future; check it."
        )
    return finding


def _find_mentions(text: str) -> list[_Mention]:
    found: list[tuple[int, _Mention]] = []
    for match in _NUMERIC_DATE.finditer(text):
        mention = _mention(match, int(match["month"]))
        # "(2/3)" alone may be a score or a ratio; only a weekday or a year makes it a date.
        if mention.weekday is not None or mention.year is not None:
            found.append((match.start(), mention))
    for match in _NAMED_DATE.finditer(text):
        found.append((match.start(), _mention(match, _MONTH_NUMBERS[match["month_name"].lower()])))
    return [mention for _, mention in sorted(found, key=lambda pair: pair[0])]


def _mention(match: re.Match[str], month: int) -> _Mention:
    weekday = match["weekday"]
    year = match["year"]
    return _Mention(
        text=match.group(0).strip(),
        day=int(match["day"]),
        month=month,
        year=_full_year(year) if year else None,
        weekday=_WEEKDAY_NUMBERS[re.sub(r"['’]", "", weekday).lower()] if weekday else None,
    )


def _full_year(digits: str) -> int:
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _ensure_exists(mention: _Mention) -> None:
    # 2000 is a leap year, so a year-less 29 February counts as possible.
    year = mention.year if mention.year is not None else 2000
    try:
        datetime.date(year, mention.month, mention.day)
    except ValueError as exc:
        raise ImportRejected(
            ErrorCode.IMPOSSIBLE_DATE,
            f'The date "{mention.text}" does not exist; correct it before importing.',
        ) from exc


def _resolve_with_weekday(mention: _Mention, weekday: int, text: str, ceiling: int) -> DateFinding:
    weekday_name = _WEEKDAY_NAMES[weekday]
    if mention.year is not None:
        value = datetime.date(mention.year, mention.month, mention.day)
        warnings = []
        if value.weekday() != weekday:
            warnings.append(
                f'The text says "{mention.text}" but {value.isoformat()} is a '
                f"{_WEEKDAY_NAMES[value.weekday()]}, not a {weekday_name}; "
                "the date was kept as written."
            )
        return DateFinding(value, warnings)

    candidates = [
        year
        for year in range(ceiling - _WEEKDAY_CYCLE_YEARS + 1, ceiling + 1)
        if _is_weekday(year, mention.month, mention.day, weekday)
    ]
    if not candidates:
        return DateFinding(
            None,
            [
                f'No year up to {ceiling} puts "{mention.text}" on a {weekday_name}; '
                "the publication date was left empty."
            ],
        )
    named = {int(year) for year in _NAMED_YEAR.findall(text)}
    year = max([y for y in candidates if y in named] or candidates)
    return DateFinding(
        datetime.date(year, mention.month, mention.day),
        [f'The year {year} was inferred for "{mention.text}" from its weekday; check it.'],
    )


def _is_weekday(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return datetime.date(year, month, day).weekday() == weekday
    except ValueError:
        return False


def _missing_date_warning(text: str, mentions: list[_Mention]) -> str:
    if mentions:
        return (
            f'The date "{mentions[0].text}" has neither a year nor a weekday; '
            "the publication date was left empty."
        )
    if bare := _BARE_WEEKDAY.search(text):
        return (
            f'The text names only the weekday "{bare.group(0)}" without a date; '
            "the publication date was left empty."
        )
    return "No date was found in the text; the publication date was left empty."
