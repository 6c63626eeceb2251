import datetime
import functools
import re

import pytest
from django.utils.html import escape, strip_tags
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import search as search_module
from articles.models import Article
from articles.search import parse
from articles.search import search as search_articles
from tests.site.builders import publish
from tests.site.builders import publish as publish_in

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def stories(places, frozen):
    # Tagged with a region none of them names, so only their words match.
    publish = functools.partial(publish_in, region="alor")
    return {
        "body": publish(
            "Laporan pekan ini",
            ago=1 * HOUR,
            body="<p>Di Atambua, <strong>nelayan</strong> &amp; petani ikut program jaminan.</p>",
        ),
        "title": publish("Nelayan Atambua terlindungi", ago=5 * HOUR, body="<p>Isi berita.</p>"),
        "dek": publish(
            "Kabar pesisir", ago=3 * HOUR, dek="Nelayan kecil di pesisir Belu.", body="<p>Isi.</p>"
        ),
        "work": publish("Kehilangan pekerjaan", ago=2 * HOUR, body="<p>Program baru.</p>"),
    }


def search(client, query: str):
    response = client.get("/cari/", {"q": query})
    assert response.status_code == 200
    return response


def found(response) -> list[str]:
    page = response.context["page_obj"]
    return [article.title for article in page] if page else []


def test_results_are_ranked_title_above_dek_above_body(client, stories):
    assert found(search(client, "nelayan")) == [
        "Nelayan Atambua terlindungi",
        "Kabar pesisir",
        "Laporan pekan ini",
    ]


def test_every_word_must_match(client, stories):
    assert found(search(client, "nelayan atambua")) == [
        "Nelayan Atambua terlindungi",
        "Laporan pekan ini",
    ]
    assert found(search(client, "nelayan kupang")) == []


def test_a_word_also_matches_longer_forms(client, stories):
    # Indonesian adds suffixes: "pekerja" should find "pekerjaan".
    assert found(search(client, "pekerja")) == ["Kehilangan pekerjaan"]


def test_a_word_matches_with_a_possessive_suffix_and_is_highlighted(client, places, frozen):
    publish("Kabar pesisir", body="<p>Perahu nelayannya rusak diterjang ombak.</p>")
    html = search(client, "nelayan").content.decode()
    assert "<mark>nelayannya</mark>" in html


def test_matches_are_highlighted_in_titles_and_snippets(client, stories):
    html = search(client, "nelayan").content.decode()
    link = '<a href="/berita/2025/11/17/nelayan-atambua-terlindungi/">'
    assert f"{link}<mark>Nelayan</mark> Atambua terlindungi</a>" in html
    snippet = re.search(r'<p class="card-dek">(Di Atambua.*?)</p>', html).group(1)
    # The body's tags are gone, its entities decoded and re-escaped, only <mark> added.
    assert snippet == "Di Atambua, <mark>nelayan</mark> &amp; petani ikut program jaminan."


def test_highlighting_never_lets_stored_markup_through(client, places, frozen):
    publish("Upah <b>naik</b> & </p><script>x()</script>", body="<p>Upah naik.</p>")
    html = search(client, "upah").content.decode()
    assert "<script>x()" not in html
    assert "<mark>Upah</mark> &lt;b&gt;naik&lt;/b&gt; &amp; &lt;/p&gt;&lt;script&gt;" in html


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "AND",
        "nelayan OR",
        "NOT nelayan",
        "NEAR(nelayan atambua)",
        "nel*",
        "^nelayan",
        "-nelayan",
        "title:nelayan",
        "((((",
        'nelayan"',
        "%",
        "\\",
        "🐟 nelayan",
        "nelayan " * 20,
        "\u200b",
    ],
)
def test_junk_and_operators_never_fail(client, stories, query):
    response = search(client, query)
    assert response.context["form"].is_valid()


def test_operators_are_plain_words(client, stories):
    assert found(search(client, "NEAR(nelayan atambua)")) == []
    assert found(search(client, "title:nelayan")) == []
    assert found(search(client, '"nelayan"')) == found(search(client, "nelayan"))


@pytest.mark.parametrize("query", ["", "   ", "!!!", "—", "*"])
def test_an_empty_query_asks_for_words(client, stories, query):
    response = search(client, query)
    assert response.context["page_obj"] is None
    assert '<p class="empty">' in response.content.decode()


def test_a_query_with_a_null_character_or_too_long_is_refused_politely(client, stories):
    for query in ("nelayan\x00", "x" * 201):
        response = search(client, query)
        assert response.context["page_obj"] is None
        assert '<p class="field-error">' in response.content.decode()


def test_no_match_is_said_plainly_with_a_link_to_the_archive(client, stories):
    response = search(client, "gajah")
    assert found(response) == []
    html = response.content.decode()
    assert "Tidak ada berita yang ditemukan untuk “gajah”." in html
    assert 'href="/arsip/"' in html
    assert "Ketik setidaknya satu kata" not in html


