"""Ranked full-text search over live articles, with highlighted matches.

PostgreSQL searches with its own full text (the ``indonesian`` configuration,
which stems Indonesian affixes). The embedded SQLite default uses the FTS5
table ``articles_search`` (migration 0003), ranked by bm25 with the title
weighed above the dek and the dek above the body.

Readers' input never reaches a query language as written: it is cut into
words, and each word is quoted, so operators, quotes and brackets are just
text and a junk query finds nothing instead of failing.
"""

import html
import re

from django import forms
from django.db import connection
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleQuerySet

MAX_TERMS = 12
PREFIX_FROM = 5
POSTGRES_CONFIG = "indonesian"
# Control characters cannot occur in a reader's word, so they mark matches
# safely until the text is escaped for HTML.
START, STOP = "\x02", "\x03"
WORD = re.compile(r"\w+")
BLOCK_END = re.compile(r"</(?:p|li|h[2-4]|blockquote|figcaption|td|th)>|<br\s*/?>")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False, strip=True)


def terms_of(query: str) -> list[str]:
    """The distinct words of ``query``, lowercased, at most ``MAX_TERMS``."""
    terms = []
    for word in WORD.findall(query.lower()):
        word = word.strip("_")
        if word and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def search(articles: ArticleQuerySet, terms: list[str]) -> ArticleQuerySet:
    """``articles`` matching every term, best first, each annotated with
    ``search_title`` and ``search_snippet`` (plain text with match markers)."""
    if not terms:
        return articles.none()
    if connection.vendor == "postgresql":
        return _search_postgresql(articles, terms)
    return _search_sqlite(articles, terms)


def _fts5_query(terms: list[str]) -> str:
    """Every term must match; words of five letters or more also match as a
    prefix, which catches Indonesian suffixes (pekerja → pekerjaan). Shorter
    words match whole: as prefixes they catch unrelated common words ("belu"
    would match every "belum") and make ranking read most of the archive."""
    quoted = []
    for term in terms:
        phrase = '"' + term.replace('"', '""') + '"'
        quoted.append(phrase + "*" if len(term) >= PREFIX_FROM else phrase)
    return " ".join(quoted)


def _search_sqlite(articles: ArticleQuerySet, terms: list[str]) -> ArticleQuerySet:
    # FTS5's ranking and highlighting functions only work in a query that
    # reads the virtual table itself, hence extra() rather than a subquery.
    return articles.extra(
        tables=["articles_search"],
        where=["articles_search.rowid = articles_article.id", "articles_search MATCH %s"],
        params=[_fts5_query(terms)],
        select={
            "search_rank": "bm25(articles_search, 10.0, 4.0, 1.0)",
            "search_title": "highlight(articles_search, 0, %s, %s)",
            "search_snippet": "snippet(articles_search, 2, %s, %s, %s, 32)",
        },
        select_params=[START, STOP, START, STOP, "…"],
    ).order_by("search_rank", "-published_at", "-id")


def _search_postgresql(articles: ArticleQuerySet, terms: list[str]) -> ArticleQuerySet:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery

    query = SearchQuery(" ".join(terms), config=POSTGRES_CONFIG, search_type="plain")
    marks = {"start_sel": START, "stop_sel": STOP, "config": POSTGRES_CONFIG}
    # search_document is the stored, GIN-indexed tsvector of migration 0006;
    # the model does not know the column, hence extra() as on SQLite. The SQL
    # is built from constants only; the reader's words are bound parameters.
    tsquery = "plainto_tsquery(%s::regconfig, %s)"
    return (
        articles.extra(  # nosec B610
            where=[f"articles_article.search_document @@ {tsquery}"],
            params=[POSTGRES_CONFIG, " ".join(terms)],
            select={"search_rank": f"ts_rank(articles_article.search_document, {tsquery})"},
            select_params=[POSTGRES_CONFIG, " ".join(terms)],
        )
        .annotate(
            search_title=SearchHeadline("title", query, highlight_all=True, **marks),
            search_snippet=SearchHeadline(
                "body", query, max_words=35, min_words=15, short_word=2, **marks
            ),
        )
        .order_by("-search_rank", "-published_at", "-id")
    )


def highlighted_text(text: str) -> SafeString:
    """Marked plain text (a title) as safe HTML: escaped, with ``<mark>`` added."""
    paired = re.sub(f"{START}([^{START}{STOP}]*){STOP}", r"<mark>\1</mark>", escape(text or ""))
    # Safe: the text was escaped before the only markup, <mark>, went in.
    return mark_safe(paired.replace(START, "").replace(STOP, ""))  # nosec B308, B703


def highlighted_html(fragment: str) -> SafeString:
    """A marked snippet of the body's HTML as safe HTML: its tags and entities
    are dropped, the text escaped, and only ``<mark>`` added."""
    ellipsis = "…" if fragment.startswith("…") else ""
    # A snippet can start or end in the middle of one of the body's tags; in
    # sanitized HTML a bare < or > is always part of a tag.
    fragment = re.sub(r"^…?[^<>]*>", "", fragment)
    fragment = re.sub(r"<[^<>]*$", "", fragment)
    fragment = BLOCK_END.sub(" ", fragment)
    return highlighted_text(ellipsis + " ".join(html.unescape(strip_tags(fragment)).split()))
