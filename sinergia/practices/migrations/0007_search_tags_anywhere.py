from django.db import migrations


def tags_anywhere(apps, schema_editor):
    """Every indexed practice tagged again with every term it says, those inside a longer
    term included: queries now find a term by its tag alone. The index is derived from the
    practices, so it is rebuilt from them (when there are any)."""
    from sinergia.practices.search import rebuild_index

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM practices_practice LIMIT 1")
        if cursor.fetchone() is None:
            return
    rebuild_index()


class Migration(migrations.Migration):
    dependencies = [("practices", "0006_search_heads")]

    operations = [migrations.RunPython(tags_anywhere, migrations.RunPython.noop)]
