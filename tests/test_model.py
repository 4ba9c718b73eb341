"""ComplaintClassifier follows scikit-learn conventions and explains itself."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, cross_val_predict, cross_val_score
from sklearn.pipeline import Pipeline

from complaintkit import LABELS, ComplaintClassifier
from complaintkit.errors import LabelError, NotFittedError


@pytest.fixture(scope="module")
def tiny(corpus):
    train = corpus[corpus["split"] == "train"].groupby("label").head(25)
    return train["text"].tolist(), train["label"].tolist()


FAST = {"char_ngrams": None, "calibration": None}


def test_init_only_stores_params():
    clf = ComplaintClassifier(C=3.0, char_ngrams=(3, 4))
    assert clf.get_params()["C"] == 3.0
    assert not [k for k in vars(clf) if k.endswith("_")]


def test_clone_keeps_params_and_drops_fit(small_model):
    c = clone(small_model)
    assert c.get_params() == small_model.get_params()
    assert not hasattr(c, "classes_")


def test_fit_predict_shapes(small_model, corpus):
    texts = corpus["text"].head(30).tolist()
    proba = small_model.predict_proba(texts)
    assert proba.shape == (30, len(small_model.classes_))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    assert set(small_model.predict(texts)) <= set(LABELS)
    assert set(small_model.classes_) == set(LABELS)


def test_other_labels_fit_but_do_not_save(tmp_path):
    clf = ComplaintClassifier(**FAST).fit(["злой текст", "хороший текст"], ["angry", "fine"])
    assert list(clf.classes_) == ["angry", "fine"]
    with pytest.raises(LabelError, match="angry"):
        clf.save(tmp_path / "m.joblib")


def test_length_mismatch():
    with pytest.raises(ValueError, match="2 texts but y has 1"):
        ComplaintClassifier(**FAST).fit(["a", "b"], ["other"])


def test_not_fitted():
    with pytest.raises(NotFittedError):
        ComplaintClassifier().predict(["текст"])


def test_pipeline_gridsearch_and_cv(tiny):
    X, y = tiny
    pipe = Pipeline([("clf", ComplaintClassifier(**FAST))])
    grid = GridSearchCV(pipe, {"clf__C": [1.0, 10.0]}, cv=2).fit(X, y)
    assert grid.best_params_["clf__C"] in (1.0, 10.0)
    scores = cross_val_score(ComplaintClassifier(**FAST), X, y, cv=2)
    assert scores.shape == (2,) and np.all(scores > 1 / len(LABELS))
    # cross_val_predict passes label-encoded y to fit
    proba = cross_val_predict(ComplaintClassifier(**FAST), X, y, cv=2, method="predict_proba")
    assert proba.shape == (len(X), len(LABELS))


def test_calibrated_and_char_variant(tiny):
    X, y = tiny
    clf = ComplaintClassifier(char_ngrams=(2, 4), calibration="sigmoid").fit(X, y)
    proba = clf.predict_proba(X[:5])
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    assert any(n.startswith("char:") for n in clf.feature_names())


def test_deterministic(tiny):
    X, y = tiny
    a = ComplaintClassifier(**FAST).fit(X, y).predict_proba(X)
    b = ComplaintClassifier(**FAST).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(a, b)


def test_explain_names_real_features(small_model):
    [cues] = small_model.explain(["Заказ 48213 не пришёл, курьер не отвечает третий день"], top=5)
    assert 0 < len(cues) <= 5
    weights = [w for _, w in cues]
    assert weights == sorted(weights, reverse=True) and all(w > 0 for w in weights)
    assert all(n.split(":", 1)[0] in ("word", "char", "cue") for n, _ in cues)


def test_explain_given_label(small_model):
    text = ["Всё раскупили за час, опять не успел"]
    [cues] = small_model.explain(text, labels=["hidden_praise"])
    assert isinstance(cues, list)


def test_cached_word_vectoriser_matches_sklearn(corpus):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from complaintkit import TextPreprocessor
    from complaintkit.ngrams import WordNgramTfidf

    docs = TextPreprocessor().transform(corpus["text"].head(400))
    ours = WordNgramTfidf(min_df=2).fit(docs)
    ref = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), min_df=2,
                          sublinear_tf=True).fit(docs)  # fmt: skip
    assert ours.vocabulary_ == ref.vocabulary_
    diff = ours.transform(docs[:50]) - ref.transform(docs[:50])
    assert abs(diff).max() < 1e-9


def test_cached_char_vectoriser_matches_sklearn_char_wb(corpus):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from complaintkit import TextPreprocessor
    from complaintkit.ngrams import CharNgramTfidf

    docs = TextPreprocessor().transform(corpus["text"].head(300))
    ours = CharNgramTfidf((2, 4), min_df=2).fit(docs)
    ref = TfidfVectorizer(analyzer="char_wb", lowercase=False, ngram_range=(2, 4), min_df=2,
                          sublinear_tf=True).fit(docs)  # fmt: skip
    assert set(ours.vocabulary_) == set(ref.vocabulary_)
    cols = [ref.vocabulary_[t] for t in ours.get_feature_names_out()]
    diff = ours.transform(docs[:50]) - ref.transform(docs[:50])[:, cols]
    assert abs(diff).max() < 1e-9


def test_refitted_char_vectoriser_forgets_old_token_columns():
    from complaintkit.ngrams import CharNgramTfidf

    vec = CharNgramTfidf((2, 3), min_df=1).fit(["кот спит", "кот ест"])
    vec.transform(["кот"])  # caches the columns of "кот" in the first vocabulary
    vec.fit(["собака лает", "кот лает"])
    fresh = CharNgramTfidf((2, 3), min_df=1).fit(["собака лает", "кот лает"])
    assert (vec.transform(["кот лает"]) != fresh.transform(["кот лает"])).nnz == 0


def test_full_caches_stop_growing_and_change_no_score(model, corpus):
    """A long stream fills the per-process caches; past their bound nothing is added and
    every text still scores exactly as with room to spare (memory stays flat)."""
    import copy

    tight = copy.deepcopy(model)
    text_block = dict(tight.features_.transformer_list)["text"]
    prep = text_block.named_steps["prep"]
    char = dict(text_block.named_steps["vec"].transformer_list)["char"]
    prep.cache_size = char.cache_size = 25
    texts = corpus["text"].iloc[::97].tolist()  # ~200 texts, far more than 25 distinct words
    tight.predict_proba(texts[:40])  # fill the caches, then score with them full
    assert len(prep._lemma_cache) == 25 and len(char._cache) == 25
    np.testing.assert_array_equal(tight.predict_proba(texts), model.predict_proba(texts))
    assert len(prep._lemma_cache) == 25 and len(char._cache) == 25
