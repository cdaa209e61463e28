# A separate migration, so PostgreSQL sets NOT NULL after the data step has committed.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("encompass", "0002_deadlines_from_the_incident")]

    operations = [
        migrations.AlterField(
            model_name="encompassnotice",
            name="due_at",
            field=models.DateTimeField(verbose_name="Due by"),
        ),
    ]
