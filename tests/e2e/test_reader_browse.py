"""A reader in a real browser: from the home page to an article, a reporter,
a region and a program, through the filters and the search, on a phone and a
desktop screen. Screenshots land in test-artifacts/screenshots/."""

import pytest

from tests.site.pages import build_newsroom

pytestmark = pytest.mark.urls("tests.site.browser_urls")

WIDTHS = [360, 1280]


@pytest.fixture
def newsroom(places):
    return build_newsroom()


@pytest.fixture
def requests(page):
    """Every URL the browser asked for."""
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def heading(page) -> str:
    return page.locator("h1").first.inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reader_follows_links_from_home_to_article_reporter_region_and_program(
    live_server, page, screenshot, newsroom, requests, width
):
    page.set_viewport_size({"width": width, "height": 900})
    story = newsroom["story"]
    page.goto(live_server.url + "/")
    screenshot(f"reader-home-{width}")

    page.locator(".lead-title a").click()
    assert heading(page) == story.title
    assert page.locator(".article-body .dateline").inner_text() == "ATAMBUA –"
    image = page.locator(".lead-figure img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert image.evaluate("img => img.currentSrc").endswith(".jpg")
    screenshot(f"reader-article-{width}")

    page.locator(".byline a", has_text="Yosef Bere").click()
    assert heading(page) == "Yosef Bere"
    page.go_back()

    page.locator(".kicker a").click()
    assert page.url == live_server.url + "/wilayah/belu/"
    assert page.locator(".breadcrumbs a").all_inner_texts() == ["Nusa Tenggara Timur", "Belu"]
    screenshot(f"reader-region-{width}")

    page.go_back()
    page.locator(".article-footer a", has_text="JKK").click()
    assert page.url == live_server.url + "/program/jkk/"
    screenshot(f"reader-program-{width}")

    # Everything came from the site itself: it works offline.
    assert [url for url in requests if not url.startswith(live_server.url)] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reader_narrows_a_region_and_a_program_with_the_filters(
    live_server, page, screenshot, newsroom, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/wilayah/ntt/")
    page.locator(".chip-list a[href='/wilayah/kupang/']").click()
    assert page.url == live_server.url + "/wilayah/kupang/"
    assert page.locator(".article-list > li").count() == 20
    assert page.locator(".pagination a[rel=next]").is_visible()

    assert not page.locator("#id_program").is_visible()  # folded until asked for
    page.locator(".filters summary").click()
    page.select_option("#id_program", "bpjs-ketenagakerjaan")
    page.locator(".filters button[type=submit]").click()
    assert (
        page.url
        == live_server.url + "/wilayah/kupang/?program=bpjs-ketenagakerjaan&penulis=&dari=&sampai="
    )
    titles = page.locator(".article-list .card-title").all_inner_texts()
    assert titles == ["Desa Bolok jadi desa sadar jaminan sosial"]

    page.goto(live_server.url + "/program/jkk/")
    page.locator(".filters summary").click()
    page.select_option("#id_wilayah", "manggarai-barat")
    page.locator(".filters button[type=submit]").click()
    titles = page.locator(".article-list .card-title").all_inner_texts()
    assert titles == ["Nelayan Labuan Bajo ikut Jaminan Kecelakaan Kerja"]

    page.goto(live_server.url + "/arsip/")
    page.locator(".filters summary").click()
    page.select_option("#id_wilayah", "kupang")
    page.locator(".filters button[type=submit]").click()
    assert page.locator(".pagination-current").is_visible()
    screenshot(f"reader-archive-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reader_searches_and_sees_the_matches_highlighted(
    live_server, page, screenshot, newsroom, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")
    page.fill("#site-search-q", "nelayan labuan")
    page.locator(".site-search button").click()
    assert page.locator(".card-title").all_inner_texts() == [
        "Nelayan Labuan Bajo ikut Jaminan Kecelakaan Kerja"
    ]
    assert page.locator(".card-title mark").all_inner_texts() == ["Nelayan", "Labuan"]
    screenshot(f"reader-search-{width}")

    page.fill("#search-q", '")) OR *')
    page.locator(".search-page-form .search-row button").click()
    assert page.locator(".article-list").count() == 0
    assert page.locator(".listing .empty").is_visible()


def test_pages_fit_a_360_pixel_screen(live_server, page, newsroom):
    page.set_viewport_size({"width": 360, "height": 800})
    for url in [
        "/",
        newsroom["story"].get_absolute_url(),
        "/wilayah/kupang/",
        "/program/jkk/",
        "/arsip/",
        "/cari/?q=pekerja",
        "/penulis/maria-lado/",
    ]:
        page.goto(live_server.url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url


def test_images_below_the_fold_wait_until_they_are_needed(live_server, page, newsroom):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + "/")
    loading = page.locator("img").evaluate_all("images => images.map(i => i.loading)")
    assert loading[0] == "auto"  # the lead image is above the fold
    assert set(loading[1:]) == {"lazy"}
    assert all(
        page.locator("img").evaluate_all("images => images.map(i => i.width > 0 && i.height > 0)")
    )


def test_the_site_reads_and_filters_without_javascript(live_server, browser, newsroom):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/wilayah/kupang/")
        page.locator(".filters summary").click()
        page.select_option("#id_program", "bpjs-ketenagakerjaan")
        page.locator(".filters button[type=submit]").click()
        assert page.locator(".card-title").all_inner_texts() == [
            "Desa Bolok jadi desa sadar jaminan sosial"
        ]
        page.locator(".card-title a").click()
        assert page.locator("h1").inner_text() == "Desa Bolok jadi desa sadar jaminan sosial"
    finally:
        context.close()


def test_a_reader_switches_the_site_to_english_and_back(live_server, page, newsroom):
    page.goto(live_server.url + "/wilayah/belu/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.locator(".language-switch a[lang=en]").click()
    assert page.url == live_server.url + "/wilayah/belu/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".site-nav").inner_text().split() == ["Home", "Regions", "Archive"]
    page.locator(".language-switch a[lang=id]").click()
    assert page.locator("html").get_attribute("lang") == "id"
