from django.db import migrations


def heads_index(apps, schema_editor):
    """The titles and summaries get an index of their own (short posting lists, read for
    every search), filled from the full index; in PostgreSQL, the texts and vectors are
    stored out of line, so that finding matches reads few pages."""
    from sinergia.practices.search.backends import backend

    backend().upgrade()


class Migration(migrations.Migration):
    dependencies = [("practices", "0005_delete_searchstate")]

    operations = [migrations.RunPython(heads_index, migrations.RunPython.noop)]
