"""Article HTML is cleaned against the allowlist, whether typed in the admin or imported."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from articles.admin.editor import EDITOR_EXTENSIONS
from articles.importing.service import Importer
from articles.models import Article
from articles.sanitize import ALLOWED_TAGS, clean_html
from tests.admin.helpers import change_url, open_form

# payload → what is stored
XSS = {
    "<script>alert(1)</script><p>aman</p>": "<p>aman</p>",
    "<img src=x onerror=alert(1)>": "",
    '<a href="javascript:alert(1)">klik</a>': '<a rel="noopener noreferrer nofollow">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>': '<a rel="noopener noreferrer nofollow">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>': '<a rel="noopener noreferrer nofollow">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">d</a>': (
        '<a rel="noopener noreferrer nofollow">d</a>'
    ),
    '<p onclick="alert(1)" style="color:red">teks</p>': "<p>teks</p>",
    '<iframe src="https://evil.example"></iframe><p>x</p>': "<p>x</p>",
    "<style>body{display:none}</style><p>x</p>": "<p>x</p>",
    "<svg><script>alert(1)</script></svg>": "",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>": "",
    '<object data="x"></object><embed src="x">': "",
    '<form action="x"><input name="a"></form>': "",
    '<div style="background:url(javascript:alert(1))">d</div>': "d",
    '<td colspan="2" onmouseover="x">a</td>': "a",
    "<p>Satu<br>dua</p><!-- komentar -->": "<p>Satu<br>dua</p>",
    '<a href="https://contoh.id/berita" target="_blank">baca</a>': (
        '<a href="https://contoh.id/berita" rel="noopener noreferrer nofollow">baca</a>'
    ),
}


@pytest.mark.parametrize(("payload", "stored"), XSS.items(), ids=range(len(XSS)))
def test_the_allowlist(payload, stored):
    assert clean_html(payload) == stored


def test_what_the_editor_offers_survives_cleaning():
    markup = (
        "<h2>Sub</h2><h3>a</h3><h4>b</h4><p><strong>t</strong> <em>m</em> <u>u</u> <s>s</s> "
        "H<sub>2</sub>O x<sup>2</sup><br>baris</p><ul><li>a</li></ul><ol><li>b</li></ol>"
        "<blockquote><p>kutipan</p></blockquote><hr>"
        '<p><a href="mailto:redaksi@contoh.id" rel="noopener noreferrer nofollow">surat</a></p>'
        '<table><tbody><tr><th colspan="2">h</th></tr><tr><td>1</td><td>2</td></tr></tbody></table>'
    )
    assert clean_html(markup) == markup
    assert {"h2", "h3", "h4", "table", "blockquote", "hr", "a"} <= ALLOWED_TAGS
    assert EDITOR_EXTENSIONS["Heading"] == {"levels": [2, 3, 4]}


def test_the_admin_stores_the_body_cleaned(client, cast, people):
    client.force_login(people["reporter_a"])
    data = open_form(client, cast["draft"])
    data["body"] = "".join(XSS)
    assert client.post(change_url(cast["draft"]), data).status_code == 302
    assert Article.objects.get(pk=cast["draft"].pk).body == clean_html("".join(XSS))
    body = Article.objects.get(pk=cast["draft"].pk).body
    for dangerous in ("<script", "onerror", "onclick", "javascript:", "<iframe", "style=", "<svg"):
        assert dangerous not in body.lower()


def test_the_read_only_view_shows_the_body_cleaned(client, cast, people):
    Article.objects.filter(pk=cast["in_review"].pk).update(
        body='<p>Teks</p><script>alert("x")</script>'
    )
    client.force_login(people["reporter_a"])
    response = client.get(change_url(cast["in_review"]))
    page = response.content.decode()
    assert '<div class="article-body-preview"><p>Teks</p></div>' in page
    assert 'alert("x")' not in page


def test_an_imported_file_cannot_carry_markup(places, people, client):
    source = Path(settings.BASE_DIR, "fixtures/sources/000_e04379150e9b95c5.txt").read_text()
    poisoned = source.replace(
        "Tiga desa yang telah",
        '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:x">a</a> '
        "Tiga desa yang telah",
    )
    importer = Importer()
    outcome = importer.import_file(
        poisoned.encode(), name="racun.txt", status=Article.Status.DRAFT, dry_run=False
    )
    assert outcome.ok, outcome.error_message
    body = outcome.article.body
    assert "<script" not in body
    assert "<img" not in body
    assert "<a " not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body

    client.force_login(people["admin"])
    response = client.get(reverse("admin:articles_article_preview", args=[outcome.article.pk]))
    assert "<script>alert(1)</script>" not in response.content.decode()
