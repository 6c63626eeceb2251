"""Ranked full-text search over live articles, with highlighted matches.

PostgreSQL searches with its own full text (the ``indonesian`` configuration,
which stems Indonesian affixes). The embedded SQLite default uses the FTS5
table ``articles_search`` (migration 0003), ranked by bm25 with the title
weighed above the dek and the dek above the body.

Readers' input never reaches a query language as written: it is cut into
words, and each word is quoted, so operators, quotes and brackets are just
text and a junk query finds nothing instead of failing.

Ranking reads every article it ranks, and a common word matches most of the
archive (ranking all of it took most of a second at 100,000 articles), so a
search ranks the newest ``WINDOW`` live matches and says when there are more.
Newest is the latest published on PostgreSQL; on SQLite it is the latest
added (the highest ids), the order the FTS5 index keeps, so it can read the
newest matches and stop. Highlighting parses whole texts, so only the page
shown is highlighted.
"""

import html
import re
from functools import cached_property

from django import forms
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, TextField, Value, When
from django.db.models.functions import Coalesce, Greatest, Least, Lower, NullIf, StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleQuerySet

MAX_TERMS = 12
# Words this long or longer also match with these Indonesian suffixes:
# derivational, possessive and the particles, alone and combined.
SUFFIX_FROM = 5
SUFFIXES = ["an", "kan", "i", "nya", "annya", "kannya", "inya", "lah", "kah", "pun", "ku", "mu"]
POSTGRES_CONFIG = "indonesian"
TSQUERY = "plainto_tsquery(%s::regconfig, %s)"
# How many of the newest matches a search ranks: ten pages of results.
WINDOW = 200
# PostgreSQL walks the newest articles for the newest matches when at least
# PROBE_HITS of the newest PROBE articles match (10 %), and otherwise collects
# them from the GIN index. At 100,000 articles and a WINDOW of 200 the two
# cost about the same there: some 2,000 documents read against 10,000 rows.
PROBE = 100
PROBE_HITS = 10
# ts_headline parses and stems all the text it is given, about half a
# millisecond for a body of 5,000 characters, so PostgreSQL looks for the
# snippet in a passage around the first place one of the reader's words
# occurs: room for the 35 words of a snippet, tags included.
PASSAGE_BEFORE = 150
PASSAGE_LENGTH = 600
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


def search(articles: ArticleQuerySet, terms: list[str]) -> "SearchResults":
    """The articles of ``articles`` that match every term, best first. Each
    article it hands out has ``search_title`` and ``search_snippet`` (plain
    text with match markers)."""
    return SearchResults(articles, terms)


class SearchResults:
    """A search's results, as a sequence that a paginator can cut.

    Its length costs one query, which ranks the newest ``WINDOW`` matches and
    keeps only their ids; each slice costs another, which loads the slice's
    articles with their highlights.
    """

    def __init__(self, articles: ArticleQuerySet, terms: list[str]):
        self.articles = articles
        self.terms = terms

    @cached_property
    def _ranking(self) -> tuple[list[int], bool]:
        if not self.terms:
            return [], False
        rank = _rank_postgresql if connection.vendor == "postgresql" else _rank_sqlite
        rows = rank(self.articles, self.terms)
        return [pk for pk, _more in rows], bool(rows and rows[0][1])

    @property
    def ids(self) -> list[int]:
        """The ranked articles' ids, best first."""
        return self._ranking[0]

    @property
    def capped(self) -> bool:
        """True when more articles match than the ``WINDOW`` ranked."""
        return self._ranking[1]

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._load(self.ids[index])
        return self._load([self.ids[index]])[0]

    def __iter__(self):
        return iter(self[:])

    def _load(self, ids: list[int]) -> list[Article]:
        if not ids:
            return []
        articles = self.articles.filter(pk__in=ids).order_by()
        if connection.vendor == "postgresql":
            articles = _highlight_postgresql(articles, self.terms)
        else:
            articles = _highlight_sqlite(articles, self.terms, ids)
        loaded = {article.pk: article for article in articles}
        return [loaded[pk] for pk in ids if pk in loaded]


