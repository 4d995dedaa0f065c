"""Large synthetic marketplaces for benchmarks: ``twoway generate --users N``.

- ``words.py``: the banks of names, titles, descriptions, cover letters and comments (with
  their themes, tagged once per bank entry);
- ``people.py``: the people, in typed arrays (roles, join dates, activity weights, traits);
- ``market.py``: jobs, proposals, contracts, payments, feedback, themes, responses, reports;
- ``tally.py``: reputation totals kept while the feedback is made, and the rows made from them;
- ``produce.py``: all those rows as a stream of messages, optionally from a forked process;
- ``store.py``: fast writes on SQLite (executemany) and PostgreSQL (COPY);
- ``run.py``: the phases, in one transaction.

The design, the volumes and the measured times are in docs/benchmarks.md.

Rows go straight into the tables Django created, bypassing the services on purpose: no audit
event or notification is written per row (one ``data.generated`` audit event records the run).
"""

from twoway.core.generate.run import (
    PASSWORD,
    GenerateRefused,
    Options,
    Phase,
    Reporter,
    Result,
    generate,
)

__all__ = ["PASSWORD", "GenerateRefused", "Options", "Phase", "Reporter", "Result", "generate"]
