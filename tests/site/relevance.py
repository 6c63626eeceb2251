"""A relevance set for search: short stories written for it in the house styles
of the sources (an Antara wire dateline, a Pos-Kupang lead), and queries in
Indonesian with the stories each must find and must not find.

Used by ``tests/site/test_search_relevance.py`` (every query on both engines)
and by ``bench/search.py``, which reports recall and precision.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    key: str
    title: str
    body: str
    region: str
    programs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Judged:
    query: str
    must: frozenset[str]
    must_not: frozenset[str]


STORIES = [
    Story(
        "santunan-sabu",
        "Ahli Waris Nelayan Sabu Terima Santunan JKM",
        "Seba (AntaraNews NTT) - BPJS Ketenagakerjaan menyerahkan santunan jaminan kematian "
        "kepada ahli waris seorang nelayan di Kabupaten Sabu Raijua, Senin. Nelayan itu "
        "meninggal setelah perahunya terbalik diterjang ombak.",
        "sabu-raijua",
        ("jkm", "bpjs-ketenagakerjaan"),
    ),
    Story(
        "kecelakaan-kupang",
        "Pekerja Bangunan Alami Kecelakaan Kerja di Kota Kupang",
        "POS-KUPANG.COM, KUPANG - Seorang pekerja bangunan terjatuh dari lantai tiga gedung "
        "yang sedang dibangun. Biaya perawatannya ditanggung program jaminan kecelakaan kerja.",
        "kota-kupang",
        ("jkk",),
    ),
    Story(
        "pendaftaran-desa",
        "Pemkab Belu Daftarkan Perangkat Desa ke BPJS Ketenagakerjaan",
        "Atambua (AntaraNews NTT) - Pemerintah Kabupaten Belu mendaftarkan 1.200 perangkat "
        "desa sebagai peserta. Iuran dibayar dari dana desa selama setahun.",
        "belu",
        ("bpjs-ketenagakerjaan",),
    ),
    Story(
        "terdaftar-ojek",
        "Tukang Ojek di Maumere Kini Terdaftar",
        "POS-KUPANG.COM, MAUMERE - Ratusan tukang ojek di Kabupaten Sikka kini terdaftar "
        "sebagai peserta jaminan sosial pekerja bukan penerima upah.",
        "sikka",
        ("jkk", "jkm"),
    ),
    Story(
        "wisata-bajo",
        "Kapal Wisata Penuh Jelang Libur Akhir Tahun",
        "POS-KUPANG.COM, LABUAN BAJO - Pelabuhan dipadati wisatawan yang hendak berlayar ke "
        "Pulau Komodo. Operator kapal menambah jadwal keberangkatan.",
        "manggarai-barat",
    ),
    Story(
        "penangkapan-ternak",
        "Polisi Tangkap Dua Pencuri Sapi",
        "Soe (AntaraNews NTT) - Kepolisian Resor Timor Tengah Selatan menangkap dua pria yang "
        "diduga mencuri sapi milik warga. Keduanya ditangkap saat menjual ternak di pasar.",
        "timor-tengah-selatan",
    ),
    Story(
        "perlindungan-petani",
        "Petani Rumput Laut Rote Mendapat Perlindungan Jaminan Sosial",
        "Ba'a (AntaraNews NTT) - Sebanyak 300 petani rumput laut di Rote Ndao kini terlindungi "
        "program jaminan sosial ketenagakerjaan setelah pemerintah daerah membayar iurannya.",
        "rote-ndao",
        ("bpjs-ketenagakerjaan",),
    ),
    Story(
        "berita-bupati",
        "Bupati Ende Minta Camat Awasi Dana Desa",
        "POS-KUPANG.COM, ENDE - Bupati Ende meminta para camat mengawasi penggunaan dana desa "
        "dan melaporkan setiap temuan kepada inspektorat.",
        "ende",
    ),
    Story(
        "pensiun-guru",
        "Guru Honorer Lembata Belum Ikut Jaminan Pensiun",
        "Lewoleba (AntaraNews NTT) - Sebagian besar guru honorer di Lembata belum menjadi "
        "peserta jaminan pensiun karena honor mereka dibayar tidak menentu.",
        "lembata",
        ("jp",),
    ),
    Story(
        "jht-cair",
        "Pencairan JHT di Kantor Cabang Kupang Meningkat",
        "Kupang (AntaraNews NTT) - Klaim jaminan hari tua yang dicairkan kantor cabang Kupang "
        "naik pada awal tahun, sebagian besar oleh pekerja yang berhenti bekerja.",
        "kota-kupang",
        ("jht", "bpjs-ketenagakerjaan"),
    ),
    Story(
        "banjir-malaka",
        "Banjir Rendam Ratusan Rumah di Betun",
        "POS-KUPANG.COM, BETUN - Sungai Benanain meluap dan merendam ratusan rumah warga di "
        "Kabupaten Malaka. Warga mengungsi ke gedung sekolah.",
        "malaka",
    ),
    Story(
        "pelatihan-nelayan",
        "Pelatihan Keselamatan Kerja bagi Nelayan Alor",
        "Kalabahi (AntaraNews NTT) - Dinas kelautan melatih nelayan tentang keselamatan kerja "
        "di laut, termasuk cara menghindari kecelakaan saat cuaca buruk.",
        "alor",
    ),
]


def _judged(query: str, must: str, must_not: str) -> Judged:
    return Judged(query, frozenset(must.split()), frozenset(must_not.split()))


QUERIES = [
    _judged("santunan", "santunan-sabu", "kecelakaan-kupang pendaftaran-desa"),
    _judged("menyantuni ahli waris", "santunan-sabu", "jht-cair"),
    _judged(
        "kecelakaan kerja",
        "kecelakaan-kupang pelatihan-nelayan",
        "santunan-sabu wisata-bajo",
    ),
    _judged('"kecelakaan kerja"', "kecelakaan-kupang", "pelatihan-nelayan"),
    _judged("didaftarkan", "pendaftaran-desa terdaftar-ojek", "santunan-sabu"),
    _judged("pendaftaran peserta", "pendaftaran-desa terdaftar-ojek", "wisata-bajo"),
    _judged("menangkap pencuri", "penangkapan-ternak", "berita-bupati"),
    _judged("ditangkap", "penangkapan-ternak", "banjir-malaka"),
    _judged("dilindungi", "perlindungan-petani", "banjir-malaka"),
    _judged("Labuan Bajo", "wisata-bajo", "kecelakaan-kupang"),
    _judged("Mabar", "wisata-bajo", "kecelakaan-kupang"),
    _judged("TTS sapi", "penangkapan-ternak", "banjir-malaka"),
    _judged(
        "Jamsostek",
        "pendaftaran-desa perlindungan-petani jht-cair santunan-sabu",
        "wisata-bajo kecelakaan-kupang",
    ),
    _judged("Maumere ojek", "terdaftar-ojek", "kecelakaan-kupang"),
    _judged("pemerintah daerah", "perlindungan-petani", "wisata-bajo"),
    _judged("bupati", "berita-bupati", "pendaftaran-desa"),
    _judged("nelayan", "santunan-sabu pelatihan-nelayan", "wisata-bajo"),
    _judged("Rote petani", "perlindungan-petani", "pensiun-guru"),
    _judged("jaminan pensiun", "pensiun-guru", "jht-cair"),
    _judged("banjir Malaka", "banjir-malaka", "pelatihan-nelayan"),
]


def load() -> dict[int, str]:
    """Publish the stories (regions and programs from the fixtures); their
    keys by article id."""
    from tests.site.builders import publish

    keys = {}
    for number, story in enumerate(STORIES):
        article = publish(
            story.title,
            slug=story.key,
            region=story.region,
            programs=story.programs,
            body=f"<p>{story.body}</p>",
            ago=datetime.timedelta(hours=number + 1),
        )
        keys[article.pk] = story.key
    return keys


def found(keys: dict[int, str], judged: Judged) -> set[str]:
    """The stories a query finds (all of them: the set is smaller than a window)."""
    from articles.models import Article
    from articles.search import parse, search

    results = search(Article.objects.live().filter(pk__in=keys), parse(judged.query))
    return {keys[pk] for pk in results.ids}
