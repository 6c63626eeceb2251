import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Journalist


def load():
    out = io.StringIO()
    call_command("load_demo", stdout=out, verbosity=0)
    return out.getvalue()


def test_demo_accounts_are_created_once_with_passwords_printed_once(db):
    first = load()
    User = get_user_model()
    assert set(User.objects.values_list("username", flat=True)) == {
        "admin",
        "editor",
        "reporter1",
        "reporter2",
    }
    for user in User.objects.all():
        line = next(line for line in first.splitlines() if line.split()[:1] == [user.username])
        assert user.check_password(line.split()[1])
    assert User.objects.get(username="admin").is_superuser
    assert Journalist.objects.get(user__username="reporter1").name == "Agustinus Tanggur"
    assert Journalist.objects.get(user__username="editor").name == "Apolonia Matilde"
    assert User.objects.get(username="editor").groups.get().name == "Editor"

    second = load()
    assert "passwords are unchanged" in second
    assert User.objects.count() == 4
    assert Article.objects.count() == 2


def test_a_second_run_keeps_what_editors_changed(db):
    load()
    Article.objects.filter(region__slug="kupang").update(title="Judul baru dari editor")
    load()
    assert Article.objects.filter(title="Judul baru dari editor").count() == 1
