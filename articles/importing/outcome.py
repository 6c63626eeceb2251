"""What importing one file came to: the shape the command, the admin and the JSON share."""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from articles.importing.errors import ImportRejected
from articles.importing.parsed import ParsedArticle
from articles.models import Article
from articles.revisions import DiffRow, side_by_side


class OnChange(StrEnum):
    """What to do with a file whose article is live, in review or changed in the
    newsroom since it was imported. Anything but reporting it is asked for."""

    REPORT = "report"
    REVISION = "revision"
    DRAFT = "draft"


@dataclass
class FieldChange:
    """One field that the newsroom's article and the changed file disagree on."""

    name: str
    label: str
    current: list[str]
    incoming: list[str]

    # Read like a ``revisions.FieldDiff`` by the admin's diff table.
    changed = True

    @property
    def rows(self) -> list[DiffRow]:
        return side_by_side(self.current, self.incoming)

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.name, "current": self.current, "incoming": self.incoming}


@dataclass
class ImportOutcome:
    """What happened to one file. ``action`` is one of ``ACTIONS``; ``would`` is what
    saving would do, once ``Importer.compare`` has looked (nothing is written)."""

    name: str
    parsed: ParsedArticle | None = None
    error: ImportRejected | None = None
    regions: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    published_at: datetime.datetime | None = None
    warnings: list[str] = field(default_factory=list)
    action: str = "previewed"
    would: str = ""
    article: Article | None = None
    changes: list[FieldChange] = field(default_factory=list)
    on_change: OnChange = OnChange.REPORT

    ACTIONS = ("created", "updated", "unchanged", "changed_at_source", "previewed", "rejected")

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def error_message(self) -> str:
        return f"{self.name}: {self.error.message}" if self.error else ""

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``import_articles --format json``."""
        data: dict[str, Any] = {
            "file": self.name,
            "ok": self.ok,
            "error": (
                {"code": str(self.error.code), "message": self.error_message}
                if self.error
                else None
            ),
            "warnings": self.warnings,
            "action": self.action,
        }
        if self.would:
            data["would"] = self.would
        if self.article is not None:
            data["article"] = self.article.pk
        if self.changes:
            data["changes"] = [change.as_dict() for change in self.changes]
        if self.parsed is not None:
            parsed = self.parsed
            data.update(
                style=parsed.style,
                title=parsed.title,
                title_derived=parsed.title_derived,
                dek=parsed.dek,
                summary_points=parsed.summary_points,
                reporters=parsed.reporters,
                editor=parsed.editor,
                dateline_city=parsed.dateline_city,
                published_at=self.published_at.isoformat() if self.published_at else None,
                regions=self.regions,
                programs=self.programs,
                outlet=parsed.outlet,
                related_titles=parsed.related_titles,
                body_paragraphs=len(parsed.body_paragraphs),
            )
        return data
