"""What the admin accepts is what the system can use: alias and summary lists
of distinct, trimmed texts; an old slug that stays with its article; a restore
that explains why it cannot put a taken slug back."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import Article, PreviousSlug, ProgramTag
from newsroom.validators import clean_text_list
from regions.models import Region
from tests.admin.helpers import change_url, open_form


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        (["Atambua", "  Kota   Atambua "], ["Atambua", "Kota Atambua"]),
        (["JHT", "", "  "], ["JHT"]),
        ([], []),
        (None, []),
    ],
)
def test_a_text_list_is_trimmed(value, cleaned):
    assert clean_text_list(value) == cleaned


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (["JHT lama", 1], "not_text"),
        (["JHT", None], "not_text"),
        (["JHT", ["lama"]], "not_text"),
        ({"JHT": "lama"}, "not_a_list"),
        ("JHT lama", "not_a_list"),
        (["Atambua", "atambua "], "duplicate"),
    ],
)
def test_anything_else_is_refused(value, code):
    with pytest.raises(ValidationError) as refused:
        clean_text_list(value)
    assert refused.value.code == code


@pytest.fixture
def admin_client(client, people):
    client.force_login(people["admin"])
    return client


def program_form(program: ProgramTag, aliases: str) -> dict:
    return {
        "name": program.name,
        "slug": program.slug,
        "full_name": program.full_name,
        "explainer": program.explainer,
        "aliases": aliases,
    }


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        (
            '["JHT lama", 1]',
            "Setiap isian harus berupa teks dalam tanda kutip ganda; 1 bukan teks.",
        ),
        ('["JHT lama", "jht  lama"]', "“jht lama” tercantum dua kali dalam daftar."),
        ('{"lama": "JHT"}', 'Masukkan daftar teks dalam kurung siku, misalnya ["Atambua", '),
    ],
)
def test_the_program_admin_refuses_aliases_the_importer_cannot_use(
    admin_client, places, aliases, message
):
    program = ProgramTag.objects.get(slug="jht")
    before = list(program.aliases)
    url = reverse("admin:articles_programtag_change", args=[program.pk])
    response = admin_client.post(url, program_form(program, aliases))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["aliases"]
    assert error.startswith(message)
    assert ProgramTag.objects.get(pk=program.pk).aliases == before


def test_the_program_admin_stores_trimmed_aliases(admin_client, places):
    program = ProgramTag.objects.get(slug="jht")
    url = reverse("admin:articles_programtag_change", args=[program.pk])
    response = admin_client.post(url, program_form(program, '[" JHT  lama ", "Tabungan hari tua"]'))
    assert response.status_code == 302
    assert ProgramTag.objects.get(pk=program.pk).aliases == ["JHT lama", "Tabungan hari tua"]


def test_the_region_admin_refuses_a_number_among_the_aliases(admin_client, places):
    belu = Region.objects.get(slug="belu")
    url = reverse("admin:regions_region_change", args=[belu.pk])
    data = {
        "name": belu.name,
        "slug": belu.slug,
        "kind": belu.kind,
        "parent": belu.parent_id,
        "code": belu.code,
        "aliases": '["Atambua", 5304]',
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["aliases"] == [
        "Setiap isian harus berupa teks dalam tanda kutip ganda; 5304 bukan teks."
    ]
    data["aliases"] = '["Atambua", " Kota Atambua"]'
    assert admin_client.post(url, data).status_code == 302
    assert Region.objects.get(pk=belu.pk).aliases == ["Atambua", "Kota Atambua"]


def test_summary_points_twice_the_same_are_refused(client, cast, people):
    client.force_login(people["editor"])
    data = open_form(client, cast["draft"])
    data["summary_points"] = "Iuran naik\niuran naik"
    response = client.post(change_url(cast["draft"]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["summary_points"] == [
        "“iuran naik” tercantum dua kali dalam daftar."
    ]


# Old slugs ---------------------------------------------------------------------


@pytest.fixture
def renamed(client, cast, people):
    """The live article, renamed by an editor: its old address redirects to it."""
    client.force_login(people["editor"])
    article = cast["live"]
    data = open_form(client, article)
    data["slug"] = "berita-tayang-diperbarui"
    assert client.post(change_url(article), data).status_code == 302
    assert PreviousSlug.objects.get(slug="berita-tayang").article == article
    return Article.objects.get(pk=article.pk)


def test_another_article_cannot_be_renamed_to_an_old_slug(client, renamed, cast, people):
    client.force_login(people["reporter_a"])
    data = open_form(client, cast["draft"])
    data["slug"] = "berita-tayang"
    response = client.post(change_url(cast["draft"]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "“berita-tayang” adalah alamat lama “Berita tayang” dan masih mengarahkan pembaca ke "
        "sana. Pilih alamat URL lain."
    ]
    assert PreviousSlug.objects.get(slug="berita-tayang").article == renamed
    assert Article.objects.get(pk=cast["draft"].pk).slug == "draf-rahasia"


def test_a_new_article_cannot_take_an_old_slug(client, renamed, people):
    client.force_login(people["reporter_a"])
    response = client.get(reverse("admin:articles_article_add"))
    data = {
        key: value
        for key, value in open_form(client, renamed).items()
        if not key.startswith(("bylines-", "base_version", "seen_version"))
    }
    data.update(title="Berita baru", slug="berita-tayang")
    data.update({"bylines-TOTAL_FORMS": "0", "bylines-INITIAL_FORMS": "0"})
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert not Article.objects.filter(slug="berita-tayang").exists()
    assert PreviousSlug.objects.get(slug="berita-tayang").article == renamed


def test_the_old_address_still_leads_to_the_article_that_had_it(client, renamed):
    old = renamed.get_absolute_url().replace("berita-tayang-diperbarui", "berita-tayang")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"].endswith(renamed.get_absolute_url())


def test_saving_never_deletes_another_articles_old_slug(renamed, cast):
    draft = Article.objects.get(pk=cast["draft"].pk)
    draft.slug = "berita-tayang"
    draft.save()
    assert PreviousSlug.objects.get(slug="berita-tayang").article == renamed


def test_an_article_may_go_back_to_its_own_old_slug(client, renamed):
    data = open_form(client, renamed)
    data["slug"] = "berita-tayang"
    assert client.post(change_url(renamed), data).status_code == 302
    assert Article.objects.get(pk=renamed.pk).slug == "berita-tayang"
    assert PreviousSlug.objects.get(slug="berita-tayang-diperbarui").article == renamed
    assert not PreviousSlug.objects.filter(slug="berita-tayang").exists()


# Restoring a revision whose slug is taken --------------------------------------


def test_a_restore_whose_slug_is_now_taken_explains_itself(client, renamed, cast):
    # The old slug went to another article before old slugs were bound (or by a
    # path that does not validate): version 1 of the renamed article cannot come back.
    PreviousSlug.objects.filter(slug="berita-tayang").delete()
    Article.objects.filter(pk=cast["draft"].pk).update(slug="berita-tayang")
    url = reverse("admin:articles_article_restore", args=[renamed.pk, 1])
    response = client.post(url, {"base_version": str(renamed.version)}, follow=True)
    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]][-1:] == [
        "Versi 1 tidak dipulihkan: alamat URL-nya “berita-tayang” kini milik “Draf rahasia”. "
        "Tidak ada yang diubah. Untuk memulihkannya, beri dulu alamat URL lain pada salah "
        "satu dari kedua artikel itu."
    ]
    stored = Article.objects.get(pk=renamed.pk)
    assert (stored.slug, stored.version) == ("berita-tayang-diperbarui", renamed.version)
    assert stored.revisions.count() == 2
