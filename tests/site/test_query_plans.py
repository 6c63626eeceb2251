"""The heaviest public lists read indexes, not the archive.

Every query a page runs is explained (``EXPLAIN QUERY PLAN`` on SQLite; on
PostgreSQL ``EXPLAIN`` with sequential scans and sorts priced out, so what is
left is what no index can serve). A page fails if any query scans the article
table or its listing from end to end, sorts rows read from them, or reads
the listing without a limit (one key's range, the archive's, is every line).
Small test data is enough: the plan, not the time, is what grows with the
archive.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ProgramTag

ARCHIVE_TABLES = ("articles_article", "articles_articlelisting")


@pytest.fixture
def archive(make_article, places, reporter):
    jht = ProgramTag.objects.get(slug="jht")
    for number in range(30):
        article = make_article(f"Berita nomor {number}", region=["belu", "kupang"][number % 2])
        article.programs.add(jht)
        if number % 3 == 0:
            article.regions.add(places["bolok"])
    return {"reporter": reporter}


PAGES = [
    "/wilayah/ntt/",
    "/wilayah/ntt/?halaman=2",
    "/wilayah/kupang/",
    "/wilayah/bolok/",
    "/wilayah/kupang/?program=jht&dari=2020-01-01&sampai=2030-12-31",
    "/program/jht/",
    "/program/jht/?halaman=2",
    "/program/jht/?wilayah=belu",
    "/penulis/maria-lado/",
    "/arsip/",
    "/arsip/?halaman=2",
    "/arsip/?wilayah=belu",
    "/arsip/?program=jht",
    "/arsip/?penulis=maria-lado",
    "/arsip/?tahun=2026",
    "/arsip/?bulan=3",
    "/arsip/?wilayah=belu&program=jht",
    "/arsip/?wilayah=belu&program=jht&penulis=maria-lado&tahun=2026&bulan=3",
    "/wilayah/kupang/feed/",
    "/program/jht/feed/",
    "/feed/",
]


def sqlite_problems(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        rows = [(node, parent, detail) for node, parent, _, detail in cursor.fetchall()]
    # The plan names a subquery's table by its alias ("U0"): name the table.
    for table, alias in re.findall(r'"(\w+)" ([A-Z]\d+)\b', sql):
        rows = [(node, parent, re.sub(rf"\b{alias}\b", table, d)) for node, parent, d in rows]
    parents = {node: (parent, detail) for node, parent, detail in rows}

    def per_row(node: int) -> bool:
        """Inside a correlated subquery: run once per row of the outer query."""
        while node in parents:
            node = parents[node][0]
            if node in parents and parents[node][1].startswith("CORRELATED"):
                return True
        return False

    # "RIGHT PART OF ORDER BY" only orders rows that tie on an index's order.
    sorts = [
        detail
        for node, _, detail in rows
        if "TEMP B-TREE" in detail and "RIGHT PART" not in detail and not per_row(node)
    ]
    problems = []
    for node, _, detail in rows:
        scan = any(re.match(rf"SCAN {table}\b", detail) for table in ARCHIVE_TABLES)
        if scan and (per_row(node) or sorts or not LIMITED.search(sql)):
            # A scan is fine only as an index-ordered walk that a LIMIT stops.
            problems.append(detail)
    # Rows fetched by primary key (from a list of ids) are few: sorting them is fine.
    by_key = any(
        re.match(r"SEARCH articles_article USING INTEGER PRIMARY KEY", detail)
        for node, _, detail in rows
        if not per_row(node)
    )
    if outer_table(sql) in ARCHIVE_TABLES and not by_key:
        problems += sorts
    return problems + unbounded(sql)


# The whole query is limited (a count wraps its limited rows in a subquery).
LIMITED = re.compile(r"LIMIT \d+(?: OFFSET \d+)?\)?(?: subquery)?\s*$")


def unbounded(sql: str) -> list[str]:
    """A read of the listing must be limited: one key's range can be the archive."""
    if "articles_articlelisting" in sql and "LIMIT" not in sql:
        return ["an unlimited read of the listing"]
    return []


def outer_table(sql: str) -> str:
    """The table of the outermost FROM (a sort of journalists is no concern)."""
    depth = 0
    for token in re.finditer(r'\(|\)|\bFROM "(\w+)"', sql):
        if token.group(0) == "(":
            depth += 1
        elif token.group(0) == ")":
            depth -= 1
        elif depth == 0:
            return token.group(1)
    return ""


def postgresql_problems(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = [row[0] for row in cursor.fetchall()]
    sorts = []
    if outer_table(sql) in ARCHIVE_TABLES:
        sorts = [line for line in plan if re.match(r"\s*(->\s*)?Sort\s+\(", line)]
    scans = [
        line for line in plan if any(f"Seq Scan on {table} " in line for table in ARCHIVE_TABLES)
    ]
    if LIMITED.search(sql) and not sorts:
        # A walk the LIMIT stops, as on SQLite.
        scans = []
    return scans + sorts + unbounded(sql)


@pytest.mark.parametrize("url", PAGES)
def test_no_list_query_scans_or_sorts_the_archive(client, archive, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    explain = sqlite_problems if connection.vendor == "sqlite" else postgresql_problems
    problems = {
        re.sub(r"^SELECT .*? FROM", "SELECT … FROM", query["sql"]): found
        for query in captured
        if any(table in query["sql"] for table in ARCHIVE_TABLES)
        if (found := explain(query["sql"]))
    }
    assert problems == {}, "\n".join(f"{sql}\n  {plan}" for sql, plan in problems.items())


def test_the_check_sees_a_full_scan_and_a_sort_of_the_archive(archive):
    explain = sqlite_problems if connection.vendor == "sqlite" else postgresql_problems
    problems = explain(
        'SELECT "id" FROM "articles_article" WHERE "dek" LIKE \'%a%\' ORDER BY "title"'
    )
    assert len(problems) == 2, problems
