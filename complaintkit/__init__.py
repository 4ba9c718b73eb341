"""complaintkit: which kind of negative comment is this, and how should the brand answer?

Reads Russian comments about a company (posts, replies, reviews) and labels each as
``constructive``, ``impulsive``, ``competitor_planted``, ``troll``, ``hidden_praise`` or
``other``, with a confidence, the cues behind the decision and the recommended response.
"""

from __future__ import annotations

from ._version import __version__
from .api import Analysis, analyze, predict, predict_proba
from .labels import LABELS, RESPONSES
from .model import ComplaintClassifier
from .persist import load_model
from .preprocess import TextPreprocessor
from .scoring import score_csv, score_frame

__all__ = [
    "LABELS",
    "RESPONSES",
    "Analysis",
    "ComplaintClassifier",
    "TextPreprocessor",
    "__version__",
    "analyze",
    "load_model",
    "predict",
    "predict_proba",
    "score_csv",
    "score_frame",
]
