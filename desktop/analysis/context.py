"""Words around a country mention that make it something else than the country.

A name or adjective before a language or currency noun names a language or a currency
("русский язык", "на турецком и английском языках", "курс российского рубля"); a name
inside a person's name is a name ("Дензел Вашингтон", "Дания Ахметова"); a month name in a
Kazakh date is a month ("5 қазанда", "қазан мен қараша"). The words are rule data (the
`[context]` table, see docs/rules.md); what counts as a name or a date is decided here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from desktop.analysis.morph import valid_tail
from desktop.analysis.rules import parse_pattern

_WORD = re.compile(r"[ \u00a0\u202f]*(,?)[ \u00a0\u202f]*([^\W\d_]+(?:-[^\W\d_]+)*)")
_NEXT_CAP = re.compile(r"[ \u00a0]([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі’']+)(?=[\s,.;:!?»)]|$)")
# the word before, read on the reversed text: a space, then a capitalised word
_PREV_CAP = re.compile(r"[ \u00a0]([a-zа-яёәғқңөұүһі’']+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])(?![^\W\d_])")
_NUMBER_BEFORE = re.compile(r"\d(?:-[^\W\d_]*[ \u00a0]+|[ \u00a0]+|-)\Z")  # "5 ", "5-"
_KK_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_SENTENCE_START = frozenset(".!?…\n\r\"«“„—–:;(")
# a Kazakh possessive ending makes a capitalised word an official noun ("Президенті",
# "Республикасы"), not a surname
_KK_POSS = ("сы", "сі", "ы", "і")


@dataclass
class ContextRules:
    """The compiled `[context]` lists."""

    heads: list[tuple[str, str]]  # (lowercase text, policy): language and currency nouns
    joins: frozenset[str]  # conjunctions joining a list of adjectives ("и", "және")
    months: frozenset[str]  # lowercase month names that are also places
    month_words: frozenset[str]  # every month name (a date's neighbours)
    month_after: tuple[str, ...]  # words after a month in a date ("ай", "айы")
    year_words: frozenset[str]  # "жылғы", "жылдың": a year before a month
    month_starts: frozenset[str] = frozenset()  # first three letters of `months`
    common: frozenset[str] = frozenset()  # names that are also common words ("того")
    cache: dict = field(default_factory=dict)


def compile_context(cfg: dict) -> ContextRules:
    """Compile the `[context]` table of the rules (lists of patterns, see docs/rules.md)."""
    def low(key: str) -> list[str]:
        return [str(x).lower() for x in cfg.get(key, ())]

    heads = [parse_pattern(p) for p in low("language_currency")]
    return ContextRules(
        heads=heads, joins=frozenset(low("joins")), months=frozenset(low("months")),
        month_words=frozenset(low("month_words")) | frozenset(low("months")),
        month_after=tuple(low("month_after")), year_words=frozenset(low("year_words")),
        month_starts=frozenset(m[:3] for m in low("months")),
        common=frozenset(low("common_words")),
    )


def _is_head(word: str, cx: ContextRules) -> bool:
    r = cx.cache.get(word)
    if r is None:
        w = word.lower()
        r = False
        for text, policy in cx.heads:
            if w == text or (w.startswith(text) and (
                    policy == "any" or policy == "suffix" and valid_tail(w[len(text):]))):
                r = True
                break
        cx.cache[word] = r
    return r


# A Kazakh possessive at the end of a word (-ы/-і/-сы/-сі, then maybe a case), not the
# accusative -ды/-ті/-ні: "Ресей валютасы", "АҚШ долларының", but "юаньді" is an object
_KK_POSSESSED = re.compile(
    "(?:[^дтн\\W][ыі]|с[ыі])(?:н|на|не|нда|нде|нан|нен|ның|нің|мен|ндағы|ндегі)?$")


# endings of an adjective between a country's adjective and its head noun (Russian, and
# Kazakh -ғы/-гі/-қы/-кі: "Британ жазғы уақыты")
_ADJ_ENDS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ого", "его", "ому", "ему", "ым", "им",
             "ом", "ем", "ую", "юю", "ые", "ие", "ых", "их", "ыми", "ими", "ғы", "гі", "қы", "кі")


def _before_head(text: str, e: int, cx: ContextRules, name: bool) -> bool:
    """Whether a language or currency noun follows text[e:], directly or after a list of
    joined words ("и английском языках", ", казахском и английском языках"). After a
    country's name (not an adjective) the noun must be possessed in Kazakh ("Ресей
    валютасы", "қазақ тілі"): "Аспан асты елі юаньді құлдыратты" is the country acting."""
    p = e
    adjective = False
    for _i in range(4):
        m = _WORD.match(text, p)
        if m is None:
            return False
        w = m.group(2)
        if _is_head(w, cx):
            return not name or _KK_POSSESSED.search(w.lower()) is not None
        if not adjective and not name and not m.group(1) and w.islower() and w.endswith(
                _ADJ_ENDS):  # one adjective between: "английскому летнему времени"
            adjective = True
            p = m.end()
            continue
        if m.group(1) or w.lower() in cx.joins:  # a list goes on: skip its next word
            if not m.group(1):
                m = _WORD.match(text, m.end())
                if m is None or m.group(1):
                    return False
            p = m.end()
            continue
        return False
    return False


