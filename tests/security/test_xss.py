"""Script in any text a person or a source file can supply never runs: not on a
public page, in a feed, or in the admin.

Hostile text is stored straight through the ORM, as a shell, an import or a
future code path could, so what is tested is the output side: templates,
filters, feeds, JSON-LD and the admin's own markup.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles import workflow
from articles.models import Article, ArticleReporter, Correction, Journalist, ProgramTag
from articles.preview import create_link, token_for
from articles.revisions import record_revision
from regions.models import Region
from tests.security.hostile import (
    MARKUP_PAYLOADS,
    PAYLOAD,
    URL_PAYLOAD,
    live_markup,
    live_markup_in_feed,
)
from tests.site.builders import photo

SOURCES = Path(settings.BASE_DIR, "fixtures/sources")
EVERYTHING = " ".join(MARKUP_PAYLOADS)


@pytest.fixture
def hostile(places, people):
    """A region, a program, a journalist and two articles with a payload in every
    text field a person or a source can fill."""
    region = Region.objects.create(
        name=PAYLOAD[:100],
        slug="wilayah-xss",
        kind=Region.Kind.REGENCY,
        parent=places["ntt"],
        aliases=[PAYLOAD],
    )
    program = ProgramTag.objects.create(
        name=PAYLOAD[:100],
        slug="program-xss",
        full_name=PAYLOAD,
        explainer=EVERYTHING,
        aliases=[PAYLOAD],
    )
    journalist = Journalist.objects.create(name=PAYLOAD, slug="wartawan-xss", bio=EVERYTHING)

    def article(slug: str, **fields) -> Article:
        article = Article(
            title=PAYLOAD,
            slug=slug,
            dek=EVERYTHING,
            summary_points=MARKUP_PAYLOADS,
            body="".join(f"<p>{payload}</p>" for payload in MARKUP_PAYLOADS),
            dateline_city=PAYLOAD[:100],
            region=region,
            editor=journalist,
            lead_image_alt=PAYLOAD[:250],
            lead_image_caption=PAYLOAD,
            lead_image_credit=PAYLOAD[:150],
            outlet=PAYLOAD[:100],
            original_url=f"{URL_PAYLOAD}//{slug}",
            original_byline=PAYLOAD,
            rights_line=PAYLOAD[:200],
            **fields,
        )
        article.lead_image.save(f"{slug}.jpg", photo(800, 500), save=False)
        article.save()
        article.regions.add(region, places["belu"])
        article.programs.add(program)
        ArticleReporter.objects.create(article=article, journalist=journalist)
        return article

    live = article(
        "berita-xss",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    Correction.objects.create(article=live, text=EVERYTHING)
    draft = article("draf-xss", status=Article.Status.IN_REVIEW)
    draft.related.add(live)
    live.related.add(draft)
    record_revision(draft, by=people["editor"])
    workflow.return_to_draft(draft, by=people["editor"], reason=EVERYTHING)
    Article.objects.filter(pk=draft.pk).update(title=PAYLOAD + " 2", version=draft.version + 1)
    draft.refresh_from_db()
    record_revision(draft, by=people["admin"])
    link = create_link(draft, by=people["editor"])
    return {"live": live, "draft": draft, "region": region, "program": program, "link": link}


def public_urls(hostile) -> list[str]:
    live = hostile["live"]
    return [
        "/",
        live.get_absolute_url(),
        "/wilayah/wilayah-xss/",
        "/wilayah/ntt/",
        "/wilayah/belu/",
        "/program/program-xss/",
        "/penulis/wartawan-xss/",
        "/arsip/",
        "/arsip/?wilayah=wilayah-xss&program=program-xss&penulis=wartawan-xss",
        f"/arsip/?wilayah={PAYLOAD}&program={PAYLOAD}&tahun={PAYLOAD}",
        "/cari/?q=alert",
        f"/cari/?q={PAYLOAD}",
        f"/cari/?q={EVERYTHING}",
        reverse("articles:preview", args=[token_for(hostile["link"])]),
        f"/tidak-ada/{PAYLOAD}/",
    ]


FEEDS = [
    "/feed/",
    "/feed/atom/",
    "/wilayah/wilayah-xss/feed/",
    "/wilayah/wilayah-xss/feed/atom/",
    "/program/program-xss/feed/",
    "/program/program-xss/feed/atom/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/sitemap-regions.xml",
    "/sitemap-programs.xml",
    "/sitemap-reporters.xml",
]


def admin_urls(hostile) -> list[str]:
    live, draft = hostile["live"], hostile["draft"]
    urls = ["/admin/", f"/admin/articles/article/?q={PAYLOAD}"]
    for article in (live, draft):
        urls += [
            reverse("admin:articles_article_change", args=[article.pk]),
            reverse("admin:articles_article_history", args=[article.pk]),
            reverse("admin:articles_article_preview", args=[article.pk]),
            reverse("admin:articles_article_delete", args=[article.pk]),
        ]
    urls += [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_changelist") + "?queue=returned",
        reverse("admin:articles_article_compare", args=[draft.pk]) + "?a=1&b=3",
        reverse("admin:articles_article_restore", args=[draft.pk, 1]),
        reverse("admin:articles_journalist_changelist"),
        reverse("admin:articles_journalist_change", args=[hostile["live"].editor_id]),
        reverse("admin:articles_programtag_change", args=[hostile["program"].pk]),
        reverse("admin:regions_region_changelist"),
        reverse("admin:regions_region_change", args=[hostile["region"].pk]),
    ]
    return urls


def test_the_checks_find_live_payloads():
    """A canary: each payload, unescaped, is found; escaped once, it is not."""
    for payload in MARKUP_PAYLOADS:
        assert live_markup(f"<p>{payload}</p>") != [], payload
        assert live_markup(f"<p>{escape(payload)}</p>") == [], payload
    assert live_markup(f'<a href=" {URL_PAYLOAD.upper()}">x</a>') != []
    assert live_markup(f'<p title="{escape(PAYLOAD)}">x</p>') == []
    json_ld = '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>'
    assert live_markup(json_ld) != []
    # In a feed, HTML is escaped once for XML: the reader's HTML is the unescaped text.
    rss = "<rss><channel><item><description>{}</description></item></channel></rss>"
    assert live_markup_in_feed(rss.format(escape(PAYLOAD)).encode()) != []
    assert live_markup_in_feed(rss.format(escape(escape(PAYLOAD))).encode()) == []


def test_no_public_page_runs_the_payloads(client, hostile):
    for url in public_urls(hostile):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert live_markup(response.content.decode()) == [], url
    # The pages did show the hostile text (escaped), so the check looked at it.
    page = client.get(hostile["live"].get_absolute_url()).content.decode()
    assert escape(PAYLOAD) in page


def test_no_feed_or_sitemap_carries_live_markup(client, hostile):
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert live_markup_in_feed(response.content) == [], url
    assert "alert(1)" in client.get("/feed/").content.decode()


def test_the_original_link_is_only_ever_a_web_address(client, hostile):
    live = hostile["live"]
    page = client.get(live.get_absolute_url()).content.decode()
    assert 'rel="nofollow noopener"' not in page
    Article.objects.filter(pk=live.pk).update(original_url="https://kupang.tribunnews.com/x")
    page = client.get(live.get_absolute_url()).content.decode()
    assert '<a href="https://kupang.tribunnews.com/x" rel="nofollow noopener">' in page


@pytest.mark.parametrize("who", ["editor", "admin", "reporter_a"])
def test_no_admin_page_runs_the_payloads(client, hostile, people, who):
    client.force_login(people[who])
    checked = 0
    for url in admin_urls(hostile):
        response = client.get(url)
        if response.status_code != 200:
            assert who == "reporter_a" and response.status_code in (403, 404), url
            continue
        assert live_markup(response.content.decode()) == [], url
        checked += 1
    assert checked >= (3 if who == "reporter_a" else len(admin_urls(hostile)) - 1)


def test_the_autocomplete_answers_json_with_the_text_as_data(client, hostile, people):
    client.force_login(people["editor"])
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "related", "term": "x"},
    )
    assert response["Content-Type"] == "application/json"
    assert PAYLOAD in {item["text"] for item in response.json()["results"]}


def hostile_source() -> bytes:
    """A Pos-Kupang file with a payload in the title, dek, byline and body."""
    text = (SOURCES / "004_983a433936bb54d8.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[1] = f"Perangkat desa di Belu {PAYLOAD}"
    lines[2] = f"Dek {MARKUP_PAYLOADS[1]}"
    lines[3] = f"Penulis: Agustinus {PAYLOAD} | Editor: Apolonia Matilde"
    body = next(i for i, line in enumerate(lines) if line.startswith("POS-KUPANG.COM, ATAMBUA"))
    lines.insert(body + 1, " ".join(MARKUP_PAYLOADS))
    return "\n".join(lines).encode()


def test_an_imported_file_cannot_carry_script_anywhere(client, people, places):
    client.force_login(people["admin"])
    url = reverse("admin:articles_article_import")
    upload = SimpleUploadedFile(f"{PAYLOAD[:40]}.txt", hostile_source(), "text/plain")
    previewed = client.post(url, {"files": [upload], "status": "in_review"})
    assert previewed.status_code == 200
    assert live_markup(previewed.content.decode()) == []
    payloads = re.findall(r'name="payload" value="([^"]+)"', previewed.content.decode())
    assert len(payloads) == 1
    done = client.post(
        url, {"confirm": "1", "status": "in_review", "payload": payloads, "chosen": ["0"]}
    )
    assert live_markup(done.content.decode()) == []
    article = Article.objects.get()
    assert PAYLOAD in article.title
    workflow.publish(article, by=people["editor"])

    for page in (
        article.get_absolute_url(),
        "/",
        "/arsip/",
        "/wilayah/belu/",
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
    ):
        response = client.get(page)
        assert response.status_code == 200, page
        assert live_markup(response.content.decode()) == [], page
    client.logout()
    for feed in ("/feed/", "/feed/atom/", "/wilayah/belu/feed/"):
        assert live_markup_in_feed(client.get(feed).content) == [], feed
