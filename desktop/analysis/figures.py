"""Key figures: money amounts, counts and percentages, normalised for comparison.

`$10 млрд` → 1e10 USD, `1,7 млрд доллар` → 1.7e9 USD, `23 мыңнан астам компания` →
23000 count (more_than, unit "компания"), `25 пайыз` → 25 percent, `321 км` → 321 count
(unit "км": a measure, in every language), `шесть миллионов человек` → 6e6 count. Years,
dates, durations, ordinals (14-ші), list numbers and a measure's bracketed restatement in
other units ("200 миля (321 км)") are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from desktop.analysis.figure_words import (
    is_number_word,
    number_before,
    ordinal_word,
    scale_adjective,
)
from desktop.analysis.model import Figure
from desktop.analysis.morph import valid_tail

_SP = "[ \u00a0\u202f\u2009]"
_KK_SUFFIX = (
    "ден|дан|тен|тан|нен|нан|ге|ға|ке|қа|не|на|ге|ші|шы|інші|ыншы|ы|і|сы|сі|да|де|та|те|"
    "нда|нде|ның|нің|дың|дің|тың|тің|ы|ын|ін|ға|ке"
)
_ORDINAL = re.compile(r"(?:ші|шы|інші|ыншы|й|го|му|м|я|е|ой|ого|th|st|nd|rd)$")
_WORD = re.compile(r"[^\W\d_][^\W\d_\-]*")
_WS = re.compile(_SP + "*")
_NEXT = re.compile(_SP + r"*([^\W\d_][^\W\d_\-]*)")  # the next word after spaces


class _WordInfo(NamedTuple):
    low: str
    percent: bool  # "пайыз", "процентов"
    currency: str | None  # ISO code of a currency word ("доллар", "теңгеден")
    multi: tuple[tuple[str, str], ...]  # multi-word currencies starting with this word
    after: str | None  # qualifier written after the number ("астам", "свыше")
    skip: bool  # a date or duration word ("жылы", "ноября")
    verb: bool  # a verb ending: not a counted noun
    adj: bool  # an adjective ending: the counted noun follows
    upper: bool  # starts with a capital: not a unit
    unit_too: bool  # a currency word that is also a unit of measure ("фунт": a currency
    # after a scale word, "5 млн фунт", else a weight, "550 фунт")
    measure: bool  # a unit of measure ("км", "милях", "градусов")


def _confirmed(text: str, pos: int, low: str, fr: FigureRules) -> int:
    """Where the word after `pos` ends if it makes a unit-or-currency word `low` a
    currency, as the second word of a multi-word currency ("фунтов стерлингов"); else -1."""
    nw = _NEXT.match(text, pos)
    if nw is None:
        return -1
    nxt = nw.group(1).lower()
    if any(low.startswith(first) and nxt.startswith(second)
           for first, second in fr.unit_seconds):
        return nw.end()
    return -1


def _word_info(word: str, fr: FigureRules) -> _WordInfo:
    low = word.lower()
    currency = None
    k = 0
    for k in range(min(len(low), 8), 1, -1):
        currency = fr.words.get(low[:k])
        if currency:
            break
    measure = _is_measure(word, fr)  # "10 см" (not the preposition "с" with an ending)
    return _WordInfo(
        low, low.startswith(fr.percent), currency or None,
        tuple((k[1], c) for k, c in fr.multi if low == k[0]),
        _after_qualifier(word, fr.after), not measure and _is_skip(word, fr.skip, fr.skip_exact),
        low.endswith(_VERB_END), low.endswith(_ADJ_END), word[0].isupper(),
        bool(currency) and low[:k] in fr.unit_too, measure,
    )


@dataclass
class FigureRules:
    regex: re.Pattern[str]
    scales: list[tuple[str, float]]
    currencies: list[tuple[str, str]]
    percent: tuple[str, ...]
    before: dict[str, str]
    after: dict[str, str]
    skip: frozenset[str]
    symbols: frozenset[str] = frozenset("$")
    words: dict[str, str] = field(default_factory=dict)  # lowercase currency stem -> ISO
    multi: list[tuple[tuple[str, str], str]] = field(default_factory=list)
    skip_exact: frozenset[str] = frozenset()  # "жаста!": this word only, not "жастар"
    unit_too: frozenset[str] = frozenset()  # currency stems that are also units ("фунт")
    # (first word, second word) of multi-word currencies starting with a unit_too stem
    unit_seconds: tuple[tuple[str, str], ...] = ()
    # words right before a number that make it a label or a clock time ("рейс 6321",
    # "сағат 7-де", "номер 5"), as skip_units: a stem of 3+ letters or "word!"
    skip_before: frozenset[str] = frozenset()
    skip_before_exact: frozenset[str] = frozenset()
    # units of measure, as skip_units but a stem of three letters or more only
    measures: frozenset[str] = frozenset()
    measures_exact: frozenset[str] = frozenset()
    measure_prefixes: frozenset[str] = frozenset()  # "текше", "кв": the unit follows
    # first word -> beginnings of the second, of two words that are a date or an age
    skip_pairs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # scale and percent words a number written in words may stand before ("миллион")
    word_triggers: tuple[str, ...] = ()
    cache: dict[str, _WordInfo] = field(default_factory=dict, repr=False)
    scale_cache: dict[str, float] = field(default_factory=dict, repr=False)

    def scale_of(self, word: str) -> float:
        """Multiplier of a scale word as matched ("млрд", "миллиона"), cached per word."""
        v = self.scale_cache.get(word)
        if v is None:
            sw = word.lower()
            v = next((m for k, m in self.scales if sw.startswith(k)), 1.0)
            if len(self.scale_cache) > 10_000:
                self.scale_cache.clear()
            self.scale_cache[word] = v
        return v

    def info(self, word: str) -> _WordInfo:
        """What a word next to a number can be (percent, currency, qualifier…), cached."""
        wi = self.cache.get(word)
        if wi is None:
            if len(self.cache) > 100_000:
                self.cache.clear()
            wi = self.cache[word] = _word_info(word, self)
        return wi


def compile_figures(cfg: dict) -> FigureRules:
    """Build the one figure regex from the `[figures]` tables of the rule files."""
    scales = sorted(((k.lower(), float(v)) for k, v in (cfg.get("scales") or {}).items()),
                    key=lambda kv: -len(kv[0]))
    currencies = sorted(((k, str(v)) for k, v in (cfg.get("currencies") or {}).items()),
                        key=lambda kv: -len(kv[0]))
    percent = tuple(w.lower() for w in (cfg.get("percent") or {}).get("words", ["%"])
                    if w[:1].isalpha())
    q = cfg.get("qualifiers") or {}
    skip_words = [w.lower() for w in (cfg.get("skip_units") or {}).get("words", [])]
    skip = frozenset(w for w in skip_words if not w.endswith("!"))
    before_words = [w.lower() for w in (cfg.get("skip_before") or {}).get("words", [])]
    measure_words = [w.lower() for w in (cfg.get("measures") or {}).get("words", [])]
    sym = "".join(re.escape(k) for k, _ in currencies if len(k) == 1 and not k.isalnum())
    unit_too = frozenset(w.lower() for w in (cfg.get("unit_currencies") or {}).get("words", []))
    scale_alt = "|".join(re.escape(k) for k, _ in scales) or "(?!)"
    rx = re.compile(
        rf"(?P<num>[0-9](?:[0-9]{{0,2}}(?:{_SP}[0-9]{{3}})+(?:,[0-9]+)?|[0-9]*(?:[.,][0-9]+)?))"
        rf"(?P<suf>-?(?:{_KK_SUFFIX})(?![^\W\d_]))?"
        rf"(?P<pct>{_SP}?%)?"
        rf"(?:{_SP}?(?P<scale>(?:{scale_alt})[^\W\d_]*\.?))?"
    )
    fr = FigureRules(rx, scales, currencies, percent,
                       {k.lower(): v for k, v in (q.get("before") or {}).items()},
                       {k.lower(): v for k, v in (q.get("after") or {}).items()}, skip,
                       frozenset(sym),
                       {k.lower(): c for k, c in currencies if k[0].isalnum() and " " not in k},
                       [((k.split()[0].lower(), k.lower()), c) for k, c in currencies if " " in k],
                       frozenset(w[:-1] for w in skip_words if w.endswith("!")),
                       unit_too, tuple(
                           (k.lower().split()[0], k.lower().split()[1]) for k, _c in currencies
                           if " " in k and k.lower().split()[0] in unit_too),
                       frozenset(w for w in before_words if not w.endswith("!")),
                       frozenset(w[:-1] for w in before_words if w.endswith("!")),
                       frozenset(w for w in measure_words if not w.endswith("!") and len(w) >= 3),
                       frozenset(w.rstrip("!") for w in measure_words
                                 if w.endswith("!") or len(w) < 3),
                       frozenset(w.lower() for w in (cfg.get("measures") or {}).get(
                           "prefixes", [])))
    # Numbers in words are Kazakh or Russian and go with a scale word written out
    # ("шесть миллионов", not "шесть млн"): Cyrillic words of five letters or more, and
    # "мың"; the shortest stems only, each searched once in a text
    stems = sorted({k for k in (*(k for k, _v in scales), *percent)
                    if _CYRILLIC.fullmatch(k) and (len(k) >= 5 or k == "мың")}, key=len)
    for pair in (cfg.get("skip_pairs") or {}).get("pairs", []):
        first, _sp, second = pair.lower().partition(" ")
        fr.skip_pairs[first] = (*fr.skip_pairs.get(first, ()), second)
    fr.word_triggers = tuple(w for i, w in enumerate(stems)
                             if not any(w.startswith(o) for o in stems[:i]))
    return fr


_CYRILLIC = re.compile("[а-яёәғқңөұүһі]+")


_SENT_WINDOW = 400
_SENT_END = re.compile("[.!?] |\n")


def _bounds(text: str, start: int, end: int) -> tuple[int, int, int]:
    """(a, boundary, b): text[a:b] is the sentence around text[start:end], `boundary` the
    position of the first ". ", "! ", "? " or line break at or after `end` (len(text) if none).

    The start is searched backwards in a window first (a hit there is also the nearest in
    the whole text); the end is one regex search that stops at the first boundary.
    """
    lo = max(0, start - _SENT_WINDOW)
    a = text.rfind(". ", lo, start)
    for sep in ("! ", "? ", "\n"):
        i = text.rfind(sep, a if a > lo else lo, start)
        if i > a:
            a = i
    if a < 0 and lo:
        a = max(text.rfind(". ", 0, lo + 1), text.rfind("! ", 0, lo + 1),
                text.rfind("? ", 0, lo + 1), text.rfind("\n", 0, lo + 1))
    a = 0 if a < 0 else a + 1
    m = _SENT_END.search(text, end)
    if m is None:
        return a, len(text), len(text)
    return a, m.start(), m.start() + 1


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (". ", "! ", "? " or a line break end it)."""
    a, _boundary, b = _bounds(text, start, end)
    return text[a:b].strip()


