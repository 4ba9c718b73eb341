"""Scoring on Dask: same rows as ``score_frame``, none lost or doubled when a worker dies.

One two-process ``LocalCluster`` serves the whole module. Predictions are never checked
against fixed labels, only Dask against local scoring with the same model file (a copy
taken at the start, so a retrained bundled model cannot make the two paths disagree).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

distributed = pytest.importorskip("distributed")
dd = pytest.importorskip("dask.dataframe")

from complaintkit import load_model, score_frame  # noqa: E402
from complaintkit.cli import main  # noqa: E402
from complaintkit.dask import INSTALL_HINT, score, score_files  # noqa: E402
from complaintkit.errors import InputFileError, MissingExtraError  # noqa: E402
from complaintkit.persist import bundled_model_path  # noqa: E402
from complaintkit.scoring import OUTPUT_COLUMNS  # noqa: E402

ROWS = 3000


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster, set_as_default=False) as client:
        yield client


@pytest.fixture(scope="module")
def model_file(tmp_path_factory) -> Path:
    """A snapshot of the bundled model, used by the workers and by the local reference."""
    path = tmp_path_factory.mktemp("model") / "model.joblib"
    shutil.copyfile(bundled_model_path(), path)
    return path


@pytest.fixture(scope="module")
def frame(corpus) -> pd.DataFrame:
    """A few thousand real comments with ids, blanks and a text spanning lines."""
    texts = corpus["text"].tolist()
    texts = (texts * (ROWS // len(texts) + 1))[:ROWS]
    df = pd.DataFrame({"id": [f"c{i:05d}" for i in range(ROWS)], "text": texts})
    df.loc[3, "text"] = ""
    df.loc[4, "text"] = "   "
    df.loc[5, "text"] = 'Первая строка,\nвторая "в кавычках";\n\nи третья'
    df["likes"] = [str(i % 17) for i in range(ROWS)]
    return df


def _kill_busy_worker(client, job_done) -> str:
    """SIGKILL a worker process as soon as it runs a task of the job; its address."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        busy = [w for w, keys in client.processing().items() if keys]
        if busy:
            assert not job_done(), "the job ended before a worker could be killed"
            pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            return busy[0]
        time.sleep(0.02)
    raise AssertionError("no worker ever ran a task of the job")


def _read_parts(out: Path, encoding: str = "utf-8", sep: str = ",") -> pd.DataFrame:
    parts = sorted(glob.glob(str(out / "part-*.csv")))
    assert parts, f"no part files in {out}"
    return pd.concat(
        [pd.read_csv(p, dtype=str, keep_default_na=False, encoding=encoding, sep=sep)
         for p in parts],
        ignore_index=True,
    )  # fmt: skip


def test_matches_score_frame_row_for_row(client, frame, model_file):
    ddf = dd.from_pandas(frame, npartitions=6)
    result = score(ddf, proba=True, model_path=model_file, trusted=True)
    got = client.compute(result).result()
    expected = score_frame(frame, model=load_model(model_file, trusted=True), proba=True)
    assert list(result.columns) == list(expected.columns)  # meta, before computing
    assert set(OUTPUT_COLUMNS) < set(got.columns)
    assert got.dtypes.to_dict() == result.dtypes.to_dict()  # meta matches the partitions
    assert got.index.equals(expected.index)
    # Floats are rounded to 4 places on both paths; a batch-dependent last bit in BLAS
    # could in principle move a rounding, hence the tolerance of one unit.
    pd.testing.assert_frame_equal(
        got, expected, check_dtype=False, check_exact=False, rtol=0, atol=1.01e-4
    )


def test_ambiguous_text_column_uses_first_rows(client, frame, model_file):
    df = frame.head(300).assign(comment=lambda d: [f"#{i}" for i in range(len(d))])
    result = score(dd.from_pandas(df, npartitions=2), model_path=model_file, trusted=True)
    expected = score_frame(df, model=load_model(model_file, trusted=True))
    got = client.compute(result).result()
    assert got["complaint_type"].tolist() == expected["complaint_type"].tolist()


def test_worker_killed_mid_job_loses_and_doubles_nothing(client, frame):
    ddf = dd.from_pandas(frame, npartitions=12)
    future = client.compute(score(ddf))  # bundled model: only ids are compared here
    victim = _kill_busy_worker(client, future.done)
    got = future.result(timeout=120)
    assert victim not in client.scheduler_info()["workers"]  # it really died mid-job
    assert got["id"].tolist() == frame["id"].tolist()
    assert got["complaint_type"].notna().all()


