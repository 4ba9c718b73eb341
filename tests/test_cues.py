"""Cue features: each cue fires on the text it was made for, and not on a neutral one."""

from __future__ import annotations

import numpy as np
import pytest

from complaintkit.cues import CUE_NAMES, CueFeatures

NEUTRAL = "Подскажите, пожалуйста, до скольки вы работаете в субботу"


@pytest.mark.parametrize(
    ("cue", "text"),
    [
        ("exclamation_density", "Верните деньги!!!"),
        ("capitals_share", "ВЫ ВООБЩЕ ОХРЕНЕЛИ ТАМ"),
        ("concrete_detail", "Заказ 48213 привезли разбитым, курьер уехал"),
        ("failure_report", "приложение не работает с утра"),
        ("generalises_audience", "все, кто тут покупает, сами виноваты"),
        ("insults_people", "только лохи берут"),
        ("pushes_alternative", "переходите в другой банк, по промокоду SALE скидка"),
        ("demand_or_sold_out", "опять всё раскупили за час"),
        ("swearing", "б**дь, опять"),
        ("swearing", "задолбали уже"),
        ("has_link", "смотрите https://vk.cc/abc"),
        ("has_mention", "@bank_help ответьте"),
        ("has_hashtag", "#беспредел"),
        ("news_style", "RT @news: ЦБ отозвал лицензию"),
        ("spam_style", "взять кредит без справок онлайн"),
        ("cut_off", "Сегодня утром в Приморье произошло отключение…"),
    ],
)
def test_cue_fires(cue, text):
    X = CueFeatures().transform([text, NEUTRAL])
    j = CUE_NAMES.index(cue)
    assert X[0, j] > 0
    assert X[0, j] > X[1, j]


def test_shape_names_and_empty():
    cf = CueFeatures()
    X = cf.transform(["", None, "текст"])
    assert X.shape == (3, len(CUE_NAMES))
    assert np.all(X[:2] == 0)
    assert list(cf.get_feature_names_out()) == [f"cue:{n}" for n in CUE_NAMES]


@pytest.mark.parametrize(
    ("text", "is_detail"),
    [("теле2 глючит", False), ("списали 5000р", True), ("нет 3g на даче", True), ("tele2", False)],
)
def test_digits_glued_to_a_brand_are_no_detail(text, is_detail):
    j = CUE_NAMES.index("concrete_detail")
    assert (CueFeatures().transform([text])[0, j] > 0) == is_detail


def test_sparse_output_holds_the_same_values():
    texts = ["Заказ 48213 привезли разбитым!!", "", "все, кто тут покупает, лохи"]
    dense = CueFeatures().transform(texts)
    csr = CueFeatures(sparse_output=True).transform(texts)
    assert csr.format == "csr"
    assert np.array_equal(csr.toarray(), dense)
