"""The home page's blocks: the newest stories of each regency or city, and of
each program, a fixed number of queries however many there are.

Each block takes the top few rows of one partition with ``ROW_NUMBER()``
(SQLite 3.25+ and PostgreSQL both have window functions), so a region or
program with hundreds of stories costs no more than one with a single story.
"""

from dataclasses import dataclass

from django.db.models import F, Value, Window
from django.db.models.functions import RowNumber, StrIndex, Substr

from articles.models import Article, ProgramTag, ProgramTaggedArticle
from regions.models import Region

PER_BLOCK = 3


@dataclass
class Block:
    subject: Region | ProgramTag
    articles: list[Article]


def _newest_first(*prefix: str) -> list:
    return [F("__".join((*prefix, "published_at"))).desc(), F("__".join((*prefix, "pk"))).desc()]


def region_blocks() -> list[Block]:
    """One block per regency or city with live stories, the freshest first.

    An article counts for the regency its primary region lies in (a village's
    story counts for its regency). Two queries.
    """
    # "ntt/belu/atambua/" -> "ntt/belu/": the path up to its second slash.
    first_slash = StrIndex("region__path", Value("/"))
    second_slash = StrIndex(Substr("region__path", first_slash + 1), Value("/")) + first_slash
    ranked = (
        Article.objects.live()
        .filter(region__parent__isnull=False)
        .annotate(block_path=Substr("region__path", 1, second_slash))
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("block_path")], order_by=_newest_first())
        )
        .filter(rank__lte=PER_BLOCK)
        .select_related("region")
        .order_by("-published_at", "-pk")
    )
    grouped: dict[str, list[Article]] = {}
    for article in ranked:
        grouped.setdefault(article.block_path, []).append(article)
    regions = {region.path: region for region in Region.objects.filter(path__in=grouped)}
    return [Block(regions[path], articles) for path, articles in grouped.items()]


def program_blocks() -> list[Block]:
    """One block per program with live stories, in the programs' order. One query."""
    ranked = (
        ProgramTaggedArticle.objects.filter(content_object__in=Article.objects.live())
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("tag")],
                order_by=_newest_first("content_object"),
            )
        )
        .filter(rank__lte=PER_BLOCK)
        .select_related("tag", "content_object__region")
        .order_by("tag__name", "-content_object__published_at", "-content_object__pk")
    )
    blocks: dict[int, Block] = {}
    for link in ranked:
        blocks.setdefault(link.tag_id, Block(link.tag, [])).articles.append(link.content_object)
    return list(blocks.values())
