"""``ComplaintClassifier``: word, lemma and character n-grams plus cue features feeding a
calibrated linear model.

It is an ordinary scikit-learn classifier: ``__init__`` only stores parameters, ``fit``
builds everything (fitted state ends in ``_``), and ``clone``, ``Pipeline``,
``GridSearchCV`` and ``cross_val_score`` work on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from threadpoolctl import threadpool_limits

from ._texts import as_text_list
from .cues import CueFeatures
from .errors import NotFittedError
from .ngrams import CharNgramTfidf, WordNgramTfidf
from .preprocess import TextPreprocessor

__all__ = ["ComplaintClassifier"]


class ComplaintClassifier(ClassifierMixin, BaseEstimator):
    """Label Russian comments with one of ``LABELS``.

    Parameters
    ----------
    word_ngrams : (1, 1) or (1, 2)
        Word n-grams over lemmatised tokens (negation glued, placeholders kept).
    char_ngrams : tuple of int or None
        ``char_wb`` n-gram range over the normalised lemmas; ``None`` turns them off.
        They catch typos, masked swearing and forms the lemmatiser does not know.
    use_cues : bool
        Add the cue features of ``complaintkit.cues``.
    cue_weight : float
        Scale of the cue block against the TF-IDF blocks.
    min_df : int
        Ignore n-grams seen in fewer training texts (keeps the model small).
    max_char_features : int or None
        Cap on the character vocabulary, by frequency.
    C : float
        Inverse regularisation strength of the logistic regression.
    class_weight : "balanced" or None
        Re-weight classes inversely to their frequency.
    calibration : "sigmoid", "isotonic" or None
        Extra probability calibration by cross-validation (``CalibratedClassifierCV``,
        one model fitted on all data). The default ``None`` keeps the logistic
        regression's own probabilities, which measured better calibrated on held-out
        data (lower log-loss and expected calibration error; see the model card).
    """

    def __init__(
        self,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = (2, 5),
        use_cues: bool = True,
        cue_weight: float = 0.3,
        min_df: int = 2,
        max_char_features: int | None = 150_000,
        C: float = 10.0,
        class_weight: str | None = "balanced",
        calibration: str | None = None,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.use_cues = use_cues
        self.cue_weight = cue_weight
        self.min_df = min_df
        self.max_char_features = max_char_features
        self.C = C
        self.class_weight = class_weight
        self.calibration = calibration

    # -- building ------------------------------------------------------------
    def _make_features(self) -> FeatureUnion:
        if tuple(self.word_ngrams) not in ((1, 1), (1, 2)):
            raise ValueError(f"word_ngrams must be (1, 1) or (1, 2), got {self.word_ngrams}")
        vecs: list[tuple[str, Any]] = [
            (
                "word",
                WordNgramTfidf(bigrams=self.word_ngrams[1] >= 2, min_df=self.min_df),
            )
        ]
        if self.char_ngrams is not None:
            vecs.append(
                (
                    "char",
                    CharNgramTfidf(
                        ngram_range=(self.char_ngrams[0], self.char_ngrams[1]),
                        min_df=self.min_df,
                        max_features=self.max_char_features,
                    ),
                )
            )
        blocks: list[tuple[str, Any]] = [
            ("text", Pipeline([("prep", TextPreprocessor()), ("vec", FeatureUnion(vecs))]))
        ]
        weights = {"text": 1.0}
        if self.use_cues:
            blocks.append(("cues", CueFeatures(sparse_output=True)))
            weights["cues"] = self.cue_weight
        return FeatureUnion(blocks, transformer_weights=weights)

    def _make_estimator(self) -> Any:
        lr = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=3000)
        if self.calibration is None:
            return lr
        return CalibratedClassifierCV(lr, method=self.calibration, cv=5, ensemble=False)

    # -- scikit-learn API ----------------------------------------------------
    def fit(self, X: Iterable[Any], y: Iterable[Any]) -> ComplaintClassifier:
        """Learn from texts ``X`` and their labels ``y``.

        Any labels work (scikit-learn tools such as ``cross_val_predict`` pass encoded
        ones); a model meant for ``save`` and the public API must use ``LABELS``.
        """
        texts, _ = as_text_list(X)
        labels = np.asarray(list(y))
        if len(labels) != len(texts):
            raise ValueError(f"X has {len(texts)} texts but y has {len(labels)} labels")
        features = self._make_features()
        Xt = features.fit_transform(texts)
        est = self._make_estimator()
        # One BLAS thread: on small sparse problems more threads only fight (3x slower
        # on two cores), and callers parallelise at a higher level (CV, processes).
        with threadpool_limits(limits=1, user_api="blas"):
            est.fit(Xt, labels)
        self.features_ = features
        self.estimator_ = est
        self.classes_ = np.asarray(est.classes_)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "estimator_"):
            raise NotFittedError("this ComplaintClassifier is not fitted yet; call fit() first")

    def transform_features(self, X: Iterable[Any]) -> sparse.csr_matrix:
        """The feature matrix the linear model sees (rows in input order)."""
        self._check_fitted()
        texts, _ = as_text_list(X)
        return sparse.csr_matrix(self.features_.transform(texts))

    def predict_proba(self, X: Iterable[Any]) -> np.ndarray:
        """Class probabilities, columns in the order of ``classes_``."""
        feats = self.transform_features(X)
        return np.asarray(self.estimator_.predict_proba(feats))

    def predict(self, X: Iterable[Any]) -> np.ndarray:
        """The most probable label of each text."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def decision_function(self, X: Iterable[Any]) -> np.ndarray:
        """Linear scores per class (before calibration)."""
        feats = self.transform_features(X)
        return np.asarray(self.linear_model_.decision_function(feats))

    # -- explanation -----------------------------------------------------------
    @property
    def linear_model_(self) -> LogisticRegression:
        """The fitted logistic regression whose weights explain decisions."""
        self._check_fitted()
        est = self.estimator_
        if isinstance(est, CalibratedClassifierCV):
            return est.calibrated_classifiers_[0].estimator
        return est

    def feature_names(self) -> np.ndarray:
        """Readable names of the model's features: ``word:...``, ``char:...``, ``cue:...``."""
        self._check_fitted()
        cached = self.__dict__.get("_feature_names")
        if cached is not None:
            return cached
        names: list[str] = []
        for block, trans in self.features_.transformer_list:
            if block == "text":
                for kind, vec in trans.named_steps["vec"].transformer_list:
                    names.extend(f"{kind}:{t}" for t in vec.get_feature_names_out())
            else:
                names.extend(trans.get_feature_names_out())
        arr = np.asarray(names, dtype=object)
        self._feature_names = arr
        return arr

    def explain(
        self, X: Iterable[Any], top: int = 8, labels: Iterable[str] | None = None
    ) -> list[list[tuple[str, float]]]:
        """For each text, the features that pushed its label most, strongest first.

        ``labels`` names the label to explain per text (default: the predicted one). A
        contribution is feature value x weight for that label, minus the mean weight over
        labels (so a feature that raises every label equally does not count).
        """
        feats = self.transform_features(X)
        if labels is None:
            proba = self.estimator_.predict_proba(feats)
            pred = np.argmax(proba, axis=1)
        else:
            index = {c: i for i, c in enumerate(self.classes_)}
            pred = np.asarray([index[lab] for lab in labels])
        return self._explain_rows(feats, pred, top)

    def _explain_rows(
        self, feats: sparse.csr_matrix, pred: Sequence[int] | np.ndarray, top: int
    ) -> list[list[tuple[str, float]]]:
        """``explain`` on features already computed; ``pred`` indexes ``classes_`` per row."""
        coef = np.asarray(self.linear_model_.coef_)
        centred = coef - coef.mean(axis=0, keepdims=True)
        names = self.feature_names()
        out: list[list[tuple[str, float]]] = []
        for i in range(feats.shape[0]):
            row = feats.getrow(i)
            contrib = row.data * centred[pred[i], row.indices]
            order = np.argsort(-contrib)[:top]
            out.append(
                [(str(names[row.indices[j]]), float(contrib[j])) for j in order if contrib[j] > 0]
            )
        return out

    # -- persistence -------------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_feature_names", None)
        return state

    def save(self, path: str | Path) -> Path:
        """Write the fitted model with its format and version metadata (see ``load_model``)."""
        from .persist import save_model

        return save_model(self, path)

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def,unused-ignore]
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags
