import json
from pathlib import Path

import pytest
from django.conf import settings

from regions.models import Region

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "regions.json"


def test_the_fixture_holds_every_regency_and_city_of_ntt_with_its_code(places):
    top = Region.objects.filter(parent__slug="ntt")
    assert top.count() == 22
    assert top.filter(kind=Region.Kind.CITY).get().slug == "kota-kupang"
    codes = {region.slug: region.code for region in top}
    assert codes["kupang"] == "53.01"
    assert codes["belu"] == "53.04"
    assert codes["manggarai-barat"] == "53.15"
    assert codes["malaka"] == "53.21"
    assert codes["kota-kupang"] == "53.71"
    assert len(set(codes.values())) == 22


@pytest.mark.parametrize(
    ("alias", "slug"),
    [
        ("Atambua", "belu"),
        ("Labuan Bajo", "manggarai-barat"),
        ("Kefamenanu", "timor-tengah-utara"),
        ("Betun", "malaka"),
        ("Oelamasi", "kupang"),
    ],
)
def test_capital_towns_are_aliases_of_their_regency(places, alias, slug):
    assert alias in places[slug].aliases


def test_places_named_in_the_sources_sit_under_their_regency(places):
    assert places["bolok"].ancestor_slugs() == ["ntt", "kupang", "kupang-barat", "bolok"]
    assert places["penfui-timur"].ancestor_slugs()[:2] == ["ntt", "kupang"]
    assert places["batu-cermin"].ancestor_slugs()[:2] == ["ntt", "manggarai-barat"]


def test_stored_paths_in_the_fixture_match_the_tree(places):
    for region in places.values():
        assert region.path == region.build_path(), region.slug


def test_the_fixture_uses_natural_keys_only():
    for item in json.loads(FIXTURE.read_text()):
        assert "pk" not in item
        parent = item["fields"]["parent"]
        assert parent is None or isinstance(parent, list)


def test_subtree_holds_the_region_and_everything_under_it(places):
    slugs = set(Region.objects.subtree(places["kupang"]).values_list("slug", flat=True))
    assert slugs == {"kupang", "kupang-barat", "kupang-tengah", "bolok", "penfui-timur"}


def test_moving_a_region_moves_its_descendants(places):
    district = places["kupang-barat"]
    district.parent = places["kota-kupang"]
    district.save()
    assert Region.objects.get(slug="bolok").path == "ntt/kota-kupang/kupang-barat/bolok/"


def test_regions_load_by_natural_key(places):
    assert Region.objects.get_by_natural_key("belu") == places["belu"]
