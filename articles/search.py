"""Ranked full-text search over live articles, in Indonesian, the same on both engines.

A query is read by the analyzer that built the index (``articles.analyzer``,
``articles.search_index``): each word becomes its root, so *menangkap* finds
*ditangkap*; a quoted phrase matches its roots in a row; a place's or a
program's name or alias (*Labuan Bajo*, *Mabar*, *Jamsostek*) also matches
what is tagged with that region (or a place under it) or program. Every term
must match. SQLite asks its FTS5 table, PostgreSQL its GIN-indexed tsvectors;
both hold the same tokens, so both find the same articles. They rank them
with their own formulas (bm25 on SQLite, ``ts_rank`` on PostgreSQL), both
weighing the title above the dek above the body, so the order may differ a
little where scores are close.

Readers' input never reaches a query language as written: only analyzer
tokens (lowercase letters and digits) go into the match expression, so
operators, quotes and brackets are just text and junk finds nothing.

Ranking reads every article it ranks, and a common word matches most of the
archive, so a search ranks the newest ``WINDOW`` live matches and says when
there are more. Newest is the latest published on PostgreSQL; on SQLite it is
the latest added (the highest ids), the order the FTS5 index keeps, so it can
read the newest matches and stop. Only the page shown is highlighted, in
Python, from the same tokens.
"""

import difflib
import re
from collections import deque
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from itertools import islice

from django import forms
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from articles import analyzer
from articles.filters import ReaderFilterSet, program_filter, region_filter, year_filter
from articles.models import Article, ArticleQuerySet, SearchWord
from articles.search_index import VOCABULARY_LENGTHS, names, plain_text

MAX_TERMS = 12
# How many of the newest matches a search ranks: ten pages of results.
WINDOW = 200
# PostgreSQL walks the newest articles for the newest matches when at least
# PROBE_HITS of the newest PROBE articles match (10 %), and otherwise collects
# them from the GIN index. At 100,000 articles and a WINDOW of 200 the two
# cost about the same there: some 2,000 documents read against 10,000 rows.
PROBE = 100
PROBE_HITS = 10
TSQUERY = "to_tsquery('simple', %s)"
# bm25 weights of the FTS5 columns title, dek, body, tags.
FTS5_WEIGHTS = "10.0, 4.0, 1.0, 2.0"
SNIPPET_WORDS = 32
# Words shown before the first match in a snippet.
SNIPPET_LEAD = 4
# Suggestions: how alike a known word must be (difflib's ratio), how many
# vocabulary words sharing the first two letters are compared, and how many
# of the closest are tried for live matches.
SUGGESTION_CUTOFF = 0.75
SUGGESTION_POOL = 5000
SUGGESTION_TRIES = 3
RAW_WORD = re.compile(r"[^\W_]+")
QUOTED = re.compile(r'"([^"]*)"')


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False, strip=True)
    urutan = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("", _("Relevance")), ("terbaru", _("Newest first"))],
        required=False,
    )


class SearchFilter(ReaderFilterSet):
    """The archive's filters that narrow a search: region, program, year."""

    wilayah = region_filter()
    program = program_filter()
    tahun = year_filter()

    class Meta:
        model = Article
        fields = ["wilayah", "program", "tahun"]


@dataclass(frozen=True)
class Term:
    """One thing every result must match: a word (any of its ``alternatives``),
    a phrase (its ``tokens`` in a row), or either of those or a tag."""

    text: str
    tokens: tuple[str, ...]
    alternatives: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def is_word(self) -> bool:
        return len(self.tokens) == 1 and not self.tags


@dataclass
class Query:
    terms: list[Term] = field(default_factory=list)
    # The regions and programs the query names, for links above the results.
    named: list = field(default_factory=list)
    # Whether the reader typed words, all of them too common to search for.
    only_stop_words: bool = False

    def __bool__(self) -> bool:
        return bool(self.terms)

    @cached_property
    def marks(self) -> frozenset[str]:
        """The tokens highlighted in titles and snippets."""
        return frozenset(
            token for term in self.terms for token in (*term.tokens, *term.alternatives)
        )


