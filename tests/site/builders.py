"""Builders for the reader-site tests: live articles with everything a page shows."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from articles.models import Article, ArticleReporter, Correction, Journalist, ProgramTag
from regions.models import Region

UNDATED = (Article.Status.DRAFT, Article.Status.IN_REVIEW)


def photo(width: int = 1600, height: int = 1000) -> ContentFile:
    """A JPEG that looks like a landscape: sky, sea, a green hill, a red marker
    near the right third (where the tests put the focal point)."""
    image = Image.new("RGB", (width, height), (135, 190, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, int(height * 0.55), width, height), fill=(30, 100, 150))
    draw.ellipse(
        (int(width * 0.1), int(height * 0.35), int(width * 0.8), int(height * 1.2)),
        fill=(70, 140, 70),
    )
    draw.ellipse(
        (int(width * 0.72), int(height * 0.4), int(width * 0.78), int(height * 0.5)),
        fill=(200, 40, 40),
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def journalist(name: str) -> Journalist:
    slug = slugify(name)
    return Journalist.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def publish(
    title: str,
    *,
    region: str = "belu",
    regions: tuple[str, ...] = (),
    programs: tuple[str, ...] = (),
    reporters: tuple[str, ...] = ("Maria Lado",),
    editor: str | None = None,
    ago: datetime.timedelta = datetime.timedelta(hours=1),
    status: str = Article.Status.PUBLISHED,
    image: tuple[int, int] | None = None,
    **fields,
) -> Article:
    """A live article (unless ``status`` or a negative ``ago`` says otherwise)."""
    defaults = {
        "slug": fields.pop("slug", None) or slugify(title),
        "body": f"<p>{title}.</p>",
        "published_at": None if status in UNDATED else timezone.now() - ago,
    }
    article = Article(
        title=title,
        status=status,
        region=Region.objects.get(slug=region) if region else None,
        editor=journalist(editor) if editor else None,
        **{**defaults, **fields},
    )
    if image:
        article.lead_image_alt = article.lead_image_alt or f"Foto untuk {title}"
        article.lead_image.save(f"{article.slug}.jpg", photo(*image), save=False)
    article.save()
    article.regions.add(*Region.objects.filter(slug__in=(region, *regions)))
    for position, name in enumerate(reporters):
        ArticleReporter.objects.create(
            article=article, journalist=journalist(name), position=position
        )
    if programs:
        article.programs.add(*ProgramTag.objects.filter(slug__in=programs))
    return article


def correct(article: Article, text: str, *, at: datetime.datetime | None = None) -> Correction:
    return Correction.objects.create(article=article, text=text, created_at=at or timezone.now())
