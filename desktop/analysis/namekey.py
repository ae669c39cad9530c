"""One key for one name across scripts and spellings: Тоқаев = Токаев = Tokayev = Tokaev.

`name_key(s)` transliterates Kazakh/Russian Cyrillic and folds Latin into one ASCII
alphabet, strips a Kazakh or Russian case ending conservatively, then keeps the consonant
skeleton (vowels, й/y and soft signs dropped, doubled letters merged). Kazakh and Russian
spell the same name with different vowels and inserted vowels (Өзбекстан / Узбекистан,
Мирзиёев / Mirziyoyev), but rarely with different consonants, so the skeleton is what the
spellings share. A short skeleton (one consonant) keeps its vowels, folded, so that very
short names do not all collide.

Pure and cached; used by pairing (counterparts), marks/mismatches and search.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["name_key", "word_key", "strip_case_ending"]

# Cyrillic (Russian + Kazakh) → Latin; Kazakh letters fold onto their Russian neighbours,
# and х onto k because Kazakh writes қ where Russian writes х (Қазақстан / Казахстан)
_CYR = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y", "і": "i", "к": "k", "қ": "k",
    "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "k", "һ": "k",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}
_VOWELS = set("aeiouy")

# Case endings, longest first. Only endings holding a consonant matter: vowels are dropped
# from the key anyway (Токаева, Токаеву → the skeleton of Токаев). Kazakh endings that
# begin with қ/к/т/п follow an obstruent (Ташкентке, Тоқаевқа); checking that keeps
# Russian -ке/-та words (Америке, Мальта) whole.
_KK_ENDINGS = (
    "ндағы", "ндегі", "дағы", "дегі", "тағы", "тегі", "ның", "нің", "дың", "дің", "тың",
    "тің", "дан", "ден", "тан", "тен", "нан", "нен", "нда", "нде", "мен", "бен", "пен",
    "ға", "ге", "қа", "ке", "да", "де", "та", "те", "ды", "ді", "ты", "ті", "ны", "ні",
)
_RU_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ом", "ем", "ём", "ым", "им",
               "ах", "ях", "ам", "ям")
_ENDINGS = tuple(sorted(set(_KK_ENDINGS + _RU_ENDINGS), key=len, reverse=True))
_AFTER_VOICELESS = {"қа", "ке", "та", "те", "ты", "ті", "тың", "тің", "тан", "тен", "тағы",
                    "тегі", "пен"}
# obstruents: voiceless ones, and voiced ones that Kazakh devoices at the end of a loanword
# (Тоқаевтың, Биркенхедте); sonorants and vowels take the voiced endings
_OBSTRUENTS = set("пткқсфхшщцчһвбгғдзж")
_MIN_STEM = 4  # letters left after stripping; shorter words are kept whole

_LATIN_RULES = (
    (re.compile(r"dzh|dj"), "zh"), (re.compile(r"j"), "zh"), (re.compile(r"kh|x(?=[aeiou])"), "k"),
    (re.compile(r"x"), "ks"), (re.compile(r"q"), "k"), (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"), (re.compile(r"th"), "t"), (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"c"), "k"),
    (re.compile(r"tsh"), "ch"), (re.compile(r"(?<![szc])h"), "k"),
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def strip_case_ending(word: str) -> str:
    """The word without one Kazakh or Russian case ending, when a long enough stem remains."""
    w = word.lower()
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= _MIN_STEM:
            stem = w[: -len(end)]
            if end in _AFTER_VOICELESS and stem[-1] not in _OBSTRUENTS:
                continue
            if stem.endswith("с") and end in ("тан", "тен"):
                continue  # -стан is a place name (Өзбекстан), not an ablative
            return stem
    return w


def _latin(word: str) -> str:
    """Lower-case ASCII spelling of a Cyrillic word, or of a Latin one folded likewise."""
    if any(ch in _CYR for ch in word):
        return "".join(_CYR.get(ch, ch if "a" <= ch <= "z" else "") for ch in word)
    # Latin with diacritics (Kazakh Latin ş, ğ, ñ, Uzbek oʻ): the base letter
    s = "".join(d for ch in word for d in unicodedata.normalize("NFKD", ch) if "a" <= d <= "z")
    s = s.replace("ch", "\x01")  # keep ch through the c → k/s rules
    for pat, rep in _LATIN_RULES:
        s = pat.sub(rep, s)
    return s.replace("\x01", "ch")


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """Key of one word (no spaces); '' when the word has no letters."""
    w = word.lower()
    cyr = any(ch in _CYR for ch in w)
    if cyr:
        w = strip_case_ending(w)
    lat = _latin(w)
    if not lat:
        return ""
    cons = [c for c in lat if c not in _VOWELS]
    merged: list[str] = []
    for c in cons:
        if not merged or merged[-1] != c:
            merged.append(c)
    skel = "".join(merged)
    if len(merged) >= 2:
        return skel
    # one consonant or none: keep folded vowels so Ли, Ала, Ое stay apart
    folded = "".join("o" if c in "ou" else ("e" if c in "ei" else c) for c in lat if c != "y")
    return re.sub(r"(.)\1+", r"\1", folded)


@lru_cache(maxsize=65536)
def name_key(s: str) -> str:
    """Key of a name, one or several words (Қасым-Жомарт Тоқаев → 'ksm-zhmrt tkv').

    Words keep their order; hyphenated parts are keyed separately and joined with '-'.
    """
    parts = []
    for token in s.split():
        sub = [word_key(m.group(0)) for m in _WORD.finditer(token)]
        sub = [k for k in sub if k]
        if sub:
            parts.append("-".join(sub))
    return " ".join(parts)
