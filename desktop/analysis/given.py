"""People named by a known given name and a surname: "Грег Кларк заявил", "с Риком Перри".

The given names come from the rule files (`[given_names]`, resources/gazetteers/
given_names.toml). They are compiled into the capitalised gazetteer scan as targets of kind
"given" (so finding them costs a cached token lookup, not a scan of the text), with the
Russian oblique cases generated here (Рика, Риком; Сары, Сару; Андрея; Марии). A given name
followed by a capitalised word that can be a surname names a person; the id is made from
the name in its citation form, so "Риком Перри" and "Рик Перримен" are one person.
"""

from __future__ import annotations

import re

from desktop.analysis.entities import (
    _SURNAME_ENDS,
    Hit,
    _add_titled,
    name_like,
    normalise_surname,
    not_name_word,
    overlap_test,
)
from desktop.analysis.given_forms import (
    COMMON,
    OBLIQUE,
    OBLIQUE_COMMON,
    VELAR_HUSH,
    VOWELS,
)

# the capitalised word after a given name
_U = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_L = "a-zа-яёәғқңөұүһі"
# a capitalised name word, also O'Хаган, Миллз-Хикс; spaces as written (NBSP, zero-width)
_PART = f"[{_U}](?:[’'][{_U}])?[{_L}]+(?:[’'][{_L}]+)?"
_NEXT = re.compile(f"[ \u00a0\u202f\u200b]+({_PART}(?:-{_PART})?)")
_SENTENCE_START = frozenset(".!?…\n\r\"«“„—–:;(")


def _sentence_start(text: str, s: int) -> bool:
    q = s
    while q > 0 and text[q - 1] in " \u00a0\t":
        q -= 1
    return q == 0 or text[q - 1] in _SENTENCE_START


# the ending a masculine surname takes beside a first name in -й/-ь in the same case
# (Андрея Кларка, Игорем Кларком)
_SOFT_TO_HARD = {"я": "а", "ю": "у", "ем": "ом", "е": "е", "и": "е"}
# the endings of a masculine surname in -а beside a consonant first name in that case
# (Хуана Варелы, Хуаном Варелой)
_A_SURNAME = {"а": ("ы", "и"), "у": ("е",), "ом": ("ой", "ей"), "ем": ("ой", "ей")}


def _ru_surname(last: str, first: str, form: str) -> str:
    """A surname in the case of the oblique first name `form` (of `first`) before it:
    Джонсу after Элину → Джонс, Кларком after Грегом → Кларк; -ов/-ин/-ский surnames
    by `normalise_surname`. A feminine first name leaves a foreign surname as written
    (Сары Пэйлин)."""
    w = normalise_surname(last)
    if w != last:
        return w
    if first[-1] in "ая":
        return last
    soft = first[-1] in "йь"
    ending = form[len(first) - 1:] if soft else form[len(first):]
    if soft:
        ending = _SOFT_TO_HARD.get(ending, "")
    if ending and last.endswith(ending) and len(last) - len(ending) >= 2:
        stem = last[: -len(ending)]
        if stem[-1] not in VOWELS and stem[-1] not in "йь":
            return stem
    for end in _A_SURNAME.get(ending, ()):
        stem = last[: -len(end)]
        # -и only after г, к, х and the hushing letters (Кеннеди is no form of Кеннеда)
        if last.endswith(end) and len(stem) >= 3 and (end != "и" or stem[-1] in VELAR_HUSH):
            return stem + "а"
    return last


_RU_PATRONYMIC = re.compile("(?:ович|евич|ьич|овн|евн|ичн)[а-я]{0,2}$")


def _is_patronymic(word: str) -> bool:
    """Владимирович, Петровна, Кемелұлы (any case): a patronymic, not a surname."""
    w = word.lower()
    return w.endswith(("ұлы", "қызы", "улы", "кызы")) or _RU_PATRONYMIC.search(w) is not None


def given_people(text: str, givens: list[Hit], taken: list[tuple[int, int]],
                 lang: str, original: str | None = None, known=None,
                 test=None) -> list[Hit]:
    """People named by a given name and a surname.

    `givens` are the given-name hits (sorted; id = citation form, subtype as in
    `given_surfaces`), `taken` the spans of every other hit (sorted): a name overlapping
    one is no new person. The word after the given name is the surname unless it is
    another given name followed by a capitalised word (Хуан Карлос Варела) or a
    patronymic (Владимир Владимирович Путин, Қасым-Жомарт Кемелұлы Тоқаев: the surname
    follows). A capitalised word after the surname is not taken in: Kazakh often puts a
    place or team not in the rules there; but one that is never part of a name (an
    organisation noun: "Дана Бас Ассамблеясында") makes the pair no person. Russian oblique cases count outside Kazakh
    text, and in it only where the surname takes the same case (a name copied from
    Russian). A name that is also a common word (`common`) at a sentence start needs a
    surname-like word (-ов, -ева, -ұлы) after it. `original` is the text before ё was
    folded: a name written with ё (Бён) is a name only if `known` (the surfaces) has it
    so (Артём), not when listed without it (Бен). `test` may bring the overlap test of
    `taken` already made (`entities.overlap_test`).
    """
    out: list[Hit] = []
    # overlap_test(taken), made when a first name has a capitalised word after it

    def overlaps(a: int, b: int) -> bool:
        nonlocal test
        if test is None:
            test = overlap_test(taken)
        return test(a, b)

    given_at = {g[0]: g for g in givens}
    skip_to = -1
    kk = lang == "kk"
    for g in givens:
        s = g[0]
        if s < skip_to or (s and (text[s - 1].isalnum() or text[s - 1] in "-’'.")):
            continue  # inside a word or a name taken already, or an initial before it
        m = _NEXT.match(text, g[1])
        if m is None:
            continue
        if original is not None and original[s:g[1]] != g[5] and (
                known is None or original[s:g[1]] not in known):
            continue
        first, ref = g[3], g
        ls, le, word = m.start(1), m.end(1), m.group(1)
        nxt = given_at.get(ls)
        if nxt is not None or _is_patronymic(word):
            m2 = _NEXT.match(text, le)
            if m2 is not None and not overlaps(m2.start(1), m2.end(1)):
                if nxt is not None:  # two given names and a surname: Хуан Карлос Варела
                    first, ref = f"{first} {nxt[3]}", nxt
                ls, le, word = m2.start(1), m2.end(1), m2.group(1)
            elif nxt is None:
                continue  # a first name and a patronymic, no surname
        if overlaps(s, le) or not name_like(g[5], word):
            continue
        m3 = _NEXT.match(text, le)
        if m3 is not None and not_name_word(m3.group(1)):
            continue  # Бас Ассамблеясында, … Press: the start of an organisation's name
        if g[4] in (COMMON, OBLIQUE_COMMON) and _sentence_start(text, s) and not (
                normalise_surname(word) != word or word.endswith(_SURNAME_ENDS)):
            continue
        if ref[4] in (OBLIQUE, OBLIQUE_COMMON) or g[4] in (OBLIQUE, OBLIQUE_COMMON):
            cited = _ru_surname(word, ref[3], ref[5]) if ref[4] in (OBLIQUE, OBLIQUE_COMMON) \
                else normalise_surname(word)
            if kk and cited == word:
                continue  # a Russian case in Kazakh text only with the surname in it too
            word = cited
        _add_titled(out, text, first, word, s, le, ls)
        skip_to = le
    return out
