"""The Indonesian analyzer: one word in, the same root out, on every engine."""

import pytest

from articles import analyzer
from articles.search_index import forget_names, names

FAMILIES = {
    "lindung": ["melindungi", "perlindungan", "dilindungi", "terlindungi", "lindungi"],
    "daftar": ["mendaftar", "pendaftaran", "terdaftar", "didaftarkan", "mendaftarkan"],
    "kerja": ["pekerja", "bekerja", "pekerjaan", "dikerjakan"],
    "tangkap": ["menangkap", "ditangkap", "penangkapan", "tertangkap"],
    "salur": ["menyalurkan", "penyaluran", "disalurkan", "salurkan"],
    "celaka": ["kecelakaan"],
    "santun": ["santunan"],
    "tulis": ["menulis", "penulis", "tulisan", "ditulis"],
    "pukul": ["memukul", "pukulan", "dipukul"],
    "kirim": ["mengirim", "kiriman", "dikirim", "pengirim"],
    "ambil": ["mengambil", "diambil", "pengambilan"],
    "terima": ["menerima", "penerima", "penerimaan", "diterima"],
    "perintah": ["pemerintah", "pemerintahan", "memerintahkan"],
    "didik": ["pendidikan", "mendidik"],
    "bijak": ["kebijakan"],
    "tahu": ["mengetahui", "diketahui", "pengetahuan"],
    "nyata": ["menyatakan", "pernyataan", "dinyatakan"],
    "masuk": ["memasukkan", "dimasukkan"],
    "mulai": ["memulai", "dimulai"],
    "cari": ["mencari", "pencarian", "dicari"],
    "tani": ["petani", "pertanian", "bertani"],
    "ajar": ["belajar", "pelajar", "pelajaran", "mengajar", "pengajar"],
    "main": ["pemain", "bermain", "permainan"],
    "makan": ["memakan", "makanan", "dimakan"],
    "bangun": ["pembangunan", "membangun", "dibangun", "bangunan"],
    "sehat": ["kesehatan"],
    "guna": ["menggunakan", "digunakan", "penggunaan"],
    "atur": ["peraturan", "mengatur", "diatur", "aturan"],
    "temu": ["menemukan", "ditemukan", "penemuan", "pertemuan", "bertemu"],
    "nelayan": ["nelayannya", "nelayanlah"],
    "sosialisasi": ["menyosialisasikan"],
    "milik": ["memiliki", "kepemilikan"],
}


@pytest.mark.parametrize(
    ("root", "word"), [(root, word) for root, words in FAMILIES.items() for word in words]
)
def test_every_form_of_a_word_has_its_root(root, word):
    assert analyzer.token_of(word) == root
    assert analyzer.token_of(root) == root


@pytest.mark.parametrize(
    "word",
    ["berita", "bupati", "perintah", "kepala", "keluarga", "peserta", "pantai", "polisi", "dinas"],
)
def test_common_words_the_rules_would_spoil_are_kept_whole(word):
    assert analyzer.token_of(word) == word


@pytest.mark.parametrize("word", ["yang", "dan", "di", "ke", "dari", "untuk", "tersebut"])
def test_stop_words_are_dropped(word):
    assert analyzer.token_of(word) is None


def test_short_words_and_numbers_are_kept_as_they_are():
    assert analyzer.tokens("Rp 2024 belu soe b2b") == ["rp", "2024", "belu", "soe", "b2b"]


def test_text_is_folded_to_lowercase_without_accents():
    assert analyzer.tokens("PEREMPUÁN Ba'a") == ["perempuan", "ba", "a"]


def test_the_names_in_the_database_are_protected(places, reporter):
    forget_names()
    assert analyzer.stem("labuan", protect=False) == "labu"
    names()
    assert analyzer.token_of("labuan") == "labuan"
    assert analyzer.token_of("manggarai") == "manggarai"


def test_a_protected_name_also_matches_the_root_it_had_before(places):
    names()
    assert analyzer.alternatives("labuan") == ["labuan", "labu"]
    assert analyzer.alternatives("menangkap") == ["tangkap"]
    assert analyzer.alternatives("yang") == []
