"""Build a large, realistic comment export for benchmarks: ``make_export(path, rows)``.

Texts are sampled from ``data/comments.csv`` and varied the way real exports vary (case,
punctuation, appended @mentions and numbers, empty cells, texts spanning lines), next to
the usual id/date/author/channel/likes columns. ``encoding="cp1251"`` and ``sep=";"``
give the Excel-style export. Deterministic for a given ``seed``.

    python benchmarks/make_export.py /tmp/export.csv --rows 200000 --sep ";" --encoding cp1251
"""

from __future__ import annotations

import argparse
import csv
import os
import re
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

SOURCE = Path(__file__).resolve().parents[1] / "data" / "comments.csv"
CHANNELS = ("vk", "telegram", "instagram", "ok", "site_reviews", "otzovik", "dzen")
FIRST = ("Анна", "Иван", "Ольга", "Дмитрий", "Мария", "Сергей", "Елена", "Алексей", "Юлия")
LAST = ("Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева")
HANDLES = ("support", "brand_official", "masha_k", "dimon777", "shop_help", "olga.p")
ENDINGS = ("!!!", "???", "...", ")))", "(((", "!", "?!", " 😡", " 👍")
START = datetime(2026, 1, 1)


def _vary(text: str, rng: np.random.Generator, pool: list[str]) -> str:
    """One text with the small changes real exports show; some become empty."""
    r = rng.random()
    if r < 0.03:
        return ""
    if r < 0.04:
        return "   "
    if rng.random() < 0.10:
        text = text.upper()
    elif rng.random() < 0.10:
        text = text.lower()
    if rng.random() < 0.15:
        text = text.rstrip(".!?)( ") + ENDINGS[rng.integers(len(ENDINGS))]
    if rng.random() < 0.10:
        text = f"@{HANDLES[rng.integers(len(HANDLES))]} {text}"
    if rng.random() < 0.10:
        text = f"{text} заказ №{rng.integers(100000, 999999)}"
    if rng.random() < 0.04:
        sep = "\n\n" if rng.random() < 0.5 else "\n"
        text = f"{text}{sep}{pool[rng.integers(len(pool))]}"
    return text


_LONG_WORD_RE = re.compile(r"[а-яё]{4,}", re.IGNORECASE)


def _typo(text: str, rng: np.random.Generator) -> str:
    """One misspelt word (two inner letters swapped, one dropped or one doubled).

    The corpus has a bounded vocabulary, so every word of an export built from it is soon
    in every cache; a real stream keeps bringing new words (typos, names, slang), each
    analysed once per process. Typos stand in for that long tail.
    """
    spots = [m.span() for m in _LONG_WORD_RE.finditer(text)]
    if not spots:
        return text
    start, end = spots[rng.integers(len(spots))]
    word, i = text[start:end], int(rng.integers(1, end - start - 1))  # an inner letter
    kind = rng.integers(3)
    if kind == 0 and i + 1 < len(word) - 1 and word[i] != word[i + 1]:
        word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swap with the next one
    elif kind == 1:
        word = word[:i] + word[i + 1 :]
    else:
        word = word[:i] + word[i] + word[i:]
    return text[:start] + word + text[end:]


def make_export(
    path: str | os.PathLike[str],
    rows: int = 200_000,
    seed: int = 0,
    encoding: str = "utf-8",
    sep: str = ",",
    source: str | os.PathLike[str] = SOURCE,
    typos: float = 0.0,
) -> Path:
    """Write ``rows`` comments to ``path`` (CSV, all fields quoted as needed) and return it.

    Characters ``encoding`` cannot hold (emoji in cp1251) are dropped from the texts.
    ``typos`` is the share of texts given one misspelt word (new words for the caches).
    """
    rng = np.random.default_rng(seed)
    pool = pd.read_csv(source, dtype=str, keep_default_na=False)["text"].tolist()
    picks = rng.integers(len(pool), size=rows)
    texts = [_vary(pool[i], rng, pool) for i in picks]
    if typos > 0:
        typo_rng = np.random.default_rng(seed + 1)  # the rest of the export stays the same
        texts = [_typo(t, typo_rng) if typo_rng.random() < typos else t for t in texts]
    if encoding.replace("-", "").lower() not in ("utf8", "utf8sig"):
        texts = [t.encode(encoding, "ignore").decode(encoding) for t in texts]
    seconds = rng.integers(0, 300 * 24 * 3600, size=rows)
    authors = [
        f"{FIRST[a]} {LAST[b]}" if a % 3 else f"user_{n}"
        for a, b, n in zip(
            rng.integers(len(FIRST), size=rows),
            rng.integers(len(LAST), size=rows),
            rng.integers(1000, 10**7, size=rows),
            strict=True,
        )
    ]
    frame = pd.DataFrame(
        {
            "id": [f"{i:08d}" for i in range(1, rows + 1)],
            "date": [(START + timedelta(seconds=int(s))).strftime("%Y-%m-%d %H:%M:%S")
                     for s in seconds],
            "author": authors,
            "channel": np.asarray(CHANNELS)[rng.integers(len(CHANNELS), size=rows)],
            "text": texts,
            "likes": rng.geometric(0.3, size=rows) - 1,
        }
    )  # fmt: skip
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out, index=False, sep=sep, encoding=encoding, quoting=csv.QUOTE_MINIMAL,
                 lineterminator="\r\n" if sep == ";" else "\n")  # fmt: skip
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", help="where to write the export")
    p.add_argument("--rows", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--encoding", default="utf-8", help="utf-8 (default) or cp1251")
    p.add_argument("--sep", default=",", help=", (default) or ;")
    p.add_argument("--typos", type=float, default=0.0, help="share of texts with a typo")
    args = p.parse_args()
    if not 0.0 <= args.typos <= 1.0:
        p.error(f"--typos is a share of texts between 0 and 1, got {args.typos}")
    out = make_export(args.path, args.rows, args.seed, args.encoding, args.sep, typos=args.typos)
    print(f"wrote {args.rows} rows to {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
