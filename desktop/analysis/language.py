"""Language identification for kk / ru / other, offline and dependency-free.

Kazakh Cyrillic has nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і); even a short
Kazakh sentence almost always contains several. Russian text contains none, apart
from stray quoted Kazakh names, hence a ratio rather than a single hit.
Counting runs through codecs and bytes.translate in C: this is called once per imported
article, so a Python loop over characters (≈0.5 ms each) would cost ~50 s per 100k.
"""

from __future__ import annotations

KK_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KK_LETTER_LIST = tuple(KK_LETTERS)
# Frequent Kazakh function words, for texts too short to carry a special letter.
_KK_WORDS = frozenset(
    "және мен бен пен деп бұл осы үшін еді болды туралы бойынша ол ма ме емес жоқ".split()
)
_RU_WORDS = frozenset("и в на с по не что это как для от из о к".split())
_PUNCT = ".,;:!?«»\"'()[]—–-…“”„"
# Counting through codecs + bytes.translate runs in C: cp1251 keeps the Russian alphabet
# (bytes 0xC0–0xFF, Ё 0xA8, ё 0xB8); Kazakh-only letters are counted separately.
_RU_BYTES = frozenset([*range(0xC0, 0x100), 0xA8, 0xB8])
_NOT_RU = bytes(b for b in range(256) if b not in _RU_BYTES)
_NOT_LATIN = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))


def detect_language(text: str, sample: int = 4000) -> str:
    """Return "kk", "ru" or "other" for a text (only the first `sample` chars are read)."""
    chunk = text[:sample]
    kk = sum(map(chunk.count, _KK_LETTER_LIST))
    cyr = len(chunk.encode("cp1251", "ignore").translate(None, _NOT_RU)) + kk
    if cyr == 0:
        return "other"
    latin = len(chunk.encode("ascii", "ignore").translate(None, _NOT_LATIN))
    if cyr < latin:
        return "other"
    ratio = kk / cyr
    if ratio >= 0.04:  # Kazakh prose runs at 8–15 %; short sentences rarely below 4 %
        return "kk"
    if not kk:
        if cyr < 200:  # a short line may be Kazakh without a Kazakh letter: "Осылай болды."
            words = [w.strip(_PUNCT) for w in chunk.casefold().split()]
            if sum(w in _KK_WORDS for w in words) > sum(w in _RU_WORDS for w in words):
                return "kk"
        return "ru" if cyr >= 3 else "other"
    # A few Kazakh letters: a Kazakh sentence, or a Kazakh name quoted in Russian
    # ("Токаев Қасым-Жомарт встретился…"). Function words decide.
    words = [w.strip(_PUNCT) for w in chunk.casefold().split()]
    kk_w = sum(w in _KK_WORDS for w in words)
    ru_w = sum(w in _RU_WORDS for w in words)
    if kk_w > ru_w or (ratio >= 0.01 and kk_w == ru_w):
        return "kk"
    return "ru" if cyr >= 3 else "other"
