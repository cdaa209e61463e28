"""Each school notice has its own deadline, from the incident and its school's days, and
local authorities' school term dates are kept (``load-term-dates``)."""

import django.db.models.deletion
from django.db import migrations, models


def each_notice_due_when_its_notification_was(apps, schema_editor):
    """Notices made before deadlines were per notice keep their notification's deadline."""
    notice = apps.get_model("encompass", "EncompassNotice")
    notice.objects.update(
        due_at=models.Subquery(
            apps.get_model("encompass", "EncompassNotification")
            .objects.filter(pk=models.OuterRef("notification_id"))
            .values("notices_due_at")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_school_safeguarding_lead"),
        ("encompass", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="encompassnotice",
            options={
                "ordering": ["due_at", "id"],
                "verbose_name": "school notice (Operation Encompass)",
            },
        ),
        migrations.AddField(
            model_name="encompassnotice",
            name="due_at",
            field=models.DateTimeField(null=True, verbose_name="Due by"),
        ),
        migrations.RunPython(each_notice_due_when_its_notification_was, migrations.RunPython.noop),
        migrations.CreateModel(
            name="SchoolTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("starts_on", models.DateField()),
                ("ends_on", models.DateField()),
                (
                    "area",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="school_terms",
                        to="accounts.area",
                    ),
                ),
            ],
            options={
                "ordering": ["area", "starts_on"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                        name="school_term_ends_after_it_starts",
                        violation_error_message="A term cannot end before it starts.",
                    ),
                    models.UniqueConstraint(fields=("area", "starts_on"), name="school_term_once"),
                ],
            },
        ),
    ]
