from pathlib import Path

import pytest
from django.conf import settings

from articles.importing.matching import ProgramMatcher, RegionMatcher
from articles.importing.service import Importer
from articles.models import ProgramTag
from regions.models import Region

SOURCE = (Path(settings.BASE_DIR) / "fixtures/sources/004_983a433936bb54d8.txt").read_bytes()


@pytest.fixture
def regions(places):
    return RegionMatcher.from_db()


@pytest.fixture
def programs(places):
    return ProgramMatcher.from_db()


def slugs(found):
    return [region.slug for region in found]


def test_the_longest_name_wins(regions):
    assert slugs(regions.find("Warga Manggarai Barat dan Manggarai Timur")) == [
        "manggarai-barat",
        "manggarai-timur",
    ]
    assert slugs(regions.find("Desa Bolok di Kecamatan Kupang Barat")) == ["bolok", "kupang-barat"]


def test_names_match_as_whole_capitalised_words_only(regions):
    assert regions.find("Hasilnya belum terlihat, beluga tidak ada, sistem borong") == []
    assert slugs(regions.find("Warga Belu dan BELU")) == ["belu", "belu"]


def test_aliases_map_to_their_regency(regions):
    text = "Dari Atambua ke Labuan Bajo lewat Kefamenanu, Betun dan Oelamasi"
    assert slugs(regions.find(text)) == [
        "belu",
        "manggarai-barat",
        "timor-tengah-utara",
        "malaka",
        "kupang",
    ]


def test_bare_kupang_is_the_city_and_the_regency_needs_its_title(regions):
    assert slugs(regions.find("di Kupang")) == ["kota-kupang"]
    assert slugs(regions.find("Kabupaten Kupang dan Wakil Bupati Kupang")) == ["kupang", "kupang"]
    assert slugs(regions.find("Wali Kota Kupang")) == ["kota-kupang"]


def test_the_newspaper_is_not_a_place(regions):
    assert regions.find("POS-KUPANG.COM, Pos Kupang, Pos-Kupang.com, pos kupang") == []


def test_acronyms_match_in_capitals_only(regions, programs):
    assert slugs(regions.find("Warga NTT dan TTS")) == ["ntt", "timor-tengah-selatan"]
    assert regions.find("kata ntt") == []
    assert programs.match("jp dan jkk ditulis kecil") == []
    assert programs.match("JKK, JKM, JHT dan JP") == ["jkk", "jkm", "jht", "jp"]


def test_programs_match_full_names_and_umbrella_aliases(programs):
    text = "Jaminan Kecelakaan Kerja dan jaminan hari tua dari BPJAMSOSTEK, dulu Jamsostek"
    assert programs.match(text) == ["jkk", "jht", "bpjs-ketenagakerjaan"]
    assert programs.match("Desa Sadar Jaminan Sosial Ketenagakerjaan") == [
        "desa-sadar-jaminan-sosial-ketenagakerjaan"
    ]


def test_the_primary_region_is_the_one_the_story_is_about(regions):
    match = regions.match(
        title="Bantuan untuk nelayan",
        text="Di Desa Batu Cermin, Manggarai Barat, nelayan menerima bantuan. Labuan Bajo ramai.",
        dateline_city="Kupang",
    )
    assert match[0] == "manggarai-barat"
    assert set(match) == {"manggarai-barat", "komodo", "batu-cermin", "kota-kupang"}


def test_the_dateline_alone_gives_the_region(regions):
    match = regions.match(title="Sidang", text="Sidang berlangsung lama.", dateline_city="Atambua")
    assert match == ["belu"]


def test_a_province_only_story_falls_back_to_the_province(regions):
    match = regions.match(
        title="", text="Pemerintah Provinsi NTT menggelar rapat.", dateline_city=""
    )
    assert match == ["ntt"]


@pytest.mark.parametrize(
    "aliases", [[" Tabungan Lama ", 1, None, " ", {"x": 1}, ["y"]], "Tabungan Lama", 7]
)
def test_bad_stored_aliases_never_stop_an_import(places, aliases):
    ProgramTag.objects.filter(slug="jht").update(aliases=aliases)
    Region.objects.filter(slug="belu").update(aliases=aliases)
    importer = Importer()
    outcome = importer.import_file(SOURCE, name="a.txt", status="draft", dry_run=False)
    assert (outcome.ok, outcome.action) == (True, "created")
    assert "jht" in outcome.programs
    found = importer.programs.match("Ada Tabungan Lama di desa")
    assert found == (["jht"] if isinstance(aliases, list) else [])
