import gc
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importing import ImportRejected
from articles.importing.outcome import ImportOutcome, OnChange
from articles.importing.service import BATCH_SIZE, Importer, read_source
from articles.models import Article

PROGRESS_FROM = 20


def collect_files(paths: list[str]) -> list[Path]:
    """The files named, and every .txt file under the folders named, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


class Command(BaseCommand):
    help = (
        "Import news from plain-text source files (Antara wire, Pos-Kupang/Tribun). "
        "Each file is imported whole or not at all; the same file again changes nothing. "
        "A changed file whose article is live, in review or edited in the newsroom is only "
        "reported (changed_at_source) unless --changed-at-source says otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Source files or folders of .txt files.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report; write nothing."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--status",
            choices=[
                Article.Status.DRAFT,
                Article.Status.IN_REVIEW,
                Article.Status.PUBLISHED,
            ],
            default=Article.Status.DRAFT,
            help="Status of newly created articles (default: draft).",
        )
        parser.add_argument(
            "--changed-at-source",
            choices=list(OnChange),
            default=OnChange.REPORT,
            help=(
                "For a changed file whose article the newsroom has: report what differs and "
                "write nothing (default), apply it as a new revision of the article (status "
                "and publication time kept), or import it as a new draft beside it."
            ),
        )

    def handle(self, *args, paths, dry_run, format, status, changed_at_source, **options):
        files = collect_files(paths)
        if not files:
            raise CommandError("No source files found in the paths given.")
        importer = Importer()
        outcomes: list[ImportOutcome] = []
        show_progress = format == "text" and len(files) >= PROGRESS_FROM and self.stderr.isatty()
        # What Django set up lives on until the command ends: no collection need scan it.
        gc.freeze()
        try:
            for start in range(0, len(files), BATCH_SIZE):
                batch = [self._preview(importer, p) for p in files[start : start + BATCH_SIZE]]
                for outcome in batch:
                    outcome.on_change = OnChange(changed_at_source)
                if dry_run:
                    importer.compare(batch)
                else:
                    importer.save_many(batch, status=status)
                for outcome in batch:
                    outcomes.append(outcome)
                    if format == "text":
                        self._report(outcome, options["verbosity"])
                    if show_progress:
                        self._progress(len(outcomes), len(files))
        finally:
            gc.unfreeze()

        rejected = sum(not outcome.ok for outcome in outcomes)
        if format == "json":
            self.stdout.write(
                json.dumps([o.as_dict() for o in outcomes], ensure_ascii=False, indent=2)
            )
        else:
            self._summary(outcomes, dry_run=dry_run)
        if rejected:
            raise CommandError(f"{rejected} of {len(outcomes)} file(s) rejected.", returncode=1)

    def _preview(self, importer: Importer, path: Path) -> ImportOutcome:
        try:
            raw = read_source(path)
        except ImportRejected as error:
            return ImportOutcome(name=str(path), error=error, action="rejected")
        return importer.preview(raw, name=str(path))

    def _report(self, outcome: ImportOutcome, verbosity: int) -> None:
        if not outcome.ok:
            self.stderr.write(f"rejected  {outcome.error_message} [{outcome.error.code}]")
            return
        if "changed_at_source" in (outcome.action, outcome.would):
            fields = ", ".join(change.name for change in outcome.changes)
            self.stderr.write(
                self.style.WARNING(
                    f"changed   {outcome.name}: article {outcome.article.pk} "
                    f"({outcome.article.status}) is the newsroom's, so it is left as it is. "
                    f"The file differs in: {fields or 'nothing the article shows'}. "
                    "Apply it with --changed-at-source revision or draft."
                )
            )
        if verbosity < 1:
            return
        would = f" (would be {outcome.would})" if outcome.action == "previewed" else ""
        self.stdout.write(f"{outcome.action:<9} {outcome.name}: {outcome.parsed.title}{would}")
        for warning in outcome.warnings:
            self.stderr.write(self.style.WARNING(f"  warning: {warning}"))

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        end = "\n" if done == total else ""
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=end)

    def _summary(self, outcomes: list[ImportOutcome], *, dry_run: bool) -> None:
        counts = dict.fromkeys(ImportOutcome.ACTIONS, 0)
        for outcome in outcomes:
            counts[outcome.action] += 1
        parts = [f"{count} {action}" for action, count in counts.items() if count]
        line = f"{len(outcomes)} file(s): " + ", ".join(parts)
        if dry_run:
            line += " (dry run: nothing written)"
        style = self.style.ERROR if counts["rejected"] else self.style.SUCCESS
        self.stdout.write(style(line))
