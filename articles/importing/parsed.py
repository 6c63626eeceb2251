"""The parser's output: everything the text says, before any database lookup."""

import datetime
import hashlib
from dataclasses import dataclass, field


@dataclass(kw_only=True)
class ParsedArticle:
    """One news article extracted from a source file.

    Lists keep the order of the source text. Empty strings mean "absent in the text";
    nothing here is guessed except what ``warnings`` reports.
    """

    style: str
    outlet: str
    title: str
    title_derived: bool
    body_paragraphs: list[str]
    dateline_city: str = ""
    published_on: datetime.date | None = None
    dek: str = ""
    summary_points: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    editor: str = ""
    related_titles: list[str] = field(default_factory=list)
    rubric: str = ""
    original_byline: str = ""
    rights_line: str = ""
    original_url: str = ""
    checksum: str = ""
    warnings: list[str] = field(default_factory=list)

    def story_key(self) -> str:
        """What identifies the story besides its URL and bytes: outlet, dateline, date and
        headline, in any case and spacing; empty without a date (a headline and a place
        alone are not a story: the same words recur every week)."""
        if self.published_on is None:
            return ""
        return story_key(self.outlet, self.dateline_city, self.published_on, self.title)

    def detection_text(self) -> str:
        """The editorial text that region/program detection should scan.

        Bylines, footers, related-article titles and boilerplate are left out because
        they name places and outlets that say nothing about what the story covers.
        """
        parts = [
            self.title,
            self.dek,
            *self.summary_points,
            self.rubric,
            *self.body_paragraphs,
        ]
        return "\n\n".join(part for part in parts if part)


def story_key(outlet: str, dateline: str, day: datetime.date, headline: str) -> str:
    parts = (outlet, dateline, day.isoformat(), headline)
    text = "\x1f".join(" ".join(part.split()).casefold() for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()
