"""Turn whatever the user passes as "texts" into a clean list of strings.

Missing values (None, NaN, pandas NA, empty or whitespace-only strings) become "" and
are flagged, so a batch never fails on a blank cell; any other non-string value is a
mistake (a wrong column, bytes) and raises ``TextTypeError`` naming its position.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .errors import TextTypeError


def is_missing(value: object) -> bool:
    """True for None, float NaN, ``pd.NA`` and ``pd.NaT``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def as_text_list(texts: Iterable[Any]) -> tuple[list[str], np.ndarray]:
    """Return ``(texts, empty)``: the texts as ``str`` and a boolean mask of empty ones.

    A single string is refused here (the public API wraps it first), because iterating
    over it would score every character.
    """
    if isinstance(texts, str):
        raise TextTypeError("<whole input>", texts)
    if type(texts) is list and all(type(v) is str for v in texts):
        # The common case, and the one every pipeline step sees again: one cheap pass.
        blank = [not v or v.isspace() for v in texts]
        kept = (
            [("" if b else v) for v, b in zip(texts, blank, strict=True)]
            if any(blank)
            else list(texts)
        )
        return kept, np.asarray(blank, dtype=bool)
    if isinstance(texts, pd.Series):
        positions: Iterable[Any] = texts.index
        values: Iterable[Any] = texts.to_numpy(dtype=object)
    elif isinstance(texts, pd.DataFrame):
        raise TypeError("texts is a DataFrame; pass one column, e.g. df['text']")
    else:
        positions = None  # type: ignore[assignment]
        values = texts
    out: list[str] = []
    empty: list[bool] = []
    pos_iter = iter(positions) if positions is not None else None
    for i, value in enumerate(values):
        pos = next(pos_iter) if pos_iter is not None else i
        if isinstance(value, str):
            stripped = value.strip()
            out.append(value if stripped else "")
            empty.append(not stripped)
        elif is_missing(value):
            out.append("")
            empty.append(True)
        else:
            raise TextTypeError(pos, value)
    return out, np.asarray(empty, dtype=bool)
