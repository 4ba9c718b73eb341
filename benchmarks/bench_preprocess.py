"""Texts per second of ``TextPreprocessor.transform`` next to a naive baseline.

The naive baseline is what one writes first: nltk's TweetTokenizer, then
``MorphAnalyzer.parse(token)[0].normal_form`` for every token, no cache. Both run on one
core in this process, on the same large, varied input (the corpus texts, varied as in
``make_export``), and are timed in the same run.

    python benchmarks/bench_preprocess.py [--texts 200000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_export import SOURCE, _vary


def texts(n: int, seed: int = 0) -> list[str]:
    """``n`` varied texts drawn from the corpus."""
    import pandas as pd

    pool = pd.read_csv(SOURCE, dtype=str, keep_default_na=False)["text"].tolist()
    rng = np.random.default_rng(seed)
    return [_vary(pool[i], rng, pool) for i in rng.integers(0, len(pool), n)]


def naive(batch: list[str]) -> list[str]:
    """TweetTokenizer + uncached pymorphy3 per token."""
    import pymorphy3
    from nltk.tokenize import TweetTokenizer

    tok, morph = TweetTokenizer(), pymorphy3.MorphAnalyzer()
    return [" ".join(morph.parse(t)[0].normal_form for t in tok.tokenize(x.lower())) for x in batch]


def ours(batch: list[str]) -> list[str]:
    """A fresh TextPreprocessor (its cache starts empty)."""
    from complaintkit import TextPreprocessor

    return TextPreprocessor().transform(batch)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=int, default=200_000)
    ap.add_argument("--naive-texts", type=int, default=10_000, help="the naive loop is slow")
    args = ap.parse_args()
    data = texts(args.texts)
    chars = sum(map(len, data)) / len(data)
    rows = []
    for name, fn, n in (("naive", naive, args.naive_texts), ("TextPreprocessor", ours, args.texts)):
        batch = data[:n]
        start = time.perf_counter()
        fn(batch)
        rate = n / (time.perf_counter() - start)
        rows.append((name, n, rate))
    print(f"{len(data)} varied texts, {chars:.0f} characters on average, one core")
    print(f"{'method':<18}{'texts':>8}{'texts/s':>12}")
    for name, n, rate in rows:
        print(f"{name:<18}{n:>8}{rate:>12,.0f}")
    print(f"speed-up: {rows[1][2] / rows[0][2]:.1f}x")


if __name__ == "__main__":
    main()
