"""Parser for the Pos-Kupang / Tribun network house style.

Layout: an optional rubric ("Belu Terkini"), the headline, a one-line dek, a
"Penulis: ... | Editor: ..." credit, an optional "Ringkasan Berita:" bullet list, the
"Laporan Reporter POS-KUPANG.COM, Name" byline, then the body opening with the dateline
"POS-KUPANG.COM, KUPANG - ", ending in reporter initials and page clutter.
"""

import datetime
import re
from dataclasses import dataclass, field

from articles.importing.body import assemble_paragraphs, find_dateline, related_title
from articles.importing.bylines import split_names
from articles.importing.dates import find_publication_date
from articles.importing.detect import Style
from articles.importing.errors import ErrorCode, ImportRejected
from articles.importing.headline import DERIVED_TITLE_WARNING, derive_title
from articles.importing.parsed import ParsedArticle
from articles.importing.text import (
    CITY_PATTERN,
    collapse_whitespace,
    display_case,
    has_words,
)

_SITE = r"pos[- ]?kupang\.com|tribun[a-z-]{0,30}\.com"
_DATELINE = re.compile(
    rf"^(?P<site>{_SITE})(?:\s*[,|]\s*(?P<city>{CITY_PATTERN}))?"
    r"\s*[,|]?\s*[-–—]+\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^laporan\s+(?:reporter|wartawan|jurnalis|kontributor)\s+"
    r"(?:pos[- ]?kupang|tribun[a-z-]{0,30})(?:\.com)?\s*,?\s*(?P<names>.*?)(?:\s+dari\s+.*)?$",
    re.IGNORECASE,
)
_CREDIT_LINE_START = re.compile(r"^(?:penulis|reporter|editor)\s*:", re.IGNORECASE)
_CREDIT_LABEL = re.compile(r"\b(?P<label>penulis|reporter|editor)\s*:\s*", re.IGNORECASE)
_SUMMARY_HEADING = re.compile(r"^ringkasan(?:\s+berita)?\s*:?$", re.IGNORECASE)
_SUMMARY_POINT = re.compile(r"^[-–—•*]\s*(?P<point>\S.*)$")
# Rubrics are short section labels; a longer line starting with "Berita" is a headline.
_RUBRIC = re.compile(r"^(?:berita\s+\S.*|.*\S\s+terkini)$", re.IGNORECASE)
_MAX_RUBRIC_WORDS = 4

_PAGE_CLUTTER = re.compile(
    r"^(?:advertisement|iklan|scroll to continue with content"
    r"|halaman\s+(?:selanjutnya|berikutnya)\W*"
    r"|(?:halaman\s*)?[0-9]+(?:\s+[0-9]+)*(?:\s+(?:selanjutnya|berikutnya))?\W*"
    r"|artikel ini telah tayang di\b.*)$",
    re.IGNORECASE,
)
# Thumbnail URLs leak into scraped text as one whitespace-free token: a file name with
# an image extension, or a thumbor filter chain such as ":quality(30):format(webp)".
_IMAGE_MARKER = re.compile(r"\.(?:jpe?g|png|webp|gif)\b|:(?:quality|format|focal)\(", re.IGNORECASE)
_FOLLOW_VERB = re.compile(
    r"^(?:ikuti|simak|follow|dapatkan|gabung|bergabung|klik|update)\b", re.IGNORECASE
)
_OUTLET = re.compile(rf"\b(?:{_SITE})", re.IGNORECASE)
_PLATFORM = re.compile(
    r"\b(?:google\s*news|whats\s*app|saluran|channel|telegram|instagram|facebook|tiktok"
    r"|youtube|twitter)\b",
    re.IGNORECASE,
)
# Promotional lines are short; a long line naming a platform is reporting about it.
_MAX_FOLLOW_WORDS = 20
# Reporter initials close the story: "(gus)", "(gus/ran)" or "(*)". Only lower case, so
# that an acronym such as "(JP)" at the end of a sentence survives.
_TRAILING_INITIALS = re.compile(r"\s*\((?:[a-z]{2,5}(?:/[a-z]{2,5})*|\*)\)$")


