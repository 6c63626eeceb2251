"""A changed file against the article it matches: whether the newsroom has taken
that article over, and what the file would change in it, field by field."""

from articles.importing.batch import fill_article, slug_base
from articles.importing.outcome import FieldChange, ImportOutcome, OnChange
from articles.models import Article, ProgramTag
from articles.revisions import Labels, display_lines, field_label
from regions.models import Region

# The fields a file sets that ``source_changes`` compares as they are stored.
SOURCE_FIELDS = [
    "title",
    "dek",
    "summary_points",
    "body",
    "dateline_city",
    "original_url",
    "original_byline",
    "rights_line",
]


def would_do(article: Article | None, outcome: ImportOutcome) -> str:
    """What saving the file would do with the article it matches (no query): with
    one the newsroom has, what ``outcome.on_change`` asks (by default, nothing)."""
    if article is None:
        return "created"
    if article.source_checksum == outcome.parsed.checksum:
        return "unchanged"
    if not newsroom_has(article):
        return "updated"
    return {
        OnChange.REPORT: "changed_at_source",
        OnChange.REVISION: "updated",
        OnChange.DRAFT: "created",
    }[outcome.on_change]


def newsroom_has(article: Article) -> bool:
    """Whether the newsroom has taken the article over: live or on its way (any status
    but draft), in the trash, or saved or moved by anyone since the importer wrote it."""
    return (
        article.status != Article.Status.DRAFT
        or article.in_trash
        or article.version != article.imported_version
    )


def source_changes(article: Article, outcome: ImportOutcome) -> list[FieldChange]:
    """What the file would change in ``article``, field by field (five queries)."""
    parsed = outcome.parsed
    incoming = Article(source_title=parsed.title, original_url=article.original_url)
    fill_article(incoming, outcome, editor=None, region=None, claim_slug=slug_base)
    labels = Labels([])
    lines = {}
    for name in SOURCE_FIELDS:
        lines[name] = (
            display_lines(name, getattr(article, name), labels),
            display_lines(name, getattr(incoming, name), labels),
        )
    lines["editor"] = (
        [article.editor.name] if article.editor else [],
        [parsed.editor] if parsed.editor else [],
    )
    bylines = article.bylines.order_by("position", "id").select_related("journalist")
    lines["reporters"] = (
        [byline.journalist.name for byline in bylines],
        list(dict.fromkeys(parsed.reporters)),
    )
    named = {r.slug: str(r) for r in Region.objects.filter(slug__in=outcome.regions)}
    lines["regions"] = (
        sorted(str(region) for region in article.regions.all()),
        sorted(named.get(slug, slug) for slug in outcome.regions),
    )
    named = {p.slug: p.name for p in ProgramTag.objects.filter(slug__in=outcome.programs)}
    lines["programs"] = (
        sorted(program.name for program in article.programs.all()),
        sorted(named.get(slug, slug) for slug in outcome.programs),
    )
    return [
        FieldChange(name=name, label=field_label(name), current=current, incoming=new)
        for name, (current, new) in lines.items()
        if current != new
    ]
