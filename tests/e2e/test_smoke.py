def test_a_reader_opens_the_home_page_in_a_real_browser(live_server, page, screenshot, cast):
    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text() != ""
    assert "Berita tayang" in page.content()
    assert "Draf rahasia" not in page.content()
    screenshot("home-smoke")
