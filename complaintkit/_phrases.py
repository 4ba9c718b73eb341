"""Counting phrases of several word lists in one pass over a text's words.

A regular expression per list scans every text once per list (13 scans of each
comment). Here a text is split into words once; each distinct word is looked up once
per matcher (then cached) to learn which phrases may start at it, so a comment costs
about one dictionary lookup per word whatever the number of lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["PhraseMatcher", "split_words", "words"]

_WORD_RE = re.compile(r"[^\W_]+")
_NUM = "<num>"

# What one word (or a pair of words) tells: the lists whose phrase ends there, and the
# phrases that need more words (list index, the patterns of the words still to come).
_Entry = tuple[tuple[int, ...], tuple[tuple[int, tuple[str, ...]], ...]]
_NOTHING: _Entry = ((), ())


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (letters and digits, "теле2" is one), ё as е."""
    return split_words(text.lower().replace("ё", "е"))


def split_words(lowered: str) -> list[str]:
    """``words`` of a text already lower-cased with ё as е (skips doing that again)."""
    return _WORD_RE.findall(lowered)


def _word_matches(pattern: str, word: str) -> bool:
    if pattern == _NUM:
        return word[0].isdigit()
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


class PhraseMatcher:
    """Counts, per word list, how many of a text's words start a phrase of that list.

    Parameters
    ----------
    lists : mapping of name to phrases
        Phrase syntax as in ``complaintkit.lexicon``: words separated by spaces,
        ``stem*`` for a prefix, ``<num>`` for a number.
    cache_size : int
        Most distinct words (and word pairs) whose phrase starts are remembered
        (full, the two caches hold a few MB).
    """

    def __init__(self, lists: Mapping[str, Iterable[str]], cache_size: int = 20_000) -> None:
        self.names: tuple[str, ...] = tuple(lists)
        self.cache_size = cache_size
        self._exact: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self._prefix: dict[str, list[tuple[str, int, tuple[str, ...]]]] = {}
        for i, name in enumerate(self.names):
            for phrase in lists[name]:
                first, *rest = phrase.split()
                if first == _NUM:
                    raise ValueError(f"phrase {phrase!r} of {name!r} must start with a word")
                if first.endswith("*"):
                    stem = first[:-1]
                    if len(stem) < 2:
                        raise ValueError(f"prefix {first!r} of {name!r} is shorter than 2 letters")
                    self._prefix.setdefault(stem[:2], []).append((stem, i, tuple(rest)))
                else:
                    self._exact.setdefault(first, []).append((i, tuple(rest)))
        self._cache: dict[str, _Entry] = {}
        self._hot: set[str] = set()  # cached words where some phrase starts
        self._pairs: dict[tuple[str, str], _Entry] = {}

    def starts(self, word: str) -> _Entry:
        """Lists with a one-word phrase matching ``word``, and longer phrases starting there."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if word[0].isdigit():  # numbers ("48213", "5000р") start no phrase and would flood
            # the cache
            return _NOTHING
        found = list(self._exact.get(word, ()))
        found += [
            (i, rest) for stem, i, rest in self._prefix.get(word[:2], ()) if word.startswith(stem)
        ]
        hit = _split(found)
        if len(self._cache) < self.cache_size:
            self._cache[word] = hit
            if hit is not _NOTHING:
                self._hot.add(word)
        return hit

    def _pair(
        self, first: str, second: str, longer: tuple[tuple[int, tuple[str, ...]], ...]
    ) -> _Entry:
        hit = self._pairs.get((first, second))
        if hit is None:
            hit = _split([(i, rest[1:]) for i, rest in longer if _word_matches(rest[0], second)])
            if len(self._pairs) < self.cache_size and not second[0].isdigit():
                self._pairs[(first, second)] = hit
        return hit

    def counts(self, text_words: Sequence[str]) -> list[int]:
        """Per list (in ``names`` order), the number of words where one of its phrases starts."""
        out = [0] * len(self.names)
        cache, hot, n = self._cache, self._hot, len(text_words)
        # Most words start no phrase: find the few that do with set lookups in compiled
        # comprehensions, then work in Python only on those.
        fresh = {w: self.starts(w) for w in text_words if w not in cache}
        if fresh:
            spots = [
                i
                for i, w in enumerate(text_words)
                if w in hot or fresh.get(w, _NOTHING) is not _NOTHING
            ]
        else:
            spots = [i for i, w in enumerate(text_words) if w in hot]
        for pos in spots:
            word = text_words[pos]
            ends, longer = cache.get(word) or fresh[word]
            if longer and pos + 1 < n:
                ends2, longer = self._pair(word, text_words[pos + 1], longer)
                ends += ends2
                ends += tuple(i for i, rest in longer if _rest_matches(rest, text_words, pos + 2))
            counted = 0  # bit i set: list i already counted at this word
            for i in ends:
                if not counted >> i & 1:
                    out[i] += 1
                    counted |= 1 << i
        return out

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_cache"], state["_pairs"], state["_hot"] = {}, {}, set()
        return state


def _split(found: list[tuple[int, tuple[str, ...]]]) -> _Entry:
    if not found:
        return _NOTHING
    return tuple(i for i, rest in found if not rest), tuple((i, r) for i, r in found if r)


def _rest_matches(rest: tuple[str, ...], text_words: Sequence[str], start: int) -> bool:
    end = start + len(rest)
    return end <= len(text_words) and all(
        _word_matches(p, w) for p, w in zip(rest, text_words[start:end], strict=True)
    )
