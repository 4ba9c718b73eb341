"""Evaluation: read labelled data, compute per-label scores, compare with baselines."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from .errors import InputFileError, LabelError
from .labels import LABELS

__all__ = ["Report", "evaluate_predictions", "read_labelled"]


def read_labelled(path: str | Path, split: str | None = None) -> pd.DataFrame:
    """Read our corpus CSV (``text,label,...``; optional ``split`` filter) or a
    ``label<TAB>text`` file without header (the format of ``shared/real-dev.tsv``)."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"labelled data file {str(path)!r} does not exist")
    with path.open(encoding="utf-8-sig") as fh:
        first = fh.readline()
    if "\t" in first and first.split("\t", 1)[0].strip() in LABELS:
        df = pd.read_csv(
            path, sep="\t", header=None, names=["label", "text"], quoting=csv.QUOTE_NONE,
            dtype=str, keep_default_na=False, encoding="utf-8-sig",
        )  # fmt: skip
    else:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if not {"text", "label"} <= set(df.columns):
            raise InputFileError(
                f"{str(path)!r} needs columns 'text' and 'label' (or be label<TAB>text); "
                f"it has {list(df.columns)}"
            )
        if split is not None:
            if "split" not in df.columns:
                raise InputFileError(f"split={split!r} asked but {str(path)!r} has no split column")
            df = df[df["split"] == split]
    bad = sorted(set(df["label"]) - set(LABELS))
    if bad:
        raise LabelError(f"{str(path)!r} holds labels {bad}; allowed labels are {LABELS}")
    return df.reset_index(drop=True)


@dataclass
class Report:
    """Scores of one set of predictions against gold labels."""

    name: str
    accuracy: float
    macro_f1: float
    per_label: pd.DataFrame  # precision, recall, f1, support per label
    confusion: pd.DataFrame  # gold rows x predicted columns
    extra: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "name": self.name,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_label": {
                lab: {k: (round(float(v), 4) if k != "support" else int(v)) for k, v in row.items()}
                for lab, row in self.per_label.iterrows()
            },
            "confusion": {
                g: {p: int(v) for p, v in row.items()} for g, row in self.confusion.iterrows()
            },
            **{k: round(v, 4) for k, v in self.extra.items()},
        }

    def text(self) -> str:
        """A plain-text report for the terminal."""
        lines = [
            f"== {self.name}",
            f"accuracy {self.accuracy:.3f}   macro-F1 {self.macro_f1:.3f}"
            + "".join(f"   {k} {v:.3f}" for k, v in self.extra.items()),
            self.per_label.round(3).to_string(),
            "confusion (rows: gold, columns: predicted)",
            self.confusion.to_string(),
        ]
        return "\n".join(lines)


def evaluate_predictions(name: str, gold: Any, pred: Any) -> Report:
    """Per-label precision/recall/F1/support, accuracy, macro-F1 over labels present in
    ``gold``, macro-F1 over constructive/impulsive/other, and the confusion matrix."""
    gold = np.asarray(list(gold), dtype=object)
    pred = np.asarray(list(pred), dtype=object)
    present = [lab for lab in LABELS if lab in set(gold)]
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=list(LABELS), zero_division=0)
    per_label = pd.DataFrame(
        {"precision": p, "recall": r, "f1": f, "support": s}, index=list(LABELS)
    )
    cm = pd.DataFrame(
        confusion_matrix(gold, pred, labels=list(LABELS)), index=list(LABELS), columns=list(LABELS)
    )
    extra = {
        "macro_f1_cio": float(
            f1_score(gold, pred, labels=["constructive", "impulsive", "other"], average="macro",
                     zero_division=0)
        )
    }  # fmt: skip
    return Report(
        name=name,
        accuracy=float(accuracy_score(gold, pred)),
        macro_f1=float(f1_score(gold, pred, labels=present, average="macro", zero_division=0)),
        per_label=per_label,
        confusion=cm,
        extra=extra,
    )
