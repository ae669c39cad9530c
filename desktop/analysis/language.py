"""Language identification for kk / ru / other, offline and dependency-free.

Kazakh Cyrillic has nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і); even a short
Kazakh sentence almost always contains several. Russian text contains none, apart
from stray quoted Kazakh names, hence a ratio rather than a single hit.
Counting runs through one charmap encode and bytes.translate in C (≈10 µs per 4 KB): this
is called once per imported article, so a Python loop over characters (≈0.5 ms each) would
cost ~50 s per 100k.
"""

from __future__ import annotations

import codecs
import re

KK_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Frequent Kazakh function words, for texts too short to carry a special letter.
_KK_WORDS = frozenset(
    "және мен бен пен деп бұл осы үшін еді болды туралы бойынша ол ма ме емес жоқ".split()
)
_RU_WORDS = frozenset("и в на с по не что это как для от из о к".split())
_PUNCT = ".,;:!?«»\"'()[]—–-…“”„"
# One charmap encode (C) turns the text into class bytes: ASCII as itself, Russian letters
# 0x80–0xC1, Kazakh-only letters 0xC2–0xD3, common non-ASCII punctuation after them; other
# characters are dropped. Each class is then counted with bytes.translate (C), ≈ 3x faster
# than one str.count per Kazakh letter plus a cp1251 encode.
_RU_LETTERS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_KK_ORDER = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
_TABLE = "".join(map(chr, range(128))) + _RU_LETTERS + _KK_ORDER + "«»—–“”„…№\xa0\u202f’‘"
_ENCODING_MAP = codecs.charmap_build(_TABLE + "\ufffe" * (256 - len(_TABLE)))
_RU0, _KK0 = 128, 128 + len(_RU_LETTERS)
_KK1 = _KK0 + len(_KK_ORDER)
_NOT_RU = bytes(b for b in range(256) if not _RU0 <= b < _KK0)
_NOT_KK = bytes(b for b in range(256) if not _KK0 <= b < _KK1)
_NOT_LATIN = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))


# Markup carries Latin letters that are not the text's language: tags and their attributes,
# scripts and styles, comments, entities, URLs. A page saved as text can be mostly that.
_MARKUP = re.compile(
    r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|</?[A-Za-z!?][^<>]{0,4000}>"
    r"|&#?\w{1,12};|(?:https?://|www\.)\S+|\[/?\w{1,20}(?:=[^\]\n]{0,200})?\]",
    re.IGNORECASE | re.DOTALL,
)


def _letters(chunk: str) -> str:
    """The chunk without markup; most articles have none and are returned as they are."""
    if chunk.count("<") > 1 or "://" in chunk or "[/" in chunk or "&#" in chunk or (
            "&nbsp;" in chunk or "&amp;" in chunk or "&quot;" in chunk):
        return _MARKUP.sub(" ", chunk)
    return chunk


def detect_language(text: str, sample: int = 4000) -> str:
    """Return "kk", "ru" or "other" for a text, judged on its letters: markup (tags,
    scripts, entities, URLs) is left out, and a sample that is mostly markup is read on
    until it holds enough letters (at most 16 samples)."""
    chunk = _letters(text[:sample])
    if len(chunk) < sample // 2 and len(text) > sample:
        # the head was mostly markup: look at the letters further on
        chunk = _letters(text[: sample * 16])[:sample]
    classes = codecs.charmap_encode(chunk, "ignore", _ENCODING_MAP)[0]
    kk = len(classes.translate(None, _NOT_KK))
    cyr = len(classes.translate(None, _NOT_RU)) + kk
    if cyr == 0:
        return "other"
    latin = len(classes.translate(None, _NOT_LATIN))
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
