"""The bundled model: exactly what `complaintkit train` produces, small, good enough."""

from __future__ import annotations

import time

import numpy as np
import pytest

from complaintkit import load_model
from complaintkit.evaluate import evaluate_predictions, read_labelled
from complaintkit.persist import FORMAT_VERSION, bundled_model_path
from complaintkit.training import train_from_csv


@pytest.fixture(scope="module")
def test_split(root):
    return read_labelled(root / "data" / "comments.csv", split="test")


def test_size_and_metadata():
    import joblib

    path = bundled_model_path()
    assert path.stat().st_size < 25 * 1024 * 1024
    payload = joblib.load(path)
    assert payload["format_version"] == FORMAT_VERSION and "sklearn_version" in payload


def test_loads_quickly():
    start = time.perf_counter()
    load_model()
    # generous bound: the benchmark reports the real figure; this guards regressions
    assert time.perf_counter() - start < 5


def test_quality_on_held_out_split(model, test_split):
    report = evaluate_predictions("model", test_split["label"], model.predict(test_split["text"]))
    assert report.macro_f1 >= 0.90, report.text()


def test_bundled_equals_retrained(root, model, test_split):
    fresh = train_from_csv(root / "data" / "comments.csv")
    texts = test_split["text"].tolist()
    np.testing.assert_allclose(fresh.predict_proba(texts), model.predict_proba(texts), atol=1e-9)