@dataclass
class _Credits:
    writers: list[str] = field(default_factory=list)
    editor: str = ""
    byline: str = ""
    byline_names: list[str] = field(default_factory=list)
    credit_line: str = ""
    related_titles: list[str] = field(default_factory=list)

    def absorb(self, line: str) -> bool:
        """Record ``line`` if it is a credit, reference or clutter; True when it was."""
        if (title := related_title(line)) is not None:
            if title:
                self.related_titles.append(title)
            return True
        if byline := _BYLINE.match(line):
            if not self.byline:
                self.byline = line
                self.byline_names = split_names(byline["names"])
            return True
        if _CREDIT_LINE_START.match(line):
            self._take_credit_line(line)
            return True
        return _is_clutter(line)

    def reporters(self) -> list[str]:
        return self.writers or self.byline_names

    def _take_credit_line(self, line: str) -> None:
        if not self.credit_line:
            self.credit_line = line
        labels = list(_CREDIT_LABEL.finditer(line))
        for label, following in zip(labels, [*labels[1:], None], strict=True):
            end = following.start() if following else len(line)
            value = line[label.end() : end].strip(" \t|")
            if label["label"].lower() == "editor":
                self.editor = self.editor or value
            elif not self.writers:
                self.writers = split_names(value)


def _is_clutter(line: str) -> bool:
    words = line.split()
    if _PAGE_CLUTTER.match(line) or (len(words) == 1 and _IMAGE_MARKER.search(line)):
        return True
    if len(words) > _MAX_FOLLOW_WORDS or not _PLATFORM.search(line):
        return False
    # A sentence that names the outlet and a platform ("kepada POS-KUPANG.COM melalui
    # WhatsApp.") is reporting; promotional lines carry no final period.
    return bool(_FOLLOW_VERB.match(line)) or (bool(_OUTLET.search(line)) and not line.endswith("."))


def parse_poskupang(text: str, *, today: datetime.date) -> ParsedArticle:
    # Collapsing whitespace first keeps every later pattern free of whitespace runs, which
    # would otherwise make backtracking quadratic on hostile input.
    lines = [collapse_whitespace(line) for line in text.split("\n")]
    dateline_index, dateline = find_dateline(lines, _DATELINE, example="POS-KUPANG.COM, KUPANG - ")
    credits = _Credits()
    summary_points: list[str] = []
    header_lines: list[str] = []

    in_summary = False
    for line in lines[:dateline_index]:
        if not line:
            continue
        if in_summary and (point := _SUMMARY_POINT.match(line)):
            summary_points.append(point["point"])
            continue
        in_summary = bool(_SUMMARY_HEADING.match(line))
        if not in_summary and not credits.absorb(line):
            header_lines.append(line)

    body_lines: list[str | None] = [dateline["rest"]] if dateline["rest"] else []
    for line in lines[dateline_index + 1 :]:
        body_lines.append(None if line and credits.absorb(line) else line)
    paragraphs = _without_trailing_initials(assemble_paragraphs(body_lines))
    lead = next((paragraph for paragraph in paragraphs if has_words(paragraph)), None)
    if lead is None:
        raise ImportRejected(ErrorCode.NO_BODY, "The dateline is not followed by any body text.")

    warnings: list[str] = []
    rubric = ""
    if len(header_lines) >= 2 and _is_rubric(header_lines[0]):
        rubric = header_lines.pop(0)
    if header_lines:
        title, title_derived = header_lines[0], False
    else:
        title, title_derived = derive_title(lead), True
        warnings.append(DERIVED_TITLE_WARNING)
    dek = header_lines[1] if len(header_lines) > 1 else ""
    if ignored := header_lines[2:]:
        warnings.append(
            f"{len(ignored)} line(s) between the dek and the dateline were not recognised "
            "and were left out."
        )
    reporters = credits.reporters()
    if not reporters:
        warnings.append("No reporter (Penulis or Laporan line) was found.")
    date_finding = find_publication_date(paragraphs, today=today)
    warnings.extend(date_finding.warnings)

    return ParsedArticle(
        style=Style.POSKUPANG.value,
        outlet="Tribun" if dateline["site"].lower().startswith("tribun") else "Pos-Kupang",
        title=title,
        title_derived=title_derived,
        body_paragraphs=paragraphs,
        dateline_city=display_case(dateline["city"] or ""),
        published_on=date_finding.value,
        dek=dek,
        summary_points=summary_points,
        reporters=reporters,
        editor=credits.editor,
        related_titles=credits.related_titles,
        rubric=rubric,
        original_byline=credits.byline or credits.credit_line,
        warnings=warnings,
    )


def _is_rubric(line: str) -> bool:
    return bool(_RUBRIC.match(line)) and len(line.split()) <= _MAX_RUBRIC_WORDS


def _without_trailing_initials(paragraphs: list[str]) -> list[str]:
    if not paragraphs:
        return paragraphs
    last = _TRAILING_INITIALS.sub("", paragraphs[-1]).rstrip()
    return [*paragraphs[:-1], last] if last else paragraphs[:-1]
