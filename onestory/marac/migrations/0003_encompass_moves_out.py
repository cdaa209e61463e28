"""Operation Encompass now lives in its own app (see ``encompass.0001_initial``).

Only Django's state changes: the tables and their rows stay, under their old names.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("marac", "0002_encompass"),
        ("encompass", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="EncompassNotice"),
                migrations.DeleteModel(name="EncompassNotification"),
            ],
            database_operations=[],
        ),
    ]
