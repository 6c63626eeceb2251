import datetime
import json
import re

import pytest
from django.core.files.storage import default_storage
from django.test import RequestFactory

from articles.models import Article, ProgramTag
from articles.views import render_article
from tests.site.builders import correct, publish


@pytest.fixture
def story(places, frozen):
    # Published 07:30 WITA on Monday 17 November 2025 (23:30 UTC the day before).
    return publish(
        "Ratusan pekerja rentan di Belu terlindungi",
        region="belu",
        regions=("malaka",),
        programs=("jkk", "jkm"),
        reporters=("Maria Lado", "Yosef Bere"),
        editor="Apolonia Matilde",
        ago=datetime.timedelta(hours=1, minutes=30),
        dek="Iuran mereka dibayar pemerintah daerah.",
        summary_points=["450 pekerja didaftarkan.", "Iuran dibayar setahun."],
        dateline_city="Atambua",
        body="<p>Pemerintah Kabupaten Belu mendaftarkan pekerja.</p><p>Paragraf kedua.</p>",
        image=(1600, 1000),
        lead_image_caption="Pekerja di Atambua.",
        lead_image_credit="Maria Lado",
        focal_x=0.75,
        focal_y=0.45,
    )


def html_of(client, article: Article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_url_carries_the_wita_date_and_the_slug(story):
    assert (
        story.get_absolute_url() == "/berita/2025/11/17/ratusan-pekerja-rentan-di-belu-terlindungi/"
    )


def test_it_shows_headline_dek_and_byline_with_linked_reporters_in_order(client, story):
    html = html_of(client, story)
    assert '<h1 class="article-title">Ratusan pekerja rentan di Belu terlindungi</h1>' in html
    assert '<p class="dek">Iuran mereka dibayar pemerintah daerah.</p>' in html
    byline = re.search(r'<p class="byline">(.*?)</p>', html, re.S).group(1)
    assert re.findall(r'href="([^"]+)" rel="author">([^<]+)<', byline) == [
        ("/penulis/maria-lado/", "Maria Lado"),
        ("/penulis/yosef-bere/", "Yosef Bere"),
    ]
    assert "Apolonia Matilde" in re.search(r'<p class="editor">(.*?)</p>', html).group(1)


def test_the_dateline_opens_the_first_paragraph_in_house_style(client, story):
    html = html_of(client, story)
    assert (
        '<div class="article-body"><p><span class="dateline">ATAMBUA –</span> '
        "Pemerintah Kabupaten Belu mendaftarkan pekerja.</p><p>Paragraf kedua.</p></div>"
    ) in html


def test_times_are_shown_in_wita_and_labelled(client, story):
    correct(story, "Nama desa diperbaiki.", at=story.published_at + datetime.timedelta(hours=5))
    html = html_of(client, story)
    stamps = re.search(r'<p class="timestamps">(.*?)</p>', html, re.S).group(1)
    assert '<time datetime="2025-11-17T07:30:00+08:00">' in stamps
    assert "17 November 2025 07:30 WITA" in stamps
    assert '<time datetime="2025-11-17T12:30:00+08:00">' in stamps
    assert "17 November 2025 12:30 WITA" in stamps


def test_an_uncorrected_article_shows_no_update_time(client, story):
    html = html_of(client, story)
    assert html.count("<time ") >= 1
    assert "2025-11-17T07:30:00+08:00" in html
    stamps = re.search(r'<p class="timestamps">(.*?)</p>', html, re.S).group(1)
    assert stamps.count("<time") == 1


def test_summary_points_are_listed(client, story):
    html = html_of(client, story)
    summary = re.search(r'<section class="summary".*?</section>', html, re.S).group(0)
    assert re.findall(r"<li>(.*?)</li>", summary) == [
        "450 pekerja didaftarkan.",
        "Iuran dibayar setahun.",
    ]


def test_corrections_are_listed_with_their_wita_time(client, story):
    correct(
        story, "Jumlah pekerja 450, bukan 540.", at=story.published_at + datetime.timedelta(hours=2)
    )
    html = html_of(client, story)
    corrections = re.search(r'<section class="corrections".*?</section>', html, re.S).group(0)
    assert "17 November 2025 09:30 WITA</time>: Jumlah pekerja 450, bukan 540." in corrections


def test_the_lead_image_is_responsive_with_explicit_size_caption_and_credit(client, story):
    html = html_of(client, story)
    figure = re.search(r'<figure class="lead-figure">.*?</figure>', html, re.S).group(0)
    srcset = re.search(r'srcset="([^"]+)"', figure).group(1)
    widths = [int(w) for w in re.findall(r" (\d+)w", srcset)]
    assert widths == [480, 800, 1200]
    assert 'width="1200" height="675"' in figure
    assert 'alt="Foto untuk Ratusan pekerja rentan di Belu terlindungi"' in figure
    assert "loading=" not in figure  # above the fold: not lazy
    assert "Pekerja di Atambua." in figure and "Maria Lado" in figure
    for url in re.findall(r"(/media/\S+) \d+w", srcset):
        assert default_storage.exists(url.removeprefix("/media/"))


def test_region_and_program_links(client, story):
    html = html_of(client, story)
    topics = "".join(re.findall(r'<p class="topics">.*?</p>', html, re.S))
    assert re.findall(r'href="(/wilayah/[^"]+)"', topics) == ["/wilayah/belu/", "/wilayah/malaka/"]
    assert re.findall(r'href="(/program/[^"]+)"', topics) == ["/program/jkk/", "/program/jkm/"]


def test_read_also_lists_picks_first_then_shared_programs_then_region(client, story):
    hour = datetime.timedelta(hours=1)
    picked = publish("Pilihan editor", region="alor", ago=50 * hour)
    two_programs = publish(
        "Dua program sama", region="ende", programs=("jkk", "jkm"), ago=40 * hour
    )
    one_program = publish("Satu program sama", region="ende", programs=("jkk",), ago=2 * hour)
    same_region = publish("Sama wilayah", region="belu", ago=3 * hour)
    publish("Tidak berhubungan", region="alor", ago=2 * hour)
    publish("Draf berhubungan", region="belu", programs=("jkk",), status=Article.Status.DRAFT)
    publish("Sama wilayah lama", region="belu", ago=300 * hour)
    story.related.add(picked)
    html = html_of(client, story)
    related = re.search(r'<section class="related".*?</section>', html, re.S).group(0)
    titles = re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', related)
    assert titles == [picked.title, two_programs.title, one_program.title, same_region.title]


def test_imported_copy_carries_a_provenance_line(client, places, frozen):
    article = publish(
        "Salinan dari mitra",
        outlet="Pos-Kupang",
        original_url="https://kupang.tribunnews.com/2025/11/17/salinan",
        original_byline="Penulis: Maria Lado",
        rights_line="© Pos-Kupang.com",
    )
    html = html_of(client, article)
    provenance = re.search(r'<p class="provenance">(.*?)</p>', html, re.S).group(1)
    assert "Pos-Kupang" in provenance
    assert 'href="https://kupang.tribunnews.com/2025/11/17/salinan"' in provenance
    assert "© Pos-Kupang.com" in provenance


def test_own_copy_has_no_provenance_line(client, story):
    assert 'class="provenance"' not in html_of(client, story)


def test_the_body_is_sanitized_even_when_it_skipped_save(client, story):
    Article.objects.filter(pk=story.pk).update(
        body='<p onclick="steal()">Aman.</p><script>alert(1)</script>'
    )
    html = html_of(client, story)
    assert "<script>alert" not in html and "steal()" not in html
    assert "Aman.</p>" in html


def test_a_changed_slug_redirects_permanently_from_every_old_address(client, story):
    first = story.get_absolute_url()
    story.slug = "pekerja-rentan-belu"
    story.save()
    second = story.get_absolute_url()
    story.slug = "pekerja-rentan-di-belu"
    story.save()
    for old in (first, second):
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == "/berita/2025/11/17/pekerja-rentan-di-belu/"
    assert client.get(story.get_absolute_url()).status_code == 200


def test_a_new_article_may_take_a_retired_slug(client, story):
    old_url = story.get_absolute_url()
    story.slug = "nama-baru"
    story.save()
    newcomer = publish("Ratusan pekerja rentan di Belu terlindungi", region="alor")
    assert newcomer.get_absolute_url() == old_url
    assert client.get(old_url).status_code == 200


def test_a_wrong_date_redirects_to_the_real_one(client, story):
    response = client.get("/berita/2025/11/16/ratusan-pekerja-rentan-di-belu-terlindungi/")
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


@pytest.mark.parametrize(
    "url",
    [
        "/berita/2025/02/30/ratusan-pekerja-rentan-di-belu-terlindungi/",
        "/berita/2025/13/01/ratusan-pekerja-rentan-di-belu-terlindungi/",
        "/berita/0000/11/17/ratusan-pekerja-rentan-di-belu-terlindungi/",
        "/berita/99999999999999999999/11/17/ratusan-pekerja-rentan-di-belu-terlindungi/",
        "/berita/2025/11/17/tidak-ada/",
    ],
)
def test_an_impossible_date_or_unknown_slug_is_not_found(client, story, url):
    assert client.get(url).status_code == 404


def test_json_ld_describes_a_news_article(client, story):
    correct(story, "Koreksi.", at=story.published_at + datetime.timedelta(days=1))
    html = html_of(client, story)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    url = "http://testserver" + story.get_absolute_url()
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.title
    assert data["datePublished"] == "2025-11-17T07:30:00+08:00"
    assert data["dateModified"] == "2025-11-18T07:30:00+08:00"
    assert data["url"] == url
    assert data["mainEntityOfPage"]["@id"] == url
    assert data["author"] == [
        {"@type": "Person", "name": "Maria Lado", "url": "http://testserver/penulis/maria-lado/"},
        {"@type": "Person", "name": "Yosef Bere", "url": "http://testserver/penulis/yosef-bere/"},
    ]
    assert data["editor"] == {"@type": "Person", "name": "Apolonia Matilde"}
    assert data["publisher"]["name"] == "Newsroom NTT"
    assert data["publisher"]["logo"]["url"] == "http://testserver/static/img/logo.png"
    assert [re.search(r"-(\w+)-(\d+)\.jpg$", image).groups() for image in data["image"]] == [
        ("16x9", "1200"),
        ("4x3", "1200"),
        ("1x1", "1000"),
    ]


def test_json_ld_cannot_break_out_of_its_script_element(client, story):
    story.title = "Awas </script><script>alert(1)</script>"
    story.save()
    html = html_of(client, story)
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "\\u003C/script\\u003E" in script
    assert "<script>alert" not in html


def test_json_ld_omits_images_when_there_are_none(client, places, frozen):
    html = html_of(client, publish("Tanpa foto"))
    assert '"image"' not in html


class TestPreview:
    """``render_article`` is what the newsroom's preview link shows."""

    def render(self, article: Article, **kwargs):
        request = RequestFactory().get("/pratinjau/abc/")
        return render_article(request, article, **kwargs)

    def test_a_draft_preview_is_marked_noindex_private_and_links_to_no_public_address(
        self, places, frozen
    ):
        draft = publish("Draf untuk dilihat", status=Article.Status.DRAFT, programs=("jkk",))
        response = self.render(draft, preview=True)
        html = response.content.decode()
        assert response.status_code == 200
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert response["X-Robots-Tag"] == "noindex"
        assert "private" in response["Cache-Control"]
        assert 'class="preview-banner"' in html
        assert '<link rel="canonical"' not in html
        assert 'property="og:url"' not in html
        assert draft.get_absolute_url() not in html
        assert '<h1 class="article-title">Draf untuk dilihat</h1>' in html

    def test_a_preview_of_a_live_article_keeps_its_public_address(self, story):
        html = self.render(story, preview=True).content.decode()
        assert f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">' in html
        assert 'class="preview-banner"' in html

    def test_the_public_page_has_no_preview_banner_and_is_indexable(self, client, story):
        html = html_of(client, story)
        assert "preview-banner" not in html
        assert "noindex" not in html


def test_program_links_show_the_full_name_on_hover(client, story):
    html = html_of(client, story)
    full_name = ProgramTag.objects.get(slug="jkk").full_name
    assert f'href="/program/jkk/" title="{full_name}">JKK</a>' in html
