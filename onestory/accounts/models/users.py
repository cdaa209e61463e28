"""Staff accounts: each belongs to one agency and has one role."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from onestory.accounts.roles import ROLES, Permission, RoleName


class User(AbstractUser):
    """A member of staff at one of the partnership's agencies."""

    agency = models.ForeignKey(
        "accounts.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField(max_length=30, choices=RoleName.choices, blank=True)
    job_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_superuser=True)
                | ~models.Q(role="") & models.Q(agency__isnull=False),
                name="staff_have_an_agency_and_a_role",
                violation_error_message="Every staff account needs an agency and a role.",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_definition(self):
        return ROLES.get(self.role)

    def has_permission(self, permission: Permission) -> bool:
        """Whether this account's role grants ``permission``. Object-level rules live in access."""
        if not self.is_active:
            return False
        role = self.role_definition
        return role is not None and permission in role.permissions
