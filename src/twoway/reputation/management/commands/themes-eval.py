"""``twoway themes-eval``: the hyphenated name of ``themes_eval`` (Django names a command after
its module file, and ``twoway`` passes the name through unchanged)."""

from twoway.reputation.management.commands.themes_eval import Command

__all__ = ["Command"]
