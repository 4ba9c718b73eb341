"""The public API: predict, predict_proba, analyze, load_model, save."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import complaintkit
from complaintkit import LABELS, Analysis, analyze, load_model, predict, predict_proba
from complaintkit.errors import ModelLoadError, TextTypeError, UntrustedModelError

TEXTS = [
    "Третий день нет интернета на Ленина 5, поддержка молчит",
    "Ненавижу вас, худший сервис",
    "Подскажите, до скольки вы работаете?",
]


def test_public_surface():
    for name in ["LABELS", "predict", "predict_proba", "analyze", "load_model",
                 "ComplaintClassifier", "TextPreprocessor", "__version__"]:  # fmt: skip
        assert name in complaintkit.__all__
        assert hasattr(complaintkit, name)
    assert complaintkit.LABELS == (
        "constructive", "impulsive", "competitor_planted", "troll", "hidden_praise", "other"
    )  # fmt: skip


@pytest.mark.parametrize("kind", [list, tuple, iter, lambda x: (t for t in x)])
def test_predict_iterables(kind):
    out = predict(kind(TEXTS))
    assert isinstance(out, list) and len(out) == 3 and set(out) <= set(LABELS)


def test_predict_single_string():
    assert predict(TEXTS[0]) in LABELS
    assert predict(TEXTS[0]) == predict([TEXTS[0]])[0]


def test_predict_series_keeps_index():
    s = pd.Series(TEXTS, index=[10, 20, 30], name="text")
    out = predict(s)
    assert isinstance(out, pd.Series) and list(out.index) == [10, 20, 30]
    assert out.tolist() == predict(TEXTS)


def test_predict_proba_frame():
    s = pd.Series(TEXTS, index=["a", "b", "c"])
    frame = predict_proba(s)
    assert list(frame.columns) == list(LABELS)
    assert list(frame.index) == ["a", "b", "c"]
    np.testing.assert_allclose(frame.sum(axis=1), 1.0, rtol=1e-6)
    assert frame.idxmax(axis=1).tolist() == predict(TEXTS)


@pytest.mark.parametrize("blank", [None, float("nan"), pd.NA, "", "   ", "\n\t"])
def test_blank_is_other_and_flagged(blank):
    labels = predict(["Ненавижу вас", blank])
    assert labels[1] == "other"
    res = analyze(["Ненавижу вас", blank])
    assert res[1].empty and res[1].label == "other" and not res[0].empty


@pytest.mark.parametrize(("value", "tname"), [(5, "int"), (b"bytes", "bytes"), ({"a": 1}, "dict")])
def test_non_text_raises_with_position(value, tname):
    with pytest.raises(TextTypeError, match=rf"texts\[2\].*{tname}"):
        predict(["a", "b", value])
    assert issubclass(TextTypeError, TypeError)


@pytest.mark.parametrize(
    "text",
    [
        "ж" * 1_000_000,
        "😡😡😡",
        "only latin words here",
        "смесь mixed 混合",
        "\x00\x01\x02тест\x7f",
    ],
)
def test_weird_texts_never_crash(text):
    assert predict(text) in LABELS


def test_analyze_result():
    res = analyze(TEXTS[0])
    assert isinstance(res, Analysis)
    assert res.label in LABELS and 0 < res.confidence <= 1
    assert res.confidence == pytest.approx(max(res.probabilities.values()))
    assert set(res.probabilities) == set(LABELS)
    assert sum(res.probabilities.values()) == pytest.approx(1.0)
    assert res.cues and all(isinstance(n, str) for n, _ in res.cues)
    assert res.action and isinstance(res.priority, int)
    assert "<table>" in res._repr_html_()
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.label = "troll"  # type: ignore[misc]


def test_analyze_many_and_playbook():
    out = analyze(TEXTS)
    assert [r.label for r in out] == predict(TEXTS)
    for r in out:
        assert r.priority == complaintkit.RESPONSES[r.label].priority
        if r.label == "troll":
            assert r.reply_draft is None


def test_thread_pool_predict_matches_serial():
    serial = predict(TEXTS * 5)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda t: predict(t), TEXTS * 5))
    assert results == serial


def test_save_and_load_round_trip(small_model, tmp_path):
    path = small_model.save(tmp_path / "m.joblib")
    with pytest.raises(UntrustedModelError, match="trusted=True"):
        load_model(path)
    loaded = load_model(path, trusted=True)
    np.testing.assert_allclose(
        loaded.predict_proba(TEXTS), small_model.predict_proba(TEXTS), rtol=1e-12
    )
    assert predict(TEXTS, model=loaded) == [str(x) for x in small_model.predict(TEXTS)]


def test_env_var_model(small_model, tmp_path, monkeypatch):
    path = small_model.save(tmp_path / "env.joblib")
    monkeypatch.setenv("COMPLAINTKIT_MODEL", str(path))
    with pytest.raises(UntrustedModelError):
        load_model()
    monkeypatch.setenv("COMPLAINTKIT_MODEL_TRUSTED", "1")
    assert load_model().get_params() == small_model.get_params()


def test_bundled_model_loads_without_trust():
    model = load_model()
    assert set(model.classes_) == set(LABELS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format_version": 999}, "format 999"),
        ({"labels": ("a", "b")}, "trained for labels"),
    ],
)
def test_metadata_checked_on_load(small_model, tmp_path, change, message):
    import joblib

    path = small_model.save(tmp_path / "m.joblib")
    payload = joblib.load(path)
    payload.update(change)
    joblib.dump(payload, path)
    with pytest.raises(ModelLoadError, match=message):
        load_model(path, trusted=True)


def test_sklearn_version_mismatch_warns(small_model, tmp_path):
    import joblib

    path = small_model.save(tmp_path / "m.joblib")
    payload = joblib.load(path)
    payload["sklearn_version"] = "0.1"
    joblib.dump(payload, path)
    with pytest.warns(UserWarning, match="scikit-learn 0.1"):
        load_model(path, trusted=True)


@pytest.mark.parametrize("content", [b"not a pickle at all", b""])
def test_garbage_model_file(tmp_path, content):
    path = tmp_path / "bad.joblib"
    path.write_bytes(content)
    with pytest.raises(ModelLoadError, match="could not be read"):
        load_model(path, trusted=True)


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelLoadError, match="does not exist"):
        load_model(tmp_path / "nope.joblib", trusted=True)


def test_batched_model_calls_give_the_same_rows(monkeypatch):
    import complaintkit.api as api

    texts = ["Третий день нет интернета", "", "Ненавижу вас", None, "Всё раскупили!!"] * 3
    whole = predict_proba(texts)
    whole_cues = [a.cues for a in analyze(texts)]
    monkeypatch.setattr(api, "MODEL_BATCH", 4)  # 9 non-empty texts: batches of 4, 4, 1
    batched = predict_proba(texts)
    assert np.allclose(batched.to_numpy(), whole.to_numpy())
    assert batched.loc[1, "other"] == 1.0  # the blanks stay certain "other"
    assert [a.cues for a in analyze(texts)] == whole_cues
