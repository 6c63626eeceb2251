"""Lead-image renditions: 16:9, 4:3 and 1:1 crops around the focal point.

Each rendition is a JPEG written once with Pillow under ``renditions/`` in the
default storage and reused afterwards. Its name is derived from the source
file and the focal point, so moving the focal point or replacing the image
makes new files instead of serving stale ones; the old ones are deleted once
that change commits (``articles.signals``). The renditions of one source share
a folder named by a digest of the source's name, so they never carry it.
Which renditions already exist is remembered in the cache, so a page render
costs no storage round trip once they are made.
"""

import hashlib
import io
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

from articles.models import Article

logger = logging.getLogger(__name__)

RATIOS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
WIDTHS = (480, 800, 1200)
JPEG_QUALITY = 82
CACHE_PREFIX = "rendition:"


@dataclass(frozen=True)
class Rendition:
    name: str
    ratio: str
    width: int
    height: int

    @property
    def url(self) -> str:
        return default_storage.url(self.name)


@dataclass(frozen=True)
class RenditionSet:
    """One aspect ratio of one image, at every width the source allows."""

    ratio: str
    renditions: tuple[Rendition, ...]

    @property
    def largest(self) -> Rendition:
        return self.renditions[-1]

    @property
    def smallest(self) -> Rendition:
        return self.renditions[0]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{r.url} {r.width}w" for r in self.renditions)


def crop_box(
    size: tuple[int, int], ratio: tuple[int, int], focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest box of ``ratio`` inside ``size``, centred on the focal point
    as far as the edges allow."""
    width, height = size
    wanted = ratio[0] / ratio[1]
    if width / height > wanted:
        crop_width, crop_height = round(height * wanted), height
    else:
        crop_width, crop_height = width, round(width / wanted)
    left = min(max(round(focal[0] * width - crop_width / 2), 0), width - crop_width)
    top = min(max(round(focal[1] * height - crop_height / 2), 0), height - crop_height)
    return left, top, left + crop_width, top + crop_height


def plan(article: Article, ratio: str) -> RenditionSet | None:
    """The renditions ``article``'s lead image gets in ``ratio``, computed from
    the stored dimensions without opening the file. Never upscales: the
    largest rendition is the full crop when that is narrower than WIDTHS' top."""
    source_size = (article.lead_image_width, article.lead_image_height)
    if not article.lead_image or not all(source_size):
        return None
    shape = RATIOS[ratio]
    left, _, right, _ = crop_box(source_size, shape, (article.focal_x, article.focal_y))
    crop_width = right - left
    largest = min(crop_width, WIDTHS[-1])
    widths = [width for width in WIDTHS if width < largest] + [largest]
    folder = rendition_folder(article.lead_image.name)
    focal = hashlib.sha256(f"{article.focal_x:.4f}:{article.focal_y:.4f}".encode()).hexdigest()
    return RenditionSet(
        ratio=ratio,
        renditions=tuple(
            Rendition(
                name=f"{folder}/{focal[:12]}-{ratio}-{width}.jpg",
                ratio=ratio,
                width=width,
                height=round(width * shape[1] / shape[0]),
            )
            for width in widths
        ),
    )


def rendition_folder(source_name: str) -> str:
    return f"renditions/{hashlib.sha256(source_name.encode()).hexdigest()[:24]}"


def planned_names(article: Article) -> set[str]:
    return {
        rendition.name
        for ratio in RATIOS
        if (rendition_set := plan(article, ratio))
        for rendition in rendition_set.renditions
    }


def delete_renditions(source_name: str, *, keep: set[str] = frozenset()) -> None:
    """Delete the renditions made from ``source_name``, except those in ``keep``,
    and forget that they exist."""
    folder = rendition_folder(source_name)
    try:
        names = [f"{folder}/{name}" for name in default_storage.listdir(folder)[1]]
    except FileNotFoundError:
        return
    stale = [name for name in names if name not in keep]
    for name in stale:
        default_storage.delete(name)
    cache.delete_many([CACHE_PREFIX + name for name in stale])


def lead_image_renditions(article: Article) -> dict[str, RenditionSet]:
    """Every ratio of the lead image, made on first use; empty when there is no
    image or its file cannot be read (the page then shows none)."""
    planned = [rendition_set for ratio in RATIOS if (rendition_set := plan(article, ratio))]
    if not planned:
        return {}
    wanted = [rendition for rendition_set in planned for rendition in rendition_set.renditions]
    known = cache.get_many([CACHE_PREFIX + rendition.name for rendition in wanted])
    missing = [rendition for rendition in wanted if CACHE_PREFIX + rendition.name not in known]
    if missing:
        try:
            _make(article, missing)
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as error:
            logger.warning("No renditions for article %s: %s", article.pk, error)
            return {}
        cache.set_many({CACHE_PREFIX + rendition.name: True for rendition in missing}, None)
    return {rendition_set.ratio: rendition_set for rendition_set in planned}


def _make(article: Article, renditions: list[Rendition]) -> None:
    to_write = [rendition for rendition in renditions if not default_storage.exists(rendition.name)]
    if not to_write:
        return
    with article.lead_image.open("rb") as source_file, Image.open(source_file) as image:
        ImageOps.exif_transpose(image, in_place=True)
        if image.mode != "RGB":
            image = _flatten(image)
        for rendition in to_write:
            box = crop_box(image.size, RATIOS[rendition.ratio], (article.focal_x, article.focal_y))
            # reducing_gap: shrink by a whole factor first, then LANCZOS the rest.
            resized = image.resize(
                (rendition.width, rendition.height),
                Image.Resampling.LANCZOS,
                box=box,
                reducing_gap=2.0,
            )
            buffer = io.BytesIO()
            resized.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
            default_storage.save(rendition.name, ContentFile(buffer.getvalue()))


def _flatten(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: lay the image on white."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background
