"""``CueFeatures``: the stylistic and content cues the annotation guide decides on.

Each cue is a small number per text (a share, a log count or a 0/1 flag), named so
that explanations can show it: "cue:concrete_detail", "cue:pushes_alternative", ...
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
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

__all__ = ["CUE_NAMES", "CueFeatures", "cue_vector"]

_UPPER_RE = re.compile(r"[A-ZА-ЯЁ]")
_NON_LETTERS_RE = re.compile(r"[\W\d_]+")
_NUMBER_RE = re.compile(r"\d+")
_URL_RE = re.compile(r"https?://|www\.|\b[\w-]+\.(?:ru|рф|com|net|org|su|me|cc|ly|co)/")
_MENTION_RE = re.compile(r"(?<![\w@])@\w")
_HASHTAG_RE = re.compile(r"#(?=[^\W\d_])")


def _log_count(n: int) -> float:
    return math.log1p(n) / 2.0


def cue_vector(raw: str) -> list[float]:
    """Return the cue values of one raw text, in the order of ``CUE_NAMES``.

    Works on the raw text lower-cased (no full normalisation: that is the
    preprocessor's job, and doing it twice would halve throughput).
    """
    if not raw:
        return [0.0] * len(CUE_NAMES)
    low = raw.lower().replace("ё", "е")
    n_chars = len(raw)
    letters = len(_NON_LETTERS_RE.sub("", raw))
    upper = len(_UPPER_RE.findall(raw))
    details = len(_NUMBER_RE.findall(raw)) + len(DETAIL_RE.findall(low))
    stripped = raw.rstrip()
    return [
        math.log1p(n_chars) / 6.0,
        min(raw.count("!") / n_chars * 10.0, 1.0),
        float("!!" in raw),
        min(raw.count("?") / n_chars * 10.0, 1.0),
        upper / letters if letters >= 6 else 0.0,
        _log_count(details),
        _log_count(len(FAILURE_RE.findall(low))),
        _log_count(len(SECOND_PERSON_RE.findall(low))),
        _log_count(len(AUDIENCE_RE.findall(low))),
        _log_count(len(PEOPLE_INSULT_RE.findall(low))),
        _log_count(len(COMPETITOR_RE.findall(low))),
        _log_count(len(DEMAND_RE.findall(low))),
        _log_count(len(SWEAR_RE.findall(low)) + len(MASKED_SWEAR_RE.findall(low))),
        _log_count(len(_URL_RE.findall(low)) if "/" in low or "www" in low else 0),
        _log_count(len(_MENTION_RE.findall(raw))),
        _log_count(len(_HASHTAG_RE.findall(raw))),
        _log_count(len(NEWS_RE.findall(low))),
        _log_count(len(SPAM_RE.findall(low))),
        _log_count(len(POLITE_RE.findall(low))),
        _log_count(len(PRAISE_RE.findall(low))),
        float(stripped.endswith("…") or stripped.endswith("...")),
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

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def,unused-ignore]
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags
