"""What readers type: other forms of a word, names and aliases, typos, phrases,
filters and the order; the same articles on SQLite and PostgreSQL (this file
runs on both)."""

import datetime
import re

import pytest

from articles.models import Article
from tests.site.builders import publish

HOUR = datetime.timedelta(hours=1)


def search(client, query: str, **params):
    response = client.get("/cari/", {"q": query, **params})
    assert response.status_code == 200
    return response


def found(response) -> list[str]:
    page = response.context["page_obj"]
    return [article.title for article in page] if page else []


@pytest.fixture
def news(places, frozen):
    return {
        "arrest": publish(
            "Polisi tangkap pencuri ternak",
            region="kupang",
            ago=1 * HOUR,
            body="<p>Pelaku ditangkap warga di Oelamasi.</p>",
        ),
        "register": publish(
            "Ratusan nelayan didaftarkan",
            region="sikka",
            programs=("jkk",),
            ago=2 * HOUR,
            body="<p>Pemerintah mendaftarkan nelayan ke program perlindungan pekerja.</p>",
        ),
        "bajo": publish(
            "Wisatawan ramai di pelabuhan",
            region="manggarai-barat",
            ago=3 * HOUR,
            body="<p>Kapal wisata penuh sejak pagi.</p>",
        ),
        "claim": publish(
            "Ahli waris terima santunan kecelakaan kerja",
            region="timor-tengah-selatan",
            programs=("bpjs-ketenagakerjaan",),
            ago=4 * HOUR,
            body="<p>Santunan kecelakaan kerja diserahkan di kantor cabang.</p>",
        ),
        "old": publish(
            "Kecelakaan di jalan raya",
            region="belu",
            ago=24 * 400 * HOUR,
            body="<p>Kerja bakti warga membersihkan jalan.</p>",
        ),
    }


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("menangkap", ["Polisi tangkap pencuri ternak"]),
        ("penangkapan polisi", ["Polisi tangkap pencuri ternak"]),
        ("pendaftaran", ["Ratusan nelayan didaftarkan"]),
        ("terlindungi", ["Ratusan nelayan didaftarkan"]),
        ("menyantuni", ["Ahli waris terima santunan kecelakaan kerja"]),
    ],
)
def test_a_word_finds_the_other_forms_of_its_root(client, news, query, titles):
    assert found(search(client, query)) == titles


def test_stop_words_do_not_have_to_match(client, news):
    assert found(search(client, "yang ditangkap di")) == ["Polisi tangkap pencuri ternak"]


def test_only_stop_words_say_so(client, news):
    html = search(client, "yang dan").content.decode()
    assert "terlalu umum" in html


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("Labuan Bajo", "/wilayah/manggarai-barat/"),
        ("Mabar", "/wilayah/manggarai-barat/"),
        ("TTS", "/wilayah/timor-tengah-selatan/"),
        ("Soe", "/wilayah/timor-tengah-selatan/"),
        ("Jamsostek", "/program/bpjs-ketenagakerjaan/"),
        ("BPJamsostek", "/program/bpjs-ketenagakerjaan/"),
    ],
)
def test_an_alias_finds_what_is_tagged_and_offers_its_page(client, news, query, page):
    response = search(client, query)
    titles = found(response)
    expected = {
        "/wilayah/manggarai-barat/": ["Wisatawan ramai di pelabuhan"],
        "/wilayah/timor-tengah-selatan/": ["Ahli waris terima santunan kecelakaan kerja"],
        "/program/bpjs-ketenagakerjaan/": ["Ahli waris terima santunan kecelakaan kerja"],
    }[page]
    assert titles == expected
    named = re.search(
        r'<section class="search-named".*?</section>', response.content.decode(), re.S
    )
    assert f'href="{page}"' in named.group(0)


def test_a_place_under_a_region_counts_as_the_region(client, news, places):
    village = publish("Panen jagung", region="batu-cermin", body="<p>Hasil panen baik.</p>")
    assert village.title in found(search(client, "Labuan Bajo"))


