"""Japanese text as search compares it: one normalisation for every service.

Japanese has no spaces between words, so a text is searched by its character bigrams: a query of
two characters (焼酎, 半導体's 半導) is one bigram, a longer one the set of its bigrams, a single
character itself. Before that both sides are normalised the same way:

- NFKC (half-width ｶﾀｶﾅ and full-width ＡＢＣ／１２３ become their ordinary forms, ㈱ becomes (株));
- lower case;
- katakana folded to hiragana (カタカナ and かたかな match; the long-vowel mark ー stays as it is);
- spaces, punctuation and invisible format characters dropped (「AI・半導体」 matches 「ai半導体」).

:func:`normalise_with_origins` also says which character of the original text each normalised
character came from, so a match found in the normalised text is highlighted in the original.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter

from chiiki_common.errors import FieldProblem, ValidationFailed

_KATAKANA_FIRST, _KATAKANA_LAST = 0x30A1, 0x30F6
"""ァ … ヶ: each has its hiragana 0x60 below (ぁ … ゖ)."""
_ITERATION_MARKS = {0x30FD: 0x309D, 0x30FE: 0x309E}
"""ヽ ヾ → ゝ ゞ."""
_DROPPED_CATEGORIES = ("Z", "P", "Cf")
"""Separators (spaces), punctuation and format characters (zero-width space, BOM …)."""

MAX_QUERY_LENGTH = 100
"""Characters of a normalised query."""


def _fold_kana(char: str) -> str:
    code = ord(char)
    if _KATAKANA_FIRST <= code <= _KATAKANA_LAST:
        return chr(code - 0x60)
    return chr(_ITERATION_MARKS.get(code, code))


def _dropped(char: str) -> bool:
    return unicodedata.category(char).startswith(_DROPPED_CATEGORIES)


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character (C0, DEL or C1: Unicode category Cc)."""
    return any(unicodedata.category(char) == "Cc" for char in text)


@functools.lru_cache(maxsize=65_536)
def _pieces(char: str) -> tuple[tuple[str, bool], ...]:
    """What one character becomes, each piece with whether it is a combining mark (composed with
    the character before it). Texts repeat their characters, so this is asked once per character."""
    out: list[tuple[str, bool]] = []
    for piece in unicodedata.normalize("NFKC", char).lower():
        if unicodedata.combining(piece):
            out.append((piece, True))
        elif not (_dropped(piece) or unicodedata.category(piece) == "Cc"):
            out.append((_fold_kana(piece), False))
    return tuple(out)


def normalise_with_origins(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index in ``text`` it came from.

    Characters are normalised one by one (so each keeps its origin); a combining mark that NFKC
    produces (the half-width ﾞ ﾟ of ｶﾞ, ﾊﾟ) is composed with the character before it, as NFKC of
    the whole text would."""
    out: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for piece, combining in _pieces(char):
            if combining and out:
                composed = unicodedata.normalize("NFC", out[-1] + piece)
                if len(composed) == 1:
                    out[-1] = _fold_kana(composed)
                    continue
            out.append(piece)
            origins.append(index)
    return "".join(out), origins


def normalise(text: str) -> str:
    """``text`` as search compares it (see the module's docstring)."""
    return normalise_with_origins(text)[0]


def grams(normalised: str) -> set[str]:
    """Every character bigram of a normalised text and every single character: what the index
    holds for the text."""
    return set(normalised) | {normalised[i : i + 2] for i in range(len(normalised) - 1)}


def gram_counts(normalised: str) -> Counter[str]:
    """How often each gram of :func:`grams` occurs in a normalised text."""
    counts = Counter(normalised)
    counts.update(normalised[i : i + 2] for i in range(len(normalised) - 1))
    return counts


PREFIX_MARK = "#"
"""Starts the index keys of an identifier searched by its prefix (no normalised text holds it:
punctuation is dropped)."""


def prefix_keys(identifier: str) -> list[str]:
    """The keys under which an identifier (a 法人番号) is found from its first character on."""
    return [PREFIX_MARK + identifier[:n] for n in range(1, len(identifier) + 1)]


def query_grams(normalised: str) -> set[str]:
    """The grams a text must hold to contain ``normalised``: its bigrams, or the one character of a
    one-character query."""
    if len(normalised) == 1:
        return {normalised}
    return {normalised[i : i + 2] for i in range(len(normalised) - 1)}


def find_all(normalised_text: str, normalised_query: str) -> list[int]:
    """The start of every (non-overlapping) occurrence of the query in the text, both normalised."""
    starts: list[int] = []
    if not normalised_query:
        return starts
    at = normalised_text.find(normalised_query)
    while at >= 0:
        starts.append(at)
        at = normalised_text.find(normalised_query, at + len(normalised_query))
    return starts


def original_span(origins: list[int], text: str, start: int, length: int) -> tuple[int, int]:
    """The ``[start, end)`` in the original text of a match at ``start`` (``length`` normalised
    characters), from :func:`normalise_with_origins`'s origins."""
    first = origins[start]
    last = origins[start + length - 1]
    end = last + 1
    # the half-width voiced mark composed into the last character belongs to the match
    while end < len(text) and unicodedata.combining(
        unicodedata.normalize("NFKC", text[end])[:1] or " "
    ):
        end += 1
    return first, end


class InvalidQuery(ValidationFailed):
    slug, title = "search-query", "検索語を確認してください"


def parse_query(raw: str, field: str = "q") -> str:
    """A search query as the index compares it: 1 to :data:`MAX_QUERY_LENGTH` characters once
    normalised and no control character, or 422 on ``field`` saying what to change."""
    if has_control(raw):
        message = "制御文字は検索語に使用できません"
    else:
        query = normalise(raw)
        if query and len(query) <= MAX_QUERY_LENGTH:
            return query
        message = (
            f"検索語は{MAX_QUERY_LENGTH}文字以内で入力してください"
            if query
            else "検索語を入力してください(空白や記号だけでは検索できません)"
        )
    raise InvalidQuery(message, errors=[FieldProblem(field=field, message=message, code="query")])
