"""Coaches make and revoke their own invitations in the admin; deleting one is left to
superusers, so that a used invitation keeps saying who came through it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_invitation", "change_invitation", "view_invitation"]


def let_coaches_invite(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs them now.
    app_config = apps.get_app_config("accounts")
    # A migration's app registry has stub configs; create_permissions skips stubs
    # without a models module, so mark it as having one for the call.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Coaches")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="accounts", codename__in=CODENAMES)
    )


def stop_coaches_inviting(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Coaches"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="accounts", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_invitation_unique_names"),
        ("programs", "0002_guide_program"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(let_coaches_invite, stop_coaches_inviting)]
