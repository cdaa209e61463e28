"""The ``onestory`` console command: Django's management commands under the service's own name."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestory.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["onestory", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
