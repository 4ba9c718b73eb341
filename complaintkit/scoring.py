"""Batch scoring of comment tables: ``score_frame`` for pandas, ``score_csv`` for files.

``score_csv`` streams the export in chunks (memory stays flat however large the file),
scores chunks on several processes, keeps every row and column in order, and writes
through a temporary file that is renamed only when everything succeeded.
"""

from __future__ import annotations

import csv
import gc
import logging
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from ._io import (
    ExportFormat,
    atomic_output,
    detect_format,
    find_text_column,
    format_from_sample,
    is_same_file,
    iter_chunks,
    read_stdin_bytes,
)
from .api import predict_proba
from .errors import InputFileError
from .labels import LABELS, RESPONSES
from .model import ComplaintClassifier

__all__ = ["OUTPUT_COLUMNS", "ScoreSummary", "score_csv", "score_frame"]

log = logging.getLogger(__name__)

OUTPUT_COLUMNS: tuple[str, ...] = ("complaint_type", "confidence", "priority", "recommended_action")
_PRIORITY = np.asarray([RESPONSES[lab].priority for lab in LABELS])
_ACTION = np.asarray([RESPONSES[lab].action for lab in LABELS], dtype=object)


def score_columns(
    texts: pd.Series, *, model: ComplaintClassifier | None = None, proba: bool = False
) -> pd.DataFrame:
    """Only the added columns for ``texts`` (same index): type, confidence, priority, action."""
    probs = predict_proba(texts.reset_index(drop=True), model=model).to_numpy()
    return columns_from_proba(probs, texts.index, proba=proba)


def columns_from_proba(probs: np.ndarray, index: pd.Index, *, proba: bool = False) -> pd.DataFrame:
    """The added columns from a ``(rows, LABELS)`` probability array; no model needed.

    Split out of ``score_columns`` so that ``complaintkit.dask`` can build its ``meta``
    (column names and dtypes) from the same code without loading a model.
    """
    best = np.argmax(probs, axis=1) if len(probs) else np.zeros(0, dtype=int)
    cols: dict[str, Any] = {
        "complaint_type": np.asarray(LABELS, dtype=object)[best],
        "confidence": probs.max(axis=1).round(4) if len(probs) else np.zeros(0),
        "priority": _PRIORITY[best],
        "recommended_action": _ACTION[best],
    }
    if proba:
        for j, lab in enumerate(LABELS):
            cols[f"proba_{lab}"] = probs[:, j].round(4)
    return pd.DataFrame(cols, index=index)


def score_frame(
    df: pd.DataFrame,
    text_column: str | None = None,
    *,
    model: ComplaintClassifier | None = None,
    proba: bool = False,
) -> pd.DataFrame:
    """Return a copy of ``df`` with ``complaint_type``, ``confidence``, ``priority`` and
    ``recommended_action`` (and ``proba_<label>`` columns with ``proba=True``).

    ``text_column`` is found by name when not given (text, comment, отзыв, текст ...).
    Rows, their order and the index are kept; empty texts are labelled ``other``.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    col = find_text_column(list(df.columns), text_column, sample=df.head(200))
    added = score_columns(df[col], model=model, proba=proba)
    clash = [c for c in added.columns if c in df.columns]
    if clash:
        log.warning("overwriting existing columns %s with new scores", clash)
    return with_columns(df, added)


def with_columns(frame: pd.DataFrame, added: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with ``added`` set column by column, row for row.

    An existing column of the same name is replaced in place; new ones go at the end.
    Shared with ``complaintkit.dask``, whose partitions are merged the same way.
    """
    out = frame.copy()
    added = added.set_axis(frame.index)
    for c in added.columns:
        out[c] = added[c]
    return out


# -- worker processes: the model is loaded once per process, not sent per chunk ----
_WORKER_MODEL: ComplaintClassifier | None = None


def _init_worker(model: ComplaintClassifier | None) -> None:
    global _WORKER_MODEL
    from .api import default_model

    _WORKER_MODEL = model if model is not None else default_model()


def _score_in_worker(texts: pd.Series, proba: bool) -> pd.DataFrame:
    return score_columns(texts, model=_WORKER_MODEL, proba=proba)


