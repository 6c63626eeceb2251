"""``loaddata`` that takes several fixture files in any order.

Django loads fixture files in the order it is given them, and a row whose
required foreign key names a row of a later file cannot be saved (a byline
before its journalist). So the files are put in the order of their models
first: a file goes after every file holding a model its own models depend on
(``serializers.sort_dependencies``: each model's foreign keys to models with
natural keys, and ``natural_key.dependencies``). Then it is Django's own
``loaddata``. A file whose models cannot be read (compressed, not JSON, stdin)
stays where it was given, and so does everything when there is one file.
"""

import json
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.commands import loaddata


class Command(loaddata.Command):
    def loaddata(self, fixture_labels):
        self.serialization_formats = serializers.get_public_serializer_formats()
        super().loaddata(self.in_dependency_order(fixture_labels))

    def in_dependency_order(self, fixture_labels) -> list[str]:
        if len(fixture_labels) < 2:
            return list(fixture_labels)
        order = serializers.sort_dependencies(
            [(config, None) for config in apps.get_app_configs()], allow_cycles=True
        )
        rank = {model._meta.label_lower: position for position, model in enumerate(order)}
        first_model = {}
        for label in fixture_labels:
            positions = [rank.get(name, -1) for name in self.models_in(label)]
            if not positions:
                return list(fixture_labels)
            first_model[label] = min(positions)
        return sorted(fixture_labels, key=first_model.__getitem__)

    def models_in(self, fixture_label: str) -> set[str]:
        """The models a fixture's JSON files hold; empty when one cannot be read."""
        names: set[str] = set()
        for path, _, _ in self.find_fixtures(fixture_label):
            if Path(path).suffix != ".json":
                return set()
            with open(path, encoding="utf-8") as handle:
                names.update(row["model"].lower() for row in json.load(handle))
        return names
