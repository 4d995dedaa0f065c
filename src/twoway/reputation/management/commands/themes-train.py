"""``twoway themes-train``: the hyphenated name of ``themes_train`` (Django names a command after
its module file, and ``twoway`` passes the name through unchanged)."""

from twoway.reputation.management.commands.themes_train import Command

__all__ = ["Command"]
