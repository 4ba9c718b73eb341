"""The functions most users need: ``predict``, ``predict_proba`` and ``analyze``.

They accept one text, a list, tuple, any iterable or a pandas Series; they use the
bundled model (loaded once, lazily, thread-safely) unless ``model=`` names another.
Missing or blank texts get the label ``other`` and are flagged, never an exception.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np
import pandas as pd
from scipy import sparse

from ._texts import as_text_list
from .labels import EMPTY_LABEL, LABELS, response_for
from .model import ComplaintClassifier
from .persist import load_model

__all__ = ["Analysis", "analyze", "default_model", "predict", "predict_proba"]


class _DefaultModel:
    """Holds the model found by ``load_model()``; loads it on first use, once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: ComplaintClassifier | None = None

    def get(self) -> ComplaintClassifier:
        model = self._model
        if model is None:
            with self._lock:
                if self._model is None:
                    self._model = load_model()
                model = self._model
        return model

    def reset(self) -> None:
        with self._lock:
            self._model = None


_DEFAULT = _DefaultModel()


def default_model() -> ComplaintClassifier:
    """The model used when no ``model=`` is given (bundled or ``$COMPLAINTKIT_MODEL``)."""
    return _DEFAULT.get()


#: Texts per model call. The sparse feature matrices of a call take about 13 MB per
#: 1,000 texts, and a call holds a few of them at once; batches keep that flat however
#: many texts come in. 1,000 rather than 2,500 keeps two scoring processes under 500 MB
#: on a long stream (35 MB less at the peak) for no time measurable on this VM.
MODEL_BATCH = 1000


def _model(model: ComplaintClassifier | None) -> ComplaintClassifier:
    return model if model is not None else _DEFAULT.get()


def _empty_proba(n: int) -> np.ndarray:
    """``(n, LABELS)`` probabilities of empty texts: certainty on ``other``."""
    out = np.zeros((n, len(LABELS)), dtype=np.float64)
    out[:, LABELS.index(EMPTY_LABEL)] = 1.0
    return out


def _model_batches(
    texts: list[str], empty: np.ndarray, model: ComplaintClassifier
) -> Iterator[tuple[np.ndarray, sparse.csr_matrix, np.ndarray]]:
    """The non-empty texts in batches of ``MODEL_BATCH``: their positions, features and
    probabilities in ``LABELS`` column order (features once, for scores and explanations)."""
    idx = np.flatnonzero(~empty)
    order = [list(model.classes_).index(lab) for lab in LABELS]
    for start in range(0, len(idx), MODEL_BATCH):
        part = idx[start : start + MODEL_BATCH]
        feats = model.transform_features([texts[i] for i in part])
        yield part, feats, np.asarray(model.estimator_.predict_proba(feats))[:, order]


def _proba_frame(texts: list[str], empty: np.ndarray, model: ComplaintClassifier) -> pd.DataFrame:
    """Probabilities in ``LABELS`` column order; empty texts get certainty on ``other``."""
    out = _empty_proba(len(texts))
    for part, _, probs in _model_batches(texts, empty, model):
        out[part] = probs
    return pd.DataFrame(out, columns=list(LABELS))


@overload
def predict(texts: str, *, model: ComplaintClassifier | None = None) -> str: ...
@overload
def predict(texts: pd.Series, *, model: ComplaintClassifier | None = None) -> pd.Series: ...  # type: ignore[overload-overlap]
@overload
def predict(texts: Iterable[Any], *, model: ComplaintClassifier | None = None) -> list[str]: ...
def predict(texts: Any, *, model: ComplaintClassifier | None = None) -> Any:
    """Label each text; a single string gives one label, a Series a Series (same index)."""
    if isinstance(texts, str):
        return predict([texts], model=model)[0]
    frame = predict_proba(texts, model=model)
    labels = [LABELS[i] for i in np.argmax(frame.to_numpy(), axis=1)]
    if isinstance(texts, pd.Series):
        return pd.Series(labels, index=texts.index, name="complaint_type", dtype=object)
    return labels


