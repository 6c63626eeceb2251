"""``manage.py loaddata fixtures/*.json`` loads the same rows in any order."""

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

FIXTURES = sorted(str(path) for path in (Path(__file__).parents[2] / "fixtures").glob("*.json"))
ORDERS = {
    "as-globbed": FIXTURES,
    "reversed": FIXTURES[::-1],
    **{
        f"shuffled-{seed}": random.Random(seed).sample(FIXTURES, len(FIXTURES)) for seed in range(3)
    },
}


def expected_rows() -> Counter:
    return Counter(row["model"] for path in FIXTURES for row in json.loads(Path(path).read_text()))


def test_there_are_several_fixture_files_that_refer_to_each_other():
    assert len(FIXTURES) == 4
    assert {"articles.articlereporter", "articles.journalist"} <= set(expected_rows())


@pytest.mark.django_db
@pytest.mark.parametrize("order", ORDERS)
def test_fixtures_load_in_any_order_on_an_empty_database(order):
    call_command("loaddata", *ORDERS[order], verbosity=0)
    for label, count in expected_rows().items():
        assert apps.get_model(label)._default_manager.count() == count, label