def test_a_misspelt_word_gets_a_suggestion_that_finds_something(client, news):
    html = search(client, "kecelakan").content.decode()
    assert "Tidak ada berita yang ditemukan untuk “kecelakan”." in html
    link = re.search(
        r'<p class="suggestion">Mungkin maksud Anda: <a href="([^"]+)">(.*?)</a>', html
    )
    assert link.group(2) == "<em>kecelakaan</em>"
    followed = client.get(link.group(1).replace("&amp;", "&"))
    assert "Ahli waris terima santunan kecelakaan kerja" in found(followed)


def test_a_misspelling_keeps_the_other_words(client, news):
    html = search(client, "santunnan kerja").content.decode()
    assert 'href="/cari/?q=santunan%20kerja"' in html


def test_a_word_only_drafts_have_is_never_suggested(client, news):
    publish("Rahasia kelautan", status=Article.Status.DRAFT, body="<p>Draf.</p>")
    html = search(client, "kelautn").content.decode()
    assert "kelautan" not in html
    assert "Mungkin maksud Anda" not in html


def test_a_quoted_phrase_matches_its_words_side_by_side(client, news):
    assert found(search(client, '"kecelakaan kerja"')) == [
        "Ahli waris terima santunan kecelakaan kerja"
    ]
    # Unquoted, the words may be anywhere.
    assert sorted(found(search(client, "kecelakaan kerja"))) == [
        "Ahli waris terima santunan kecelakaan kerja",
        "Kecelakaan di jalan raya",
    ]


def test_results_narrow_by_region_program_and_year(client, news):
    assert found(search(client, "kecelakaan", wilayah="belu")) == ["Kecelakaan di jalan raya"]
    assert found(search(client, "kecelakaan", program="bpjs-ketenagakerjaan")) == [
        "Ahli waris terima santunan kecelakaan kerja"
    ]
    assert found(search(client, "kecelakaan", tahun="2024")) == ["Kecelakaan di jalan raya"]


def test_an_unknown_filter_value_finds_nothing_and_says_why(client, news):
    response = search(client, "kecelakaan", wilayah="atlantis")
    assert found(response) == []
    assert '<p class="notice" role="status">' in response.content.decode()


def test_results_sort_by_relevance_or_by_date(client, news):
    older_title_match = publish(
        "Santunan cair", region="alor", ago=30 * HOUR, body="<p>Ahli waris lega.</p>"
    )
    newer_body_match = publish(
        "Kabar desa", region="alor", ago=HOUR / 2, body="<p>Santunan belum cair.</p>"
    )
    by_relevance = found(search(client, "santunan"))
    assert by_relevance.index(older_title_match.title) < by_relevance.index(newer_body_match.title)
    assert found(search(client, "santunan", urutan="terbaru")) == [
        "Kabar desa",
        "Ahli waris terima santunan kecelakaan kerja",
        "Santunan cair",
    ]


def test_snippets_start_at_a_word(client, places, frozen):
    publish("Kabar", region="alor", body="<p><strong>Santunan</strong> diserahkan.</p>")
    html = search(client, "santunan").content.decode()
    snippet = re.search(r'<p class="card-dek">(.*?)</p>', html).group(1)
    assert snippet == "<mark>Santunan</mark> diserahkan."


def test_a_long_snippet_is_cut_at_words_with_an_ellipsis_only_where_words_are_left_out(
    client, places, frozen
):
    filler = "Warga desa berkumpul di balai. " * 20
    publish("Kabar", region="alor", body=f"<p>{filler}Santunan cair hari ini. {filler}</p>")
    html = search(client, "santunan").content.decode()
    snippet = re.search(r'<p class="card-dek">(.*?)</p>', html).group(1)
    assert snippet.startswith("…desa berkumpul di balai. <mark>Santunan</mark> cair hari ini.")
    assert snippet.endswith("…")
    assert "……" not in snippet


EMPTY_MESSAGES = [
    "Ketik beberapa kata, misalnya nama tempat atau program.",
    "Ketik setidaknya satu kata yang berupa huruf atau angka.",
    "Tidak ada berita yang ditemukan untuk “gajah”.",
]


@pytest.mark.parametrize(
    ("query", "message"), list(zip(["", "!!!", "gajah"], EMPTY_MESSAGES, strict=True))
)
def test_an_empty_query_and_an_empty_result_each_say_their_own_thing(client, news, query, message):
    html = search(client, query).content.decode()
    assert [shown for shown in EMPTY_MESSAGES if shown in html] == [message]
