from django.db import migrations, models


def mark_notes_by_the_secretariat(apps, schema_editor):
    """A note whose author is not a focal point of the action's owner was written by the
    secretariat (only they and the owner's focal points report progress)."""
    ProgressNote = apps.get_model("dialogue", "ProgressNote")
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    for note in ProgressNote.objects.select_related("action"):
        action = note.action
        speaks = note.author_id is not None and (
            RoleAssignment.objects.filter(
                user_id=note.author_id,
                role="state_focal_point",
                country_id=action.owner_country_id,
            ).exists()
            if action.owner_country_id
            else RoleAssignment.objects.filter(
                user_id=note.author_id,
                role="mechanism_focal_point",
                mechanism_id=action.owner_mechanism_id,
            ).exists()
        )
        if not speaks:
            ProgressNote.objects.filter(pk=note.pk).update(on_behalf=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_api_tokens"),
        ("dialogue", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressnote",
            name="on_behalf",
            field=models.BooleanField(
                default=False,
                help_text="Reported by the secretariat rather than by the action's owner itself.",
                verbose_name="reported by the secretariat",
            ),
        ),
        migrations.RunPython(mark_notes_by_the_secretariat, migrations.RunPython.noop),
    ]
