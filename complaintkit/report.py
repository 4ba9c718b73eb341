"""Tables and charts for analysing a scored comment export (the notebook's building blocks).

The table functions take the frame returned by ``score_frame`` and give plain pandas
DataFrames, so they can be shown, exported to Excel or plotted elsewhere. Each plot
function draws one of those tables (or a ``Report``) on a matplotlib Axes and returns it.
matplotlib is an optional extra (``complaintkit[notebook]``): it is imported only inside
the plot functions, never when this module is imported.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._io import detect_format, find_text_column, iter_chunks
from .errors import LabelError, MissingExtraError
from .labels import LABELS, RESPONSES

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .api import Analysis
    from .evaluate import Report

__all__ = [
    "LABEL_COLORS",
    "TYPE_COLUMN",
    "analyses_table",
    "answer_first",
    "examples_by_type",
    "label_shares",
    "own_replies",
    "plot_by",
    "plot_confidence",
    "plot_confusion",
    "plot_over_time",
    "plot_shares",
    "read_export",
    "russian_name",
    "top_confusions",
    "types_by",
    "types_over_time",
]

#: Column holding the predicted label in a frame from ``score_frame``.
TYPE_COLUMN = "complaint_type"

#: One colour per label, the same in every chart: red is urgent, grey needs no answer.
LABEL_COLORS: Mapping[str, str] = {
    "constructive": "#d62728",
    "impulsive": "#ff7f0e",
    "competitor_planted": "#9467bd",
    "troll": "#525252",
    "hidden_praise": "#2ca02c",
    "other": "#bdbdbd",
}

_MISSING_GROUP = "(не указано)"


# -- tables ------------------------------------------------------------------------


def read_export(
    path: str | os.PathLike[str], *, encoding: str | None = None, sep: str | None = None
) -> pd.DataFrame:
    """Read a whole export (CSV/TSV/xlsx) as strings, detecting encoding and separator.

    The same detection as ``score_csv``, so cp1251 ``;`` files from Excel just work.
    """
    fmt = detect_format(Path(path), encoding, sep)
    chunks = list(iter_chunks(Path(path), fmt, chunksize=100_000))
    return pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]


def russian_name(label: str) -> str:
    """The Russian name of ``label`` from the playbook (``constructive`` -> Конструктивный ...)."""
    return RESPONSES[label].russian_name if label in RESPONSES else str(label)


def _types(scored: pd.DataFrame, column: str) -> pd.Series:
    """The label column, checked: present and holding only known labels."""
    if column not in scored.columns:
        raise KeyError(
            f"column {column!r} not found; score the frame first with score_frame() "
            f"(columns: {list(scored.columns)})"
        )
    types = scored[column].astype(object)
    bad = sorted(set(types.dropna()) - set(LABELS))
    if bad:
        raise LabelError(f"column {column!r} holds {bad}; allowed labels are {LABELS}")
    return types


def label_shares(scored: pd.DataFrame, column: str = TYPE_COLUMN) -> pd.DataFrame:
    """Count and share of each label, all six in ``LABELS`` order (absent ones as 0).

    Columns: ``russian_name``, ``count``, ``share`` (0..1, sums to 1), ``priority``.
    """
    counts = _types(scored, column).value_counts().reindex(list(LABELS), fill_value=0)
    total = int(counts.sum())
    out = pd.DataFrame(
        {
            "russian_name": [russian_name(lab) for lab in LABELS],
            "count": counts.astype(int).to_numpy(),
            "share": (counts / total).to_numpy() if total else np.zeros(len(LABELS)),
            "priority": [RESPONSES[lab].priority for lab in LABELS],
        },
        index=pd.Index(list(LABELS), name=column),
    )
    return out


def types_over_time(
    scored: pd.DataFrame,
    date_column: str,
    freq: str = "D",
    *,
    dayfirst: bool = True,
    date_format: str | None = None,
    column: str = TYPE_COLUMN,
) -> pd.DataFrame:
    """Comments of each label per day (``freq="D"``), week (``"W"``, Monday first) or month.

    Rows are the start of each period, with every period between the first and last date
    present (quiet days count as 0, so spikes are honest); columns are ``LABELS``.
    Dates like ``03.10.2026 14:22`` are read day first; rows whose date cannot be read
    are left out with a warning saying how many.
    """
    types = _types(scored, column)
    dates = pd.to_datetime(
        scored[date_column], dayfirst=dayfirst, format=date_format, errors="coerce"
    )
    bad = int(dates.isna().sum())
    if bad:
        warnings.warn(
            f"{bad} of {len(dates)} rows have no readable date in {date_column!r}; left out",
            UserWarning,
            stacklevel=2,
        )
    keep = dates.notna().to_numpy()
    periods = dates[keep].dt.to_period(freq)
    counts = pd.crosstab(pd.PeriodIndex(periods), types[keep].to_numpy())
    counts = counts.reindex(columns=list(LABELS), fill_value=0)
    if len(periods):
        full = pd.period_range(periods.min(), periods.max())
        counts = counts.reindex(full, fill_value=0)
        counts.index = full.start_time
    else:
        counts.index = pd.DatetimeIndex([])
    counts.index.name = "period"
    counts.columns.name = column
    return counts.astype(int)


def types_by(
    scored: pd.DataFrame,
    by: str,
    *,
    normalize: bool = False,
    column: str = TYPE_COLUMN,
) -> pd.DataFrame:
    """Crosstab of ``by`` (a channel, product, city ...) against the labels.

    Rows are the values of ``by``, the busiest first (blank ones as "(не указано)");
    columns are ``LABELS``. ``normalize=True`` gives each row's shares (rows sum to 1).
    """
    types = _types(scored, column)
    groups = scored[by].astype(object).where(scored[by].notna(), "")
    groups = groups.map(lambda v: str(v).strip() or _MISSING_GROUP)
    table = pd.crosstab(groups.to_numpy(), types.to_numpy())
    table = table.reindex(columns=list(LABELS), fill_value=0)
    order = table.sum(axis=1).sort_values(ascending=False, kind="stable").index
    table = table.loc[order]
    table.index.name = by
    table.columns.name = column
    if normalize:
        return table.div(table.sum(axis=1).replace(0, 1), axis=0)
    return table.astype(int)


def _with_playbook(scored: pd.DataFrame, column: str) -> pd.DataFrame:
    """``scored`` plus priority and reply columns looked up from the label."""
    types = _types(scored, column)
    out = scored.copy()
    out["russian_name"] = types.map(russian_name)
    if "priority" not in out.columns:
        out["priority"] = types.map(lambda lab: RESPONSES[lab].priority)
    if "recommended_action" not in out.columns:
        out["recommended_action"] = types.map(lambda lab: RESPONSES[lab].action)
    out["priority_name"] = types.map(lambda lab: RESPONSES[lab].priority_name)
    out["reply_draft"] = types.map(lambda lab: RESPONSES[lab].reply_draft or "")
    return out


def answer_first(
    scored: pd.DataFrame,
    n: int = 15,
    *,
    text_column: str | None = None,
    columns: Sequence[str] = (),
    min_priority: int = 1,
    column: str = TYPE_COLUMN,
) -> pd.DataFrame:
    """The ``n`` comments to answer first: highest priority, then the surest, then oldest row.

    Comments that need no reaction (priority below ``min_priority``: trolls, non-complaints)
    are left out. Keeps the original index so rows can be found again, plus the ``columns``
    asked for (date, channel, link ...), the text, label, confidence, the recommended
    action and the reply draft to adapt.
    """
    text = find_text_column(list(scored.columns), text_column, sample=scored.head(200))
    table = _with_playbook(scored, column)
    table = table[table["priority"].astype(int) >= min_priority]
    if "confidence" in table.columns:
        table = table.sort_values(["priority", "confidence"], ascending=False, kind="stable")
    else:
        table = table.sort_values("priority", ascending=False, kind="stable")
    keep = [
        *columns, text, column, "russian_name", "priority", "priority_name",
        *(["confidence"] if "confidence" in table.columns else []),
        "recommended_action", "reply_draft",
    ]  # fmt: skip
    return table.head(n)[keep]


def examples_by_type(
    scored: pd.DataFrame,
    n: int = 2,
    *,
    text_column: str | None = None,
    min_chars: int = 10,
    column: str = TYPE_COLUMN,
) -> pd.DataFrame:
    """The ``n`` most confident comments of each label, in ``LABELS`` order.

    Typical examples to read before trusting a chart. Texts shorter than ``min_chars``
    (a lone "?" left where an export lost an emoji) say little and are skipped, as are
    labels with no comments.
    """
    text = find_text_column(list(scored.columns), text_column, sample=scored.head(200))
    types = _types(scored, column)
    filled = scored[text].fillna("").astype(str).str.strip().str.len() >= max(min_chars, 1)
    parts = []
    for lab in LABELS:
        rows = scored[filled & (types == lab)]
        if "confidence" in rows.columns:
            rows = rows.sort_values("confidence", ascending=False, kind="stable")
        parts.append(rows.head(n))
    return pd.concat(parts) if parts else scored.head(0)


def _cue_name(name: str) -> str:
    """``cue:concrete_detail`` -> ``concrete_detail``; ``word:заказ`` -> ``«заказ»``."""
    kind, sep, rest = name.partition(":")
    if not sep:
        return name
    return rest if kind == "cue" else f"«{rest}»"


def analyses_table(analyses: Iterable[Analysis], *, max_cues: int = 4) -> pd.DataFrame:
    """One row per ``Analysis``: text, label, confidence, priority and its top cues."""
    rows = [
        {
            "text": a.text,
            "label": a.label,
            "russian_name": a.russian_name,
            "confidence": round(a.confidence, 2),
            "priority_name": a.priority_name,
            "cues": ", ".join(_cue_name(name) for name, _ in a.cues[:max_cues]) or "—",
        }
        for a in analyses
    ]
    cols = ["text", "label", "russian_name", "confidence", "priority_name", "cues"]
    return pd.DataFrame(rows, columns=cols)


def top_confusions(report: Report, n: int = 5) -> pd.DataFrame:
    """The ``n`` most frequent mistakes in ``report``, the commonest first.

    Columns: ``true`` and ``predicted`` label, ``count``, and ``share_of_true``: the part of
    all comments of the true label that went this wrong way.
    """
    cm = report.confusion
    rows = [
        (g, p, int(cm.loc[g, p]), cm.loc[g, p] / max(int(cm.loc[g].sum()), 1))
        for g in cm.index
        for p in cm.columns
        if g != p and cm.loc[g, p] > 0
    ]
    table = pd.DataFrame(rows, columns=["true", "predicted", "count", "share_of_true"])
    table = table.sort_values("count", ascending=False, kind="stable").head(n)
    return table.reset_index(drop=True)


def own_replies(frame: pd.DataFrame, author_column: str, brand: str) -> pd.Series:
    """True for rows written by the brand's own accounts (author starts with ``brand``).

    Exports of a thread include the brand's answers ("ВкусноДом | Поддержка"); they are
    not customer comments and should be left out of the analysis.
    """
    authors = frame[author_column].fillna("").astype(str).str.strip().str.casefold()
    return authors.str.startswith(brand.strip().casefold())


# -- plots -------------------------------------------------------------------------


def _pyplot() -> Any:
    """``matplotlib.pyplot``, or a clear error saying which extra to install."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingExtraError(
            "complaintkit plots need matplotlib: pip install 'complaintkit[notebook]'"
        ) from None
    return plt


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, new = _pyplot().subplots(figsize=figsize, layout="constrained")
    return new