class _SentenceCache:
    """The sentence of the previous figure, reused when the next one lies in it too.

    Exact: the next figure (s, e) has the same end when no boundary starts before e (the
    previous boundary is at or after e), and the same start when no boundary lies wholly
    between the previous start and s (only one that ends past the previous figure's start
    can be new, hence the search from there, bounded by s).
    """

    __slots__ = ("text", "a", "s", "boundary", "sentence")

    def __init__(self, text: str):
        self.text = text
        self.boundary = -1

    def get(self, s: int, e: int) -> str:
        text = self.text
        if e <= self.boundary and _SENT_END.search(text, max(self.a, self.s - 1), s) is None:
            self.s = s
            return self.sentence
        a, self.boundary, b = _bounds(text, s, e)
        self.a, self.s = a, s
        self.sentence = text[a:b].strip()
        return self.sentence


def _next_word(text: str, pos: int) -> tuple[str, int, int]:
    m = _WS.match(text, pos)
    p = m.end() if m else pos
    w = _WORD.match(text, p)
    if not w:
        return "", p, p
    return w.group(), w.start(), w.end()


_QUALIFIER_WINDOW = 40  # characters before a number searched for a qualifier word
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _prev_word(text: str, pos: int) -> str:
    """The word just before `pos` (spaces between skipped), lowercased; "" if none.

    Read from a reversed window, so one regex match finds it: a qualifier is a short word.
    """
    seg = text[max(0, pos - _QUALIFIER_WINDOW):pos].rstrip(" \u00a0\u202f\u2009")[::-1]
    m = _LETTER_RUN.match(seg)
    if m is None:
        return ""
    w = m.group()
    if len(w) == len(seg) and pos > _QUALIFIER_WINDOW or not w.isalpha():
        i = pos  # a word longer than the window, or one with a non-letter: step through it
        while i > 0 and text[i - 1] in " \u00a0\u202f\u2009":
            i -= 1
        j = i
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        return text[j:i].lower()
    return w[::-1].lower()


