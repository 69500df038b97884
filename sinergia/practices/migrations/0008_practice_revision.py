import sinergia.practices.models
from django.db import migrations, models


def index_rebuilt(apps, schema_editor):
    """The index rebuilt from the practices (when there are any), by the model as it is now:
    the index derives from them, and 0004 and 0007 changed what it holds."""
    from sinergia.practices.search import rebuild_index

    if apps.get_model("practices", "Practice").objects.exists():
        rebuild_index()


class Migration(migrations.Migration):
    dependencies = [("practices", "0007_search_tags_anywhere")]

    operations = [
        migrations.AddField(
            model_name="historicalpractice",
            name="revision",
            field=models.PositiveIntegerField(
                default=sinergia.practices.models.new_revision, editable=False
            ),
        ),
        migrations.AddField(
            model_name="practice",
            name="revision",
            field=models.PositiveIntegerField(
                default=sinergia.practices.models.new_revision, editable=False
            ),
        ),
        migrations.RunPython(index_rebuilt, migrations.RunPython.noop),
    ]
