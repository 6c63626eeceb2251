from django.db import migrations

# Codenames per group. Reporters never get publish_article: publishing,
# scheduling and unpublishing are editors' decisions.
GROUP_PERMISSIONS = {
    "Reporter": [
        ("articles", "article", ["add", "change", "view"]),
        ("articles", "articlereporter", ["add", "change", "delete", "view"]),
        ("articles", "journalist", ["view"]),
        ("articles", "programtag", ["view"]),
        ("regions", "region", ["view"]),
    ],
    "Editor": [
        ("articles", "article", ["add", "change", "delete", "view", "publish"]),
        ("articles", "articlereporter", ["add", "change", "delete", "view"]),
        ("articles", "journalist", ["add", "change", "view"]),
        ("articles", "programtag", ["add", "change", "view"]),
        ("regions", "region", ["add", "change", "view"]),
    ],
}


def codename(action, model):
    return "publish_article" if action == "publish" else f"{action}_{model}"


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    # create_permissions skips apps without a models module, as the migration state's
    # apps look; the flag is put back afterwards, since the project's own registry
    # (tests call this function with it) must keep its real modules.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for app_label, model, actions in grants:
            for action in actions:
                wanted.append(
                    Permission.objects.get(
                        content_type__app_label=app_label,
                        content_type__model=model,
                        codename=codename(action, model),
                    )
                )
        group.permissions.set(wanted)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("regions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
