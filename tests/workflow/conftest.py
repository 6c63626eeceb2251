import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """These tests read the workflow's messages in the source language."""
    with translation.override("en"):
        yield
