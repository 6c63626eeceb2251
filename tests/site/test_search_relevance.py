"""Every query of the relevance set finds what it must and nothing it must not,
on SQLite and on PostgreSQL (``bench/search.py`` reports recall and precision)."""

import pytest

from tests.site import relevance


@pytest.fixture
def stories(places, frozen):
    return relevance.load()


@pytest.mark.parametrize("judged", relevance.QUERIES, ids=[q.query for q in relevance.QUERIES])
def test_the_query_finds_what_it_must_and_not_what_it_must_not(stories, judged):
    found = relevance.found(stories, judged)
    assert judged.must <= found
    assert not judged.must_not & found


def test_each_query_finds_exactly_its_stories_so_both_engines_agree(stories):
    # CI runs this file on SQLite and on PostgreSQL: the same sets on both.
    found = {judged.query: relevance.found(stories, judged) for judged in relevance.QUERIES}
    assert found == {judged.query: set(judged.must) for judged in relevance.QUERIES}