_ADJ_END = ("ых", "их", "ый", "ая", "яя", "ое", "ые", "ие", "ыми", "ими", "ого", "ной", "ской",
            "кен", "ген", "қан", "ған", "лық", "лік", "дық", "дік", "тық", "тік", "ті", "ты")


_VERB_END = ("ды", "ді", "ты", "ті", "ады", "еді", "йды", "йді", "ады", "ейді", "айды", "ған",
             "ген", "ыпты", "іпті")


def _after_qualifier(word: str, after: dict[str, str]) -> str | None:
    w = word.lower()
    if w in after:
        return after[w]
    for k in range(min(len(w) - 1, 8), 1, -1):
        v = after.get(w[:k])
        if v and valid_tail(w[k:]):
            return v  # астамын, астамы
    return None


def _is_measure(word: str, fr: FigureRules, derived: bool = False) -> bool:
    """Whether a word is a unit of measure: a listed word, or a stem of three letters or
    more with a case ending (метрге, милях, градусов; not "метро", "футбол"), or when
    `derived` with an adjective's suffix ("300-килограммовое", "5-метровый", "10-тонный")."""
    w = word.lower().rstrip(".")
    if not derived and (w in fr.measures or w in fr.measures_exact):
        return True  # (not "44-м", "5-е": an ordinal's ending)
    for k in range(3, len(w)):
        if w[:k] in fr.measures and (valid_tail(w[k:]) or derived and w[k:k + 2] in (
                "ов", "ны", "на", "но", "ну", "ом")):  # -овый, -ный (тонный, градусная)
            return True
    return False


