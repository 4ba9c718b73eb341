"""TextPreprocessor: tokens, lemmas, negation, swearing, sklearn behaviour."""

from __future__ import annotations

import pickle

import pytest
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import make_pipeline

from complaintkit import TextPreprocessor
from complaintkit.errors import TextTypeError


@pytest.fixture(scope="module")
def prep():
    return TextPreprocessor()


@pytest.mark.parametrize(
    ("text", "must_have"),
    [
        ("Интернет не работает третий день", ["не_работать", "третий", "день"]),
        ("НЕ РАБОТАЕТ!!!", ["не_работать", "!!!"]),
        ("ёлки, всё сломалось", ["елка", "сломаться"]),
        ("оооочень долго жду", ["очень", "долго", "ждать"]),
        ("xpeнь полная", ["хрень", "_swear_"]),
        ("б**дь опять", ["_swear_"]),
        ("пи@дец какой-то", ["_swear_", "какой-то"]),
        ("из-за вас опоздал", ["из-за", "опоздать"]),
        ("@mts_help где связь? http://t.co/x", ["_mention_", "_url_", "связь"]),
        ("заказ №48213 за 1500 руб", ["заказ", "_orderid_", "_money_"]),
        ("😡😡 бесите", ["_emoji_angry_", "бесить"]),
        ("#ненависть", ["_hashtag_", "ненависть"]),
    ],
)
def test_tokens(prep, text, must_have):
    toks = prep.tokenize(text)
    for t in must_have:
        assert t in toks, (text, toks)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ёлки, всё сломалось", "елки, все сломалось"),
        ("ЗАКАЗ НЕ ПРИШЁЛ", "заказ не пришел"),
        ("Курьер ХАМ", "курьер хам"),
    ],
)
def test_yo_and_case_insensitive(prep, a, b):
    assert prep.tokenize(a) == prep.tokenize(b)


@pytest.mark.parametrize("value", [None, float("nan"), "", "   \n\t"])
def test_missing_gives_empty_string(prep, value):
    assert prep.transform([value]) == [""]


def test_non_text_names_position(prep):
    with pytest.raises(TextTypeError, match=r"texts\[1\].*int"):
        prep.transform(["ok", 5])


def test_clone_and_params():
    p = TextPreprocessor(negation=False, cache_size=10)
    c = clone(p)
    assert c.get_params() == p.get_params()
    assert c.transform(["не работает"]) == ["не работать"]


def test_pickle_leaves_out_analyzer_and_cache(prep):
    prep.transform(["кеш заполнен словами"])
    assert prep.__dict__.get("_lemma_cache")
    state = pickle.loads(pickle.dumps(prep)).__dict__
    assert "_lemma_cache" not in state and "_tokenizer" not in state
    assert not any("Morph" in type(v).__name__ for v in state.values())


def test_cache_is_bounded_and_per_instance():
    a, b = TextPreprocessor(cache_size=3), TextPreprocessor()
    a.transform(["один два три четыре пять шесть"])
    assert len(a._lemma_cache) == 3
    assert "_lemma_cache" not in b.__dict__


def test_in_pipeline(prep):
    pipe = make_pipeline(TextPreprocessor(), CountVectorizer(token_pattern=r"\S+"))
    X = pipe.fit_transform(["не работает", "работает"])
    assert "не_работать" in pipe[-1].vocabulary_
    assert X.shape[0] == 2


@pytest.mark.parametrize(
    "text",
    [
        "x" * 1_000_000,
        "😡" * 500,
        "hello world only latin",
        "смешанный mixed текст\x00\x07",
        "\u200b\u200b",
    ],
)
def test_never_crashes(prep, text):
    out = prep.transform([text])
    assert isinstance(out[0], str)
