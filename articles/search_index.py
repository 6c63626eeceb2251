"""The search index: every article's text as the Indonesian analyzer reads it.

Each engine keeps the analyzed text in a table of its own (migration
``0010_analyzed_search_index``): SQLite an FTS5 table ``articles_search``
(rowid = article id; columns title, dek, body, tags), PostgreSQL a table
``articles_search`` of weighted ``tsvector`` documents (title A, dek B, body C,
tags D) built with the ``simple`` configuration, which only splits on spaces
what the analyzer already made. Both therefore hold the same tokens.

The tags column holds a token for each region an article is tagged with and
each of that region's ancestors, and for each of its programs, so a reader who
names a place by an alias finds what is tagged with it.

Python writes the index, since only Python has the analyzer: a saved article
through the signals (``articles.signals``), a batch of imported or generated
articles with one ``index_articles`` call. The words seen, with how many
documents had them, go to ``SearchWord``, the vocabulary that suggestions for
misspelt words are drawn from.
"""

import datetime
import html as html_module
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain

from django.db import connection

from articles import analyzer
from articles.importing.matching import stored_names
from articles.models import Article, Journalist, ProgramTag, ProgramTaggedArticle, SearchWord
from newsroom.cache import purges
from regions.models import Region

# Articles read and written per round trip.
CHUNK = 250
# Vocabulary words: long enough to be misspelt, short enough to be words.
VOCABULARY_LENGTHS = range(4, 31)
# Vocabulary rows per INSERT.
WORDS_PER_INSERT = 1000
TAG = re.compile(r"<[^>]*>")


def plain_text(html: str) -> str:
    """Sanitized HTML as text: tags gone (blocks apart), entities decoded."""
    return html_module.unescape(TAG.sub(" ", html))


@dataclass
class Names:
    """What the search knows of the database's names, read in three queries."""

    # folded words of an alias or name → the tag tokens it stands for
    aliases: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    # the tag token's region or program, for the link on the results page
    targets: dict[str, Region | ProgramTag] = field(default_factory=dict)
    # region id → its token and its ancestors' tokens
    region_tokens: dict[int, list[str]] = field(default_factory=dict)
    longest: int = 1


_names: tuple[int, Names] | None = None


def names() -> Names:
    """The names, loaded again in a process whenever a page purge has been
    numbered since (a region, program or journalist saved anywhere purges its
    pages, like any public change)."""
    global _names
    current = purges.current()
    if _names is None or _names[0] != current:
        _names = (current, _load_names())
    return _names[1]


def forget_names() -> None:
    global _names
    _names = None


def _load_names() -> Names:
    loaded = Names()
    protected: set[str] = set()

    def alias(text: str, token: str, target) -> None:
        key = tuple(analyzer.words(text))
        if key:
            loaded.aliases.setdefault(key, set()).add(token)
            loaded.targets[token] = target
            loaded.longest = max(loaded.longest, len(key))
            protected.update(key)

    regions = list(Region.objects.only("id", "name", "slug", "path", "aliases", "kind"))
    by_slug = {region.slug: region for region in regions}
    for region in regions:
        token = analyzer.tag_token("r", region.pk)
        for text in (region.name, *stored_names(region.aliases)):
            alias(text, token, region)
        loaded.region_tokens[region.pk] = [
            analyzer.tag_token("r", by_slug[slug].pk)
            for slug in region.ancestor_slugs()
            if slug in by_slug
        ]
    for program in ProgramTag.objects.only("id", "name", "slug", "full_name", "aliases"):
        token = analyzer.tag_token("p", program.pk)
        for text in (program.name, *stored_names(program.aliases)):
            alias(text, token, program)
        # The full name finds the program too, but its words are ordinary
        # Indonesian (Jaminan Kecelakaan Kerja) and keep their roots.
        key = tuple(analyzer.words(program.full_name))
        if key:
            loaded.aliases.setdefault(key, set()).add(token)
            loaded.longest = max(loaded.longest, len(key))
    for name in Journalist.objects.values_list("name", flat=True):
        protected.update(analyzer.words(name))
    analyzer.set_names(frozenset(protected))
    return loaded


@dataclass
class Document:
    id: int
    title: str
    dek: str
    body: str
    tags: str
    words: set[str]
    published_at: datetime.datetime | None


