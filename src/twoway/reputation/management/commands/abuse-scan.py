"""``twoway abuse-scan``: the hyphenated name of ``abuse_scan`` (Django names a command after
its module file, and ``twoway`` passes the name through unchanged)."""

from twoway.reputation.management.commands.abuse_scan import Command

__all__ = ["Command"]
