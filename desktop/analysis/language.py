"""Language identification for kk / ru / other, offline and dependency-free.

Kazakh Cyrillic has nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і); even a short
Kazakh sentence almost always contains several. Russian text contains none, apart
from stray quoted Kazakh names, hence a ratio rather than a single hit.
Counting runs through C-level regex/str methods: this is called once per imported
article, so a Python loop over characters (≈0.5 ms each) would cost ~50 s per 100k.
"""

from __future__ import annotations

import re

KK_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KK_LETTER_LIST = tuple(KK_LETTERS)
# Frequent Kazakh function words, for texts too short to carry a special letter.
_KK_WORDS = frozenset("және мен бен пен деп бұл осы үшін еді болды туралы бойынша".split())
_RU_WORDS = frozenset("и в на с по не что это как для от из о к".split())
_CYR_RUNS = re.compile("[\u0400-\u04ff]+")
_LAT_RUNS = re.compile("[A-Za-z]+")


def detect_language(text: str, sample: int = 4000) -> str:
    """Return "kk", "ru" or "other" for a text (only the first `sample` chars are read)."""
    chunk = text[:sample]
    cyr = sum(map(len, _CYR_RUNS.findall(chunk)))
    if cyr == 0:
        return "other"
    latin = sum(map(len, _LAT_RUNS.findall(chunk)))
    if cyr < latin:
        return "other"
    kk = sum(map(chunk.count, _KK_LETTER_LIST))
    if kk / cyr >= 0.01:
        return "kk"
    words = chunk.casefold().split()
    kk_w = sum(w in _KK_WORDS for w in words)
    ru_w = sum(w in _RU_WORDS for w in words)
    if kk and kk_w > ru_w:
        return "kk"
    return "ru" if cyr >= 3 else "other"
