"""Numbers written as words before a scale or percent word: "шесть миллионов", "үш пайыз",
"жиырма бес мың", "полтора миллиарда", "бір жарым миллион" read as 6e6, 3 %, 25 000, 1.5e9.

The number words are the alignment lexicon's (desktop.analysis.align_lexicon), so Kazakh and
Russian cover the same numbers by construction.
"""

from __future__ import annotations

import re

from desktop.analysis.align_lexicon import _ONE, _TEENS_RU, _TENS, _UNITS

_KK_LETTER = re.compile("[әғқңөұүһі]")


def _table() -> tuple[dict[str, float], dict[str, float]]:
    """(one-word numbers 1-19, 100; tens 10-90): word -> value, both languages."""
    small: dict[str, float] = {}
    tens: dict[str, float] = {}
    for lang in ("kk", "ru"):
        small.update(_UNITS[lang])
        small.update(dict.fromkeys(_ONE[lang], 1))
        for w, v in _TENS[lang].items():  # ten is both: "он" alone, "он бес" (15)
            tens[w] = v
            if v == 10:
                small[w] = v
    for stem, v in _TEENS_RU.items():  # одиннадцать, одиннадцати
        small[stem + "ь"] = small[stem + "и"] = v
    small.update({"сто": 100, "ста": 100, "жүз": 100, "полтора": 1.5, "полторы": 1.5,
                  "полутора": 1.5})
    return small, tens


_SMALL, _TENS_ALL = _table()
_SP = " \u00a0"


def _word_before(text: str, i: int) -> tuple[int, str]:
    """(start, lowercase word) of the word that ends right before `i` (spaces skipped)."""
    j = i
    while j > 0 and text[j - 1] in _SP:
        j -= 1
    k = j
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return k, text[k:j].lower()


# Russian hundreds (nominative and genitive)
_HUNDREDS_RU_VALUES = {w: 100.0 * (n // 2 + 2) for n, w in enumerate("""двести двухсот
триста трехсот четыреста четырехсот пятьсот пятисот шестьсот шестисот семьсот семисот
восемьсот восьмисот девятьсот девятисот""".split())}
_HUNDREDS_RU_VALUES.update({"трёхсот": 300.0, "четырёхсот": 400.0})
_HUNDREDS_RU = frozenset(_HUNDREDS_RU_VALUES)


def is_number_word(word: str) -> bool:
    """Whether a lowercase word is a number word (one read here, or a Russian hundred)."""
    return word in _SMALL or word in _TENS_ALL or word == "жарым" or word in _HUNDREDS_RU


_KK_ORD = re.compile("ыншы|інші|ншы|нші")
_RU_ORD_END = ("ом", "ой", "ый", "ая", "ое", "ого", "ых", "ым", "ую", "ые", "ий", "ей", "ья",
               "ье", "ому", "ых", "ыми")
# Russian ordinal stems: the number words less their last letter (двадцат-ом, пят-ом)
_RU_ORD_STEMS = frozenset({w[:-1] for w in (*_SMALL, *_TENS_ALL) if len(w) > 3}
                          | {"перв", "втор", "трет", "четверт", "седьм", "восьм", "сот"})
_KK_NUMBER_STEMS = tuple(w for w in (*_SMALL, *_TENS_ALL) if _KK_LETTER.search(w) or w in (
    "бір", "бес", "алты", "жеті", "сегіз", "тоғыз", "он", "елу", "отыз", "жетпіс", "сексен",
    "тоқсан", "жиырма", "алпыс", "қырық")) + ("мың", "миллион", "миллиард")
_SCALE_ADJ = re.compile(r"(?:ыншы|інші|ншы|нші)|(?:ный|ная|ное|ной|ных|ном|ную|ным|ные|ного)$")


def ordinal_word(word: str) -> bool:
    """Whether a lowercase word is an ordinal in words: "жиырмасыншы", "екінші",
    "двадцатом", "пятом" (a year or a rank written out, not an amount)."""
    if _KK_ORD.search(word) is not None:
        return word.startswith(_KK_NUMBER_STEMS)
    return any(word[:k] in _RU_ORD_STEMS and word[k:] in _RU_ORD_END
               for k in range(3, len(word) - 1))


def scale_adjective(word: str) -> bool:
    """Whether a scale word is an ordinal or an adjective: "мыңыншы", "миллионный"."""
    return _SCALE_ADJ.search(word) is not None


def _value(word: str) -> float | None:
    v = _SMALL.get(word)
    if v is None:
        v = _TENS_ALL.get(word)
    if v is None:
        v = _HUNDREDS_RU_VALUES.get(word)
    return v


def number_before(text: str, i: int) -> tuple[int, float] | None:
    """(start, value) of a number written in words that ends right before `i`, else None.

    Reads up to four words: "шесть", "двадцать пять", "пятьсот", "жиырма бес", "бес жүз
    елу", "бір жарым"; "он" (Kazakh ten, Russian "he") only in a text with Kazakh letters."""
    words: list[tuple[int, str]] = []
    k = i
    while len(words) < 4:
        k2, w = _word_before(text, k)
        if not w or not (_value(w) is not None or w == "жарым"):
            break
        words.append((k2, w))
        k = k2
    if not words or words[0][1] == "жарым" and len(words) == 1:
        return None
    if any(w == "он" for _k, w in words) and _KK_LETTER.search(text) is None:
        return None
    total = 0.0
    for _k, w in reversed(words):
        if w == "жарым":
            total += 0.5
        elif w in ("жүз", "сто") and total and total < 10:
            total *= 100  # "бес жүз": five hundred
        else:
            total += _value(w) or 0
    return words[-1][0], total
