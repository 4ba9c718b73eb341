"""Batch scoring: every row kept in order, inputs untouched, atomic output, CLI errors."""

from __future__ import annotations

import codecs
import csv
import io
import sys

import pandas as pd
import pytest

from complaintkit import LABELS, predict, score_csv, score_frame
from complaintkit.cli import main
from complaintkit.errors import InputFileError, TextColumnError

TEXTS = [
    "Заказ 48213 привезли разбитым; курьер уехал",
    "Ненавижу вас!!!",
    "",
    'Она сказала: "ждите"\nи повесила трубку',
    "Спасибо, всё супер",
    "Опять всё раскупили за час",
]


def make_frame(n: int = 1) -> pd.DataFrame:
    rows = TEXTS * n
    return pd.DataFrame(
        {
            "id": [f"{i:05d}" for i in range(len(rows))],
            "Дата": ["01.10.2026"] * len(rows),
            "Текст комментария": rows,
        }
    )


def write(df: pd.DataFrame, path, encoding: str, sep: str) -> bytes:
    df.to_csv(path, sep=sep, index=False, encoding=encoding)
    return path.read_bytes()


def test_score_frame_adds_columns_and_keeps_rows():
    df = make_frame()
    df.index = [5, 3, 9, 1, 7, 2]
    out = score_frame(df)
    assert list(out.index) == [5, 3, 9, 1, 7, 2]
    assert list(out.columns)[:3] == list(df.columns)
    for c in ("complaint_type", "confidence", "priority", "recommended_action"):
        assert c in out.columns
    assert out["complaint_type"].tolist() == predict(df["Текст комментария"].tolist())
    assert out.loc[9, "complaint_type"] == "other"
    assert "complaint_type" not in df.columns  # the input frame is untouched


def test_score_frame_proba_columns():
    out = score_frame(make_frame(), proba=True)
    probs = out[[f"proba_{lab}" for lab in LABELS]]
    assert ((probs.sum(axis=1) - 1).abs() < 1e-3).all()


def test_score_frame_bad_column():
    with pytest.raises(TextColumnError):
        score_frame(pd.DataFrame({"id": [1]}))


@pytest.mark.parametrize(
    ("encoding", "sep", "out_encoding"),
    [
        ("cp1251", ";", "cp1251"),
        ("utf-8-sig", ",", "utf-8-sig"),
        ("utf-8", "\t", "utf-8"),
    ],
)
def test_score_csv_round_trip(tmp_path, encoding, sep, out_encoding):
    df = make_frame(3)
    src = tmp_path / "export.csv"
    before = write(df, src, encoding, sep)
    summary = score_csv(src, tmp_path / "out.csv", jobs=1, chunksize=4)
    assert src.read_bytes() == before  # input never modified
    raw = (tmp_path / "out.csv").read_bytes()
    if out_encoding == "utf-8-sig":
        assert raw.startswith(codecs.BOM_UTF8)
    out = pd.read_csv(tmp_path / "out.csv", sep=sep, encoding=out_encoding, dtype=str,
                      keep_default_na=False)  # fmt: skip
    assert len(out) == len(df) == summary.rows
    assert out["id"].tolist() == df["id"].tolist()  # order and leading zeros kept
    assert out["Текст комментария"].tolist() == df["Текст комментария"].tolist()
    assert out["complaint_type"].tolist() == predict(df["Текст комментария"].tolist())
    assert summary.text_column == "Текст комментария"
    assert sum(summary.counts.values()) == len(df)


@pytest.mark.parametrize("chunksize", [7, 50, 120, 10_000])  # 35, 5, 2 and 1 chunks
def test_parallel_equals_serial(tmp_path, chunksize):
    df = make_frame(40)
    src = tmp_path / "big.csv"
    write(df, src, "utf-8", ",")
    score_csv(src, tmp_path / "a.csv", jobs=1, chunksize=chunksize)
    score_csv(src, tmp_path / "b.csv", jobs=2, chunksize=chunksize)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_rows_written_as_pandas_writes_them(sep):
    """The fast CSV writer gives ``to_csv``'s bytes: quoting, line breaks, an input column
    named like an output column (replaced in place), missing cells (xlsx) left empty."""
    from complaintkit.scoring import _write, columns_from_proba

    chunk = pd.DataFrame(
        {
            "id": ["007", "8", None],
            "confidence": ["old", "old", "old"],
            "text": ['a "quoted", text', "line\nbreak; tab\there", float("nan")],
        }
    )
    probs = pd.DataFrame([[0.1, 0.2, 0.3, 0.1, 0.1, 0.2]] * 3).to_numpy()
    added = columns_from_proba(probs, chunk.index, proba=True)
    expected = chunk.copy()
    for c in added.columns:
        expected[c] = added[c].to_numpy()
    sink = io.StringIO()
    writer = csv.writer(sink, delimiter=sep, lineterminator="\n")
    _write(chunk, added, writer, header=True)
    assert sink.getvalue() == expected.to_csv(sep=sep, index=False, lineterminator="\n")
    assert list(chunk["confidence"]) == ["old"] * 3  # the chunk itself is untouched


