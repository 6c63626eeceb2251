import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article, Journalist, ProgramTag
from regions.models import Region

# Each fixture loads only into an empty table, so a second run neither
# duplicates anything nor overwrites what editors changed since.
FIXTURES = [
    ("regions", Region),
    ("programs", ProgramTag),
    ("people", Journalist),
    ("articles", Article),
]

# username, group (None for the superuser), journalist slug the account signs as.
DEMO_ACCOUNTS = [
    ("admin", None, None),
    ("editor", "Editor", "apolonia-matilde"),
    ("reporter1", "Reporter", "agustinus-tanggur"),
    ("reporter2", "Reporter", "benediktus-sridin-sulu-jahang"),
]


class Command(BaseCommand):
    help = (
        "Load the fixtures into empty tables and create the demo accounts (admin, editor, "
        "two reporters). "
        "New accounts get random passwords, printed once; existing accounts are left alone."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for fixture, model in FIXTURES:
            if model.objects.exists():
                self.stdout.write(f"{fixture}: already loaded, left as it is.")
            else:
                call_command("loaddata", fixture, verbosity=options["verbosity"])
        created = self._create_accounts()
        if not created:
            self.stdout.write("Demo accounts already exist; their passwords are unchanged.")
            return
        self.stdout.write(self.style.SUCCESS("Demo accounts (passwords are shown only now):"))
        for username, password in created:
            self.stdout.write(f"  {username:<10} {password}")

    def _create_accounts(self) -> list[tuple[str, str]]:
        User = get_user_model()
        created = []
        for username, group_name, journalist_slug in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            if group_name is None:
                User.objects.create_superuser(username=username, password=password)
            else:
                user = User.objects.create_user(username=username, password=password, is_staff=True)
                user.groups.add(Group.objects.get(name=group_name))
                Journalist.objects.filter(slug=journalist_slug, user=None).update(user=user)
            created.append((username, password))
        return created
