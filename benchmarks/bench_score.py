"""Rows per second and peak memory of ``complaintkit score`` next to a naive loop.

Builds varied exports (``make_export``) of two sizes, runs the real CLI on each in a
subprocess with ``--jobs`` workers (timed in one run, its process tree's memory sampled in
a second), and times a naive loop on a slice of the same export in this process: pandas reads
everything, nltk's TweetTokenizer and uncached ``MorphAnalyzer.parse`` per token, then the
same model's vectorisers and classifier. All in one run, so the ratio is fair.

    python benchmarks/bench_score.py [--rows 200000] [--small-rows 50000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_export import make_export


def _pss(pid: int) -> int:
    """Proportional set size of one process in bytes (shared pages split between sharers)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    """Direct children of ``pid``: its threads' ``children`` files, else a scan of /proc."""
    kids: list[int] = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return kids
    if not os.path.exists(f"/proc/{pid}/task/{pid}/children"):  # kernel without the files
        return _children_by_scan(pid)
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids.extend(int(k) for k in fh.read().split())
        except OSError:
            continue
    return kids


def _children_by_scan(pid: int) -> list[int]:
    kids: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(entry))
    return kids


def _tree_memory(root: int) -> int:
    """Memory of ``root`` and all its descendants, from /proc.

    PSS, not RSS: worker processes are forked after the model is loaded and share its
    pages with the parent; RSS would count those pages once per process. The tree is
    walked through ``children`` files, not a scan of all of /proc, so that sampling
    takes little of the CPU the measured run needs.
    """
    tree, frontier = {root}, [root]
    while frontier:
        kids = [k for k in _children(frontier.pop()) if k not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return sum(_pss(p) for p in tree)


def run_cli(path: Path, out: Path, jobs: int, *, sample_memory: bool) -> tuple[float, int]:
    """Wall seconds of ``complaintkit score`` and, if asked, its peak memory (PSS of the tree).

    Reading ``smaps_rollup`` takes the kernel ~10 ms per process and sample, CPU the measured
    run then lacks on a 2-core machine; so speed is timed in a run without sampling and
    memory is sampled in a second run of the same command.
    """
    cmd = [sys.executable, "-m", "complaintkit", "score", str(path), "-o", str(out),
           "--jobs", str(jobs), "-q"]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_memory(proc.pid))
            time.sleep(0.1)

    t = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        t.start()
    code = proc.wait()
    seconds = time.perf_counter() - start
    done.set()
    if sample_memory:
        t.join()
    if code:
        raise SystemExit(f"complaintkit score failed with exit code {code}")
    return seconds, peak


def naive_loop(path: Path, rows: int) -> float:
    """Rows per second of the naive approach on the first ``rows`` rows."""
    import pandas as pd
    import pymorphy3
    from nltk.tokenize import TweetTokenizer

    from complaintkit import load_model

    model = load_model()
    start = time.perf_counter()
    df = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=rows)
    tok, morph = TweetTokenizer(), pymorphy3.MorphAnalyzer()
    lemmas = [
        " ".join(morph.parse(t)[0].normal_form for t in tok.tokenize(x.lower())) for x in df["text"]
    ]
    text_block, cue_block = model.features_.transformer_list
    vec = text_block[1].named_steps["vec"]
    from scipy import sparse

    feats = sparse.hstack([vec.transform(lemmas), cue_block[1].transform(df["text"].tolist())])
    model.estimator_.predict_proba(sparse.csr_matrix(feats))
    return rows / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--small-rows", type=int, default=50_000)
    ap.add_argument("--naive-rows", type=int, default=20_000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = []
        for rows in (args.small_rows, args.rows):
            path = make_export(Path(tmp) / f"export_{rows}.csv", rows)
            seconds, _ = run_cli(path, Path(tmp) / "out.csv", args.jobs, sample_memory=False)
            _, peak = run_cli(path, Path(tmp) / "out.csv", args.jobs, sample_memory=True)
            results.append((f"complaintkit score --jobs {args.jobs}", rows, rows / seconds, peak))
        naive = naive_loop(Path(tmp) / f"export_{args.rows}.csv", args.naive_rows)
    print(f"{'method':<30}{'rows':>9}{'rows/s':>10}{'peak MB':>9}  (peak: PSS of all processes)")
    for name, rows, rate, peak in results:
        print(f"{name:<30}{rows:>9}{rate:>10,.0f}{peak / 2**20:>9.0f}")
    print(f"{'naive loop (1 process)':<30}{args.naive_rows:>9}{naive:>10,.0f}{'':>9}")
    print(f"speed-up on {args.rows} rows: {results[-1][2] / naive:.1f}x")


if __name__ == "__main__":
    main()