def test_the_query_is_escaped_where_it_is_shown(client, stories):
    html = search(client, '"><script>alert(1)</script>').content.decode()
    assert "<script>alert(1)" not in html
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_search_results_are_not_indexed(client, stories):
    assert (
        '<meta name="robots" content="noindex, follow">'
        in search(client, "nelayan").content.decode()
    )


def test_results_paginate(client, places, frozen):
    for number in range(25):
        publish(f"Nelayan nomor {number}", ago=(number + 1) * HOUR)
    assert len(found(search(client, "nelayan"))) == 20
    response = client.get("/cari/", {"q": "nelayan", "halaman": 2})
    assert len(found(response)) == 5
    assert client.get("/cari/", {"q": "nelayan", "halaman": 3}).status_code == 404


def test_terms_are_distinct_roots_at_most_twelve(places):
    query = parse("Nelayan NELAYAN, (atambua)* OR")
    assert [term.text for term in query.terms] == ["nelayan", "atambua", "or"]
    assert len(parse(" ".join(f"kata{n}" for n in range(30))).terms) == 12


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_no_text_at_all_makes_the_search_fail(stories, query):
    results = list(search_articles(Article.objects.live(), parse(query)))
    for article in results:
        # Highlighting adds <mark> and nothing else to the escaped title.
        assert strip_tags(article.search_title) == escape(article.title)


def test_a_short_word_does_not_match_longer_words_it_begins(client, places, frozen):
    publish("Warga Belu menerima santunan", ago=HOUR, body="<p>Di Atambua.</p>")
    publish("Bantuan belum cair", ago=HOUR, region="alor", body="<p>Masih menunggu.</p>")
    assert found(search(client, "belu")) == ["Warga Belu menerima santunan"]


@pytest.fixture
def window(monkeypatch):
    """Rank only the newest five matches, so a handful of stories overflow it."""
    monkeypatch.setattr(search_module, "WINDOW", 5)
    return 5


def fishermen(count: int) -> list[Article]:
    """``count`` stories with "nelayan" in the body only, oldest first (so
    their ids and their publication times agree), equally relevant."""
    return [
        publish(f"Laporan {n}", ago=(100 - n) * HOUR, body="<p>Para nelayan melaut.</p>")
        for n in range(count)
    ]


def test_beyond_the_window_the_newest_matches_are_ranked(client, places, frozen, window):
    oldest = publish("Nelayan Lembata", ago=200 * HOUR, body="<p>Isi.</p>")
    reports = fishermen(6)
    reports[3].title = "Nelayan Sabu"
    reports[3].save()
    response = search(client, "nelayan")
    # The newest five, the title match first, then the rest newest first; the
    # oldest title match and the oldest report are left out.
    assert found(response) == ["Nelayan Sabu", "Laporan 5", "Laporan 4", "Laporan 2", "Laporan 1"]
    assert oldest.title not in found(response)
    paginator = response.context["page_obj"].paginator
    assert paginator.capped and paginator.count == 5
    count = re.search(r'<p class="result-count" role="status">(.*?)</p>', response.content.decode())
    assert count.group(1) == (
        "Lebih dari 5 berita ditemukan. Ini yang paling cocok di antara 5 berita terbaru;"
        " tambahkan kata untuk mempersempit pencarian."
    )


def test_the_window_has_no_page_past_its_last(client, places, frozen, window):
    fishermen(8)
    assert client.get("/cari/", {"q": "nelayan", "halaman": 2}).status_code == 404


def test_hidden_matches_do_not_fill_the_window(client, places, frozen, window):
    fishermen(5)
    publish("Nelayan draf", status=Article.Status.DRAFT)
    publish("Nelayan terjadwal", ago=-HOUR)
    publish("Nelayan di tempat sampah", deleted_at=frozen)
    response = search(client, "nelayan")
    assert found(response) == [f"Laporan {n}" for n in (4, 3, 2, 1, 0)]
    paginator = response.context["page_obj"].paginator
    assert not paginator.capped and paginator.count == 5
    assert "5 berita ditemukan." in response.content.decode()


def test_the_snippet_shows_a_match_deep_in_a_long_body(client, places, frozen):
    filler = "<p>" + "Warga desa berkumpul di balai untuk rapat. " * 60 + "</p>"
    body = f"{filler}<p>Para <em>nelayan</em> Atambua menerima santunan.</p>{filler}"
    publish("Laporan panjang", body=body)
    html = search(client, "nelayan").content.decode()
    snippet = re.search(r'<p class="card-dek">(.*?)</p>', html).group(1)
    assert "<mark>nelayan</mark> Atambua menerima santunan." in snippet


def test_no_words_no_queries(django_assert_num_queries, stories):
    with django_assert_num_queries(0):
        results = search_articles(Article.objects.live(), parse(""))
        assert len(results) == 0 and list(results) == [] and not results.capped
