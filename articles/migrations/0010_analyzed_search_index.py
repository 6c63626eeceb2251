from django.db import migrations, models

# Both engines now index what the Indonesian analyzer (articles/analyzer.py)
# makes of an article, written from Python (articles/search_index.py), in a
# table of its own: on SQLite an FTS5 table that stores the analyzed text,
# on PostgreSQL weighted tsvectors of it in the "simple" configuration. The
# database's own stemming (FTS5's unicode61 words, PostgreSQL's "indonesian"
# Snowball) and the triggers that fed it are gone. PostgreSQL's entries keep
# the article's publication time, so the newest matches can be picked from
# the index before any article is read (articles/search.py). Deleting an article
# deletes its entry (a trigger on SQLite, the foreign key on PostgreSQL).
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS articles_search_update",
    "DROP TRIGGER IF EXISTS articles_search_delete",
    "DROP TRIGGER IF EXISTS articles_search_insert",
    "DROP TABLE IF EXISTS articles_search",
    """
    CREATE VIRTUAL TABLE articles_search USING fts5(
        title, dek, body, tags, tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER articles_search_delete AFTER DELETE ON articles_article BEGIN
        DELETE FROM articles_search WHERE rowid = old.id;
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_search_delete",
    "DROP TABLE IF EXISTS articles_search",
]
POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS article_search_gin",
    "DROP TRIGGER IF EXISTS articles_search_document ON articles_article",
    "DROP FUNCTION IF EXISTS articles_search_document()",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document",
    """
    CREATE TABLE articles_search (
        article_id bigint PRIMARY KEY,
        published_at timestamptz,
        document tsvector NOT NULL
    )
    """,
    "CREATE INDEX article_search_gin ON articles_search USING GIN (document)",
    # A trigger rather than a foreign key forgets a deleted article's entry: a
    # foreign key would stop Django's flush from truncating articles_article.
    """
    CREATE FUNCTION articles_search_forget() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM articles_search WHERE article_id = OLD.id;
        RETURN OLD;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_search_forget AFTER DELETE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_search_forget()
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_search_forget ON articles_article",
    "DROP FUNCTION IF EXISTS articles_search_forget()",
    "DROP TABLE IF EXISTS articles_search",
]


def run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def index_everything(apps, schema_editor):
    # The index is built by the analyzer, which is Python: the app's own code.
    from articles.search_index import index_all

    index_all()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_import_identity"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=30, primary_key=True, serialize=False)),
                ("documents", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
            },
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
        migrations.RunPython(index_everything, migrations.RunPython.noop),
    ]
