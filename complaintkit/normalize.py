"""Normalisation of social-media Russian as small pure ``str -> str`` functions.

Every function takes and returns a string, never raises on any Unicode input and is
idempotent (applying it twice changes nothing more), so they compose freely.
Placeholders such as ``_url_`` or ``_orderid_`` replace what they hide but keep the
fact that it was there: "has a link" and "has an order number" are strong signals.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "PLACEHOLDERS",
    "fix_lookalikes",
    "fold_case",
    "normalize",
    "normalize_unspaced",
    "remove_control",
    "replace_emoji",
    "replace_entities",
    "replace_smileys",
    "replace_yo",
    "squeeze_repeats",
    "unescape_html",
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
# HTML entities that exports and scrapers leave in text ("&quot;", "&amp;gt;", "&#39;").
_HTML_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,12}));")
_HTML_NAMED = {
    "amp": "&", "quot": '"', "apos": "'", "lt": "<", "gt": ">", "nbsp": " ",
    "laquo": "«", "raquo": "»", "ldquo": "“", "rdquo": "”", "bdquo": "„", "lsquo": "‘",
    "rsquo": "’", "mdash": "—", "ndash": "–", "hellip": "…", "copy": "©", "reg": "®",
    "trade": "™", "times": "×", "deg": "°", "euro": "€", "middot": "·", "bull": "•",
}  # fmt: skip
_LETTER_RUN_RE = re.compile(r"([a-z])\1\1+")
# "&amp;amp;amp;…" (escaped again and again) is "&": collapsed in one step, so that a long
# chain costs one pass instead of one pass per level.
_AMP_CHAIN_RE = re.compile(r"&(?:amp;|#0*38;|#x0*26;)+", re.IGNORECASE)


def _html_char(match: re.Match[str]) -> str:
    dec, hexa, name = match.groups()
    if name is not None:
        # Keys as later steps would leave them (lower case, letter runs squeezed), so
        # that no later step can turn a non-entity into one ("&AMP;", "&ammmp;").
        return _HTML_NAMED.get(_LETTER_RUN_RE.sub(r"\1", name.lower()), match.group(0))
    code = int(dec) if dec is not None else int(hexa, 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return match.group(0)
    return chr(code)


def unescape_html(text: str) -> str:
    """Decode HTML entities ("&quot;" -> '"', "&amp;gt;" -> ">", "&#39;" -> "'").

    Exports of social-media streams often keep them, twice escaped at times; decoding
    repeats until none is left. Named entities are a short list of the ones that occur
    in text (quotes, dashes, brackets); numeric ones decode to any character.
    """
    while "&" in text:
        decoded = _HTML_ENTITY_RE.sub(_html_char, _AMP_CHAIN_RE.sub("&", text))
        if decoded == text:
            break
        text = decoded
    return text


# A Latin look-alike (or zero) next to a Cyrillic letter. Written to start with the Latin
# class, so the engine jumps between the few Latin letters instead of trying every
# position (3.5x faster than the plain "Cyrillic-Latin or Latin-Cyrillic" alternation).
_LATIN_OR_ZERO_RE = re.compile(r"[acepoxykmthbu0ACEPOXYKMTHB](?:(?<=[а-яёА-ЯЁ].)|(?=[а-яёА-ЯЁ]))")
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


def squeeze_repeats(text: str) -> str:
    """Squeeze stretched letters ("оооочень" -> "очень") and long punctuation runs.

    A letter repeated three or more times becomes one; a run of four or more equal
    punctuation marks becomes three ("!!!!!!" -> "!!!").
    """
    return _REPEAT_RE.sub(_squeeze_run, text)


def _squeeze_run(match: re.Match[str]) -> str:
    run, char = match.group(0), match.group(1)
    if char.isalpha():
        return char
    if char in "!?.)(" and len(run) > 3:
        return char * 3
    return run


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
    (re.compile(r"(?<![\w@])@\w[\w@]*(?:[.,][\w@]+)*"), " _mention_ "),  # "пи@дец": no mention
    (re.compile(r"#(?=[^\W\d_])([\w@]+(?:[.,][\w@]+)*)"), r" _hashtag_ \1 "),
)  # fmt: skip


_DIGIT_RE = re.compile(r"\d")
_URL, _EMAIL, _MENTION, _HASHTAG = _ENTITY_PATTERNS
# Phones, order ids, dates, times, sums and plain numbers in one pass. Every alternative
# starts with a digit or a rare literal (no leading \b); the leading lookahead names those
# first characters, so at any other position the engine gives up after one check instead
# of trying every alternative (4x faster). At one position the first alternative wins, in
# this priority order. A match never ends right before a letter or digit ((?!\w)): what
# follows must look the same to the next pass as to this one (idempotence: "#00n00").
_NUMERIC_RE = re.compile(
    r"(?=[\d+№#nN$₽])"
    r"(?:(?P<phone>(?:\+7|8(?<!\w8))[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\w))"
    r"|(?P<orderid>[№#]\s?\d{2,}(?!\w)|[nN](?<!\w[nN])\s?\d{2,}(?!\w)|\d{6,}(?!\w))"
    r"|(?P<date>\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?(?!\w)|\d{1,2}\s(?:" + _MONTHS + r")(?!\w))"
    r"|(?P<time>\d{1,2}:\d{2}(?!\w))"
    r"|(?P<money>\d[\d\s]*(?:[.,]\d+)?\s?(?:руб\w*|р\b\.?|₽|тыс\w*|млн|к\b|\$|usd|евро)"
    r"|[$₽]\s?\d+(?!\w))"
    r"|(?P<num>\d+(?:[.,]\d+)?(?!\w)))",
    re.IGNORECASE,
)


def _numeric_placeholder(match: re.Match[str]) -> str:
    """Placeholder for one number-like match, judged by what stands before it."""
    kind, found = match.lastgroup, match.group(0)
    start, text = match.start(), match.string
    before = text[start - 1] if start else " "
    if kind in ("date", "time", "num", "money") and (before.isalnum() or before == "_"):
        # Digits glued to a word ("tele2", "x0:00"): the glued digits stay, the rest is
        # read again on its own; 5+ digits right after letters are an id ("ZK12345").
        lead = _LEADING_DIGITS_RE.match(found)
        digits = lead.group(0) if lead else ""
        if kind == "num" and len(digits) >= 5 and before.isalpha():
            return " _orderid_ "
        return digits + _NUMERIC_RE.sub(_numeric_placeholder, found[len(digits) :])
    if kind == "num" and before == "-" and start > 1 and text[start - 2].isalpha():
        return " _orderid_ " if len(found) >= 5 else " _num_ "  # "AB-12345"
    return f" _{kind}_ "


_LEADING_DIGITS_RE = re.compile(r"\d+")


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
        text = _NUMERIC_RE.sub(_numeric_placeholder, text)
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
_EMOJI_RE = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]\ufe0f?")


def _emoji_placeholder(match: re.Match[str]) -> str:
    return f" {_EMOJI_CLASS_OF.get(match.group(0)[0], '_emoji_')} "


def replace_emoji(text: str) -> str:
    """Replace emoji with a placeholder for its mood: angry, sad, laugh, love or other."""
    return _EMOJI_RE.sub(_emoji_placeholder, text)


# A smiley ending in a letter (":D", ";-D") must not be glued to what follows: eating the
# letter would uncover a mention or a number for the next pass (":D@a", ":)D0").
_SMILE_RE = re.compile(r"[:;=]-?[)dD]*\)(?!\d)|[:;=]-?[)dD]*[dD](?![\w@#&])|\){2,}")
_SAD_RE = re.compile(r"[:;=]-?\(+|\({2,}|(?<!\w)[dD]:|&gt;:\(|>:\(")


def replace_smileys(text: str) -> str:
    """Replace text smileys: ":)", "))" -> ``_smile_``; ":(", "((", "D:" -> ``_sad_``.

    A single bracket after a word is left alone: it closes a parenthesis as often as
    it smiles.
    """
    if not (")" in text or "(" in text or "d:" in text or "D:" in text):
        return text  # every smiley has a bracket, or is "D:"
    text = _SAD_RE.sub(" _sad_ ", text)
    return _SMILE_RE.sub(" _smile_ ", text)


def normalize(text: str) -> str:
    """Run every normalisation step in order; the result is lower-case, single-spaced.

    NFC, control characters, HTML entities, look-alikes, entities, emoji, case, ё, repeats, smileys.
    Entities come before case folding (their patterns are case-aware) and emoji before
    smileys (a smiley glued to an emoji is then seen once); smileys come last so that
    they see the final letters ("Ё0)" -> "ео)").
    """
    return " ".join(normalize_unspaced(text).split())


def normalize_unspaced(text: str) -> str:
    """``normalize`` without the final whitespace clean-up (a tokenizer does not need it)."""
    # NFC after dropping zero-width characters: "e\u200b\u0301" composes only then.
    text = unicodedata.normalize("NFC", remove_control(text))
    if "&" in text:  # what the entities hide gets the same clean-up as the rest
        text = unicodedata.normalize("NFC", remove_control(unescape_html(text)))
    mixed = _LATIN_OR_ZERO_RE.search(text) is not None
    if mixed:
        text = fix_lookalikes(text)
    text = replace_entities(text)
    if mixed:  # a placeholder may have split a digit off a mixed word ("#01XЁ")
        text = fix_lookalikes(text)
    return replace_smileys(squeeze_repeats(replace_yo(fold_case(replace_emoji(text)))))
