"""Shared fixtures: one analyser and one bundled model per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def model():
    from complaintkit import load_model

    return load_model()


@pytest.fixture(scope="session")
def corpus():
    import pandas as pd

    return pd.read_csv(ROOT / "data" / "comments.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def small_model(corpus):
    """A quick model trained on a slice of the corpus, for tests that save or retrain."""
    from complaintkit import ComplaintClassifier

    train = corpus[corpus["split"] == "train"].groupby("label").head(60)
    return ComplaintClassifier(char_ngrams=None, calibration=None).fit(
        train["text"].tolist(), train["label"].tolist()
    )
