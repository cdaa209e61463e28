"""Operation Encompass leaves MARAC for its own app; its tables and rows stay where they are.

The tables (``marac_encompassnotification``, its children table and ``marac_encompassnotice``)
were made by ``marac.0002_encompass`` and keep their names (``Meta.db_table``), so nothing is
copied or dropped: this migration only moves the models in Django's state.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("marac", "0002_encompass"),
        ("accounts", "0003_school_safeguarding_lead"),
        ("directory", "0001_initial"),
        ("intake", "0001_initial"),
        ("people", "0005_letter_keys"),
        ("risk", "0002_alter_screenresult_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EncompassNotification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "police_reference",
                            models.CharField(max_length=40, verbose_name="Police reference"),
                        ),
                        (
                            "occurred_at",
                            models.DateTimeField(verbose_name="Date and time of the incident"),
                        ),
                        (
                            "circumstances",
                            models.TextField(verbose_name="Brief circumstances, for the school"),
                        ),
                        ("notified_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("notices_due_at", models.DateTimeField()),
                        ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "agency",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="encompass_notifications",
                                to="accounts.agency",
                            ),
                        ),
                        (
                            "children",
                            models.ManyToManyField(
                                blank=True,
                                related_name="encompass_notifications_as_child",
                                to="people.person",
                            ),
                        ),
                        (
                            "incident",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="encompass_notifications",
                                to="risk.incident",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "referral",
                            models.ForeignKey(
                                blank=True,
                                help_text="The front door referral the police notification came in as, if any.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="intake.referral",
                            ),
                        ),
                        (
                            "victim",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="encompass_notifications",
                                to="people.person",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "police notification (Operation Encompass)",
                        "db_table": "marac_encompassnotification",
                        "ordering": ["-notified_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="EncompassNotice",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("prepared_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "sent_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="Sent at"),
                        ),
                        (
                            "method",
                            models.CharField(
                                blank=True,
                                choices=[("secure_email", "Secure email"), ("phone", "Phone call")],
                                max_length=20,
                                verbose_name="How it was sent",
                            ),
                        ),
                        (
                            "dsl_name",
                            models.CharField(
                                blank=True,
                                max_length=200,
                                verbose_name="Designated safeguarding lead told",
                            ),
                        ),
                        (
                            "child",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="encompass_notices",
                                to="people.person",
                            ),
                        ),
                        (
                            "prepared_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "school",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="encompass_notices",
                                to="directory.service",
                            ),
                        ),
                        (
                            "sent_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "notification",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="notices",
                                to="encompass.encompassnotification",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "school notice (Operation Encompass)",
                        "db_table": "marac_encompassnotice",
                        "ordering": ["notification__notices_due_at", "id"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="encompassnotification",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("police_reference", ""), _negated=True),
                        name="encompass_has_police_reference",
                        violation_error_message="Enter the police reference.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="encompassnotification",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("circumstances", ""), _negated=True),
                        name="encompass_has_circumstances",
                        violation_error_message="Enter the brief circumstances, written for the school.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="encompassnotification",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("occurred_at__lte", models.F("notified_at"))),
                        name="encompass_incident_before_notification",
                        violation_error_message="The incident cannot be after its notification.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="encompassnotice",
                    constraint=models.UniqueConstraint(
                        fields=("notification", "child"),
                        name="encompass_one_notice_a_child",
                        violation_error_message="This child already has a notice for this incident.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="encompassnotice",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("dsl_name", ""),
                                ("method", ""),
                                ("sent_at__isnull", True),
                                ("sent_by__isnull", True),
                            ),
                            models.Q(
                                ("sent_at__isnull", False),
                                ("sent_by__isnull", False),
                                ("method__in", ["secure_email", "phone"]),
                                models.Q(("dsl_name", ""), _negated=True),
                            ),
                            _connector="OR",
                        ),
                        name="encompass_sending_recorded_whole",
                        violation_error_message="A sending needs its time, its method and the safeguarding lead's name.",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
