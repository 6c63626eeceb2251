from django.db import migrations

# On PostgreSQL, search (articles/search.py) matches a stored, weighted tsvector
# of title, dek and body in the "indonesian" configuration. A trigger keeps it
# in step on every insert and update, and a GIN index serves the matching, so a
# search neither parses nor re-parses article text at query time. The column is
# PostgreSQL's alone, like the FTS5 table that does the same on SQLite
# (migration 0003); the model does not know it, so lists never load it.
POSTGRES_CREATE = [
    "ALTER TABLE articles_article ADD COLUMN search_document tsvector",
    """
    CREATE FUNCTION articles_search_document() RETURNS trigger AS $$
    BEGIN
        NEW.search_document :=
            setweight(to_tsvector('indonesian', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('indonesian', coalesce(NEW.dek, '')), 'B')
            || setweight(to_tsvector('indonesian', coalesce(NEW.body, '')), 'C');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER articles_search_document BEFORE INSERT OR UPDATE OF title, dek, body
    ON articles_article FOR EACH ROW EXECUTE FUNCTION articles_search_document()
    """,
    "UPDATE articles_article SET title = title",
    "CREATE INDEX article_search_gin ON articles_article USING GIN (search_document)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS article_search_gin",
    "DROP TRIGGER IF EXISTS articles_search_document ON articles_article",
    "DROP FUNCTION IF EXISTS articles_search_document()",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_reader_site")]

    operations = [
        migrations.RunPython(run_on_postgresql(POSTGRES_CREATE), run_on_postgresql(POSTGRES_DROP))
    ]
