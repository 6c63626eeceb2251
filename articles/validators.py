"""Lead-image upload checks, done with Pillow before anything is stored.

An upload is accepted only if Pillow recognises it as JPEG, PNG or WebP, it is
within the byte and pixel limits, and it decodes completely. Decompression
bombs are refused from the header alone, before any pixel is decoded.
"""

import warnings

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_IMAGE_BYTES = 15 * 1024 * 1024
# 40 megapixels: more than any newsroom camera, far less than a bomb.
MAX_IMAGE_PIXELS = 40_000_000
MIN_IMAGE_SIDE = 200


def validate_image_upload(upload) -> Image.Image:
    """Check an uploaded file; return the opened (header-only) Pillow image.

    Raises ``ValidationError`` with a message a reporter can act on.
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


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The image has too many pixels (the limit is %(limit)s megapixels).")
        % {"limit": MAX_IMAGE_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