def parse(text: str) -> Query:
    """The reader's query as terms: quoted phrases, names, then single words,
    each at most once, at most ``MAX_TERMS``."""
    query = Query()
    if not analyzer.words(text):
        return query
    known = names()
    terms: dict[tuple, Term] = {}
    typed = False
    for index, part in enumerate(QUOTED.split(text)):
        words = analyzer.words(part)
        typed = typed or bool(words)
        found = _phrase(words) if index % 2 else _words(words, known, query)
        for term in found:
            terms.setdefault((term.tokens, term.alternatives, term.tags), term)
    query.terms = list(terms.values())[:MAX_TERMS]
    query.only_stop_words = typed and not query.terms
    return query


def _phrase(words: list[str]) -> list[Term]:
    tokens = tuple(analyzer.tokens(" ".join(words)))
    if len(tokens) == 1:
        return _words(words, None, None)
    return [Term(" ".join(words), tokens)] if tokens else []


def _words(words: list[str], known, query: Query | None) -> list[Term]:
    found = []
    position = 0
    while position < len(words):
        for length in range(min(known.longest if known else 0, len(words) - position), 0, -1):
            key = tuple(words[position : position + length])
            tags = known.aliases.get(key)
            if tags:
                tokens = tuple(analyzer.tokens(" ".join(key)))
                alternatives = tuple(analyzer.alternatives(key[0])) if len(tokens) == 1 else ()
                found.append(Term(" ".join(key), tokens, alternatives, tuple(sorted(tags))))
                query.named += [known.targets[tag] for tag in sorted(tags) if tag in known.targets]
                position += length
                break
        else:
            word = words[position]
            alternatives = tuple(analyzer.alternatives(word))
            if alternatives:
                found.append(Term(word, alternatives[:1], alternatives))
            position += 1
    if query is not None:
        query.named = list(dict.fromkeys(query.named))
    return found


def search(articles: ArticleQuerySet, query: Query, *, newest: bool = False) -> "SearchResults":
    """The articles of ``articles`` that match every term, best (or newest)
    first. Each article it hands out has ``search_title`` and
    ``search_snippet``, safe HTML with the matches marked."""
    return SearchResults(articles, query, newest=newest)


class SearchResults:
    """A search's results, as a sequence that a paginator can cut.

    Its length costs one query, which ranks the newest ``WINDOW`` matches and
    keeps only their ids; each slice costs another, which loads the slice's
    articles (with their bodies, for the snippets).
    """

    def __init__(self, articles: ArticleQuerySet, query: Query, *, newest: bool = False):
        self.articles = articles
        self.query = query
        self.newest = newest

    @cached_property
    def _ranking(self) -> tuple[list[int], bool]:
        if not self.query:
            return [], False
        rank = _rank_postgresql if connection.vendor == "postgresql" else _rank_sqlite
        rows = rank(self.articles, self.query, self.newest)
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
        articles = self.articles.filter(pk__in=ids).order_by().annotate(search_body=F("body"))
        loaded = {article.pk: article for article in articles}
        marks = self.query.marks
        for article in loaded.values():
            article.search_title = highlighted(article.title, marks)
            article.search_snippet = snippet(plain_text(article.search_body), marks)
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


def _fts5_query(query: Query) -> str:
    """Every term must match; tokens are letters and digits only, quoted."""
    groups = []
    for term in query.terms:
        if len(term.tokens) > 1:
            parts = ['"' + " ".join(term.tokens) + '"']
        else:
            parts = [f'"{token}"' for token in term.alternatives or term.tokens]
        parts += [f'tags : "{tag}"' for tag in term.tags]
        groups.append("(" + " OR ".join(parts) + ")")
    return " AND ".join(groups)


def _tsquery(query: Query) -> str:
    groups = []
    for term in query.terms:
        if len(term.tokens) > 1:
            parts = [" <-> ".join(term.tokens)]
        else:
            parts = list(term.alternatives or term.tokens)
        parts += term.tags
        groups.append("(" + " | ".join(parts) + ")")
    return " & ".join(groups)


