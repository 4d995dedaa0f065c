"""``twoway themes-train``: train the theme tagger's model on the dev split and save it.

Reads the labelled set, keeps the ``dev`` rows only (the held-out ``test`` rows are never read
by training), cross-validates to choose the payment and scope thresholds, prints the
cross-validated scores, and writes ``src/twoway/reputation/data/themes_model.json``. The
tagger loads that file once at import; restart the process to use a new one.
"""

from __future__ import annotations

import time
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console

from twoway.reputation.management.commands.themes_eval import cross_validation_tables
from twoway.reputation.themes import (
    EVAL_SET_PATH,
    MODEL_PATH,
    load_examples,
    save_model,
    train_model,
)


class Command(BaseCommand):
    help = "Train the theme tagger's model on the dev split (thresholds by cross-validation)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", default=str(EVAL_SET_PATH), help="JSON-lines labelled set.")
        parser.add_argument("--output", default=str(MODEL_PATH), help="Where to write the model.")
        parser.add_argument("--folds", type=int, default=10, help="Cross-validation folds.")
        parser.add_argument(
            "--repeats", type=int, default=3, help="Cross-validation repeats (reshuffled)."
        )
        parser.add_argument("--seed", type=int, default=0, help="Random seed.")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout))
        if not console.is_terminal:
            console.width = max(console.width, 110)
        started = time.perf_counter()
        document = train_model(
            load_examples(options["file"]),
            split="dev",
            folds=options["folds"],
            repeats=options["repeats"],
            seed=options["seed"],
            progress=lambda message: console.print(message, style="dim", highlight=False),
        )
        path = save_model(document, options["output"])
        for table in cross_validation_tables(document):
            console.print(table)
        console.print(
            f"Trained on {document['trained_on']['rows']} dev rows in "
            f"{time.perf_counter() - started:.0f} s; wrote {path}.",
            highlight=False,
        )
