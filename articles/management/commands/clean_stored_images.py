from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from articles.uploads import clean_stored, stored_before_cleaning


class Command(BaseCommand):
    help = (
        "Store again, cleaned as uploads now are (no EXIF, XMP or IPTC, at most 2,400 px, "
        "a random name), every image stored before uploads were cleaned; the old files are "
        "deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count them; change nothing.")

    def handle(self, *args, dry_run, verbosity, **options):
        found = [(field, rows) for _, field, rows in stored_before_cleaning() if rows.exists()]
        total = sum(rows.count() for _, rows in found)
        if not total:
            self.stdout.write("Every stored image is clean: nothing to do.")
            return
        if dry_run:
            self.stdout.write(f"{total} stored image(s) would be cleaned.")
            return
        cleaned = failed = 0
        for field, rows in found:
            for instance in rows.iterator():
                old = getattr(instance, field.attname).name
                try:
                    new = clean_stored(instance, field)
                except (OSError, ValidationError) as error:
                    failed += 1
                    reason = getattr(error, "messages", None) or [str(error)]
                    self.stderr.write(f"{old}: not cleaned: {' '.join(reason)}")
                    continue
                cleaned += 1
                if verbosity >= 2:
                    self.stdout.write(f"{old} -> {new}")
        self.stdout.write(self.style.SUCCESS(f"{cleaned} stored image(s) cleaned."))
        if failed:
            self.stderr.write(
                f"{failed} could not be cleaned (see above) and were left as they are."
            )
