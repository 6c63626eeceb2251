"""Realistic made-up articles in bulk, for load tests and benchmarks.

Everything is drawn from a seeded random generator, so the same seed gives the
same content. Articles are written with bulk inserts, a batch at a time, so
memory stays flat however many are asked for.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from articles.models import Article, ArticleReporter, Journalist, ProgramTag, ProgramTaggedArticle
from articles.search_index import index_articles
from regions.models import Region

FIRST_NAMES = [
    "Agustinus",
    "Maria",
    "Yohanes",
    "Fransiska",
    "Petrus",
    "Theresia",
    "Stefanus",
    "Yuliana",
    "Benediktus",
    "Elisabeth",
    "Kornelis",
    "Veronika",
    "Aloysius",
    "Margaretha",
    "Dominikus",
    "Yosefina",
    "Silvester",
    "Katarina",
    "Gregorius",
    "Bernadeta",
]
LAST_NAMES = [
    "Seran",
    "Bria",
    "Nahak",
    "Tefa",
    "Fanggidae",
    "Ndun",
    "Manafe",
    "Lewar",
    "Ratu",
    "Lado",
    "Mau",
    "Kolo",
    "Tanggur",
    "Jahang",
    "Bere",
    "Nenobais",
]
TITLES = [
    "{program} Jangkau {number} Pekerja di {place}",
    "BPJS Ketenagakerjaan Salurkan Santunan {program} kepada Ahli Waris di {place}",
    "Pemerintah Daerah {place} Daftarkan {number} Pekerja Rentan ke Program {program}",
    "Petani dan Nelayan {place} Mulai Terlindungi {program}",
    "Sosialisasi {program} bagi Perangkat Desa di {place}",
    "{place} Targetkan Cakupan {program} Naik pada {year}",
    "Klaim {program} di {place} Meningkat Sepanjang {year}",
    "Pelaku UMKM {place} Diajak Ikut {program}",
]
SENTENCES = [
    "Kepala kantor cabang BPJS Ketenagakerjaan menyebut {number} pekerja di {place} kini "
    "terdaftar sebagai peserta {program}.",
    "Menurut dia, pekerja sektor informal seperti petani, nelayan, dan tukang ojek paling "
    "rentan mengalami kecelakaan kerja.",
    "Pemerintah daerah {place} menyiapkan anggaran untuk membayar iuran {number} pekerja rentan "
    "selama satu tahun.",
    "Sosialisasi digelar di aula kantor camat dan diikuti kepala desa, perangkat desa, serta "
    "tokoh masyarakat.",
    "Ia menjelaskan manfaat {program} dapat dicairkan oleh peserta atau ahli warisnya sesuai "
    "ketentuan yang berlaku.",
    "Sejumlah warga mengaku baru mengetahui bahwa iuran program tersebut terjangkau bagi "
    "pekerja bukan penerima upah.",
    "Wakil bupati berharap perangkat desa menjadi contoh bagi warga dengan lebih dulu "
    "mendaftarkan diri.",
    "Data kantor cabang mencatat klaim tahun {year} mencapai Rp{number} juta, naik dibanding "
    "tahun sebelumnya.",
    "Kegiatan serupa akan dilanjutkan ke kecamatan lain hingga akhir tahun.",
    "Petugas juga membuka layanan pendaftaran langsung di lokasi kegiatan sehingga warga tidak "
    "perlu datang ke kantor cabang.",
    "Seorang nelayan mengatakan santunan yang diterima keluarganya sangat membantu setelah "
    "kecelakaan di laut.",
    "Dinas tenaga kerja setempat akan mendata ulang pekerja yang belum terlindungi jaminan sosial.",
    "Menurut pemerintah desa, dana desa dapat dipakai untuk membayar iuran perangkat desa dan "
    "kader posyandu.",
    "Ia menegaskan perlindungan jaminan sosial bukan beban, tetapi investasi bagi keluarga "
    "pekerja.",
]
# (status, share, scheduled) — a few articles of every state, mostly published.
STATES = [
    (Article.Status.PUBLISHED, 0.92, False),
    (Article.Status.PUBLISHED, 0.02, True),
    (Article.Status.DRAFT, 0.03, False),
    (Article.Status.IN_REVIEW, 0.02, False),
    (Article.Status.UNPUBLISHED, 0.01, False),
]
YEARS_BACK = 10


class DemoContent:
    def __init__(self, rng: random.Random, *, reporters: int):
        self.rng = rng
        self.now = timezone.now()
        self.top_regions = list(
            Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY])
        )
        self.places_under: dict[str, list[Region]] = {r.slug: [] for r in self.top_regions}
        for place in Region.objects.filter(kind__in=[Region.Kind.DISTRICT, Region.Kind.VILLAGE]):
            self.places_under[place.ancestor_slugs()[1]].append(place)
        self.programs = list(ProgramTag.objects.all())
        self.journalists = self._journalists(reporters)
        self.editors = self.journalists[:10]
        self.sequence = Article.objects.count()

    def _journalists(self, count: int) -> list[Journalist]:
        wanted = []
        for number in range(count):
            first = FIRST_NAMES[number % len(FIRST_NAMES)]
            last = LAST_NAMES[(number // len(FIRST_NAMES)) % len(LAST_NAMES)]
            name = f"{first} {last}"
            if number >= len(FIRST_NAMES) * len(LAST_NAMES):
                name += f" {number}"
            wanted.append(Journalist(name=name, slug=f"demo-{slugify(name)}"))
        Journalist.objects.bulk_create(wanted, ignore_conflicts=True)
        return list(Journalist.objects.filter(slug__in=[j.slug for j in wanted]).order_by("slug"))

    def _state(self) -> tuple[str, datetime.datetime | None]:
        status, _, scheduled = self.rng.choices(STATES, weights=[s[1] for s in STATES])[0]
        if scheduled:
            return status, self.now + datetime.timedelta(minutes=self.rng.randint(10, 7 * 24 * 60))
        moment = self.now - datetime.timedelta(
            seconds=self.rng.randint(60, YEARS_BACK * 365 * 24 * 3600)
        )
        if status == Article.Status.DRAFT and self.rng.random() < 0.5:
            return status, None
        return status, moment.replace(microsecond=0)

    def _body(self, words: dict[str, str]) -> str:
        # The last paragraph (at most ~80 words) may overshoot the target: stay under 900.
        target = self.rng.randint(400, 820)
        paragraphs, count = [], 0
        while count < target:
            sentences = [
                self.rng.choice(SENTENCES).format(**words) for _ in range(self.rng.randint(2, 4))
            ]
            paragraph = " ".join(sentences)
            paragraphs.append(f"<p>{escape(paragraph)}</p>")
            count += len(paragraph.split())
        return "".join(paragraphs)

    def _article(self) -> tuple[Article, list[Region], list[ProgramTag], list[Journalist]]:
        rng = self.rng
        region = rng.choice(self.top_regions)
        regions = [region]
        if self.places_under[region.slug] and rng.random() < 0.3:
            regions.append(rng.choice(self.places_under[region.slug]))
        if rng.random() < 0.15:
            other = rng.choice(self.top_regions)
            if other != region:
                regions.append(other)
        programs = rng.sample(self.programs, rng.randint(1, 3))
        reporters = rng.sample(self.journalists, rng.choice([1, 1, 1, 2]))
        status, published_at = self._state()
        year = (published_at or self.now).year
        words = {
            "program": programs[0].name,
            "place": region.name,
            "number": str(rng.randint(12, 4800)),
            "year": str(year),
        }
        title = rng.choice(TITLES).format(**words)
        self.sequence += 1
        article = Article(
            title=title,
            slug=f"{slugify(title)[:180]}-{self.sequence}",
            dek=self.rng.choice(SENTENCES).format(**words),
            summary_points=[
                rng.choice(SENTENCES).format(**words) for _ in range(rng.randint(0, 4))
            ],
            body=self._body(words),
            dateline_city=(region.aliases or [region.name])[0],
            region=region,
            status=status,
            published_at=published_at,
            editor=rng.choice(self.editors),
        )
        return article, regions, programs, reporters

    @transaction.atomic
    def write_batch(self, size: int) -> int:
        drafts = [self._article() for _ in range(size)]
        articles = Article.objects.bulk_create([draft[0] for draft in drafts])
        RegionLink = Article.regions.through
        RegionLink.objects.bulk_create(
            RegionLink(article_id=article.pk, region_id=region.pk)
            for article, (_, regions, _, _) in zip(articles, drafts, strict=True)
            for region in regions
        )
        ProgramTaggedArticle.objects.bulk_create(
            ProgramTaggedArticle(content_object_id=article.pk, tag_id=program.pk)
            for article, (_, _, programs, _) in zip(articles, drafts, strict=True)
            for program in programs
        )
        ArticleReporter.objects.bulk_create(
            ArticleReporter(article_id=article.pk, journalist_id=journalist.pk, position=position)
            for article, (_, _, _, reporters) in zip(articles, drafts, strict=True)
            for position, journalist in enumerate(reporters)
        )
        index_articles(article.pk for article in articles)
        return len(articles)