def _colors(labels: Iterable[str]) -> list[str]:
    return [LABEL_COLORS.get(lab, "#1f77b4") for lab in labels]


def _legend_right(ax: Axes) -> None:
    """The label legend outside the plot, on the right, where it hides no data."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)


def _percent(axis: Any) -> None:
    """Tick labels of ``axis`` (an ``ax.xaxis``/``ax.yaxis``) as whole percents of 1."""
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))


def plot_shares(shares: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Horizontal bars from ``label_shares``: one per label, with its share and count."""
    ax = _axes(ax, (8, 3.6))
    labels = list(shares.index)
    y = np.arange(len(labels))
    bars = ax.barh(y, shares["share"].to_numpy(), color=_colors(labels))
    ax.set_yticks(y, labels=[russian_name(lab) for lab in labels])
    ax.invert_yaxis()
    texts = [f"{s:.0%} ({c})" for s, c in zip(shares["share"], shares["count"], strict=True)]
    ax.bar_label(bars, labels=texts, padding=3)
    ax.set_xlim(0, max(float(shares["share"].max()), 0.01) * 1.2)
    _percent(ax.xaxis)
    ax.set_xlabel("доля комментариев")
    ax.set_title("Типы комментариев")
    return ax


def plot_over_time(counts: pd.DataFrame, ax: Axes | None = None, *, share: bool = False) -> Axes:
    """One line per label that occurs in ``types_over_time`` output (share of the period
    with ``share=True``); dates on the x axis as ``dd.mm``."""
    ax = _axes(ax, (10, 4))
    from matplotlib.dates import DateFormatter

    data = counts.div(counts.sum(axis=1).replace(0, 1), axis=0) if share else counts
    present = [lab for lab in counts.columns if counts[lab].sum() > 0]
    x = pd.DatetimeIndex(counts.index).to_pydatetime()
    for lab in present:
        ax.plot(
            x, data[lab].to_numpy(), marker="o", markersize=3, linewidth=1.6,
            color=LABEL_COLORS.get(lab), label=russian_name(lab),
        )  # fmt: skip
    ax.xaxis.set_major_formatter(DateFormatter("%d.%m"))
    if share:
        _percent(ax.yaxis)
    ax.set_ylabel("доля за период" if share else "комментариев")
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    _legend_right(ax)
    ax.set_title("Типы комментариев по времени")
    return ax


