"""Baselines the shipped model must beat, measured in the same evaluation.

- ``majority``: always the most frequent training label.
- ``KeywordRules``: the annotation guide's question order as hand-written keyword rules.
- ``plain_tfidf``: word TF-IDF (no lemmatisation, no cues) with logistic regression.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from ._phrases import PhraseMatcher, split_words
from ._texts import as_text_list
from .lexicon import (
    AUDIENCE,
    COMPETITOR,
    DEMAND,
    DETAIL,
    FAILURE,
    NEWS,
    PEOPLE_INSULTS,
    SPAM,
)
from .normalize import normalize

__all__ = ["KeywordRules", "baselines", "majority", "plain_tfidf"]

_RULE_LISTS = {
    "news": NEWS,
    "spam": SPAM,
    "demand": DEMAND,
    "competitor": COMPETITOR,
    "people": PEOPLE_INSULTS + AUDIENCE,
    "failure": FAILURE,
    "detail": DETAIL,
}
_NEGATIVE_WORDS = (
    "ужас", "отврат", "худш", "позор", "бесит", "ненавиж", "кошмар", "развод", "обман",
    "хам", "достал", "задолбал", "никогда", "ни ногой", "разочар", "бесполезн", "жалоб",
)  # fmt: skip


class KeywordRules(ClassifierMixin, BaseEstimator):
    """The guide's decision order with keyword lists instead of a model."""

    def fit(self, X: Iterable[Any], y: Iterable[Any]) -> KeywordRules:
        """Only records the label set."""
        self.classes_ = np.asarray(sorted(set(y)), dtype=object)
        return self

    def predict(self, X: Iterable[Any]) -> np.ndarray:
        """Apply the rules to each text."""
        texts, _ = as_text_list(X)
        matcher = PhraseMatcher(_RULE_LISTS)
        return np.asarray([self._rule(normalize(t), matcher) for t in texts], dtype=object)

    @staticmethod
    def _rule(t: str, matcher: PhraseMatcher) -> str:
        # ``t`` comes from normalize(): already lower-cased, ё written as е.
        news, spam, demand, competitor, people, failure, detail = matcher.counts(split_words(t))
        negative = (
            bool(failure or people or demand) or any(w in t for w in _NEGATIVE_WORDS) or "!!" in t
        )
        if not t or news or spam or not negative:
            return "other"
        if demand:
            return "hidden_praise"
        if competitor:
            return "competitor_planted"
        if people:
            return "troll"
        if failure or detail or "_orderid_" in t or "_date_" in t:
            return "constructive"
        return "impulsive"


def majority() -> DummyClassifier:
    """Always predicts the most frequent training label."""
    return DummyClassifier(strategy="most_frequent")


def plain_tfidf() -> Pipeline:
    """Word TF-IDF on raw lower-cased text, no lemmas, no cues; logistic regression."""
    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(C=10.0, class_weight="balanced", max_iter=3000),
    )


def baselines() -> dict[str, Any]:
    """Fresh, unfitted baseline estimators by name."""
    return {"majority": majority(), "keyword_rules": KeywordRules(), "plain_tfidf": plain_tfidf()}