def test_cli_writes_every_row_once_while_a_worker_dies(client, cluster, frame, tmp_path):
    half = ROWS // 2
    frame.iloc[:half].to_csv(tmp_path / "export-1.csv", index=False)
    frame.iloc[half:].to_csv(tmp_path / "export-2.csv", index=False)
    out = tmp_path / "scored"
    argv = ["score", str(tmp_path / "export-*.csv"), "--dask", cluster.scheduler_address,
            "-o", str(out), "--chunksize", "250", "-q"]  # fmt: skip
    codes: list[int] = []
    job = threading.Thread(target=lambda: codes.append(main(argv)))
    job.start()
    victim = _kill_busy_worker(client, lambda: not job.is_alive())
    job.join(timeout=120)
    assert codes == [0]
    assert victim not in client.scheduler_info()["workers"]
    got = _read_parts(out)
    assert got["id"].tolist() == frame["id"].tolist()  # every row once, in input order
    assert got.loc[5, "text"] == frame.loc[5, "text"]
    assert list(got.columns) == [*frame.columns, *OUTPUT_COLUMNS]
    assert len(list(out.glob("part-*.csv"))) > 2
    assert not list(out.glob(".*"))  # no temp file left by the killed attempt


def test_cli_cp1251_semicolon_export(cluster, frame, tmp_path):
    df = frame.head(800).copy()
    df["text"] = [t.encode("cp1251", "ignore").decode("cp1251") for t in df["text"]]
    src = tmp_path / "export.csv"
    df.to_csv(src, index=False, sep=";", encoding="cp1251")
    out = tmp_path / "out"
    assert main(["score", str(src), "--dask", cluster.scheduler_address, "-o", str(out),
                 "--chunksize", "300", "--proba", "-q"]) == 0  # fmt: skip
    got = _read_parts(out, encoding="cp1251", sep=";")
    assert got["id"].tolist() == df["id"].tolist()
    assert got["text"].tolist() == df["text"].tolist()
    assert "proba_other" in got.columns


def test_score_files_summary(cluster, frame, tmp_path):
    src = tmp_path / "export.csv"
    frame.head(500).to_csv(src, index=False)
    summary = score_files([src], tmp_path / "out", scheduler=cluster.scheduler_address,
                          partition_rows=200, progress=False)  # fmt: skip
    assert summary.rows == 500
    assert sum(summary.counts.values()) == 500
    assert summary.empty == 2
    assert summary.text_column == "text"
    assert summary.extra["parts"] == len(list((tmp_path / "out").glob("part-*.csv")))


def test_unwritable_text_is_a_clean_error_and_leaves_no_parts(cluster, tmp_path, capsys):
    src = tmp_path / "emoji.csv"
    pd.DataFrame({"id": ["1", "2"], "text": ["опять 😡", "ок"]}).to_csv(src, index=False)
    out = tmp_path / "out"
    assert main(["score", str(src), "--dask", cluster.scheduler_address, "-o", str(out),
                 "--output-encoding", "cp1251", "-q"]) == 1  # fmt: skip
    assert "--output-encoding utf-8" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_cli_refuses_bad_inputs_before_any_work(frame, tmp_path, capsys):
    src = tmp_path / "a.csv"
    frame.head(20).to_csv(src, index=False)
    assert main(["score", str(src), str(src)]) == 1
    assert "--dask" in capsys.readouterr().err
    assert main(["score", str(src), "--dask", "tcp://127.0.0.1:1"]) == 1  # no -o
    assert "-o DIR" in capsys.readouterr().err
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part-000.csv").write_text("old")
    with pytest.raises(InputFileError, match="already holds part files"):
        score_files([src], tmp_path / "out", scheduler="tcp://127.0.0.1:1")
    with pytest.raises(InputFileError, match="no file matches"):
        score_files([str(tmp_path / "nothing-*.csv")], tmp_path / "o2", scheduler="local")
    with pytest.raises(TypeError, match="score_frame"):
        score(frame)


def test_without_dask_import_works_and_feature_says_how_to_install(tmp_path):
    code = (
        "import sys\n"
        "for name in ('dask', 'dask.dataframe', 'distributed'):\n"
        "    sys.modules[name] = None\n"
        "import complaintkit, complaintkit.dask\n"
        "from complaintkit.cli import main\n"
        "sys.exit(main(['score', 'a.csv', 'b.csv', '--dask', 'local', '-o', 'out']))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1, proc.stderr
    assert INSTALL_HINT in proc.stderr
    assert issubclass(MissingExtraError, ImportError)
