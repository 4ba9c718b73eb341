"""Table tests of every normalisation step on Russian edge cases, plus laws."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit import normalize as N


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ЁЛКА", "ёлка"),
        ("СуПеР", "супер"),
        ("", ""),
    ],
)
def test_fold_case(text, expected):
    assert N.fold_case(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ёжик", "ежик"), ("ЁЖ", "ЕЖ"), ("все и всё", "все и все"), ("без ё", "без е")],
)
def test_replace_yo(text, expected):
    assert N.replace_yo(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("xpeнь", "хрень"),  # Latin x, p, e inside a Cyrillic word
        ("кaк дeлa", "как дела"),
        ("хр0нь", "хронь"),  # zero as о
        ("tele2 ok", "tele2 ok"),  # no Cyrillic: left alone
        ("iphone и galaxy", "iphone и galaxy"),
        ("MTC", "MTC"),  # all-Latin brand stays
    ],
)
def test_fix_lookalikes(text, expected):
    assert N.fix_lookalikes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("оооочень", "очень"),
        ("сообщение", "сообщение"),  # a real double letter stays
        ("ну!!!!!!!", "ну!!!"),
        ("что???", "что???"),
        ("дааааа ааа", "да а"),
    ],
)
def test_squeeze_repeats(text, expected):
    assert N.squeeze_repeats(text) == expected


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("смотри https://t.co/abc123", "_url_"),
        ("сайт www.bank.ru/page", "_url_"),
        ("пишите на help@bank.ru", "_email_"),
        ("@mts_help где связь", "_mention_"),
        ("звонил +7 (912) 345-67-89", "_phone_"),
        ("заказ №48213 не пришел", "_orderid_"),
        ("номер 1234567", "_orderid_"),
        ("12.03.2024 приходил", "_date_"),
        ("с 5 июля нет", "_date_"),
        ("ждал с 14:30", "_time_"),
        ("списали 1 500 руб", "_money_"),
        ("минус 200р", "_money_"),
        ("жду 3 дня", "_num_"),
    ],
)
def test_replace_entities(text, placeholder):
    assert placeholder in N.replace_entities(text).split()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("код AB-12345", "код AB- _orderid_"),  # the letters stay, the id is marked
        ("трек ZK123456", "трек ZK _orderid_"),
        ("tele2 и 4g", "tele2 и 4g"),  # digits glued to a word stay
        ("5шт по 100", "5шт по _num_"),
    ],
)
def test_numbers_inside_words(text, expected):
    assert " ".join(N.replace_entities(text).split()) == expected


def test_hashtag_keeps_word():
    assert N.replace_entities("#ненависть к банкам").split()[:2] == ["_hashtag_", "ненависть"]


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("бесит 😡", "_emoji_angry_"),
        ("кринж 🤡", "_emoji_laugh_"),
        ("спасибо 👍", "_emoji_love_"),
        ("грущу 😭", "_emoji_sad_"),
        ("ну 🐸", "_emoji_"),
    ],
)
def test_replace_emoji(text, placeholder):
    assert placeholder in N.replace_emoji(text).split()


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("спасибо)))", "_smile_"),
        ("ну :(", "_sad_"),
        ("опять(((", "_sad_"),
        ("ок)", None),
        ("D: жесть", "_sad_"),
    ],
)
def test_replace_smileys(text, placeholder):
    out = N.replace_smileys(text).split()
    if placeholder is None:
        assert "_smile_" not in out and "_sad_" not in out
    else:
        assert placeholder in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("&gt;&gt; нам очень жаль", ">> нам очень жаль"),
        ("тариф &quot;Мой&quot;", 'тариф "Мой"'),
        ("&amp;quot;двойное&amp;quot;", '"двойное"'),
        ("&amp;AMP;amp;lt; &#38;#x26;gt;", "< >"),
        ("&laquo;Тинькофф&raquo; &mdash; ок&hellip;", "«Тинькофф» — ок…"),
        ("I&#39;m &#x41;", "I'm A"),
        ("&AMP; и &ammmp;", "& и &"),  # what fold_case and squeeze_repeats would make
        ("AT&T, R&D, &nosuch;", "AT&T, R&D, &nosuch;"),
        ("&#99999999; &#xD800;", "&#99999999; &#xD800;"),
        ("", ""),
    ],
)
def test_unescape_html(text, expected):
    assert N.unescape_html(text) == expected


def test_unescape_html_is_linear_on_escape_chains():
    import time

    start = time.process_time()
    assert N.unescape_html("&" + "amp;" * 200_000 + "gt;" + "&" + "#38;" * 1000 + "lt;") == "><"
    assert time.process_time() - start < 2.0  # one pass per level would take minutes


def test_remove_control_and_spaces():
    assert N.remove_control("a\x00b\u200b  c\n\td") == "ab c d"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@МТС опять НЕТ связи!!!!!!", "_mention_ опять нет связи!!!"),
        ("Б**дь, заказ №123 потеряли", "б**дь, заказ _orderid_ потеряли"),
        ("ВСЁ СУПЕР 👍👍", "все супер _emoji_love_ _emoji_love_"),
        ("@mts &gt;&gt; &amp;quot;Смарт&amp;quot; за 690р", '_mention_ >> "смарт" за _money_'),
    ],
)
def test_normalize_pipeline(text, expected):
    assert N.normalize(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalize_idempotent_and_total(text):
    once = N.normalize(text)
    assert isinstance(once, str)
    assert N.normalize(once) == once


@settings(max_examples=1000, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("аеоxpeёЁ0123456789 !?.:;()@#*-_😡👍\n\tabcXYZ"), max_size=60)
)
def test_normalize_idempotent_on_russian_like_text(text):
    once = N.normalize(text)
    assert N.normalize(once) == once


@settings(max_examples=1000, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("&#;xX0123456789ampAMPgtlquot \u0301\u200be@:)dD"), max_size=40
    )
)
def test_normalize_idempotent_on_entity_and_smiley_like_text(text):
    once = N.normalize(text)
    assert N.normalize(once) == once


def test_every_placeholder_is_declared(corpus):
    import re

    emitted: set[str] = set()
    for text in corpus["text"].head(3000):
        emitted.update(re.findall(r"(?<!\w)_[a-z]+(?:_[a-z]+)*_(?!\w)", N.normalize(text)))
    assert emitted, "the corpus should produce placeholders"
    assert emitted <= set(N.PLACEHOLDERS), emitted - set(N.PLACEHOLDERS)


@pytest.mark.parametrize(
    "text", [":)D0", ":D@A)", "e\u200b\u0301", "&am\u200bp;", "#00n00", "N00N00", "₽0N00", "1р0$"]
)
def test_idempotence_regressions_found_by_hypothesis(text):
    once = N.normalize(text)
    assert N.normalize(once) == once
