"""Staff accounts."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A member of staff at one of the partnership's agencies."""

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