def plot_by(table: pd.DataFrame, ax: Axes | None = None, *, normalize: bool = True) -> Axes:
    """Stacked horizontal bars from ``types_by``: one bar per group, one segment per label.

    ``normalize=True`` draws each group's shares (bars of equal length, easy to compare)
    and writes the group size next to its name.
    """
    ax = _axes(ax, (9, 0.45 * len(table) + 1.6))
    totals = table.sum(axis=1)
    data = table.div(totals.replace(0, 1), axis=0) if normalize else table
    y = np.arange(len(table))
    left = np.zeros(len(table))
    for lab in table.columns:
        values = data[lab].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=LABEL_COLORS.get(lab), label=russian_name(lab))
        left += values
    names = [
        f"{g} ({int(t)})" if normalize else str(g) for g, t in zip(table.index, totals, strict=True)
    ]
    ax.set_yticks(y, labels=names)
    ax.invert_yaxis()
    if normalize:
        ax.set_xlim(0, 1)
        _percent(ax.xaxis)
    ax.set_xlabel("доля комментариев" if normalize else "комментариев")
    _legend_right(ax)
    ax.set_title(f"Типы комментариев: {table.index.name}" if table.index.name else "")
    return ax


def plot_confidence(
    scored: pd.DataFrame,
    ax: Axes | None = None,
    *,
    bins: int = 20,
    threshold: float | None = 0.5,
    column: str = TYPE_COLUMN,
) -> Axes:
    """Histogram of ``confidence``, stacked by predicted label (one layer per label present).

    A dashed line marks ``threshold``: comments left of it deserve a human look.
    """
    ax = _axes(ax, (9, 3.6))
    types = _types(scored, column)
    conf = scored["confidence"].astype(float)
    present = [lab for lab in LABELS if (types == lab).any()]
    ax.hist(
        [conf[types == lab].to_numpy() for lab in present], bins=bins, range=(0, 1),
        stacked=True, color=_colors(present), label=[russian_name(lab) for lab in present],
    )  # fmt: skip
    if threshold is not None:
        low = int((conf < threshold).sum())
        ax.axvline(threshold, color="black", linestyle="--", linewidth=1)
        ax.annotate(
            f"ниже {threshold:g}: {low} — проверить вручную", xy=(threshold, 1),
            xycoords=("data", "axes fraction"), xytext=(-4, -4), textcoords="offset points",
            ha="right", va="top", fontsize="small",
        )  # fmt: skip
    ax.set_xlabel("уверенность модели")
    ax.set_ylabel("комментариев")
    _legend_right(ax)
    ax.set_title("Насколько модель уверена")
    return ax


