"""Rich output through a management command's stdout (so ``call_command(stdout=...)`` and
tests capture progress bars and tables like any other output)."""

from __future__ import annotations

import io
from typing import IO, cast

from django.core.management.base import OutputWrapper
from rich.console import Console


class _Stream(io.TextIOBase):
    def __init__(self, out: OutputWrapper) -> None:
        self._out = out

    def write(self, text: str) -> int:
        self._out.write(text, ending="")
        return len(text)

    def flush(self) -> None:
        self._out.flush()

    def isatty(self) -> bool:
        return self._out.isatty()


def command_console(out: OutputWrapper) -> Console:
    """A rich Console writing to a command's ``self.stdout``."""
    return Console(file=cast(IO[str], _Stream(out)), highlight=False)
