import secrets

from django.db import migrations, models
from django.utils import timezone


def first_version(apps, schema_editor):
    # A new version for a database that already holds data: caches built before start afresh.
    apps.get_model("data_version", "DataVersion").objects.create(
        pk=1, token=secrets.randbits(62) or 1, changed_at=timezone.now()
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.BigIntegerField(default=0, verbose_name="token")),
                (
                    "changed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="changed"),
                ),
            ],
            options={
                "verbose_name": "data version",
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
