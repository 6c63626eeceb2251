import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries

from articles.demo_content import DemoContent
from articles.models import ProgramTag
from regions.models import Region


class Command(BaseCommand):
    help = (
        "Add N realistic articles (all regions and programs, 200 reporters, bodies of "
        "400-900 words, dates over ten years) for load tests and benchmarks. Memory stays "
        "bounded: articles are written in batches."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many to add.")
        parser.add_argument("--reporters", type=int, default=200)
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--seed", type=int, default=2018, help="Same seed, same content.")

    def handle(self, *args, articles, reporters, batch_size, seed, **options):
        if articles < 1 or reporters < 1 or batch_size < 1:
            raise CommandError("--articles, --reporters and --batch-size must be positive.")
        if not Region.objects.exists() or not ProgramTag.objects.exists():
            call_command("loaddata", "regions", "programs", verbosity=0)
        content = DemoContent(random.Random(seed), reporters=reporters)
        started = time.monotonic()
        done = 0
        show_progress = options["verbosity"] >= 1
        while done < articles:
            done += content.write_batch(min(batch_size, articles - done))
            # With DEBUG on Django keeps every query's SQL; bulk inserts would pile up.
            reset_queries()
            if show_progress:
                self._progress(done, articles, started)
        with connection.cursor() as cursor:
            # Fresh planner statistics, so the first benchmark queries plan well.
            cursor.execute("ANALYZE")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {done:,} articles in {elapsed:.1f} s ({done / elapsed:,.0f} articles/s)."
            )
        )

    def _progress(self, done: int, total: int, started: float) -> None:
        width = 30
        filled = width * done // total
        rate = done / max(time.monotonic() - started, 1e-9)
        end = "\n" if done == total else ""
        self.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} ({rate:,.0f}/s)",
            ending=end,
        )
