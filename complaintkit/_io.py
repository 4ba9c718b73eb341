"""Reading real-world comment exports: encoding, separator and text column detection.

Exports come from Excel (cp1251, ``;``), social-listening tools (UTF-8 with BOM, tabs)
and CRMs (quoted fields with line breaks). Everything is read as text (``dtype=str``)
so that ids like ``00123`` and dates survive the round trip unchanged.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd

from .errors import InputFileError, TextColumnError

__all__ = [
    "ExportFormat",
    "atomic_output",
    "csv_read_options",
    "detect_format",
    "find_text_column",
    "format_from_sample",
    "iter_chunks",
]

_SAMPLE = 256 * 1024
_TEXT_NAMES = (
    "text", "comment", "message", "review", "post", "body", "content", "feedback",
    "текст", "комментари", "отзыв", "сообщени", "пост", "содержани", "обращени", "жалоб",
)  # fmt: skip
_NOT_TEXT = re.compile(
    r"(?:^|[^a-zа-я])(?:id|ид|date|дата|time|время|author|автор|user|url|link|ссылк|count|"
    r"число|кол-во|likes|лайк|type|тип|label|метк|lang|язык|num|номер|channel|канал)(?:$|[^a-zа-я])"
)


@dataclass(frozen=True)
class ExportFormat:
    """How a delimited export is written: encoding (as Python names it) and separator."""

    encoding: str
    sep: str
    kind: str = "csv"  # "csv" or "xlsx"


def _read_sample(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(_SAMPLE)
    except FileNotFoundError:
        raise InputFileError(f"input file {str(path)!r} does not exist") from None
    except IsADirectoryError:
        raise InputFileError(f"input {str(path)!r} is a directory, not a file") from None
    except PermissionError:
        raise InputFileError(f"input file {str(path)!r} cannot be read (permission)") from None


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig`` for a BOM, ``utf-8`` when the sample decodes, else ``cp1251``."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)  # a cut multi-byte char at the end is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    text = sample.decode("cp1251", errors="replace")
    high = [c for c in text if ord(c) > 127]
    cyr = sum(1 for c in high if "а" <= c.lower() <= "я" or c in "ёЁ")
    if high and cyr / len(high) >= 0.6:
        return "cp1251"
    raise InputFileError(
        "the file is neither UTF-8 nor cp1251 Russian text; give its encoding with --encoding"
    )


def detect_sep(text_sample: str, suffix: str = "") -> str:
    """Pick ``,`` ``;`` or tab by sniffing the first lines (``.tsv`` means tab)."""
    if suffix == ".tsv":
        return "\t"
    lines = text_sample.splitlines()
    head = "\n".join(lines[:50])
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t").delimiter
    except csv.Error:
        first = lines[0] if lines else ""
        counts = {s: first.count(s) for s in (";", "\t", ",")}
        best = max(counts, key=lambda s: counts[s])
        return best if counts[best] else ","


def detect_format(path: Path, encoding: str | None = None, sep: str | None = None) -> ExportFormat:
    """Find how ``path`` is written; explicit ``encoding``/``sep`` win over detection."""
    return format_from_sample(_read_sample(path), str(path), encoding, sep)


def format_from_sample(
    sample: bytes, name: str, encoding: str | None = None, sep: str | None = None
) -> ExportFormat:
    """Detection on the first bytes of an input called ``name`` (a path or "<stdin>")."""
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or sample.startswith(b"PK\x03\x04"):
        return ExportFormat("utf-8", ",", "xlsx")
    if not sample.strip():
        raise InputFileError(f"input {name!r} is empty")
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputFileError(f"input {name!r} looks binary, not a CSV/TSV text export")
    enc = encoding or detect_encoding(sample)
    try:
        text = sample.decode(enc, errors="strict" if encoding is None else "replace")
    except UnicodeDecodeError:
        text = sample[: max(len(sample) - 4, 0)].decode(enc, errors="replace")
    except LookupError:
        raise InputFileError(f"encoding={encoding!r} is not an encoding Python knows") from None
    return ExportFormat(enc, sep or detect_sep(text, suffix))


def _norm_header(name: str) -> str:
    return str(name).strip().lower().replace("ё", "е").replace("_", " ")


def find_text_column(
    columns: Sequence[str], requested: str | None = None, sample: pd.DataFrame | None = None
) -> str:
    """The column holding the comment text.

    ``requested`` is matched exactly, then case-insensitively. Otherwise headers equal to
    or containing a known name (text, comment, отзыв, текст ...) qualify, ids and dates do
    not; among several, the one with the longest texts in ``sample`` wins.
    """
    cols = [str(c) for c in columns]
    if requested is not None:
        if requested in cols:
            return requested
        folded = [c for c in cols if _norm_header(c) == _norm_header(requested)]
        if len(folded) == 1:
            return folded[0]
        raise TextColumnError(requested, cols)
    exact = [c for c in cols if _norm_header(c) in _TEXT_NAMES]
    contains = [
        c
        for c in cols
        if c not in exact
        and any(n in _norm_header(c) for n in _TEXT_NAMES)
        and not _NOT_TEXT.search(_norm_header(c))
    ]
    candidates = exact or contains
    if not candidates:
        raise TextColumnError(None, cols)
    if len(candidates) == 1 or sample is None:
        return candidates[0]

    def mean_len(c: str) -> float:
        return float(sample[c].fillna("").astype(str).str.len().mean())

    return max(candidates, key=mean_len)


def csv_read_options(fmt: ExportFormat) -> dict[str, Any]:
    """``pandas.read_csv`` options for a CSV export: every cell a string, nothing as NaN."""
    return {
        "sep": fmt.sep,
        "encoding": fmt.encoding,
        "dtype": str,
        "keep_default_na": False,
        "na_filter": False,
        "engine": "c",
        "on_bad_lines": "error",
    }


def iter_chunks(
    source: Path | IO[bytes], fmt: ExportFormat, chunksize: int
) -> Iterator[pd.DataFrame]:
    """Yield the export in chunks of ``chunksize`` rows, every cell as a string."""
    if fmt.kind == "xlsx":
        try:
            frame = pd.read_excel(source, dtype=str, keep_default_na=False)
        except ImportError:
            raise InputFileError(
                "reading .xlsx needs openpyxl: pip install 'complaintkit[xlsx]'"
            ) from None
        for start in range(0, max(len(frame), 1), chunksize):
            yield frame.iloc[start : start + chunksize]
        return
    try:
        reader = pd.read_csv(source, chunksize=chunksize, **csv_read_options(fmt))
        with reader:
            yield from reader
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"the file is not valid {fmt.encoding} (byte {exc.start}); give its encoding "
            "with --encoding"
        ) from None
    except pd.errors.EmptyDataError:
        raise InputFileError("the input has no header row or no data") from None
    except pd.errors.ParserError as exc:
        raise InputFileError(f"the input is not a well-formed CSV: {exc}") from None


@contextmanager
def atomic_output(path: Path | None, encoding: str) -> Iterator[IO[str]]:
    """Open a text sink that becomes ``path`` only when the block succeeds.

    ``None`` means standard output. Otherwise a temporary file beside ``path`` is written
    and renamed over it at the end; on any error or Ctrl-C it is deleted, so no half
    file is ever left behind.
    """
    if path is None:
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="",
                                  write_through=True)  # fmt: skip
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_stdin_bytes() -> io.BytesIO:
    """Standard input as a seekable buffer (detection needs to look before reading)."""
    return io.BytesIO(sys.stdin.buffer.read())


def is_same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name the same existing file."""
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