_KK_DY = ("ды", "ді", "ты", "ті")
_KK_PARTICLES = frozenset(("де", "да", "та", "те", "ма", "ме", "ба", "бе", "па", "пе", "ғой",
                           "қой", "ғана", "қана", "ал", "ол"))


def _pair_follows(text: str, pos: int, first: str, fr: FigureRules) -> bool:
    """Whether the word after `pos` begins as a skip pair with `first` says ("үлкен")."""
    nw = _NEXT.match(text, pos)
    return nw is not None and nw.group(1).lower().startswith(fr.skip_pairs[first])


def _kk_adjective(text: str, pos: int, wi: _WordInfo, fr: FigureRules) -> bool:
    """Whether a Kazakh word in -ды/-ті after a number, which reads as a past-tense verb
    ("болды"), is an adjective or an object before the noun or verb it goes with: "38
    маңызды бақ", "22 санатты айыптау", "2,6 допты іліп" (a lowercase word follows, with
    no punctuation between, that is no verb, date word or particle)."""
    if not wi.low.endswith(_KK_DY) or len(wi.low) < 5:
        return False
    nw = _NEXT.match(text, pos)
    if nw is None:
        return False
    w2 = fr.info(nw.group(1))
    return not (w2.upper or w2.skip or w2.verb or w2.low in _KK_PARTICLES)


def is_measure(unit: str | None, fr: FigureRules) -> bool:
    """Whether a figure's unit (`Figure.unit`) is a unit of measure ("км", "милях", "°C",
    "килограммовое"), not a counted noun."""
    if not unit:
        return False
    w = unit.split()[0]
    return w.startswith("°") or _is_measure(w, fr) or _is_measure(w, fr, derived=True)


def _is_skip(word: str, skip: frozenset[str], exact: frozenset[str] = frozenset()) -> bool:
    w = word.lower().rstrip(".")
    if w in skip or w in exact:
        return True
    # stems with endings: жылы, айдың, году, ноября, қарашада
    for k in range(1, min(len(w), 9)):
        if w[:k] in skip and (k >= 3 or valid_tail(w[k:])):
            return True
    return False


_DIGIT_MASK = bytes(48 if 48 <= i <= 57 else 32 for i in range(256))  # digit -> "0", else " "


_LATIN_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9]*)[ \u00a0]\Z")
_LATIN_COMMON = frozenset("""
the in on at of by to for from with and or some over about around under nearly almost more
than only just all up top since until till after before per each every
""".split())


