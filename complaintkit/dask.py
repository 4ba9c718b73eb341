"""Scoring on a Dask cluster, for exports too large or too many for one machine.

``score`` turns a ``dask.dataframe.DataFrame`` into one with the columns ``score_frame``
adds, partition by partition. ``score_files`` is ``complaintkit score --dask``: CSV files
in, a directory of ``part-000.csv``, ``part-001.csv`` ... out. Tasks carry only a model
path; each worker process loads the model once, on its first partition, so the model is
never shipped with every task. Needs the extra: ``pip install 'complaintkit[dask]'``.
"""

from __future__ import annotations

import glob
import importlib
import logging
import math
import os
import sys
import threading
import time
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._io import ExportFormat, atomic_output, csv_read_options, detect_format, find_text_column
from .errors import InputFileError, MissingExtraError, TextColumnError
from .labels import LABELS
from .scoring import ScoreSummary, columns_from_proba, score_columns, with_columns

if TYPE_CHECKING:
    import dask.dataframe as dd
    from distributed import Client

    from .model import ComplaintClassifier

__all__ = ["INSTALL_HINT", "score", "score_files"]

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'complaintkit[dask]'"
_SAMPLE_BYTES = 256 * 1024


def _require(*modules: str) -> None:
    """Import ``modules`` or raise ``MissingExtraError`` naming the install command."""
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise MissingExtraError(
                f"scoring on Dask needs {name}, which is not installed: {INSTALL_HINT}"
            ) from exc