def _rank_sqlite(articles: ArticleQuerySet, query: Query, newest: bool) -> list[tuple[int, int]]:
    # FTS5 keeps each word's matches in id order and can hand them over
    # newest first, so finding the newest matches reads only as much of the
    # index, and joins only as many articles for the rule of ``articles``
    # (live), as it needs: ``edge`` is the first match left out, if any. The
    # second scan ranks the matches above it. CROSS JOIN keeps the index the
    # outer loop; SQLite would otherwise probe it once per article, running
    # the whole match each time. FTS5's functions (bm25 here) only work in a
    # query that reads the virtual table itself, hence raw SQL.
    live, live_params = articles.order_by().values("id", "published_at").query.sql_with_params()
    match = _fts5_query(query)
    order = "" if newest else f"bm25(articles_search, {FTS5_WEIGHTS}),"
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
        ORDER BY {order} live.published_at DESC, live.id DESC
    """  # nosec B608: constants and Django's own SQL; the values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*live_params, match, WINDOW, *live_params, match])
        return cursor.fetchall()


def _rank_postgresql(articles: ArticleQuerySet, query: Query, newest: bool):
    # articles_search holds the tsvectors (migration 0009); the model does not
    # know the table, hence extra() and raw SQL, built from constants and
    # Django's own SQL; the reader's tokens are parameters.
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
    text = _tsquery(query)
    with_document = articles.extra(  # nosec B610: constants only
        tables=["articles_search"],
        where=["articles_search.article_id = articles_article.id"],
        select={"document": "articles_search.document"},
    )
    newest_docs = with_document.order_by("-published_at", "-id").values("document")[:PROBE]
    matches = with_document.extra(  # nosec B610
        where=[f"articles_search.document @@ {TSQUERY}"], params=[text]
    ).values("id", "published_at", "document")
    walked = matches.order_by("-published_at", "-id")[: WINDOW + 1]
    newest_sql, newest_params = newest_docs.query.sql_with_params()
    walked_sql, walked_params = walked.query.sql_with_params()
    live_sql, live_params = articles.order_by().values("id").query.sql_with_params()
    order = "" if newest else f"ts_rank(document, {TSQUERY}) DESC,"
    # Collecting sorts the matches by the publication time the index keeps
    # (written with the entry) and checks them against the rule of
    # ``articles`` newest first, only until WINDOW + 1 have passed, rather
    # than joining every match to its article first. The check is a scalar
    # subquery so that it stays a filter above the sort (OFFSET 0 keeps the
    # sorted subquery whole); an EXISTS would become a join of every match.
    sql = f"""
        WITH probe AS (
            SELECT count(*) FILTER (WHERE document @@ {TSQUERY}) AS hits FROM ({newest_sql}) AS n
        ), found AS MATERIALIZED (
            SELECT article_id, published_at FROM articles_search WHERE document @@ {TSQUERY}
        )
        SELECT id, total > %s FROM (
            SELECT recent.*, count(*) OVER () AS total,
                row_number() OVER (ORDER BY published_at DESC, id DESC) AS age
            FROM (
                SELECT * FROM ({walked_sql}) AS walked
                WHERE (SELECT hits FROM probe) >= %s
                UNION ALL
                SELECT article.id, article.published_at, entry.document
                FROM (
                    SELECT candidate.article_id FROM (
                        SELECT * FROM found
                        ORDER BY published_at DESC NULLS LAST, article_id DESC OFFSET 0
                    ) AS candidate
                    WHERE (
                        SELECT true FROM ({live_sql}) AS live WHERE live.id = candidate.article_id
                    )
                    LIMIT %s
                ) AS collected
                JOIN articles_article AS article ON article.id = collected.article_id
                JOIN articles_search AS entry ON entry.article_id = collected.article_id
                WHERE (SELECT hits FROM probe) < %s
            ) AS recent
        ) AS numbered
        WHERE age <= %s
        ORDER BY {order} published_at DESC, id DESC
    """  # nosec B608: constants and Django's own SQL; the values are parameters
    params = [
        text,
        *newest_params,
        text,
        WINDOW,
        *walked_params,
        PROBE_HITS,
        *live_params,
        WINDOW + 1,
        PROBE_HITS,
        WINDOW,
        *([] if newest else [text]),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _marker(marks: frozenset[str]):
    """Whether a word as written is one of the ``marks``, remembered per word."""
    seen: dict[str, bool] = {}

    def marked(word: str) -> bool:
        found = seen.get(word)
        if found is None:
            found = seen[word] = analyzer.token_of(analyzer.fold(word)) in marks
        return found

    return marked


def highlighted(text: str, marks: frozenset[str]) -> SafeString:
    """Plain ``text`` as safe HTML: escaped, each matching word in ``<mark>``."""
    return _render(text, list(RAW_WORD.finditer(text)), False, None, _marker(marks))


def snippet(text: str, marks: frozenset[str]) -> SafeString:
    """About ``SNIPPET_WORDS`` words of plain ``text`` from a little before its
    first match (from its start when nothing matches), as safe HTML. It starts
    and ends at a word, with an ellipsis only where words were left out.
    Reads the text only as far as the words it shows."""
    marked = _marker(marks)
    words = RAW_WORD.finditer(text)
    shown: deque = deque(maxlen=SNIPPET_LEAD + 1)
    cut = False
    # A result found through its tags may have no match in its body: one
    # pass over its distinct words says so without looking at each in turn.
    if not any(analyzer.token_of(word) in marks for word in set(analyzer.words(text))):
        words = iter(())
    for word in words:
        cut = cut or len(shown) == shown.maxlen
        shown.append(word)
        if marked(word.group()):
            break
    else:
        words = RAW_WORD.finditer(text)
        shown, cut = deque(), False
    shown = [*shown, *islice(words, SNIPPET_WORDS - len(shown))]
    return _render(text, shown, cut, next(words, None), marked)


def _render(text: str, shown: list, cut: bool, following, marked) -> SafeString:
    """The ``shown`` words of ``text`` and what lies between them, escaped,
    up to the ``following`` word (or the end)."""
    if not shown:
        return mark_safe(escape(" ".join(text.split())))  # nosec B308, B703: escaped
    pieces = ["…"] if cut else []
    cursor = shown[0].start()
    for word in shown:
        pieces.append(escape(text[cursor : word.start()]))
        written = escape(word.group())
        pieces.append(f"<mark>{written}</mark>" if marked(word.group()) else written)
        cursor = word.end()
    end = following.start() if following else len(text)
    pieces.append(escape(text[cursor:end].rstrip()))
    if following:
        pieces.append("…")
    # Safe: every piece of the text was escaped; <mark> is the only markup.
    return mark_safe(" ".join("".join(pieces).split()))  # nosec B308, B703


@dataclass
class Suggestion:
    """A query with misspelt words replaced by known ones that find something."""

    text: str
    replaced: list[str]

    @property
    def html(self) -> SafeString:
        words = (f"<em>{escape(word)}</em>" for word in self.replaced)
        return mark_safe(", ".join(words))  # nosec B308, B703: escaped


def suggestion(articles: ArticleQuerySet, text: str, query: Query) -> Suggestion | None:
    """For a search that found nothing: the query with each of its words the
    index has never seen replaced by the closest word it has, if that query
    finds live articles (so no word of an unpublished draft is ever shown).
    Draws on ``SearchWord``, the index's own vocabulary."""
    wanted = [
        term.text
        for term in query.terms
        if term.is_word and term.text.isalpha() and len(term.text) in VOCABULARY_LENGTHS
    ]
    if not wanted:
        return None
    seen = set(SearchWord.objects.filter(word__in=wanted).values_list("word", flat=True))
    unknown = [word for word in wanted if word not in seen]
    if not unknown:
        return None
    options = {word: _closest(word) for word in unknown}
    for attempt in range(SUGGESTION_TRIES):
        replacements = {
            word: close[min(attempt, len(close) - 1)] for word, close in options.items() if close
        }
        if not replacements:
            return None
        suggested = _replace(text, replacements)
        if len(search(articles, parse(suggested))):
            return Suggestion(suggested, list(replacements.values()))
    return None


def _closest(word: str) -> list[str]:
    prefix = word[:2]
    pool = dict(
        SearchWord.objects.filter(
            word__gte=prefix,
            word__lt=prefix[:-1] + chr(ord(prefix[-1]) + 1),
        )
        .order_by("-documents")
        .values_list("word", "documents")[:SUGGESTION_POOL]
    )
    close = difflib.get_close_matches(word, pool, n=SUGGESTION_TRIES, cutoff=SUGGESTION_CUTOFF)
    # Equally close: the more common word first.
    ratio = {c: difflib.SequenceMatcher(None, word, c).ratio() for c in close}
    return sorted(close, key=lambda c: (-round(ratio[c], 2), -pool[c]))


def _replace(text: str, replacements: dict[str, str]) -> str:
    def swap(match):
        return replacements.get(analyzer.fold(match.group()), match.group())

    return RAW_WORD.sub(swap, text)
