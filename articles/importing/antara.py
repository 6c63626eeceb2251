"""Parser for the Antara wire house style.

Layout: an optional headline line, the lead opening with the dateline
"Kupang (ANTARA) - ", body paragraphs with "Baca juga:" references in between, and a
footer of "Pewarta : ...", "Editor : ..." and "Copyright © ANTARA 2024".
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

_DATELINE = re.compile(
    rf"^(?:(?P<city>{CITY_PATTERN})\s*)?"
    r"\(\s*antara(?:\s*news)?(?:\s+[^\W\d_]+)?\s*\)\s*[-–—]+\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_REPORTER_LINE = re.compile(
    r"^pewarta\s*:\s*(?P<names>.*?)\s*(?:\beditor\s*:\s*(?P<editor>.*))?$", re.IGNORECASE
)
_EDITOR_LINE = re.compile(r"^editor\s*:\s*(?P<editor>.*)$", re.IGNORECASE)
# Scraped copies often glue the next page element onto the copyright line, so only the
# notice itself is kept and the rest of that line is dropped.
_COPYRIGHT = re.compile(
    r"(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*antara(?:\s*news)?"
    r"(?:\s*(?P<year>(?:19|20)[0-9]{2}))?",
    re.IGNORECASE,
)
# Antara headlines are one short line; a longer line or one ending in a period is prose.
_MAX_HEADLINE_CHARS = 150


@dataclass
class _Footer:
    reporters: list[str] = field(default_factory=list)
    editor: str = ""
    byline: str = ""
    rights_line: str = ""
    copyright_year: int | None = None
    related_titles: list[str] = field(default_factory=list)

    def cut_rights(self, line: str) -> str:
        """Record a copyright notice in ``line`` and return the text before it."""
        match = _COPYRIGHT.search(line)
        if match is None:
            return line
        if not self.rights_line:
            self.rights_line = match.group(0)
            if match["year"]:
                self.copyright_year = int(match["year"])
        return line[: match.start()].strip()

    def absorb(self, line: str) -> bool:
        """Record ``line`` if it is a credit or a reference; True when it was one."""
        if (title := related_title(line)) is not None:
            if title:
                self.related_titles.append(title)
            return True
        if reporter := _REPORTER_LINE.match(line):
            if not self.reporters:
                self.reporters = split_names(reporter["names"])
                self.byline = line
            self._take_editor(reporter["editor"] or "")
            return True
        if editor := _EDITOR_LINE.match(line):
            self._take_editor(editor["editor"])
            return True
        return False

    def _take_editor(self, name: str) -> None:
        if not self.editor:
            self.editor = name


def parse_antara(text: str, *, today: datetime.date) -> ParsedArticle:
    # Collapsing whitespace first keeps every later pattern free of whitespace runs, which
    # would otherwise make backtracking quadratic on hostile input.
    lines = [collapse_whitespace(line) for line in text.split("\n")]
    dateline_index, dateline = find_dateline(lines, _DATELINE, example="Kupang (ANTARA) - ")
    footer = _Footer()
    before_dateline: list[str] = []
    body_lines: list[str | None] = []

    for index, line in enumerate(lines):
        if index == dateline_index:
            if dateline["rest"]:
                body_lines.append(dateline["rest"])
            continue
        content = footer.cut_rights(line)
        removed = content != line and not content
        if removed or footer.absorb(content):
            if index > dateline_index:
                body_lines.append(None)
        elif index < dateline_index:
            if content:
                before_dateline.append(content)
        else:
            body_lines.append(content)

    paragraphs = assemble_paragraphs(body_lines)
    lead = next((paragraph for paragraph in paragraphs if has_words(paragraph)), None)
    if lead is None:
        raise ImportRejected(ErrorCode.NO_BODY, "The dateline is not followed by any body text.")

    warnings: list[str] = []
    headline = before_dateline[0] if before_dateline else ""
    if _is_headline(headline):
        title, title_derived = headline, False
        ignored = before_dateline[1:]
    else:
        title, title_derived = derive_title(lead), True
        ignored = before_dateline
        warnings.append(DERIVED_TITLE_WARNING)
    if ignored:
        warnings.append(
            f"{len(ignored)} line(s) before the dateline were not recognised and were left out."
        )
    if not footer.reporters:
        warnings.append("No reporter (Pewarta) was found.")
    date_finding = find_publication_date(
        paragraphs, today=today, copyright_year=footer.copyright_year
    )
    warnings.extend(date_finding.warnings)

    return ParsedArticle(
        style=Style.ANTARA.value,
        outlet="Antara",
        title=title,
        title_derived=title_derived,
        body_paragraphs=paragraphs,
        dateline_city=display_case(dateline["city"] or ""),
        published_on=date_finding.value,
        reporters=footer.reporters,
        editor=footer.editor,
        related_titles=footer.related_titles,
        original_byline=footer.byline,
        rights_line=footer.rights_line,
        warnings=warnings,
    )


def _is_headline(line: str) -> bool:
    return bool(line) and len(line) <= _MAX_HEADLINE_CHARS and not line.endswith(".")