# -- worker side: one model per process, loaded on first use -------------------------
class _WorkerModels:
    """Models loaded in this process, by ``(path, trusted)``; each is loaded once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._models: dict[tuple[str | None, bool], ComplaintClassifier] = {}

    def get(self, path: str | None, trusted: bool) -> ComplaintClassifier:
        key = (path, trusted)
        model = self._models.get(key)
        if model is None:
            with self._lock:
                model = self._models.get(key)
                if model is None:
                    model = _load(path, trusted)
                    self._models[key] = model
        return model


def _load(path: str | None, trusted: bool) -> ComplaintClassifier:
    if path is None:
        from .api import default_model

        return default_model()
    from .persist import load_model

    return load_model(path, trusted=trusted)


_MODELS = _WorkerModels()


def _added_meta(proba: bool) -> pd.DataFrame:
    """Empty added columns with the dtypes a non-empty partition gets."""
    uniform = np.full((1, len(LABELS)), 1.0 / len(LABELS))
    return columns_from_proba(uniform, pd.RangeIndex(1), proba=proba).iloc[:0]


def _score_partition(
    part: pd.DataFrame, text_column: str, proba: bool, model_path: str | None, trusted: bool
) -> pd.DataFrame:
    """Runs on a worker: one partition with the added columns, using the cached model."""
    if part.empty:  # no model needed; keep the dtypes of ``meta``
        return with_columns(part, _added_meta(proba))
    model = _MODELS.get(model_path, trusted)
    return with_columns(part, score_columns(part[text_column], model=model, proba=proba))


# -- Python API ----------------------------------------------------------------------
def score(
    ddf: dd.DataFrame,
    text_column: str | None = None,
    *,
    proba: bool = False,
    model_path: str | os.PathLike[str] | None = None,
    trusted: bool = False,
) -> dd.DataFrame:
    """A lazy copy of ``ddf`` with the columns ``score_frame`` adds, partition by partition.

    ``complaint_type``, ``confidence``, ``priority``, ``recommended_action`` (and one
    ``proba_<label>`` per label with ``proba=True``); rows, their order and the index are
    kept. The text column is found by name as in ``score_frame``, looking at the first
    rows only when several columns qualify. Workers load the bundled model (or
    ``$COMPLAINTKIT_MODEL``), or ``model_path`` if given (a path they can read, loaded
    only with ``trusted=True`` unless it is the bundled model), once per process.
    """
    _require("dask.dataframe")
    import dask.dataframe as dd

    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(
            f"ddf must be a dask.dataframe.DataFrame, got {type(ddf).__name__} "
            "(for pandas use complaintkit.score_frame)"
        )
    return _score(ddf, _text_column(ddf, text_column), proba, model_path, trusted)


def _text_column(ddf: dd.DataFrame, requested: str | None) -> str:
    """``find_text_column`` on the columns; computes ``ddf.head()`` only if ambiguous."""
    cols = [str(c) for c in ddf.columns]
    col = find_text_column(cols, requested)
    if requested is not None:
        return col
    try:
        find_text_column([c for c in cols if c != col])
    except TextColumnError:
        return col  # the only candidate: no need to read any data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "insufficient elements for head"
        sample = ddf.head(200, npartitions=1)
    return find_text_column(cols, None, sample=sample)


def _score(
    ddf: dd.DataFrame,
    col: str,
    proba: bool,
    model_path: str | os.PathLike[str] | None,
    trusted: bool,
) -> dd.DataFrame:
    added = _added_meta(proba)
    clash = [c for c in added.columns if c in ddf.columns]
    if clash:
        log.warning("overwriting existing columns %s with new scores", clash)
    meta = with_columns(ddf._meta, added)
    path = None if model_path is None else os.fspath(model_path)
    return ddf.map_partitions(_score_partition, col, proba, path, trusted, meta=meta)


# -- the CLI: files in, part files out -----------------------------------------------
def score_files(
    inputs: Sequence[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str] | None,
    *,
    scheduler: str = "local",
    text_column: str | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    output_encoding: str | None = None,
    proba: bool = False,
    model_path: str | os.PathLike[str] | None = None,
    trusted: bool = False,
    workers: int | None = None,
    partition_rows: int = 5000,
    progress: bool | None = None,
) -> ScoreSummary:
    """Score CSV/TSV exports on Dask into ``output_dir/part-000.csv``, ``part-001.csv`` ...

    ``scheduler`` is a scheduler address (``tcp://host:8786``) or ``"local"`` for a
    ``LocalCluster`` of ``workers`` processes (default: all cores). ``inputs`` may hold
    globs; encoding and separator are detected on the first file and used for all.
    Every file is read whole by one worker (a quoted text may span lines, so files are
    never cut by bytes), then split into partitions of about ``partition_rows`` rows.
    The parts, in order, hold every input row exactly once; each is written atomically,
    so a task retried after a worker died rewrites its part instead of adding to it.
    On a real cluster, inputs, output and model must be paths the workers can reach.
    """
    _require("dask.dataframe", "distributed")
    if partition_rows < 1:
        raise ValueError(f"partition_rows must be a positive number, got {partition_rows}")
    started = time.perf_counter()
    files = _expand_inputs(inputs)
    out_dir = _prepare_output_dir(output_dir)
    fmt = detect_format(files[0], encoding, sep)
    if fmt.kind != "csv":
        raise InputFileError(
            f"{str(files[0])!r} is an Excel file; --dask reads CSV/TSV exports only "
            "(save it as CSV, or score it without --dask)"
        )
    sample = _first_rows(files[0], fmt)
    col = find_text_column(list(sample.columns), text_column, sample=sample)
    ddf = _read_csvs(files, fmt, partition_rows)
    scored = _score(ddf, col, proba, None if model_path is None else _abs(model_path), trusted)
    out_enc = output_encoding or fmt.encoding
    with _client(scheduler, workers) as client:
        rows, counts, empty, parts = _write_parts(
            client, scored, out_dir, fmt.sep, out_enc, col, fmt, progress
        )
    if rows == 0:
        _remove(parts)
        raise InputFileError(f"the inputs {[str(f) for f in files]} have a header but no rows")
    return ScoreSummary(
        rows=rows,
        counts=counts,
        seconds=time.perf_counter() - started,
        output=str(out_dir),
        text_column=col,
        input_format=fmt,
        empty=empty,
        extra={"parts": len(parts), "inputs": len(files), "scheduler": scheduler},
    )


def _abs(path: str | os.PathLike[str]) -> str:
    return str(Path(path).expanduser().resolve())


def _expand_inputs(inputs: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Absolute paths of the inputs in the order given, globs expanded (sorted), deduped."""
    if not inputs:
        raise InputFileError("no input files given")
    files: list[Path] = []
    for given in inputs:
        name = os.fspath(given)
        if name == "-":
            raise InputFileError("--dask reads files, not standard input; save it to a file")
        if any(ch in name for ch in "*?[") and not Path(name).exists():
            matches = sorted(glob.glob(os.path.expanduser(name)))
            if not matches:
                raise InputFileError(f"no file matches {name!r}")
            found = [Path(m) for m in matches if Path(m).is_file()]
        else:
            found = [Path(name).expanduser()]
        for path in found:
            if not path.is_file():
                what = "a directory, not a file" if path.is_dir() else "not an existing file"
                raise InputFileError(f"input {str(path)!r} is {what}")
            resolved = path.resolve()
            if resolved not in files:
                files.append(resolved)
    if not files:
        raise InputFileError(f"no files match {[os.fspath(i) for i in inputs]}")
    return files


def _prepare_output_dir(output: str | os.PathLike[str] | None) -> Path:
    """The output directory (created); refuses one that already holds part files."""
    if output is None or os.fspath(output) == "-":
        raise InputFileError("--dask writes a directory of part files; name it with -o DIR")
    out = Path(output).expanduser().resolve()
    if out.exists() and not out.is_dir():
        raise InputFileError(f"output {str(out)!r} is a file; --dask needs a directory for -o")
    if out.is_dir() and any(out.glob("part-*")):
        raise InputFileError(
            f"output directory {str(out)!r} already holds part files; choose an empty or new "
            "directory (old parts would mix with the new ones)"
        )
    out.mkdir(parents=True, exist_ok=True)
    return out


def _first_rows(path: Path, fmt: ExportFormat) -> pd.DataFrame:
    """The first rows of ``path``, read here: a cheap sample to find the text column."""
    try:
        sample = pd.read_csv(path, nrows=200, **csv_read_options(fmt))
    except UnicodeDecodeError:
        raise InputFileError(
            f"{str(path)!r} is not valid {fmt.encoding}; give its encoding with --encoding"
        ) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputFileError(f"{str(path)!r} is not a well-formed CSV: {exc}") from None
    return sample


def _read_csvs(files: list[Path], fmt: ExportFormat, partition_rows: int) -> dd.DataFrame:
    """One ``read_csv`` per file, whole (``blocksize=None``), split into partitions.

    All files must have the first file's header: ``concat`` would otherwise pad the
    missing columns with NaN and score blank texts without a word.
    """
    import dask.dataframe as dd

    row_bytes = _bytes_per_row(files[0])
    frames: list[dd.DataFrame] = []
    for path in files:
        try:
            frame = dd.read_csv(str(path), blocksize=None, **csv_read_options(fmt))
        except UnicodeDecodeError:
            raise InputFileError(
                f"{str(path)!r} is not valid {fmt.encoding} (the encoding of the first "
                "file); all inputs must share one encoding, or give it with --encoding"
            ) from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
            raise InputFileError(f"{str(path)!r} is not a well-formed CSV: {exc}") from None
        if frames and list(frame.columns) != list(frames[0].columns):
            raise InputFileError(
                f"{str(path)!r} has the columns {list(frame.columns)}, the first input has "
                f"{list(frames[0].columns)}; all inputs must share one header"
            )
        nparts = max(1, math.ceil(path.stat().st_size / (row_bytes * partition_rows)))
        frames.append(frame.repartition(npartitions=nparts) if nparts > 1 else frame)
    return frames[0] if len(frames) == 1 else dd.concat(frames)


def _bytes_per_row(path: Path) -> float:
    """Rough bytes per line, from the first bytes of ``path`` (to size the partitions)."""
    with path.open("rb") as fh:
        head = fh.read(_SAMPLE_BYTES)
    return max(len(head) / max(head.count(b"\n"), 1), 1.0)


@contextmanager
def _client(scheduler: str, workers: int | None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a new local cluster."""
    from distributed import Client, LocalCluster

    if scheduler != "local":
        with Client(scheduler, set_as_default=False) as client:
            yield client
        return
    n = workers if workers is not None and workers > 0 else (os.cpu_count() or 1)
    # Task errors come back here as clean messages; the workers' own logs only with -v.
    quiet = logging.WARNING if log.isEnabledFor(logging.DEBUG) else logging.CRITICAL
    with (
        LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                     dashboard_address=None, silence_logs=quiet) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):  # fmt: skip
        yield client


def _write_part(
    frame: pd.DataFrame, path: str, sep: str, encoding: str, text_column: str
) -> tuple[int, dict[str, int], int]:
    """Runs on a worker: write one scored partition atomically; rows, counts, empties."""
    with atomic_output(Path(path), encoding) as sink:
        frame.to_csv(sink, sep=sep, index=False, lineterminator="\n")
    counts = {str(k): int(v) for k, v in frame["complaint_type"].value_counts().items()}
    texts = frame[text_column].astype(object).fillna("").astype(str)
    return len(frame), counts, int((texts.str.strip() == "").sum())


def _write_parts(
    client: Client,
    scored: dd.DataFrame,
    out_dir: Path,
    sep: str,
    encoding: str,
    col: str,
    fmt: ExportFormat,
    progress: bool | None,
) -> tuple[int, dict[str, int], int, list[Path]]:
    """Compute and write every partition; on any failure remove the parts written."""
    import dask
    from distributed import as_completed
    from tqdm.auto import tqdm

    parts = scored.to_delayed()
    width = max(3, len(str(len(parts) - 1)))
    paths = [out_dir / f"part-{i:0{width}d}.csv" for i in range(len(parts))]
    writes = [
        dask.delayed(_write_part)(part, str(path), sep, encoding, col)
        for part, path in zip(parts, paths, strict=True)
    ]
    counts: Counter[str] = Counter()
    rows = empty = 0
    bar = tqdm(
        total=len(writes), unit="part", desc="scoring on dask", file=sys.stderr,
        disable=(not sys.stderr.isatty()) if progress is None else not progress,
    )  # fmt: skip
    futures = client.compute(writes)
    try:
        for fut in as_completed(futures, loop=client.loop):
            n, part_counts, part_empty = fut.result()
            rows, empty = rows + n, empty + part_empty
            counts.update(part_counts)
            bar.update(1)
    except BaseException as exc:
        client.cancel(futures)
        _remove(paths)
        translated = _translated(exc, fmt, encoding)
        if translated is None:
            raise
        raise translated from None
    finally:
        bar.close()
        _remove(out_dir.glob(".part-*.part"))  # temp files of attempts on killed workers
    return rows, dict(counts), empty, paths


def _translated(exc: BaseException, fmt: ExportFormat, out_enc: str) -> InputFileError | None:
    """Worker errors about the data as ``InputFileError``; ``None`` for anything else."""
    if isinstance(exc, UnicodeDecodeError):
        return InputFileError(
            f"an input is not valid {fmt.encoding} (the first file's encoding; all inputs "
            "must share it); give the encoding with --encoding"
        )
    if isinstance(exc, UnicodeEncodeError):
        # rebuilt on the client, the exception may have lost ``object``
        bad = exc.object[exc.start : exc.end] if isinstance(exc.object, str) else None
        return InputFileError(
            f"a text cannot be written in {out_enc}"
            + (f": {bad!r}" if bad else "")
            + "; choose --output-encoding utf-8"
        )
    if isinstance(exc, (pd.errors.ParserError, pd.errors.EmptyDataError)):
        return InputFileError(f"an input is not a well-formed CSV: {exc}")
    return None


def _remove(paths: Any) -> None:
    for path in paths:
        with suppress(OSError):
            Path(path).unlink(missing_ok=True)
