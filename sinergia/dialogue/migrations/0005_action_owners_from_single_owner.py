"""Each follow-up action's single owner becomes its first owner in the lists of owners."""

from django.db import migrations


def single_to_many(apps, schema_editor):
    FollowUpAction = apps.get_model("dialogue", "FollowUpAction")
    for action in FollowUpAction.objects.all():
        if action.owner_mechanism_id:
            action.owner_mechanisms.add(action.owner_mechanism_id)
        if action.owner_country_id:
            action.owner_countries.add(action.owner_country_id)


def many_to_single(apps, schema_editor):
    FollowUpAction = apps.get_model("dialogue", "FollowUpAction")
    for action in FollowUpAction.objects.all():
        mechanism = action.owner_mechanisms.order_by("pk").first()
        country = None if mechanism else action.owner_countries.order_by("pk").first()
        action.owner_mechanism = mechanism
        action.owner_country = country
        action.save(update_fields=["owner_mechanism", "owner_country"])


class Migration(migrations.Migration):
    dependencies = [("dialogue", "0004_action_owners")]

    operations = [migrations.RunPython(single_to_many, many_to_single)]
