import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles.images import crop_box, lead_image_renditions, plan
from tests.site.builders import publish


@pytest.mark.parametrize(
    ("size", "ratio", "focal", "box"),
    [
        # A wide source cropped to a square: as wide as it is tall, centred on x.
        ((1600, 1000), (1, 1), (0.5, 0.5), (300, 0, 1300, 1000)),
        # The focal point near an edge pulls the box to that edge, never past it.
        ((1600, 1000), (1, 1), (0.95, 0.5), (600, 0, 1600, 1000)),
        ((1600, 1000), (1, 1), (0.0, 0.5), (0, 0, 1000, 1000)),
        # A tall source cropped to 16:9: full width, centred on y.
        ((900, 1600), (16, 9), (0.5, 0.25), (0, 147, 900, 653)),
        # Already the right shape: the whole image.
        ((1600, 900), (16, 9), (0.1, 0.9), (0, 0, 1600, 900)),
    ],
)
def test_the_crop_is_the_largest_box_of_the_ratio_around_the_focal_point(size, ratio, focal, box):
    assert crop_box(size, ratio, focal) == box


def test_renditions_never_upscale(places, frozen):
    article = publish("Foto kecil", image=(600, 400))
    assert [r.width for r in plan(article, "16x9").renditions] == [480, 600]
    assert [r.width for r in plan(article, "1x1").renditions] == [400]
    assert [(r.width, r.height) for r in plan(article, "4x3").renditions] == [
        (480, 360),
        (533, 400),
    ]


def test_renditions_are_made_once_and_reused(places, frozen, monkeypatch):
    article = publish("Foto sekali", image=(1600, 1000))
    made = lead_image_renditions(article)
    names = [r.name for rendition_set in made.values() for r in rendition_set.renditions]
    assert len(names) == 9
    assert all(default_storage.exists(name) for name in names)
    assert all(name.startswith("renditions/") for name in names)

    writes = []
    monkeypatch.setattr(default_storage, "save", lambda *args, **kwargs: writes.append(args))
    from django.core.cache import cache

    cache.clear()  # even without the cache's memory, existing files are reused
    assert lead_image_renditions(article) == made
    assert writes == []


def red_at(rendition, xy) -> bool:
    with default_storage.open(rendition.name) as handle, Image.open(handle) as image:
        assert image.format == "JPEG"
        assert image.size == (rendition.width, rendition.height)
        red, green, blue = image.getpixel(xy)
        return red > 150 and green < 100 and blue < 100


def test_a_rendition_has_the_size_it_claims_and_keeps_the_focal_point(places, frozen):
    # The builders' photo has a red marker at (1200, 450) of 1600 x 1000.
    # With the focal point on it, the 1000 x 1000 square starts at x = 600
    # (the right edge stops it), so the marker is at (600, 450).
    on_marker = publish("Titik fokus", image=(1600, 1000), focal_x=0.75, focal_y=0.45)
    square = lead_image_renditions(on_marker)["1x1"].largest
    assert (square.width, square.height) == (1000, 1000)
    assert red_at(square, (600, 450))
    # With the focal point on the left, the square is x = 0..1000: no marker.
    elsewhere = publish("Fokus kiri", image=(1600, 1000), focal_x=0.1, focal_y=0.45)
    square = lead_image_renditions(elsewhere)["1x1"].largest
    assert not any(red_at(square, (x, 450)) for x in range(0, 1000, 50))


def test_moving_the_focal_point_makes_new_renditions(places, frozen):
    article = publish("Fokus pindah", image=(1600, 1000))
    before = plan(article, "1x1").largest.name
    article.focal_x = 0.2
    assert plan(article, "1x1").largest.name != before


def test_a_transparent_png_becomes_a_jpeg_on_white(places, frozen):
    article = publish("PNG transparan")
    image = Image.new("RGBA", (800, 800), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    article.lead_image.save("transparan.png", ContentFile(buffer.getvalue(), name="t.png"))
    square = lead_image_renditions(article)["1x1"].largest
    with default_storage.open(square.name) as handle, Image.open(handle) as rendered:
        assert rendered.mode == "RGB"
        assert rendered.getpixel((10, 10)) == (255, 255, 255)


def test_a_missing_image_file_shows_no_image_instead_of_failing(client, places, frozen):
    article = publish("File hilang", image=(1600, 1000))
    default_storage.delete(article.lead_image.name)
    assert lead_image_renditions(article) == {}
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "lead-figure" not in response.content.decode()


def test_list_images_lazy_load_below_the_lead(client, places, frozen):
    for number in range(3):
        publish(f"Berita bergambar {number}", image=(800, 500))
    html = client.get("/").content.decode()
    lead = html.split('<section class="latest"')[0]
    below = html.split('<section class="latest"')[1]
    assert 'fetchpriority="high"' in lead and 'loading="lazy"' not in lead
    assert below.count('loading="lazy"') == 2
