"""Lists are counted only as far as the page asked for, plus a few pages."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from articles.listing import Listed, lines
from newsroom import pagination

PER_PAGE = 2


@pytest.fixture
def thirty(make_article, monkeypatch):
    monkeypatch.setattr(pagination, "PAGES_AHEAD", 3)
    for number in range(30):
        make_article(f"Berita nomor {number}")
    return Listed(lines())


def page(articles, number=None):
    query = {} if number is None else {pagination.PAGE_PARAMETER: number}
    request = RequestFactory().get("/", query)
    return pagination.paginate(request, articles, per_page=PER_PAGE)


def test_the_first_page_counts_only_a_few_pages_ahead(thirty):
    with CaptureQueriesContext(connection) as captured:
        first = page(thirty)
        rows = list(first.object_list)
    assert len(captured) == 2
    # Pages 1 to 4 (the page and three ahead), and one row to know there is more.
    assert "LIMIT 9" in captured[0]["sql"]
    assert len(rows) == PER_PAGE
    assert first.paginator.capped
    assert first.paginator.num_pages == 4
    assert first.has_next()


def test_a_deeper_page_moves_the_reach_along(thirty):
    tenth = page(thirty, 10)
    assert tenth.paginator.capped
    assert tenth.has_next()
    assert [a.title for a in tenth.object_list] == ["Berita nomor 11", "Berita nomor 10"]


def test_the_total_shows_once_it_is_within_reach(thirty):
    near_end = page(thirty, 13)
    assert not near_end.paginator.capped
    assert near_end.paginator.num_pages == 15
    last = page(thirty, 15)
    assert not last.has_next()
    assert [a.title for a in last.object_list] == ["Berita nomor 1", "Berita nomor 0"]


@pytest.mark.parametrize("number", ["16", "0", "-1", "abc", "1e3", "99999999999999999999999"])
def test_a_page_that_is_not_there_is_a_404(thirty, number):
    with pytest.raises(Http404):
        page(thirty, number)


def test_no_list_goes_past_the_deepest_page(thirty, monkeypatch):
    monkeypatch.setattr(pagination, "MAX_PAGES", 5)
    fifth = page(thirty, 5)
    assert fifth.paginator.capped
    assert not fifth.has_next()
    with pytest.raises(Http404):
        page(thirty, 6)
