import secrets

from django.db import migrations, models
from django.utils import timezone

DOMAINS = ("registry", "vocabulary", "reference", "statistics", "dialogue", "practices")


def one_row_per_domain(apps, schema_editor):
    # New versions for every domain: caches built before start afresh.
    DataVersion = apps.get_model("data_version", "DataVersion")
    DataVersion.objects.all().delete()
    now = timezone.now()
    DataVersion.objects.bulk_create(
        DataVersion(domain=domain, token=secrets.randbits(62) or 1, changed_at=now)
        for domain in DOMAINS
    )


class Migration(migrations.Migration):
    dependencies = [("data_version", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="dataversion",
            name="domain",
            field=models.CharField(max_length=40, null=True, verbose_name="domain"),
        ),
        migrations.RunPython(one_row_per_domain, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="dataversion",
            name="domain",
            field=models.CharField(max_length=40, unique=True, verbose_name="domain"),
        ),
    ]
