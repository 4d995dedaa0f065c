"""The ``twoway`` command: Django's management commands behind one name.

``twoway serve``, ``twoway demo`` and the rest are management commands in the apps; this entry
point only selects the settings module so the command works from any directory.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twoway.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