def _model_name(text: str, s: int, fr: FigureRules) -> bool:
    """Whether the number at `s` follows a Latin name with a capital letter, as model and
    product names do ("Boeing 737", "iPhone 15"), not an English word or qualifier."""
    m = _LATIN_BEFORE.search(text, max(0, s - 24), s)
    if m is None:
        return False
    w = m.group(1)
    return (w != w.lower() and w.lower() not in _LATIN_COMMON and w.lower() not in fr.before
            and not w.isupper())


def _after_number(text: str, i: int) -> bool:
    """Whether the digits ending at text[i] are a number of their own (not "BID2517")."""
    while i >= 0 and text[i].isdigit():
        i -= 1
    return i < 0 or not text[i].isalnum()


def _lead_zero(m: re.Match[str]) -> bool:
    """Whether a matched number starts with a zero and another digit: a code, not a value."""
    raw = m.group("num")
    return len(raw) > 1 and raw[0] == "0" and raw[1].isdigit()


_DEGREE = re.compile(r"[ \u00a0]?°[ \u00a0]?[CСFФ]?(?![^\W\d_])")
# a bracket right after a measure (its unit may go on: "миль/ч"), holding a number
_RESTATE = re.compile(r"(?:/[^\W\d_]+\.?)?[ \u00a0]*\(([^()\n]{1,40})\)")


def _measure_in(inner: str, fr: FigureRules) -> bool:
    """Whether bracketed text restates a measure: a number, then a unit of measure."""
    m = re.search(r"\d", inner)
    if m is None:
        return False
    rest = inner[m.start():]
    return "°" in rest or any(_is_measure(w, fr) for w in _WORD.findall(rest))


def extract_figures(text: str, fr: FigureRules) -> list[Figure]:
    """Every key figure in `text`, in order, with spans into `text`: numbers in digits,
    and numbers in words before a scale or percent word ("шесть миллионов", "үш пайыз")."""
    out = _digit_figures(text, fr)
    words = _word_figures(text, fr)
    if words:
        out = sorted(out + words, key=lambda f: f.span[0])
    return out


def _word_figures(text: str, fr: FigureRules) -> list[Figure]:
    """Figures whose number is written in words, found from their scale or percent word
    (a few str.find calls per text: the costly reading runs only around such a word)."""
    out: list[Figure] = []
    for stem in fr.word_triggers:
        i = text.find(stem)
        while i >= 0:
            if i > 1 and text[i - 1] in " \u00a0" and not text[i - 2].isdigit():
                f = _word_figure(text, i, fr)
                if f is not None:
                    out.append(f)
            i = text.find(stem, i + len(stem))
    return out


def _word_figure(text: str, i: int, fr: FigureRules) -> Figure | None:
    """The figure of a scale or percent word at `i` after a number in words, else None."""
    hit = number_before(text, i)
    if hit is None:
        return None
    s, value = hit
    wm = _WORD.match(text, i)
    word = wm.group()
    pct = word.lower().startswith(fr.percent)
    mult = 1.0 if pct else fr.scale_of(word)
    if not pct and mult == 1.0:
        return None
    end = wm.end()
    nw = _NEXT.match(text, end)
    wi = fr.info(nw.group(1)) if nw else None
    if scale_adjective(word.lower()) or nw is not None and (
            is_number_word(nw.group(1).lower()) or ordinal_word(nw.group(1).lower())):
        return None  # a year or an ordinal in words: "две тысячи двадцатом году", "екі
        # мың жиырмасыншы жылы", "Екі мыңыншы", "миллионный город"
    currency = unit = None
    if pct:
        unit = "%"
    elif wi is not None:
        ws = nw.start(1)
        for k, c in wi.multi:  # "АҚШ доллары"
            if text[ws:ws + len(k) + 1].lower().replace("\u00a0", " ").startswith(k):
                after = _WORD.match(text, ws + len(k))
                currency, end = c, after.end() if after else ws + len(k)
                break
        else:
            if wi.currency:
                currency, end = wi.currency, nw.end()
        if currency:
            nw = _NEXT.match(text, end)
            wi = fr.info(nw.group(1)) if nw else None
    qualifier = None
    if wi is not None and wi.after:
        qualifier, end = wi.after, nw.end()
        nw = _NEXT.match(text, end)
        wi = fr.info(nw.group(1)) if nw else None
    if not pct and not currency and wi is not None and not (wi.upper or wi.skip or wi.verb):
        unit, end = nw.group(1), nw.end()
        if wi.adj or wi.low.rstrip(".") in fr.measure_prefixes:  # an adjective runs on to its
            # noun: "пяти тысяч рабочих мест", "екі мың шаршы метр"
            n2 = _NEXT.match(text, end)
            w2 = fr.info(n2.group(1)) if n2 else None
            if w2 is not None and not (w2.upper or w2.skip or w2.verb):
                unit, end = text[nw.start(1):n2.end()], n2.end()
    pw = _prev_word(text, s) if s else ""
    if pw and _is_skip(pw, fr.skip_before, fr.skip_before_exact):
        return None
    kind = "percent" if pct else "money" if currency else "count"
    return Figure(text=text[s:end], value=float(value if pct else value * mult), kind=kind,
                  unit=unit,
                  currency=currency, qualifier=fr.before.get(pw) or qualifier, span=(s, end),
                  sentence=_sentence(text, s, end))


