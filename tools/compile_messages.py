"""Compile the translations (onestory/locale/*/LC_MESSAGES/django.po) into .mo files.

Run by `make install`. It uses polib (a pinned, pure-Python package) rather than gettext's
msgfmt, so a fresh machine needs nothing outside the virtual environment. It refuses a
catalogue with an entry left untranslated or marked fuzzy, or whose placeholders differ
from the English, since either would put English or a broken sentence on a public page.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "onestory" / "locale"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|<[^>]+>")


def problems(po: polib.POFile) -> list[str]:
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        if not entry.msgstr or "fuzzy" in entry.flags:
            found.append(f"not translated: {entry.msgid[:60]!r}")
        elif sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr)):
            found.append(f"placeholders or tags differ: {entry.msgid[:60]!r}")
    return found


def main() -> int:
    failed = False
    for source in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        po = polib.pofile(str(source))
        wrong = problems(po)
        if wrong:
            failed = True
            print(f"{source.relative_to(LOCALE)}:", *wrong, sep="\n  ", file=sys.stderr)
            continue
        po.save_as_mofile(str(source.with_suffix(".mo")))
        print(f"compiled {source.relative_to(LOCALE.parent.parent)} ({len(po)} messages)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
