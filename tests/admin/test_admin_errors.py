"""The admin's own 403 and 404 pages: in Indonesian, with the admin's header and menu;
the reader site keeps its own."""

from django.test import override_settings
from django.urls import reverse


@override_settings(DEBUG=False)
def test_an_unknown_admin_page_is_the_admin_s_404(client, people):
    client.force_login(people["editor"])
    response = client.get("/admin/articles/article/999999/history/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Halaman tidak ditemukan" in page
    assert 'id="site-name"' in page
    assert reverse("admin:index") in page


@override_settings(DEBUG=False)
def test_a_refused_admin_page_is_the_admin_s_403_in_indonesian(client, people):
    client.force_login(people["reporter_a"])
    response = client.get(reverse("admin:articles_article_import"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Tidak diizinkan" in page
    assert "403 Forbidden" not in page


@override_settings(DEBUG=False)
def test_the_reader_site_keeps_its_own_404(client, db):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert 'id="site-name"' not in response.content.decode()
