"""Accounts and devices (api.md v1.1): a device label and last use on each token, and the
canonical username, unique.

Existing tokens count as used now, so none lapses at deploy. Existing users get their
canonical name in the order they joined; if two already clash (`Alice` and `alice`), the
later keeps signing in by the exact name typed but gets no key, and nobody can register
that name again."""

import unicodedata

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def canonical_names_of_existing_users(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    UsernameKey = apps.get_model("journal", "UsernameKey")
    seen: set[str] = set()
    rows = []
    for pk, username in User.objects.order_by("pk").values_list("pk", "username"):
        # journal.usernames.username_canonical, frozen here as migrations must be.
        key = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())
        if key not in seen:
            seen.add(key)
            rows.append(UsernameKey(user_id=pk, key=key))
    UsernameKey.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("journal", "0009_questionnaires"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesstoken",
            name="label",
            field=models.CharField(blank=True, default="", max_length=100),
        ),
        migrations.AddField(
            model_name="accesstoken",
            name="last_used_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.CreateModel(
            name="UsernameKey",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="username_key",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("key", models.CharField(max_length=600, unique=True)),
            ],
        ),
        migrations.RunPython(canonical_names_of_existing_users, migrations.RunPython.noop),
    ]