def plot_confusion(report: Report, ax: Axes | None = None, *, normalize: bool = False) -> Axes:
    """The confusion matrix of ``report`` (rows: true label, columns: predicted).

    ``normalize=True`` colours and prints each row's shares (the recall view); the
    title carries accuracy and macro-F1.
    """
    ax = _axes(ax, (7, 6))
    cm = report.confusion
    values = cm.to_numpy(dtype=float)
    shown = values / np.maximum(values.sum(axis=1, keepdims=True), 1) if normalize else values
    ax.imshow(shown, cmap="Blues", vmin=0)
    high = shown.max() / 2 if shown.size else 0
    for i in range(shown.shape[0]):
        for j in range(shown.shape[1]):
            text = f"{shown[i, j]:.0%}" if normalize else f"{int(values[i, j])}"
            color = "white" if shown[i, j] > high else "black"
            ax.text(j, i, text, ha="center", va="center", color=color, fontsize="small")
    ax.set_xticks(
        range(len(cm.columns)), labels=[russian_name(c) for c in cm.columns],
        rotation=35, ha="right", rotation_mode="anchor",
    )  # fmt: skip
    ax.set_yticks(range(len(cm.index)), labels=[russian_name(r) for r in cm.index])
    ax.set_xlabel("предсказано моделью")
    ax.set_ylabel("верная метка")
    ax.set_title(f"{report.name}: accuracy {report.accuracy:.2f}, macro-F1 {report.macro_f1:.2f}")
    return ax
