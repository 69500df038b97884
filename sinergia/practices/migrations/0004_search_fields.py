from django.db import migrations


def fields_index(apps, schema_editor):
    """The index in four weighted fields (title, summary, body, tags) replaces the one-field
    index, rebuilt from the published practices."""
    from sinergia.practices.search.backends import backend
    from sinergia.practices.search.indexing import rebuild_index

    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS practices_fts")
        else:
            cursor.execute("DROP TABLE IF EXISTS practices_search")
    backend().ensure()
    rebuild_index()


class Migration(migrations.Migration):
    dependencies = [("practices", "0003_search_state")]

    operations = [migrations.RunPython(fields_index, migrations.RunPython.noop)]
