def test_the_home_page_lists_live_articles_only(client, cast):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert cast["live"].title in content
    for state in ("draft", "in_review", "scheduled", "unpublished"):
        assert cast[state].title not in content


def test_an_article_page_is_served_only_while_live(client, cast):
    assert client.get(cast["live"].get_absolute_url()).status_code == 200
    for state in ("draft", "in_review", "scheduled", "unpublished"):
        assert client.get(cast[state].get_absolute_url()).status_code == 404


def test_a_wrong_date_in_the_url_redirects_to_the_real_one(client, cast):
    response = client.get(f"/berita/2001/01/01/{cast['live'].slug}/")
    assert response.status_code == 301
    assert response["Location"] == cast["live"].get_absolute_url()
