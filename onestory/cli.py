"""The ``onestory`` console command: Django's management commands under the service's own name.

Commands that change the database's structure run as the owner role when ``DATABASE_OWNER_URL``
is set (see README.md, "Database roles"); every other command, and the server, use
``DATABASE_URL``, the runtime role, which owns nothing.
"""

import os
import sys

# migrate makes tables; createcachetable makes the shared cache's table; synth bulk-loads and
# then tidies indexes and statistics, which only a table's owner may do.
OWNER_COMMANDS = frozenset({"migrate", "createcachetable", "synth"})


def as_owner_when_needed(arguments: list[str], environ: dict | os._Environ = os.environ) -> None:
    """Point ``DATABASE_URL`` at the owner role for a command that needs it, if one is set."""
    command = arguments[0] if arguments else None  # Django takes the first word as the command
    owner_url = environ.get("DATABASE_OWNER_URL")
    if command in OWNER_COMMANDS and owner_url:
        environ["DATABASE_URL"] = owner_url


def main(argv: list[str] | None = None) -> None:
    arguments = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestory.settings")
    as_owner_when_needed(arguments)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["onestory", *arguments])


if __name__ == "__main__":
    main()
