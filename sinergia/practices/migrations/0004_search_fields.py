from django.db import migrations


def fields_index(apps, schema_editor):
    """The index in four weighted fields (title, summary, body, tags) replaces the one-field
    index; it is filled from the published practices by 0008, with the practices' columns
    as they are then."""
    from sinergia.practices.search.backends import backend

    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS practices_fts")
        else:
            cursor.execute("DROP TABLE IF EXISTS practices_search")
    backend().ensure()


class Migration(migrations.Migration):
    dependencies = [("practices", "0003_search_state")]

    operations = [migrations.RunPython(fields_index, migrations.RunPython.noop)]
