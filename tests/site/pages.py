"""One of every public page, with content that exercises each part of it.

The HTML validator and the accessibility checks both walk this list, so a new
kind of page added here is checked by both.
"""

import datetime

from django.urls import reverse

from articles.models import Article
from tests.site.builders import correct, journalist, photo, publish

HOUR = datetime.timedelta(hours=1)


def build_newsroom() -> dict[str, Article]:
    """A small, complete newsroom: needs the region and program fixtures."""
    maria = journalist("Maria Lado")
    maria.bio = "Wartawan di Atambua sejak 2015, menulis tentang pekerja dan jaminan sosial."
    maria.photo.save("maria-lado.jpg", photo(400, 400))
    story = publish(
        "Ratusan pekerja rentan di Belu kini terlindungi BPJS Ketenagakerjaan",
        region="belu",
        regions=("malaka",),
        programs=("jkk", "jkm", "bpjs-ketenagakerjaan"),
        reporters=("Maria Lado", "Yosef Bere"),
        editor="Apolonia Matilde",
        ago=2 * HOUR,
        dek="Pemerintah daerah membayar iuran mereka selama setahun.",
        summary_points=["450 pekerja didaftarkan.", "Iuran dibayar pemerintah daerah."],
        dateline_city="Atambua",
        body=(
            "<p>Pemerintah Kabupaten Belu mendaftarkan 450 pekerja rentan.</p>"
            "<h2>Siapa saja</h2><p>Petani, nelayan &amp; pedagang kecil.</p>"
            "<blockquote><p>\u201cKami ingin semua terlindungi,\u201d katanya.</p></blockquote>"
            '<table><thead><tr><th scope="col">Program</th><th scope="col">Peserta</th></tr>'
            "</thead><tbody><tr><td>JKK</td><td>450</td></tr></tbody></table>"
        ),
        image=(1600, 1000),
        lead_image_caption="Pekerja mengikuti sosialisasi di Atambua.",
        lead_image_credit="Maria Lado",
        focal_x=0.75,
        focal_y=0.45,
    )
    correct(story, "Jumlah pekerja 450, bukan 540.")
    imported = publish(
        "Nelayan Labuan Bajo ikut Jaminan Kecelakaan Kerja",
        region="komodo",
        programs=("jkk",),
        reporters=(),
        ago=5 * HOUR,
        dek="Pos-Kupang melaporkan pendaftaran nelayan.",
        outlet="Pos-Kupang",
        original_url="https://kupang.tribunnews.com/2025/11/17/nelayan",
        original_byline="Penulis: Maria Lado",
        rights_line="© Pos-Kupang.com",
        image=(1200, 1600),
    )
    village = publish(
        "Desa Bolok jadi desa sadar jaminan sosial",
        region="bolok",
        programs=("bpjs-ketenagakerjaan",),
        ago=8 * HOUR,
    )
    for number in range(24):
        publish(
            f"Kabar singkat dari Kupang nomor {number}",
            region="kupang",
            programs=("jht",),
            ago=(number + 10) * HOUR,
        )
    story.related.add(village)
    draft = publish("Draf yang sedang ditulis", status=Article.Status.DRAFT, programs=("jkk",))
    return {"story": story, "imported": imported, "village": village, "draft": draft}


def public_pages(newsroom: dict[str, Article]) -> dict[str, str]:
    """Name -> URL of every kind of public page, in its interesting states."""
    return {
        "home": "/",
        "article": newsroom["story"].get_absolute_url(),
        "article-imported": newsroom["imported"].get_absolute_url(),
        "article-plain": newsroom["village"].get_absolute_url(),
        "region-province": "/wilayah/ntt/",
        "region-kupang": "/wilayah/kupang/",
        "region-kupang-page-2": "/wilayah/kupang/?halaman=2",
        "region-belu": "/wilayah/belu/",
        "region-manggarai-barat": "/wilayah/manggarai-barat/",
        "region-village": "/wilayah/bolok/",
        "region-filtered": "/wilayah/kupang/?program=jht&dari=2025-11-01&sampai=2025-11-30",
        "region-unknown-filter": "/wilayah/kupang/?program=tidak-ada",
        "program": "/program/jkk/",
        "program-filtered": "/program/jkk/?wilayah=manggarai-barat",
        "program-empty": "/program/jp/",
        "reporter": "/penulis/maria-lado/",
        "archive": reverse("articles:archive"),
        "archive-filtered": "/arsip/?wilayah=kupang&tahun=2025&bulan=11",
        "search": "/cari/?q=pekerja+belu",
        "search-empty": "/cari/",
        "search-no-results": "/cari/?q=gajah",
        "search-junk": "/cari/?q=%22%29%29+OR+*",
        "not-found": "/tidak/ada/",
    }