class SearchPaginator(Paginator):
    """Pages of ``SearchResults``, with ``capped`` and ``limit`` as on the
    lists' ``BoundedPaginator``, for the count and the page numbers."""

    @property
    def limit(self) -> int:
        return WINDOW

    @property
    def capped(self) -> bool:
        return self.object_list.capped


def _fts5_query(terms: list[str]) -> str:
    """Every term must match. A word of five letters or more also matches with
    an Indonesian suffix (pekerja → pekerjaan, nelayan → nelayannya). Listing
    the suffixes, rather than matching the word as a prefix, keeps "belu" from
    matching every "belum", and lets FTS5 read each form's matches from the
    newest: a prefix query first gathers every match of every word it covers,
    archive-wide, which for a common word took several milliseconds."""
    groups = []
    for term in terms:
        forms = [term]
        if len(term) >= SUFFIX_FROM:
            forms += [term + suffix for suffix in SUFFIXES]
        quoted = ['"' + form.replace('"', '""') + '"' for form in forms]
        groups.append("(" + " OR ".join(quoted) + ")")
    return " AND ".join(groups)


def _rank_sqlite(articles: ArticleQuerySet, terms: list[str]) -> list[tuple[int, int]]:
    # FTS5 keeps each word's matches in id order and can hand them over
    # newest first, so finding the newest matches reads only as much of the
    # index, and joins only as many articles for the rule of ``articles``
    # (live), as it needs: ``edge`` is the first match left out, if any. The
    # second scan ranks the matches above it. CROSS JOIN keeps the index the
    # outer loop; SQLite would otherwise probe it once per article, running
    # the whole match each time. FTS5's functions (bm25 here) only work in a
    # query that reads the virtual table itself, hence raw SQL.
    live, live_params = articles.order_by().values("id", "published_at").query.sql_with_params()
    match = _fts5_query(terms)
    sql = f"""
        WITH edge(id) AS (
            SELECT articles_search.rowid
            FROM articles_search CROSS JOIN ({live}) AS live ON live.id = articles_search.rowid
            WHERE articles_search MATCH %s
            ORDER BY articles_search.rowid DESC
            LIMIT 1 OFFSET %s
        )
        SELECT live.id, (SELECT count(*) FROM edge)
        FROM articles_search CROSS JOIN ({live}) AS live ON live.id = articles_search.rowid
        WHERE articles_search MATCH %s
            AND articles_search.rowid > coalesce((SELECT id FROM edge), 0)
        ORDER BY bm25(articles_search, 10.0, 4.0, 1.0), live.published_at DESC, live.id DESC
    """  # nosec B608: constants and Django's own SQL; the values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*live_params, match, WINDOW, *live_params, match])
        return cursor.fetchall()


def _highlight_sqlite(articles: ArticleQuerySet, terms: list[str], ids: list[int]):
    # FTS5's highlight() and snippet() only work in a query that reads the
    # virtual table itself, hence extra(). The id range lets FTS5 read only
    # the part of its index that holds the page; the ids are checked on its
    # rows before any article is read. (The unary + keeps SQLite from handing
    # the ids to FTS5 as lookups, which would run the match once per id.)
    placeholders = ", ".join(["%s"] * len(ids))
    # The SQL is constants and placeholders only; the values are parameters.
    return articles.extra(  # nosec B610
        tables=["articles_search"],
        where=[
            "articles_search.rowid = articles_article.id",
            "articles_search MATCH %s",
            "articles_search.rowid BETWEEN %s AND %s",
            f"+articles_search.rowid IN ({placeholders})",
        ],
        params=[_fts5_query(terms), min(ids), max(ids), *ids],
        select={
            "search_title": "highlight(articles_search, 0, %s, %s)",
            "search_snippet": "snippet(articles_search, 2, %s, %s, %s, 32)",
        },
        select_params=[START, STOP, START, STOP, "…"],
    )


