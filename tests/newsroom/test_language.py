def test_the_site_speaks_indonesian_whatever_the_browser_asks(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in response.content.decode()


def test_english_is_a_choice_made_with_the_language_switch(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_indonesian(client, db):
    client.cookies["django_language"] = "xx"
    assert client.get("/")["Content-Language"] == "id"


def test_the_language_link_sets_the_cookie_and_returns_to_the_page(client, db):
    response = client.get("/bahasa/en/", {"next": "/arsip/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/arsip/?page=2"
    assert response.cookies["django_language"].value == "en"
    assert client.get("/")["Content-Language"] == "en"


def test_the_language_link_never_sends_a_reader_off_site(client, db):
    response = client.get("/bahasa/id/", {"next": "https://contoh.example/phish"})
    assert response["Location"] == "/"
    assert client.get("/bahasa/xx/").status_code == 404


def test_public_pages_set_no_cookie(client, cast):
    for url in ("/", "/arsip/", "/wilayah/belu/", cast["live"].get_absolute_url()):
        assert not client.get(url).cookies, url