def predict_proba(texts: Any, *, model: ComplaintClassifier | None = None) -> pd.DataFrame:
    """A DataFrame with one column per label (``LABELS`` order); rows sum to 1.

    The index is kept from a Series input, else 0..n-1.
    """
    if isinstance(texts, str):
        texts = [texts]
    clean, empty = as_text_list(texts)
    frame = _proba_frame(clean, empty, _model(model))
    if isinstance(texts, pd.Series):
        frame.index = texts.index
    return frame


@dataclass(frozen=True)
class Analysis:
    """Everything complaintkit says about one comment."""

    text: str
    label: str
    confidence: float
    probabilities: Mapping[str, float]
    cues: tuple[tuple[str, float], ...]
    priority: int
    priority_name: str
    action: str
    reply_draft: str | None
    empty: bool = False
    russian_name: str = field(default="")

    @property
    def response(self) -> str:
        """The recommended action followed by the reply draft, if any."""
        if self.reply_draft:
            return f"{self.action}\nЧерновик ответа: {self.reply_draft}"
        return self.action

    def _repr_html_(self) -> str:
        esc = html.escape
        probs = "".join(
            f"<tr><td>{esc(k)}</td><td>{v:.2f}</td></tr>"
            for k, v in sorted(self.probabilities.items(), key=lambda kv: -kv[1])
        )
        cues = ", ".join(esc(name) for name, _ in self.cues) or "—"
        rows = [
            ("Текст", esc(self.text[:500]) + ("…" if len(self.text) > 500 else "")),
            ("Тип", f"<b>{esc(self.label)}</b> ({esc(self.russian_name)})"),
            ("Уверенность", f"{self.confidence:.2f}"),
            ("Приоритет", f"{self.priority} — {esc(self.priority_name)}"),
            ("Что делать", esc(self.action)),
            ("Черновик ответа", esc(self.reply_draft or "не отвечать")),
            ("Почему", cues),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{k}</th><td>{v}</td></tr>" for k, v in rows
        )
        return (
            f"<table>{body}</table><details><summary>Вероятности</summary>"
            f"<table>{probs}</table></details>"
        )


@overload
def analyze(
    texts: str, *, model: ComplaintClassifier | None = None, top_cues: int = 6
) -> Analysis: ...
@overload
def analyze(
    texts: Iterable[Any], *, model: ComplaintClassifier | None = None, top_cues: int = 6
) -> list[Analysis]: ...
def analyze(
    texts: Any, *, model: ComplaintClassifier | None = None, top_cues: int = 6
) -> Analysis | list[Analysis]:
    """Label, confidence, probabilities, cues and the playbook response for each text."""
    if isinstance(texts, str):
        return analyze([texts], model=model, top_cues=top_cues)[0]
    clf = _model(model)
    clean, empty = as_text_list(texts)
    proba = _empty_proba(len(clean))
    cues: dict[int, list[tuple[str, float]]] = {}
    class_index = {c: i for i, c in enumerate(clf.classes_)}
    for part, feats, probs in _model_batches(clean, empty, clf):
        proba[part] = probs
        pred = [class_index[LABELS[j]] for j in np.argmax(probs, axis=1)]
        cues.update(zip(part.tolist(), clf._explain_rows(feats, pred, top_cues), strict=True))
    labels = [LABELS[i] for i in np.argmax(proba, axis=1)]
    out = []
    for i, text in enumerate(clean):
        resp = response_for(labels[i])
        out.append(
            Analysis(
                text=text,
                label=labels[i],
                confidence=float(proba[i].max()),
                probabilities={lab: float(p) for lab, p in zip(LABELS, proba[i], strict=True)},
                cues=tuple((name, round(w, 4)) for name, w in cues.get(i, [])),
                priority=resp.priority,
                priority_name=resp.priority_name,
                action=resp.action,
                reply_draft=resp.reply_draft,
                empty=bool(empty[i]),
                russian_name=resp.russian_name,
            )
        )
    return out