@dataclass
class ScoreSummary:
    """What ``score_csv`` did: rows, counts per label, seconds and where it wrote."""

    rows: int
    counts: dict[str, int]
    seconds: float
    output: str
    text_column: str
    input_format: ExportFormat
    empty: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def line(self) -> str:
        """One-line human summary for the terminal."""
        rate = self.rows / self.seconds if self.seconds > 0 else float("inf")
        parts = ", ".join(f"{lab} {self.counts.get(lab, 0)}" for lab in LABELS)
        return (
            f"scored {self.rows} rows in {self.seconds:.1f} s ({rate:,.0f} rows/s) -> "
            f"{self.output}: {parts}"
        )


def default_output(path: Path) -> Path:
    """``comments.csv`` -> ``comments.scored.csv`` (xlsx exports are written as CSV)."""
    suffix = ".csv" if path.suffix.lower() in (".xlsx", ".xlsm", "") else path.suffix
    return path.with_name(f"{path.stem}.scored{suffix}")


def score_csv(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    text_column: str | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    output_encoding: str | None = None,
    jobs: int | None = None,
    proba: bool = False,
    chunksize: int = 5000,
    model: ComplaintClassifier | None = None,
    progress: bool | None = None,
) -> ScoreSummary:
    """Score an export file (CSV, TSV or xlsx; ``"-"`` for standard input) into ``output``.

    ``output`` defaults to ``<input>.scored.csv``; ``"-"`` writes to standard output.
    Encoding and separator are detected unless given; an output file uses the input's
    encoding (standard output uses its own, normally UTF-8) unless ``output_encoding`` is
    set. ``jobs`` worker processes (default: all cores) score chunks of ``chunksize`` rows.
    ``progress=None`` shows a bar only on a terminal.
    """
    if chunksize < 1:
        raise ValueError(f"chunksize must be a positive number of rows, got {chunksize}")
    if jobs is None or jobs <= 0:
        jobs = os.cpu_count() or 1
    started = time.perf_counter()
    src_name = str(input)
    source: Path | IO[bytes]
    if src_name == "-":
        buf = read_stdin_bytes()
        fmt = format_from_sample(buf.getvalue()[: 256 * 1024], "<stdin>", encoding, sep)
        source, size = buf, len(buf.getvalue())
        out_path: Path | None = None if output in (None, "-") else Path(output)
    else:
        in_path = Path(input)
        fmt = detect_format(in_path, encoding, sep)
        if output == "-":
            out_path = None
        else:
            out_path = Path(output) if output is not None else default_output(in_path)
        if out_path is not None and is_same_file(in_path, out_path):
            raise InputFileError(
                f"output {str(out_path)!r} is the input file; choose another -o (the input "
                "is never overwritten)"
            )
        source, size = in_path, in_path.stat().st_size
    if out_path is None:  # what is printed must be readable where it is printed
        out_enc = output_encoding or sys.stdout.encoding or "utf-8"
    else:
        out_enc = output_encoding or (fmt.encoding if fmt.kind == "csv" else "utf-8-sig")
    out_sep = fmt.sep
    counts: Counter[str] = Counter()
    rows = empty = 0
    text_col = ""
    handle: IO[bytes] | None = None
    if isinstance(source, Path) and fmt.kind == "csv":
        handle = source.open("rb")
        reader_source: Path | IO[bytes] = handle
    else:
        reader_source = source
    from tqdm.auto import tqdm

    bar = tqdm(
        total=size, unit="B", unit_scale=True, desc="scoring", file=sys.stderr,
        disable=(not sys.stderr.isatty()) if progress is None else not progress,
    )  # fmt: skip
    try:
        with atomic_output(out_path, out_enc) as sink:
            chunks = iter_chunks(reader_source, fmt, chunksize)
            writer = csv.writer(sink, delimiter=out_sep, lineterminator="\n")
            first = True
            for chunk, added in _scored_chunks(chunks, text_column, jobs, proba, model):
                if first:
                    text_col = str(added.attrs["text_column"])
                _write(chunk, added, writer, header=first)
                first = False
                rows += len(chunk)
                empty += int((chunk[text_col].str.strip() == "").sum())
                counts.update(added["complaint_type"].tolist())
                if handle is not None:
                    bar.update(handle.tell() - bar.n)
            if first:
                raise InputFileError(f"input {src_name!r} has a header but no rows")
            bar.update(size - bar.n)
    except UnicodeEncodeError as exc:
        raise InputFileError(
            f"a text cannot be written in {out_enc}: {exc.object[exc.start : exc.end]!r}; "
            "choose --output-encoding utf-8"
        ) from None
    finally:
        bar.close()
        if handle is not None:
            handle.close()
    return ScoreSummary(
        rows=rows,
        counts=dict(counts),
        seconds=time.perf_counter() - started,
        output="<stdout>" if out_path is None else str(out_path),
        text_column=text_col,
        input_format=fmt,
        empty=empty,
    )


