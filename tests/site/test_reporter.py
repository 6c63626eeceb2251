import datetime

from articles.models import Article
from tests.site.builders import journalist, publish

HOUR = datetime.timedelta(hours=1)


def test_a_reporter_page_lists_their_live_bylines_newest_first(client, places, frozen):
    publish("Tulisan Maria", reporters=("Maria Lado",), ago=2 * HOUR)
    publish("Tulisan berdua", reporters=("Yosef Bere", "Maria Lado"), ago=1 * HOUR)
    publish("Tulisan Yosef", reporters=("Yosef Bere",), ago=3 * HOUR)
    publish("Draf Maria", reporters=("Maria Lado",), status=Article.Status.DRAFT)
    response = client.get("/penulis/maria-lado/")
    assert [a.title for a in response.context["page_obj"]] == ["Tulisan berdua", "Tulisan Maria"]
    assert "<h1>Maria Lado</h1>" in response.content.decode()


def test_a_reporter_s_bio_is_shown(client, places):
    maria = journalist("Maria Lado")
    maria.bio = "Wartawan di Atambua sejak 2015."
    maria.save()
    assert "Wartawan di Atambua sejak 2015." in client.get("/penulis/maria-lado/").content.decode()


def test_an_unknown_reporter_is_not_found(client, db):
    assert client.get("/penulis/tidak-ada/").status_code == 404


def test_a_reporter_s_photo_is_shown_with_a_text_alternative(client, places):
    from tests.site.builders import photo

    maria = journalist("Maria Lado")
    maria.photo.save("maria.jpg", photo(400, 400))
    html = client.get("/penulis/maria-lado/").content.decode()
    assert f'<img class="portrait" src="{maria.photo.url}" width="96" height="96"' in html
    assert 'alt="Foto Maria Lado"' in html
