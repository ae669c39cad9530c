"""Closed word classes that translate one-to-one between Kazakh and Russian, for alignment
anchors: months, weekdays and number words (a number written as a word on one side and in
digits on the other still matches). Lower-case stems; a text word matches a stem it starts
with, so inflected forms count (қаңтарда, января; сенбі күні, в субботу).
"""

from __future__ import annotations

import re

# month / weekday id -> stems per language
_DATES = {
    "m01": ("қаңтар", "январ"), "m02": ("ақпан", "феврал"), "m03": ("наурыз", "март"),
    "m04": ("сәуір", "апрел"), "m05": ("мамыр", "ма"), "m06": ("маусым", "июн"),
    "m07": ("шілде", "июл"), "m08": ("тамыз", "август"), "m09": ("қыркүйек", "сентябр"),
    "m10": ("қазан", "октябр"), "m11": ("қараша", "ноябр"), "m12": ("желтоқсан", "декабр"),
    "w1": ("дүйсенбі", "понедельник"), "w2": ("сейсенбі", "вторник"), "w3": ("сәрсенбі", "сред"),
    "w4": ("бейсенбі", "четверг"), "w5": ("жұма", "пятниц"), "w6": ("сенбі", "суббот"),
    "w7": ("жексенбі", "воскресень"),
}
# Stems that are too short or ambiguous to match by prefix must be whole words.
_EXACT = {"ru": {"ма": {"май", "мая", "мае", "маем"}, "сред": {"среда", "среду", "среды", "среде"}},
          "kk": {"жұма": {"жұма", "жұмада", "жұмадан"}}}

_UNITS = {
    "kk": {"екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9},
    "ru": {"два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "трёх": 3, "четыре": 4,
           "четырех": 4, "четырёх": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7,
           "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9},
}
_ONE = {"kk": {"бір"}, "ru": {"один", "одна", "одно", "одного", "одной", "одному"}}
_TENS = {
    "kk": {"он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60,
           "жетпіс": 70, "сексен": 80, "тоқсан": 90},
    "ru": {"десять": 10, "десяти": 10, "двадцать": 20, "двадцати": 20, "тридцать": 30,
           "тридцати": 30, "сорок": 40, "сорока": 40, "пятьдесят": 50, "пятидесяти": 50,
           "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90},
}
_TEENS_RU = {"одиннадцат": 11, "двенадцат": 12, "тринадцат": 13, "четырнадцат": 14,
             "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18,
             "девятнадцат": 19}
_WORD = re.compile(r"[^\W\d_]+")


def _tables(lang: str) -> tuple[dict[str, str], dict[str, str], tuple[int, ...]]:
    """(exact word -> anchor, stem -> anchor, stem lengths longest first) for a language."""
    col = 0 if lang == "kk" else 1
    exact_stems = _EXACT.get(lang, {})
    exact: dict[str, str] = {}
    stems: dict[str, str] = {}
    for key, pair in _DATES.items():
        st = pair[col]
        if st in exact_stems:
            exact.update(dict.fromkeys(exact_stems[st], "d:" + key))
        else:
            stems[st] = "d:" + key
    if lang == "ru":
        stems.update({st: f"n:{v}" for st, v in _TEENS_RU.items()})
    exact.update({w: f"n:{v}" for w, v in _UNITS.get(lang, {}).items()})
    return exact, stems, tuple(sorted({len(x) for x in stems}, reverse=True))


_TABLES = {lang: _tables(lang) for lang in ("kk", "ru")}


def lexicon_anchors(text: str, lang: str) -> set[str]:
    """Month, weekday ("d:…") and number-word ("n:…") anchors of a Kazakh or Russian text."""
    if lang not in _TABLES:
        return set()
    exact, stems, lengths = _TABLES[lang]
    tens, units, one = _TENS[lang], _UNITS[lang], _ONE[lang]
    words = [w.lower() for w in _WORD.findall(text)]
    out: set[str] = set()
    skip = -1
    for i, w in enumerate(words):
        if i == skip:
            continue
        if w in tens:  # "жиырма бес", "двадцать пять": one number
            v = tens[w]
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if nxt in units or nxt in one:
                v += units.get(nxt, 1)
                skip = i + 1
            out.add(f"n:{v}")
            continue
        hit = exact.get(w)
        if hit is None:
            for k in lengths:
                if len(w) >= k:
                    hit = stems.get(w[:k])
                    if hit is not None:
                        break
        if hit is not None:
            out.add(hit)
    return out
