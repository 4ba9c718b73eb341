"""``CharNgramTfidf``: TF-IDF of character n-grams of tokens, fast on streams.

scikit-learn's ``char_wb`` analyser looks up every n-gram of every text in a Python
dict: about 500 lookups for a tweet. Comment streams repeat their words, so this
vectoriser maps each distinct token once to the indices of its n-grams and caches that;
a text then costs one lookup per token. Same features as ``char_wb`` on the token
string (each token padded with spaces), sublinear TF, smooth IDF, L2 norm.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfTransformer

__all__ = ["CharNgramTfidf"]


def token_ngrams(token: str, lo: int, hi: int) -> list[str]:
    """Character n-grams of `` token `` (padded with one space on each side)."""
    w = f" {token} "
    return [w[i : i + n] for n in range(lo, hi + 1) for i in range(len(w) - n + 1)]


class CharNgramTfidf(TransformerMixin, BaseEstimator):
    """TF-IDF over character n-grams of space-separated tokens.

    Parameters
    ----------
    ngram_range : tuple of int
        Smallest and largest n-gram length.
    min_df : int
        Keep n-grams found in at least this many training texts.
    max_features : int or None
        Keep at most this many n-grams, the most frequent (ties by the n-gram itself).
    cache_size : int
        Most distinct tokens whose n-gram indices are remembered (not saved).
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (2, 5),
        min_df: int = 2,
        max_features: int | None = None,
        cache_size: int = 200_000,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.cache_size = cache_size

    def fit(self, X: Iterable[str], y: object = None) -> CharNgramTfidf:
        """Choose the vocabulary by document frequency and learn IDF weights."""
        lo, hi = self.ngram_range
        df: Counter[str] = Counter()
        docs = list(X)
        for doc in docs:
            grams: set[str] = set()
            for tok in set(doc.split()):
                grams.update(token_ngrams(tok, lo, hi))
            df.update(grams)
        kept = [(g, c) for g, c in df.items() if c >= self.min_df]
        kept.sort(key=lambda gc: (-gc[1], gc[0]))
        if self.max_features is not None:
            kept = kept[: self.max_features]
        terms = sorted(g for g, _ in kept)
        self.vocabulary_ = {g: i for i, g in enumerate(terms)}
        self._tfidf = TfidfTransformer(sublinear_tf=True)
        self._tfidf.fit(self._counts(docs))
        self.idf_ = self._tfidf.idf_
        return self

    def transform(self, X: Iterable[str]) -> sparse.csr_matrix:
        """Sparse TF-IDF rows, one per text."""
        return self._tfidf.transform(self._counts(list(X)))

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """The n-grams, in column order."""
        names = [""] * len(self.vocabulary_)
        for g, i in self.vocabulary_.items():
            names[i] = g
        return np.asarray(names, dtype=object)

    def _counts(self, docs: list[str]) -> sparse.csr_matrix:
        cache: dict[str, np.ndarray] | None = self.__dict__.get("_cache")
        if cache is None:
            cache = {}
            self._cache: dict[str, np.ndarray] = cache
        lo, hi = self.ngram_range
        vocab = self.vocabulary_
        empty = np.zeros(0, dtype=np.int32)
        indices: list[np.ndarray] = []
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        total = 0
        for row, doc in enumerate(docs):
            for tok in doc.split():
                idx = cache.get(tok)
                if idx is None:
                    found = [vocab[g] for g in token_ngrams(tok, lo, hi) if g in vocab]
                    idx = np.asarray(found, dtype=np.int32) if found else empty
                    if len(cache) < self.cache_size:
                        cache[tok] = idx
                if len(idx):
                    indices.append(idx)
                    total += len(idx)
            indptr[row + 1] = total
        cols = np.concatenate(indices) if indices else empty
        counts = sparse.csr_matrix(
            (np.ones(len(cols), dtype=np.float64), cols, indptr),
            shape=(len(docs), len(vocab)),
        )
        counts.sum_duplicates()
        return counts

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_cache", None)
        return state
