"""Language identification for kk / ru / other, offline and dependency-free.

Kazakh Cyrillic has nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і); even a short
Kazakh sentence almost always contains several. Russian text contains none, apart
from stray quoted Kazakh names, hence a ratio rather than a single hit.
"""

from __future__ import annotations

KK_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Frequent Kazakh function words, for texts too short to carry a special letter.
_KK_WORDS = frozenset("және мен бен пен деп бұл осы үшін еді болды туралы бойынша".split())
_RU_WORDS = frozenset("и в на с по не что это как для от из о к".split())


def detect_language(text: str, sample: int = 4000) -> str:
    """Return "kk", "ru" or "other" for a text (only the first `sample` chars are read)."""
    chunk = text[:sample]
    cyr = kk = latin = 0
    for ch in chunk:
        if "\u0400" <= ch <= "\u04ff":
            cyr += 1
            if ch in KK_LETTERS:
                kk += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    if cyr == 0 or cyr < latin:
        return "other"
    if kk / cyr >= 0.01:
        return "kk"
    words = chunk.casefold().split()
    kk_w = sum(w in _KK_WORDS for w in words)
    ru_w = sum(w in _RU_WORDS for w in words)
    if kk and kk_w > ru_w:
        return "kk"
    return "ru" if cyr >= 3 else "other"