def _language_adverb(text: str, s: int, phrase: str, rules) -> bool:
    """A Russian "по-русски", "по-китайски" or a Kazakh "орысша", "қытайша": in the
    language (an adjective with the adverb's ending)."""
    if phrase.endswith(("ски", "цки")) and text[s - 3:s].lower() == "по-":
        return True
    if not phrase.endswith(("ша", "ше")):
        return False
    stem = phrase[:-2]
    return any(sc is not None and stem in sc.table and phrase not in sc.table
               for sc in (rules.cap_scan, rules.low_scan))


def _month_word(word: str, cx: ContextRules, names: frozenset[str]) -> bool:
    w = word.lower()
    for k in range(len(w), 2, -1):
        if w[:k] in names and valid_tail(w[k:]):
            return True
    return False


_DASH_AFTER = re.compile(r"[ \u00a0]*[-–—,][ \u00a0]*([^\W\d_]+)")
_DIGIT_AFTER = re.compile(r"[ \u00a0]+\d")
# read on the reversed text before the word: separators, then a word, then maybe another
_BACK_WORD = re.compile(r"([ \u00a0]*[-–—,]?[ \u00a0]*)([^\W\d_]+)")
_BACK_NEXT = re.compile(r"[ \u00a0]+([^\W\d_]+)")


def _in_date(text: str, s: int, e: int, cx: ContextRules) -> bool:
    """Whether the month-like word text[s:e] stands in a date: after a number or a year
    ("5 қазанда", "2024 жылғы қазан"), before "ай" or a number ("қазан айында", "қазанның
    5-і"), or joined to another month ("қыркүйек пен қазан", "қазан мен қараша")."""
    months = cx.month_words
    if _NUMBER_BEFORE.search(text[max(0, s - 12):s]) or _DIGIT_AFTER.match(text, e):
        return True
    m = _WORD.match(text, e)
    if m is not None and not m.group(1):
        w = m.group(2).lower()
        if w.startswith(cx.month_after):
            return True
        if w in cx.joins:
            m2 = _WORD.match(text, m.end())
            if m2 is not None and _month_word(m2.group(2), cx, months):
                return True
    m = _DASH_AFTER.match(text, e)
    if m is not None and _month_word(m.group(1), cx, months):
        return True
    back = text[max(0, s - 40):s][::-1]
    bm = _BACK_WORD.match(back)
    if bm is None:
        return False
    prev = bm.group(2)[::-1].lower()
    if prev in cx.year_words:
        return True
    if bm.group(1).strip(" \u00a0"):  # "қыркүйек-қазан", "қыркүйек, қазан"
        return _month_word(prev, cx, months)
    if prev in cx.joins:  # "қыркүйек пен қазан"
        bm2 = _BACK_NEXT.match(back, bm.end())
        return bm2 is not None and _month_word(bm2.group(1)[::-1], cx, months)
    return False


def _sentence_start(text: str, s: int) -> bool:
    q = s
    while q > 0 and text[q - 1] in " \u00a0\t":
        q -= 1
    return q == 0 or text[q - 1] in _SENTENCE_START


def _has_hits(rules, text: str, s: int, e: int) -> bool:
    """Whether the whitespace-separated token holding text[s:e] holds a rule match."""
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    n = len(text)
    while e < n and not text[e].isspace():
        e += 1
    d = rules.token_cache.get(text[s:e])
    # a given name alone (given.py) or a sport word is no other rule's word: "Джек
    # Лондон" stays a name
    return bool(d) and bool(d.cap_multi or d.low_multi
                            or any(h[2] not in ("given", "sport") for h in d.both))


def _surname_like(word: str) -> bool:
    from desktop.analysis.entities import is_latin, not_name_word

    return (not not_name_word(word) and _KK_LETTERS.isdisjoint(word)
            and not (word.endswith(_KK_POSS) and not is_latin(word)))


