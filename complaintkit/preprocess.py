"""``TextPreprocessor``: messy Russian comments -> normalised, lemmatised token strings.

The pymorphy3 analyser is built lazily, once per process, and never pickled; each
preprocessor keeps its own bounded lemma cache, so repeated words (most of a comment
stream) cost one dictionary lookup.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from nltk.tokenize import RegexpTokenizer
from sklearn.base import BaseEstimator, TransformerMixin

from ._phrases import PhraseMatcher
from ._texts import as_text_list
from .lexicon import MASKED_SWEAR_RE, NEGATION_WORDS, SWEARING
from .normalize import normalize_unspaced

__all__ = ["TextPreprocessor", "get_analyzer"]

# Placeholders, words (with inner hyphens or swear masks), runs of ! and ?.
TOKEN_PATTERN = r"_[a-z]+(?:_[a-z]+)*_|[^\W_]+(?:[-*@#$%]+[^\W_]*)*|[!?]+"
_CYRILLIC_WORD_RE = re.compile(r"^[а-я]+(?:-[а-я]+)*$")


class _TokenTokenizer(RegexpTokenizer):
    """nltk's ``RegexpTokenizer`` with our fixed pattern compiled by the standard ``re``.

    nltk compiles caller-supplied patterns through a ReDoS guard (the ``regex`` engine
    with timeouts), which costs 3x here; our own pattern is fixed and linear, so the
    guard buys nothing.
    """

    def __init__(self) -> None:
        super().__init__(TOKEN_PATTERN)
        self._regexp = re.compile(TOKEN_PATTERN)


_analyzer_lock = threading.Lock()


@lru_cache(maxsize=1)
def _build_analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def get_analyzer() -> Any:
    """Return this process's pymorphy3 ``MorphAnalyzer``, building it on first use."""
    with _analyzer_lock:
        return _build_analyzer()


class TextPreprocessor(TransformerMixin, BaseEstimator):
    """Map an iterable of texts to strings of space-separated normalised tokens.

    Parameters
    ----------
    lemmatize : bool
        Replace Cyrillic words by their pymorphy3 normal form.
    negation : bool
        Glue "не"/"ни" to the next word ("не работает" -> "не_работать").
    mark_swearing : bool
        Add a ``_swear_`` token after each swear word, including masked ones ("б**дь").
    cache_size : int
        Most distinct words whose lemma is remembered by this instance. A full cache
        holds about 15 MB of Python objects and stops growing, so that a long stream
        with an endless tail of new words (typos, names) keeps memory flat; 40,000
        words hold the whole vocabulary of our corpus, and words met after the cache
        is full are analysed again whenever they come back.
    """

    def __init__(
        self,
        lemmatize: bool = True,
        negation: bool = True,
        mark_swearing: bool = True,
        cache_size: int = 40_000,
    ) -> None:
        self.lemmatize = lemmatize
        self.negation = negation
        self.mark_swearing = mark_swearing
        self.cache_size = cache_size

    # -- scikit-learn API -------------------------------------------------
    def fit(self, X: Iterable[Any], y: object = None) -> TextPreprocessor:
        """Nothing to learn; present for Pipeline compatibility."""
        return self

    def transform(self, X: Iterable[Any]) -> list[str]:
        """Return one token string per input text (missing texts give "")."""
        texts, _ = as_text_list(X)
        return [self.tokens_string(t) for t in texts]

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def,unused-ignore]
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags

    # -- pickling: keep the analyser and cache out of saved state -----------
    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state = dict(state)
        state.pop("_lemma_cache", None)
        state.pop("_tokenizer", None)
        state.pop("_swear_matcher", None)
        return state

    # -- the work ----------------------------------------------------------
    def tokenize(self, text: str) -> list[str]:
        """Normalise ``text`` and split it into lemmatised tokens."""
        tokenizer = self.__dict__.get("_tokenizer")
        if tokenizer is None:
            tokenizer = self._tokenizer = _TokenTokenizer()
        cache: dict[str, tuple[str, bool]] | None = self.__dict__.get("_lemma_cache")
        if cache is None:
            cache = {}
            self._lemma_cache: dict[str, tuple[str, bool]] = cache
        out: list[str] = []
        append, lookup, analyse = out.append, cache.get, self._analyse
        mark, negation, room = self.mark_swearing, self.negation, self.cache_size
        pending_neg = False  # locals: this loop runs for every token of every text
        for tok in tokenizer.tokenize(normalize_unspaced(text)):
            hit = lookup(tok)
            if hit is None:
                hit = analyse(tok)
                if len(cache) < room:
                    cache[tok] = hit
            lem, swear = hit
            if swear and mark:
                append(lem)
                append("_swear_")
                pending_neg = False
            elif pending_neg and lem[0].isalpha():
                out[-1] = f"{out[-1]}_{lem}"
                pending_neg = False
            else:
                append(lem)
                pending_neg = negation and (lem == "не" or lem == "ни")
        return out

    def tokens_string(self, text: str) -> str:
        """``tokenize`` joined by spaces: the form the vectorisers consume."""
        return " ".join(self.tokenize(text)) if text else ""

    def _analyse(self, token: str) -> tuple[str, bool]:
        """``(lemma, is_swearing)`` of one token; computed once per distinct token."""
        if self.lemmatize and _CYRILLIC_WORD_RE.match(token) and token not in NEGATION_WORDS:
            lem = get_analyzer().parse(token)[0].normal_form.replace("ё", "е")
        else:
            lem = token
        swear_matcher: PhraseMatcher | None = self.__dict__.get("_swear_matcher")
        if swear_matcher is None:  # our lemma cache already remembers its answers
            swear_matcher = self._swear_matcher = PhraseMatcher({"swearing": SWEARING}, 0)
        swear = bool(swear_matcher.starts(lem)[0] or MASKED_SWEAR_RE.match(token))
        return lem, swear
