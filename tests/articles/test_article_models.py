import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import workflow
from articles.models import Article, Journalist, ProgramTag


def test_the_public_url_carries_the_date_in_wita(make_article):
    # 20:30 UTC on 16 November is already 17 November in WITA (UTC+8).
    article = make_article(
        "Larut malam", published_at=datetime.datetime(2025, 11, 16, 20, 30, tzinfo=datetime.UTC)
    )
    assert article.get_absolute_url() == "/berita/2025/11/17/larut-malam/"


def test_the_body_is_sanitized_whenever_an_article_is_saved(db):
    article = Article.objects.create(
        title="Uji",
        slug="uji",
        body=(
            '<p onclick="steal()">Isi<script>alert(1)</script></p>'
            '<a href="javascript:alert(1)">tautan</a><iframe src="//x"></iframe>'
            '<p style="color:red">gaya</p>'
        ),
    )
    article.refresh_from_db()
    for forbidden in ("onclick", "<script", "alert(1)", "javascript:", "<iframe", "style="):
        assert forbidden not in article.body
    assert "<p>Isi</p>" in article.body


def test_a_draft_with_a_lead_image_saves_without_alt_text(db):
    """Alt text is required to publish (tests/workflow/test_publish_validation.py),
    not to keep a draft with its photo."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 9), "navy").save(buffer, "PNG")
    article = Article(
        title="Foto", slug="foto", lead_image=SimpleUploadedFile("foto.png", buffer.getvalue())
    )
    article.clean()
    assert workflow.publish_problems(article)[-1] == "teks alternatif untuk gambar utama"


def test_journalists_and_programs_load_by_natural_key(places):
    journalist = Journalist.objects.create(name="Ana", slug="ana")
    assert Journalist.objects.get_by_natural_key("ana") == journalist
    assert ProgramTag.objects.get_by_natural_key("jkk").full_name == "Jaminan Kecelakaan Kerja"


def test_reporters_keep_their_byline_order(make_article, reporter):
    from articles.models import ArticleReporter

    article = make_article("Dua penulis")
    second = Journalist.objects.create(name="Yohanes Seo", slug="yohanes-seo")
    ArticleReporter.objects.filter(article=article).update(position=1)
    ArticleReporter.objects.create(article=article, journalist=second, position=0)
    names = [b.journalist.name for b in article.bylines.select_related("journalist")]
    assert names == ["Yohanes Seo", "Maria Lado"]