def _in_person_name(text: str, s: int, e: int, sub: str, phrase: str, rules) -> bool:
    """Whether a capitalised country word without an ending is part of a person's name: a
    first name before a capitalised surname ("Дания Ахметова", "Чад Майклз"), or a city as
    a surname after a capitalised first name inside a sentence ("сказал Дензел
    Вашингтон")."""
    from desktop.analysis.entities import _SURNAME_ENDS, is_latin, name_like

    if not phrase[:1].isupper() or phrase.isupper() or " " in phrase:
        return False
    m = _NEXT_CAP.match(text, e)
    if m is not None:
        w = m.group(1)
        if (is_latin(w) == is_latin(phrase) and _surname_like(w)
                and not _has_hits(rules, text, m.start(1), m.end(1))):
            return True
    if sub != "city":
        return False  # a surname that is a country name is rare; a subject before an
        # object is not ("Байден Қытай басшысымен", Kazakh puts the verb last)
    back = text[max(0, s - 40):s][::-1]
    m = _PREV_CAP.match(back)
    if m is None:
        return False
    p = m.group(1)[::-1]
    ps = s - m.end()  # where the first name starts
    q = ps
    while q > 0 and text[q - 1] in " \u00a0":
        q -= 1
    if q == 0 or text[q - 1] in _SENTENCE_START:
        return False  # a capitalised word at a sentence start may be any word
    return (name_like(p, phrase) and _surname_like(p) and not p.endswith(_SURNAME_ENDS)
            and not _has_hits(rules, text, ps, ps + len(p)))


def not_a_country(text: str, s: int, e: int, sub: str, phrase: str, cx: ContextRules | None,
                  rules, bare: bool) -> bool:
    """Whether the country mention text[s:e] means something else in its context.

    `bare`: the mention is the rule's word without an ending (a name part is written so).
    """
    if cx is None:
        return False
    if cx.common and phrase.lower() in cx.common and (phrase.isupper() or _sentence_start(
            text, s)):
        return True  # "Того же мнения…": the common word
    if sub == "city" and s > 1 and text[s - 1] == "-" and text[s - 2].isalpha():
        return True  # the end of a compound place name ("плато Могольон-Рим")
    if sub != "city" and cx.heads and (_before_head(text, e, cx, sub == "name") or _language_adverb(
            text, s, phrase, rules)):
        return True
    if phrase[:3].lower() in cx.month_starts and _month_word(phrase, cx, cx.months) \
            and _in_date(text, s, e, cx):
        return True
    return bare and sub != "adjective" and _in_person_name(text, s, e, sub, phrase, rules)


_KK_RE = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# Russian function words: a sentence without Kazakh letters that has one is Russian
_RU_WORDS = re.compile(
    r"(?:^|[\s«(])(?:и|в|во|на|не|что|с|со|по|из|для|от|о|об|к|за|как|это|его|их|был|была|"
    r"были|будет|также|при|после|до|он|она|они)(?=[\s,.:;!?»)])", re.IGNORECASE)
_REACH = 400  # how far from a keyword its sentence's bounds are looked for
_BOUND = re.compile("[.!?\n]")


class SentenceLanguage:
    """Which language the sentence around a position is written in, for keywords listed
    for one language only: "kk" (it has Kazakh letters), "ru" (none, and a Russian function
    word), or "" (cannot tell: such a keyword is kept)."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.any_kk = _KK_RE.search(text) is not None
        self.whole = "" if self.any_kk else None  # the answer for a text without Kazakh
        self.span = (0, -1, "")  # the last sentence looked at: keywords come in text order
        self.bounds: list[int] | None = None  # where sentences may end, found once

    def at(self, pos: int) -> str:
        a, b, r = self.span
        if a <= pos < b:
            return r
        text = self.text
        if not self.any_kk:  # no Kazakh letter anywhere: Russian if it reads so
            if self.whole is None:
                self.whole = "ru" if _RU_WORDS.search(text) else ""
            return self.whole
        bounds = self.bounds
        if bounds is None:
            bounds = self.bounds = [m.start() for m in _BOUND.finditer(text)]
        # the sentence: from the last end before pos (within _REACH, else the text's start)
        # to the next end (within _REACH, else _REACH on)
        k = bisect_left(bounds, pos)
        a = bounds[k - 1] + 1 if k and bounds[k - 1] >= pos - _REACH else 0
        b = bounds[k] if k < len(bounds) and bounds[k] < pos + _REACH else min(
            pos + _REACH, len(text))
        if _KK_RE.search(text, a, b):
            r = "kk"
        else:
            r = "ru" if _RU_WORDS.search(text, a, b) else ""
        self.span = (a, b, r)
        return r

    def allows(self, lang: str, pos: int) -> bool:
        """Whether a keyword of `lang` ("kk" or "ru") found at `pos` counts."""
        here = self.at(pos)
        return not here or here == lang
