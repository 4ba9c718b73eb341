"""Normalisation of social-media Russian as small pure ``str -> str`` functions.

Every function takes and returns a string, never raises on any Unicode input and is
idempotent (applying it twice changes nothing more), so they compose freely.
Placeholders such as ``_url_`` or ``_orderid_`` replace what they hide but keep the
fact that it was there: "has a link" and "has an order number" are strong signals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = [
    "PLACEHOLDERS",
    "fix_lookalikes",
    "fold_case",
    "normalize",
    "remove_control",
    "replace_emoji",
    "replace_entities",
    "replace_smileys",
    "replace_yo",
    "squeeze_repeats",
]

#: Every placeholder token that ``normalize`` may emit.
PLACEHOLDERS: tuple[str, ...] = (
    "_url_",
    "_email_",
    "_mention_",
    "_hashtag_",
    "_phone_",
    "_orderid_",
    "_date_",
    "_time_",
    "_money_",
    "_num_",
    "_emoji_",
    "_emoji_angry_",
    "_emoji_sad_",
    "_emoji_laugh_",
    "_emoji_love_",
    "_smile_",
    "_sad_",
)

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


def remove_control(text: str) -> str:
    """Drop control and zero-width characters and collapse whitespace to single spaces."""
    if not text.isprintable():
        text = _CONTROL_RE.sub("", text)
    return " ".join(text.split())


def fold_case(text: str) -> str:
    """Lower-case the text (``casefold`` would turn ß into ss; Russian needs only lower)."""
    return text.lower()


def replace_yo(text: str) -> str:
    """Write ё as е, as most Russian writers do."""
    return text.replace("ё", "е").replace("Ё", "Е")


_LOOKALIKES = str.maketrans(
    {
        "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к",
        "m": "м", "t": "т", "h": "н", "b": "в", "u": "и", "0": "о",
        "A": "А", "C": "С", "E": "Е", "O": "О", "P": "Р", "X": "Х", "Y": "У", "K": "К",
        "M": "М", "T": "Т", "H": "Н", "B": "В",
    }
)  # fmt: skip
# A look-alike touching a Cyrillic letter: the only case worth the full pattern.
_LATIN_OR_ZERO_RE = re.compile(
    r"[а-яёА-ЯЁ][acepoxykmthbu0ACEPOXYKMTHB]|[acepoxykmthbu0ACEPOXYKMTHB][а-яёА-ЯЁ]"
)
_MIXED_WORD_RE = re.compile(
    r"\b(?=\w*[а-яёА-ЯЁ])(?=\w*[acepoxykmthbu0ACEPOXYKMTHB])[а-яёА-ЯЁacepoxykmthbu0ACEPOXYKMTHB]+\b"
)


def fix_lookalikes(text: str) -> str:
    """Turn Latin look-alike letters (and zero) into Cyrillic inside Cyrillic words.

    "xpeнь" typed with Latin x, p and e becomes "хрень". Words with no Cyrillic letter
    ("tele2", "ok") and words with other Latin letters are left alone.
    """
    if not _LATIN_OR_ZERO_RE.search(text):
        return text
    return _MIXED_WORD_RE.sub(lambda m: m.group(0).translate(_LOOKALIKES), text)


_REPEAT_RE = re.compile(r"(.)\1\1+")  # simpler than a letter class, and 3x faster
_REPEAT_PUNCT_RE = re.compile(r"([!?.)(])\1{3,}")


def squeeze_repeats(text: str) -> str:
    """Squeeze stretched letters ("оооочень" -> "очень") and long punctuation runs.

    A letter repeated three or more times becomes one; a run of four or more equal
    punctuation marks becomes three ("!!!!!!" -> "!!!").
    """
    text = _REPEAT_RE.sub(_squeeze_letter, text)
    return _REPEAT_PUNCT_RE.sub(r"\1\1\1", text)


def _squeeze_letter(match: re.Match[str]) -> str:
    char = match.group(1)
    return char if char.isalpha() else match.group(0)


_MONTHS = (
    r"январ[ьяе]|феврал[ьяе]|марта?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|августа?|"
    r"сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]"
)
# Order matters: each pattern runs on the output of the previous ones; mentions and
# hashtags come after numbers so that a second pass finds nothing new (idempotence).
_ENTITY_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:ru|рф|com|net|org|su|me|cc|ly|co)/\S*",
                re.IGNORECASE), " _url_ "),
    (re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b"), " _email_ "),
    (re.compile(r"(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b"), " _phone_ "),
    (re.compile(r"(?:№|#|\bn\s?)\s?\d{2,}|\b\d{6,}\b|\b[a-zа-яё]{1,3}-?\d{5,}\b", re.IGNORECASE),
     " _orderid_ "),
    (re.compile(r"\b\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b|\b\d{1,2}\s(?:" + _MONTHS + r")\b",
                re.IGNORECASE), " _date_ "),
    (re.compile(r"\b\d{1,2}:\d{2}\b"), " _time_ "),
    (re.compile(r"(?:\d[\d\s]*(?:[.,]\d+)?\s?(?:руб\w*|р\b\.?|₽|тыс\w*|млн|к\b|\$|usd|евро)|[$₽]\s?\d+)",
                re.IGNORECASE), " _money_ "),
    (re.compile(r"\b\d+(?:[.,]\d+)?\b"), " _num_ "),
    (re.compile(r"(?<![\w@])@\w[\w@]*"), " _mention_ "),  # "пи@дец" is no mention
    (re.compile(r"#(?=[^\W\d_])([\w@]+)"), r" _hashtag_ \1 "),
)  # fmt: skip


_DIGIT_RE = re.compile(r"\d")
_URL, _EMAIL, _PHONE, _ORDER, _DATE, _TIME, _MONEY, _NUM, _MENTION, _HASHTAG = _ENTITY_PATTERNS
_NUMERIC = (_PHONE, _ORDER, _DATE, _TIME, _MONEY, _NUM)


def replace_entities(text: str) -> str:
    """Replace links, e-mails, mentions, phones, order ids, dates, times, sums and numbers.

    A hashtag keeps its word after the ``_hashtag_`` marker ("#ненависть" ->
    "_hashtag_ ненависть"), since the word itself carries meaning. Cheap character
    checks skip the patterns that cannot match (most comments have no link or digit).
    """
    if "/" in text or "www" in text or "WWW" in text:
        text = _URL[0].sub(_URL[1], text)
    at = "@" in text
    if at:
        text = _EMAIL[0].sub(_EMAIL[1], text)
    if _DIGIT_RE.search(text):
        for pattern, repl in _NUMERIC:
            text = pattern.sub(repl, text)
    if at:
        text = _MENTION[0].sub(_MENTION[1], text)
    if "#" in text:
        text = _HASHTAG[0].sub(_HASHTAG[1], text)
    return text


_EMOJI_CLASSES: tuple[tuple[str, str], ...] = (
    ("😡🤬😠👿💢🖕", "_emoji_angry_"),
    ("😢😭😞😔☹🙁😩😫😤🤮🤢💩👎🙄😒", "_emoji_sad_"),
    ("😂🤣😆😅😁😹🤡", "_emoji_laugh_"),
    ("👍❤💖💕😍🥰😘🔥👏🙏😊🙂😉💯✨🎉🤩💪", "_emoji_love_"),
)
_EMOJI_CLASS_OF = {ch: ph for chars, ph in _EMOJI_CLASSES for ch in chars}
_EMOJI_RE = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]\ufe0f?"
)


def _emoji_placeholder(match: re.Match[str]) -> str:
    return f" {_EMOJI_CLASS_OF.get(match.group(0)[0], '_emoji_')} "


def replace_emoji(text: str) -> str:
    """Replace emoji with a placeholder for its mood: angry, sad, laugh, love or other."""
    return _EMOJI_RE.sub(_emoji_placeholder, text)


_SMILE_RE = re.compile(r"[:;=]-?[)dD]+|\){2,}")
_SAD_RE = re.compile(r"[:;=]-?\(+|\({2,}|(?<!\w)[dD]:|&gt;:\(|>:\(")


def replace_smileys(text: str) -> str:
    """Replace text smileys: ":)", "))" -> ``_smile_``; ":(", "((", "D:" -> ``_sad_``.

    A single bracket after a word is left alone: it closes a parenthesis as often as
    it smiles.
    """
    if ")" not in text and "(" not in text and ":" not in text:
        return text
    text = _SAD_RE.sub(" _sad_ ", text)
    return _SMILE_RE.sub(" _smile_ ", text)


_STEPS: tuple[Callable[[str], str], ...] = (
    remove_control,
    fix_lookalikes,  # first: "#0Ё" must read "#оЁ" before hashtags are looked for
    replace_entities,  # before case folding: the entity patterns are case-aware
    fix_lookalikes,  # again: a placeholder may have split off a digit ("#01XЁ")
    replace_emoji,  # before smileys: a smiley glued to an emoji is then seen once
    fold_case,
    replace_yo,
    squeeze_repeats,
    replace_smileys,  # last: it must see the final letters ("Ё0)" -> "ео)")
    remove_control,
)


def normalize(text: str) -> str:
    """Run every normalisation step in order; the result is lower-case, single-spaced."""
    text = unicodedata.normalize("NFC", text)
    for step in _STEPS:
        text = step(text)
    return text
