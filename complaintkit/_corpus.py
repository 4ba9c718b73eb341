"""Build ``data/comments.csv`` from the writers' JSON-lines sources in ``data/parts/``.

Drops exact duplicates (after normalisation), groups near-duplicates (word-trigram
Jaccard > 0.5) so that a group never straddles train and test, and assigns a fixed,
stratified ~20% ``test`` split. Deterministic: the same parts give the same file.

    python -m complaintkit._corpus build [--parts data/parts] [--out data/comments.csv]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from .labels import LABELS

COLUMNS = ["text", "label", "domain", "split"]
TEST_SHARE = 0.2
NEAR_DUP_JACCARD = 0.5
_WORD_RE = re.compile(r"\w+")


def trigrams(text: str) -> frozenset[tuple[str, ...]]:
    """Word trigrams of the lower-cased text (empty for texts under three words)."""
    words = _WORD_RE.findall(text.lower().replace("ё", "е"))
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Jaccard similarity of two trigram sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def near_duplicate_pairs(
    left: Sequence[str], right: Sequence[str] | None = None, threshold: float = NEAR_DUP_JACCARD
) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, jaccard)`` with Jaccard above ``threshold``.

    With ``right=None`` the pairs are within ``left`` (i < j); otherwise across the two.
    An inverted index on trigrams keeps this near-linear for real corpora.
    """
    grams_l = [trigrams(t) for t in left]
    grams_r = grams_l if right is None else [trigrams(t) for t in right]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j, g in enumerate(grams_r):
        for tri in g:
            index[tri].append(j)
    pairs = []
    for i, g in enumerate(grams_l):
        seen: set[int] = set()
        for tri in g:
            seen.update(index[tri])
        for j in seen:
            if right is None and j <= i:
                continue
            s = jaccard(g, grams_r[j])
            if s > threshold:
                pairs.append((i, j, s))
    return pairs


def _dedup_key(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower().replace("ё", "е")))


def read_parts(parts_dir: Path) -> pd.DataFrame:
    """All writer files, in name order, as a frame with text, label, domain, hard, source."""
    rows = []
    for f in sorted(parts_dir.glob("*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{f.name}:{n}: not valid JSON ({exc})") from exc
            if r.get("label") not in LABELS:
                raise ValueError(f"{f.name}:{n}: label {r.get('label')!r} not in {LABELS}")
            text = str(r["text"]).strip()
            if text:
                rows.append(
                    {
                        "text": text,
                        "label": r["label"],
                        "domain": str(r["domain"]),
                        "hard": bool(r.get("hard", False)),
                        "source": f.name,
                    }
                )
    return pd.DataFrame(rows)


def _groups(texts: Sequence[str]) -> list[int]:
    parent = list(range(len(texts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in near_duplicate_pairs(texts):
        parent[find(i)] = find(j)
    return [find(i) for i in range(len(texts))]


def assign_splits(df: pd.DataFrame, test_share: float = TEST_SHARE) -> pd.Series:
    """Stratified, hash-ordered split; near-duplicate groups go to ``train`` whole."""
    groups = _groups(df["text"].tolist())
    group_size = pd.Series(groups).value_counts()
    split = pd.Series("train", index=df.index)
    digest = df["text"].map(lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())
    for _label, idx in df.groupby("label").groups.items():
        order = sorted(idx, key=lambda i: digest[i])
        want = round(len(order) * test_share)
        taken = 0
        for i in order:
            if taken >= want:
                break
            if group_size[groups[df.index.get_loc(i)]] == 1:
                split[i] = "test"
                taken += 1
    return split


def build(parts_dir: Path, out: Path) -> pd.DataFrame:
    """Read, deduplicate, split and write the corpus; return it with the ``hard`` flag."""
    df = read_parts(parts_dir)
    df = df[~df["text"].map(_dedup_key).duplicated()].reset_index(drop=True)
    df["split"] = assign_splits(df)
    out.parent.mkdir(parents=True, exist_ok=True)
    df[COLUMNS].to_csv(out, index=False, encoding="utf-8", lineterminator="\n")
    return df


def summary(df: pd.DataFrame) -> dict[str, object]:
    """Counts for the data card: per label, split, domain, length band and hard share."""
    n = df["text"].str.len()
    band = pd.cut(n, [0, 39, 200, 10**9], labels=["<40", "40-200", ">200"])
    return {
        "rows": len(df),
        "per_label_split": pd.crosstab(df["label"], df["split"]),
        "per_label_length": pd.crosstab(df["label"], band, normalize="index").round(3),
        "domains_per_label": df.groupby("label")["domain"].nunique(),
        "per_domain": df["domain"].value_counts(),
        "hard_share": df.groupby("label")["hard"].mean().round(3) if "hard" in df else None,
    }


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m complaintkit._corpus")
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="merge data/parts into data/comments.csv")
    b.add_argument("--parts", type=Path, default=Path("data/parts"))
    b.add_argument("--out", type=Path, default=Path("data/comments.csv"))
    args = parser.parse_args(list(argv) if argv is not None else None)
    df = build(args.parts, args.out)
    for key, value in summary(df).items():
        print(f"== {key}\n{value}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
