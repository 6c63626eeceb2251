from django.core.management.base import BaseCommand, CommandError

from articles.importing.fixtures import FIXTURES_DIR, FixtureError, build_fixture_data


class Command(BaseCommand):
    help = (
        "Rebuild fixtures/people.json and fixtures/articles.json by importing fixtures/sources/ "
        "into the current database, which must be empty (make fixtures uses a scratch one)."
    )

    def handle(self, *args, **options):
        try:
            files = build_fixture_data()
        except FixtureError as error:
            raise CommandError(str(error)) from None
        for name, content in files.items():
            (FIXTURES_DIR / name).write_text(content, encoding="utf-8")
            self.stdout.write(f"wrote fixtures/{name}")
        self.stdout.write(self.style.SUCCESS("Fixtures rebuilt."))
