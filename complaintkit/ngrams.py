"""TF-IDF vectorisers over token strings that stay fast on comment streams.

scikit-learn's vectorisers look up every n-gram of every text in a Python dict through a
generic analyser: about 500 lookups for a tweet's character n-grams. Comment streams
repeat their words, so ``CharNgramTfidf`` remembers, per distinct token, the columns it
contributes, and sums a batch's tokens in one sparse product; ``WordNgramTfidf`` does one
vocabulary lookup per token and per word pair. Features and weights are those of
``TfidfVectorizer`` with ``sublinear_tf``, smooth IDF and L2 norm: ``char_wb``-style
n-grams of each token for ``CharNgramTfidf``, word unigrams and bigrams for
``WordNgramTfidf``.
"""

from __future__ import annotations

import itertools
from array import array
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

__all__ = ["CharNgramTfidf", "WordNgramTfidf", "token_ngrams"]


def token_ngrams(token: str, lo: int, hi: int) -> list[str]:
    """Character n-grams of `` token `` (padded with one space on each side)."""
    w = f" {token} "
    return [w[i : i + n] for n in range(lo, hi + 1) for i in range(len(w) - n + 1)]


class _CachedTfidf(TransformerMixin, BaseEstimator):
    """Shared fit/transform: vocabulary by document frequency, TF-IDF done in place.

    Subclasses say which terms a text has (``_doc_terms``) and count them over a batch
    (``_counts``, CSR with one column per vocabulary term).
    """

    min_df: int
    max_features: int | None

    def _doc_terms(self, doc: str) -> set[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _counts(self, docs: list[str]) -> sparse.csr_matrix:  # pragma: no cover - abstract
        raise NotImplementedError

    def fit(self, X: Iterable[str], y: object = None) -> _CachedTfidf:
        """Choose the vocabulary by document frequency and learn IDF weights."""
        docs = list(X)
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(self._doc_terms(doc))
        kept = [(g, c) for g, c in df.items() if c >= self.min_df]
        kept.sort(key=lambda gc: (-gc[1], gc[0]))
        if self.max_features is not None:
            kept = kept[: self.max_features]
        self.vocabulary_ = {g: i for i, g in enumerate(sorted(g for g, _ in kept))}
        self.idf_ = TfidfTransformer(sublinear_tf=True).fit(self._counts(docs)).idf_
        return self

    def transform(self, X: Iterable[str]) -> sparse.csr_matrix:
        """Sparse TF-IDF rows, one per text.

        ``TfidfTransformer(sublinear_tf=True)``'s arithmetic done in place on the count
        matrix: its generic path (a diagonal-matrix product, then copies) took a third
        of the vectoriser's time.
        """
        counts = self._counts(list(X))
        data = counts.data
        np.log(data, out=data)
        data += 1.0
        data *= self.idf_[counts.indices]
        return normalize(counts, norm="l2", copy=False)

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """The terms, in column order."""
        names = [""] * len(self.vocabulary_)
        for g, i in self.vocabulary_.items():
            names[i] = g
        return np.asarray(names, dtype=object)


class CharNgramTfidf(_CachedTfidf):
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
        Most distinct tokens whose columns are remembered (never saved); a full cache
        holds about 10 MB and stops growing (see ``TextPreprocessor``'s ``cache_size``).
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (2, 5),
        min_df: int = 2,
        max_features: int | None = None,
        cache_size: int = 40_000,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.cache_size = cache_size

    def _doc_terms(self, doc: str) -> set[str]:
        lo, hi = self.ngram_range
        grams: set[str] = set()
        for tok in set(doc.split()):
            grams.update(token_ngrams(tok, lo, hi))
        return grams

    def fit(self, X: Iterable[str], y: object = None) -> CharNgramTfidf:
        """As for every vectoriser here; token columns cached for an old vocabulary go."""
        self.__dict__.pop("_cache", None)
        super().fit(X, y)
        return self

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_cache", None)
        return state

    def _counts(self, docs: list[str]) -> sparse.csr_matrix:
        """N-gram counts as (texts x distinct tokens) @ (distinct tokens x n-grams).

        A text's n-gram counts are the sum of its tokens' counts, so one sparse product
        over the batch's distinct tokens sums them in compiled code; listing every
        n-gram of every text and sorting each row (the generic path) took twice as long.
        """
        cache: dict[str, array[int]] | None = self.__dict__.get("_cache")
        if cache is None:
            cache = {}
            self._cache: dict[str, array[int]] = cache
        local: dict[str, int] = {}  # this batch's distinct tokens -> row of per_token
        add = local.setdefault
        ids: array[int] = array("i")
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        for row, doc in enumerate(docs):
            ids.extend([add(tok, len(local)) for tok in doc.split()])
            indptr[row + 1] = len(ids)
        per_doc = sparse.csr_matrix(
            (np.ones(len(ids)), np.frombuffer(ids, dtype=np.int32), indptr),
            shape=(len(docs), len(local)),
        )
        cols: array[int] = array("i")
        tok_indptr = np.zeros(len(local) + 1, dtype=np.int64)
        for row, tok in enumerate(local):
            cols.extend(self._token_columns(tok, cache))
            tok_indptr[row + 1] = len(cols)
        per_token = sparse.csr_matrix(
            (np.ones(len(cols)), np.frombuffer(cols, dtype=np.int32), tok_indptr),
            shape=(len(local), len(self.vocabulary_)),
        )
        return sparse.csr_matrix(per_doc @ per_token)

    def _token_columns(self, tok: str, cache: dict[str, array[int]]) -> array[int]:
        idx = cache.get(tok)
        if idx is None:
            vocab, lo, hi = self.vocabulary_, self.ngram_range[0], self.ngram_range[1]
            idx = array("i", [vocab[g] for g in token_ngrams(tok, lo, hi) if g in vocab])
            if len(cache) < self.cache_size:
                cache[tok] = idx
        return idx


class WordNgramTfidf(_CachedTfidf):
    """TF-IDF over word unigrams and bigrams of space-separated tokens.

    The same features as ``TfidfVectorizer(token_pattern=r"\\S+", lowercase=False,
    ngram_range=(1, 2), sublinear_tf=True)``.

    Parameters
    ----------
    bigrams : bool
        Add pairs of neighbouring tokens ("не_работать приложение").
    min_df, max_features
        As for ``CharNgramTfidf``.
    """

    def __init__(
        self,
        bigrams: bool = True,
        min_df: int = 2,
        max_features: int | None = None,
    ) -> None:
        self.bigrams = bigrams
        self.min_df = min_df
        self.max_features = max_features

    def _doc_terms(self, doc: str) -> set[str]:
        toks = doc.split()
        terms = set(toks)
        if self.bigrams:
            terms.update(f"{a} {b}" for a, b in itertools.pairwise(toks))
        return terms

    def _counts(self, docs: list[str]) -> sparse.csr_matrix:
        # The vocabulary is the cache: one dictionary lookup per token and per pair,
        # all driven by map() so that no Python code runs per word.
        get, bigrams = self.vocabulary_.get, self.bigrams
        cols: array[int] = array("i")  # compact, and extends from lists in one copy
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        for row, doc in enumerate(docs):
            toks = doc.split()
            cols.extend([c for c in map(get, toks) if c is not None])
            if bigrams and len(toks) > 1:
                pairs = map(" ".join, itertools.pairwise(toks))
                cols.extend([c for c in map(get, pairs) if c is not None])
            indptr[row + 1] = len(cols)
        counts = sparse.csr_matrix(
            (np.ones(len(cols), dtype=np.float64), np.frombuffer(cols, dtype=np.int32), indptr),
            shape=(len(docs), len(self.vocabulary_)),
        )
        counts.sum_duplicates()
        return counts
