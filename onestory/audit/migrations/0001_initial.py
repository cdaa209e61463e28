"""The audit event model moves here from ``access``; its table and its rows stay where they are.

The table ``access_auditevent`` and its append-only triggers were made by
``access.0003_audit_log`` and keep their names, so no row is copied and nothing is dropped:
this migration only tells Django's state that the model now lives in ``audit``.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("access", "0004_audit_agency_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
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
                            "at",
                            models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                        ),
                        (
                            "actor_id",
                            models.BigIntegerField(blank=True, db_index=True, null=True),
                        ),
                        ("actor_username", models.CharField(blank=True, max_length=150)),
                        ("agency_id", models.BigIntegerField(blank=True, null=True)),
                        (
                            "action",
                            models.CharField(
                                choices=[
                                    ("view", "Viewed"),
                                    ("search", "Searched"),
                                    ("create", "Created"),
                                    ("update", "Changed"),
                                    ("export", "Exported"),
                                    ("refused", "Refused access"),
                                    ("emergency_access", "Emergency access"),
                                    ("share_granted", "Share granted"),
                                    ("share_revoked", "Share revoked"),
                                    ("sign_in", "Signed in"),
                                    ("sign_in_failed", "Sign-in failed"),
                                    ("sign_out", "Signed out"),
                                    ("mfa_enrolled", "Set up two-step verification"),
                                    ("mfa_failed", "Two-step verification failed"),
                                    ("account_changed", "Account changed"),
                                    ("token_issued", "API token issued"),
                                    ("token_revoked", "API token revoked"),
                                    ("password_reset_requested", "Password reset asked for"),
                                    ("password_reset_sent", "Password reset link sent"),
                                    ("password_reset", "Password reset"),
                                ],
                                max_length=30,
                            ),
                        ),
                        ("object_type", models.CharField(blank=True, max_length=60)),
                        ("object_id", models.CharField(blank=True, max_length=64)),
                        (
                            "person_id",
                            models.BigIntegerField(blank=True, db_index=True, null=True),
                        ),
                        ("fields", models.JSONField(blank=True, default=list)),
                        ("reason", models.TextField(blank=True)),
                        ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                        (
                            "channel",
                            models.CharField(
                                blank=True, help_text="page, api or command", max_length=10
                            ),
                        ),
                        ("flagged", models.BooleanField(default=False)),
                    ],
                    options={
                        "db_table": "access_auditevent",
                        "ordering": ["-at", "-id"],
                        "managed": False,
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