def _digit_figures(text: str, fr: FigureRules) -> list[Figure]:
    """Every figure written with digits in `text`, in order, with spans into `text`.

    Per number only a few regex calls run; what each neighbouring word can be (currency,
    percent, qualifier, date word…) is looked up in a per-word cache.
    """
    out: list[Figure] = []
    if not any(d in text for d in "0123456789"):
        return out
    # Every match starts at an ASCII digit and one always matches there, so the matches of
    # finditer are: match at the first digit, then at the first digit after its end. The
    # digits are found with bytes.find in a same-length mask (one byte per character),
    # which is cheaper than letting the regex engine test every character of the text.
    find = text.encode("ascii", "replace").translate(_DIGIT_MASK).find
    match = fr.regex.match
    symbols = fr.symbols
    info = fr.info
    sentence = _SentenceCache(text).get
    nxt_word = _NEXT.match
    restated = -1  # the end of a bracketed restatement of the last measure ("(321 км)")
    p = find(b"0")
    while p >= 0:
        m = match(text, p)
        s, e = m.span()
        p = find(b"0", e)
        if s < restated:
            continue
        pre = None
        if s and text[s - 1] in symbols:  # "$10 млрд" (the symbol starts the figure)
            pre, s = text[s - 1], s - 1
        elif s > 1 and text[s - 1] in " \u00a0" and text[s - 2] in symbols:
            pre, s = text[s - 2], s - 2
        prev = text[s - 1] if s else " "
        if prev.isalnum() or prev in "№#" or (prev in "-./:" and s >= 2 and text[s - 2].isalnum()):
            continue
        if prev in " \u00a0" and s >= 2 and text[s - 2].isdigit() and _after_number(text, s - 2) \
                or _lead_zero(m):
            continue  # a phone number or a code: "0800 555 111", "007"
        nxt = text[e:e + 2]
        if nxt[:1] in (".", ":", "/") and nxt[1:2].isdigit():
            continue  # 15.03.2025, 10:30
        if nxt[:1] in ("-", "–") and nxt[1:2].isdigit():
            continue  # 14-15 қараша, 2005-2025, a score 3–1
        raw, suf, pct, scale_word = m.group("num", "suf", "pct", "scale")
        if suf and _ORDINAL.search(suf) and suf.lstrip("-") in ("ші", "шы", "інші", "ыншы"):
            continue
        compact = raw
        if len(raw) > 3 and not raw[1:4].isdigit():
            compact = raw.replace(" ", "").replace("\u00a0", "").replace("\u202f", "") \
                .replace("\u2009", "")
        thousands = compact != raw
        try:
            value = float(compact.replace(",", "."))
        except ValueError:
            continue
        if not pct and text[e:e + 1] == "-":  # "14-процентном росте", "5-пайыздық"
            hw = _WORD.match(text, e + 1)
            if hw is not None and hw.group().lower().startswith(fr.percent):
                pct, e = True, hw.end()
        pct = bool(pct)
        measure_unit = None  # "30 °C", "300-килограммовое": the unit is glued to the number
        if not pct and not scale_word and not pre:
            dm = _DEGREE.match(text, e)
            if dm is not None:
                measure_unit, measure_end = dm.group().strip(" \u00a0"), dm.end()
            elif text[e:e + 1] == "-":
                hw = _WORD.match(text, e + 1)
                if hw is not None and _is_measure(hw.group(), fr, derived=True):
                    measure_unit, measure_end = hw.group(), hw.end()
        mult = 1.0
        if scale_word:
            mult = fr.scale_of(scale_word)
        currency = None
        if pre:
            currency = next((c for k, c in fr.currencies if k == pre), None)
        end = at = e
        # currency / percent word after the number or scale
        nw = nxt_word(text, end)
        wi = info(nw.group(1)) if nw else None
        if measure_unit is not None:
            nw = wi = None
            end = measure_end
        if not pct and wi is not None and wi.percent:
            pct, end = True, nw.end()
            nw = nxt_word(text, end)
            wi = info(nw.group(1)) if nw else None
            at = end
        if currency is None and not pct and wi is not None:
            ws = nw.start(1)
            for k, c in wi.multi:  # "АҚШ доллары"
                if text[ws:ws + len(k) + 1].lower().replace("\u00a0", " ").startswith(k):
                    after = _WORD.match(text, ws + len(k))
                    currency = c
                    end = after.end() if after else ws + len(k)
                    break
            else:
                if wi.currency and (scale_word or not wi.unit_too):
                    currency, end = wi.currency, nw.end()
                elif wi.currency:
                    end2 = _confirmed(text, nw.end(), wi.low, fr)
                    if end2 > 0:
                        currency, end = wi.currency, end2
            if end != at:
                nw = nxt_word(text, end)
                wi = info(nw.group(1)) if nw else None
                at = end
        if currency is None and not pct and text[end:end + 1] in ("$", "€", "₸", "£", "₽"):
            currency = next((c for k, c in fr.currencies if k == text[end]), None)
            end += 1
            nw = nxt_word(text, end)
            wi = info(nw.group(1)) if nw else None
        qualifier = None  # one written before the number is looked up once the figure is kept
        if wi is not None and wi.after:
            qualifier = wi.after
            end = nw.end()
            nw = nxt_word(text, end)
            wi = info(nw.group(1)) if nw else None
        unit = measure_unit
        kind = "percent" if pct else "money" if currency else "count"
        if kind == "count" and not scale_word and nw is not None and nw.start(1) == e:
            continue  # a word glued to the number is a name or a typo: 5G, 3D, "0ведены"
        if kind == "count" and wi is not None and not wi.upper:
            if wi.skip or wi.low in fr.skip_pairs and _pair_follows(text, nw.end(), wi.low, fr):
                if not scale_word:
                    continue  # a date or a duration: "9 айдың", "15 ноября", "20 жас үлкен"
            elif not wi.verb or _kk_adjective(text, nw.end(), wi, fr):
                unit, end = nw.group(1), nw.end()
                w2 = wi
                for _i in range(2):  # adjectives run on to their noun: "новых рабочих мест"
                    if not w2.adj and w2.low.rstrip(".") not in fr.measure_prefixes:
                        break  # (as "текше", "кв." to their unit: "текше метр")
                    n2 = nxt_word(text, end)
                    if n2 is None:
                        break
                    w2 = info(n2.group(1))
                    if w2.upper or w2.skip or w2.verb:
                        break
                    unit, end = text[nw.start(1):n2.end()], n2.end()
        if kind == "count" and not scale_word and not unit and not thousands:
            continue  # a bare number: list item, age, score…
        measure = measure_unit is not None or bool(unit) and wi is not None and wi.measure
        if (kind == "count" and not scale_word and not thousands and 1900 <= value <= 2100
                and value == int(value) and not measure):
            continue  # a year
        if kind == "percent":
            unit = "%"
        if s:
            pw = _prev_word(text, s)
            if pw and _is_skip(pw, fr.skip_before, fr.skip_before_exact):
                continue  # a label or a clock time: "рейс 6321", "сағат 7-де"
            if kind == "count" and _model_name(text, s, fr):
                continue  # "Boeing 737", "iPhone 15"
            qualifier = fr.before.get(pw) or qualifier
        out.append(Figure(
            text=text[s:end], value=value * mult, kind=kind, unit=unit, currency=currency,
            qualifier=qualifier, span=(s, end), sentence=sentence(s, end),
        ))
        if measure:
            rm = _RESTATE.match(text, end)
            if rm is not None and _measure_in(rm.group(1), fr):
                restated = rm.end()  # "200 миля (321 км)": one quantity, not two
    return out
