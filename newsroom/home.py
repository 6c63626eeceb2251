"""The home page's blocks: the newest stories of each regency or city, and of
each program, in a fixed number of queries however many there are.

Each block's stories are picked by correlated subqueries, one per slot
("the newest", "the second newest", …), each of which walks the live-articles
index newest first and stops at its row. That costs a few index steps per
block, where ranking every live article (a window function) grows with the
archive: at 100,000 articles it took seconds.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from articles.models import Article, ProgramTag
from regions.models import Region

PER_BLOCK = 3


@dataclass
class Block:
    subject: Region | ProgramTag
    articles: list[Article]


def _slots(newest_first) -> dict[str, Subquery]:
    """Annotations slot0, slot1, … holding the ids of the newest articles."""
    ids = newest_first.order_by("-published_at").values("pk")
    return {f"slot{n}": Subquery(ids[n : n + 1]) for n in range(PER_BLOCK)}


def _blocks(subjects) -> list[Block]:
    """Blocks for the annotated ``subjects``, dropping those with no story."""
    slots = {
        subject: [getattr(subject, f"slot{n}") for n in range(PER_BLOCK)] for subject in subjects
    }
    ids = {pk for picked in slots.values() for pk in picked if pk is not None}
    articles = Article.objects.cards().in_bulk(ids)
    blocks = []
    for subject, picked in slots.items():
        stories = [articles[pk] for pk in picked if pk in articles]
        if stories:
            blocks.append(Block(subject, stories))
    return blocks


def region_blocks() -> list[Block]:
    """One block per regency or city with live stories, the freshest first.

    An article counts for the regency its primary region lies in (a village's
    story counts for its regency). Two queries.
    """
    in_region = Article.objects.live().filter(region__path__startswith=OuterRef("path"))
    regencies = Region.objects.filter(parent__isnull=False, parent__parent__isnull=True)
    blocks = _blocks(regencies.annotate(**_slots(in_region)))
    return sorted(blocks, key=lambda block: block.articles[0].published_at, reverse=True)


def program_blocks() -> list[Block]:
    """One block per program with live stories, in the programs' order. Two queries."""
    tagged = Article.objects.live().filter(program_links__tag=OuterRef("pk"))
    return _blocks(ProgramTag.objects.order_by("name").annotate(**_slots(tagged)))
