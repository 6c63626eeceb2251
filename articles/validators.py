"""Image upload checks, done with Pillow before anything is stored.

An upload is accepted only if its name ends in .jpg, .jpeg, .png or .webp,
Pillow recognises it as JPEG, PNG or WebP, it is within the byte and pixel
limits, and it decodes completely. Decompression bombs are refused from the
header alone, before any pixel is decoded.
"""

import warnings
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
ALLOWED_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
MAX_IMAGE_BYTES = 15 * 1024 * 1024
# 40 megapixels: more than any newsroom camera, far less than a bomb.
MAX_IMAGE_PIXELS = 40_000_000
MIN_IMAGE_SIDE = 200


def validate_image_extension(upload) -> None:
    """Refuse a name that does not end as a JPEG, PNG or WebP file's does."""
    extension = PurePosixPath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Files named “.%(extension)s” are not accepted; upload a .jpg, .png or .webp file.")
            % {"extension": extension},
            code="extension",
        )


def validate_image_upload(upload, *, reduce_to: tuple[int, int] | None = None) -> Image.Image:
    """Check an uploaded file; return the decoded Pillow image.

    With ``reduce_to``, a JPEG is decoded at the smallest of 1/2, 1/4 or 1/8
    scale that still covers that size: a 40-megapixel photo then costs a few
    megapixels of memory, not 120 MB. Raises ``ValidationError`` with a message
    a reporter can act on.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s. Export it smaller and try again.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_IMAGE_BYTES)},
            code="too_large",
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; treat it as a bomb.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            image = Image.open(upload)
            _check_header(image)
            if reduce_to is not None and image.format == "JPEG":
                image.draft(image.mode, _covering(image.size, reduce_to))
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP image, whatever its name says."),
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        # Truncated or corrupt data surfaces here, only once the pixels are decoded.
        raise ValidationError(
            _("The image is damaged or incomplete (%(detail)s). Upload the original file.")
            % {"detail": error},
            code="damaged",
        ) from None
    finally:
        upload.seek(0)
    return image


def _check_header(image: Image.Image) -> None:
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted; upload a JPEG, PNG or WebP file.")
            % {"format": image.format},
            code="format",
        )
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_many_pixels()
    if min(width, height) < MIN_IMAGE_SIDE:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; each side needs at least %(min)s.")
            % {"width": width, "height": height, "min": MIN_IMAGE_SIDE},
            code="too_small",
        )


def _covering(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """``size`` scaled to fit ``box``: the size a JPEG draft must still cover."""
    scale = min(1.0, box[0] / size[0], box[1] / size[1])
    return max(1, int(size[0] * scale)), max(1, int(size[1] * scale))


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The image has too many pixels (the limit is %(limit)s megapixels).")
        % {"limit": MAX_IMAGE_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
