"""The sound key of each name alone, in indexed columns, for look-ups on every database.

``given_key`` (the first given name), ``family_key`` and ``family_key_2`` (the first and
last parts of a family name) let a search of one word, of two names either way round, of a
name with a year of birth, or of a name with a postcode district use an index on
PostgreSQL and SQLite alike; before, such searches read every row (``LIKE`` on the key
lists). Existing rows are filled from the names they keep. See decision 0086.
"""

from django.conf import settings
from django.db import migrations, models

BATCH = 2000


def fill(apps, schema_editor):
    from onestory.people.names import search_columns

    for label in ("Person", "PersonName"):
        model = apps.get_model("people", label)
        rows = model.objects.only("pk", "given_name", "family_name").order_by("pk")
        batch = []
        for row in rows.iterator(chunk_size=BATCH):
            columns = search_columns(row.given_name, row.family_name)
            row.given_key = columns["given_key"]
            row.family_key = columns["family_key"]
            row.family_key_2 = columns["family_key_2"]
            batch.append(row)
            if len(batch) >= BATCH:
                model.objects.bulk_update(batch, ["given_key", "family_key", "family_key_2"])
                batch = []
        if batch:
            model.objects.bulk_update(batch, ["given_key", "family_key", "family_key_2"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_disclosure_and_review_roles"),
        ("people", "0007_contact_text_allowed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="family_key",
            field=models.CharField(blank=True, editable=False, max_length=6),
        ),
        migrations.AddField(
            model_name="person",
            name="family_key_2",
            field=models.CharField(blank=True, editable=False, max_length=6),
        ),
        migrations.AddField(
            model_name="person",
            name="given_key",
            field=models.CharField(blank=True, editable=False, max_length=6),
        ),
        migrations.AddField(
            model_name="personname",
            name="family_key",
            field=models.CharField(blank=True, editable=False, max_length=6),
        ),
        migrations.AddField(
            model_name="personname",
            name="family_key_2",
            field=models.CharField(blank=True, editable=False, max_length=6),
        ),
        migrations.AddField(
            model_name="personname",
            name="given_key",
            field=models.CharField(blank=True, editable=False, max_length=6),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="address",
            index=models.Index(
                condition=models.Q(("location_secret", False)),
                fields=["postcode_district", "person"],
                name="address_open_district",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["family_key", "given_key"], name="person_family_given"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["family_key", "birth_year"], name="person_family_year"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["given_key", "birth_year"], name="person_given_year"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["family_key_2"], name="person_family_key_2"),
        ),
        migrations.AddIndex(
            model_name="personname",
            index=models.Index(fields=["family_key"], name="personname_family_key"),
        ),
        migrations.AddIndex(
            model_name="personname",
            index=models.Index(fields=["given_key"], name="personname_given_key"),
        ),
    ]
