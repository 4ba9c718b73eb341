"""Training the shipped model from the corpus, deterministically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .evaluate import read_labelled
from .model import ComplaintClassifier

__all__ = ["DEFAULT_DATA", "default_params", "train_from_csv"]

#: Where ``complaintkit train`` looks when no data file is given (a source checkout).
DEFAULT_DATA = Path("data") / "comments.csv"


def default_params() -> dict[str, Any]:
    """The design chosen by cross-validation on the train split (see README, model card)."""
    return {}


def train_from_csv(
    path: str | Path = DEFAULT_DATA, split: str | None = "train"
) -> ComplaintClassifier:
    """Fit a ``ComplaintClassifier`` with the default design on ``split`` of ``path``.

    The same file always gives the same model: no randomness is involved.
    """
    df = read_labelled(path, split=split if _has_split(path) else None)
    return ComplaintClassifier(**default_params()).fit(df["text"].tolist(), df["label"].tolist())


def _has_split(path: str | Path) -> bool:
    with Path(path).open(encoding="utf-8-sig") as fh:
        return "split" in fh.readline().strip().split(",")