def test_one_chunk_starts_no_worker_pool(tmp_path, monkeypatch):
    import complaintkit.scoring as scoring

    def no_pool(*args, **kwargs):
        raise AssertionError("a one-chunk input must be scored in this process")

    monkeypatch.setattr(scoring, "ProcessPoolExecutor", no_pool)
    df = make_frame(5)
    src = tmp_path / "small.csv"
    write(df, src, "utf-8", ",")
    summary = score_csv(src, tmp_path / "out.csv", jobs=2, chunksize=10_000)
    assert summary.rows == len(df)


def test_xlsx_input(tmp_path):
    pytest.importorskip("openpyxl")
    df = make_frame()
    src = tmp_path / "export.xlsx"
    df.to_excel(src, index=False)
    summary = score_csv(src, tmp_path / "out.csv", jobs=1)
    out = pd.read_csv(tmp_path / "out.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(out) == len(df) == summary.rows


def test_default_output_name(tmp_path):
    src = tmp_path / "export.csv"
    write(make_frame(), src, "utf-8", ",")
    summary = score_csv(src, jobs=1)
    assert summary.output.endswith("export.scored.csv")


def test_refuses_to_overwrite_input(tmp_path):
    src = tmp_path / "export.csv"
    before = write(make_frame(), src, "utf-8", ",")
    with pytest.raises(InputFileError, match="input file"):
        score_csv(src, src)
    assert src.read_bytes() == before


def test_failure_leaves_no_output(tmp_path, monkeypatch):
    src = tmp_path / "export.csv"
    write(make_frame(5), src, "utf-8", ",")
    out = tmp_path / "out.csv"
    from complaintkit import scoring

    calls = {"n": 0}
    real = scoring.score_columns

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(scoring, "score_columns", flaky)
    with pytest.raises(KeyboardInterrupt):
        score_csv(src, out, jobs=1, chunksize=5)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]


def test_missing_column_error_lists_columns(tmp_path):
    src = tmp_path / "x.csv"
    write(pd.DataFrame({"id": [1], "date": ["x"]}), src, "utf-8", ",")
    with pytest.raises(TextColumnError, match="'id', 'date'"):
        score_csv(src, tmp_path / "o.csv")
    assert not (tmp_path / "o.csv").exists()


def test_header_only(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("id,text\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="no rows"):
        score_csv(src, tmp_path / "o.csv")


# -- CLI -----------------------------------------------------------------------
def test_cli_score_and_summary(tmp_path, capsys):
    src = tmp_path / "export.csv"
    write(make_frame(), src, "cp1251", ";")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--jobs", "1", "--proba"]) == 0
    err = capsys.readouterr().err
    assert "scored 6 rows" in err
    out = pd.read_csv(tmp_path / "o.csv", sep=";", encoding="cp1251")
    assert "proba_troll" in out.columns and len(out) == 6


def test_cli_stdin_stdout(tmp_path, monkeypatch, capsysbinary):
    data = make_frame().to_csv(index=False).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["score", "-", "-o", "-", "--jobs", "1", "-q"]) == 0
    out = pd.read_csv(io.BytesIO(capsysbinary.readouterr().out), dtype=str, keep_default_na=False)
    assert len(out) == 6 and "complaint_type" in out.columns


def test_cli_stdout_is_readable_for_cp1251_input(tmp_path, capsysbinary):
    src = tmp_path / "excel.csv"
    write(make_frame(), src, "cp1251", ";")
    assert main(["score", str(src), "-o", "-", "--jobs", "1", "-q"]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8")  # not the input's cp1251
    assert text.startswith("id;Дата;Текст комментария;complaint_type")


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (None, [], "does not exist"),
        (b"", [], "empty"),
        (b"\x00\x01\x02binary\x00", [], "binary"),
        (b"id,date\n1,2\n", [], "no text column"),
        ("id,text\n1,привет\n".encode(), ["--text-column", "body"], "body"),
        (bytes(range(128, 256)) * 8, [], "--encoding"),
    ],
)
def test_cli_errors_are_one_line(tmp_path, capsys, content, extra, message):
    src = tmp_path / "in.csv"
    if content is not None:
        src.write_bytes(content)
    code = main(["score", str(src), "-o", str(tmp_path / "o.csv"), *extra])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert message in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert not (tmp_path / "o.csv").exists()
