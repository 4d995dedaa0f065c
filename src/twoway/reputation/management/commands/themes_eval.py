"""``twoway themes-eval``: precision and recall of the theme tagger on the labelled set.

Prints one table per split (``dev``, the part the rules were tuned on and the model trained on,
and ``test``, the held-out part), the cross-validated dev scores recorded in the model file by
``twoway themes-train``, and the tagger's throughput in comments per second on this machine.
The tagger is pure (no database); this command only reads the JSON files.
"""

from __future__ import annotations

import os
import platform
import time
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.table import Table

from twoway.reputation.themes import (
    EVAL_SET_PATH,
    MODEL_THEMES,
    THEME_LABELS,
    THEMES,
    evaluate,
    load_examples,
    load_model_info,
    measure_throughput,
)

SPLITS = ("dev", "test")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def results_table(title: str, result: dict[str, Any]) -> Table:
    """A rich table of one ``evaluate`` result: one row per theme and a micro-average row."""
    table = Table(title=title, title_justify="left")
    table.add_column("Theme")
    for column in ("Gold", "Predicted", "TP", "FP", "FN", "Precision", "Recall", "F1"):
        table.add_column(column, justify="right")
    for theme in THEMES:
        row = result["themes"][theme]
        table.add_row(
            f"{THEME_LABELS[theme]} ({theme})",
            str(row["support"]),
            str(row["predicted"]),
            str(row["tp"]),
            str(row["fp"]),
            str(row["fn"]),
            _pct(row["precision"]),
            _pct(row["recall"]),
            _pct(row["f1"]),
        )
    micro = result["micro"]
    table.add_section()
    table.add_row(
        "All themes (micro)",
        "",
        "",
        str(micro["tp"]),
        str(micro["fp"]),
        str(micro["fn"]),
        _pct(micro["precision"]),
        _pct(micro["recall"]),
        _pct(micro["f1"]),
    )
    return table


def _scores_table(title: str, columns: dict[str, dict[str, Any]], themes: tuple[str, ...]) -> Table:
    """Precision / recall / F1 per theme for each named result (``{name: {theme: row}}``)."""
    table = Table(title=title, title_justify="left")
    table.add_column("Theme")
    for name in columns:
        table.add_column(f"{name} P / R / F1", justify="right")
    for theme in themes:
        cells = []
        for result in columns.values():
            row = result.get(theme) or {}
            cells.append(
                f"{_pct(row.get('precision'))} / {_pct(row.get('recall'))} / {_pct(row.get('f1'))}"
            )
        table.add_row(f"{THEME_LABELS[theme]} ({theme})", *cells)
    return table


def cross_validation_tables(document: dict[str, Any]) -> list[Table]:
    """The cross-validated dev scores a ``train_model`` document records, as rich tables."""
    cv = document["cross_validation"]
    settings = document["settings"]
    folds = f"{settings['repeats']} x {settings['folds']}-fold cross-validation on dev"
    model_only = Table(
        title=f"Model (and cue fallback) on the dev rows where no rule of the theme fired "
        f"({folds}); threshold = best F1 with precision >= {settings['min_precision']:.2f}",
        title_justify="left",
    )
    for column in ("Theme", "Threshold", "Precision", "Recall", "F1"):
        model_only.add_column(column, justify="left" if column == "Theme" else "right")
    for theme in MODEL_THEMES:
        row = cv["model_only"][theme]
        model_only.add_row(
            f"{THEME_LABELS[theme]} ({theme})",
            "-" if row.get("threshold") is None else f"{row['threshold']:.2f}",
            _pct(row.get("precision")),
            _pct(row.get("recall")),
            _pct(row.get("f1")),
        )
    unseen = cv["rules_unseen"]
    return [
        model_only,
        _scores_table(
            f"Whole tagger ({folds}; the rules were tuned on part of these rows)",
            {"rules + model": cv["tagger"], "rules only": cv["rules_only"]},
            THEMES,
        ),
        _scores_table(
            f"Whole tagger on the {unseen['rows']} dev rows no rule was tuned on "
            f"(origin {unseen['origin']}; model cross-validated)",
            {"rules + model": unseen["tagger"], "rules only": unseen["rules_only"]},
            THEMES,
        ),
    ]


class Command(BaseCommand):
    help = "Evaluate the comment theme tagger on its labelled set and measure its throughput."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--split",
            choices=(*SPLITS, "all"),
            action="append",
            help="Split(s) to report (repeatable; default: dev and test).",
        )
        parser.add_argument("--file", default=str(EVAL_SET_PATH), help="JSON-lines labelled set.")
        parser.add_argument(
            "--errors", action="store_true", help="List every disagreement with the labels."
        )
        parser.add_argument(
            "--repeat",
            type=int,
            default=20,
            help="Passes over the whole set for the throughput measurement (default 20).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout))
        if not console.is_terminal:
            console.width = max(console.width, 110)
        examples = load_examples(options["file"])
        splits = options["split"] or list(SPLITS)
        for split in splits:
            rows = examples if split == "all" else [e for e in examples if e.get("split") == split]
            result = evaluate(rows)
            title = {
                "dev": "dev split (rules tuned and model trained on it)",
                "test": "test split (held out)",
                "all": "all rows",
            }[split]
            console.print(results_table(f"{title}: {result['examples']} comments", result))
            console.print(
                "A prediction counts only when theme AND polarity match the label.",
                style="dim",
            )
            if options["errors"]:
                for error in result["errors"]:
                    console.print(
                        f"  [{error['theme']}] label={error['gold']} predicted="
                        f"{error['predicted']}: {error['text']}",
                        markup=False,
                        highlight=False,
                    )
            console.print()
        info = load_model_info()
        if info is None:
            console.print("No model file: the tagger runs on rules only.", style="bold")
        else:
            for table in cross_validation_tables(info):
                console.print(table)
            console.print()
        texts = [e["text"] for e in examples]
        passes = max(1, options["repeat"])
        measure_throughput(texts, repeat=1)  # warm-up
        cpu_rate = measure_throughput(texts, repeat=passes)
        wall_rate = measure_throughput(texts, repeat=passes, clock=time.perf_counter)
        console.print(
            f"Throughput: {cpu_rate:,.0f} comments/second of CPU time on one core "
            f"({wall_rate:,.0f}/s wall clock; {len(texts)} comments x {passes} passes; "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{platform.machine()}, {os.cpu_count()} CPUs)",
            highlight=False,
        )
