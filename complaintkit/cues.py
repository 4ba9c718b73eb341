"""``CueFeatures``: the stylistic and content cues the annotation guide decides on.

Each cue is a small number per text (a share, a log count or a 0/1 flag), named so
that explanations can show it: "cue:concrete_detail", "cue:pushes_alternative", ...
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from ._texts import as_text_list
from .lexicon import (
    AUDIENCE_RE,
    COMPETITOR_RE,
    DEMAND_RE,
    DETAIL_RE,
    FAILURE_RE,
    MASKED_SWEAR_RE,
    NEWS_RE,
    PEOPLE_INSULT_RE,
    POLITE_RE,
    PRAISE_RE,
    SECOND_PERSON_RE,
    SPAM_RE,
    SWEAR_RE,
)
from .normalize import normalize

__all__ = ["CUE_NAMES", "CueFeatures", "cue_vector"]

_UPPER_RE = re.compile(r"[A-ZА-ЯЁ]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_PLACEHOLDER_DETAILS = ("_orderid_", "_date_", "_time_", "_money_", "_num_", "_phone_", "_email_")


def _log_count(n: int) -> float:
    return math.log1p(n) / 2.0


def _count(pattern: re.Pattern[str]) -> Callable[[str], int]:
    return lambda s: len(pattern.findall(s))


_COUNT_SWEAR = _count(SWEAR_RE)
_COUNT_MASKED = _count(MASKED_SWEAR_RE)


def cue_vector(raw: str) -> list[float]:
    """Return the cue values of one raw text, in the order of ``CUE_NAMES``."""
    if not raw:
        return [0.0] * len(CUE_NAMES)
    norm = normalize(raw)
    n_chars = len(raw)
    letters = len(_LETTER_RE.findall(raw))
    upper = len(_UPPER_RE.findall(raw))
    details = sum(norm.count(ph) for ph in _PLACEHOLDER_DETAILS) + len(DETAIL_RE.findall(norm))
    return [
        math.log1p(n_chars) / 6.0,
        min(raw.count("!") / max(n_chars, 1) * 10.0, 1.0),
        float("!!" in raw),
        min(raw.count("?") / max(n_chars, 1) * 10.0, 1.0),
        upper / letters if letters >= 6 else 0.0,
        _log_count(details),
        _log_count(len(FAILURE_RE.findall(norm))),
        _log_count(len(SECOND_PERSON_RE.findall(norm))),
        _log_count(len(AUDIENCE_RE.findall(norm))),
        _log_count(len(PEOPLE_INSULT_RE.findall(norm))),
        _log_count(len(COMPETITOR_RE.findall(norm))),
        _log_count(len(DEMAND_RE.findall(norm))),
        _log_count(_COUNT_SWEAR(norm) + _COUNT_MASKED(norm)),
        _log_count(norm.count("_url_")),
        _log_count(norm.count("_mention_")),
        _log_count(norm.count("_hashtag_")),
        _log_count(len(NEWS_RE.findall(norm))),
        _log_count(len(SPAM_RE.findall(norm))),
        _log_count(len(POLITE_RE.findall(norm))),
        _log_count(len(PRAISE_RE.findall(norm))),
        float(norm.endswith("…") or norm.endswith("...")),
    ]


CUE_NAMES: tuple[str, ...] = (
    "length",
    "exclamation_density",
    "repeated_exclamation",
    "question_density",
    "capitals_share",
    "concrete_detail",
    "failure_report",
    "addresses_you",
    "generalises_audience",
    "insults_people",
    "pushes_alternative",
    "demand_or_sold_out",
    "swearing",
    "has_link",
    "has_mention",
    "has_hashtag",
    "news_style",
    "spam_style",
    "polite_words",
    "praise_words",
    "cut_off",
)


class CueFeatures(TransformerMixin, BaseEstimator):
    """Dense cue features of raw texts (see ``CUE_NAMES``); stateless."""

    def fit(self, X: Iterable[Any], y: object = None) -> CueFeatures:
        """Nothing to learn; present for Pipeline compatibility."""
        return self

    def transform(self, X: Iterable[Any]) -> np.ndarray:
        """Return an array of shape (n_texts, len(CUE_NAMES))."""
        texts, _ = as_text_list(X)
        out = np.zeros((len(texts), len(CUE_NAMES)), dtype=np.float64)
        for i, t in enumerate(texts):
            if t:
                out[i] = cue_vector(t)
        return out

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Names such as ``cue:concrete_detail``."""
        return np.asarray([f"cue:{n}" for n in CUE_NAMES], dtype=object)

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags
