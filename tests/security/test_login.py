"""Signing in to the admin: guessing is throttled, admins can lift a lock,
sessions end, and weak passwords are refused."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

LOGIN = "/admin/login/?next=/admin/"
LIMIT = settings.AXES_FAILURE_LIMIT


def sign_in(client, username: str, password: str, **headers):
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.fixture
def editor(people):
    editor = people["editor"]
    editor.set_password("kopi-sore-di-atambua")
    editor.save()
    return editor


def test_the_right_password_signs_in(client, editor):
    assert signed_in(sign_in(client, "editor", "kopi-sore-di-atambua"))


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, editor):
    for attempt in range(LIMIT - 1):
        response = sign_in(client, "editor", f"tebakan-{attempt}")
        assert response.status_code == 200, attempt  # the login form again, with an error
    response = sign_in(client, "editor", "tebakan-terakhir")
    assert response.status_code == 429
    response = sign_in(client, "editor", "kopi-sore-di-atambua")
    assert response.status_code == 429
    page = response.content.decode()
    assert "30" in page
    assert "kopi" not in page
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_by_itself_after_half_an_hour(client, editor):
    for attempt in range(LIMIT):
        sign_in(client, "editor", f"tebakan-{attempt}")
    later = timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1)
    with time_machine.travel(later):
        assert signed_in(sign_in(client, "editor", "kopi-sore-di-atambua"))


def test_a_lock_is_for_one_username_from_one_address(editor, people):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(LIMIT):
        sign_in(attacker, "editor", f"tebakan-{attempt}")
    assert sign_in(attacker, "editor", "kopi-sore-di-atambua").status_code == 429
    # The editor at the office is not locked out by a stranger...
    assert signed_in(sign_in(Client(REMOTE_ADDR="198.51.100.7"), "editor", "kopi-sore-di-atambua"))
    # ...nor is a colleague sharing the attacker's address.
    people["reporter_b"].set_password("tenun-ikat-sumba-timur")
    people["reporter_b"].save()
    assert signed_in(sign_in(attacker, "reporter_b", "tenun-ikat-sumba-timur"))


@override_settings(TRUSTED_PROXIES=1)
def test_behind_the_proxy_a_forged_forwarded_address_does_not_escape_the_lock(editor):
    """nginx appends the address it saw; whatever the client sent before it is ignored."""
    for attempt in range(LIMIT + 3):
        client = Client(
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.9.8.{attempt}, 203.0.113.9",
        )
        response = sign_in(client, "editor", f"tebakan-{attempt}")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_an_admin_sees_the_lock_and_lifts_it(client, editor, people):
    attacker = Client()
    for attempt in range(LIMIT):
        sign_in(attacker, "editor", f"tebakan-{attempt}")
    assert sign_in(attacker, "editor", "kopi-sore-di-atambua").status_code == 429

    client.force_login(people["admin"])
    changelist = reverse("admin:axes_accessattempt_changelist")
    response = client.get(changelist + "?locked_out=yes")
    assert response.status_code == 200
    [attempt] = response.context["cl"].result_list
    # Five wrong passwords, then the right one while locked, which counts too.
    assert (attempt.username, attempt.failures_since_start) == ("editor", LIMIT + 1)
    # Passwords tried are never kept.
    assert "tebakan" not in attempt.post_data
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert signed_in(sign_in(attacker, "editor", "kopi-sore-di-atambua"))


@pytest.mark.parametrize("who", ["editor", "reporter_a"])
def test_only_admins_see_the_sign_in_attempts(client, people, who):
    client.force_login(people[who])
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_a_session_ends_after_a_working_day(client, people):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    client.force_login(people["editor"])
    start = timezone.now()
    with time_machine.travel(start + datetime.timedelta(hours=11, minutes=59)):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=12, minutes=1)):
        response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_signing_out_ends_the_session_on_the_server(client, people):
    client.force_login(people["editor"])
    session_key = client.session.session_key
    client.post("/admin/logout/")
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()


@pytest.mark.parametrize(
    "password",
    ["editor", "editor2025!", "password123", "12345678901234", "pendek-8"],
)
def test_weak_passwords_are_refused(people, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=people["editor"])


def test_a_good_passphrase_is_accepted(people):
    validate_password("kopi-sore-di-atambua", user=people["editor"])


def test_the_admin_refuses_a_weak_password_for_a_new_account(client, people):
    client.force_login(people["admin"])
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "wartawan",
            "usable_password": "true",
            "password1": "password123",
            "password2": "password123",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["password2"]
    from django.contrib.auth.models import User

    assert not User.objects.filter(username="wartawan").exists()
