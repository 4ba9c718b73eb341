"""Wall time of ``complaintkit score`` locally (2 processes) next to ``--dask local``.

Builds (or reuses) a 200,000-row export with ``make_export`` and scores it three ways in
one run: ``score_csv(jobs=2)``; ``score_files`` on a fresh 2-worker ``LocalCluster`` (what
``complaintkit score --dask local --jobs 2`` does, cluster start included); and the same
on a cluster that is already up with the model loaded (the steady state of a real
cluster). Prints one table. All use the same model (bundled or ``$COMPLAINTKIT_MODEL``).

    python benchmarks/bench_dask.py [--rows 200000] [--workers 2] [--export PATH]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from make_export import make_export

from complaintkit.dask import score_files
from complaintkit.scoring import ScoreSummary, score_csv


def _timed(run: Callable[[], ScoreSummary]) -> tuple[float, int]:
    started = time.perf_counter()
    summary = run()
    return time.perf_counter() - started, summary.rows


def _load_model() -> None:
    """Run on every worker before timing the warm mode."""
    from complaintkit.api import default_model

    default_model()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=200_000)
    p.add_argument("--workers", type=int, default=2, help="processes for every mode")
    p.add_argument("--export", type=Path, help="export to use (built if missing)")
    args = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="complaintkit-bench-"))
    export = args.export or Path(tempfile.gettempdir()) / f"complaintkit-export-{args.rows}.csv"
    if not export.exists():
        print(f"building {export} ...", file=sys.stderr)
        make_export(export, args.rows)
    size_mb = export.stat().st_size / 1e6
    print(f"export: {export} ({size_mb:.1f} MB), {args.workers} processes", file=sys.stderr)

    from distributed import Client, LocalCluster

    results: list[tuple[str, float, int]] = []
    try:
        n = args.workers
        secs, rows = _timed(lambda: score_csv(export, work / "local.csv", jobs=n, progress=False))
        results.append((f"score_csv, jobs={n}", secs, rows))
        secs, rows = _timed(lambda: score_files([export], work / "dask-fresh", scheduler="local",
                                                workers=n, progress=False))  # fmt: skip
        results.append((f"--dask local, {n} workers (cluster start included)", secs, rows))
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:  # fmt: skip
            with Client(cluster) as client:
                client.run(_load_model)
            address = cluster.scheduler_address
            secs, rows = _timed(lambda: score_files([export], work / "dask-warm",
                                                    scheduler=address, progress=False))  # fmt: skip
            results.append((f"--dask to a running cluster, {n} workers (warm)", secs, rows))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    width = max(len(name) for name, _, _ in results)
    print(f"{'mode':<{width}}  {'rows':>8}  {'seconds':>8}  {'rows/s':>8}")
    for name, secs, rows in results:
        print(f"{name:<{width}}  {rows:>8}  {secs:>8.1f}  {rows / secs:>8,.0f}")
    if len({rows for _, _, rows in results}) != 1:
        print("ERROR: the modes scored different numbers of rows", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