def _rank_postgresql(articles: ArticleQuerySet, terms: list[str]) -> list[tuple[int, bool]]:
    # search_document is the stored, GIN-indexed tsvector of migration 0006;
    # the model does not know the column, hence extra() and raw SQL, built
    # from constants and Django's own SQL; the reader's words are parameters.
    #
    # The newest matches come one of two ways. A common word is found by
    # walking the newest articles until WINDOW + 1 have matched; a rarer one
    # by collecting every match from the GIN index and keeping the newest.
    # Checking a walked article reads its document from TOAST storage, which
    # the planner does not count, so left to itself it also walks for words
    # in a few percent of the archive and reads thousands of documents. So
    # ``probe`` checks the newest PROBE articles, and their share of matches
    # decides (a one-time filter: the other branch never runs). ts_rank then
    # reads the window's documents only.
    text = " ".join(terms)
    document = {"document": "articles_article.search_document"}
    newest = (
        articles.extra(select=document)  # nosec B610
        .order_by("-published_at", "-id")
        .values("document")[:PROBE]
    )
    matches = articles.extra(  # nosec B610
        where=[f"articles_article.search_document @@ {TSQUERY}"],
        params=[POSTGRES_CONFIG, text],
        select=document,
    ).values("id", "published_at", "document")
    walked = matches.order_by("-published_at", "-id")[: WINDOW + 1]
    newest_sql, newest_params = newest.query.sql_with_params()
    found_sql, found_params = matches.order_by().query.sql_with_params()
    walked_sql, walked_params = walked.query.sql_with_params()
    sql = f"""
        WITH probe AS (
            SELECT count(*) FILTER (WHERE document @@ {TSQUERY}) AS hits FROM ({newest_sql}) AS n
        ), found AS MATERIALIZED ({found_sql})
        SELECT id, total > %s FROM (
            SELECT recent.*, count(*) OVER () AS total,
                row_number() OVER (ORDER BY published_at DESC, id DESC) AS age
            FROM (
                SELECT * FROM ({walked_sql}) AS walked
                WHERE (SELECT hits FROM probe) >= %s
                UNION ALL
                SELECT * FROM (
                    SELECT * FROM found ORDER BY published_at DESC, id DESC LIMIT %s
                ) AS collected
                WHERE (SELECT hits FROM probe) < %s
            ) AS recent
        ) AS numbered
        WHERE age <= %s
        ORDER BY ts_rank(document, {TSQUERY}) DESC, published_at DESC, id DESC
    """  # nosec B608: constants and Django's own SQL; the values are parameters
    params = [
        POSTGRES_CONFIG,
        text,
        *newest_params,
        *found_params,
        WINDOW,
        *walked_params,
        PROBE_HITS,
        WINDOW + 1,
        PROBE_HITS,
        WINDOW,
        POSTGRES_CONFIG,
        text,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _highlight_postgresql(articles: ArticleQuerySet, terms: list[str]):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery

    query = SearchQuery(" ".join(terms), config=POSTGRES_CONFIG, search_type="plain")
    marks = {"start_sel": START, "stop_sel": STOP, "config": POSTGRES_CONFIG}
    # Where the first of the reader's words occurs as written; a word found
    # only through its stem (perlindungan → terlindungi) leaves the whole body.
    body = Lower("body")
    found = [NullIf(StrIndex(body, Value(term)), Value(0)) for term in terms]
    first = Coalesce(Least(*found) if len(found) > 1 else found[0], Value(0))
    passage = Case(
        When(
            GreaterThan(first, 0),
            then=Substr("body", Greatest(first - PASSAGE_BEFORE, Value(1)), PASSAGE_LENGTH),
        ),
        default=F("body"),
        output_field=TextField(),
    )
    return articles.annotate(
        search_title=SearchHeadline("title", query, highlight_all=True, **marks),
        search_snippet=SearchHeadline(
            passage, query, max_words=35, min_words=15, short_word=2, **marks
        ),
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
