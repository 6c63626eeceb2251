"""The public pages a reader can reach, as URLs: the one list the "drafts never
leak" checks walk. A new public page is added here, and every such check sees it."""

from articles.models import Journalist, ProgramTag
from regions.models import Region


def article_lists(*, regions, programs, reporters, archive=()) -> list[str]:
    """Every page that lists the live articles of these regions, programs and reporters
    (slugs): home, the archive (with each query in ``archive``, such as
    ``"wilayah=belu&program=jkk"``), region, program and reporter pages, their feeds,
    the site's feeds and the article sitemaps."""
    urls = ["/", "/arsip/", "/feed/", "/feed/atom/", "/sitemap-articles.xml", "/sitemap-news.xml"]
    urls += [f"/arsip/?{query}" for query in archive]
    for region in regions:
        urls += [f"/wilayah/{region}/", f"/wilayah/{region}/feed/", f"/wilayah/{region}/feed/atom/"]
    for program in programs:
        urls += [
            f"/program/{program}/",
            f"/program/{program}/feed/",
            f"/program/{program}/feed/atom/",
        ]
    urls += [f"/penulis/{reporter}/" for reporter in reporters]
    return urls


def every_public_page(*, archive=()) -> list[str]:
    """``article_lists`` for every region, program and journalist in the database, and
    the pages that list no article: robots.txt and the other sitemaps."""
    return [
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-regions.xml",
        "/sitemap-programs.xml",
        "/sitemap-reporters.xml",
        *article_lists(
            regions=Region.objects.values_list("slug", flat=True),
            programs=ProgramTag.objects.values_list("slug", flat=True),
            reporters=Journalist.objects.values_list("slug", flat=True),
            archive=archive,
        ),
    ]