def _write(chunk: pd.DataFrame, added: pd.DataFrame, writer: Any, header: bool) -> None:
    """Write ``chunk`` with the ``added`` columns as CSV rows (as ``to_csv`` would, faster).

    An added column that the input already has replaces it in place; every other added
    column goes at the end. Missing cells (only an xlsx sheet can have them) are empty.
    """
    columns = {c: chunk[c] for c in chunk.columns}
    columns.update((c, added[c]) for c in added.columns)
    if header:
        writer.writerow(columns)
    writer.writerows(zip(*(_cells(col) for col in columns.values()), strict=True))


def _cells(col: pd.Series) -> list[Any]:
    """A column's values for ``csv.writer``; missing values (NaN, None, NA) become ""."""
    values = col.tolist()
    if col.hasnans:
        return ["" if pd.isna(v) else v for v in values]
    return values


def _scored_chunks(
    chunks: Iterator[pd.DataFrame],
    text_column: str | None,
    jobs: int,
    proba: bool,
    model: ComplaintClassifier | None,
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Yield ``(chunk, added_columns)`` in input order, scoring on ``jobs`` processes.

    This process is one of them: a pool of ``jobs - 1`` workers scores chunks while this
    process reads, writes and, whenever every worker already has a chunk running and one
    waiting, scores the next chunk itself (one process fewer holding a model, and no core
    idles while this one is busy with input and output). The first chunk is always scored
    here, so a one-chunk input never starts a pool; when a second chunk exists, the pool
    starts on it before this process scores the first, so both cores work from the start.
    At most ``2 * jobs`` chunks are in flight, which bounds memory.
    """
    col: str | None = None
    pool: ProcessPoolExecutor | None = None
    pending: deque[tuple[pd.DataFrame, Future[pd.DataFrame]]] = deque()
    held: pd.DataFrame | None = None  # the first chunk, until we know whether a second exists

    def score(chunk: pd.DataFrame) -> pd.DataFrame:  # here, in this process
        return score_columns(chunk[col], model=model, proba=proba)

    def first_scored(chunk: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        added = score(chunk)
        added.attrs["text_column"] = col
        return chunk, added

    try:
        for chunk in chunks:
            if chunk.empty:
                continue
            if col is None:
                col = find_text_column(list(chunk.columns), text_column, sample=chunk.head(200))
                if jobs <= 1:
                    yield first_scored(chunk)
                else:
                    held = chunk
                continue
            if jobs <= 1:
                yield chunk, score(chunk)
                continue
            if held is not None:
                # Load the model and build the morphological analyser here first, and keep
                # the garbage collector off those objects while the worker forks: it then
                # shares their pages instead of copying them (what gc.freeze is for). This
                # pays with the "fork" start method (Linux up to Python 3.13); with "spawn"
                # or "forkserver" each worker loads the model itself and nothing is lost.
                score(held.head(50))
                gc.freeze()
                try:
                    pool = ProcessPoolExecutor(
                        jobs - 1, initializer=_init_worker, initargs=(model,)
                    )
                    pending.append((chunk, pool.submit(_score_in_worker, chunk[col], proba)))
                finally:
                    gc.unfreeze()
                yield first_scored(held)
                held = None
                continue
            busy = sum(not fut.done() for _, fut in pending)
            if busy >= 2 * (jobs - 1):
                here: Future[pd.DataFrame] = Future()
                here.set_result(score(chunk))
                pending.append((chunk, here))
            else:
                assert pool is not None  # started with the second chunk, above
                pending.append((chunk, pool.submit(_score_in_worker, chunk[col], proba)))
            while len(pending) >= 2 * jobs:
                done_chunk, fut = pending.popleft()
                yield done_chunk, fut.result()
        if held is not None:
            yield first_scored(held)
        while pending:
            done_chunk, fut = pending.popleft()
            yield done_chunk, fut.result()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
