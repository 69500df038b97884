from django.db import migrations


class Migration(migrations.Migration):
    """Every indexed practice tagged again with every term it says, those inside a longer
    term included: queries now find a term by its tag alone. The index is rebuilt from the
    practices by 0008, with the practices' columns as they are then."""

    dependencies = [("practices", "0006_search_heads")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
