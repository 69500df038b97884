from django.db import migrations


def create_index(apps, schema_editor):
    from sinergia.practices.search.backends import backend

    backend().ensure()


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