def _documents(ids: list[int], known: Names) -> list[Document]:
    rows = (
        Article.objects.filter(pk__in=ids)
        .order_by()
        .values_list("id", "title", "dek", "body", "region_id", "published_at")
    )
    regions = defaultdict(set)
    for article_id, region_id in Article.regions.through.objects.filter(
        article_id__in=ids
    ).values_list("article_id", "region_id"):
        regions[article_id].add(region_id)
    programs = defaultdict(list)
    for article_id, tag_id in ProgramTaggedArticle.objects.filter(
        content_object_id__in=ids
    ).values_list("content_object_id", "tag_id"):
        programs[article_id].append(analyzer.tag_token("p", tag_id))
    documents = []
    for pk, title, dek, body, region_id, published_at in rows:
        tags = set(programs[pk])
        for region in regions[pk] | {region_id}:
            tags.update(known.region_tokens.get(region, ()))
        texts = [title, dek, plain_text(body)]
        analyzed = []
        seen = set()
        for text in texts:
            found = analyzer.words(text)
            seen.update(found)
            analyzed.append(" ".join(filter(None, map(analyzer.token_of, found))))
        documents.append(Document(pk, *analyzed, " ".join(sorted(tags)), seen, published_at))
    return documents


def index_articles(ids: Iterable[int], known: Names | None = None) -> None:
    """Write the index entries of these articles from what is stored now
    (three reads and two or three writes per ``CHUNK`` articles)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return
    known = known or names()
    write = _write_postgresql if connection.vendor == "postgresql" else _write_sqlite
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        documents = _documents(chunk, known)
        write(documents)
        _count_words(documents)


def index_all() -> int:
    """Index every article again (after a change of the analyzer's rules)."""
    ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    index_articles(ids, _load_names())
    return len(ids)


def _write_sqlite(documents: list[Document]) -> None:
    # FTS5 replaces a row of the same rowid, dropping its old entries.
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT OR REPLACE INTO articles_search(rowid, title, dek, body, tags)"
            " VALUES (%s, %s, %s, %s, %s)",
            [(d.id, d.title, d.dek, d.body, d.tags) for d in documents],
        )


POSTGRES_DOCUMENT = (
    "setweight(to_tsvector('simple', v.title), 'A')"
    " || setweight(to_tsvector('simple', v.dek), 'B')"
    " || setweight(to_tsvector('simple', v.body), 'C')"
    " || setweight(to_tsvector('simple', v.tags), 'D')"
)


def _write_postgresql(documents: list[Document]) -> None:
    if not documents:
        return
    values = ", ".join(["(%s::bigint, %s::timestamptz, %s, %s, %s, %s)"] * len(documents))
    params = [
        value for d in documents for value in (d.id, d.published_at, d.title, d.dek, d.body, d.tags)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO articles_search (article_id, published_at, document)
            SELECT v.id, v.published_at, {POSTGRES_DOCUMENT}
            FROM (VALUES {values}) AS v(id, published_at, title, dek, body, tags)
            ON CONFLICT (article_id) DO UPDATE
            SET published_at = excluded.published_at, document = excluded.document
            """,  # nosec B608: constants and placeholders; the values are parameters
            params,
        )


def _count_words(documents: list[Document]) -> None:
    seen = Counter(chain.from_iterable(document.words for document in documents))
    counts = {
        word: count
        for word, count in seen.items()
        if len(word) in VOCABULARY_LENGTHS and word.isalpha()
    }
    if not counts:
        return
    table = SearchWord._meta.db_table
    rows = sorted(counts.items())
    with connection.cursor() as cursor:
        for start in range(0, len(rows), WORDS_PER_INSERT):
            part = rows[start : start + WORDS_PER_INSERT]
            values = ", ".join(["(%s, %s)"] * len(part))
            cursor.execute(
                f"""
                INSERT INTO {table} (word, documents) VALUES {values}
                ON CONFLICT (word) DO UPDATE SET documents = {table}.documents + excluded.documents
                """,  # nosec B608: the model's table and placeholders; values are parameters
                [value for row in part for value in row],
            )


FORGET_ORPHANS = {
    "sqlite": "DELETE FROM articles_search WHERE rowid NOT IN (SELECT id FROM articles_article)",
    "postgresql": (
        "DELETE FROM articles_search WHERE article_id NOT IN (SELECT id FROM articles_article)"
    ),
}


def forget_orphans(**kwargs) -> None:
    """After a flush (which truncates articles without firing triggers), drop the
    entries of articles that are gone."""
    if "articles_search" not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute(FORGET_ORPHANS[connection.vendor])
