"""``CueFeatures``: the stylistic and content cues the annotation guide decides on.

Each cue is a small number per text (a share, a log count or a 0/1 flag), named so
that explanations can show it: "cue:concrete_detail", "cue:pushes_alternative", ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from ._phrases import PhraseMatcher, split_words
from ._texts import as_text_list
from .lexicon import (
    AUDIENCE,
    COMPETITOR,
    DEMAND,
    DETAIL,
    FAILURE,
    MASKED_SWEAR_RE,
    NEWS,
    PEOPLE_INSULTS,
    POLITE,
    PRAISE,
    SECOND_PERSON,
    SPAM,
    SWEARING,
)

__all__ = ["CUE_NAMES", "CueFeatures"]

_UPPER_RE = re.compile(r"[A-ZА-ЯЁ]")
_URL_RE = re.compile(r"https?://|www\.|\b[\w-]+\.(?:ru|рф|com|net|org|su|me|cc|ly|co)/")
_MENTION_RE = re.compile(r"(?<![\w@])@\w")
_HASHTAG_RE = re.compile(r"#(?=[^\W\d_])")

# The word lists counted per text, in the order ``_cue_values`` reads them.
_LISTS = {
    "detail": DETAIL,
    "failure": FAILURE,
    "second_person": SECOND_PERSON,
    "audience": AUDIENCE,
    "people_insults": PEOPLE_INSULTS,
    "competitor": COMPETITOR,
    "demand": DEMAND,
    "swearing": SWEARING,
    "news": NEWS,
    "spam": SPAM,
    "polite": POLITE,
    "praise": PRAISE,
}


def _cue_values(raw: str, matcher: PhraseMatcher) -> list[float]:
    """The raw cue values of one non-empty text (counts not yet log-scaled).

    One pass over the text's words counts every word list (see ``_phrases``); the
    character cues are counts of single characters, or patterns run only when the
    character they need is present. ``CueFeatures.transform`` scales the counts.
    """
    low = raw.lower().replace("ё", "е")
    ws = split_words(low)
    numbers = [w for w in ws if w[0].isdigit()]  # "48213", "5000р", "3g"; not "теле2"
    (detail, failure, second, audience, insults, competitor, demand, swear, news, spam,
     polite, praise) = matcher.counts(ws)  # fmt: skip
    if "*" in low or "@" in low or "#" in low or "$" in low or "%" in low:
        swear += len(MASKED_SWEAR_RE.findall(low))
    n_chars = len(raw)
    letters = sum(map(len, ws)) - sum(map(len, numbers))  # roughly: letters of words
    stripped = raw.rstrip()
    return [
        n_chars,
        min(raw.count("!") / n_chars * 10.0, 1.0),
        float("!!" in raw),
        min(raw.count("?") / n_chars * 10.0, 1.0),
        len(_UPPER_RE.findall(raw)) / letters if letters >= 6 else 0.0,
        len(numbers) + detail,
        failure,
        second,
        audience,
        insults,
        competitor,
        demand,
        swear,
        len(_URL_RE.findall(low)) if "/" in low or "www" in low else 0,
        len(_MENTION_RE.findall(raw)) if "@" in raw else 0,
        len(_HASHTAG_RE.findall(raw)) if "#" in raw else 0,
        news,
        spam,
        polite,
        praise,
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

# Columns holding counts: log-scaled (1 -> 0.35, 3 -> 0.69, 10 -> 1.2) so that one long
# rant does not outweigh everything else.
_COUNT_COLUMNS = np.arange(5, 20)


class CueFeatures(TransformerMixin, BaseEstimator):
    """Cue features of raw texts (see ``CUE_NAMES``); nothing is learned (a word cache is
    built on first use and never saved).

    Parameters
    ----------
    sparse_output : bool
        Return a CSR matrix instead of an array: next to sparse n-gram blocks in a
        ``FeatureUnion`` this saves converting the whole stacked matrix (4x faster).
    """

    def __init__(self, sparse_output: bool = False) -> None:
        self.sparse_output = sparse_output

    def fit(self, X: Iterable[Any], y: object = None) -> CueFeatures:
        """Nothing to learn; present for Pipeline compatibility."""
        return self

    def transform(self, X: Iterable[Any]) -> np.ndarray | sparse.csr_matrix:
        """Return an array (or CSR matrix) of shape (n_texts, len(CUE_NAMES))."""
        texts, _ = as_text_list(X)
        matcher: PhraseMatcher | None = self.__dict__.get("_matcher")
        if matcher is None:  # built on first use, per instance; never pickled
            matcher = self._matcher = PhraseMatcher(_LISTS)
        zeros = [0.0] * len(CUE_NAMES)
        rows = [_cue_values(t, matcher) if t else zeros for t in texts]
        out = np.array(rows, dtype=np.float64).reshape(len(texts), len(CUE_NAMES))
        out[:, 0] = np.log1p(out[:, 0]) / 6.0  # length
        out[:, _COUNT_COLUMNS] = np.log1p(out[:, _COUNT_COLUMNS]) / 2.0
        return sparse.csr_matrix(out) if self.sparse_output else out

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_matcher", None)
        return state

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Names such as ``cue:concrete_detail``."""
        return np.asarray([f"cue:{n}" for n in CUE_NAMES], dtype=object)

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def,unused-ignore]
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags
