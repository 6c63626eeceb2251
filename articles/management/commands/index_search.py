from django.core.management.base import BaseCommand
from django.db import transaction

from articles.search_index import index_all


class Command(BaseCommand):
    help = (
        "Write every article's search index entry again, from the analyzer's current rules "
        "and the regions' current places in the tree (after moving a region, or after a "
        "change to articles/analyzer.py)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = index_all()
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Indexed {count:,} articles."))
