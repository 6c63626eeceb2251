import articles.uploads
from django.db import migrations

# Only Django's idea of the fields changes (their class and upload_to), not the
# columns: state only, so that SQLite does not rebuild articles_article, which
# would drop the search index's triggers.
class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_analyzed_search_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='article',
                    name='lead_image',
                    field=articles.uploads.CleanImageField(blank=True, height_field='lead_image_height', upload_to=articles.uploads.RandomName('articles/%Y/%m/'), verbose_name='lead image', width_field='lead_image_width'),
                ),
                migrations.AlterField(
                    model_name='journalist',
                    name='photo',
                    field=articles.uploads.CleanImageField(blank=True, upload_to=articles.uploads.RandomName('journalists/'), verbose_name='photo'),
                ),
            ],
        ),
    ]
