"""Rows per second and peak memory of ``complaintkit score`` next to a naive loop.

Builds varied exports (``make_export``) of two sizes and runs the real CLI on each in a
subprocess with ``--jobs`` workers: once with its process tree's memory sampled, and in
separate runs without the sampler for the time. A naive loop runs on a slice of the large
export in this process: pandas reads it, nltk's TweetTokenizer and uncached
``MorphAnalyzer.parse`` per token, then the same model's vectorisers and classifier. All in
one run, so the ratio is fair: the large run and the naive loop are timed ``--repeat``
times, interleaved, and each round's ratio is reported with the median. ``--typos`` gives a
share of texts a misspelt word, standing in for the new words a real stream keeps bringing
(see ``make_export``).

    python benchmarks/bench_score.py [--rows 200000] [--small-rows 50000] [--jobs 2]
                                     [--repeat 3] [--typos 0.0]
"""

from __future__ import annotations

import argparse
import os
import statistics
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
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="timed rounds of the large run and the naive loop, interleaved",
    )
    ap.add_argument(
        "--typos",
        type=float,
        default=0.0,
        help="share of texts with one misspelt word (new words for the caches)",
    )
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error(f"--repeat must be at least 1, got {args.repeat}")
    if not 0.0 <= args.typos <= 1.0:
        ap.error(f"--typos is a share of texts between 0 and 1, got {args.typos}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.csv"
        small = make_export(Path(tmp) / "small.csv", args.small_rows, typos=args.typos)
        large = make_export(Path(tmp) / "large.csv", args.rows, typos=args.typos)
        peaks = [run_cli(p, out, args.jobs, sample_memory=True)[1] for p in (small, large)]
        small_rate = args.small_rows / run_cli(small, out, args.jobs, sample_memory=False)[0]
        rates, naive = [], []
        for _ in range(args.repeat):  # interleaved: a slow spell of the VM hits both
            rates.append(args.rows / run_cli(large, out, args.jobs, sample_memory=False)[0])
            naive.append(naive_loop(large, args.naive_rows))
    ratios = [r / n for r, n in zip(rates, naive, strict=True)]

    def show(values: list[float], fmt: str) -> str:
        each = " / ".join(format(v, fmt) for v in values)
        return f"{format(statistics.median(values), fmt)}  ({each})" if len(values) > 1 else each

    print(f"export: corpus texts varied as in real exports, {args.typos:.0%} with a typo")
    print(f"{'method':<32}{'rows':>9}  rows/s, median (each run)   peak MB (PSS of all processes)")
    cli = f"complaintkit score --jobs {args.jobs}"
    print(f"{cli:<32}{args.small_rows:>9}  {small_rate:,.0f}   {peaks[0] / 2**20:.0f}")
    print(f"{cli:<32}{args.rows:>9}  {show(rates, ',.0f')}   {peaks[1] / 2**20:.0f}")
    print(f"{'naive loop (1 process)':<32}{args.naive_rows:>9}  {show(naive, ',.0f')}")
    print(f"speed-up on {args.rows} rows, same round: {show(ratios, '.1f')}")


if __name__ == "__main__":
    main()
