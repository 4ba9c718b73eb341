"""PhraseMatcher: the word-list counts the cues and the keyword rules rest on."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit._phrases import PhraseMatcher, words
from complaintkit.lexicon import SWEARING


@pytest.mark.parametrize(
    ("phrases", "text", "expected"),
    [
        (("ошибк*",), "Ошибка, опять ОШИБКУ выдаёт", 2),
        (("лежит",), "сайт лежит", 1),
        (("лежит",), "лежите там", 0),
        (("не работает",), "Интернет НЕ работает!", 1),
        (("не работает",), "не работал вчера", 0),
        (("не работает",), "работает не", 0),
        (("не работает",), "а оно не", 0),
        (("не работал*",), "не работало весь день", 1),
        (("ссылка в профиле",), "Ссылка в профиле 👉", 1),
        (("ссылка в профиле",), "ссылка в шапке", 0),
        (("д <num>",), "ул. Ленина, д. 5", 1),
        (("д <num>",), "д. пять", 0),
        (("д <num>",), "д.12а", 1),
        (("все кто",), "Всё, кто тут покупает", 1),
        (("не*", "не могу"), "не могу", 1),
        (("сообщил",), "РБК сообщил; сообщила пресс-служба", 1),
        (("пр т",), "пр-т Мира", 1),
        (("sold out",), "SOLD OUT again", 1),
    ],
)
def test_counts_table(phrases, text, expected):
    assert PhraseMatcher({"x": phrases}).counts(words(text)) == [expected]


def test_each_list_counts_on_its_own():
    m = PhraseMatcher({"polite": ("спасибо",), "praise": ("спасибо", "супер"), "none": ("нет",)})
    assert m.names == ("polite", "praise", "none")
    assert m.counts(words("Спасибо, супер!")) == [1, 2, 0]


@pytest.mark.parametrize("word", ["хуйня", "Заебали", "бля", "охренели", "говно"])
def test_swearing_list_catches_inflections(word):
    assert PhraseMatcher({"s": SWEARING}).counts(words(word)) == [1]


@pytest.mark.parametrize("word", ["хуже", "сухой", "себя", "бланк", "небо"])
def test_swearing_list_spares_lookalikes(word):
    assert PhraseMatcher({"s": SWEARING}).counts(words(word)) == [0]


@pytest.mark.parametrize(
    ("phrases", "message"),
    [(("<num> штук",), "must start with a word"), (("a*",), "shorter than 2 letters")],
)
def test_bad_phrases_are_refused(phrases, message):
    with pytest.raises(ValueError, match=message):
        PhraseMatcher({"x": phrases})


def test_cache_is_bounded_skips_numbers_and_is_not_pickled():
    m = PhraseMatcher({"x": ("заказ*", "не работает")}, cache_size=3)
    text = words("заказ 123 456 789 не работает и снова не работает, слово ещё одно")
    assert m.counts(text) == [3]
    assert len(m._cache) <= 3 and not any(w[0].isdigit() for w in m._cache)
    clone = pickle.loads(pickle.dumps(m))
    assert clone._cache == {} and clone._pairs == {} and clone._hot == set()
    assert clone.counts(text) == [3]


def test_words_lowercases_and_keeps_glued_digits():
    assert words("Ёлки, Tele2 и Заказ№48213!") == ["елки", "tele2", "и", "заказ", "48213"]


# -- law: the cached matcher counts what a plain scan of every position counts --------
_VOCAB = ["не", "работает", "работал", "в", "профиле", "ссылка", "7", "нет", "мест", "ok"]
_PATTERNS = ["не", "работа*", "в", "профиле", "ссылка", "<num>", "нет", "мест", "ok", "мес*"]


def _naive(lists: dict[str, list[str]], ws: list[str]) -> list[int]:
    def word_ok(p: str, w: str) -> bool:
        if p == "<num>":
            return w[0].isdigit()
        return w.startswith(p[:-1]) if p.endswith("*") else w == p

    out = []
    for phrases in lists.values():
        n = 0
        for pos in range(len(ws)):
            for ph in phrases:
                parts = ph.split()
                seg = ws[pos : pos + len(parts)]
                if len(seg) == len(parts) and all(map(word_ok, parts, seg)):
                    n += 1
                    break
        out.append(n)
    return out


_phrase = st.lists(st.sampled_from(_PATTERNS), min_size=1, max_size=3).filter(
    lambda ps: ps[0] != "<num>"
)


@settings(max_examples=300, deadline=None)
@given(
    lists=st.dictionaries(
        st.sampled_from(["a", "b", "c"]),
        st.lists(_phrase.map(" ".join), min_size=1, max_size=4),
        min_size=1,
    ),
    ws=st.lists(st.sampled_from(_VOCAB), max_size=12),
)
def test_matches_a_plain_scan(lists, ws):
    m = PhraseMatcher(lists)
    assert m.counts(ws) == _naive(lists, ws)
    assert m.counts(ws) == _naive(lists, ws)  # again, now from the caches
