"""Measure every page in-process on the database DATABASE_URL names (run by
bench/scale.py, which sets the production environment and the page cache off).

Prints one JSON line: for each page, the median ms of ``repeat`` calls after a
warm-up, the number of queries of the last call, and the response size.

    .venv/bin/python bench/scale_pages.py 5
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.listing import Kind  # noqa: E402
from articles.models import Article, ArticleListing, ArticleReporter, Journalist  # noqa: E402
from regions.models import Region  # noqa: E402

HOST = "127.0.0.1"


def deep(kind: str, target: int) -> int:
    """A page nine tenths of the way down a list, as far as lists go (500)."""
    lines = ArticleListing.objects.filter(kind=kind, target=target).order_by()[:10_001].count()
    return max(1, min(lines // 20 * 9 // 10, 500))


def editor_and_reporter() -> tuple[User, User]:
    """Accounts for the admin pages, made once in the benchmark database."""
    editor, _ = User.objects.get_or_create(username="scale-editor", defaults={"is_staff": True})
    editor.groups.add(Group.objects.get(name="Editor"))
    reporter, _ = User.objects.get_or_create(username="scale-reporter", defaults={"is_staff": True})
    reporter.groups.add(Group.objects.get(name="Reporter"))
    if not Journalist.objects.filter(user=reporter).exists():
        busiest = ArticleReporter.objects.values_list("journalist", flat=True).first()
        Journalist.objects.filter(pk=busiest).update(user=reporter)
    return editor, reporter


def public_pages() -> dict[str, str]:
    regions = {
        kind: Region.objects.filter(kind=kind).order_by("path").first() for kind in Region.Kind
    }
    kupang = Region.objects.get(slug="kupang")
    program = Article.programs.through.tag_model().objects.get(slug="jkk")
    reporter = Journalist.objects.get(pk=ArticleReporter.objects.values("journalist")[:1])
    live = Article.objects.live()
    newest = live.order_by("-published_at", "-id").first()
    oldest = live.order_by("published_at", "id").first()
    pages = {"home": "/"}
    for kind, region in regions.items():
        if region is None:
            continue
        pages[f"{kind} p1"] = f"/wilayah/{region.slug}/"
        pages[f"{kind} deep"] = f"/wilayah/{region.slug}/?halaman={deep(Kind.REGION, region.pk)}"
    pages.update(
        {
            "regency + program + dates": f"/wilayah/{kupang.slug}/?program=jkk&dari=2020-01-01"
            "&sampai=2022-12-31",
            "program p1": f"/program/{program.slug}/",
            "program deep": f"/program/{program.slug}/?halaman={deep(Kind.PROGRAM, program.pk)}",
            "program + region": f"/program/{program.slug}/?wilayah=belu",
            "reporter p1": f"/penulis/{reporter.slug}/",
            "reporter deep": (
                f"/penulis/{reporter.slug}/?halaman={deep(Kind.REPORTER, reporter.pk)}"
            ),
            "article, newest": newest.get_absolute_url(),
            "article, oldest": oldest.get_absolute_url(),
            "archive": "/arsip/",
            "archive deep": f"/arsip/?halaman={deep(Kind.ALL, 0)}",
            "archive region": "/arsip/?wilayah=belu",
            "archive program": "/arsip/?program=jht",
            "archive reporter": f"/arsip/?penulis={reporter.slug}",
            "archive year": f"/arsip/?tahun={oldest.published_at.year + 1}",
            "archive month": "/arsip/?bulan=3",
            "archive region+program": "/arsip/?wilayah=belu&program=jht",
            "archive region+program+year+month": (
                f"/arsip/?wilayah=belu&program=jht&tahun={oldest.published_at.year + 1}&bulan=3"
            ),
            "archive all five": f"/arsip/?wilayah=belu&program=jht&penulis={reporter.slug}"
            f"&tahun={oldest.published_at.year + 1}&bulan=3",
            "search common": "/cari/?q=pekerja",
            "search rare": "/cari/?q=posyandu",
            "search two words": "/cari/?q=nelayan+santunan",
            "search deep": "/cari/?q=pekerja&halaman=10",
            "feed site": "/feed/",
            "feed region": f"/wilayah/{kupang.slug}/feed/",
            "feed program": f"/program/{program.slug}/feed/",
            "sitemap index": "/sitemap.xml",
            "sitemap articles p1": "/sitemap-articles.xml",
            "sitemap regions": "/sitemap-regions.xml",
            "sitemap programs": "/sitemap-programs.xml",
            "sitemap reporters": "/sitemap-reporters.xml",
            "sitemap news": "/sitemap-news.xml",
        }
    )
    last = max(1, -(-live.count() // 5000))
    pages["sitemap articles last"] = f"/sitemap-articles.xml?p={last}"
    return pages


def admin_pages(user: User) -> dict[str, str]:
    article = (
        Article.objects.live().filter(bylines__journalist__user=user).first()
        or Article.objects.live().order_by("-published_at").first()
    )
    year = article.published_at.year
    lst = "/admin/articles/article/"
    return {
        "dashboard": "/admin/",
        "list": lst,
        "list status": f"{lst}?status__exact=published",
        "list region": f"{lst}?region__id__exact={Region.objects.get(slug='belu').pk}",
        "list program": f"{lst}?program=jkk",
        "list queue review": f"{lst}?queue=review",
        "list live": f"{lst}?live=yes",
        "list scheduled": f"{lst}?scheduled=yes",
        "list sorted title": f"{lst}?o=1",
        "list sorted published": f"{lst}?o=-5",
        "list search": f"{lst}?q=pekerja",
        "list page 400": f"{lst}?p=400",
        "list year": f"{lst}?published_at__year={year}",
        "list month": f"{lst}?published_at__year={year}&published_at__month=1",
        "trash": f"{lst}?trash=yes",
        "change form": f"{lst}{article.pk}/change/",
        "history": f"{lst}{article.pk}/history/",
        "journalists": "/admin/articles/journalist/",
        "regions": "/admin/regions/region/",
        "programs": "/admin/articles/programtag/",
        "autocomplete region": "/admin/autocomplete/?app_label=articles&model_name=article"
        "&field_name=region&term=ku",
        "autocomplete related": "/admin/autocomplete/?app_label=articles&model_name=article"
        "&field_name=related&term=pekerja",
    }


def measure(client: Client, url: str, repeat: int) -> dict:
    response = client.get(url, HTTP_HOST=HOST)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, HTTP_HOST=HOST)
            times.append((time.perf_counter() - started) * 1000)
    return {
        "ms": statistics.median(times),
        "queries": len(queries),
        "status": response.status_code,
        "kb": round(len(response.content) / 1024),
    }


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    results = {}
    reader = Client()
    for name, url in public_pages().items():
        results[name] = measure(reader, url, repeat)
    editor, reporter = editor_and_reporter()
    for who, user in (("editor", editor), ("reporter", reporter)):
        client = Client()
        client.force_login(user)
        for name, url in admin_pages(user).items():
            results[f"admin {name} ({who})"] = measure(client, url, repeat)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
