"""data/comments.csv follows the corpus rules of the data card."""

from __future__ import annotations

import pandas as pd
import pytest

from complaintkit import LABELS
from complaintkit._corpus import COLUMNS, _dedup_key, near_duplicate_pairs

MIN_TOTAL, MIN_PER_LABEL, MIN_DOMAINS, MIN_DOMAINS_PER_LABEL = 4200, 700, 20, 15


def test_schema(corpus, root):
    header = (root / "data" / "comments.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(COLUMNS)
    assert set(corpus["label"]) == set(LABELS)
    assert set(corpus["split"]) == {"train", "test"}
    assert (corpus["text"].str.strip() != "").all()
    assert (corpus["domain"].str.strip() != "").all()


def test_counts(corpus):
    assert len(corpus) >= MIN_TOTAL
    counts = corpus["label"].value_counts()
    assert counts.min() >= MIN_PER_LABEL, counts.to_dict()


def test_domains(corpus):
    assert corpus["domain"].nunique() >= MIN_DOMAINS
    per_label = corpus.groupby("label")["domain"].nunique()
    assert per_label.min() >= MIN_DOMAINS_PER_LABEL, per_label.to_dict()


def test_length_spread(corpus):
    # Every label has short and long texts. Long ones are rarer since rounds 5-8 wrote
    # the tweet register of real streams (most under 140 characters).
    n = corpus["text"].str.len()
    short = (n < 40).groupby(corpus["label"]).mean()
    long = (n > 200).groupby(corpus["label"]).mean()
    assert short.min() >= 0.15, short.to_dict()
    assert long.min() >= 0.07, long.to_dict()


def test_split_is_stratified(corpus):
    share = (corpus["split"] == "test").groupby(corpus["label"]).mean()
    assert share.between(0.15, 0.25).all(), share.to_dict()


def test_no_exact_duplicates(corpus):
    keys = corpus["text"].map(_dedup_key)
    assert not keys.duplicated().any(), corpus[keys.duplicated(keep=False)]["text"].head().tolist()


def test_no_near_duplicates_across_splits(corpus):
    train = corpus.loc[corpus["split"] == "train", "text"].tolist()
    test = corpus.loc[corpus["split"] == "test", "text"].tolist()
    pairs = near_duplicate_pairs(test, train)
    assert not pairs, [(test[i], train[j], s) for i, j, s in pairs[:3]]


@pytest.mark.parametrize(
    ("a", "b", "dup"),
    [
        ("курьер опоздал на два часа и нагрубил", "курьер опоздал на два часа и нагрубил!!!", True),
        ("курьер опоздал на два часа", "оператор не ответил за неделю", False),
    ],
)
def test_near_duplicate_detector(a, b, dup):
    assert bool(near_duplicate_pairs([a], [b])) is dup


def test_examples_export_is_readable(root):
    path = root / "data" / "examples" / "vkusnodom_comments_2026-10.csv"
    df = pd.read_csv(path, sep=";", encoding="cp1251", dtype=str, keep_default_na=False)
    assert len(df) >= 200 and "Текст комментария" in df.columns
